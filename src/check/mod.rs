//! `golive check`: an offline preflight of a Power Platform connector folder against the
//! certification rules Microsoft documents and its (private) validators enforce.
//!
//! A folder's files are read ([`check_folder`]) or given ([`check_files`]); the swagger and
//! apiProperties are read with a span-keeping JSON reader, so that every [`Finding`] names
//! the file, line, column and JSON pointer of the offending value. Each rule is one function
//! with one [`Rule`] record (its id, severity, source and fix); [`rules`] lists them all.
//! The renderers write a table, JSON or SARIF 2.1.0.
//!
//! # Example
//! ```
//! use golive::check::{Folder, Options, check_files};
//! let folder = Folder::new("Contoso")
//!     .with_file("apiDefinition.swagger.json", br#"{"swagger": "2.0", "info": {"title": "Contoso API"}}"#)
//!     .with_file("apiProperties.json", br##"{"properties": {"iconBrandColor": "#da3b01"}}"##)
//!     .with_file("readme.md", b"# Contoso");
//! let report = check_files(&folder, None, &Options::default());
//! let words = report.findings.iter().find(|f| f.rule.id == "ValueContainsRestrictedWords").unwrap();
//! assert_eq!((words.line, words.column), (Some(1), Some(38)));
//! assert_eq!(words.pointer.as_deref(), Some("/info/title"));
//! assert!(report.errors() > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod breaking;
mod folder;
mod info;
mod json;
mod operations;
mod png;
mod properties;
mod refs;
mod render;
mod swagger;

use std::path::Path;

use crate::error::{Error, Result, short};

pub use render::{render_json, render_sarif, render_table, render_table_fitted};

use json::{Json, V};

/// Which kind of publisher submits the connector; some rules differ between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publisher {
    /// A company that owns the service (certified-connectors/).
    Verified,
    /// Anyone else (independent-publisher-connectors/).
    Independent,
}

impl Publisher {
    /// `verified` or `independent`, as the JSON output and `--publisher` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Publisher::Verified => "verified",
            Publisher::Independent => "independent",
        }
    }
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The certification pipeline or the documentation rejects it: fix before submitting.
    Error,
    /// Guidance, or a rule many merged connectors break: worth fixing, not fatal.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One check: what [`rules`] lists and every [`Finding`] points to.
///
/// Several checks may share an `id` where Microsoft's validator uses one id for several
/// checks (`RequiredPropertyMissing`, `FieldLengthExceeded`, ...); such checks share a
/// severity too, and differ in their message, source and fix.
#[derive(Debug)]
pub struct Rule {
    /// Microsoft's validator id where one is known, golive's own (PascalCase) otherwise.
    pub id: &'static str,
    /// Whether `id` is Microsoft's.
    pub microsoft_id: bool,
    /// Error or warning.
    pub severity: Severity,
    /// The rule's number in golive's preflight research (section 3 of preflight-rules.md).
    pub number: u8,
    /// What the check asks for, in one line.
    pub title: &'static str,
    /// Where the rule comes from: Microsoft's documents, validator, pull-request threads.
    pub source: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
}

/// Builds a [`Rule`] in the tables of the rule files.
const fn rule(
    id: &'static str,
    microsoft_id: bool,
    severity: Severity,
    number: u8,
    title: &'static str,
    source: &'static str,
    fix: &'static str,
) -> Rule {
    Rule {
        id,
        microsoft_id,
        severity,
        number,
        title,
        source,
        fix,
    }
}

/// Every rule golive checks, in the order of the research's rule numbers.
pub fn rules() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = [
        folder::RULES,
        info::RULES,
        operations::RULES,
        refs::RULES,
        properties::RULES,
        breaking::RULES,
    ]
    .concat();
    all.sort_by_key(|r| r.number);
    all
}

/// One problem found, at a place in a file.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The check that found it.
    pub rule: &'static Rule,
    /// The file, as a path: the folder as given joined with the file's name.
    pub file: String,
    /// 1-based line, when the finding is at a place in the file.
    pub line: Option<usize>,
    /// 1-based column in characters.
    pub column: Option<usize>,
    /// RFC 6901 pointer to the offending value (or to the object that lacks a property).
    pub pointer: Option<String>,
    /// What is wrong, with values quoted short and escaped.
    pub message: String,
    /// The offending value as it is quoted: at most 60 characters, escaped.
    pub value: Option<String>,
}

