//! The command line as a script would use it: the documented flow on the example
//! article, and bad input with a one-line error, a non-zero exit and an unchanged database.

mod cli_support;

use cli_support::{BIN, EXAMPLE, Env, short};
use std::process::Command;

#[test]
fn the_documented_flow_on_the_example_article() {
    let env = Env::new();
    let out = env.ok(&[
        "import",
        EXAMPLE,
        "--outlet",
        "Amu TV",
        "--published",
        "2023-06-20",
    ]);
    assert!(out.starts_with("imported \"Iranian Ambassador"), "{out}");
    let again = env.ok(&["import", EXAMPLE]);
    assert!(again.contains("already imported as article"), "{again}");

    let articles = env.json(&["articles", "--json"]);
    assert_eq!(articles.as_array().unwrap().len(), 1);
    let article = articles[0]["id"].as_str().unwrap().to_string();
    assert_eq!(articles[0]["outlet"], "Amu TV");

    let quote = "The UN Security Council has recorded 1,650 security-related incidents in the first months of 2023 in Afghanistan";
    let claim = env.json(&[
        "claim",
        "add",
        short(&article),
        "--quote",
        quote,
        "--label",
        "1,650 security incidents in 2023",
        "--claimant",
        "UN Security Council",
        "--json",
    ]);
    let claim_id = claim["id"].as_str().unwrap().to_string();
    assert_eq!(
        (claim["start"].as_i64(), claim["end"].as_i64()),
        (Some(1997), Some(2109))
    );

    let source = env.json(&[
        "source",
        "add",
        "--url",
        "https://www.un.org/report",
        "--title",
        "Report of the Secretary-General",
        "--publisher",
        "United Nations",
        "--published",
        "2023-06-15",
        "--json",
    ]);
    let source_id = source["id"].as_str().unwrap().to_string();
    env.ok(&[
        "source",
        "link",
        short(&claim_id),
        short(&source_id),
        "--stance",
        "supports",
        "--excerpt",
        "1,650 security-related incidents",
    ]);
    env.ok(&[
        "verdict",
        short(&claim_id),
        "true",
        "--rationale",
        "The UN report lists 1,650 incidents.",
    ]);
    env.ok(&["note", short(&claim_id), "Checked against the PDF, page 4"]);

    let shown = env.json(&["show", short(&claim_id), "--json"]);
    for field in [
        "id",
        "article_id",
        "quote",
        "label",
        "claimant",
        "status",
        "score",
        "start",
        "end",
        "verdict",
    ] {
        assert!(shown.get(field).is_some(), "show --json lacks {field}");
    }
    assert_eq!(shown["quote"], quote);
    assert_eq!(shown["verdict"]["rating"], "true");
    assert_eq!(shown["verdict"]["reviewer"], "dana");
    assert_eq!(shown["sources"][0]["stance"], "supports");
    assert_eq!(
        shown["sources"][0]["source"]["url"],
        "https://www.un.org/report"
    );
    assert_eq!(shown["notes"][0]["body"], "Checked against the PDF, page 4");

    let claims = env.json(&["claims", short(&article), "--json"]);
    let checked = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == claim_id.as_str())
        .unwrap();
    assert_eq!(checked["verdict"]["rating"], "true");
    assert_eq!(checked["article_id"], article.as_str());

    let kinds = env.search_kinds("Doha");
    assert!(kinds.iter().any(|k| k == "article"), "{kinds:?}");
    env.ok(&[
        "claim",
        "add",
        short(&article),
        "--quote",
        "Taliban has been criticized for breaching the Doha Agreement",
    ]);
    let kinds = env.search_kinds("Doha");
    assert!(
        kinds.iter().any(|k| k == "article") && kinds.iter().any(|k| k == "claim"),
        "{kinds:?}"
    );

    let log = env.json(&["log", "--json"]);
    assert!(log.as_array().unwrap().len() >= 7);
    let human = env.ok(&["show", short(&claim_id)]);
    assert!(
        human.contains("1,650") && human.contains("United Nations"),
        "{human}"
    );
}

