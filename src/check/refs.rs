//! Rules about references (25), security requirements (26) and enums and defaults (27).

use std::collections::HashSet;

use super::json::{V, Value};
use super::swagger::{lookup, operations, schemas};
use super::{Ctx, Doc, Rule, Severity::*, quote, rule};

pub(super) const RULES: &[&Rule] = &[
    &SCHEMA_NOT_FOUND,
    &SCHEMA_NOT_VALID,
    &PARAMETER_NOT_FOUND,
    &PARAMETER_NOT_VALID,
    &RESPONSE_NOT_FOUND,
    &RESPONSE_NOT_VALID,
    &PATH_ITEM_REF,
    &REF_SIBLINGS,
    &SCHEMA_REF_LOOP,
    &SECURITY_DEFINED,
    &SECURITY_EMPTY,
    &SECURITY_VALUE,
    &SECURITY_SCOPE,
    &ENUM_DISPLAY_NAME,
    &ENUM_DUPLICATE,
    &ENUM_NOT_IN_ENUM,
    &ENUM_TYPE,
    &DEFAULT_TYPE,
];

pub(super) fn check(ctx: &mut Ctx<'_>, doc: &Doc) {
    for v in doc.json.all() {
        let Some(r) = v.get("$ref") else { continue };
        match ref_kind(v) {
            Kind::PathItem => path_item_ref(ctx, doc, r),
            Kind::Parameter => parameter_reference(ctx, doc, r),
            Kind::Response => response_reference(ctx, doc, r),
            Kind::Schema => schema_reference(ctx, doc, r),
            Kind::Other => {}
        }
        ref_siblings(ctx, doc, v);
    }
    schema_ref_loops(ctx, doc);
    if let Some(root) = doc.json.root() {
        let definitions = root.get("securityDefinitions");
        let mut lists: Vec<V<'_>> = root.get("security").into_iter().collect();
        lists.extend(
            operations(&doc.json)
                .iter()
                .filter_map(|op| op.op.get("security")),
        );
        for list in lists {
            for requirement in list.items() {
                for (name, _, scopes) in requirement.members() {
                    let definition = definitions.and_then(|d| d.get(name));
                    security_defined(ctx, doc, requirement, name, definition);
                    security_has_value(ctx, doc, name, scopes);
                    if let Some(def) = definition {
                        security_empty(ctx, doc, name, def, scopes);
                        security_scopes(ctx, doc, name, def, scopes);
                    }
                }
            }
        }
    }
    for s in enum_holders(doc) {
        if let Some(values) = s.get("x-ms-enum-values") {
            enum_values_display_name(ctx, doc, values);
            enum_values_duplicate(ctx, doc, values);
            enum_values_in_enum(ctx, doc, s, values);
        }
        enum_type(ctx, doc, s);
        default_type(ctx, doc, s);
    }
}

/// What a `$ref` at some place must point to.
enum Kind {
    Schema,
    Parameter,
    Response,
    PathItem,
    Other,
}

/// Where a `$ref`-holding object sits decides what it must refer to.
fn ref_kind(v: V<'_>) -> Kind {
    let Some(parent) = v.parent() else {
        return Kind::Other;
    };
    // Examples and extension values may hold any JSON, "$ref" keys included.
    let mut up = Some(v);
    while let Some(a) = up {
        if a.key().is_some_and(|k| {
            k == "example" || k == "examples" || k == "x-example" || k.starts_with("x-ms-dynamic")
        }) {
            return Kind::Other;
        }
        up = a.parent();
    }
    let top_level = parent.parent().is_some_and(|r| r.parent().is_none());
    match (parent.key(), parent.value()) {
        (Some("paths"), _) if top_level => Kind::PathItem,
        (Some("parameters"), Value::Array(_)) => Kind::Parameter,
        (Some("parameters"), Value::Object(_)) if top_level => Kind::Parameter,
        (Some("responses"), Value::Object(_)) => Kind::Response,
        _ => Kind::Schema,
    }
}

