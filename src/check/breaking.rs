//! Rule 36: breaking changes against the connector's previous swagger, as Microsoft's
//! Breaking Change Detector reports them. Operations are matched by operationId (else by
//! method and path); findings point into the new swagger, where the fix goes.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::json::{V, Value};
use super::swagger::{Op, Param, effective_params, operations, resolve};
use super::{Ctx, Doc, Folder, Rule, Severity::*, quote, rule};

pub(super) const RULES: &[&Rule] = &[
    &DELETED,
    &PATH_CHANGED,
    &LOCATION_CHANGED,
    &REQUIRED_ADDED,
    &INPUT_TYPE,
    &OUTPUT_TYPE,
    &OUTPUT_DELETED,
    &ENUM_REMOVED,
    &ENUM_ADDED,
    &AUTH_CHANGED,
];

const SOURCE: &str = "PowerPlatformConnectors README, \"Breaking Change Detector\"; its messages \
                      in PRs #3470, #3656, #3648, #3910, #2539, #619";

pub(super) fn check(ctx: &mut Ctx<'_>, old: &Folder) {
    let Some(new) = ctx.swagger.filter(|d| d.json.root().is_some()) else {
        return;
    };
    let Some((name, bytes)) = old.find("apiDefinition.swagger.json") else {
        return;
    };
    let old_doc = Doc::new(old.path_of(name), name, bytes);
    if old_doc.json.root().is_none() {
        return;
    }
    let new_ops = operations(&new.json);
    let by_key: HashMap<String, &Op<'_>> = new_ops.iter().map(|o| (key(o), o)).collect();
    for o in operations(&old_doc.json) {
        match by_key.get(&key(&o)) {
            None => operation_deleted(ctx, new, &old_doc, &o),
            Some(n) => {
                path_template_changed(ctx, new, &o, n);
                let old_params = effective_params(&o);
                let new_params = effective_params(n);
                for p in &new_params {
                    let before = old_params.iter().find(|q| q.name == p.name);
                    parameter_location_changed(ctx, new, before, p);
                    required_input_added(ctx, new, before, p);
                    if let Some(b) = before.filter(|b| b.location != "body") {
                        input_type_changed(ctx, new, "parameter", p.name, b.v, p.v);
                        enum_value_removed(ctx, new, p.name, b.v, p.v);
                        enum_list_added(ctx, new, p.name, b.v, p.v);
                    }
                }
                let old_body = body_fields(&old_params);
                let new_body = body_fields(&new_params);
                for (path, f) in &new_body {
                    let before = old_body.get(path);
                    if f.required && before.is_none_or(|b| !b.required) {
                        body_required_added(ctx, new, path, f.v);
                    }
                    if let Some(b) = before {
                        input_type_changed(ctx, new, "body field", path, b.v, f.v);
                        enum_value_removed(ctx, new, path, b.v, f.v);
                        enum_list_added(ctx, new, path, b.v, f.v);
                    }
                }
                let old_out = output_fields(&o);
                let new_out = output_fields(n);
                output_fields_deleted(ctx, new, n, &old_out, &new_out);
                output_types_changed(ctx, new, &old_out, &new_out);
            }
        }
    }
    authentication_changed(ctx, new, &old_doc, old);
}

/// How an operation is matched across versions.
fn key(op: &Op<'_>) -> String {
    match op.op.get_str("operationId") {
        Some(id) => id.to_string(),
        None => format!("{} {}", op.method.to_lowercase(), op.path),
    }
}

fn name(op: &Op<'_>) -> String {
    quote(&key(op))
}

static DELETED: Rule = rule(
    "OperationDeleted",
    false,
    Error,
    36,
    "no operation of the previous version is deleted",
    SOURCE,
    "keep the operation (mark it \"deprecated\": true and x-ms-visibility internal instead of \
     deleting it), or get Microsoft's sign-off",
);

/// Rule 36: "The operation has been deleted. This change breaks existing flows."
fn operation_deleted(ctx: &mut Ctx<'_>, new: &Doc, old: &Doc, o: &Op<'_>) {
    let (line, _) = old.json.position(o.op.start());
    let at = new
        .json
        .root()
        .and_then(|r| r.get("paths"))
        .or(new.json.root());
    if let Some(at) = at {
        let message = format!(
            "the operation {} ({} {}, line {line} of the previous swagger) has been deleted; \
             this breaks existing flows",
            name(o),
            o.method.to_uppercase(),
            quote(o.path)
        );
        ctx.at(&DELETED, new, at, message);
    }
}

