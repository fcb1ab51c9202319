//! The parts of a Swagger 2.0 document the rules walk: operations, their parameters (with
//! `$ref`s followed), and schemas.

use super::json::{Json, V};

/// The HTTP methods a path item may hold.
pub const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// One operation: `paths[path][method]`.
#[derive(Clone, Copy)]
pub struct Op<'a> {
    /// The path template, as written.
    pub path: &'a str,
    /// The path item object.
    pub item: V<'a>,
    /// The method, lowercase as written.
    pub method: &'a str,
    /// The operation object.
    pub op: V<'a>,
}

/// Every operation, in document order.
pub fn operations(doc: &Json) -> Vec<Op<'_>> {
    let mut out = Vec::new();
    let Some(paths) = doc.root().and_then(|r| r.get("paths")) else {
        return out;
    };
    for (path, _, item) in paths.members() {
        for (method, _, op) in item.members() {
            if METHODS.contains(&method) && op.is_object() {
                out.push(Op {
                    path,
                    item,
                    method,
                    op,
                });
            }
        }
    }
    out
}

/// How many `$ref` hops golive follows before calling it a loop.
const MAX_HOPS: usize = 32;

/// Follows `$ref` (local `#/...` pointers only) from `v` to the value it finally names.
/// Returns `v` itself when it has no `$ref`, and `None` for a reference that does not
/// resolve or loops.
pub fn resolve<'a>(v: V<'a>) -> Option<V<'a>> {
    let mut v = v;
    for _ in 0..MAX_HOPS {
        match v.get_str("$ref") {
            None => return Some(v),
            Some(r) => v = lookup(v.doc(), r)?,
        }
    }
    None
}

/// The value a local reference (`#/definitions/Pet`) names.
pub fn lookup<'a>(doc: &'a Json, reference: &str) -> Option<V<'a>> {
    let pointer = reference.strip_prefix('#')?;
    doc.at_pointer(pointer).or_else(|| {
        // A fragment may be percent-encoded (`#/definitions/My%20Pet`).
        let decoded = percent_decode(pointer)?;
        doc.at_pointer(&decoded)
    })
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return None;
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(h, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// One parameter of an operation.
#[derive(Clone, Copy)]
pub struct Param<'a> {
    /// The parameter object, after its `$ref` (if any) is followed.
    pub v: V<'a>,
    /// `name`
    pub name: &'a str,
    /// `in`
    pub location: &'a str,
}

/// The parameters in one `parameters` list, `$ref`s followed; unresolved ones are skipped
/// (the reference rules report them).
pub fn param_list(list: Option<V<'_>>) -> Vec<Param<'_>> {
    let Some(list) = list else {
        return Vec::new();
    };
    list.items()
        .filter_map(resolve)
        .filter(|v| v.is_object())
        .map(|v| Param {
            v,
            name: v.get_str("name").unwrap_or(""),
            location: v.get_str("in").unwrap_or(""),
        })
        .collect()
}

/// The parameters that apply to an operation: its own, plus the path item's that it does
/// not override (same name and location).
pub fn effective_params<'a>(op: &Op<'a>) -> Vec<Param<'a>> {
    let own = param_list(op.op.get("parameters"));
    let mut all = own.clone();
    for p in param_list(op.item.get("parameters")) {
        if !own
            .iter()
            .any(|o| o.name == p.name && o.location == p.location)
        {
            all.push(p);
        }
    }
    all
}

/// The `{variables}` of a path template, as written.
pub fn template_vars(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// Whether a value is visible to the designer's user: not `x-ms-visibility: internal`.
pub fn is_internal(v: V<'_>) -> bool {
    v.get_str("x-ms-visibility")
        .is_some_and(|s| s.eq_ignore_ascii_case("internal"))
}

/// Every schema object of the document, each once: definitions, parameter and response
/// schemas, and what they hold (properties, items, additionalProperties, allOf). Walked
/// with an explicit stack; `$ref`s are not followed (their targets are visited anyway).
pub fn schemas(doc: &Json) -> Vec<V<'_>> {
    let Some(root) = doc.root() else {
        return Vec::new();
    };
    let mut stack: Vec<V<'_>> = Vec::new();
    if let Some(defs) = root.get("definitions") {
        stack.extend(defs.members().map(|(_, _, s)| s));
    }
    let mut more = Vec::new();
    for (_, _, r) in root.get("responses").into_iter().flat_map(|r| r.members()) {
        more.extend(r.get("schema"));
    }
    for (_, _, p) in root.get("parameters").into_iter().flat_map(|p| p.members()) {
        more.extend(p.get("schema"));
    }
    for op in operations(doc) {
        for list in [op.op.get("parameters"), op.item.get("parameters")] {
            for p in list.into_iter().flat_map(|l| l.items()) {
                more.extend(p.get("schema"));
            }
        }
        for (_, _, r) in op.op.get("responses").into_iter().flat_map(|r| r.members()) {
            more.extend(r.get("schema"));
        }
    }
    stack.extend(more);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while let Some(s) = stack.pop() {
        if !s.is_object() || !seen.insert(s.id()) {
            continue;
        }
        out.push(s);
        if let Some(p) = s.get("properties") {
            stack.extend(p.members().map(|(_, _, v)| v));
        }
        if let Some(items) = s.get("items") {
            stack.push(items);
            stack.extend(items.items());
        }
        if let Some(a) = s.get("additionalProperties") {
            stack.push(a);
        }
        for k in ["allOf", "anyOf", "oneOf"] {
            if let Some(list) = s.get(k) {
                stack.extend(list.items());
            }
        }
    }
    out.sort_by_key(|v| v.id());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_variables() {
        assert_eq!(template_vars("/a/{b}/c/{d}"), ["b", "d"]);
        assert_eq!(template_vars("/a/{b"), Vec::<&str>::new());
    }

    #[test]
    fn references_resolve_and_loops_do_not() {
        let j = Json::parse(
            br##"{"definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"type": "string"},
                "L": {"$ref": "#/definitions/M"}, "M": {"$ref": "#/definitions/L"},
                "My Pet": {"type": "integer"}},
               "x": {"$ref": "#/definitions/A"}, "y": {"$ref": "#/definitions/L"},
               "z": {"$ref": "#/definitions/My%20Pet"}}"##,
        );
        let root = j.root().unwrap();
        assert_eq!(
            resolve(root.get("x").unwrap()).unwrap().get_str("type"),
            Some("string")
        );
        assert!(resolve(root.get("y").unwrap()).is_none());
        assert_eq!(
            resolve(root.get("z").unwrap()).unwrap().get_str("type"),
            Some("integer")
        );
    }
}