/// Checks that a reference is `#/section/Name` and that the name is there.
fn check_reference(
    ctx: &mut Ctx<'_>,
    doc: &Doc,
    r: V<'_>,
    section: &str,
    not_found: &'static Rule,
    not_valid: &'static Rule,
    what: &str,
) {
    let Some(text) = r.as_str() else {
        let message = format!("a '$ref' must be a string, not a JSON {}", r.type_name());
        ctx.at(not_valid, doc, r, message);
        return;
    };
    let prefix = format!("#/{section}/");
    match text.strip_prefix(&prefix) {
        Some(name) if !name.is_empty() => {
            if lookup(&doc.json, text).is_none() {
                let message = format!(
                    "the {what} reference {} is not found in the swagger",
                    quote(text)
                );
                ctx.at(not_found, doc, r, message);
            }
        }
        _ => {
            let message = format!(
                "the {what} reference {} is not valid; it must start with '{prefix}' (references to \
                 other files are not supported)",
                quote(text)
            );
            ctx.at(not_valid, doc, r, message);
        }
    }
}

static SCHEMA_NOT_FOUND: Rule = rule(
    "SchemaReferenceNotFound",
    true,
    Error,
    25,
    "schema references resolve",
    "Swagger Validator SchemaReferenceNotFound",
    "add the definition, or fix the reference's name",
);
static SCHEMA_NOT_VALID: Rule = rule(
    "SchemaReferenceNotValid",
    true,
    Error,
    25,
    "schema references are local '#/definitions/...' pointers",
    "Swagger Validator SchemaReferenceNotValid",
    "point at '#/definitions/Name' in the same file",
);

/// Rule 25.
fn schema_reference(ctx: &mut Ctx<'_>, doc: &Doc, r: V<'_>) {
    check_reference(
        ctx,
        doc,
        r,
        "definitions",
        &SCHEMA_NOT_FOUND,
        &SCHEMA_NOT_VALID,
        "schema",
    );
}

static PARAMETER_NOT_FOUND: Rule = rule(
    "ParameterReferenceNotFound",
    true,
    Error,
    25,
    "parameter references resolve",
    "Swagger Validator ParameterReferenceNotFound",
    "add the parameter under the top-level \"parameters\", or fix the name",
);
static PARAMETER_NOT_VALID: Rule = rule(
    "ParameterReferenceNotValid",
    true,
    Error,
    25,
    "parameter references are local '#/parameters/...' pointers",
    "Swagger Validator ParameterReferenceNotValid",
    "point at '#/parameters/Name' in the same file",
);

/// Rule 25.
fn parameter_reference(ctx: &mut Ctx<'_>, doc: &Doc, r: V<'_>) {
    check_reference(
        ctx,
        doc,
        r,
        "parameters",
        &PARAMETER_NOT_FOUND,
        &PARAMETER_NOT_VALID,
        "parameter",
    );
}

static RESPONSE_NOT_FOUND: Rule = rule(
    "ResponseReferenceNotFound",
    true,
    Error,
    25,
    "response references resolve",
    "Swagger Validator ResponseReferenceNotFound",
    "add the response under the top-level \"responses\", or fix the name",
);
static RESPONSE_NOT_VALID: Rule = rule(
    "ResponseReferenceNotValid",
    true,
    Error,
    25,
    "response references are local '#/responses/...' pointers",
    "Swagger Validator ResponseReferenceNotValid",
    "point at '#/responses/Name' in the same file",
);

/// Rule 25.
fn response_reference(ctx: &mut Ctx<'_>, doc: &Doc, r: V<'_>) {
    check_reference(
        ctx,
        doc,
        r,
        "responses",
        &RESPONSE_NOT_FOUND,
        &RESPONSE_NOT_VALID,
        "response",
    );
}

static PATH_ITEM_REF: Rule = rule(
    "PathItemRefNotSuppored",
    true,
    Error,
    25,
    "path items hold their operations, not a $ref",
    "Swagger Validator PathItemRefNotSuppored (Microsoft's spelling, kept as the id)",
    "write the path's operations in place",
);

/// Rule 25.
fn path_item_ref(ctx: &mut Ctx<'_>, doc: &Doc, r: V<'_>) {
    ctx.at(
        &PATH_ITEM_REF,
        doc,
        r,
        "a '$ref' in a path item is not supported".into(),
    );
}

