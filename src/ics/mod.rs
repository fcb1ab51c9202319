//! iCalendar (RFC 5545), read and written side by side.
//!
//! `read` is a small, strict reader of the part of iCalendar golive uses, with positions for
//! every error: holiday calendars and freeze windows a configuration imports, and the export
//! `--previous` continues. `write` streams golive's own exports (behind the `render`
//! feature): [`Options`] says when an export was made and which one it replaces.

mod read;
#[cfg(feature = "render")]
mod write;

pub(crate) use read::{IcsTime, read};

#[cfg(feature = "render")]
pub(crate) use write::{Feed, IcsText, LiveUid, UID_DOMAIN, hash, live_uid, slug, train_uid};
#[cfg(feature = "render")]
pub use write::{Options, PreviousExport};
