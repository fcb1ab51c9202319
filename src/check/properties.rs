//! Rules about apiProperties.json: the brand colour (29), publisher and stackOwner (30),
//! and OAuth settings (31, with the readme).

use super::json::V;
use super::{Ctx, Doc, Publisher, Rule, Severity::*, quote, rule};

pub(super) const RULES: &[&Rule] = &[
    &COLOR_MISSING,
    &COLOR_NOT_VALID,
    &IP_COLOR,
    &COLOR_NOT_ALLOWED,
    &PUBLISHER,
    &STACK_OWNER,
    &REDIRECT,
    &SECRET,
    &README_OAUTH,
];

pub(super) fn check(ctx: &mut Ctx<'_>) {
    let Some(doc) = ctx.props else { return };
    let Some(root) = doc.json.root() else { return };
    let Some(props) = root.get("properties").filter(|p| p.is_object()) else {
        let message = "apiProperties.json has no 'properties' object".into();
        ctx.at(&COLOR_MISSING, doc, root, message);
        return;
    };
    icon_brand_color_missing(ctx, doc, props);
    if let Some(color) = props.get("iconBrandColor") {
        icon_brand_color_valid(ctx, doc, color);
        independent_publisher_color(ctx, doc, color);
        icon_brand_color_allowed(ctx, doc, color);
    }
    publisher_missing(ctx, doc, props);
    stack_owner_missing(ctx, doc, props);
    let oauth = oauth_settings(props);
    for settings in &oauth {
        redirect_url(ctx, doc, *settings);
        client_secret(ctx, doc, *settings);
    }
    if !oauth.is_empty() {
        readme_oauth_setup(ctx);
    }
}

/// `#rrggbb` as three bytes.
pub(super) fn parse_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

static COLOR_MISSING: Rule = rule(
    "IconBrandColorMissing",
    false,
    Error,
    29,
    "apiProperties has properties.iconBrandColor",
    "apiProperties schema (iconBrandColor is required); PowerPlatformConnectors README",
    "add \"iconBrandColor\" to \"properties\": \"#da3b01\" for an independent publisher, your \
     brand colour otherwise",
);

/// Rule 29.
fn icon_brand_color_missing(ctx: &mut Ctx<'_>, doc: &Doc, props: V<'_>) {
    if props.get("iconBrandColor").is_none() {
        let message = "apiProperties has no 'iconBrandColor'".into();
        ctx.at(&COLOR_MISSING, doc, props, message);
    }
}

static COLOR_NOT_VALID: Rule = rule(
    "IconBrandColorNotValid",
    false,
    Error,
    29,
    "iconBrandColor is a #RRGGBB colour",
    "apiProperties schema; certification-submission Step 4",
    "write the colour as # and six hex digits",
);

/// Rule 29.
fn icon_brand_color_valid(ctx: &mut Ctx<'_>, doc: &Doc, color: V<'_>) {
    if color.as_str().and_then(parse_color).is_none() {
        let message = match color.as_str() {
            Some(s) => format!("the iconBrandColor {} is not a #RRGGBB colour", quote(s)),
            None => format!(
                "the iconBrandColor must be a string, not a JSON {}",
                color.type_name()
            ),
        };
        ctx.at(&COLOR_NOT_VALID, doc, color, message);
    }
}

static IP_COLOR: Rule = rule(
    "IndependentPublisherBrandColor",
    false,
    Error,
    29,
    "an independent publisher's iconBrandColor is #da3b01",
    "README: \"Independent Publisher connectors must set the color to \\\"#da3b01\\\"\"; pull-request \
     template; all 395 merged independent connectors do (audit)",
    "set \"iconBrandColor\": \"#da3b01\"",
);

