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

#[test]
fn listing_columns_line_up_under_wide_characters() {
    // Seen: `factdesk claims` on an article with Japanese labels pushed "src 0" ten
    // columns right of the other rows: columns were padded by characters, not by
    // the columns a terminal draws.
    use unicode_width::UnicodeWidthStr;
    let env = Env::new();
    let text = "日本の外務省は2023年に1,200人の難民を受け入れたと発表した。\n\nThe ministry said 1,200 refugees arrived in 2023.\n";
    let file = env.file("ja.txt", text.as_bytes());
    env.ok(&["import", &file, "--no-suggest"]);
    let article = env.ok(&["articles"])[..8].to_string();
    env.ok(&[
        "claim",
        "add",
        &article,
        "--quote",
        "日本の外務省は2023年に1,200人の難民を受け入れた",
        "--label",
        "日本の外務省は2023年に1,200人の難民を受け入れた",
        "--claimant",
        "外務省",
    ]);
    env.ok(&[
        "claim",
        "add",
        &article,
        "--quote",
        "1,200 refugees arrived in 2023",
        "--label",
        "refugees arrived",
        "--claimant",
        "ministry",
    ]);
    let out = env.ok(&["claims", &article]);
    let at: Vec<usize> = out
        .lines()
        .map(|l| l[..l.find(" src ").expect("a src column")].width())
        .collect();
    assert_eq!(at.len(), 2, "{out}");
    assert_eq!(at[0], at[1], "{out}");
}

#[test]
fn undo_prints_labels_without_terminal_controls() {
    // Seen: a label holding an OSC title sequence and a screen clear went raw to the
    // terminal in `undo`'s "label back to …" line; every other command replaced them.
    let env = Env::new();
    env.import_example();
    let claims = env.json(&["claims", "--json"]);
    let id = claims[0]["id"].as_str().unwrap().to_string();
    env.ok(&[
        "claim",
        "edit",
        &id,
        "--label",
        "\u{1b}]0;pwned\u{7}\u{1b}[2J x\u{202e}",
    ]);
    env.ok(&["claim", "edit", &id, "--label", "ok"]);
    let out = env.ok(&["undo"]);
    assert!(out.contains("label back to"), "{out}");
    assert!(
        !out.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
        "{out:?}"
    );
}

#[test]
fn import_of_several_files_refuses_one_title_or_address_for_all() {
    // Seen: `import a.txt b.txt --title Same --url …` gave both articles that title
    // and address, without a word.
    let env = Env::new();
    let a = env.file(
        "a.txt",
        b"The mayor said 12,000 homes were built in 2024.\n",
    );
    let b = env.file("b.txt", b"The minister said exports rose 9% in 2023.\n");
    env.fails(
        &["import", &a, &b, "--title", "Same"],
        "--title names one article, and 2 files were given",
    );
    env.fails(
        &["import", &a, &b, "--url", "https://x.example/a"],
        "--url names one article",
    );
    env.fails(&["import", &a, "--title", " "], "--title is empty");
    assert!(
        !env.db.exists()
            || env
                .json(&["articles", "--json"])
                .as_array()
                .unwrap()
                .is_empty()
    );
    // Shared details are fine.
    env.ok(&["import", &a, &b, "--outlet", "The Gazette"]);
}

#[test]
fn moving_the_quote_of_a_signed_off_claim_warns() {
    // Seen: an editor's sign-off stayed on a claim whose quote was then cut short, and
    // the report showed it signed off over words the editor never saw, unsaid.
    let mut env = Env::new();
    env.import_example();
    let claims = env.json(&["claims", "--json"]);
    let id = claims[0]["id"].as_str().unwrap().to_string();
    let (start, end) = (
        claims[0]["start"].as_i64().unwrap(),
        claims[0]["end"].as_i64().unwrap(),
    );
    env.ok(&["verdict", &id, "false", "-r", "The record says otherwise."]);
    env.reviewer = "lee".into();
    env.ok(&["signoff", &id]);
    let out = env.run(&[
        "claim",
        "edit",
        &id,
        "--start",
        &start.to_string(),
        "--end",
        &(end - 3).to_string(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("signed off by lee for the quote before this change"),
        "{err}"
    );
    // A label edit leaves the quote as it was: no warning.
    let out = env.run(&["claim", "edit", &id, "--label", "another label"]);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}
