//! Rules about the swagger's top: the version (3), `info` (5–11), the connector metadata
//! (12–14) and the host (15).

use super::json::V;
use super::{Ctx, Doc, Rule, Severity::*, is_absolute_url, quote, rule};

pub(super) const RULES: &[&Rule] = &[
    &VERSION,
    &TITLE_MISSING,
    &TITLE_LENGTH,
    &TITLE_WORDS,
    &PRODUCT_NAMES,
    &POWER_PLATFORM,
    &TITLE_END,
    &TITLE_BRACKET,
    &DESCRIPTION_MISSING,
    &DESCRIPTION_LENGTH,
    &CONTACT_MISSING,
    &CONTACT_FIELD,
    &CONTACT_EMAIL,
    &CONTACT_URL,
    &METADATA_MISSING,
    &METADATA_PROPERTY,
    &METADATA_CASE,
    &TOO_MANY_CATEGORIES,
    &INVALID_CATEGORY,
    &CATEGORY_CASE,
    &METADATA_URL,
    &HOST,
    &NON_PRODUCTION_HOST,
];

pub(super) fn check(ctx: &mut Ctx<'_>, doc: &Doc) {
    let Some(root) = doc.json.root() else {
        return;
    };
    swagger_version(ctx, doc, root);
    let info = root.get("info").filter(|i| i.is_object());
    match info {
        None => {
            let message = "the swagger has no 'info' object (with title, description and contact)";
            ctx.at(&TITLE_MISSING, doc, root, message.into());
        }
        Some(info) => {
            title_missing(ctx, doc, info);
            if let Some(title) = info.get("title").filter(|t| t.as_str().is_some()) {
                title_length(ctx, doc, title);
                title_restricted_words(ctx, doc, title);
                title_end(ctx, doc, title);
                title_ends_with_bracket(ctx, doc, title);
            }
            product_names(ctx, doc, info);
            power_platform(ctx, doc, info);
            description_missing(ctx, doc, info);
            description_length(ctx, doc, info);
            contact_missing(ctx, doc, info);
            if let Some(contact) = info.get("contact").filter(|c| c.is_object()) {
                contact_fields(ctx, doc, contact);
                contact_email(ctx, doc, contact);
                contact_url(ctx, doc, contact);
            }
        }
    }
    metadata_missing(ctx, doc, root);
    if let Some(list) = root.get("x-ms-connector-metadata") {
        metadata_properties(ctx, doc, list);
        metadata_name_case(ctx, doc, list);
        if let Some(categories) = metadata_value(list, "Categories") {
            too_many_categories(ctx, doc, categories);
            invalid_categories(ctx, doc, categories);
            category_case(ctx, doc, categories);
        }
        metadata_urls(ctx, doc, list);
    }
    if let Some(host) = root.get("host") {
        host_not_valid(ctx, doc, host);
        non_production_host(ctx, doc, host);
    }
}

static VERSION: Rule = rule(
    "SpecificationVersionIncorrect",
    true,
    Error,
    3,
    "the document is Swagger 2.0 (\"swagger\": \"2.0\"), not OpenAPI 3",
    "Swagger Validator SpecificationVersionIncorrect",
    "set \"swagger\": \"2.0\"; convert an OpenAPI 3 document to Swagger 2.0 first",
);

/// Rule 3.
fn swagger_version(ctx: &mut Ctx<'_>, doc: &Doc, root: V<'_>) {
    match root.get("swagger") {
        Some(v) if v.as_str() == Some("2.0") => {}
        Some(v) => {
            let message = format!(
                "the 'swagger' property is {}; it must be the string \"2.0\"",
                shown(v)
            );
            ctx.at(&VERSION, doc, v, message);
        }
        None => {
            let message = match root.get("openapi") {
                Some(_) => "this is an OpenAPI 3 document; connectors must be Swagger 2.0",
                None => "the 'swagger' property is missing; it must be the string \"2.0\"",
            };
            ctx.at(&VERSION, doc, root, message.into());
        }
    }
}

