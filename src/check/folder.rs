//! Rules about the folder and its files as files: which must be there (1), whether they are
//! strict JSON (2), the swagger's size (4) and the icon (33).

use super::json::ProblemKind;
use super::{Ctx, Doc, Publisher, Rule, Severity::*, png, quote, rule};

pub(super) const RULES: &[&Rule] = &[
    &REQUIRED_FILE,
    &IP_ICON,
    &INVALID_JSON,
    &NOT_STRICT,
    &DUPLICATE_KEY,
    &TOO_LARGE,
    &NEAR_LIMIT,
    &ICON_NOT_PNG,
    &ICON_SIZE,
    &ICON_BACKGROUND,
    &ICON_NOT_BRAND,
];

pub(super) fn check(ctx: &mut Ctx<'_>) {
    required_files(ctx);
    independent_publisher_icon(ctx);
    for doc in [ctx.swagger, ctx.props].into_iter().flatten() {
        invalid_json(ctx, doc);
        not_strict_json(ctx, doc);
        duplicate_keys(ctx, doc);
    }
    swagger_too_large(ctx);
    swagger_near_size_limit(ctx);
    if ctx.publisher == Publisher::Verified
        && let Some((name, bytes)) = ctx.folder.find("icon.png")
    {
        let path = ctx.folder.path_of(name);
        match png::read(bytes) {
            None => icon_not_png(ctx, path),
            Some(icon) => {
                icon_size(ctx, &path, &icon);
                icon_background(ctx, &path, &icon);
                icon_background_brand(ctx, &path, &icon);
            }
        }
    }
}

static REQUIRED_FILE: Rule = rule(
    "RequiredFileMissing",
    false,
    Error,
    1,
    "the folder has apiDefinition.swagger.json, apiProperties.json and a readme.md",
    "PowerPlatformConnectors README, \"Files to Include\"; certification-submission Step 4; \
     PRs bounced for a missing apiProperties.json (#2466, 2023)",
    "add the file with exactly this name (the readme's case does not matter)",
);

/// Rule 1: the three files a pull request must contain. The JSON files are looked up
/// ignoring case so that a wrongly cased name is named in the finding (and still checked).
fn required_files(ctx: &mut Ctx<'_>) {
    for name in [
        "apiDefinition.swagger.json",
        "apiProperties.json",
        "readme.md",
    ] {
        let found = ctx.folder.find(name).map(|(n, _)| n.to_string());
        let message = match found {
            Some(n) if n == name || name == "readme.md" => continue,
            Some(n) => format!(
                "the file is named {}; the pipeline looks for {name}, so rename it",
                quote(&n)
            ),
            None => format!("the folder has no {name}"),
        };
        let path = ctx.folder.path_of(name);
        ctx.at_file(&REQUIRED_FILE, path, message);
    }
}

static IP_ICON: Rule = rule(
    "IndependentPublisherIcon",
    false,
    Error,
    1,
    "an independent publisher's folder has no icon.png",
    "pull-request template: \"I confirm that I am not submitting a connector icon\"; \
     certification-submission-ip (2022)",
    "delete icon.png: Microsoft draws independent publishers' icons",
);

/// Rule 1: independent publishers must not submit an icon.
fn independent_publisher_icon(ctx: &mut Ctx<'_>) {
    if ctx.publisher == Publisher::Independent
        && let Some((name, _)) = ctx.folder.find("icon.png")
    {
        let path = ctx.folder.path_of(name);
        ctx.at_file(
            &IP_ICON,
            path,
            "an independent publisher's connector must not include an icon".into(),
        );
    }
}

static INVALID_JSON: Rule = rule(
    "InvalidJson",
    false,
    Error,
    2,
    "the file is JSON (UTF-8, a BOM is fine)",
    "the pipeline posts the raw file to the Swagger Validator, which rejects what does not \
     parse (SVR JsonTypeIncorrect; encoding fix in PR #619, 2020)",
    "fix the JSON syntax at this place; an editor with JSON checking shows it too",
);