#[test]
fn bad_input_is_one_line_nonzero_and_changes_nothing() {
    let env = Env::new();
    let article = env.import_example();
    let a = short(&article).to_string();
    let claim = env.json(&[
        "claim",
        "add",
        &a,
        "--quote",
        "a move Pakistan has welcomed",
        "--json",
    ]);
    let c = short(claim["id"].as_str().unwrap()).to_string();
    let dir = env.dir.path().to_str().unwrap().to_string();

    env.fails(
        &["import", "/no/such/article.txt"],
        "/no/such/article.txt: no such file",
    );
    env.fails(&["import", &dir], "is a directory");
    let empty = env.file("empty.txt", b"");
    env.fails(&["import", &empty], "empty.txt: the file is empty");
    let binary = env.file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    env.fails(&["import", &binary], "image.png:");
    // Valid UTF-8 with one broken byte is refused, never guessed at.
    let bad_utf8 = env.file(
        "broken.txt",
        "Café news\n\nThe mayor said "
            .as_bytes()
            .iter()
            .chain(b"\xff 3% more.")
            .copied()
            .collect::<Vec<u8>>()
            .as_slice(),
    );
    env.fails(
        &["import", &bad_utf8],
        "broken.txt: the file is not valid UTF-8",
    );
    // A good file after a bad one: nothing is imported at all.
    env.fails(&["import", EXAMPLE, &empty], "empty.txt");

    env.fails(
        &["claim", "add", &a, "--quote", "Pakistan invaded the moon"],
        "the quote is not in the article",
    );
    env.fails(
        &["claim", "add", &a, "--quote", "Doha Agreement"],
        "occurs 2 times",
    );
    env.fails(
        &["verdict", &c, "kinda-true", "--rationale", "x"],
        "unknown rating 'kinda-true'",
    );
    env.fails(&["verdict", &c, "true", "--rationale", "  "], "rationale");
    env.fails(&["show", "ffffffff"], "no claim matches 'ffffffff'");
    env.fails(&["show", "xyz!"], "is not an id");
    env.fails(&["claims", "deadbeef"], "no article matches 'deadbeef'");
    env.fails(
        &[
            "source",
            "add",
            "--url",
            "javascript:alert(1)",
            "--title",
            "x",
        ],
        "only http and https",
    );
    env.fails(
        &["source", "add", "--title", "x", "--published", "31/12/2023"],
        "is not a date",
    );
    env.fails(
        &["import", EXAMPLE, "--published", "yesterday"],
        "--published",
    );

    // Ids made in one go share their UUID v7 head (a millisecond timestamp), so a
    // head prefix matches several claims and is refused as ambiguous.
    env.ok(&["dev", "gen", "--articles", "1", "--claims-per-article", "5"]);
    let all = env.json(&["claims", "--json"]);
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let common = ids[1]
        .chars()
        .zip(ids[2].chars())
        .take_while(|(x, y)| x == y)
        .count()
        .min(8);
    assert!(
        common >= 4,
        "ids made within milliseconds share at least 4 hex digits: {ids:?}"
    );
    env.fails(&["show", &ids[1][..common]], "ambiguous");
}

#[test]
fn files_that_are_not_ours_are_refused_untouched() {
    let env = Env::new();
    let text = env.file(
        "notes.txt",
        b"This is a text file, not a database; factdesk must not touch it.",
    );
    let out = Command::new(BIN)
        .args(["--db", &text, "articles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt: not a SQLite database"));
    assert_eq!(
        std::fs::read(&text).unwrap(),
        b"This is a text file, not a database; factdesk must not touch it."
    );

    env.ok(&["init"]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("PRAGMA user_version = 42; PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    let before = std::fs::read(&env.db).unwrap();
    for args in [&["articles"][..], &["import", EXAMPLE][..]] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("newer factdesk (schema version 42"), "{err}");
    }
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        before,
        "the newer database's bytes changed"
    );
}

