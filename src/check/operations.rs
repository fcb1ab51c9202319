//! Rules about operations: ids (17), summaries and descriptions (18–20), parameters
//! (21–22), paths (23) and responses (24).

use std::collections::HashMap;

use super::json::V;
use super::swagger::{
    Op, Param, effective_params, is_internal, operations, param_list, template_vars,
};
use super::{Ctx, Doc, Rule, Severity::*, quote, rule};

pub(super) const RULES: &[&Rule] = &[
    &OPERATION_ID_REQUIRED,
    &OPERATION_ID_UNIQUE,
    &OPERATION_ID_SANITIZED,
    &OPERATION_ID_LONG,
    &SUMMARY_MISSING,
    &SUMMARY_LONG,
    &SUMMARY_RESTRICTED,
    &SUMMARY_PUNCTUATION,
    &SUMMARY_CHARACTERS,
    &DESCRIPTION_MISSING,
    &DESCRIPTION_PUNCTUATION,
    &SUMMARY_IS_DESCRIPTION,
    &PARAM_SUMMARY_MISSING,
    &PARAM_DESCRIPTION_MISSING,
    &PARAM_SUMMARY_LONG,
    &CONNECTION_ID,
    &DUPLICATE_PARAMETER,
    &MULTIPLE_BODIES,
    &BODY_AND_FORM,
    &BODY_IN_GET,
    &MISSING_PATH_PARAMETER,
    &PARAMETER_NOT_IN_TEMPLATE,
    &PATH_PARAMETER_REQUIRED,
    &TEMPLATE_NOT_VALID,
    &QUERY_OR_FRAGMENT,
    &WILDCARD,
    &LEADING_SLASH,
    &PATH_REDEFINED,
    &PATH_ENCODING,
    &NO_RESPONSE,
    &NO_SUCCESS,
    &DEFAULT_SCHEMA,
    &NO_SUCCESS_SCHEMA,
    &MANY_SCHEMAS,
];

pub(super) fn check(ctx: &mut Ctx<'_>, doc: &Doc) {
    let ops = operations(&doc.json);
    operation_ids_unique(ctx, doc, &ops);
    paths_redefined(ctx, doc);
    if let Some(paths) = doc.json.root().and_then(|r| r.get("paths")) {
        for (path, _, item) in paths.members() {
            path_must_start_with_slash(ctx, doc, path, item);
            path_query_or_fragment(ctx, doc, path, item);
            path_wildcard(ctx, doc, path, item);
            path_template_valid(ctx, doc, path, item);
            path_item_duplicate_parameters(ctx, doc, item);
        }
    }
    for op in &ops {
        operation_id_required(ctx, doc, op);
        if let Some(id) = op.op.get("operationId").filter(|v| v.as_str().is_some()) {
            operation_id_sanitized(ctx, doc, id);
            operation_id_too_long(ctx, doc, id);
        }
        summary_missing(ctx, doc, op);
        if let Some(s) = op.op.get("summary").filter(|v| v.as_str().is_some()) {
            summary_too_long(ctx, doc, s);
            summary_restricted_characters(ctx, doc, s);
            summary_trailing_punctuation(ctx, doc, s);
            summary_other_characters(ctx, doc, s);
        }
        description_missing(ctx, doc, op);
        description_final_punctuation(ctx, doc, op);
        summary_equals_description(ctx, doc, op);
        let params = effective_params(op);
        for p in &params {
            parameter_summary_missing(ctx, doc, p);
            parameter_description_missing(ctx, doc, p);
            parameter_summary_too_long(ctx, doc, p);
            connection_id_parameter(ctx, doc, p);
            path_parameter_required(ctx, doc, p);
            path_parameter_encoding(ctx, doc, p);
        }
        operation_duplicate_parameters(ctx, doc, op);
        multiple_body_parameters(ctx, doc, op, &params);
        body_and_form_data(ctx, doc, op, &params);
        body_in_fetch(ctx, doc, op, &params);
        missing_path_parameters(ctx, doc, op, &params);
        parameters_not_in_template(ctx, doc, op, &params);
        let responses = op.op.get("responses");
        operation_must_have_response(ctx, doc, op, responses);
        if let Some(r) = responses.filter(|r| r.members().next().is_some()) {
            successful_response(ctx, doc, op, r);
            default_response_schema(ctx, doc, r);
            success_response_schema(ctx, doc, op, r);
            many_response_schemas(ctx, doc, op, r);
        }
    }
}