/// Rule 29.
fn independent_publisher_color(ctx: &mut Ctx<'_>, doc: &Doc, color: V<'_>) {
    if ctx.publisher == Publisher::Independent
        && let Some(s) = color.as_str()
        && parse_color(s).is_some()
        && !s.trim().eq_ignore_ascii_case("#da3b01")
    {
        let message = format!(
            "an independent publisher's iconBrandColor must be \"#da3b01\", not {}",
            quote(s)
        );
        ctx.at(&IP_COLOR, doc, color, message);
    }
}

static COLOR_NOT_ALLOWED: Rule = rule(
    "IconBrandColorNotAllowed",
    false,
    Error,
    29,
    "a verified publisher's iconBrandColor is not white or #007ee5",
    "certification-submission Step 4 and \"Design an icon\"; 4 merged certified connectors use \
     #ffffff (audit)",
    "use your brand's colour, the icon's background",
);

/// Rule 29.
fn icon_brand_color_allowed(ctx: &mut Ctx<'_>, doc: &Doc, color: V<'_>) {
    if ctx.publisher == Publisher::Verified
        && let Some(s) = color.as_str()
        && let Some(rgb) = parse_color(s)
        && (rgb == [0xff, 0xff, 0xff] || rgb == [0x00, 0x7e, 0xe5])
    {
        let message = format!(
            "the iconBrandColor {} is not allowed (white and #007ee5 are not brand colours)",
            quote(s)
        );
        ctx.at(&COLOR_NOT_ALLOWED, doc, color, message);
    }
}

static PUBLISHER: Rule = rule(
    "PublisherMissing",
    false,
    Error,
    30,
    "apiProperties has properties.publisher",
    "certification-submission 3a; the templates. 54 merged certified connectors lack it \
     (legacy, audit), yet it is asked of every new submission",
    "add \"publisher\": your company (independent publishers: your name or company)",
);

/// Rule 30.
fn publisher_missing(ctx: &mut Ctx<'_>, doc: &Doc, props: V<'_>) {
    if props
        .get_str("publisher")
        .is_none_or(|s| s.trim().is_empty())
    {
        let at = props.get("publisher").unwrap_or(props);
        ctx.at(
            &PUBLISHER,
            doc,
            at,
            "apiProperties has no 'publisher'".into(),
        );
    }
}

static STACK_OWNER: Rule = rule(
    "StackOwnerMissing",
    false,
    Error,
    30,
    "apiProperties has properties.stackOwner",
    "certification-submission 3a; the templates. Missing in 5 merged independent and 72 \
     certified connectors (legacy, audit)",
    "add \"stackOwner\": the company that owns the service behind the connector",
);

/// Rule 30.
fn stack_owner_missing(ctx: &mut Ctx<'_>, doc: &Doc, props: V<'_>) {
    if props
        .get_str("stackOwner")
        .is_none_or(|s| s.trim().is_empty())
    {
        let at = props.get("stackOwner").unwrap_or(props);
        ctx.at(
            &STACK_OWNER,
            doc,
            at,
            "apiProperties has no 'stackOwner'".into(),
        );
    }
}

