//! The `golive` command: parse the arguments, run the command, map errors to exit codes
//! (0 ok, 1 a rollout could not be computed or a check found errors, 2 bad usage or bad
//! input).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse_args() {
        Ok(args) => args,
        // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
        // A usage error that quotes a huge or terminal-controlling argument is printed the
        // way golive's own errors are: escaped, each line cut.
        Err(e) => {
            let plain = e.render().to_string();
            let shown = golive::printable(&plain);
            if !e.use_stderr() || shown == plain {
                e.exit()
            }
            use std::io::Write;
            let _ = write!(std::io::stderr(), "{shown}");
            return ExitCode::from(2);
        }
    };
    // Answers echo "now" to the second.
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0);
    match cli::run(args, now) {
        Ok(code) => code,
        Err(e) => {
            cli::report(&e);
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}