/// Rule 2: a syntax error the reader cannot get past. The content rules do not run on
/// such a file.
fn invalid_json(ctx: &mut Ctx<'_>, doc: &Doc) {
    for p in doc
        .json
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Fatal)
    {
        let message = format!("{} is not JSON: {}", doc.name, p.message);
        ctx.at_offset(&INVALID_JSON, doc, p.offset, message);
    }
}

static NOT_STRICT: Rule = rule(
    "JsonNotStrict",
    false,
    Error,
    2,
    "the file is strict JSON: no missing or trailing commas, comments or stray characters",
    "the Swagger Validator reads strict JSON; 18 of 1,010 merged swaggers do not parse \
     strictly (audit 2024-10), so the gate has let some through",
    "fix the syntax at this place; golive read on as if it were fixed",
);

/// Rule 2: mistakes the reader recovered from (what other tools would reject).
fn not_strict_json(ctx: &mut Ctx<'_>, doc: &Doc) {
    for p in doc
        .json
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Recovered)
    {
        let message = format!("{} is not strict JSON: {}", doc.name, p.message);
        ctx.at_offset(&NOT_STRICT, doc, p.offset, message);
    }
}

static DUPLICATE_KEY: Rule = rule(
    "JsonDuplicateKey",
    false,
    Warning,
    2,
    "no object names the same key twice",
    "RFC 8259 4: names \"SHOULD be unique\"; readers disagree on which value wins (5 merged \
     files repeat a key, audit by golive)",
    "remove one of the two members, keeping the value you mean",
);

/// Rule 2: a repeated key (the last one is used, as most readers do).
fn duplicate_keys(ctx: &mut Ctx<'_>, doc: &Doc) {
    for p in doc
        .json
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::DuplicateKey)
    {
        ctx.at_offset(&DUPLICATE_KEY, doc, p.offset, p.message.clone());
    }
}

/// 1 MB read as 2^20 bytes for the error (the larger reading, so that no file is failed
/// for a limit it may meet) and as 10^6 for the warning.
const MIB: usize = 1 << 20;
const MB: usize = 1_000_000;

static TOO_LARGE: Rule = rule(
    "SwaggerTooLarge",
    false,
    Error,
    4,
    "the swagger is smaller than 1 MB",
    "certification-submission 3d: \"Swagger files shouldn't be greater than 1 MB\" (2022)",
    "shrink the swagger: drop unused definitions, examples and long descriptions, or split \
     the connector",
);

/// Rule 4: over 1 MiB.
fn swagger_too_large(ctx: &mut Ctx<'_>) {
    if let Some(doc) = ctx.swagger
        && doc.size > MIB
    {
        let message = format!(
            "the swagger is {} bytes; the limit is 1 MB ({MIB} bytes)",
            doc.size
        );
        ctx.at_file(&TOO_LARGE, doc.path.clone(), message);
    }
}

static NEAR_LIMIT: Rule = rule(
    "SwaggerNearSizeLimit",
    false,
    Warning,
    4,
    "the swagger is under 1,000,000 bytes (1 MB read as 10^6)",
    "certification-submission 3d; Microsoft does not say whether 1 MB is 10^6 or 2^20 bytes",
    "shrink the swagger below 1,000,000 bytes to be safe under either reading",
);

/// Rule 4: between 10^6 bytes and 1 MiB, where the two readings of "1 MB" disagree.
fn swagger_near_size_limit(ctx: &mut Ctx<'_>) {
    if let Some(doc) = ctx.swagger
        && doc.size > MB
        && doc.size <= MIB
    {
        let message = format!(
            "the swagger is {} bytes, over 1 MB if a megabyte is 1,000,000 bytes",
            doc.size
        );
        ctx.at_file(&NEAR_LIMIT, doc.path.clone(), message);
    }
}