/// A value as a message quotes it: a string in quotes, anything else by its type.
fn shown(v: V<'_>) -> String {
    match v.as_str() {
        Some(s) => quote(s),
        None => format!("a JSON {}", v.type_name()),
    }
}

static TITLE_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    5,
    "info.title is present",
    "certification-submission (2022); Swagger Validator RequiredPropertyMissing",
    "add \"title\" to \"info\": the connector's name, at most 30 characters",
);

/// Rule 5: the title must be there and be a non-empty string.
fn title_missing(ctx: &mut Ctx<'_>, doc: &Doc, info: V<'_>) {
    match info.get("title") {
        None => ctx.at(
            &TITLE_MISSING,
            doc,
            info,
            "the 'title' property is required".into(),
        ),
        Some(t) if t.as_str().is_none_or(|s| s.trim().is_empty()) => ctx.at(
            &TITLE_MISSING,
            doc,
            t,
            format!("the 'title' must be a non-empty string, not {}", shown(t)),
        ),
        Some(_) => {}
    }
}

static TITLE_LENGTH: Rule = rule(
    "FieldLengthExceeded",
    true,
    Error,
    5,
    "the title is at most 30 characters",
    "certification-submission: \"Can't be longer than 30 characters\"; validator message \
     \"The 'title' value goes over the character limit '30'\" (#3407, 2024)",
    "shorten the title to 30 characters; \"(Independent Publisher)\" goes in the PR title, \
     not here",
);

/// Rule 5.
fn title_length(ctx: &mut Ctx<'_>, doc: &Doc, title: V<'_>) {
    let s = title.as_str().unwrap_or("");
    let n = s.chars().count();
    if n > 30 {
        let message = format!(
            "the 'title' value {} is {n} characters, over the limit of 30",
            quote(s)
        );
        ctx.at(&TITLE_LENGTH, doc, title, message);
    }
}

/// The words of `s`: runs of letters and digits.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

static TITLE_WORDS: Rule = rule(
    "ValueContainsRestrictedWords",
    true,
    Error,
    6,
    "the title has neither of the words \"API\" and \"Connector\"",
    "certification-submission (2022); validator: \"…restricted words: 'api, connector'\" \
     (#3407, 2024); \"the word connector isn't allowed in the title\" (#419, 2020)",
    "drop the word: \"Contoso\", not \"Contoso API\" or \"Contoso Connector\"",
);

/// Rule 6: whole words, any case ("APIMatic" passes, "Hashtag API" does not).
fn title_restricted_words(ctx: &mut Ctx<'_>, doc: &Doc, title: V<'_>) {
    let s = title.as_str().unwrap_or("");
    let found: Vec<&str> = words(s)
        .filter(|w| w.eq_ignore_ascii_case("api") || w.eq_ignore_ascii_case("connector"))
        .collect();
    if let Some(w) = found.first() {
        let message = format!(
            "the 'title' value {} contains the restricted word \"{w}\" (restricted: api, connector)",
            quote(s)
        );
        ctx.at(&TITLE_WORDS, doc, title, message);
    }
}

static PRODUCT_NAMES: Rule = rule(
    "ValueContainsRestrictedWords",
    true,
    Error,
    7,
    "the title and description name no Power Platform product",
    "certification-submission and connector-string-guidance (2022); validator: \"…'power apps, \
     power automate, logic apps'\" on /info/description (#3407, 2024; #550, 2020); the live \
     docs add Copilot Studio",
    "describe what the service does without naming Power Apps, Power Automate, Logic Apps or \
     Copilot Studio",
);

/// The products, as runs of words (spaces optional: "PowerApps" counts).
const PRODUCTS: [(&str, &str); 4] = [
    ("power apps", "powerapps"),
    ("power automate", "powerautomate"),
    ("logic apps", "logicapps"),
    ("copilot studio", "copilotstudio"),
];

