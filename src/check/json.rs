//! A strict JSON reader that keeps where every value is.
//!
//! Why not serde_json or a crate: serde_json forgets positions once a value is built, and the
//! position-keeping crates we looked at (jsonc-parser, json-spanned-value) recurse once per
//! nesting level and stop at the first syntax error. A preflight must point at every value
//! and keep going past the mistakes merged connectors really contain (a missing comma, a
//! trailing comma, a tab inside a string, Latin-1 bytes, an em space used as indentation),
//! reporting each with its place, so that the other rules still run. So this reader:
//!
//! - is iterative: containers live on an explicit stack, nesting past [`MAX_DEPTH`] is a
//!   finding and ends the parse, and values live in one arena (`Vec<Node>`), so neither
//!   parsing nor dropping a deep document recurses;
//! - recovers from the mistakes above, recording each as a [`Problem`]; anything else is a
//!   fatal problem at its byte, and the document is then not built;
//! - keeps for every value its byte span and its parent, so that a finding can give line,
//!   column (in characters) and an RFC 6901 JSON pointer.

use std::ops::Range;

/// Containers nested deeper than this end the parse with a problem. Real connector files
/// nest about 40 levels at most.
pub const MAX_DEPTH: usize = 512;

/// Documents with more values than this end the parse with a problem (hostile input; the
/// largest swagger in the corpus has about 60,000 values).
pub const MAX_NODES: usize = 4_000_000;

/// Recovered problems beyond this many are counted, not listed.
const MAX_PROBLEMS: usize = 100;

/// An index into [`Json`]'s arena.
pub type NodeId = u32;

const NO_PARENT: u32 = u32::MAX;

/// How bad a syntax problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The text is not JSON from here on; no document is built.
    Fatal,
    /// Not strict JSON, but the reader knows what was meant and went on.
    Recovered,
    /// An object names the same key twice; the last value is the one used.
    DuplicateKey,
}

/// A syntax problem at a byte offset of [`Json::text`].
#[derive(Debug, Clone)]
pub struct Problem {
    /// How bad it is.
    pub kind: ProblemKind,
    /// Byte offset into the decoded text.
    pub offset: usize,
    /// What is wrong, in golive's words.
    pub message: String,
}

/// A JSON value without its children's contents (those are other nodes).
#[derive(Debug, Clone)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string, unescaped.
    String(String),
    /// An array's items.
    Array(Vec<NodeId>),
    /// An object's members in document order (duplicates kept).
    Object(Vec<Member>),
}

/// One member of an object.
#[derive(Debug, Clone)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Byte offset of the key's opening quote.
    pub key_start: u32,
    /// The member's value.
    pub value: NodeId,
}

#[derive(Debug, Clone)]
struct Node {
    value: Value,
    start: u32,
    end: u32,
    parent: u32,
    /// Index of this node among its parent's items or members.
    slot: u32,
}

/// A parsed file: its decoded text, its values (unless a fatal problem stopped the parse)
/// and its problems.
#[derive(Debug)]
pub struct Json {
    text: String,
    lines: LineIndex,
    nodes: Vec<Node>,
    root: Option<NodeId>,
    /// Syntax problems in text order (recovered ones capped at 100, then one that counts
    /// the rest).
    pub problems: Vec<Problem>,
}

/// A value in a document: a cheap, copyable handle.
#[derive(Clone, Copy)]
pub struct V<'a> {
    doc: &'a Json,
    id: NodeId,
}

impl std::fmt::Debug for V<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "V({})", self.pointer())
    }
}

