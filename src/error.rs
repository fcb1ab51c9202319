//! The library's one error type.
//!
//! Every error says what was wrong and with which value. Errors about a file carry a
//! [`Location`] (file, line, column and the span in the file's text) so that the CLI can
//! point at the exact place; errors about a command-line argument name the argument.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A place in a text the user gave us: a configuration, calendar or batch file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's name as the user knows it (a path, or `config/default.toml` for the
    /// embedded default).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte range of the offending text within [`Location::text`].
    pub span: Range<usize>,
    /// The whole text of the file, kept so that a report can show the offending line (the
    /// [`Source`](crate::Source)'s own, shared).
    pub text: Arc<String>,
}

impl Location {
    /// Builds a location from a byte span in `text`.
    pub fn from_span(file: Arc<str>, text: Arc<String>, span: Range<usize>) -> Location {
        let start = span.start.min(text.len());
        let before = &text[..floor_char_boundary(&text, start)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Location {
            file,
            line,
            column,
            span,
            text,
        }
    }
}

impl Location {
    /// [`Location::file`] as a message shows it, with characters that would act on a
    /// terminal escaped.
    pub fn printable_file(&self) -> String {
        printable(&self.file)
    }

    /// [`Location::text`] with every character that would act on a terminal (control
    /// characters other than line ends and tabs, and bidirectional overrides) replaced by as
    /// many `?` as it has bytes, so that [`Location::span`] still points at the same place.
    pub fn printable_text(&self) -> std::borrow::Cow<'_, str> {
        let text = &*self.text;
        let acts = |c: char| acts_on_terminal(c) && !matches!(c, '\n' | '\r' | '\t');
        if !text.chars().any(acts) {
            return text.into();
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match acts(c) {
                true => out.extend(std::iter::repeat_n('?', c.len_utf8())),
                false => out.push(c),
            }
        }
        out.into()
    }
}

/// Whether printing `c` could do something on a terminal rather than show a character:
/// control characters and bidirectional formatting.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", Clean(&self.file), self.line, self.column)
    }
}

/// Everything that can go wrong in golive: what kind of thing went wrong ([`ErrorKind`]), behind
/// one pointer, so that a `Result` stays small.
///
/// Its message says what was wrong and with which value; [`Error::kind`] gives the parts.
pub struct Error(Box<ErrorKind>);

/// What went wrong, in parts.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file's content is malformed or invalid at a known place.
    #[error("{location}: {}", Clean(message))]
    Input {
        /// Where the problem is.
        location: Location,
        /// What is wrong, naming the offending value.
        message: String,
    },
    /// A command-line argument (or a value given to the library directly) is invalid.
    #[error("invalid value '{}' for {argument}: {}", short(value), Clean(message))]
    Argument {
        /// The argument's name, such as `--ready`.
        argument: String,
        /// The value as given.
        value: String,
        /// What is wrong with it.
        message: String,
    },
    /// A file could not be read or written.
    #[error("cannot {action} {}: {source}", Clean(path))]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The path as given.
        path: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// No deploy day (or no train) was found within the configured horizon.
    #[error(transparent)]
    Horizon(Horizon),
}

/// No deploy day, or no train, was found within the horizon: what was searched for, from when,
/// through which day, and what stood in the way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "no {} within the {horizon_years}-year horizon after {ready} (searched through {until}); blocked by: {}",
    Clean(what),
    Blockers(blockers)
)]
#[non_exhaustive]
pub struct Horizon {
    /// The key of the region that could not be scheduled.
    pub region: String,
    /// What was not found: a deploy day for the region, a train that is not cancelled, a
    /// train for a connector.
    pub what: String,
    /// The readiness instant the search started from (RFC 3339).
    pub ready: String,
    /// The configured horizon.
    pub horizon_years: u32,
    /// The last day searched.
    pub until: chrono::NaiveDate,
    /// What blocked the days searched, in the order a walk through them meets it.
    pub blockers: Vec<Blocker>,
}