/// Rule 7.
fn product_names(ctx: &mut Ctx<'_>, doc: &Doc, info: V<'_>) {
    for key in ["title", "description"] {
        let Some(v) = info.get(key) else { continue };
        let Some(s) = v.as_str() else { continue };
        let lower: Vec<String> = words(s).map(str::to_lowercase).collect();
        let joined = lower.join(" ");
        let padded = format!(" {joined} ");
        let glued: Vec<&str> = lower.iter().map(String::as_str).collect();
        let hit = PRODUCTS.iter().find(|(spaced, glued_name)| {
            padded.contains(&format!(" {spaced} ")) || glued.contains(glued_name)
        });
        if let Some((name, _)) = hit {
            let message = format!(
                "the '{key}' value {} names the product \"{name}\" (restricted: power apps, power \
                 automate, logic apps, copilot studio)",
                quote(s)
            );
            ctx.at(&PRODUCT_NAMES, doc, v, message);
        }
    }
}

static POWER_PLATFORM: Rule = rule(
    "ValueNamesPowerPlatform",
    false,
    Warning,
    7,
    "the title and description do not name the Power Platform",
    "connector-string-guidance: no Power Platform product names; the validator's published \
     list does not include \"Power Platform\", yet 6 independent and 9 certified merged \
     descriptions use it",
    "describe the service itself rather than the platform it is used from",
);

/// Rule 7, the name of the platform itself.
fn power_platform(ctx: &mut Ctx<'_>, doc: &Doc, info: V<'_>) {
    for key in ["title", "description"] {
        let Some(v) = info.get(key) else { continue };
        let Some(s) = v.as_str() else { continue };
        let lower: Vec<String> = words(s).map(str::to_lowercase).collect();
        let named = lower
            .windows(2)
            .any(|w| w[0] == "power" && w[1] == "platform")
            || lower.iter().any(|w| w == "powerplatform");
        if named {
            let message = format!("the '{key}' value {} names the Power Platform", quote(s));
            ctx.at(&POWER_PLATFORM, doc, v, message);
        }
    }
}

static TITLE_END: Rule = rule(
    "ValueMustEndWithAlphanumeric",
    true,
    Error,
    8,
    "the title ends with a letter or digit",
    "certification-submission (2022); 2025 certification bot: \"Title cannot end in \
     nonalphanumeric character, including carriage return, new line, or blank space\" (#3828)",
    "remove the trailing space, punctuation or line break from the title",
);

/// Rule 8: any last character but a letter or digit; a closing bracket is left to the
/// warning below, since merged connectors end in ")" often ("Asite (Canada)").
fn title_end(ctx: &mut Ctx<'_>, doc: &Doc, title: V<'_>) {
    let s = title.as_str().unwrap_or("");
    match s.chars().last() {
        Some(c) if !c.is_alphanumeric() && c != ')' && c != ']' => {
            let message = format!(
                "the 'title' value {} ends with {}, not a letter or digit",
                quote(s),
                super::describe_char(c)
            );
            ctx.at(&TITLE_END, doc, title, message);
        }
        _ => {}
    }
}

static TITLE_BRACKET: Rule = rule(
    "TitleEndsWithBracket",
    false,
    Warning,
    8,
    "the title does not end with a closing bracket",
    "the validator's ValueMustEndWithAlphanumeric; yet 11 merged certified titles end in \")\" \
     and 3 independent ones in \")\" or \"]\" (audit 2024-10)",
    "end the title with a letter or digit: \"Asite Canada\" rather than \"Asite (Canada)\"",
);

/// Rule 8, the lenient half.
fn title_ends_with_bracket(ctx: &mut Ctx<'_>, doc: &Doc, title: V<'_>) {
    let s = title.as_str().unwrap_or("");
    if let Some(c @ (')' | ']')) = s.chars().last() {
        let message = format!(
            "the 'title' value {} ends with '{c}'; the validator may ask for a letter or digit",
            quote(s)
        );
        ctx.at(&TITLE_BRACKET, doc, title, message);
    }
}