static REF_SIBLINGS: Rule = rule(
    "AdditionalPropertyNotAllowedAdjacentToRef",
    true,
    Error,
    25,
    "an object with $ref has no other properties",
    "Swagger Validator AdditionalPropertyNotAllowedAdjacentToRef: \"When '$ref' is defined, no \
     other properties may be specified\"; 30 merged swaggers have siblings, mostly \
     \"description\" (golive's count)",
    "remove the other properties, or move them into the referenced definition",
);

/// Rule 25: siblings of a `$ref` are ignored by Swagger 2.0 readers, so they mislead.
fn ref_siblings(ctx: &mut Ctx<'_>, doc: &Doc, v: V<'_>) {
    if matches!(ref_kind(v), Kind::Other) {
        return;
    }
    let others: Vec<&str> = v
        .members()
        .map(|(k, _, _)| k)
        .filter(|k| *k != "$ref")
        .collect();
    if let Some(first) = others.first() {
        let message = format!(
            "the '$ref' has {} other propert{} ({}); they are ignored",
            others.len(),
            if others.len() == 1 { "y" } else { "ies" },
            quote(first)
        );
        ctx.at(&REF_SIBLINGS, doc, v, message);
    }
}

static SCHEMA_REF_LOOP: Rule = rule(
    "SchemaRefLoopNotAllowed",
    true,
    Error,
    25,
    "no definition is only a $ref to another definition",
    "Swagger Validator SchemaRefLoopNotAllowed: \"The schema definition may not use a '$ref' to \
     point to another definition\"",
    "refer to the final definition directly and delete the alias",
);

/// Rule 25: a definition that is nothing but a reference; when the chain comes back to
/// itself the message says it loops (and golive's own walks stop there).
fn schema_ref_loops(ctx: &mut Ctx<'_>, doc: &Doc) {
    let Some(defs) = doc.json.root().and_then(|r| r.get("definitions")) else {
        return;
    };
    for (name, _, def) in defs.members() {
        let Some(target) = def.get_str("$ref") else {
            continue;
        };
        let mut seen = HashSet::from([def.id()]);
        let mut at = lookup(&doc.json, target);
        let mut loops = false;
        while let Some(next) = at {
            if !seen.insert(next.id()) {
                loops = true;
                break;
            }
            at = next.get_str("$ref").and_then(|r| lookup(&doc.json, r));
        }
        let message = match loops {
            true => format!(
                "the definition {} is a chain of '$ref's that loops",
                quote(name)
            ),
            false => format!(
                "the definition {} is only a '$ref' to {}",
                quote(name),
                quote(target)
            ),
        };
        ctx.at(&SCHEMA_REF_LOOP, doc, def, message);
    }
}

static SECURITY_DEFINED: Rule = rule(
    "SecurityRequirementMustBeDefined",
    true,
    Error,
    26,
    "every security requirement names a securityDefinitions entry",
    "Swagger Validator SecurityRequirementMustBeDefined",
    "add the scheme to securityDefinitions, or fix the name",
);

/// Rule 26.
fn security_defined(ctx: &mut Ctx<'_>, doc: &Doc, req: V<'_>, name: &str, def: Option<V<'_>>) {
    if def.is_none() {
        let message = format!(
            "the security requirement {} is not defined in 'securityDefinitions'",
            quote(name)
        );
        let at = req.get(name).unwrap_or(req);
        ctx.at(&SECURITY_DEFINED, doc, at, message);
    }
}

static SECURITY_VALUE: Rule = rule(
    "SecurityRequirementMustHaveValue",
    true,
    Error,
    26,
    "every security requirement's value is an array",
    "Swagger Validator SecurityRequirementMustHaveValue",
    "give the requirement an array: [] when no OAuth scopes are needed",
);

/// Rule 26.
fn security_has_value(ctx: &mut Ctx<'_>, doc: &Doc, name: &str, scopes: V<'_>) {
    if !matches!(scopes.value(), Value::Array(_)) {
        let message = format!(
            "the security requirement {} must be an array, not a JSON {}",
            quote(name),
            scopes.type_name()
        );
        ctx.at(&SECURITY_VALUE, doc, scopes, message);
    }
}

static SECURITY_EMPTY: Rule = rule(
    "SecurityRequirementMustHaveEmptyValue",
    true,
    Error,
    26,
    "non-OAuth security requirements list no scopes",
    "Swagger Validator SecurityRequirementMustHaveEmptyValue",
    "use an empty array [] for basic and apiKey schemes",
);