static PATH_CHANGED: Rule = rule(
    "PathTemplateChanged",
    false,
    Error,
    36,
    "an operation keeps its method and path template",
    SOURCE,
    "keep the old path and method, or add a new operation and deprecate the old one",
);

/// A path template with its variables' names left out: renaming `{id}` is not a change
/// of the URL's shape (a renamed parameter is reported on its own).
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push('{');
            }
            '}' => {
                inside = false;
                out.push('}');
            }
            _ if inside => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// Rule 36: "The path template has been changed for the operation."
fn path_template_changed(ctx: &mut Ctx<'_>, new: &Doc, o: &Op<'_>, n: &Op<'_>) {
    if shape(o.path) != shape(n.path) || !o.method.eq_ignore_ascii_case(n.method) {
        let message = format!(
            "the path template has been changed for the operation {}: {} {} was {} {}",
            name(n),
            n.method.to_uppercase(),
            quote(n.path),
            o.method.to_uppercase(),
            quote(o.path)
        );
        ctx.at_key(&PATH_CHANGED, new, n.item, message);
    }
}

static LOCATION_CHANGED: Rule = rule(
    "ParameterLocationChanged",
    false,
    Error,
    36,
    "a parameter keeps its location (path, query, header, body)",
    SOURCE,
    "keep the parameter where it was",
);

/// Rule 36: "The location has been changed for the parameter."
fn parameter_location_changed(
    ctx: &mut Ctx<'_>,
    new: &Doc,
    before: Option<&Param<'_>>,
    p: &Param<'_>,
) {
    if let Some(b) = before
        && b.location != p.location
    {
        let message = format!(
            "the location has been changed for the parameter {}: from '{}' to '{}'",
            quote(p.name),
            b.location,
            p.location
        );
        ctx.at(&LOCATION_CHANGED, new, p.v, message);
    }
}

static REQUIRED_ADDED: Rule = rule(
    "RequiredInputAdded",
    false,
    Error,
    36,
    "no required input is added",
    SOURCE,
    "make the new input optional (with a default the service accepts)",
);

fn is_required(p: &Param<'_>) -> bool {
    p.v.get("required").and_then(V::as_bool) == Some(true)
}

/// Rule 36: "The required input field has been added. Existing flows will not send this
/// new field." A body parameter's own required flag is judged through its fields.
fn required_input_added(ctx: &mut Ctx<'_>, new: &Doc, before: Option<&Param<'_>>, p: &Param<'_>) {
    if p.location == "body" || !is_required(p) {
        return;
    }
    let was_required = before.is_some_and(is_required);
    if !was_required {
        let message = format!(
            "the required input {} has been added; existing flows will not send it",
            quote(p.name)
        );
        ctx.at(&REQUIRED_ADDED, new, p.v, message);
    }
}

/// Rule 36, for the fields of a body.
fn body_required_added(ctx: &mut Ctx<'_>, new: &Doc, path: &str, v: V<'_>) {
    let message = format!(
        "the required input field {} has been added to the body; existing flows will not send it",
        quote(path)
    );
    ctx.at(&REQUIRED_ADDED, new, v, message);
}

/// A schema's type as the detector compares it: type and format.
fn type_of(v: V<'_>) -> Option<String> {
    let v = resolve(v).unwrap_or(v);
    let ty = v
        .get_str("type")
        .map(str::to_string)
        .or_else(|| (v.get("properties").is_some()).then(|| "object".to_string()))?;
    Some(match v.get_str("format") {
        Some(f) => format!("{ty}/{f}"),
        None => ty,
    })
}

static INPUT_TYPE: Rule = rule(
    "InputTypeChanged",
    false,
    Error,
    36,
    "inputs keep their type",
    SOURCE,
    "keep the old type; add a new input for the new type",
);

/// Rule 36: "The type has been changed for the input field."
fn input_type_changed(ctx: &mut Ctx<'_>, new: &Doc, what: &str, name: &str, old: V<'_>, v: V<'_>) {
    if let (Some(a), Some(b)) = (type_of(old), type_of(v))
        && a != b
    {
        let message = format!(
            "the type has been changed for the input {what} {}: from '{a}' to '{b}'",
            quote(name)
        );
        ctx.at(&INPUT_TYPE, new, v, message);
    }
}

fn enum_values(v: V<'_>) -> Option<Vec<String>> {
    let v = resolve(v).unwrap_or(v);
    let list = v.get("enum")?;
    Some(
        list.items()
            .map(|e| match e.value() {
                Value::String(s) => s.clone(),
                _ => e.doc().text().get(e.span()).unwrap_or("").to_string(),
            })
            .collect(),
    )
}