static DESCRIPTION_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    10,
    "info.description is present",
    "certification-submission (2022); Swagger Validator RequiredPropertyMissing",
    "add \"description\" to \"info\": 30 to 500 characters on what the service does",
);

/// Rule 10: the description must be there.
fn description_missing(ctx: &mut Ctx<'_>, doc: &Doc, info: V<'_>) {
    if info.get("description").is_none() {
        let message = "the 'description' property is required".into();
        ctx.at(&DESCRIPTION_MISSING, doc, info, message);
    }
}

static DESCRIPTION_LENGTH: Rule = rule(
    "FieldLengthNotInRange",
    true,
    Error,
    10,
    "info.description is 30 to 500 characters",
    "certification-submission: \"Can't be shorter than 30 characters or longer than 500\"; \
     validator message (#550, 2020)",
    "write a description of 30 to 500 characters",
);

/// Rule 10.
fn description_length(ctx: &mut Ctx<'_>, doc: &Doc, info: V<'_>) {
    let Some(d) = info.get("description") else {
        return;
    };
    let n = d.as_str().map_or(0, |s| s.chars().count());
    if !(30..=500).contains(&n) {
        let message =
            format!("the 'description' value is {n} characters; it must be between 30 and 500");
        ctx.at(&DESCRIPTION_LENGTH, doc, d, message);
    }
}

static CONTACT_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    11,
    "info.contact is present",
    "certification-submission 3b; validator: \"The 'contact' property is required. ValuePath: \
     /info\" (#1095, 2021; #683, 2021)",
    "add \"contact\": {\"name\": ..., \"url\": ..., \"email\": ...} to \"info\"",
);

/// Rule 11.
fn contact_missing(ctx: &mut Ctx<'_>, doc: &Doc, info: V<'_>) {
    match info.get("contact") {
        None => {
            let message = "the 'contact' property is required".into();
            ctx.at(&CONTACT_MISSING, doc, info, message);
        }
        Some(c) if !c.is_object() => {
            let message = format!("the 'contact' must be an object, not {}", shown(c));
            ctx.at(&CONTACT_MISSING, doc, c, message);
        }
        Some(_) => {}
    }
}

static CONTACT_FIELD: Rule = rule(
    "ContactPropertyMissing",
    false,
    Warning,
    11,
    "info.contact has a name, a url and an email",
    "certification-submission 3b and the templates; not enforced: 64 of 384 merged \
     independent and 31 of 573 certified contacts lack one (audit 2024-10)",
    "give the contact all of name, url and email",
);

/// Rule 11: each of the three fields.
fn contact_fields(ctx: &mut Ctx<'_>, doc: &Doc, contact: V<'_>) {
    for key in ["name", "url", "email"] {
        if contact.get(key).is_none() {
            let message = format!("the contact has no '{key}'");
            ctx.at(&CONTACT_FIELD, doc, contact, message);
        }
    }
}

static CONTACT_EMAIL: Rule = rule(
    "ContactEmailNotValid",
    true,
    Error,
    11,
    "info.contact.email is an email address",
    "Swagger Validator ContactEmailNotValid",
    "write the address alone (name@example.com), without \"mailto:\" or a display name",
);

/// Whether `s` looks like one email address: one '@', a local part, a dotted domain.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || "<>()[],;:\"".contains(c))
}

/// Rule 11.
fn contact_email(ctx: &mut Ctx<'_>, doc: &Doc, contact: V<'_>) {
    if let Some(v) = contact.get("email")
        && !v.as_str().is_some_and(is_email)
    {
        let message = format!("the contact 'email' {} is not an email address", shown(v));
        ctx.at(&CONTACT_EMAIL, doc, v, message);
    }
}