/// Rule 26.
fn security_empty(ctx: &mut Ctx<'_>, doc: &Doc, name: &str, def: V<'_>, scopes: V<'_>) {
    if def.get_str("type") != Some("oauth2") && scopes.items().next().is_some() {
        let message = format!(
            "the security requirement {} is not OAuth 2.0 and cannot list scopes",
            quote(name)
        );
        ctx.at(&SECURITY_EMPTY, doc, scopes, message);
    }
}

static SECURITY_SCOPE: Rule = rule(
    "OAuthSecurityRequirementValueMustBeScopeName",
    true,
    Error,
    26,
    "OAuth requirements list only scopes their definition declares",
    "Swagger Validator OAuthSecurityRequirementValueMustBeScopeName",
    "add the scope to the definition's \"scopes\", or remove it from the requirement",
);

/// Rule 26.
fn security_scopes(ctx: &mut Ctx<'_>, doc: &Doc, name: &str, def: V<'_>, scopes: V<'_>) {
    if def.get_str("type") != Some("oauth2") {
        return;
    }
    let declared = def.get("scopes");
    for s in scopes.items() {
        let Some(scope) = s.as_str() else { continue };
        if declared.and_then(|d| d.get(scope)).is_none() {
            let message = format!(
                "the OAuth requirement {} names the scope {}, which its definition does not declare",
                quote(name),
                quote(scope)
            );
            ctx.at(&SECURITY_SCOPE, doc, s, message);
        }
    }
}

/// The objects that may carry `enum`, `x-ms-enum-values` and `default`: schemas, and
/// non-body parameters (which describe their value themselves).
fn enum_holders(doc: &Doc) -> Vec<V<'_>> {
    let mut out = schemas(&doc.json);
    let mut seen: HashSet<u32> = out.iter().map(|v| v.id()).collect();
    let root = doc.json.root();
    let mut lists: Vec<V<'_>> = Vec::new();
    for op in operations(&doc.json) {
        lists.extend(op.op.get("parameters"));
        lists.extend(op.item.get("parameters"));
    }
    let mut params: Vec<V<'_>> = lists.iter().flat_map(|l| l.items()).collect();
    params.extend(
        root.and_then(|r| r.get("parameters"))
            .into_iter()
            .flat_map(|p| p.members().map(|(_, _, v)| v)),
    );
    for p in params {
        if p.is_object() && p.get("$ref").is_none() && p.get_str("in") != Some("body") {
            if seen.insert(p.id()) {
                out.push(p);
            }
            // An array parameter's items describe each value.
            if let Some(items) = p.get("items").filter(|i| i.is_object())
                && seen.insert(items.id())
            {
                out.push(items);
            }
        }
    }
    out.sort_by_key(|v| v.id());
    out
}

static ENUM_DISPLAY_NAME: Rule = rule(
    "MissingEnumValuesDisplayName",
    true,
    Error,
    27,
    "every x-ms-enum-values entry has a displayName",
    "Swagger Validator MissingEnumValuesDisplayName",
    "add \"displayName\" to the entry",
);

/// Rule 27.
fn enum_values_display_name(ctx: &mut Ctx<'_>, doc: &Doc, values: V<'_>) {
    for e in values.items() {
        if e.get_str("displayName").is_none_or(|s| s.trim().is_empty()) {
            let message = "the 'x-ms-enum-values' entry has no 'displayName'".into();
            ctx.at(&ENUM_DISPLAY_NAME, doc, e, message);
        }
    }
}

/// A scalar as a key for comparing values: its JSON text in normal form.
fn scalar_key(v: V<'_>) -> Option<String> {
    match v.value() {
        Value::String(s) => Some(format!("s{s}")),
        Value::Number(n) => Some(format!("n{n}")),
        Value::Bool(b) => Some(format!("b{b}")),
        Value::Null => Some("null".into()),
        _ => None,
    }
}

fn shown(v: V<'_>) -> String {
    match v.as_str() {
        Some(s) => quote(s),
        None => doc_text(v),
    }
}

/// The value's own JSON text, cut short.
fn doc_text(v: V<'_>) -> String {
    let span = v.span();
    let text = v.doc().text().get(span).unwrap_or("");
    crate::error::short(text).to_string()
}

