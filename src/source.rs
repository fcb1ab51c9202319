//! A text the user gave us, with its name, so that errors can point into it.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

/// A named text: a configuration, calendar or batch file, read by the caller.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in errors: the path as the user gave it.
    pub name: Arc<str>,
    /// The whole text.
    pub text: Arc<str>,
}

impl Source {
    /// A source from a name and its text.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The location of a byte span in this source.
    pub(crate) fn at(&self, span: Range<usize>) -> Location {
        Location::from_span(self.name.clone(), self.text.clone(), span)
    }

    /// An error at a byte span in this source.
    pub(crate) fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::Input {
            location: Box::new(self.at(span)),
            message: message.into(),
        }
    }

    /// Parses the whole text as TOML into `T`, mapping errors to this source's locations.
    pub(crate) fn parse_toml<T: DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(&self.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().replace('\n', "; ");
            self.error(span, message)
        })
    }
}