static ENUM_REMOVED: Rule = rule(
    "EnumValueRemoved",
    false,
    Error,
    36,
    "inputs keep every enum value they had",
    SOURCE,
    "keep the value (the service may ignore it) so that flows using it still validate",
);

/// Rule 36: "An enum value has been removed from the input field."
fn enum_value_removed(ctx: &mut Ctx<'_>, new: &Doc, name: &str, old: V<'_>, v: V<'_>) {
    let (Some(before), Some(after)) = (enum_values(old), enum_values(v)) else {
        return;
    };
    let after: HashSet<&String> = after.iter().collect();
    if let Some(gone) = before.iter().find(|e| !after.contains(e)) {
        let message = format!(
            "an enum value {} has been removed from the input {}",
            quote(gone),
            quote(name)
        );
        let at = resolve(v).and_then(|r| r.get("enum")).unwrap_or(v);
        ctx.at(&ENUM_REMOVED, new, at, message);
    }
}

static ENUM_ADDED: Rule = rule(
    "EnumListAdded",
    false,
    Warning,
    36,
    "inputs that took any value do not get an enum list",
    SOURCE,
    "make sure every value flows may already send is in the list",
);

/// Rule 36: "The list of enum values has been added to the input field."
fn enum_list_added(ctx: &mut Ctx<'_>, new: &Doc, name: &str, old: V<'_>, v: V<'_>) {
    if enum_values(old).is_none() && enum_values(v).is_some() {
        let message = format!(
            "the list of enum values has been added to the input {}; flows sending other values \
             will fail",
            quote(name)
        );
        ctx.at(&ENUM_ADDED, new, v, message);
    }
}

/// A field of a body or output schema.
struct Field<'a> {
    v: V<'a>,
    required: bool,
}

/// How deep and how many fields a schema is flattened to: enough for real connectors,
/// bounded for hostile ones.
const MAX_DEPTH: usize = 16;
const MAX_FIELDS: usize = 20_000;

/// Flattens a schema into dotted field paths (`items[].name`), following `$ref`s but not
/// into a schema that is already an ancestor (a recursive schema).
fn flatten<'a>(schema: V<'a>) -> BTreeMap<String, Field<'a>> {
    let mut out = BTreeMap::new();
    let mut stack: Vec<(String, V<'a>, bool, Vec<u32>)> =
        vec![(String::new(), schema, false, Vec::new())];
    while let Some((path, s, required, ancestors)) = stack.pop() {
        if out.len() >= MAX_FIELDS {
            break;
        }
        let Some(r) = resolve(s) else { continue };
        if ancestors.contains(&r.id()) || ancestors.len() > MAX_DEPTH {
            continue;
        }
        if !path.is_empty() {
            out.insert(path.clone(), Field { v: s, required });
        }
        let mut chain = ancestors.clone();
        chain.push(r.id());
        let mut parts = vec![r];
        parts.extend(
            r.get("allOf")
                .into_iter()
                .flat_map(|a| a.items())
                .filter_map(resolve),
        );
        for part in parts {
            let required_names: HashSet<&str> = part
                .get("required")
                .into_iter()
                .flat_map(|l| l.items())
                .filter_map(V::as_str)
                .collect();
            if let Some(props) = part.get("properties") {
                for (k, _, v) in props.members() {
                    let p = if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    };
                    stack.push((p, v, required_names.contains(k), chain.clone()));
                }
            }
            if let Some(items) = part.get("items").filter(|i| i.is_object()) {
                stack.push((format!("{path}[]"), items, false, chain.clone()));
            }
        }
    }
    out
}

fn body_fields<'a>(params: &[Param<'a>]) -> BTreeMap<String, Field<'a>> {
    params
        .iter()
        .find(|p| p.location == "body")
        .and_then(|p| p.v.get("schema"))
        .map(flatten)
        .unwrap_or_default()
}

/// The success response's schema: 200, else 201, else the first 2xx with a schema.
fn success_schema<'a>(op: &Op<'a>) -> Option<V<'a>> {
    let responses = op.op.get("responses")?;
    let with_schema = |code: &str| {
        responses
            .get(code)
            .and_then(resolve)
            .and_then(|r| r.get("schema"))
    };
    with_schema("200")
        .or_else(|| with_schema("201"))
        .or_else(|| {
            responses
                .members()
                .filter(|(c, _, _)| c.starts_with('2'))
                .find_map(|(_, _, r)| resolve(r).and_then(|r| r.get("schema")))
        })
}