static CONTACT_URL: Rule = rule(
    "UrlNotValid",
    true,
    Error,
    11,
    "info.contact.url is an absolute URL",
    "Swagger Validator UrlNotValid: \"The 'url' property must be a valid absolute URL\"",
    "write the full address, with https://",
);

/// Rule 11.
fn contact_url(ctx: &mut Ctx<'_>, doc: &Doc, contact: V<'_>) {
    if let Some(v) = contact.get("url")
        && !v.as_str().is_some_and(is_absolute_url)
    {
        let message = format!("the contact 'url' {} is not an absolute URL", shown(v));
        ctx.at(&CONTACT_URL, doc, v, message);
    }
}

static METADATA_MISSING: Rule = rule(
    "RequiredPropertyMissing",
    true,
    Error,
    12,
    "x-ms-connector-metadata is present",
    "certification-submission 3b/3c; validator: \"The 'x-ms-connector-metadata' property is \
     required\" (#1095, 2021)",
    "add \"x-ms-connector-metadata\": [{\"propertyName\": \"Website\", \"propertyValue\": ...}, \
     {\"propertyName\": \"Privacy policy\", ...}, {\"propertyName\": \"Categories\", ...}] at the top",
);

/// Rule 12.
fn metadata_missing(ctx: &mut Ctx<'_>, doc: &Doc, root: V<'_>) {
    match root.get("x-ms-connector-metadata") {
        None => {
            let message = "the 'x-ms-connector-metadata' property is required".into();
            ctx.at(&METADATA_MISSING, doc, root, message);
        }
        Some(v) if !matches!(v.value(), super::json::Value::Array(_)) => {
            let message = format!(
                "'x-ms-connector-metadata' must be an array of propertyName/propertyValue \
                 objects, not {}",
                shown(v)
            );
            ctx.at(&METADATA_MISSING, doc, v, message);
        }
        Some(_) => {}
    }
}

/// The three properties the metadata must have.
const METADATA: [&str; 3] = ["Website", "Privacy policy", "Categories"];

/// The entry whose propertyName matches `name` ignoring case.
fn metadata_entry<'a>(list: V<'a>, name: &str) -> Option<V<'a>> {
    list.items().find(|e| {
        e.get_str("propertyName")
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
    })
}

fn metadata_value<'a>(list: V<'a>, name: &str) -> Option<V<'a>> {
    metadata_entry(list, name).and_then(|e| e.get("propertyValue"))
}

static METADATA_PROPERTY: Rule = rule(
    "ConnectorMetadataPropertiesMissing",
    true,
    Error,
    12,
    "x-ms-connector-metadata has Website, Privacy policy and Categories",
    "certification-submission 3b; Swagger Validator ConnectorMetadataPropertiesMissing",
    "add the missing {\"propertyName\": ..., \"propertyValue\": ...} entry",
);

/// Rule 12: matched ignoring case (75 merged files write "Privacy Policy").
fn metadata_properties(ctx: &mut Ctx<'_>, doc: &Doc, list: V<'_>) {
    if !matches!(list.value(), super::json::Value::Array(_)) {
        return;
    }
    for name in METADATA {
        if metadata_entry(list, name).is_none() {
            let message = format!("the connector metadata property '{name}' is required");
            ctx.at(&METADATA_PROPERTY, doc, list, message);
        }
    }
}

static METADATA_CASE: Rule = rule(
    "ConnectorMetadataPropertyNameCase",
    false,
    Warning,
    12,
    "metadata property names are written exactly: Website, Privacy policy, Categories",
    "certification-submission 3b spells them so; \"Privacy Policy\" is in 75 merged files \
     (audit 2024-10), so the validator likely ignores case",
    "write the propertyName exactly as Microsoft does",
);