impl Finding {
    /// The finding's severity (its rule's).
    pub fn severity(&self) -> Severity {
        self.rule.severity
    }
}

/// What [`check_folder`] found in one connector folder.
#[derive(Debug, Clone)]
pub struct Report {
    /// The folder as given.
    pub connector: String,
    /// The publisher kind the rules were applied for.
    pub publisher: Publisher,
    /// The findings, by file, then line and column.
    pub findings: Vec<Finding>,
}

impl Report {
    /// How many findings are errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many findings are warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    }
}

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The publisher kind; when `None` it is inferred (see [`check_files`]).
    pub publisher: Option<Publisher>,
    /// The connector's previous folder, for the breaking-change rules.
    pub previous: Option<std::path::PathBuf>,
}

/// A connector folder's files in memory: what [`check_files`] checks.
#[derive(Debug, Clone)]
pub struct Folder {
    /// The folder as it is shown (a path).
    pub path: String,
    /// The name of the folder that holds it (`independent-publisher-connectors` marks an
    /// independent publisher).
    pub parent: Option<String>,
    /// The top-level files, by name, with their bytes (files golive does not read may have
    /// empty contents).
    pub files: Vec<(String, Vec<u8>)>,
}

impl Folder {
    /// An empty folder shown as `path`.
    pub fn new(path: impl Into<String>) -> Folder {
        Folder {
            path: path.into(),
            parent: None,
            files: Vec::new(),
        }
    }

    /// The folder with one more file.
    pub fn with_file(mut self, name: &str, bytes: &[u8]) -> Folder {
        self.files.push((name.to_string(), bytes.to_vec()));
        self
    }

    /// The folder with a parent folder name.
    pub fn with_parent(mut self, parent: &str) -> Folder {
        self.parent = Some(parent.to_string());
        self
    }

    /// The file named exactly `name`, or else one whose name matches ignoring ASCII case.
    fn find(&self, name: &str) -> Option<(&str, &[u8])> {
        let exact = self.files.iter().find(|(n, _)| n == name);
        exact
            .or_else(|| {
                self.files
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
            })
            .map(|(n, b)| (n.as_str(), b.as_slice()))
    }

    /// The path of a file in this folder, as findings show it.
    fn path_of(&self, name: &str) -> String {
        match self.path.as_str() {
            "" | "." => name.to_string(),
            p if p.ends_with('/') => format!("{p}{name}"),
            p => format!("{p}/{name}"),
        }
    }
}

/// The largest file golive reads from a connector folder. Larger ones are bad input.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The files of a folder golive reads; the rest are listed by name only.
const READ: [&str; 5] = [
    "apiDefinition.swagger.json",
    "apiProperties.json",
    "readme.md",
    "icon.png",
    "script.csx",
];