fn output_fields<'a>(op: &Op<'a>) -> (Option<V<'a>>, BTreeMap<String, Field<'a>>) {
    let schema = success_schema(op);
    (schema, schema.map(flatten).unwrap_or_default())
}

static OUTPUT_DELETED: Rule = rule(
    "OutputFieldDeleted",
    false,
    Error,
    36,
    "outputs keep every field they had",
    SOURCE,
    "keep the field in the response schema (flows read it as dynamic content)",
);

type Outputs<'a> = (Option<V<'a>>, BTreeMap<String, Field<'a>>);

/// Rule 36: an output field that flows may read is gone. Reported once per removed
/// subtree (its top field).
fn output_fields_deleted(
    ctx: &mut Ctx<'_>,
    new: &Doc,
    n: &Op<'_>,
    old: &Outputs<'_>,
    now: &Outputs<'_>,
) {
    let mut reported: Vec<&str> = Vec::new();
    for path in old.1.keys() {
        if now.1.contains_key(path)
            || reported
                .iter()
                .any(|r| path.starts_with(&format!("{r}.")) || path.starts_with(&format!("{r}[")))
        {
            continue;
        }
        reported.push(path);
        let at = now.0.unwrap_or(n.op);
        let message = format!(
            "the output field {} of {} has been deleted; flows that use it will break",
            quote(path),
            name(n)
        );
        ctx.at(&OUTPUT_DELETED, new, at, message);
    }
}

static OUTPUT_TYPE: Rule = rule(
    "OutputTypeChanged",
    false,
    Error,
    36,
    "outputs keep their type",
    SOURCE,
    "keep the old type; add a new field for the new type",
);

/// Rule 36: "The type has been changed for the output field."
fn output_types_changed(ctx: &mut Ctx<'_>, new: &Doc, old: &Outputs<'_>, now: &Outputs<'_>) {
    for (path, f) in &now.1 {
        if let Some(b) = old.1.get(path)
            && let (Some(a), Some(c)) = (type_of(b.v), type_of(f.v))
            && a != c
        {
            let message = format!(
                "the type has been changed for the output field {}: from '{a}' to '{c}'",
                quote(path)
            );
            ctx.at(&OUTPUT_TYPE, new, f.v, message);
        }
    }
}

static AUTH_CHANGED: Rule = rule(
    "AuthenticationTypeChanged",
    false,
    Error,
    36,
    "the authentication type stays the same",
    "certification update docs: \"Changing the authentication type … isn't allowed\"",
    "keep the authentication type; a new type needs a new connector",
);

/// The security scheme types of a swagger and the connection parameter types of its
/// apiProperties, sorted.
fn auth_types(swagger: &Doc, props: Option<&Doc>) -> Vec<String> {
    let mut types: Vec<String> = swagger
        .json
        .root()
        .and_then(|r| r.get("securityDefinitions"))
        .into_iter()
        .flat_map(|d| d.members())
        .filter_map(|(_, _, d)| d.get_str("type").map(str::to_lowercase))
        .collect();
    let oauth = props
        .and_then(|p| p.json.root())
        .and_then(|r| r.get("properties"))
        .and_then(|p| p.get("connectionParameters"))
        .into_iter()
        .flat_map(|c| c.members())
        .filter_map(|(_, _, p)| {
            p.get("oAuthSettings")
                .and_then(|o| o.get_str("identityProvider"))
        })
        .map(|idp| format!("oauth:{}", idp.to_lowercase()));
    types.extend(oauth);
    types.sort();
    types.dedup();
    types
}

/// Rule 36 (and the certification-update docs).
fn authentication_changed(ctx: &mut Ctx<'_>, new: &Doc, old: &Doc, old_folder: &Folder) {
    let old_props = old_folder
        .find("apiProperties.json")
        .map(|(n, b)| Doc::new(old_folder.path_of(n), n, b));
    let before = auth_types(old, old_props.as_ref());
    let after = auth_types(new, ctx.props);
    if before != after {
        let at = new
            .json
            .root()
            .and_then(|r| r.get("securityDefinitions"))
            .or(new.json.root());
        if let Some(at) = at {
            let list = |t: &[String]| match t.is_empty() {
                true => "none".to_string(),
                false => t.join(", "),
            };
            let message = format!(
                "the authentication has been changed from {} to {}",
                list(&before),
                list(&after)
            );
            ctx.at(&AUTH_CHANGED, new, at, message);
        }
    }
}