/// Rule 12: a name that matches only ignoring case.
fn metadata_name_case(ctx: &mut Ctx<'_>, doc: &Doc, list: V<'_>) {
    for entry in list.items() {
        let Some(v) = entry.get("propertyName") else {
            continue;
        };
        let Some(name) = v.as_str() else { continue };
        if let Some(want) = METADATA
            .iter()
            .find(|m| m.eq_ignore_ascii_case(name.trim()) && **m != name)
        {
            let message = format!(
                "the propertyName {} should be written \"{want}\"",
                quote(name)
            );
            ctx.at(&METADATA_CASE, doc, v, message);
        }
    }
}

/// The categories certification accepts.
const CATEGORIES: [&str; 19] = [
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

fn category_list(v: V<'_>) -> Vec<&str> {
    v.as_str()
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

static TOO_MANY_CATEGORIES: Rule = rule(
    "TooManyConnectorCategories",
    true,
    Error,
    13,
    "at most two categories",
    "certification-submission 3b; Swagger Validator TooManyConnectorCategories",
    "keep the two categories that fit best, separated by a semicolon",
);

/// Rule 13.
fn too_many_categories(ctx: &mut Ctx<'_>, doc: &Doc, categories: V<'_>) {
    let n = category_list(categories).len();
    if n > 2 {
        let message = format!("{n} categories are listed; the most allowed is 2");
        ctx.at(&TOO_MANY_CATEGORIES, doc, categories, message);
    }
}

static INVALID_CATEGORY: Rule = rule(
    "InvalidConnectorCategory",
    true,
    Error,
    13,
    "each category is one of Microsoft's list",
    "certification-submission 3b lists them; Swagger Validator InvalidConnectorCategory",
    "use categories from: AI; Business Management; Business Intelligence; Collaboration; \
     Commerce; Communication; Content and Files; Finance; Data; Human Resources; Internet of \
     Things; IT Operations; Lifestyle and Entertainment; Marketing; Productivity; Sales and \
     CRM; Security; Social Media; Website",
);

/// Rule 13: a category that is not in the list even ignoring case.
fn invalid_categories(ctx: &mut Ctx<'_>, doc: &Doc, categories: V<'_>) {
    if categories.as_str().is_none() {
        let message = format!(
            "the Categories value must be a string of categories separated by ';', not {}",
            shown(categories)
        );
        ctx.at(&INVALID_CATEGORY, doc, categories, message);
        return;
    }
    for c in category_list(categories) {
        if !CATEGORIES.iter().any(|k| k.eq_ignore_ascii_case(c)) {
            let message = format!(
                "the connector category {} is not one of Microsoft's",
                quote(c)
            );
            ctx.at(&INVALID_CATEGORY, doc, categories, message);
        }
    }
}

static CATEGORY_CASE: Rule = rule(
    "ConnectorCategoryCase",
    false,
    Warning,
    13,
    "categories are written exactly as Microsoft lists them",
    "certification-submission 3b; 3 merged connectors differ only in case (audit 2024-10)",
    "write the category as Microsoft does (\"Sales and CRM\", \"IT Operations\")",
);

/// Rule 13: right category, wrong case.
fn category_case(ctx: &mut Ctx<'_>, doc: &Doc, categories: V<'_>) {
    for c in category_list(categories) {
        if let Some(k) = CATEGORIES
            .iter()
            .find(|k| k.eq_ignore_ascii_case(c) && **k != c)
        {
            let message = format!("the category {} should be written \"{k}\"", quote(c));
            ctx.at(&CATEGORY_CASE, doc, categories, message);
        }
    }
}

static METADATA_URL: Rule = rule(
    "UrlNotValid",
    true,
    Error,
    14,
    "the Website and Privacy policy values are absolute URLs",
    "certification-submission 3b: \"This should be a URL\"; Swagger Validator UrlNotValid",
    "write the full address, with https://",
);

/// Rule 14.
fn metadata_urls(ctx: &mut Ctx<'_>, doc: &Doc, list: V<'_>) {
    for name in ["Website", "Privacy policy"] {
        if let Some(v) = metadata_value(list, name)
            && !v.as_str().is_some_and(is_absolute_url)
        {
            let message = format!("the '{name}' value {} is not an absolute URL", shown(v));
            ctx.at(&METADATA_URL, doc, v, message);
        }
    }
}

static HOST: Rule = rule(
    "HostNameNotValid",
    true,
    Error,
    15,
    "host is a bare host name with an optional port",
    "Swagger Validator HostNameNotValid: \"a valid URI host without a scheme or path\"",
    "write only the host (api.contoso.com or api.contoso.com:8443); the path goes in basePath",
);

/// Whether `s` is a host name or IPv4 address with an optional port.
fn is_host(s: &str) -> bool {
    let (name, port) = match s.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (s, None),
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65535)
    });
    port_ok
        && !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// Rule 15.
