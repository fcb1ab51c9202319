//! A check's reports as a table for people, as JSON, and as SARIF 2.1.0 for code scanning.

use std::io::{self, Write};

use comfy_table::{Cell, ContentArrangement, Table, presets};
use serde_json::{Value, json};

use super::{Finding, Report, Rule, rules};
use crate::error::printable;

/// Writes reports as text: per connector a summary line, then a table per file, whole.
pub fn render_table(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    render_table_fitted(reports, None, out)
}

/// [`render_table`], fitted to `width` display columns (a terminal's) when it is given: long
/// problems and fixes wrap inside their cells, and long paths wrap.
pub fn render_table_fitted(
    reports: &[Report],
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (i, report) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let line = format!(
            "{} ({} publisher): {}",
            printable(&report.connector),
            report.publisher.as_str(),
            counts(report)
        );
        writeln!(out, "{}", crate::export::wrap_to(&line, width))?;
        let mut files: Vec<&str> = report.findings.iter().map(|f| f.file.as_str()).collect();
        files.dedup();
        for file in files {
            writeln!(out, "\n{}", crate::export::wrap_to(&printable(file), width))?;
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
            t.set_header(["Line:Col", "Severity", "Rule", "Problem", "Fix"].map(Cell::new));
            if let Some(width) = width {
                t.set_content_arrangement(ContentArrangement::Dynamic);
                t.set_width(width);
            }
            for f in report.findings.iter().filter(|f| f.file == file) {
                let place = match (f.line, f.column) {
                    (Some(l), Some(c)) => format!("{l}:{c}"),
                    _ => "-".into(),
                };
                t.add_row([
                    place,
                    f.severity().as_str().to_string(),
                    f.rule.id.to_string(),
                    f.message.clone(),
                    f.rule.fix.to_string(),
                ]);
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(())
}

fn counts(report: &Report) -> String {
    match (report.errors(), report.warnings()) {
        (0, 0) => "no findings".into(),
        (e, w) => format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    }
}

fn finding_json(f: &Finding) -> Value {
    json!({
        "rule": f.rule.id,
        "severity": f.severity().as_str(),
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "pointer": f.pointer,
        "message": f.message,
        "source": f.rule.source,
        "fix": f.rule.fix,
        "value": f.value,
        "check": f.rule.title,
        "number": f.rule.number,
    })
}

fn report_json(r: &Report) -> Value {
    json!({
        "connector": r.connector,
        "publisher": r.publisher.as_str(),
        "findings": r.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "errors": r.errors(),
        "warnings": r.warnings(),
    })
}

/// Writes reports as JSON: one report an object, several an array of them.
pub fn render_json(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    let value = match reports {
        [one] => report_json(one),
        many => Value::Array(many.iter().map(report_json).collect()),
    };
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

/// A path as a relative URI reference: forward slashes, and anything outside the
/// unreserved characters percent-encoded (connector folders have spaces and `&`).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The SARIF rule descriptors: one per id (ids shared by several checks are described
/// once, naming every check).
fn sarif_rules() -> (Vec<Value>, Vec<&'static str>) {
    let mut ids: Vec<&'static str> = Vec::new();
    let mut by_id: Vec<Vec<&'static Rule>> = Vec::new();
    for r in rules() {
        match ids.iter().position(|i| *i == r.id) {
            Some(k) => by_id[k].push(r),
            None => {
                ids.push(r.id);
                by_id.push(vec![r]);
            }
        }
    }
    let descriptors = by_id
        .iter()
        .map(|checks| {
            let first = checks[0];
            let short = match checks.len() {
                1 => first.title.to_string(),
                _ => checks
                    .iter()
                    .map(|c| c.title)
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            let help = checks
                .iter()
                .map(|c| format!("{}: {} (source: {})", c.title, c.fix, c.source))
                .collect::<Vec<_>>()
                .join("\n");
            json!({
                "id": first.id,
                "name": first.id,
                "shortDescription": {"text": short},
                "help": {"text": help},
                "defaultConfiguration": {"level": level(first)},
                "properties": {
                    "tags": ["power-platform", "connector-certification"],
                    "microsoftValidatorId": first.microsoft_id,
                },
            })
        })
        .collect();
    (descriptors, ids)
}

fn level(r: &Rule) -> &'static str {
    match r.severity {
        super::Severity::Error => "error",
        super::Severity::Warning => "warning",
    }
}

/// Writes reports as one SARIF 2.1.0 log with one run, for GitHub code scanning. Columns
/// are Unicode code points (`columnKind`), as golive counts them; findings about a whole
/// file are placed on its first line, since code scanning wants a line.
pub fn render_sarif(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    let (descriptors, ids) = sarif_rules();
    let mut results = Vec::new();
    for report in reports {
        for f in &report.findings {
            let index = ids.iter().position(|i| *i == f.rule.id).unwrap_or(0);
            let mut region = json!({"startLine": f.line.unwrap_or(1)});
            if let Some(c) = f.column {
                region["startColumn"] = json!(c);
            }
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&f.file)},
                    "region": region,
                }
            });
            if let Some(p) = &f.pointer {
                location["logicalLocations"] = json!([{"fullyQualifiedName": p, "kind": "member"}]);
            }
            results.push(json!({
                "ruleId": f.rule.id,
                "ruleIndex": index,
                "level": level(f.rule),
                "message": {"text": format!("{} Fix: {}.", sentence(&f.message), f.rule.fix)},
                "locations": [location],
                "properties": {"publisher": report.publisher.as_str(), "connector": report.connector},
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "golive",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A message as the first sentence of a SARIF message: capitalised, with a full stop.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut s: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(
            uri("./certified-connectors/A & B/x.json"),
            "certified-connectors/A%20%26%20B/x.json"
        );
        assert_eq!(uri("dir\\é.json"), "dir/%C3%A9.json");
    }

    #[test]
    fn sarif_rule_ids_are_unique() {
        let (descriptors, ids) = sarif_rules();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        assert_eq!(descriptors.len(), ids.len());
    }
}
