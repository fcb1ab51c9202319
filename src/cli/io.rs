//! Files in and out: reading inputs with size limits, and writing answers to stdout or to a
//! file that is replaced atomically.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use golive::{Error, Result, Source};

/// The largest batch file golive reads: a million connectors take about 45 MB.
pub(crate) const MAX_BATCH_BYTES: u64 = 512 << 20;

/// Reads an input file: a CSV batch up to [`MAX_BATCH_BYTES`], anything else up to
/// [`golive::MAX_FILE_BYTES`].
pub(crate) fn read_file(path: &Path) -> Result<Source> {
    let limit = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => MAX_BATCH_BYTES,
        _ => golive::MAX_FILE_BYTES,
    };
    Source::read(path, limit)
}

/// Reads a batch from standard input, up to [`MAX_BATCH_BYTES`].
pub(crate) fn read_stdin() -> Result<Source> {
    let io_error = |source| {
        Error::from(golive::ErrorKind::Io {
            action: "read",
            path: "standard input".into(),
            source,
        })
    };
    let bytes = golive::read_up_to(std::io::stdin().lock(), MAX_BATCH_BYTES, 0)
        .map_err(io_error)?
        .ok_or_else(|| {
            io_error(io::Error::other(format!(
                "larger than {} MB, the most golive reads for a batch",
                MAX_BATCH_BYTES >> 20
            )))
        })?;
    Source::from_bytes("<stdin>", bytes)
}

/// Where an answer goes when `--out` names a stream rather than a file to replace.
enum Stream {
    Stdout,
    Stderr,
    /// A device, a pipe or another descriptor: opened and written into as it is.
    Open(PathBuf),
}

/// The stream `path` names, if it names one: `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`
/// or `/proc/self/fd/N` (also through symbolic links to them), a device or a FIFO. Such a
/// path is never followed to what it points at: behind `/dev/stdout` may be a file the shell
/// redirected to, which renaming a new file over would cut from the shell's other output.
fn stream_of(path: &Path) -> Option<Stream> {
    if path.as_os_str() == "-" {
        return Some(Stream::Stdout);
    }
    let own = format!("/proc/{}/fd/", std::process::id());
    let mut at = path.to_path_buf();
    // A chain of symbolic links is followed by hand, to see every name on the way.
    for _ in 0..40 {
        let name = at.to_string_lossy();
        let fd = ["/dev/fd/", "/proc/self/fd/", own.as_str()]
            .iter()
            .find_map(|prefix| name.strip_prefix(prefix))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        match (name.as_ref(), fd) {
            ("/dev/stdout", _) | (_, Some("1")) => return Some(Stream::Stdout),
            ("/dev/stderr", _) | (_, Some("2")) => return Some(Stream::Stderr),
            (_, Some(_)) => return Some(Stream::Open(at)),
            _ => {}
        }
        match std::fs::read_link(&at) {
            Ok(next) => at = at.parent().map_or(next.clone(), |dir| dir.join(&next)),
            Err(_) => break,
        }
    }
    // A device or a pipe (a FIFO) cannot be replaced: it is written into.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Some(Stream::Open(path.to_path_buf())),
        _ => None,
    }
}

/// Whether writing to `path` replaces a file atomically (rather than writing into a stream),
/// so that what was written can still be thrown away.
pub(crate) fn is_replaced(path: &Path) -> bool {
    stream_of(path).is_none()
}

/// Writes an answer to `path`, or to stdout when there is none.
///
/// A file is written atomically: into a temporary file beside it, synced, then renamed over
/// it, so a failed run leaves no file behind and never a half-written one in its place. A
/// stream (`-`, `/dev/stdout`, a pipe, a device; see [`stream_of`]) is written as it is.
pub(crate) fn write_output(
    path: Option<&Path>,
    render: &dyn Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let stream = match path {
        None => Stream::Stdout,
        Some(p) => match stream_of(p) {
            Some(s) => s,
            None => return write_file(p, render),
        },
    };
    let name = path.map_or("<stdout>".into(), |p| p.display().to_string());
    let written = match stream {
        Stream::Stdout => {
            let mut out = BufWriter::new(io::stdout().lock());
            render(&mut out).and_then(|()| out.flush())
        }
        Stream::Stderr => {
            let mut out = BufWriter::new(io::stderr().lock());
            render(&mut out).and_then(|()| out.flush())
        }
        Stream::Open(p) => {
            // A descriptor of a regular file opens a new description of it, whose offset
            // would start at 0 and overwrite what is there: append instead.
            let append = std::fs::metadata(&p).is_ok_and(|m| m.is_file());
            std::fs::OpenOptions::new()
                .write(!append)
                .append(append)
                .open(&p)
                .and_then(|file| {
                    let mut out = BufWriter::new(file);
                    render(&mut out).and_then(|()| out.flush())
                })
        }
    };
    match written {
        // A closed pipe (`golive ... | head`) is not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(io_error(&name, e)),
        _ => Ok(()),
    }
}

/// Writes an answer to the file `path`, atomically.
fn write_file(path: &Path, render: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let failed = |source: io::Error| io_error(&path.display().to_string(), source);
    // Through a symbolic link, the file it points at is the one replaced.
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = match is_link {
        true => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        false => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(failed(io::Error::other(
                "it is a directory; name a file to write",
            )));
        }
        Ok(m) if m.permissions().readonly() => {
            return Err(failed(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; golive will not replace it",
            )));
        }
        _ => {}
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".golive-").suffix(".tmp");
    #[cfg(unix)]
    {
        // As a plain create would: read-write for all, less the umask.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The temporary file's own name would only confuse: report the kind of failure.
    let file = builder.tempfile_in(&dir).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => failed(io::Error::other(format!(
            "the directory {} does not exist",
            golive::printable(&dir.display().to_string())
        ))),
        kind => failed(io::Error::from(kind)),
    })?;
    let mut out = BufWriter::new(file.as_file());
    render(&mut out)
        .and_then(|()| out.flush())
        .map_err(failed)?;
    drop(out);
    if let Ok(existing) = std::fs::metadata(&target)
        && existing.is_file()
    {
        // Replacing a file keeps its permissions.
        file.as_file()
            .set_permissions(existing.permissions())
            .map_err(failed)?;
    }
    file.as_file().sync_all().map_err(failed)?;
    file.persist(&target).map_err(|e| failed(e.error))?;
    Ok(())
}

/// A write that failed: an error a renderer carried through the writer (a batch read again
/// as its plan streams out) comes out as itself.
fn io_error(path: &str, e: io::Error) -> Error {
    match e.downcast::<Error>() {
        Ok(inner) => inner,
        Err(e) => golive::Error::from(golive::ErrorKind::Io {
            action: "write",
            path: path.to_string(),
            source: e,
        }),
    }
}

/// Writes `text` to stdout; a closed pipe (`golive ... | head`) is not an error.
pub(crate) fn print(text: &str) -> Result<()> {
    write_output(None, &|w| w.write_all(text.as_bytes()))
}