fn host_not_valid(ctx: &mut Ctx<'_>, doc: &Doc, host: V<'_>) {
    let ok = host.as_str().is_some_and(is_host);
    if !ok {
        let hint = match host.as_str() {
            Some(s) if s.contains("://") => "; remove the scheme",
            Some(s) if s.contains('/') => "; move the path to basePath",
            Some(s) if s.contains('{') => "; a placeholder is not a host",
            _ => "",
        };
        let message = format!(
            "the 'host' {} is not a valid host without scheme or path{hint}",
            shown(host)
        );
        ctx.at(&HOST, doc, host, message);
    }
}

static NON_PRODUCTION_HOST: Rule = rule(
    "NonProductionHost",
    false,
    Warning,
    15,
    "host is a production host, not localhost, staging, dev or test",
    "certification-submission Step 4: \"Staging, dev, and test host URLs aren't allowed\"; a \
     placeholder host sent back by reviewers (#971)",
    "point host at the production service",
);

/// The labels that mark a host as not production, alone or before a hyphen or digit.
const NON_PRODUCTION: [&str; 11] = [
    "localhost",
    "dev",
    "develop",
    "test",
    "testing",
    "staging",
    "stage",
    "stg",
    "qa",
    "uat",
    "preprod",
];

/// Rule 15, the reviewer's half: a single-label host, a loopback address, or a label
/// such as "staging", "dev-2" or "api-test" (the top-level domain is left out: .dev and
/// .qa are real ones).
fn non_production_host(ctx: &mut Ctx<'_>, doc: &Doc, host: V<'_>) {
    let Some(s) = host.as_str().filter(|s| is_host(s)) else {
        return;
    };
    let name = s
        .rsplit_once(':')
        .map_or(s, |(n, _)| n)
        .to_ascii_lowercase();
    let marked = |label: &str| {
        label.split('-').any(|part| {
            let word = part.trim_end_matches(|c: char| c.is_ascii_digit());
            NON_PRODUCTION.contains(&word)
        })
    };
    let why = if !name.contains('.') {
        Some("has a single label (a placeholder or a local name)")
    } else if name.starts_with("127.") || name == "0.0.0.0" {
        Some("is a loopback address")
    } else if name.split('.').rev().skip(1).any(marked) {
        Some("looks like a staging, development or test host")
    } else {
        None
    };
    if let Some(why) = why {
        let message = format!("the 'host' {} {why}", quote(s));
        ctx.at(&NON_PRODUCTION_HOST, doc, host, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_emails() {
        assert!(is_host("api.contoso.com"));
        assert!(is_host("api.contoso.com:8443"));
        assert!(!is_host("https://api.contoso.com"));
        assert!(!is_host("api.contoso.com/v1"));
        assert!(!is_host("{{replace_with_your_domain}}"));
        assert!(!is_host("a..b"));
        assert!(is_email("a.b@contoso.com"));
        assert!(!is_email("mailto:a@contoso.com"));
        assert!(!is_email("a@contoso"));
    }
}
