//! Regressions from an exploratory pass over the command line as scripts and people
//! use it.

mod cli_support;

use cli_support::{BIN, Env};
use std::process::{Command, Stdio};

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // Seen: `factdesk claims | head -3` and `factdesk log | head` ended in "thread
    // 'main' panicked ... failed printing to stdout: Broken pipe" and a backtrace.
    let env = Env::new();
    env.import_example();
    for args in [
        &["claims"][..],
        &["log"],
        &["articles"],
        &["search", "Taliban"],
    ] {
        let mut child = Command::new(BIN)
            .arg("--db")
            .arg(&env.db)
            .args(args)
            .env("FACTDESK_CONFIG", env.dir.path().join("no-config.toml"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before reading anything, as `head` does once it has
        // its lines.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}
