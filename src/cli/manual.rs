//! `golive completions SHELL` and `golive man`: the shell completions (clap_complete) and the
//! manual page (clap_mangen, roff) of the command line as clap knows it, printed to stdout.

use std::io::{self, Write};

use roff::{Roff, bold, roman};

use super::args::{CompletionsArgs, command};
use super::io::write_output;
use golive::Result;

/// Prints the completion script for `a.shell`.
pub(super) fn completions(a: &CompletionsArgs) -> Result<()> {
    write_output(None, &|w| {
        let mut cmd = command();
        clap_complete::generate(a.shell, &mut cmd, "golive", w);
        Ok(())
    })
}

/// Prints the manual page golive(1): the global options, then every command with its
/// options and examples, then the exit codes, environment and files.
pub(super) fn man() -> Result<()> {
    write_output(None, &render_man)
}

fn render_man(w: &mut dyn Write) -> io::Result<()> {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(w)?;
    page.render_name_section(w)?;
    page.render_synopsis_section(w)?;
    page.render_description_section(w)?;
    page.render_options_section(w)?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.to_writer(w)?;
    for sub in cmd.get_subcommands() {
        render_command(w, sub)?;
    }
    let mut roff = Roff::new();
    if let Some(text) = cmd.get_after_help() {
        roff.control("SH", ["EXAMPLES"]);
        preformatted(&mut roff, &text.to_string());
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in EXIT_CODES {
        roff.control("TP", []);
        roff.text([bold(*code)]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["FILES"]);
    roff.control("TP", []);
    roff.text([bold("$XDG_CONFIG_HOME/golive/config.toml")]);
    roff.text([roman(
        "The user's configuration (~/.config/golive/config.toml when XDG_CONFIG_HOME is unset), \
         layered over the embedded default when neither --config nor GOLIVE_CONFIG names a file.",
    )]);
    roff.control("SH", ["VERSION"]);
    let version = cmd
        .get_long_version()
        .or(cmd.get_version())
        .unwrap_or_default();
    roff.text([roman(format!("golive {version}"))]);
    roff.to_writer(w)
}

/// One command (and its own subcommands) as a subsection: what it does, its synopsis, its
/// options and the text after them (examples, formats).
fn render_command(w: &mut dyn Write, cmd: &clap::Command) -> io::Result<()> {
    let name = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string();
    let mut roff = Roff::new();
    roff.control("SS", [name.as_str()]);
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        roff.text([roman(about.to_string())]);
    }
    roff.to_writer(w)?;
    let page = clap_mangen::Man::new(cmd.clone());
    // Clap_mangen opens each part with a section; inside COMMANDS they are paragraphs.
    let mut part = Vec::new();
    page.render_synopsis_section(&mut part)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        page.render_options_section(&mut part)?;
    }
    let part = String::from_utf8_lossy(&part)
        .lines()
        .map(|l| match l {
            ".SH SYNOPSIS" => ".PP".to_string(),
            ".SH OPTIONS" => ".PP\nOptions:".to_string(),
            l => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    writeln!(w, "{part}")?;
    let mut roff = Roff::new();
    if let Some(text) = cmd.get_after_help() {
        roff.control("PP", []);
        preformatted(&mut roff, &text.to_string());
    }
    roff.to_writer(w)?;
    for sub in cmd.get_subcommands() {
        render_command(w, sub)?;
    }
    Ok(())
}

/// Lines shown as they are (examples, format tables), indented.
fn preformatted(roff: &mut Roff, text: &str) {
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

const EXIT_CODES: &[(&str, &str)] = &[
    (
        "0",
        "Success; a closed pipe (golive holidays | head) is not an error.",
    ),
    (
        "1",
        "The input was fine but no deploy day exists within the horizon (for plan: a connector \
         cannot be placed), or check found errors.",
    ),
    (
        "2",
        "Bad usage or bad input: the message names the argument, or the file, line and column, \
         and the offending value.",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "GOLIVE_CONFIG",
        "A configuration file layered over the embedded default, when --config is not given. \
         Empty is unset; a file that does not exist is an error.",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the user's configuration is looked for (default ~/.config).",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour unless --color always.",
    ),
    (
        "COLUMNS",
        "The width help and tables are fitted to, when set.",
    ),
    (
        "SOURCE_DATE_EPOCH",
        "Seconds since 1970-01-01 UTC to stamp iCalendar exports with, for reproducible output.",
    ),
];
