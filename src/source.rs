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

    /// A source from a file's bytes, which must be UTF-8 text. Anything else is an error at
    /// the first byte that is not, naming the byte.
    pub fn from_bytes(name: impl Into<Arc<str>>, bytes: Vec<u8>) -> Result<Source> {
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(
                name,
                text.strip_prefix('\u{feff}').unwrap_or(&text),
            )),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let byte = e.as_bytes()[at];
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                // The lossy text replaces bad bytes, so find the same place in it.
                let pos = String::from_utf8_lossy(&e.as_bytes()[..at]).len();
                let source = Source::new(name, lossy);
                Err(source.error(
                    pos..pos + 1,
                    format!("byte 0x{byte:02X} is not UTF-8 text; golive reads UTF-8 files"),
                ))
            }
        }
    }

    /// A source from an iCalendar file's bytes. RFC 5545 3.1 lets a simple writer fold a line
    /// inside a multi-byte UTF-8 character; the bytes of such a character are joined again
    /// before decoding (moved ahead of the fold, so that line numbers stay as they are).
    pub fn from_ics_bytes(name: impl Into<Arc<str>>, bytes: Vec<u8>) -> Result<Source> {
        if std::str::from_utf8(&bytes).is_ok() {
            return Source::from_bytes(name, bytes);
        }
        let is_continuation = |b: u8| b & 0xC0 == 0x80;
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let fold = match &bytes[i..] {
                [b'\r', b'\n', b' ' | b'\t', ..] => 3,
                [b'\n', b' ' | b'\t', ..] => 2,
                _ => 0,
            };
            let tail = bytes[i + fold..]
                .iter()
                .take_while(|&&b| is_continuation(b))
                .count();
            if fold > 0 && tail > 0 {
                out.extend_from_slice(&bytes[i + fold..i + fold + tail]);
                out.extend_from_slice(&bytes[i..i + fold]);
                i += fold + tail;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        Source::from_bytes(name, out)
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

/// Line numbers of increasing byte offsets in one text, counted incrementally so that
/// numbering every row of a big file stays linear.
#[derive(Debug)]
pub(crate) struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset`; offsets before the previous one restart the count.
    pub(crate) fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.text[self.at..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let err = Source::from_bytes("x.toml", b"a = 1\ntimezone = \"\xff\xfe\"\n".to_vec())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x.toml:2:13: byte 0xFF is not UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn lines_count_incrementally_and_restart_when_asked_backwards() {
        let text = "a\nb\n\nc";
        let mut lines = Lines::new(text);
        assert_eq!(lines.line_of(0), 1);
        assert_eq!(lines.line_of(2), 2);
        assert_eq!(lines.line_of(5), 4);
        assert_eq!(lines.line_of(99), 4);
        assert_eq!(lines.line_of(1), 1);
    }
}
