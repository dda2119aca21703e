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
        quiet_on_closed_pipe();
        cli::run(cli, &ctx)?;
        cli::finish_output()
    });
    match result {
        Ok(()) => match factdesk::tui::signal_exit_status() {
            Some(status) => ExitCode::from(status),
            None => ExitCode::SUCCESS,
        },
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

/// A command whose reader goes away (`factdesk log | head`) ends as other Unix tools
/// do, quietly, instead of panicking on the next line it prints. Rust ignores
/// SIGPIPE by default; the workbench keeps that, since it only writes to a terminal.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, once, before any thread
    // that could race on it is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