static ENUM_DUPLICATE: Rule = rule(
    "DuplicateEnumValuesInExtension",
    true,
    Error,
    27,
    "x-ms-enum-values has each value once",
    "validator: \"The 'x-ms-enum-values' extension has duplicate values\" (#2194, 2022)",
    "remove the repeated entry: one display name per value",
);

/// Rule 27.
fn enum_values_duplicate(ctx: &mut Ctx<'_>, doc: &Doc, values: V<'_>) {
    let mut seen = HashSet::new();
    for e in values.items() {
        let Some(v) = e.get("value") else { continue };
        if let Some(k) = scalar_key(v)
            && !seen.insert(k)
        {
            let message = format!("the 'x-ms-enum-values' value {} is listed twice", shown(v));
            ctx.at(&ENUM_DUPLICATE, doc, v, message);
        }
    }
}

static ENUM_NOT_IN_ENUM: Rule = rule(
    "InvalidEnumValuesExtensionValue",
    true,
    Error,
    27,
    "every x-ms-enum-values value is in the enum",
    "Swagger Validator InvalidEnumValuesExtensionValue",
    "add the value to \"enum\", or fix the entry",
);

/// Rule 27.
fn enum_values_in_enum(ctx: &mut Ctx<'_>, doc: &Doc, s: V<'_>, values: V<'_>) {
    let Some(list) = s.get("enum") else { return };
    let allowed: HashSet<String> = list.items().filter_map(scalar_key).collect();
    for e in values.items() {
        let Some(v) = e.get("value") else { continue };
        if let Some(k) = scalar_key(v)
            && !allowed.contains(&k)
        {
            let message = format!(
                "the 'x-ms-enum-values' value {} is not one of the 'enum' values",
                shown(v)
            );
            ctx.at(&ENUM_NOT_IN_ENUM, doc, v, message);
        }
    }
}

/// Whether a value fits a Swagger type. Unknown types and `file` accept anything.
fn fits(v: V<'_>, ty: &str) -> bool {
    match (ty, v.value()) {
        ("string", Value::String(_)) => true,
        ("integer", Value::Number(n)) => n.fract() == 0.0,
        ("number", Value::Number(_)) => true,
        ("boolean", Value::Bool(_)) => true,
        ("array", Value::Array(_)) => true,
        ("object", Value::Object(_)) => true,
        ("string" | "integer" | "number" | "boolean" | "array" | "object", Value::Null) => {
            // x-nullable schemas allow null; golive does not judge it.
            true
        }
        ("string" | "integer" | "number" | "boolean" | "array" | "object", _) => false,
        _ => true,
    }
}

static ENUM_TYPE: Rule = rule(
    "InvalidEnumValue",
    true,
    Error,
    27,
    "enum values are of the declared type",
    "Swagger Validator InvalidEnumValue",
    "write the values in the schema's type: \"1\" is a string, 1 an integer",
);

/// Rule 27.
fn enum_type(ctx: &mut Ctx<'_>, doc: &Doc, s: V<'_>) {
    let (Some(ty), Some(list)) = (s.get_str("type"), s.get("enum")) else {
        return;
    };
    for v in list.items() {
        if !fits(v, ty) {
            let message = format!(
                "the enum value {} is a {} but the type is '{ty}'",
                shown(v),
                v.type_name()
            );
            ctx.at(&ENUM_TYPE, doc, v, message);
        }
    }
}

static DEFAULT_TYPE: Rule = rule(
    "DefaultValueMustMatchType",
    true,
    Error,
    27,
    "default values are of the declared type",
    "Swagger Validator DefaultValueMustMatchType",
    "write the default in the schema's type: true, not \"true\"",
);

/// Rule 27.
fn default_type(ctx: &mut Ctx<'_>, doc: &Doc, s: V<'_>) {
    let (Some(ty), Some(d)) = (s.get_str("type"), s.get("default")) else {
        return;
    };
    if !fits(d, ty) {
        let message = format!(
            "the 'default' value {} is of type '{}', but should match the given type '{ty}'",
            shown(d),
            d.type_name()
        );
        ctx.at(&DEFAULT_TYPE, doc, d, message);
    }
}
