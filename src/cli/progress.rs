//! Progress bars on standard error for long work (`golive check` of many folders, a large
//! plan): drawn only when standard error is a terminal, only once the work has run for about
//! a second, never with `-q`, and cleared when the work ends, so that pipes, files, logs and
//! quick answers never see a byte of them.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its bar appears: work that ends sooner shows none.
const DELAY: Duration = Duration::from_secs(1);

/// Sets [`DELAY`] in milliseconds instead. For tests of the bar itself, which should not
/// need a second of work; not documented for users.
const DELAY_VARIABLE: &str = "GOLIVE_PROGRESS_DELAY_MS";

/// A progress bar for one piece of work; no bar at all when standard error is not a
/// terminal or when quiet. Dropping it clears the bar.
#[derive(Debug)]
pub(super) struct Progress {
    bar: Option<Bar>,
}

/// A bar not yet drawn until [`Bar::delay`] has passed.
#[derive(Debug, Clone)]
struct Bar {
    bar: ProgressBar,
    delay: Duration,
}

impl Progress {
    /// Starts the progress of work called `label` ("checking"), of `total` steps when that is
    /// known (a bar; else a counter), drawn on standard error only if it is a terminal and
    /// `quiet` is false, and only after about a second.
    pub(super) fn start(label: &str, total: Option<u64>, quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let delay = std::env::var(DELAY_VARIABLE)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .map_or(DELAY, Duration::from_millis);
        let (bar, template) = match total {
            Some(n) => (
                ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden()),
                "{msg} [{bar:30}] {pos}/{len} ({elapsed}, about {eta} left)",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
                "{spinner} {msg} {pos} ({elapsed})",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_string());
        let bar = Bar { bar, delay };
        bar.show_when_due();
        Progress { bar: Some(bar) }
    }

    /// Counts `n` more steps done.
    pub(super) fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.bar.inc(n);
            b.show_when_due();
        }
    }

    /// A function that sets how many steps are done, for work that reports its own count
    /// from inside the library (a plan's renderer, through `golive::export::Progress`).
    pub(super) fn setter(&self) -> impl Fn(u64) + Send + Sync + 'static {
        let bar = self.bar.clone();
        move |done| {
            if let Some(b) = &bar {
                b.bar.set_position(done);
                b.show_when_due();
            }
        }
    }

    /// Ends the work: the bar, if it was drawn, is cleared.
    pub(super) fn finish(self) {
        drop(self);
    }
}

impl Bar {
    /// Draws the bar on standard error once the work has run for [`Bar::delay`].
    fn show_when_due(&self) {
        if self.bar.is_hidden() && self.bar.elapsed() >= self.delay && !self.bar.is_finished() {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = &self.bar {
            b.bar.finish_and_clear();
        }
    }
}