/// Reads a connector folder from disk: the files the rules need (each at most
/// [`MAX_FILE_BYTES`]) and the names of the others.
///
/// A path that is not a folder, or a file that cannot be read or is too large, is an
/// [`crate::ErrorKind::Io`] naming the path. A folder without the required files is not an error: that
/// is a finding of the check.
pub fn read_folder(path: &Path) -> Result<Folder> {
    let io = |p: &Path, source: std::io::Error| Error::io("read", p.display().to_string(), source);
    let meta = std::fs::metadata(path).map_err(|e| io(path, e))?;
    if !meta.is_dir() {
        return Err(io(
            path,
            std::io::Error::other("it is not a folder; give a connector's folder"),
        ));
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| io(path, e))? {
        let entry = entry.map_err(|e| io(path, e))?;
        if entry
            .file_type()
            .map_err(|e| io(&entry.path(), e))?
            .is_file()
        {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    let mut files = Vec::new();
    for name in names {
        let wanted = READ.iter().any(|r| r.eq_ignore_ascii_case(&name));
        let bytes = match wanted {
            true => {
                let p = path.join(&name);
                read_limited(&p).map_err(|e| io(&p, e))?
            }
            false => Vec::new(),
        };
        files.push((name, bytes));
    }
    let parent = std::fs::canonicalize(path).ok().and_then(|p| {
        p.parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
    });
    Ok(Folder {
        path: path.display().to_string(),
        parent,
        files,
    })
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let too_big = || {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MB, the most golive reads",
                MAX_FILE_BYTES >> 20
            ),
        )
    };
    if file.metadata()?.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Checks the connector folder at `path` (and `options.previous`, for breaking changes).
///
/// # Errors
/// [`crate::ErrorKind::Io`] when `path` (or the previous folder) is not a folder or a file in it cannot
/// be read or is larger than 64 MB.
pub fn check_folder(path: &Path, options: &Options) -> Result<Report> {
    let folder = read_folder(path)?;
    let previous = options.previous.as_deref().map(read_folder).transpose()?;
    Ok(check_files(&folder, previous.as_ref(), options))
}

/// Checks a folder's files. The publisher is `options.publisher`, else independent when
/// apiProperties' `iconBrandColor` is `#da3b01` or the parent folder is
/// `independent-publisher-connectors`, else verified.
pub fn check_files(folder: &Folder, previous: Option<&Folder>, options: &Options) -> Report {
    let swagger = folder
        .find("apiDefinition.swagger.json")
        .map(|(name, bytes)| Doc::new(folder.path_of(name), name, bytes));
    let props = folder
        .find("apiProperties.json")
        .map(|(name, bytes)| Doc::new(folder.path_of(name), name, bytes));
    let publisher = options
        .publisher
        .unwrap_or_else(|| infer_publisher(folder, props.as_ref()));
    let mut ctx = Ctx {
        folder,
        publisher,
        swagger: swagger.as_ref(),
        props: props.as_ref(),
        findings: Vec::new(),
    };
    folder::check(&mut ctx);
    if let Some(doc) = ctx.swagger.filter(|d| d.json.root().is_some()) {
        info::check(&mut ctx, doc);
        operations::check(&mut ctx, doc);
        refs::check(&mut ctx, doc);
    }
    properties::check(&mut ctx);
    if let Some(old) = previous {
        breaking::check(&mut ctx, old);
    }
    let mut findings = ctx.findings;
    // One finding per place and rule: a shared parameter is reported once, not once for
    // each operation that uses it.
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule.id, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.rule.id, &b.message))
    });
    findings.dedup_by(|a, b| {
        a.file == b.file
            && a.pointer == b.pointer
            && a.rule.id == b.rule.id
            && a.message == b.message
    });
    Report {
        connector: folder.path.clone(),
        publisher,
        findings,
    }
}

fn infer_publisher(folder: &Folder, props: Option<&Doc>) -> Publisher {
    let color = props
        .and_then(|d| d.json.root())
        .and_then(|r| r.get("properties"))
        .and_then(|p| p.get_str("iconBrandColor"));
    let independent = color.is_some_and(|c| c.trim().eq_ignore_ascii_case("#da3b01"))
        || folder
            .parent
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("independent-publisher-connectors"));
    match independent {
        true => Publisher::Independent,
        false => Publisher::Verified,
    }
}

/// A JSON file of the folder, parsed.
pub(crate) struct Doc {
    /// The path as findings show it.
    path: String,
    /// The file's name in the folder, as found.
    name: String,
    json: Json,
    size: usize,
}

impl Doc {
    fn new(path: String, name: &str, bytes: &[u8]) -> Doc {
        Doc {
            path,
            name: name.to_string(),
            json: Json::parse(bytes),
            size: bytes.len(),
        }
    }
}

/// What a rule function gets: the folder, its parsed files, and where findings go.
pub(crate) struct Ctx<'a> {
    folder: &'a Folder,
    publisher: Publisher,
    swagger: Option<&'a Doc>,
    props: Option<&'a Doc>,
    findings: Vec<Finding>,
}