#[test]
fn a_read_only_database_refuses_writes() {
    let env = Env::new();
    let article = env.import_example();
    let mut perms = std::fs::metadata(&env.db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&env.db, perms).unwrap();
    assert_eq!(
        env.json(&["articles", "--json"]).as_array().unwrap().len(),
        1,
        "reading still works"
    );
    env.fails(
        &[
            "claim",
            "add",
            short(&article),
            "--quote",
            "a move Pakistan has welcomed",
        ],
        "read-only",
    );
}

#[test]
fn scales_completions_and_man_page() {
    let env = Env::new();
    env.ok(&["init", "--scale", "politifact"]);
    let scale = env.json(&["scale", "--json"]);
    let names: Vec<&str> = scale
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "true",
            "mostly-true",
            "half-true",
            "mostly-false",
            "false",
            "pants-on-fire"
        ]
    );
    env.ok(&[
        "scale",
        "add",
        "needs-context",
        "--description",
        "Lacks context",
        "--colour",
        "#aa8800",
        "--symbol",
        "◐",
    ]);
    assert_eq!(env.json(&["scale", "--json"]).as_array().unwrap().len(), 7);
    env.fails(&["init", "--scale", "stars"], "unknown scale 'stars'");
    assert!(env.ok(&["completions", "bash"]).contains("factdesk"));
    assert!(env.ok(&["man"]).contains(".TH factdesk"));
}

#[test]
fn undo_and_claim_lifecycle_from_the_cli() {
    let env = Env::new();
    let a = env.import_example();
    let c = env.json(&[
        "claim",
        "add",
        short(&a),
        "--quote",
        "a move Pakistan has welcomed",
        "--json",
    ]);
    let c = c["id"].as_str().unwrap().to_string();
    env.ok(&["claim", "reject", short(&c)]);
    assert_eq!(
        env.json(&["show", short(&c), "--json"])["status"],
        "rejected"
    );
    env.ok(&["undo"]);
    assert_eq!(
        env.json(&["show", short(&c), "--json"])["status"],
        "accepted"
    );
    // Accepting it again writes nothing, and says so.
    let said = env.ok(&["claim", "accept", short(&c)]);
    assert!(said.contains("was already accepted"), "{said}");
    env.ok(&[
        "claim",
        "edit",
        short(&c),
        "--label",
        "Pakistan welcomed relocation",
        "--claimant",
        "Pakistan",
    ]);
    let shown = env.json(&["show", short(&c), "--json"]);
    assert_eq!(
        (shown["label"].as_str(), shown["claimant"].as_str()),
        (Some("Pakistan welcomed relocation"), Some("Pakistan"))
    );
    env.ok(&["claim", "delete", short(&c)]);
    env.fails(&["show", short(&c)], "no claim matches");
    env.ok(&["undo"]);
    assert_eq!(
        env.json(&["show", short(&c), "--json"])["label"],
        "Pakistan welcomed relocation"
    );
}

/// Every change is recorded under the reviewer's name: a blank one is refused, never
/// quietly replaced by the login name.
#[test]
fn a_blank_reviewer_name_is_refused_not_replaced() {
    let mut env = Env::new();
    let article = env.import_example();
    env.reviewer = "   ".into();
    env.fails(
        &[
            "note",
            "--article",
            short(&article),
            "Check the ministry's figures.",
        ],
        "--reviewer (or FACTDESK_REVIEWER) is blank",
    );
}

/// `search` takes its words unquoted; a limit of 0 is refused rather than answered with
/// "no matches".
#[test]
fn search_takes_several_words_and_refuses_a_zero_limit() {
    let env = Env::new();
    env.import_example();
    let out = env.ok(&["search", "Doha", "Agreement"]);
    assert!(
        out.contains("«Doha»") && out.contains("«Agreement»"),
        "{out}"
    );
    let zero = env.run(&["search", "Doha", "--limit", "0"]);
    assert!(!zero.status.success());
    assert!(String::from_utf8_lossy(&zero.stderr).contains("--limit"));
}