/// Every `oAuthSettings` object: in connectionParameters and in each of
/// connectionParameterSets' sets.
fn oauth_settings(props: V<'_>) -> Vec<V<'_>> {
    let mut lists: Vec<V<'_>> = props.get("connectionParameters").into_iter().collect();
    if let Some(sets) = props
        .get("connectionParameterSets")
        .and_then(|s| s.get("values"))
    {
        lists.extend(sets.items().filter_map(|s| s.get("parameters")));
    }
    lists
        .iter()
        .flat_map(|l| l.members())
        .filter(|(_, _, p)| {
            p.get_str("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("oauthSetting"))
        })
        .filter_map(|(_, _, p)| p.get("oAuthSettings"))
        .filter(|s| s.is_object())
        .collect()
}

const GLOBAL_REDIRECT: &str = "https://global.consent.azure-apim.net/redirect";

static REDIRECT: Rule = rule(
    "OAuthRedirectUrlNotGlobal",
    false,
    Error,
    31,
    "OAuth uses the global redirect URL (redirectMode Global or GlobalPerConnector)",
    "certification-submission 3e; submit-for-certification; merged: Global 215, \
     GlobalPerConnector 35, Direct 3 (audit)",
    "set \"redirectMode\": \"GlobalPerConnector\" (or \"Global\"), and register both the global \
     and global-test redirect URLs with your identity provider",
);

/// Rule 31.
fn redirect_url(ctx: &mut Ctx<'_>, doc: &Doc, settings: V<'_>) {
    let mode = settings.get_str("redirectMode");
    if mode.is_some_and(|m| {
        m.eq_ignore_ascii_case("Global") || m.eq_ignore_ascii_case("GlobalPerConnector")
    }) {
        return;
    }
    let url = settings.get("redirectUrl");
    // "Direct" is the old regional redirect, whatever URL is written beside it.
    if mode.is_none()
        && url
            .and_then(V::as_str)
            .is_some_and(|u| u.trim_end_matches('/').starts_with(GLOBAL_REDIRECT))
    {
        return;
    }
    let message = match (mode, url.and_then(V::as_str)) {
        (Some(m), _) => format!(
            "the OAuth redirectMode is {}; certification asks for the global redirect",
            quote(m)
        ),
        (None, Some(u)) => format!(
            "the OAuth redirectUrl {} is not {GLOBAL_REDIRECT}",
            quote(u)
        ),
        (None, None) => "the OAuth settings name no redirectMode or redirectUrl".into(),
    };
    let at = settings.get("redirectMode").or(url).unwrap_or(settings);
    ctx.at(&REDIRECT, doc, at, message);
}

static SECRET: Rule = rule(
    "ClientSecretCommitted",
    false,
    Error,
    31,
    "no real OAuth client secret is committed",
    "PowerPlatformConnectors README: the files must not contain \"client ids or client \
     secrets\"; the security pipeline's CredScan",
    "remove the secret (leave a placeholder) and rotate it with your identity provider",
);

/// Words that mark a value as a placeholder, not a secret.
const PLACEHOLDERS: [&str; 8] = [
    "dummy",
    "your",
    "secret",
    "enter",
    "xxx",
    "placeholder",
    "test",
    "change",
];

/// Rule 31: a clientSecret that does not look like a placeholder ("[[DUMMY]]",
/// "<Enter your client secret>", ...).
fn client_secret(ctx: &mut Ctx<'_>, doc: &Doc, settings: V<'_>) {
    let Some(v) = settings.get("clientSecret") else {
        return;
    };
    let Some(s) = v.as_str() else { return };
    let lower = s.to_lowercase();
    let placeholder = s.trim().len() < 12
        || s.contains(['[', '<', '{', ' '])
        || PLACEHOLDERS.iter().any(|p| lower.contains(p));
    if !placeholder {
        let message = "the OAuth settings contain what looks like a real clientSecret".into();
        ctx.at(&SECRET, doc, v, message);
    }
}

static README_OAUTH: Rule = rule(
    "ReadmeLacksOAuthSetup",
    false,
    Warning,
    31,
    "an independent publisher's OAuth connector's readme explains how to create the app",
    "certification-submission-ip \"Best practices\" (2022)",
    "add a section on registering the OAuth app: where, which redirect URL, which scopes",
);

/// Rule 31: looks for the words such a section uses.
fn readme_oauth_setup(ctx: &mut Ctx<'_>) {
    if ctx.publisher != Publisher::Independent {
        return;
    }
    let Some((name, bytes)) = ctx.folder.find("readme.md") else {
        return;
    };
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    let explains = [
        "client id",
        "client_id",
        "clientid",
        "client secret",
        "app registration",
        "register",
        "redirect",
    ]
    .iter()
    .any(|w| text.contains(w));
    if !explains {
        let path = ctx.folder.path_of(name);
        ctx.at_file(
            &README_OAUTH,
            path,
            "the connector uses OAuth but the readme does not say how to register the app (no \
             mention of a client id, registration or redirect URL)"
                .into(),
        );
    }
}
