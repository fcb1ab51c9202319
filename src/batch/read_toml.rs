//! TOML batches: `[[connector]]` tables.

use std::ops::Range;

use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use super::{
    Batch, Connector, Field, check_ready_year, line_number, locate, not_before_message, read_ready,
    ready_message,
};
use crate::error::{Error, Result, short};
use crate::source::{Lines, Source, toml_value};

impl Batch {
    /// Reads a TOML batch: `[[connector]]` tables with `name`, `ready` and optionally
    /// `after`, `priority` and `not_before`.
    pub fn parse_toml(source: &Source, zone: Tz) -> Result<Batch> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawBatch {
            connector: Option<Vec<RawConnector>>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawConnector {
            name: Spanned<String>,
            ready: Spanned<toml::Value>,
            after: Option<Spanned<toml::Value>>,
            priority: Option<Spanned<i64>>,
            not_before: Option<Spanned<toml::Value>>,
        }
        let raw: RawBatch = source.parse_toml()?;
        let raw = raw.connector.unwrap_or_default();
        let mut connectors = Vec::with_capacity(raw.len());
        // Spans of each connector's name and `after` entries, for errors found later.
        let mut spans: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::with_capacity(raw.len());
        let mut lines = Lines::new(&source.text);
        for c in raw {
            let name = c.name.get_ref().trim().to_string();
            let name_span = c.name.span();
            if name.is_empty() {
                return Err(source.error(name_span, "a connector needs a non-empty name"));
            }
            let value_text = |v: &toml::Value| match v {
                toml::Value::Datetime(d) => Some(d.to_string()),
                toml::Value::String(s) => Some(s.clone()),
                _ => None,
            };
            let ready = match value_text(c.ready.get_ref()) {
                Some(t) => read_ready(&t, zone),
                None => Err(Error::argument("ready", "", "")),
            }
            .map_err(|e| {
                source.error(c.ready.span(), ready_message(&name, c.ready.get_ref(), &e))
            })?;
            check_ready_year(source, || c.ready.span(), &name, ready, zone)?;
            let not_before = match &c.not_before {
                None => None,
                Some(v) => Some(
                    value_text(v.get_ref())
                        .and_then(|t| crate::time::date_arg(&t, "not_before").ok())
                        .ok_or_else(|| {
                            source.error(v.span(), not_before_message(&name, v.get_ref()))
                        })?,
                ),
            };
            let (after, after_spans) = match &c.after {
                None => (Vec::new(), Vec::new()),
                Some(v) => toml_names(source, v, &name)?,
            };
            connectors.push(Connector {
                name: name.into(),
                ready,
                after: after.into(),
                priority: c.priority.map_or(0, |p| p.into_inner()),
                not_before,
                line: line_number(lines.line_of(name_span.start)),
            });
            spans.push((name_span, after_spans));
        }
        Batch::resolve(source.name.clone(), connectors, |connectors, problem| {
            let at = |i: usize, field: Field| match field {
                Field::Name => spans[i].0.clone(),
                Field::After(k) => spans[i].1[k].clone(),
            };
            locate(source, connectors, problem, at, "no [[connector]] tables")
        })
    }
}

/// Reads `after` from TOML: a list of names, or one name.
fn toml_names(
    source: &Source,
    value: &Spanned<toml::Value>,
    name: &str,
) -> Result<(Vec<String>, Vec<Range<usize>>)> {
    let bad = || {
        source.error(
            value.span(),
            format!(
                "connector \"{}\": after = {} must be a list of connector names, e.g. after = [\"Contoso\"]",
                short(name),
                toml_value(value.get_ref())
            ),
        )
    };
    match value.get_ref() {
        toml::Value::String(s) => Ok((vec![s.trim().to_string()], vec![value.span()])),
        toml::Value::Array(items) => {
            // Array items carry no spans of their own; find each in the array's text.
            let text = &source.text[value.span()];
            let mut from = 0;
            let mut names = Vec::with_capacity(items.len());
            let mut spans = Vec::with_capacity(items.len());
            for item in items {
                let toml::Value::String(s) = item else {
                    return Err(bad());
                };
                let at = text[from..].find(s.as_str()).map(|i| from + i);
                let span = match at {
                    Some(i) => {
                        from = i + s.len();
                        value.span().start + i..value.span().start + i + s.len()
                    }
                    None => value.span(),
                };
                names.push(s.trim().to_string());
                spans.push(span);
            }
            Ok((names, spans))
        }
        _ => Err(bad()),
    }
}