/// How messages name an operation: its id, else method and path.
fn name(op: &Op<'_>) -> String {
    match op.op.get_str("operationId") {
        Some(id) => quote(id),
        None => format!("{} {}", op.method.to_uppercase(), quote(op.path)),
    }
}

static OPERATION_ID_REQUIRED: Rule = rule(
    "OperationIdRequired",
    true,
    Error,
    17,
    "every operation has an operationId",
    "Swagger Validator OperationIdRequired",
    "add \"operationId\": a unique name in CamelCase, such as \"GetInvoice\"",
);

/// Rule 17.
fn operation_id_required(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>) {
    match op.op.get("operationId") {
        Some(v) if v.as_str().is_some_and(|s| !s.trim().is_empty()) => {}
        Some(v) => ctx.at(
            &OPERATION_ID_REQUIRED,
            doc,
            v,
            "the operation's 'operationId' must be a non-empty string".into(),
        ),
        None => ctx.at(
            &OPERATION_ID_REQUIRED,
            doc,
            op.op,
            format!("the operation {} has no 'operationId'", name(op)),
        ),
    }
}

static OPERATION_ID_UNIQUE: Rule = rule(
    "OperationIdNotUnique",
    true,
    Error,
    17,
    "operationIds are unique",
    "Swagger Validator OperationIdNotUnique",
    "rename one of the operations (and keep the old id on the one flows already use)",
);

/// Rule 17: every use after the first is reported, pointing at the first.
fn operation_ids_unique(ctx: &mut Ctx<'_>, doc: &Doc, ops: &[Op<'_>]) {
    let mut first: HashMap<&str, V<'_>> = HashMap::new();
    for op in ops {
        let Some(v) = op.op.get("operationId") else {
            continue;
        };
        let Some(id) = v.as_str() else { continue };
        match first.get(id) {
            Some(earlier) => {
                let (line, _) = doc.json.position(earlier.start());
                let message = format!(
                    "the operationId {} is used more than once (first on line {line})",
                    quote(id)
                );
                ctx.at(&OPERATION_ID_UNIQUE, doc, v, message);
            }
            None => {
                first.insert(id, v);
            }
        }
    }
}

static OPERATION_ID_SANITIZED: Rule = rule(
    "OperationIdSanitized",
    true,
    Warning,
    17,
    "operationIds are letters and digits only",
    "Swagger Validator OperationIdSanitized; connector-string-guidance: CamelCase, no spaces or \
     punctuation. 10% of independent and 21% of certified merged ids have '_' or '-' (audit)",
    "write the id in CamelCase without '_', '-' or spaces (a new id breaks flows that use the \
     old one: only rename before the first release)",
);

/// Rule 17.
fn operation_id_sanitized(ctx: &mut Ctx<'_>, doc: &Doc, id: V<'_>) {
    let s = id.as_str().unwrap_or("");
    if !s.is_empty() && !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        let sanitized: String = s.chars().filter(char::is_ascii_alphanumeric).collect();
        let message = format!(
            "the operationId {} has characters other than letters and digits; the platform \
             uses {}",
            quote(s),
            quote(&sanitized)
        );
        ctx.at(&OPERATION_ID_SANITIZED, doc, id, message);
    }
}

/// Microsoft does not publish the limit; 80 is a guess above the corpus's longest (77).
const MAX_OPERATION_ID: usize = 80;

static OPERATION_ID_LONG: Rule = rule(
    "OperationIdTooLong",
    true,
    Error,
    17,
    "operationIds are at most 80 characters",
    "Swagger Validator OperationIdTooLong (limit unpublished; golive uses 80, the longest \
     merged id is 77)",
    "shorten the operationId",
);

/// Rule 17.
fn operation_id_too_long(ctx: &mut Ctx<'_>, doc: &Doc, id: V<'_>) {
    let s = id.as_str().unwrap_or("");
    let n = s.chars().count();
    if n > MAX_OPERATION_ID {
        let message = format!(
            "the operationId {} is {n} characters; golive allows {MAX_OPERATION_ID}",
            quote(s)
        );
        ctx.at(&OPERATION_ID_LONG, doc, id, message);
    }
}

