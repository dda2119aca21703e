//! The factdesk binary: parse arguments, dispatch, and report errors as one clean line.

use clap::Parser;
use factdesk::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = cli::Context::from_cli(&cli).and_then(|ctx| {
        if cli.command.is_none() {
            return factdesk::workbench::start(&ctx, cli.file.as_deref());
        }
        cli::run(cli, &ctx)?;
        cli::finish_output()
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the error and each cause that adds something new.
            let mut msg = e.to_string();
            for cause in e.chain().skip(1) {
                let text = cause.to_string();
                if !msg.contains(&text) {
                    msg.push_str(": ");
                    msg.push_str(&text);
                }
            }
            let line = factdesk::text::sanitize_line(&msg);
            eprintln!("factdesk: error: {line}");
            ExitCode::FAILURE
        }
    }
}
