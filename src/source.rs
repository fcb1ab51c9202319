//! A text the user gave us, with its name, so that errors can point into it.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result, short};

/// A named text: a configuration, calendar or batch file, read by the caller.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in errors: the path as the user gave it.
    pub name: Arc<str>,
    /// The whole text. An `Arc<String>` rather than an `Arc<str>`: a file's bytes become
    /// the text without a copy (an `Arc<str>` is always a second allocation), so a batch
    /// is held once however large.
    pub text: Arc<String>,
}

impl Source {
    /// A source from a name and its text.
    ///
    /// Line ends may be LF, CRLF or a bare CR (as old Mac software and Excel's "CSV
    /// (Macintosh)" write them); a bare CR is read as LF, so that every reader and every
    /// error's line number sees the lines the user sees.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<String>) -> Source {
        let mut bytes = text.into().into_bytes();
        // In place: replacing one ASCII byte by another keeps the text UTF-8.
        bare_cr_to_lf(&mut bytes);
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Source {
            name: name.into(),
            text: Arc::new(text),
        }
    }

    /// A source from a file's bytes, which must be UTF-8 text. Anything else is an error at
    /// the first byte that is not, naming the byte.
    pub fn from_bytes(name: impl Into<Arc<str>>, mut bytes: Vec<u8>) -> Result<Source> {
        let name = name.into();
        // In place, so that a big file is not copied for it (CR and LF are ASCII).
        bare_cr_to_lf(&mut bytes);
        match String::from_utf8(bytes) {
            // Line ends are already LF or CRLF: no second pass through `Source::new`.
            Ok(mut text) => {
                // In place too: the rest of the text moves up three bytes.
                if text.starts_with('\u{feff}') {
                    text.drain(..'\u{feff}'.len_utf8());
                }
                Ok(Source {
                    name,
                    text: Arc::new(text),
                })
            }
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

    /// Reads a file as a source named by its path, refusing one larger than `limit` bytes
    /// before reading it (and a file that grows, or a device that never ends, as soon as the
    /// limit is passed).
    pub fn read(path: &std::path::Path, limit: u64) -> Result<Source> {
        let bytes = read_limited(path, limit)
            .map_err(|e| Error::io("read", path.display().to_string(), e))?;
        Source::from_bytes(path.display().to_string(), bytes)
    }

    /// The location of a byte span in this source.
    pub(crate) fn at(&self, span: Range<usize>) -> Location {
        Location::from_span(self.name.clone(), self.text.clone(), span)
    }

    /// An error at a byte span in this source.
    pub(crate) fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::input(self.at(span), message)
    }

    /// Parses the whole text as TOML into `T`, mapping errors to this source's locations.
    pub(crate) fn parse_toml<T: DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(&self.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = toml_message(&self.text, span.clone(), e.message().trim());
            self.error(span, message.replace('\n', "; "))
        })
    }
}

/// Words a TOML or serde error the way golive's own errors read: in terms of keys, values,
/// lists and tables rather than fields, maps, sequences and `i64`, naming the key and the
/// value at `span` when it can.
/// Reads a whole file, refusing one larger than `limit` bytes before reading it (and, for a
/// file that grows or a device that never ends, as soon as the limit is passed).
pub fn read_limited(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let too_big = |size: String| {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is {size}; golive reads files of this kind up to {} MB",
                limit >> 20
            ),
        )
    };
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_big(format!("{} MB", size.div_ceil(1 << 20))));
    }
    read_up_to(file, limit, size as usize)?.ok_or_else(|| too_big("larger than that".into()))
}