static SUMMARY_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    18,
    "every operation has a summary",
    "certification-submission checklist: \"No operations are missing a summary, description, \
     or visibility information\"",
    "add \"summary\": a short sentence-case phrase, what the action is called in the designer",
);

/// Rule 18.
fn summary_missing(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>) {
    match op.op.get("summary") {
        Some(v) if v.as_str().is_some_and(|s| !s.trim().is_empty()) => {}
        Some(v) => ctx.at(
            &SUMMARY_MISSING,
            doc,
            v,
            format!("the operation {}'s 'summary' is empty", name(op)),
        ),
        None => ctx.at(
            &SUMMARY_MISSING,
            doc,
            op.op,
            format!("the operation {} has no 'summary'", name(op)),
        ),
    }
}

static SUMMARY_LONG: Rule = rule(
    "OperationSummaryTooLong",
    true,
    Error,
    18,
    "summaries are at most 80 characters",
    "certification-submission and connector-string-guidance: 80 characters (the validator's \
     own text says 120; the longest merged summary is exactly 80)",
    "shorten the summary to 80 characters; details go in the description",
);

/// Rule 18.
fn summary_too_long(ctx: &mut Ctx<'_>, doc: &Doc, s: V<'_>) {
    let text = s.as_str().unwrap_or("");
    let n = text.chars().count();
    if n > 80 {
        let message = format!("the summary {} is {n} characters, over 80", quote(text));
        ctx.at(&SUMMARY_LONG, doc, s, message);
    }
}

const RESTRICTED: &str = "/\\<>*%&?";

static SUMMARY_RESTRICTED: Rule = rule(
    "RestrictedCharactersInSummary",
    true,
    Error,
    19,
    "summaries have none of / \\ < > * % & ?",
    "connector-string-guidance; validator: \"Summary string contains any of the restricted \
     characters [/\\<>*%&?]\" (#1095, 2021)",
    "reword without the character: \"Get items or folders\" rather than \"Get items/folders\"",
);

/// Rule 19.
fn summary_restricted_characters(ctx: &mut Ctx<'_>, doc: &Doc, s: V<'_>) {
    let text = s.as_str().unwrap_or("");
    if let Some(c) = text.chars().find(|c| RESTRICTED.contains(*c)) {
        let message = format!(
            "the summary {} contains '{c}', one of the restricted characters [/\\<>*%&?]",
            quote(text)
        );
        ctx.at(&SUMMARY_RESTRICTED, doc, s, message);
    }
}

static SUMMARY_PUNCTUATION: Rule = rule(
    "SummaryEndsWithPunctuation",
    false,
    Error,
    19,
    "summaries do not end with punctuation or a space",
    "connector-string-guidance (2022): a summary is a phrase, with no final punctuation; 7 \
     merged summaries break it (audit)",
    "remove the final character; a closing parenthesis is fine",
);

/// Rule 19: ")" is allowed, since "Get item (V2)" is the platform's own style.
fn summary_trailing_punctuation(ctx: &mut Ctx<'_>, doc: &Doc, s: V<'_>) {
    let text = s.as_str().unwrap_or("");
    if let Some(c) = text.chars().last()
        && !c.is_alphanumeric()
        && c != ')'
    {
        let message = format!(
            "the summary {} ends with {}",
            quote(text),
            super::describe_char(c)
        );
        ctx.at(&SUMMARY_PUNCTUATION, doc, s, message);
    }
}

static SUMMARY_CHARACTERS: Rule = rule(
    "SummaryCharactersNotRecommended",
    false,
    Warning,
    19,
    "summaries use only letters, digits, spaces and parentheses",
    "certification-submission: \"only alphanumeric characters or parentheses\"; 7.3% of merged \
     summaries use '-', ''' or ',' (audit), so only a warning",
    "reword with letters, digits, spaces and parentheses",
);

/// Rule 19, the stricter documented form (restricted characters are reported above).
fn summary_other_characters(ctx: &mut Ctx<'_>, doc: &Doc, s: V<'_>) {
    let text = s.as_str().unwrap_or("");
    let body = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
    if let Some(c) = body.chars().find(|c| {
        !(c.is_alphanumeric() || *c == ' ' || *c == '(' || *c == ')' || RESTRICTED.contains(*c))
    }) {
        let message = format!(
            "the summary {} contains {}; Microsoft asks for letters, digits and parentheses",
            quote(text),
            super::describe_char(c)
        );
        ctx.at(&SUMMARY_CHARACTERS, doc, s, message);
    }
}