impl Ctx<'_> {
    /// A finding at a value.
    fn at(&mut self, rule: &'static Rule, doc: &Doc, v: V<'_>, message: String) {
        let (line, column) = doc.json.position(v.start());
        let value = v.as_str().map(|s| short(s).to_string());
        self.findings.push(Finding {
            rule,
            file: doc.path.clone(),
            line: Some(line),
            column: Some(column),
            pointer: Some(v.pointer()),
            message,
            value,
        });
    }

    /// A finding at an object member's key (a path template, a parameter name...).
    fn at_key(&mut self, rule: &'static Rule, doc: &Doc, v: V<'_>, message: String) {
        let (line, column) = doc.json.position(v.key_start().unwrap_or(v.start()));
        self.findings.push(Finding {
            rule,
            file: doc.path.clone(),
            line: Some(line),
            column: Some(column),
            pointer: Some(v.pointer()),
            message,
            value: v.key().map(|k| short(k).to_string()),
        });
    }

    /// A finding at a byte offset of a file.
    fn at_offset(&mut self, rule: &'static Rule, doc: &Doc, offset: usize, message: String) {
        let (line, column) = doc.json.position(offset);
        self.findings.push(Finding {
            rule,
            file: doc.path.clone(),
            line: Some(line),
            column: Some(column),
            pointer: None,
            message,
            value: None,
        });
    }

    /// A finding about a whole file (or a file that is missing).
    fn at_file(&mut self, rule: &'static Rule, file: String, message: String) {
        self.findings.push(Finding {
            rule,
            file,
            line: None,
            column: None,
            pointer: None,
            message,
            value: None,
        });
    }
}

/// A value quoted in a message: in double quotes, cut at 60 characters, escaped.
fn quote(s: &str) -> String {
    format!("\"{}\"", short(s))
}

/// A character as a message names it: a space, a line break, or the character quoted.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' | '\r' => "a line break".into(),
        c if c.is_whitespace() || c.is_control() => format!("{}", c.escape_unicode()),
        c => format!("'{c}'"),
    }
}

/// Whether `s` is an absolute http(s) URL with a host (what the validator's `UrlNotValid`
/// asks for; `mailto:` and relative links are not).
fn is_absolute_url(s: &str) -> bool {
    let s = s.trim();
    if s.len() != s.trim().len() || s.chars().any(char::is_whitespace) {
        return false;
    }
    let rest = match s.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") =>
        {
            rest
        }
        _ => return false,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    !host.is_empty()
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://contoso.com",
            "http://a.b/c?d#e",
            "https://x.io:8080/p",
        ] {
            assert!(is_absolute_url(ok), "{ok}");
        }
        for bad in [
            "contoso.com",
            "mailto:a@b.c",
            "https://",
            "https://local host.com",
            "ftp://a.b",
            "https://{host}/x",
        ] {
            assert!(!is_absolute_url(bad), "{bad}");
        }
    }

    #[test]
    fn shared_ids_share_a_severity() {
        let all = rules();
        for a in &all {
            for b in &all {
                if a.id == b.id {
                    assert_eq!(a.severity, b.severity, "{}", a.id);
                    assert_eq!(a.microsoft_id, b.microsoft_id, "{}", a.id);
                }
            }
            assert!(!a.source.is_empty() && !a.fix.is_empty() && !a.title.is_empty());
        }
    }

    #[test]
    fn the_publisher_is_inferred() {
        let f = Folder::new("x").with_file(
            "apiProperties.json",
            br##"{"properties": {"iconBrandColor": "#DA3B01"}}"##,
        );
        assert_eq!(
            check_files(&f, None, &Options::default()).publisher,
            Publisher::Independent
        );
        let f = Folder::new("x").with_parent("independent-publisher-connectors");
        assert_eq!(
            check_files(&f, None, &Options::default()).publisher,
            Publisher::Independent
        );
        let f = Folder::new("x").with_parent("certified-connectors");
        assert_eq!(
            check_files(&f, None, &Options::default()).publisher,
            Publisher::Verified
        );
        let o = Options {
            publisher: Some(Publisher::Verified),
            previous: None,
        };
        let f = Folder::new("x").with_parent("independent-publisher-connectors");
        assert_eq!(check_files(&f, None, &o).publisher, Publisher::Verified);
    }
}