impl Json {
    /// Reads `bytes`: a UTF-8 BOM is skipped, bytes that are not UTF-8 are a recovered
    /// problem (read as U+FFFD), a UTF-16 or UTF-32 file is a fatal one.
    pub fn parse(bytes: &[u8]) -> Json {
        let mut problems = Vec::new();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => decode_lossy(bytes, &mut problems),
        };
        let lines = LineIndex::new(&text);
        let mut json = Json {
            text,
            lines,
            nodes: Vec::new(),
            root: None,
            problems,
        };
        if json.problems.iter().any(|p| p.kind == ProblemKind::Fatal) {
            return json;
        }
        let mut parser = Parser {
            b: json.text.as_bytes(),
            text: &json.text,
            i: 0,
            nodes: Vec::new(),
            problems: std::mem::take(&mut json.problems),
            recovered: 0,
        };
        let root = parser.document();
        let recovered = parser.recovered;
        json.nodes = parser.nodes;
        json.problems = parser.problems;
        if recovered > MAX_PROBLEMS {
            let offset = json.problems.last().map_or(0, |p| p.offset);
            json.problems.push(Problem {
                kind: ProblemKind::Recovered,
                offset,
                message: format!(
                    "{} more problems of this kind are not listed",
                    recovered - MAX_PROBLEMS
                ),
            });
        }
        json.root = root;
        if root.is_none() {
            // Keep no half-built values: rules must not judge a document that is not there.
            json.nodes = Vec::new();
        }
        json
    }

    /// The decoded text the offsets refer to (after the BOM).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The top-level value, unless a fatal problem stopped the parse.
    pub fn root(&self) -> Option<V<'_>> {
        self.root.map(|id| V { doc: self, id })
    }

    /// Every value in document order.
    pub fn all(&self) -> impl Iterator<Item = V<'_>> {
        (0..self.nodes.len() as u32).map(move |id| V { doc: self, id })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.text, offset)
    }

    /// The value an RFC 6901 pointer names (`/definitions/Pet`), or `None`.
    pub fn at_pointer(&self, pointer: &str) -> Option<V<'_>> {
        let mut v = self.root()?;
        if pointer.is_empty() {
            return Some(v);
        }
        let rest = pointer.strip_prefix('/')?;
        for token in rest.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            v = match &self.node(v.id).value {
                Value::Object(_) => v.get(&token)?,
                Value::Array(items) => {
                    let i: usize = token.parse().ok()?;
                    V {
                        doc: self,
                        id: *items.get(i)?,
                    }
                }
                _ => return None,
            };
        }
        Some(v)
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }
}

impl<'a> V<'a> {
    /// The document this value is in.
    pub fn doc(self) -> &'a Json {
        self.doc
    }

    /// The value itself.
    pub fn value(self) -> &'a Value {
        &self.doc.node(self.id).value
    }

    /// This value's arena index, stable within its document.
    pub fn id(self) -> NodeId {
        self.id
    }

    /// Byte offset where the value starts.
    pub fn start(self) -> usize {
        self.doc.node(self.id).start as usize
    }

    /// Byte span of the value's text.
    pub fn span(self) -> Range<usize> {
        let n = self.doc.node(self.id);
        n.start as usize..n.end as usize
    }

    /// The member `key` of an object (the last one, if the key is repeated).
    pub fn get(self, key: &str) -> Option<V<'a>> {
        match self.value() {
            Value::Object(members) => members.iter().rev().find(|m| m.key == key).map(|m| V {
                doc: self.doc,
                id: m.value,
            }),
            _ => None,
        }
    }

    /// A string member's text.
    pub fn get_str(self, key: &str) -> Option<&'a str> {
        self.get(key).and_then(V::as_str)
    }

    /// The text of a string value.
    pub fn as_str(self) -> Option<&'a str> {
        match self.value() {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean value.
    pub fn as_bool(self) -> Option<bool> {
        match self.value() {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub fn is_object(self) -> bool {
        matches!(self.value(), Value::Object(_))
    }

    /// An array's items (nothing for any other value).
    pub fn items(self) -> impl Iterator<Item = V<'a>> + 'a {
        let doc = self.doc;
        let ids: &'a [NodeId] = match self.value() {
            Value::Array(items) => items,
            _ => &[],
        };
        ids.iter().map(move |&id| V { doc, id })
    }

    /// An object's members as (key, key offset, value), in document order (nothing for
    /// any other value).
    pub fn members(self) -> impl Iterator<Item = (&'a str, usize, V<'a>)> + 'a {
        let doc = self.doc;
        let members: &'a [Member] = match self.value() {
            Value::Object(m) => m,
            _ => &[],
        };
        members
            .iter()
            .map(move |m| (m.key.as_str(), m.key_start as usize, V { doc, id: m.value }))
    }

    /// The JSON type's name as messages say it: `object`, `array`, `string`, `number`,
    /// `integer` (a number without fraction), `boolean` or `null`.
    pub fn type_name(self) -> &'static str {
        match self.value() {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.fract() == 0.0 => "integer",
            Value::Number(..) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The value that holds this one.
    pub fn parent(self) -> Option<V<'a>> {
        let p = self.doc.node(self.id).parent;
        (p != NO_PARENT).then_some(V {
            doc: self.doc,
            id: p,
        })
    }

    /// The key this value has in its parent object, if the parent is an object.
    pub fn key(self) -> Option<&'a str> {
        let n = self.doc.node(self.id);
        match &self.parent()?.value() {
            Value::Object(members) => members.get(n.slot as usize).map(|m| m.key.as_str()),
            _ => None,
        }
    }

    /// Byte offset of the key this value has in its parent object.
    pub fn key_start(self) -> Option<usize> {
        let n = self.doc.node(self.id);
        match &self.parent()?.value() {
            Value::Object(members) => members.get(n.slot as usize).map(|m| m.key_start as usize),
            _ => None,
        }
    }

    /// The RFC 6901 pointer to this value (`""` for the root).
    pub fn pointer(self) -> String {
        let mut tokens = Vec::new();
        let mut v = self;
        while let Some(parent) = v.parent() {
            let slot = self.doc.node(v.id).slot as usize;
            match parent.value() {
                Value::Object(members) => {
                    tokens.push(members.get(slot).map_or(String::new(), |m| {
                        m.key.replace('~', "~0").replace('/', "~1")
                    }))
                }
                _ => tokens.push(slot.to_string()),
            }
            v = parent;
        }
        let mut out = String::new();
        for t in tokens.iter().rev() {
            out.push('/');
            out.push_str(t);
        }
        out
    }
}