/// One thing that kept a region (or a connector) from a deploy day.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Blocker {
    /// The configured weekend days.
    Weekend,
    /// A holiday calendar, by the name the configuration gives it.
    Calendar(String),
    /// A freeze window, by name.
    Freeze(String),
    /// Nothing blocked the days searched: the search simply ran out.
    EndOfSearch,
    /// The search reached the last year golive supports.
    EndOfSupportedYears(i32),
    /// A connector's `not_before` day.
    NotBefore(chrono::NaiveDate),
    /// A connector waited for another one to be live everywhere.
    Dependency {
        /// The connector waited for.
        name: String,
        /// Where it is written (`file:line`).
        place: String,
        /// The day its last region deployed.
        finish: chrono::NaiveDate,
    },
    /// Every train the connector could ride was full.
    Capacity {
        /// The first train it could ride.
        from: Option<chrono::NaiveDate>,
        /// The last train within its horizon.
        until: Option<chrono::NaiveDate>,
        /// Seats per train.
        per_train: u32,
    },
    /// No train the connector could ride finishes its rollout within the horizon.
    NoTrainInTime,
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = |d: &Option<chrono::NaiveDate>| d.map_or(String::new(), |d| d.to_string());
        match self {
            Blocker::Weekend => f.write_str("weekend"),
            Blocker::Calendar(name) => write!(f, "calendar \"{}\"", short(name)),
            Blocker::Freeze(name) => write!(f, "freeze \"{}\"", short(name)),
            Blocker::EndOfSearch => f.write_str("the end of the searched range"),
            Blocker::EndOfSupportedYears(year) => {
                write!(f, "the end of the years golive supports ({year})")
            }
            Blocker::NotBefore(d) => write!(f, "its not_before {d}"),
            Blocker::Dependency {
                name,
                place,
                finish,
            } => write!(
                f,
                "waiting for \"{}\" ({}), live everywhere only on {finish}",
                short(name),
                Clean(place)
            ),
            Blocker::Capacity {
                from,
                until,
                per_train,
            } => write!(
                f,
                "capacity: every train it could ride, {} to {}, was full ({per_train} per train)",
                day(from),
                day(until)
            ),
            Blocker::NoTrainInTime => {
                f.write_str("no train it could ride finishes its rollout in time")
            }
        }
    }
}

/// A list of blockers as a message shows it: comma-separated.
struct Blockers<'a>(&'a [Blocker]);

impl fmt::Display for Blockers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{b}")?;
        }
        Ok(())
    }
}

impl Error {
    /// What went wrong, in parts.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// What went wrong, in parts, taken out of the error.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// Whether this error means "the input was bad" (as opposed to "the input was fine but
    /// no rollout could be computed"). The CLI maps the first to exit code 2, the second to 1.
    pub fn is_bad_input(&self) -> bool {
        !matches!(*self.0, ErrorKind::Horizon(_))
    }

    /// The place in a file the error is about, if it is about one.
    pub fn location(&self) -> Option<&Location> {
        match &*self.0 {
            ErrorKind::Input { location, .. } => Some(location),
            _ => None,
        }
    }

    /// For a horizon error, rewrites what was not found, for instance to name the connector
    /// or scenario it was searched for; any other error is returned as it is.
    pub fn map_horizon_what(mut self, f: impl FnOnce(&str) -> String) -> Error {
        if let ErrorKind::Horizon(h) = &mut *self.0 {
            h.what = f(&h.what);
        }
        self
    }

    /// What an argument error says is wrong with the value, when it says something.
    pub(crate) fn argument_message(&self) -> Option<&str> {
        match &*self.0 {
            ErrorKind::Argument { message, .. } if !message.is_empty() => Some(message),
            _ => None,
        }
    }

    /// An error about the value of an argument (or of a value given to the library).
    pub(crate) fn argument(
        argument: impl Into<String>,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        ErrorKind::Argument {
            argument: argument.into(),
            value: value.into(),
            message: message.into(),
        }
        .into()
    }

    /// An error about a place in a file.
    pub(crate) fn input(location: Location, message: impl Into<String>) -> Error {
        ErrorKind::Input {
            location,
            message: message.into(),
        }
        .into()
    }

    /// A file that could not be read or written.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<String>,
        source: std::io::Error,
    ) -> Error {
        ErrorKind::Io {
            action,
            path: path.into(),
            source,
        }
        .into()
    }

    /// For an argument error, the same error about another argument (a library value given
    /// on the command line under a flag's name); any other error as it is.
    pub fn for_argument(mut self, name: &str) -> Error {
        if let ErrorKind::Argument { argument, .. } = &mut *self.0 {
            *argument = name.to_string();
        }
        self
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}