static DESCRIPTION_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    20,
    "every operation has a description",
    "certification-submission Step 2 and checklist: \"No operations are missing a summary, \
     description, or visibility information\"",
    "add \"description\": a full sentence on what the operation does",
);

/// Rule 20.
fn description_missing(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>) {
    match op.op.get("description") {
        Some(v) if v.as_str().is_some_and(|s| !s.trim().is_empty()) => {}
        Some(v) => ctx.at(
            &DESCRIPTION_MISSING,
            doc,
            v,
            format!("the operation {}'s 'description' is empty", name(op)),
        ),
        None => ctx.at(
            &DESCRIPTION_MISSING,
            doc,
            op.op,
            format!("the operation {} has no 'description'", name(op)),
        ),
    }
}

static DESCRIPTION_PUNCTUATION: Rule = rule(
    "DescriptionMissingFinalPunctuation",
    false,
    Warning,
    20,
    "operation descriptions end with punctuation",
    "connector-string-guidance: descriptions are sentences; not enforced (13% of independent \
     and 43% of certified merged descriptions lack it, audit)",
    "end the description with a full stop",
);

/// Rule 20.
fn description_final_punctuation(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>) {
    let Some(v) = op.op.get("description") else {
        return;
    };
    let Some(text) = v.as_str().map(str::trim_end).filter(|t| !t.is_empty()) else {
        return;
    };
    if !text.ends_with(['.', '!', '?', ')', '"', '\'', '…', '。']) {
        let message = format!(
            "the description {} does not end with punctuation",
            quote(text)
        );
        ctx.at(&DESCRIPTION_PUNCTUATION, doc, v, message);
    }
}

static SUMMARY_IS_DESCRIPTION: Rule = rule(
    "SummaryEqualsDescription",
    false,
    Warning,
    20,
    "an operation's description says more than its summary",
    "connector-string-guidance: the description explains what the summary names",
    "write a description that adds to the summary",
);

/// Rule 20.
fn summary_equals_description(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>) {
    let (Some(s), Some(d)) = (op.op.get_str("summary"), op.op.get("description")) else {
        return;
    };
    let Some(text) = d.as_str() else { return };
    let norm = |t: &str| t.trim().trim_end_matches('.').to_lowercase();
    if !s.trim().is_empty() && norm(s) == norm(text) {
        let message = format!("the description repeats the summary {}", quote(s));
        ctx.at(&SUMMARY_IS_DESCRIPTION, doc, d, message);
    }
}

/// Whether the rules on a parameter's strings apply: body parameters are described by
/// their schema, and internal ones are never shown.
fn shown_parameter(p: &Param<'_>) -> bool {
    p.location != "body" && !is_internal(p.v)
}

static PARAM_SUMMARY_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    21,
    "every shown parameter has x-ms-summary",
    "certification-submission; openapi-extensions; validator: \"The 'x-ms-summary' property \
     is required\" (#3407, 2024; #550, 2020)",
    "add \"x-ms-summary\": the parameter's label in the designer, in title case",
);

/// Rule 21.
fn parameter_summary_missing(ctx: &mut Ctx<'_>, doc: &Doc, p: &Param<'_>) {
    if shown_parameter(p)
        && p.v
            .get_str("x-ms-summary")
            .is_none_or(|s| s.trim().is_empty())
    {
        let message = format!("the parameter {} has no 'x-ms-summary'", quote(p.name));
        ctx.at(&PARAM_SUMMARY_MISSING, doc, p.v, message);
    }
}

static PARAM_DESCRIPTION_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    21,
    "every shown parameter has a description",
    "certification-submission; validator: \"The 'description' property is required\" (#3407, \
     2024; #550, 2020)",
    "add \"description\": a sentence on what the value is for",
);

/// Rule 21.
fn parameter_description_missing(ctx: &mut Ctx<'_>, doc: &Doc, p: &Param<'_>) {
    if shown_parameter(p)
        && p.v
            .get_str("description")
            .is_none_or(|s| s.trim().is_empty())
    {
        let message = format!("the parameter {} has no 'description'", quote(p.name));
        ctx.at(&PARAM_DESCRIPTION_MISSING, doc, p.v, message);
    }
}

