//! What the HTML pages share (`golive when --format html`, `golive plan --format html` and
//! the site's `index.html`): the style sheet, the frame of a page, escaping, and the day
//! grid their timelines are drawn on.
//!
//! A page is one self-contained file: inline CSS, an inline script of a few lines (it only
//! repeats what a focused or hovered part of a chart says, which its `title` and
//! `aria-label` already carry), inline SVG, and a Content-Security-Policy that allows no
//! request of any kind, so it works from `file://` as from any host.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::{Datelike, Duration, NaiveDate};

use crate::calendar::{Reason, ReasonKind};

/// The most connectors a plan's page lists: about 10 MB of HTML, as much as a browser lays
/// out readily. A larger batch is refused before anything is written (CSV and JSON have no
/// limit).
pub const MAX_PAGE_CONNECTORS: usize = 10_000;

/// The style sheet every page uses, the site's included.
pub(super) const STYLE: &str = include_str!("site/style.css");

/// No request of any kind: styles and scripts are inline, images are `data:` only.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// Repeats what the focused or hovered part of a chart says (its `aria-label`) in the chart's
/// live region, `data-info` on the `<svg>`.
const SCRIPT: &str = r#"document.querySelectorAll("svg[data-info]").forEach((svg) => {
  const info = document.getElementById(svg.dataset.info);
  const say = (e) => { const el = e.target.closest("[aria-label]"); if (el && el !== svg) info.textContent = el.getAttribute("aria-label"); };
  svg.addEventListener("focusin", say);
  svg.addEventListener("mouseover", say);
});"#;

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references, for element
/// content and quoted attribute values alike.
pub(super) fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Writes the start of a page: its head (title, style sheet, policy) and a header with
/// `heading` and the paragraph `lede`. A `wide` page may use the whole window (a plan's
/// tables have a column per region).
pub(super) fn start(
    out: &mut dyn Write,
    title: &str,
    heading: &str,
    lede: &str,
    wide: bool,
) -> io::Result<()> {
    write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body{}>\n\
         <header>\n<h1>{}</h1>\n<p>{}</p>\n</header>\n<main>\n",
        escape(title),
        if wide { " class=\"wide\"" } else { "" },
        escape(heading),
        escape(lede)
    )
}

/// Writes the end of a page: a footer saying `footer`, and the script.
pub(super) fn finish(out: &mut dyn Write, footer: &str) -> io::Result<()> {
    write!(
        out,
        "</main>\n<footer><p>{}</p><p>Made by golive.</p></footer>\n<script>\n{SCRIPT}\n</script>\n</body>\n</html>\n",
        escape(footer)
    )
}

/// The CSS colour a blocked day is shaded with, for the strongest of its reasons (a freeze
/// over a holiday over a weekend, as the site's timeline shades them); `None` for a deploy
/// day.
pub(super) fn shade(reasons: &[Reason]) -> Option<&'static str> {
    let has = |k: ReasonKind| reasons.iter().any(|r| r.kind == k);
    if has(ReasonKind::Freeze) {
        Some("var(--freeze)")
    } else if has(ReasonKind::Holiday) {
        Some("var(--holiday)")
    } else if has(ReasonKind::Weekend) {
        Some("var(--weekend)")
    } else if has(ReasonKind::Cutoff) {
        Some("var(--cutoff)")
    } else {
        None
    }
}

/// The legend of the day shading, as the site's timeline has it.
pub(super) const SHADE_LEGEND: &str = "<span><i style=\"background:var(--weekend)\"></i>weekend</span>\
<span><i style=\"background:var(--holiday)\"></i>holiday</span>\
<span><i style=\"background:var(--freeze)\"></i>freeze</span>";

/// The days a chart shows: whole weeks, Monday to Sunday, holding `first..=last`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Days {
    /// The Monday the chart starts on.
    pub start: NaiveDate,
    /// How many days it shows.
    pub count: i64,
}

impl Days {
    /// The weeks holding `first` to `last`.
    pub fn weeks(first: NaiveDate, last: NaiveDate) -> Days {
        let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
        let end = last.max(first);
        let end = end + Duration::days(6 - i64::from(end.weekday().num_days_from_monday()));
        Days {
            start,
            count: (end - start).num_days() + 1,
        }
    }

    /// Every day shown.
    pub fn iter(self) -> impl Iterator<Item = NaiveDate> {
        self.start.iter_days().take(self.count as usize)
    }

    /// The column of `date` (negative before the first day).
    pub fn column(self, date: NaiveDate) -> i64 {
        (date - self.start).num_days()
    }

    /// Writes the header of a chart with columns `cell` wide from `left`: the date every
    /// Monday at `y` and each weekday's initial at `y + 16`.
    pub fn header(self, out: &mut dyn Write, left: i64, cell: i64, y: i64) -> io::Result<()> {
        for (i, d) in self.iter().enumerate() {
            let x = left + i as i64 * cell;
            if d.weekday() == chrono::Weekday::Mon {
                write!(
                    out,
                    "<text x=\"{}\" y=\"{y}\">{}</text>",
                    x + 2,
                    d.format("%m-%d")
                )?;
            }
            write!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + cell / 2,
                y + 16,
                &d.format("%a").to_string()[..1]
            )?;
        }
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(
            escape(r#"<a href="x">Tom's & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn charts_show_whole_weeks() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        // Sun 2026-11-22 to Fri 2026-12-04: Mon 11-16 to Sun 12-06.
        let days = Days::weeks(d(11, 22), d(12, 4));
        assert_eq!(days.start, d(11, 16));
        assert_eq!(days.count, 21);
        assert_eq!(days.column(d(11, 22)), 6);
        assert_eq!(days.iter().last(), Some(d(12, 6)));
    }
}
