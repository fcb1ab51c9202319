//! How wide a table may be: `--width`, else the terminal's width when the answer goes to one
//! (`COLUMNS` when it is set to a number, else the terminal's own size), else no limit, so
//! that pipes and files get whole tables whatever the environment says.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::OnceLock;

/// `--width`, set once when the command line is parsed.
static FLAG: OnceLock<Option<u16>> = OnceLock::new();

/// Records `--width` for [`width`]; the first call wins.
pub(crate) fn set_flag(width: Option<u16>) {
    let _ = FLAG.set(width);
}

/// The width an answer written to `out` (`None`: stdout) is fitted to; `None` for whole
/// tables. `--width 0` asks for whole tables on a terminal too.
pub(crate) fn width(out: Option<&Path>) -> Option<u16> {
    if let Some(&Some(flag)) = FLAG.get() {
        return (flag > 0).then_some(flag);
    }
    let to_stdout = out.is_none_or(|p| p.as_os_str() == "-");
    if !to_stdout || !std::io::stdout().is_terminal() {
        return None;
    }
    columns(std::env::var("COLUMNS").ok().as_deref())
        .or_else(|| terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0))
        .filter(|&w| w > 0)
}

/// `COLUMNS` as a width, when it is a positive number of columns (shells export it as one;
/// anything else is ignored, as `ls` and `git` ignore it).
fn columns(value: Option<&str>) -> Option<u16> {
    value?.trim().parse::<u16>().ok().filter(|&w| w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_takes_a_positive_number_only() {
        assert_eq!(columns(Some("80")), Some(80));
        assert_eq!(columns(Some(" 120\n")), Some(120));
        for bad in ["", "0", "-5", "wide", "99999999", "80x24"] {
            assert_eq!(columns(Some(bad)), None, "{bad}");
        }
        assert_eq!(columns(None), None);
    }
}