static ICON_NOT_PNG: Rule = rule(
    "IconNotPng",
    false,
    Error,
    33,
    "icon.png is a PNG image",
    "certification-submission, \"Design an icon\"; Partner Center policy 5000.1.1.1",
    "export the icon as PNG",
);

/// Rule 33: the icon must be a PNG that golive can read the header of.
fn icon_not_png(ctx: &mut Ctx<'_>, path: String) {
    ctx.at_file(
        &ICON_NOT_PNG,
        path,
        "icon.png is not a PNG image (or its header is damaged)".into(),
    );
}

static ICON_SIZE: Rule = rule(
    "IconSizeNotRecommended",
    false,
    Warning,
    33,
    "the icon is 230 by 230 pixels",
    "maintainers: \"size is 230x230\" (#1972, 2022); certification-submission \"Design an icon\"",
    "export the icon at 230 x 230 pixels with the logo about 160 pixels wide",
);

fn icon_size(ctx: &mut Ctx<'_>, path: &str, icon: &png::Icon) {
    if (icon.width, icon.height) != (230, 230) {
        let message = format!(
            "the icon is {} x {} pixels; Microsoft asks for 230 x 230",
            icon.width, icon.height
        );
        ctx.at_file(&ICON_SIZE, path.to_string(), message);
    }
}

static ICON_BACKGROUND: Rule = rule(
    "IconBackgroundNotValid",
    false,
    Error,
    33,
    "the icon's background is opaque, not white and not #007ee5",
    "maintainers: \"icon background is not white or transparent\" (#1972, 2022); \
     certification-submission \"Design an icon\"",
    "fill the icon's background with your brand colour (the one in iconBrandColor)",
);

/// Rule 33: judged by the top-left pixel, which is background in any icon laid out as
/// Microsoft asks (a ~160 px logo centred on 230 px).
fn icon_background(ctx: &mut Ctx<'_>, path: &str, icon: &png::Icon) {
    let Some([r, g, b, a]) = icon.corner else {
        return;
    };
    let problem = if a < 255 {
        Some("is transparent".to_string())
    } else if (r, g, b) == (255, 255, 255) {
        Some("is white".to_string())
    } else if (r, g, b) == (0x00, 0x7e, 0xe5) {
        Some("is #007ee5, the colour of Microsoft's generic connectors".to_string())
    } else {
        None
    };
    if let Some(p) = problem {
        ctx.at_file(
            &ICON_BACKGROUND,
            path.to_string(),
            format!("the icon's background (its top-left pixel) {p}"),
        );
    }
}

static ICON_NOT_BRAND: Rule = rule(
    "IconBackgroundNotBrandColor",
    false,
    Warning,
    33,
    "the icon's background is the iconBrandColor",
    "maintainers: \"it matches the iconBrandColor\" (#1972, 2022)",
    "make the icon's background and iconBrandColor the same colour",
);

/// Rule 33: a small difference (a few units a channel, from colour management) passes.
fn icon_background_brand(ctx: &mut Ctx<'_>, path: &str, icon: &png::Icon) {
    let Some([r, g, b, 255]) = icon.corner else {
        return;
    };
    let Some(brand) = ctx
        .props
        .and_then(|d| d.json.root())
        .and_then(|r| r.get("properties"))
        .and_then(|p| p.get_str("iconBrandColor"))
        .and_then(super::properties::parse_color)
    else {
        return;
    };
    let close = |x: u8, y: u8| x.abs_diff(y) <= 8;
    if !(close(r, brand[0]) && close(g, brand[1]) && close(b, brand[2])) {
        let message = format!(
            "the icon's background is #{r:02x}{g:02x}{b:02x} but iconBrandColor is #{:02x}{:02x}{:02x}",
            brand[0], brand[1], brand[2]
        );
        ctx.at_file(&ICON_NOT_BRAND, path.to_string(), message);
    }
}