static PARAM_SUMMARY_LONG: Rule = rule(
    "FieldLengthExceeded",
    true,
    Error,
    21,
    "x-ms-summary is at most 80 characters",
    "connector-string-guidance: \"It has a limit of 80 characters\"",
    "shorten the x-ms-summary; details go in the description",
);

/// Rule 21.
fn parameter_summary_too_long(ctx: &mut Ctx<'_>, doc: &Doc, p: &Param<'_>) {
    if let Some(v) = p.v.get("x-ms-summary")
        && let Some(s) = v.as_str()
        && s.chars().count() > 80
    {
        let message = format!(
            "the 'x-ms-summary' value {} is {} characters, over the limit of 80",
            quote(s),
            s.chars().count()
        );
        ctx.at(&PARAM_SUMMARY_LONG, doc, v, message);
    }
}

static CONNECTION_ID: Rule = rule(
    "ConnectionIdParameterNotAllowed",
    true,
    Error,
    22,
    "no parameter is named connectionId",
    "Swagger Validator ConnectionIdParameterNotAllowed",
    "rename the parameter: the platform uses connectionId itself",
);

/// Rule 22.
fn connection_id_parameter(ctx: &mut Ctx<'_>, doc: &Doc, p: &Param<'_>) {
    if p.name.eq_ignore_ascii_case("connectionId")
        && let Some(v) = p.v.get("name")
    {
        let message = "a parameter cannot be named 'connectionId'".into();
        ctx.at(&CONNECTION_ID, doc, v, message);
    }
}

static DUPLICATE_PARAMETER: Rule = rule(
    "OperationParametersContainDuplicateParameter",
    true,
    Error,
    22,
    "no two parameters of one list share name and location",
    "Swagger Validator OperationParametersContainDuplicateParameter and \
     PathParametersContainDuplicateParameter",
    "remove or rename one of the two parameters",
);

fn duplicates<'a>(list: &[Param<'a>]) -> Vec<Param<'a>> {
    let mut seen = std::collections::HashSet::new();
    list.iter()
        .filter(|p| !p.name.is_empty() && !seen.insert((p.name, p.location)))
        .copied()
        .collect()
}

/// Rule 22, within an operation's own list.
fn operation_duplicate_parameters(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>) {
    for p in duplicates(&param_list(op.op.get("parameters"))) {
        let message = format!(
            "the operation {} lists the parameter {} in '{}' twice",
            name(op),
            quote(p.name),
            p.location
        );
        ctx.at(&DUPLICATE_PARAMETER, doc, p.v, message);
    }
}

/// Rule 22, within a path item's list.
fn path_item_duplicate_parameters(ctx: &mut Ctx<'_>, doc: &Doc, item: V<'_>) {
    for p in duplicates(&param_list(item.get("parameters"))) {
        let message = format!(
            "the path lists the parameter {} in '{}' twice",
            quote(p.name),
            p.location
        );
        ctx.at(&DUPLICATE_PARAMETER, doc, p.v, message);
    }
}

static MULTIPLE_BODIES: Rule = rule(
    "OperationParametersContainMultipleBodyParameters",
    true,
    Error,
    22,
    "at most one body parameter",
    "Swagger Validator OperationParametersContainMultipleBodyParameters; Swagger 2.0",
    "merge the bodies into one body parameter whose schema has both",
);