/// Reads `reader` to its end, or `None` as soon as it gives more than `limit` bytes (a file
/// that grows, a device or a pipe that never ends); `capacity` is the size expected. The one
/// bounded read behind [`read_limited`] and the CLI's standard input.
pub fn read_up_to(
    reader: impl std::io::Read,
    limit: u64,
    capacity: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn toml_message(text: &str, span: Range<usize>, message: &str) -> String {
    let at = span.start.min(text.len());
    let end = span.end.clamp(at, text.len());
    let found = text.get(at..end).unwrap_or("").trim();
    // The key whose value starts at `span`: what precedes `=` on the span's line.
    let line_start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    // Within an inline table or list, the key is what follows the last `{`, `,` or `[`;
    // a value after a `[` is an item of a list.
    let (key, in_list) = text
        .get(line_start..at)
        .and_then(|before| before.rsplit_once('='))
        .map_or((None, false), |(k, value)| {
            let k = k.rsplit(['{', ',', '[']).next().unwrap_or(k).trim();
            ((!k.is_empty()).then_some(k), value.contains('['))
        });
    let key_value = || match (key, in_list) {
        (Some(k), false) => format!("{} = {}", short(k), short(found)),
        (Some(k), true) => format!("an item of {}, {},", short(k), short(found)),
        (None, _) => short(found).to_string(),
    };
    let control = |c: &char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    // The span's text, or its first character when it is empty.
    let first_char = text.get(at..).and_then(|t| t.chars().next());
    let window = text
        .get(at..end)
        .filter(|w| !w.is_empty())
        .or_else(|| text.get(at..at + first_char.map_or(0, char::len_utf8)));
    if let Some(c) = window.and_then(|t| t.chars().find(control)) {
        return format!(
            "the file holds a control character ({}) here, which TOML does not allow; is it a text file?",
            c.escape_unicode()
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (unknown, expected) = unknown_and_expected(rest);
        let hint = crate::suggest::closest(unknown, &expected)
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        return match expected.as_slice() {
            [] => format!("unknown key `{}`; this table takes no keys", short(unknown)),
            keys => format!(
                "unknown key `{}`{hint}; the keys here are {}",
                short(unknown),
                keys.join(", ")
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let missing = rest.trim_end_matches('`');
        let table = found.trim_matches(['[', ']']).trim();
        return match found.starts_with('[') && !table.is_empty() {
            true => format!(
                "this [[{}]] needs `{missing}`, which is required",
                short(table)
            ),
            false => format!("`{missing}` is required but missing"),
        };
    }
    if message == "duplicate key" {
        return format!(
            "key `{}` is given twice; each key may appear once in a table",
            short(found.trim_matches(['"', '\'']))
        );
    }
    let too = || match found.starts_with('-') {
        true => "too small",
        false => "too large",
    };
    if message.contains("number overflowed") || message.contains("number underflowed") {
        return format!("{} is {} a number", key_value(), too());
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (unknown, expected) = unknown_and_expected(rest);
        return format!(
            "unknown kind `{}`; expected one of {}",
            short(unknown),
            expected.join(", ")
        );
    }
    if message.starts_with("invalid date") || message.starts_with("invalid time") {
        let what = message.split_once(", ").map_or(message, |(_, why)| why);
        return format!("{} is not a date or time that exists: {what}", key_value());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (kind, wanted) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        let tables = |t: &str| LISTS_OF_TABLES.contains(&t);
        if kind == "map"
            && wanted == "a sequence"
            && found.starts_with('[')
            && !found.starts_with("[[")
            && tables(found.trim_matches(['[', ']']).trim())
        {
            let table = short(found.trim_matches(['[', ']']).trim());
            return format!(
                "[{table}] is one table, but golive expects a list of them: write [[{table}]] (two brackets) before each one"
            );
        }
        if kind.starts_with("integer") && (kind.ends_with("as i128") || kind.ends_with("as u128")) {
            return format!("{} is {} a number", key_value(), too());
        }
        let kind = describe_kind(kind, found);
        let wanted = match key.filter(|k| tables(k)) {
            Some(k) if wanted == "a sequence" => format!("[[{k}]] tables"),
            _ => describe_wanted(wanted),
        };
        return format!("{} is {kind}; expected {wanted}", key_value());
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let wanted = rest.rsplit_once(", expected ").map_or("", |(_, w)| w);
        return format!(
            "{} is {}; expected {}",
            key_value(),
            too(),
            describe_wanted(wanted)
        );
    }
    message.to_string()
}

/// From the rest of serde's "unknown field `x`, expected one of `a`, `b`" (after the first
/// backtick): the unknown name and the expected ones.
fn unknown_and_expected(rest: &str) -> (&str, Vec<&str>) {
    let (unknown, rest) = rest.split_once('`').unwrap_or((rest, ""));
    (unknown, rest.split('`').skip(1).step_by(2).collect())
}

/// The keys whose value is a list of tables, written `[[key]]`.
const LISTS_OF_TABLES: [&str; 5] = ["region", "freeze", "connector", "holiday", "stage"];

/// What kind of TOML value serde found, in a user's words.
fn describe_kind(kind: &str, found: &str) -> &'static str {
    match kind.split_whitespace().next().unwrap_or("") {
        // An enum given as a bare string reaches serde as a unit variant.
        "string" | "unit" => "text",
        "integer" => "a whole number",
        "floating" => "a decimal number",
        "boolean" => "true or false",
        "sequence" => "a list",
        // TOML dates reach serde as maps.
        "map" if found.starts_with(|c: char| c.is_ascii_digit()) => "a date or time",
        "map" => "a table",
        _ => "a value of another kind",
    }
}

/// What serde expected, in a user's words.
fn describe_wanted(wanted: &str) -> String {
    match wanted {
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of at least 0".into(),
        "a string" => "text in quotes".into(),
        "a sequence" => "a list in square brackets, e.g. [\"a\", \"b\"]".into(),
        "a boolean" => "true or false".into(),
        "a map" | "struct" => "a table".into(),
        "" => "another kind of value".into(),
        w if w.contains("variant") => {
            "a table naming one kind, such as { fixed = { month = 1, day = 1 } }".into()
        }
        other => other
            .trim_matches('`')
            .replace("struct ", "a table ")
            .to_string(),
    }
}

/// Whether `bytes` hold a CR that no LF follows.
fn has_bare_cr(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|&b| b == b'\r') {
        if bytes.get(at + i + 1) != Some(&b'\n') {
            return true;
        }
        at += i + 1;
    }
    false
}

/// Turns every CR that no LF follows into an LF.
fn bare_cr_to_lf(bytes: &mut [u8]) {
    if !has_bare_cr(bytes) {
        return;
    }
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
}

/// A TOML value as a message quotes it: as TOML writes it, with a long string cut and
/// control characters escaped (see [`short`]).
pub(crate) fn toml_value(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("\"{}\"", short(s)),
        other => short(&other.to_string()).to_string(),
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

    fn toml_error(text: &str) -> String {
        Source::new("t.toml", text)
            .parse_toml::<toml::Table>()
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn toml_errors_are_worded_for_people() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            cutoff_hours: Option<i64>,
            weekend: Option<Vec<String>>,
            horizon: Option<u32>,
        }
        let err = |text: &str| {
            Source::new("t.toml", text)
                .parse_toml::<T>()
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("cutoff_hours = \"24\""),
            "t.toml:1:16: cutoff_hours = \"24\" is text; expected a whole number"
        );
        assert_eq!(
            err("weekend = \"sunday\""),
            "t.toml:1:11: weekend = \"sunday\" is text; expected a list in square brackets, e.g. [\"a\", \"b\"]"
        );
        assert_eq!(
            err("cutof_hours = 5"),
            "t.toml:1:1: unknown key `cutof_hours` (did you mean `cutoff_hours`?); the keys here are cutoff_hours, weekend, horizon"
        );
        assert_eq!(
            err("horizon = -1"),
            "t.toml:1:11: horizon = -1 is too small; expected a whole number of at least 0"
        );
        assert_eq!(
            err("horizon = 2026-01-01").split_once(": ").unwrap().1,
            "horizon = 2026-01-01 is a date or time; expected a whole number of at least 0"
        );
        assert!(
            toml_error("a = 1\na = 2")
                .ends_with("key `a` is given twice; each key may appear once in a table")
        );
        assert!(
            toml_error("a = 99999999999999999999")
                .ends_with("a = 99999999999999999999 is too large a number"),
            "{}",
            toml_error("a = 99999999999999999999")
        );
        assert!(
            toml_error("a = 2027-02-29").ends_with(
                "a = 2027-02-29 is not a date or time that exists: expected day between 01 and 28"
            ),
            "{}",
            toml_error("a = 2027-02-29")
        );
        assert!(
            toml_error("a = 1\0").contains("control character (\\u{0})"),
            "{}",
            toml_error("a = 1\0")
        );
        assert_eq!(
            err("weekend = [\"saturday\", 5]"),
            "t.toml:1:24: an item of weekend, 5, is a whole number; expected text in quotes"
        );
        assert!(
            toml_error("a = 1\u{85}").contains("control character (\\u{85})"),
            "{}",
            toml_error("a = 1\u{85}")
        );
        assert_eq!(
            crate::suggest::closest("colour", &["color", "name"]),
            Some("color")
        );
        assert_eq!(crate::suggest::closest("xyz", &["name", "ready"]), None);
    }

    #[test]
    fn bare_carriage_returns_end_lines() {
        let s = Source::new("m.csv", "name,ready\rA,2026\r\nB,x\r");
        assert_eq!(&*s.text, "name,ready\nA,2026\r\nB,x\n");
        let loc = s.at(s.text.find('B').unwrap()..s.text.len());
        assert_eq!((loc.line, loc.column), (3, 1));
    }

    #[test]
    fn a_files_bytes_become_its_text_without_a_copy() {
        // A batch is held once: the text is the very buffer the file was read into, with
        // a byte-order mark, bare carriage returns or neither.
        for bytes in [
            b"name,ready\nA,2026\n".to_vec(),
            b"\xEF\xBB\xBFname,ready\rA,2026\r".to_vec(),
        ] {
            let at = bytes.as_ptr();
            let s = Source::from_bytes("b.csv", bytes).unwrap();
            assert_eq!(s.text.as_ptr(), at);
            assert_eq!(s.text.lines().next(), Some("name,ready"));
        }
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