/// Decodes bytes that are not all UTF-8: UTF-16/32 (by BOM or zero bytes) is a fatal
/// problem; otherwise each bad byte becomes U+FFFD and the first is reported.
fn decode_lossy(bytes: &[u8], problems: &mut Vec<Problem>) -> String {
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.iter().take(4).any(|&b| b == 0);
    let text = String::from_utf8_lossy(bytes).into_owned();
    if utf16 {
        problems.push(Problem {
            kind: ProblemKind::Fatal,
            offset: 0,
            message: "the file looks like UTF-16 or UTF-32; save it as UTF-8".into(),
        });
        return text;
    }
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let offset = String::from_utf8_lossy(&bytes[..at]).len();
    let bad = bytes.get(at).copied().unwrap_or(0);
    let count = bytes
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count();
    problems.push(Problem {
        kind: ProblemKind::Recovered,
        offset,
        message: format!(
            "byte 0x{bad:02X} is not UTF-8 ({count} such places in the file; the first is here); \
             save the file as UTF-8"
        ),
    });
    text
}

/// Line starts and a sparse table of character counts, so that a column costs at most a
/// short scan even on a megabyte-long line.
#[derive(Debug)]
struct LineIndex {
    starts: Vec<usize>,
    /// `chars[k]`: characters in the first `k * CHUNK` bytes.
    chars: Vec<usize>,
}

const CHUNK: usize = 1024;

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for (i, &c) in b.iter().enumerate() {
            // LF, CRLF and a bare CR each end a line, as editors count them.
            if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let mut chars = Vec::with_capacity(b.len() / CHUNK + 2);
        let mut count = 0;
        chars.push(0);
        for chunk in b.chunks(CHUNK) {
            count += chunk.iter().filter(|&&c| c & 0xC0 != 0x80).count();
            chars.push(count);
        }
        LineIndex { starts, chars }
    }

    fn chars_before(&self, b: &[u8], offset: usize) -> usize {
        let k = offset / CHUNK;
        self.chars[k.min(self.chars.len() - 1)]
            + b[k * CHUNK..offset]
                .iter()
                .filter(|&&c| c & 0xC0 != 0x80)
                .count()
    }

    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let b = text.as_bytes();
        let offset = offset.min(b.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self.chars_before(b, offset) - self.chars_before(b, start) + 1;
        (line, column)
    }
}