impl From<Horizon> for Error {
    fn from(h: Horizon) -> Error {
        ErrorKind::Horizon(h).into()
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

/// An error met while writing output (a batch read again as its plan streams out) goes out
/// through the writer as an I/O error that carries it.
impl From<Error> for std::io::Error {
    fn from(e: Error) -> std::io::Error {
        std::io::Error::other(e)
    }
}

/// A value the user gave, as a message quotes it: at most [`SHORT`] characters (then `...`),
/// with control and bidirectional-formatting characters escaped, so that a 1 MiB name or a
/// stray escape sequence cannot bury the message or reach the terminal.
pub(crate) fn short(value: &str) -> Short<'_> {
    Short(value)
}

/// `text` as golive's messages show it: characters that would act on a terminal (control
/// characters other than line ends, bidirectional overrides) escaped as `\u{..}`, and each
/// line cut after 2,000 characters. For printing text from outside (a path, another
/// program's message) next to golive's own.
///
/// ```
/// assert_eq!(golive::printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
/// ```
pub fn printable(text: &str) -> String {
    Clean(text).to_string()
}

/// How many characters of a value [`short`] shows.
pub(crate) const SHORT: usize = 60;

/// See [`short`].
pub(crate) struct Short<'a>(&'a str);

impl fmt::Display for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, self.0, SHORT)
    }
}

/// A whole message as it is shown: escaped like [`short`], and cut only when a line is far
/// longer than any message golive writes (a backstop for a value quoted in full).
struct Clean<'a>(&'a str);

/// Lines of a message longer than this many characters are cut.
const LONGEST_LINE: usize = 2000;

impl fmt::Display for Clean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.0.split('\n').enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write_escaped(f, line, LONGEST_LINE)?;
        }
        Ok(())
    }
}

/// Writes `text` with unsafe characters escaped, cut after `limit` characters.
fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str, limit: usize) -> fmt::Result {
    let unsafe_char = acts_on_terminal;
    // The common case, a short clean value, is written as it is.
    if text.len() <= limit && !text.chars().any(unsafe_char) {
        return f.write_str(text);
    }
    for (i, c) in text.chars().enumerate() {
        if i == limit {
            let rest = text.chars().count() - limit;
            return write!(f, "... ({rest} more characters)");
        }
        if unsafe_char(c) {
            write!(f, "{}", c.escape_unicode())?;
        } else {
            write!(f, "{c}")?;
        }
    }
    Ok(())
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_columns_in_characters() {
        let text = Arc::new("a = 1\nbé = 2\n".to_string());
        let at = text.find('2').unwrap();
        let loc = Location::from_span("f.toml".into(), text, at..at + 1);
        assert_eq!((loc.line, loc.column), (2, 6));
        assert_eq!(loc.to_string(), "f.toml:2:6");
    }

    #[test]
    fn printable_text_keeps_byte_offsets() {
        let text = Arc::new("a = \"\u{1b}[2J\u{85}\u{202e}\"\tb\r\n".to_string());
        let loc = Location::from_span("f.toml".into(), text.clone(), 0..1);
        let shown = loc.printable_text();
        assert_eq!(shown, "a = \"?[2J?????\"\tb\r\n");
        assert_eq!(shown.len(), text.len());
    }

    #[test]
    fn quoted_values_are_cut_and_escaped() {
        assert_eq!(short("Contoso").to_string(), "Contoso");
        assert_eq!(short("a\0b\u{1b}[31m").to_string(), "a\\u{0}b\\u{1b}[31m");
        assert_eq!(short("\u{202e}evil").to_string(), "\\u{202e}evil");
        let long = "x".repeat(1000);
        assert_eq!(
            short(&long).to_string(),
            format!("{}... (940 more characters)", "x".repeat(60))
        );
        let e = Error::argument("--where", long.clone(), "no region \0");
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        let shown = e.to_string();
        assert!(shown.len() < 200, "{shown}");
        assert!(shown.ends_with("no region \\u{0}"), "{shown}");
    }
}