/// Rule 22.
fn multiple_body_parameters(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, params: &[Param<'_>]) {
    for p in params.iter().filter(|p| p.location == "body").skip(1) {
        let message = format!(
            "the operation {} has more than one body parameter; at most one is allowed",
            name(op)
        );
        ctx.at(&MULTIPLE_BODIES, doc, p.v, message);
    }
}

static BODY_AND_FORM: Rule = rule(
    "ParameterListContainsFormDataAndBody",
    true,
    Error,
    22,
    "not both body and formData parameters",
    "Swagger Validator ParameterListContainsFormDataAndBody; Swagger 2.0",
    "use either one body parameter or formData parameters",
);

/// Rule 22.
fn body_and_form_data(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, params: &[Param<'_>]) {
    let has_body = params.iter().any(|p| p.location == "body");
    if let Some(form) = params.iter().find(|p| p.location == "formData")
        && has_body
    {
        let message = format!(
            "the operation {} has both a body parameter and formData parameters",
            name(op)
        );
        ctx.at(&BODY_AND_FORM, doc, form.v, message);
    }
}

static BODY_IN_GET: Rule = rule(
    "BodyOrFormDataParameterInFetchOperationNotAllowed",
    true,
    Error,
    22,
    "GET operations take no body or formData",
    "Swagger Validator BodyOrFormDataParameterInFetchOperationNotAllowed",
    "move the values to query parameters, or make the operation a POST",
);

/// Rule 22.
fn body_in_fetch(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, params: &[Param<'_>]) {
    if !op.method.eq_ignore_ascii_case("get") {
        return;
    }
    for p in params
        .iter()
        .filter(|p| p.location == "body" || p.location == "formData")
    {
        let message = format!(
            "the GET operation {} has a {} parameter {}",
            name(op),
            p.location,
            quote(p.name)
        );
        ctx.at(&BODY_IN_GET, doc, p.v, message);
    }
}

static MISSING_PATH_PARAMETER: Rule = rule(
    "OperationMissingPathParameter",
    true,
    Error,
    23,
    "every {variable} of the path has a path parameter",
    "Swagger Validator OperationMissingPathParameter",
    "add a parameter with \"in\": \"path\", \"required\": true and this name",
);

/// Rule 23.
fn missing_path_parameters(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, params: &[Param<'_>]) {
    for var in template_vars(op.path) {
        if !params.iter().any(|p| p.location == "path" && p.name == var) {
            let message = format!(
                "the operation {} does not define the path parameter {} its path needs",
                name(op),
                quote(var)
            );
            ctx.at(&MISSING_PATH_PARAMETER, doc, op.op, message);
        }
    }
}

static PARAMETER_NOT_IN_TEMPLATE: Rule = rule(
    "PathParameterNotDefinedInTemplate",
    true,
    Error,
    23,
    "every path parameter appears in the path as {name}",
    "Swagger Validator PathParameterNotDefinedInTemplate",
    "add {name} to the path, or change the parameter's \"in\"",
);

/// Rule 23.
fn parameters_not_in_template(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, params: &[Param<'_>]) {
    let vars = template_vars(op.path);
    for p in params.iter().filter(|p| p.location == "path") {
        if !vars.contains(&p.name) {
            let message = format!(
                "the path parameter {} is not in the path {}",
                quote(p.name),
                quote(op.path)
            );
            ctx.at(&PARAMETER_NOT_IN_TEMPLATE, doc, p.v, message);
        }
    }
}

static PATH_PARAMETER_REQUIRED: Rule = rule(
    "PathParameterMustBeRequired",
    true,
    Error,
    23,
    "path parameters are required: true",
    "Swagger Validator PathParameterMustBeRequired; Swagger 2.0",
    "add \"required\": true",
);

/// Rule 23.
fn path_parameter_required(ctx: &mut Ctx<'_>, doc: &Doc, p: &Param<'_>) {
    if p.location == "path" && p.v.get("required").and_then(V::as_bool) != Some(true) {
        let message = format!(
            "the path parameter {} must be marked \"required\": true",
            quote(p.name)
        );
        ctx.at(&PATH_PARAMETER_REQUIRED, doc, p.v, message);
    }
}

static TEMPLATE_NOT_VALID: Rule = rule(
    "OperationPathTemplateNotValid",
    true,
    Error,
    23,
    "each {variable} is named and inside one path segment; braces are balanced",
    "Swagger Validator OperationPathTemplateNotValid",
    "close every '{' in the same segment, or percent-encode a literal brace",
);

/// Rule 23.
fn path_template_valid(ctx: &mut Ctx<'_>, doc: &Doc, path: &str, item: V<'_>) {
    let mut open = false;
    let mut name_len = 0;
    let mut bad = None;
    for c in path.chars() {
        match (c, open) {
            ('{', false) => {
                open = true;
                name_len = 0;
            }
            ('}', true) if name_len > 0 => open = false,
            ('}', true) => bad = bad.or(Some("an empty {}")),
            ('{', true) => bad = bad.or(Some("a '{' inside a variable")),
            ('}', false) => bad = bad.or(Some("a '}' that closes nothing")),
            ('/', true) => bad = bad.or(Some("a variable that spans a '/'")),
            (_, true) => name_len += 1,
            _ => {}
        }
    }
    if open {
        bad = bad.or(Some("a '{' that is never closed"));
    }
    if let Some(why) = bad {
        let message = format!("the path {} is not a valid template: {why}", quote(path));
        ctx.at_key(&TEMPLATE_NOT_VALID, doc, item, message);
    }
}

static QUERY_OR_FRAGMENT: Rule = rule(
    "OperationPathMayNotContainQueryOrFragment",
    true,
    Error,
    23,
    "paths have no '?' or '#'",
    "Swagger Validator OperationPathMayNotContainQueryOrFragment",
    "declare query values as \"in\": \"query\" parameters; encode a literal ? or # as %3F, %23",
);

/// Rule 23.
fn path_query_or_fragment(ctx: &mut Ctx<'_>, doc: &Doc, path: &str, item: V<'_>) {
    if let Some(c) = path.chars().find(|c| *c == '?' || *c == '#') {
        let message = format!("the path {} contains '{c}'", quote(path));
        ctx.at_key(&QUERY_OR_FRAGMENT, doc, item, message);
    }
}

static WILDCARD: Rule = rule(
    "OperationPathContainsUnsupportedCharacters",
    true,
    Error,
    23,
    "paths have no '*'",
    "Swagger Validator OperationPathContainsUnsupportedCharacters",
    "replace the wildcard with a {variable} and a path parameter",
);

/// Rule 23.
fn path_wildcard(ctx: &mut Ctx<'_>, doc: &Doc, path: &str, item: V<'_>) {
    if path.contains('*') {
        let message = format!("the path {} contains the wildcard '*'", quote(path));
        ctx.at_key(&WILDCARD, doc, item, message);
    }
}

static LEADING_SLASH: Rule = rule(
    "OperationPathMustStartWithSlash",
    true,
    Error,
    23,
    "paths start with '/'",
    "Swagger Validator OperationPathMustStartWithSlash; Swagger 2.0",
    "add the leading '/'",
);

/// Rule 23. Keys starting "x-" are extensions, not paths.
fn path_must_start_with_slash(ctx: &mut Ctx<'_>, doc: &Doc, path: &str, item: V<'_>) {
    if !path.starts_with('/') && !path.starts_with("x-") {
        let message = format!("the path {} does not start with '/'", quote(path));
        ctx.at_key(&LEADING_SLASH, doc, item, message);
    }
}

static PATH_REDEFINED: Rule = rule(
    "PathRedefined",
    true,
    Error,
    23,
    "no two paths differ only in case",
    "Swagger Validator PathRedefined",
    "merge the two path items into one",
);

/// Rule 23.
fn paths_redefined(ctx: &mut Ctx<'_>, doc: &Doc) {
    let Some(paths) = doc.json.root().and_then(|r| r.get("paths")) else {
        return;
    };
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (path, _, item) in paths.members() {
        match seen.get(&path.to_lowercase()) {
            Some(first) if *first != path => {
                let message = format!(
                    "the path {} is also defined as {} (paths are compared ignoring case)",
                    quote(path),
                    quote(first)
                );
                ctx.at_key(&PATH_REDEFINED, doc, item, message);
            }
            Some(_) => {}
            None => {
                seen.insert(path.to_lowercase(), path);
            }
        }
    }
}

static PATH_ENCODING: Rule = rule(
    "PathParameterMissingEncoding",
    true,
    Warning,
    23,
    "path parameters say how they are URL-encoded",
    "Swagger Validator PathParameterMissingEncoding; openapi-extensions x-ms-url-encoding; 1,856 \
     of 7,276 merged path parameters lack it (golive's count)",
    "add \"x-ms-url-encoding\": \"single\" (or \"double\")",
);

/// Rule 23.
fn path_parameter_encoding(ctx: &mut Ctx<'_>, doc: &Doc, p: &Param<'_>) {
    if p.location == "path" && p.v.get("x-ms-url-encoding").is_none() {
        let message = format!(
            "the path parameter {} has no 'x-ms-url-encoding', which may lead to invalid requests",
            quote(p.name)
        );
        ctx.at(&PATH_ENCODING, doc, p.v, message);
    }
}

static NO_RESPONSE: Rule = rule(
    "OperationMustHaveResponse",
    true,
    Error,
    24,
    "every operation defines a response",
    "Swagger Validator OperationMustHaveResponse; certification-submission \"Define exact \
     operation responses\"",
    "add \"responses\" with at least the success response",
);

/// Rule 24.
fn operation_must_have_response(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, r: Option<V<'_>>) {
    match r {
        Some(r) if r.members().next().is_some() => {}
        Some(r) => ctx.at(
            &NO_RESPONSE,
            doc,
            r,
            format!("the operation {} has no response", name(op)),
        ),
        None => ctx.at(
            &NO_RESPONSE,
            doc,
            op.op,
            format!("the operation {} has no 'responses'", name(op)),
        ),
    }
}

fn is_success(code: &str) -> bool {
    code.len() == 3 && code.starts_with('2') && code.bytes().all(|b| b.is_ascii_digit())
}

static NO_SUCCESS: Rule = rule(
    "OperationShouldHaveSuccessfulResponse",
    true,
    Warning,
    24,
    "every operation defines a 2xx response",
    "Swagger Validator OperationShouldHaveSuccessfulResponse (\"should\"); 80 of 992 merged \
     swaggers have an operation without one (golive's count), so only a warning",
    "add the 200 (or 201, 202, 204) response the operation returns",
);

/// Rule 24.
fn successful_response(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, r: V<'_>) {
    if !r.members().any(|(code, _, _)| is_success(code)) {
        let message = format!("the operation {} defines no 2xx response", name(op));
        ctx.at(&NO_SUCCESS, doc, r, message);
    }
}

static DEFAULT_SCHEMA: Rule = rule(
    "DefaultResponseHasSchema",
    true,
    Error,
    24,
    "the default response has no schema",
    "validator: \"The 'default' response should not have schema definition. Schemas should be \
     defined on expected responses only\" (#3841, 2025); merged before it was enforced: 232 \
     operations in 69 swaggers",
    "remove \"schema\" from the default response; put the schema on the 200/201 response",
);

/// Rule 24.
fn default_response_schema(ctx: &mut Ctx<'_>, doc: &Doc, r: V<'_>) {
    if let Some(d) = r.get("default")
        && let Some(schema) = super::swagger::resolve(d).and_then(|d| d.get("schema"))
    {
        let message = "the 'default' response has a schema; schemas belong on the expected \
                       responses only"
            .into();
        let at = d.get("schema").unwrap_or(schema);
        ctx.at(&DEFAULT_SCHEMA, doc, at, message);
    }
}

static NO_SUCCESS_SCHEMA: Rule = rule(
    "SchemaDefinitionSetIncorrectly",
    true,
    Warning,
    24,
    "the 200 or 201 response has a schema (unless the output is dynamic or a webhook's)",
    "Swagger Validator SchemaDefinitionSetIncorrectly (\"should\", for the designer to show the \
     outputs); certification-submission \"Define exact operation responses\"",
    "add a \"schema\" describing what the operation returns, or x-ms-dynamic-schema",
);

/// Rule 24.
fn success_response_schema(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, r: V<'_>) {
    let ok: Vec<V<'_>> = ["200", "201"].iter().filter_map(|c| r.get(c)).collect();
    if ok.is_empty() || op.op.get("x-ms-notification-content").is_some() {
        return;
    }
    let has_schema = ok.iter().any(|v| {
        super::swagger::resolve(*v)
            .is_some_and(|v| v.get("schema").is_some() || v.get("x-ms-dynamic-schema").is_some())
    });
    if !has_schema {
        let message = format!(
            "the operation {}'s 200/201 response has no schema, so its outputs do not show in \
             the designer",
            name(op)
        );
        ctx.at(&NO_SUCCESS_SCHEMA, doc, ok[0], message);
    }
}

static MANY_SCHEMAS: Rule = rule(
    "OperationHasManyResponsesWithSchema",
    true,
    Warning,
    24,
    "at most one response has a schema",
    "Swagger Validator OperationHasManyResponsesWithSchema: only one schema is used in the \
     designer",
    "keep the schema on the success response only",
);

/// Rule 24.
fn many_response_schemas(ctx: &mut Ctx<'_>, doc: &Doc, op: &Op<'_>, r: V<'_>) {
    let with: Vec<V<'_>> = r
        .members()
        .map(|(_, _, v)| v)
        .filter(|v| super::swagger::resolve(*v).is_some_and(|v| v.get("schema").is_some()))
        .collect();
    if with.len() > 1 {
        let message = format!(
            "the operation {} has {} responses with a schema; the designer uses only one",
            name(op),
            with.len()
        );
        ctx.at(&MANY_SCHEMAS, doc, with[1], message);
    }
}