/// A container being read.
enum Frame {
    Array {
        id: NodeId,
        items: Vec<NodeId>,
    },
    Object {
        id: NodeId,
        members: Vec<Member>,
        keys: std::collections::HashSet<String>,
    },
}

struct Parser<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
    nodes: Vec<Node>,
    problems: Vec<Problem>,
    recovered: usize,
}

/// The end of a parse that cannot go on.
struct Stop;

impl Parser<'_> {
    fn recovered(&mut self, offset: usize, message: impl Into<String>) {
        self.recovered += 1;
        if self.recovered <= MAX_PROBLEMS {
            self.problems.push(Problem {
                kind: ProblemKind::Recovered,
                offset,
                message: message.into(),
            });
        }
    }

    fn fatal(&mut self, offset: usize, message: impl Into<String>) -> Stop {
        self.problems.push(Problem {
            kind: ProblemKind::Fatal,
            offset,
            message: message.into(),
        });
        Stop
    }

    /// What is at the current byte, for messages.
    fn found(&self) -> String {
        match self.text.get(self.i..).and_then(|s| s.chars().next()) {
            None => "the end of the file".into(),
            Some(c) if c.is_control() || c.is_whitespace() => format!("{}", c.escape_unicode()),
            Some(c) => format!("'{c}'"),
        }
    }

    /// Skips whitespace; comments and Unicode spaces are skipped too, as recovered problems.
    fn skip_ws(&mut self) -> Result<(), Stop> {
        loop {
            match self.b.get(self.i) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.i += 1,
                Some(b'/') if self.b.get(self.i + 1) == Some(&b'/') => {
                    self.recovered(self.i, "a // comment; JSON has no comments");
                    while self.i < self.b.len() && !matches!(self.b[self.i], b'\n' | b'\r') {
                        self.i += 1;
                    }
                }
                Some(b'/') if self.b.get(self.i + 1) == Some(&b'*') => {
                    let at = self.i;
                    match self.text[self.i + 2..].find("*/") {
                        Some(end) => {
                            self.recovered(at, "a /* */ comment; JSON has no comments");
                            self.i += 2 + end + 2;
                        }
                        None => return Err(self.fatal(at, "a /* comment that never ends")),
                    }
                }
                Some(&c) if c >= 0x80 => {
                    let ch = self.text[self.i..].chars().next().unwrap_or(' ');
                    if ch.is_whitespace() || ch == '\u{feff}' {
                        self.recovered(
                            self.i,
                            format!(
                                "the character {} is not JSON whitespace; use plain spaces",
                                ch.escape_unicode()
                            ),
                        );
                        self.i += ch.len_utf8();
                    } else {
                        return Ok(());
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn push(&mut self, value: Value, start: usize, parent: u32, slot: u32) -> Result<NodeId, Stop> {
        if self.nodes.len() >= MAX_NODES {
            return Err(self.fatal(
                start,
                format!("more than {MAX_NODES} values; golive reads no larger documents"),
            ));
        }
        self.nodes.push(Node {
            value,
            start: start as u32,
            end: start as u32,
            parent,
            slot,
        });
        Ok((self.nodes.len() - 1) as NodeId)
    }

    fn document(&mut self) -> Option<NodeId> {
        self.document_inner().ok()
    }

    fn document_inner(&mut self) -> Result<NodeId, Stop> {
        let mut stack: Vec<Frame> = Vec::new();
        self.skip_ws()?;
        if self.i >= self.b.len() {
            return Err(self.fatal(self.i, "the file is empty; expected a JSON object"));
        }
        // Each turn reads one value in the position the stack says, then what follows it.
        // The first value read is node 0, the root.
        'values: loop {
            let (parent, slot) = match stack.last() {
                None => (NO_PARENT, 0),
                Some(Frame::Array { id, items }) => (*id, items.len() as u32),
                // The member's key is already in place (see `key`).
                Some(Frame::Object { id, members, .. }) => {
                    (*id, members.len().saturating_sub(1) as u32)
                }
            };
            let start = self.i;
            match self.b.get(self.i) {
                Some(b'{') | Some(b'[') => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(self.fatal(
                            start,
                            format!("values nested deeper than {MAX_DEPTH} levels"),
                        ));
                    }
                    let open = self.b[self.i];
                    self.i += 1;
                    let id = self.push(
                        match open {
                            b'{' => Value::Object(Vec::new()),
                            _ => Value::Array(Vec::new()),
                        },
                        start,
                        parent,
                        slot,
                    )?;
                    self.attach(&mut stack, id);
                    stack.push(match open {
                        b'{' => Frame::Object {
                            id,
                            members: Vec::new(),
                            keys: Default::default(),
                        },
                        _ => Frame::Array {
                            id,
                            items: Vec::new(),
                        },
                    });
                    self.skip_ws()?;
                    // An empty container, or the first key.
                    let closer = if open == b'{' { b'}' } else { b']' };
                    if self.b.get(self.i) == Some(&closer) {
                        self.i += 1;
                        self.close(&mut stack);
                    } else if open == b'{' {
                        self.key(&mut stack)?;
                        continue 'values;
                    } else {
                        continue 'values;
                    }
                }
                _ => {
                    let value = self.scalar()?;
                    let id = self.push(value, start, parent, slot)?;
                    self.nodes[id as usize].end = self.i as u32;
                    self.attach(&mut stack, id);
                }
            }
            // After a value: a separator, a closer, or the end.
            loop {
                self.skip_ws()?;
                let Some(frame) = stack.last() else {
                    if self.i < self.b.len() {
                        return Err(self.fatal(
                            self.i,
                            format!(
                                "the JSON value ends before this {}; look for an extra closing bracket above",
                                self.found()
                            ),
                        ));
                    }
                    return Ok(0);
                };
                let (closer, is_object) = match frame {
                    Frame::Array { .. } => (b']', false),
                    Frame::Object { .. } => (b'}', true),
                };
                match self.b.get(self.i) {
                    Some(b',') => {
                        let comma = self.i;
                        self.i += 1;
                        self.skip_ws()?;
                        if self.b.get(self.i) == Some(&closer) {
                            self.recovered(comma, "a trailing comma before the closing bracket");
                            self.i += 1;
                            self.close(&mut stack);
                            continue;
                        }
                        if is_object {
                            self.key(&mut stack)?;
                        }
                        continue 'values;
                    }
                    Some(&c) if c == closer => {
                        self.i += 1;
                        self.close(&mut stack);
                    }
                    Some(&c @ (b'}' | b']')) => {
                        // A closer for an enclosing container: the inner ones lack theirs.
                        let want = if c == b'}' { "object" } else { "array" };
                        let encloses = stack.iter().rev().skip(1).any(|f| {
                            matches!(
                                (f, c),
                                (Frame::Object { .. }, b'}') | (Frame::Array { .. }, b']')
                            )
                        });
                        if !encloses {
                            return Err(self.fatal(
                                self.i,
                                format!(
                                    "expected ',' or '{}' but found '{}'",
                                    closer as char, c as char
                                ),
                            ));
                        }
                        self.recovered(
                            self.i,
                            format!(
                                "a missing '{}' before this '{}' (it closes an {want})",
                                closer as char, c as char
                            ),
                        );
                        self.close(&mut stack);
                    }
                    Some(b'"') if is_object => {
                        self.recovered(self.i, "a missing comma before this key");
                        self.key(&mut stack)?;
                        continue 'values;
                    }
                    Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
                        if !is_object =>
                    {
                        self.recovered(self.i, "a missing comma before this value");
                        continue 'values;
                    }
                    None => {
                        return Err(self.fatal(
                            self.i,
                            format!(
                                "the file ends inside an {}; a '{}' is missing",
                                if is_object { "object" } else { "array" },
                                closer as char
                            ),
                        ));
                    }
                    Some(_) => {
                        return Err(self.fatal(
                            self.i,
                            format!(
                                "expected ',' or '{}' but found {}",
                                closer as char,
                                self.found()
                            ),
                        ));
                    }
                }
            }
        }
    }

    /// Reads an object key and its colon; the next value becomes its member.
    fn key(&mut self, stack: &mut [Frame]) -> Result<(), Stop> {
        if self.b.get(self.i) != Some(&b'"') {
            return Err(self.fatal(
                self.i,
                format!("expected a key in double quotes but found {}", self.found()),
            ));
        }
        let key_start = self.i;
        let key = self.string()?;
        self.skip_ws()?;
        match self.b.get(self.i) {
            Some(b':') => {
                self.i += 1;
                self.skip_ws()?;
            }
            Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                self.recovered(self.i, "a missing ':' after the key");
            }
            _ => {
                return Err(self.fatal(
                    self.i,
                    format!("expected ':' after the key but found {}", self.found()),
                ));
            }
        }
        if let Some(Frame::Object { members, keys, .. }) = stack.last_mut() {
            if !keys.insert(key.clone()) {
                self.problems.push(Problem {
                    kind: ProblemKind::DuplicateKey,
                    offset: key_start,
                    message: format!(
                        "the key \"{}\" appears twice in this object; the last one is used",
                        crate::error::short(&key)
                    ),
                });
            }
            // The member's value is filled in when it is read (see `attach`).
            members.push(Member {
                key,
                key_start: key_start as u32,
                value: NO_PARENT,
            });
        }
        Ok(())
    }

    /// Records a new value in the container on top of the stack.
    fn attach(&mut self, stack: &mut [Frame], id: NodeId) {
        match stack.last_mut() {
            Some(Frame::Array { items, .. }) => items.push(id),
            Some(Frame::Object { members, .. }) => {
                if let Some(m) = members.last_mut() {
                    m.value = id;
                }
            }
            None => {}
        }
    }

    /// Closes the container on top of the stack, moving its children into its node.
    fn close(&mut self, stack: &mut Vec<Frame>) {
        let end = self.i as u32;
        match stack.pop() {
            Some(Frame::Array { id, items }) => {
                let node = &mut self.nodes[id as usize];
                node.value = Value::Array(items);
                node.end = end;
            }
            Some(Frame::Object { id, members, .. }) => {
                let node = &mut self.nodes[id as usize];
                node.value = Value::Object(members);
                node.end = end;
            }
            None => {}
        }
    }

    fn scalar(&mut self) -> Result<Value, Stop> {
        match self.b.get(self.i) {
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            None => Err(self.fatal(self.i, "the file ends where a value was expected")),
            Some(_) => Err(self.fatal(
                self.i,
                format!("expected a value but found {}", self.found()),
            )),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Stop> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(value)
        } else {
            Err(self.fatal(
                self.i,
                format!("expected a value but found {}", self.found()),
            ))
        }
    }

    fn number(&mut self) -> Result<Value, Stop> {
        let start = self.i;
        let b = self.b;
        let mut i = self.i;
        let digits = |i: &mut usize| {
            let s = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > s
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        if !digits(&mut i) {
            return Err(self.fatal(start, "a number without digits"));
        }
        if b[int_start] == b'0' && i - int_start > 1 {
            return Err(self.fatal(start, "a number with a leading zero"));
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !digits(&mut i) {
                return Err(self.fatal(start, "a number with no digit after '.'"));
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digits(&mut i) {
                return Err(self.fatal(start, "a number with no digit in its exponent"));
            }
        }
        self.i = i;
        let n: f64 = self.text[start..i].parse().unwrap_or(f64::NAN);
        Ok(Value::Number(n))
    }

    /// Reads a string at `self.i` (its opening quote); control characters and unknown
    /// escapes inside it are recovered problems.
    fn string(&mut self) -> Result<String, Stop> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once: a huge string costs one pass.
            let run = self.b[self.i..]
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(self.b.len() - self.i);
            out.push_str(&self.text[self.i..self.i + run]);
            self.i += run;
            match self.b.get(self.i) {
                None => {
                    return Err(self.fatal(start, "a string that never ends (no closing quote)"));
                }
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(&c) if c < 0x20 => {
                    if c == b'\n' || c == b'\r' {
                        // Most likely a missing closing quote: going on would swallow lines.
                        return Err(self.fatal(
                            start,
                            "a string that runs past the end of its line (a missing closing quote?)",
                        ));
                    }
                    self.recovered(
                        self.i,
                        format!(
                            "a raw control character {} inside a string; write it as an escape",
                            (c as char).escape_unicode()
                        ),
                    );
                    out.push(c as char);
                    self.i += 1;
                }
                Some(_) => {
                    let at = self.i;
                    self.i += 1;
                    match self.b.get(self.i) {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let c = self.unicode_escape(at)?;
                            out.push(c);
                            continue;
                        }
                        None => {
                            return Err(
                                self.fatal(start, "a string that never ends (no closing quote)")
                            );
                        }
                        Some(_) => {
                            let ch = self.text[self.i..].chars().next().unwrap_or('?');
                            self.recovered(
                                at,
                                format!(
                                    "an unknown escape \\{}; it is read as the character itself",
                                    ch.escape_debug()
                                ),
                            );
                            out.push(ch);
                            self.i += ch.len_utf8();
                            continue;
                        }
                    }
                    self.i += 1;
                }
            }
        }
    }

    /// Reads `\uXXXX` (and a low surrogate after a high one); `self.i` is at the `u`.
    fn unicode_escape(&mut self, at: usize) -> Result<char, Stop> {
        let hex = |p: &Parser<'_>, from: usize| -> Option<u32> {
            let s = p.text.get(from..from + 4)?;
            if !s.bytes().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(s, 16).ok()
        };
        let Some(first) = hex(self, self.i + 1) else {
            return Err(self.fatal(at, "a \\u escape without four hex digits"));
        };
        self.i += 5;
        if (0xD800..0xDC00).contains(&first)
            && self.b.get(self.i) == Some(&b'\\')
            && self.b.get(self.i + 1) == Some(&b'u')
            && let Some(second) = hex(self, self.i + 2)
            && (0xDC00..0xE000).contains(&second)
        {
            self.i += 6;
            let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return Ok(char::from_u32(c).unwrap_or('\u{fffd}'));
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fatal(j: &Json) -> Option<&Problem> {
        j.problems.iter().find(|p| p.kind == ProblemKind::Fatal)
    }

    #[test]
    fn values_keep_positions_and_pointers() {
        let text = "{\n  \"a/b\": [1, {\"~x\": \"é\"}],\n  \"c\": true\n}";
        let j = Json::parse(text.as_bytes());
        assert!(j.problems.is_empty(), "{:?}", j.problems);
        let v = j.at_pointer("/a~1b/1/~0x").unwrap();
        assert_eq!(v.as_str(), Some("é"));
        assert_eq!(v.pointer(), "/a~1b/1/~0x");
        assert_eq!(j.position(v.start()), (2, 21));
        let c = j.root().unwrap().get("c").unwrap();
        assert_eq!(j.position(c.start()), (3, 8));
        assert_eq!(j.position(c.key_start().unwrap()), (3, 3));
        assert_eq!(c.key(), Some("c"));
    }

    #[test]
    fn columns_count_characters_and_bare_crs_end_lines() {
        let j = Json::parse("{\"é€\": 1,\r\"b\": 2}".as_bytes());
        let one = j.at_pointer("/é€").unwrap();
        assert_eq!(j.position(one.start()), (1, 8));
        let two = j.at_pointer("/b").unwrap();
        assert_eq!(j.position(two.start()), (2, 6));
    }

    #[test]
    fn a_bom_is_skipped() {
        let j = Json::parse(b"\xEF\xBB\xBF{\"a\": 1}");
        assert!(j.problems.is_empty());
        assert_eq!(j.position(j.at_pointer("/a").unwrap().start()), (1, 7));
    }

    #[test]
    fn missing_and_trailing_commas_are_recovered() {
        let text = "{\n\"a\": 1\n\"b\": [1 2,],\n}";
        let j = Json::parse(text.as_bytes());
        let msgs: Vec<_> = j
            .problems
            .iter()
            .map(|p| (p.kind, j.position(p.offset), p.message.as_str()))
            .collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert_eq!(msgs[0].1, (3, 1));
        assert!(msgs[0].2.contains("missing comma"));
        assert_eq!(msgs[1].1, (3, 9));
        assert_eq!(msgs[2].1, (3, 10));
        assert!(msgs[2].2.contains("trailing comma"));
        assert_eq!(msgs[3].1, (3, 12));
        assert!(msgs.iter().all(|m| m.0 == ProblemKind::Recovered));
        assert_eq!(j.at_pointer("/b/1").unwrap().type_name(), "integer");
    }

    #[test]
    fn comments_unicode_spaces_and_tabs_in_strings_are_recovered() {
        let text = "{ // c\n\"a\": \"x\ty\", /* d */\u{2003}\"b\": null}";
        let j = Json::parse(text.as_bytes());
        assert!(fatal(&j).is_none(), "{:?}", j.problems);
        assert_eq!(j.problems.len(), 4, "{:?}", j.problems);
        assert_eq!(j.at_pointer("/a").unwrap().as_str(), Some("x\ty"));
    }

    #[test]
    fn a_missing_closer_before_an_enclosing_one_is_recovered() {
        let j = Json::parse(b"{\"k\": [\"a\", \"b\"\n}");
        assert!(fatal(&j).is_none(), "{:?}", j.problems);
        assert_eq!(j.position(j.problems[0].offset), (2, 1));
        assert_eq!(j.at_pointer("/k/1").unwrap().as_str(), Some("b"));
    }

    #[test]
    fn latin1_bytes_are_recovered_and_utf16_is_fatal() {
        let j = Json::parse(b"{\"a\": \"Br\xf8nn\xf8y\"}");
        assert_eq!(j.problems.len(), 1);
        assert_eq!(j.position(j.problems[0].offset), (1, 10));
        assert!(j.problems[0].message.contains("2 such places"));
        assert!(j.root().is_some());
        let j = Json::parse(b"\xFF\xFE{\x00}\x00");
        assert!(fatal(&j).is_some());
        assert!(j.root().is_none());
    }

    #[test]
    fn fatal_problems_name_their_place() {
        for (text, at, needle) in [
            ("", (1, 1), "empty"),
            ("{\"a\": }", (1, 7), "expected a value"),
            ("{\"a\": 1}}", (1, 9), "extra closing"),
            ("{\"a\": \"x", (1, 7), "never ends"),
            ("{\"a\": 01}", (1, 7), "leading zero"),
            ("{\"a\" 1", (1, 7), "ends inside"),
            ("[1, 2", (1, 6), "ends inside"),
            ("{'a': 1}", (1, 2), "double quotes"),
        ] {
            let j = Json::parse(text.as_bytes());
            let p = fatal(&j).unwrap_or_else(|| panic!("{text}: {:?}", j.problems));
            assert_eq!(j.position(p.offset), at, "{text}: {}", p.message);
            assert!(p.message.contains(needle), "{text}: {}", p.message);
            assert!(j.root().is_none());
        }
    }

    #[test]
    fn duplicate_keys_are_noted_and_the_last_wins() {
        let j = Json::parse(b"{\"a\": 1, \"a\": 2}");
        assert_eq!(j.problems.len(), 1);
        assert_eq!(j.problems[0].kind, ProblemKind::DuplicateKey);
        assert!(matches!(
            j.at_pointer("/a").unwrap().value(),
            Value::Number(n) if *n == 2.0
        ));
    }

    #[test]
    fn deep_nesting_ends_quickly_with_a_problem() {
        let deep = "[".repeat(1_000_000);
        let j = Json::parse(deep.as_bytes());
        let p = fatal(&j).unwrap();
        assert!(p.message.contains("nested deeper"));
        assert_eq!(p.offset, MAX_DEPTH);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Json::parse(ok.as_bytes()).root().is_some());
    }

    #[test]
    fn huge_strings_and_escapes() {
        let big = format!(
            "{{\"a\": \"{}\\u00e9\\ud83d\\ude00\\q\"}}",
            "x".repeat(5_000_000)
        );
        let j = Json::parse(big.as_bytes());
        let s = j.at_pointer("/a").unwrap().as_str().unwrap();
        assert!(s.ends_with("é😀q"));
        assert_eq!(j.problems.len(), 1, "the unknown escape \\q");
    }

    #[test]
    fn problems_are_capped() {
        let text = format!("[{}1]", "1 ".repeat(500));
        let j = Json::parse(text.as_bytes());
        assert_eq!(j.problems.len(), MAX_PROBLEMS + 1);
        assert!(j.problems[MAX_PROBLEMS].message.contains("400 more"));
    }
}
