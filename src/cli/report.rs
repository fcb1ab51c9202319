//! Errors as people see them: a file's error shows the offending line (miette), anything else
//! one line after a red `error:`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use golive::Error;

/// `--quiet`: no notes, warnings or progress on stderr; errors still.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Sets `--quiet` for the run.
pub(crate) fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether `--quiet` was given: notes, warnings and progress bars stay off stderr.
pub(crate) fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Prints a note, something a person may want to know that is not an error, to stderr,
/// unless `--quiet`.
pub(crate) fn note(text: &str) {
    if quiet() {
        return;
    }
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Cyan.into()));
    let _ = writeln!(
        anstream::stderr(),
        "{style}note:{style:#} {}",
        golive::printable(text)
    );
}

/// Prints an error to stderr: errors in a file show the offending line, with miette.
pub fn report(error: &Error) {
    // A snippet of a huge line (a minified or binary file) would bury the message.
    // miette shows the lines of the span and one line either side.
    let short_line = |l: &golive::Location| {
        let end = l.span.end.min(l.text.len());
        let last = l.line
            + l.text
                .get(l.span.start.min(end)..end)
                .map_or(0, |s| s.matches('\n').count());
        l.text
            .lines()
            .skip(l.line.saturating_sub(2))
            .take(last + 2 - l.line.saturating_sub(1))
            .all(|line| line.len() <= 300)
    };
    // An empty file has no line to show.
    if let Some(location) = error.location()
        && !location.text.trim().is_empty()
        && short_line(location)
    {
        let diagnostic = miette::MietteDiagnostic::new(error.to_string())
            .with_label(miette::LabeledSpan::at(location.span.clone(), "here"));
        let source = miette::NamedSource::new(
            location.printable_file(),
            location.printable_text().into_owned(),
        );
        let report = miette::Report::new(diagnostic).with_source_code(source);
        // As `--color`, NO_COLOR and the terminal say (anstream's rules).
        let color =
            anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let mut text = String::new();
        let handler = miette::GraphicalReportHandler::new_themed(theme).with_wrap_lines(false);
        if handler.render_report(&mut text, report.as_ref()).is_err() {
            text = error.to_string();
        }
        let _ = writeln!(std::io::stderr(), "{text}");
        return;
    }
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let _ = writeln!(anstream::stderr(), "{style}error:{style:#} {error}");
}

/// Prints a warning to stderr: "warning: 3 connectors ride trains that already left; ...",
/// unless `--quiet`.
pub(crate) fn warn(text: &str) {
    if quiet() {
        return;
    }
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    let _ = writeln!(anstream::stderr(), "{style}warning:{style:#} {text}");
}
