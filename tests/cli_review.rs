//! The command line's review safeguards: the four-eyes rule on sign-offs (and its
//! deliberate `--own` override), and `show` warning about hidden control characters.

mod cli_support;

use cli_support::{Env, short};

/// A claim on the example article with a verdict by "dana"; its id.
fn claim_with_verdict(env: &Env, quote: &str) -> String {
    let article = env.import_example();
    let claim = env.json(&["claim", "add", short(&article), "--quote", quote, "--json"]);
    let id = claim["id"].as_str().unwrap().to_string();
    env.ok(&[
        "verdict",
        short(&id),
        "true",
        "--rationale",
        "Matches the record.",
    ]);
    id
}

#[test]
fn signing_off_your_own_verdict_needs_own() {
    let mut env = Env::new();
    let id = claim_with_verdict(
        &env,
        "Taliban has been criticized for breaching the Doha Agreement",
    );
    // One line, exit 1, nothing written (checked by `fails`).
    env.fails(
        &["signoff", short(&id)],
        "this verdict is by dana; a sign-off needs a second reviewer (use --own to sign off your own verdict)",
    );
    let out = env.ok(&["signoff", short(&id), "--own"]);
    assert!(out.contains("as dana (your own verdict)"), "{out}");
    let shown = env.json(&["show", short(&id), "--json"]);
    assert_eq!(shown["verdict"]["signed_off_by"], "dana");
    let log = env.json(&["log", "--json"]);
    let signoff = log
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["entity"] == "signoff")
        .expect("a sign-off in the log");
    assert_eq!(signoff["new_value"]["own"], true, "{signoff}");

    // A second reviewer signs off without the flag.
    env.reviewer = "ed".into();
    let out = env.ok(&["signoff", short(&id)]);
    assert!(out.contains("as ed") && !out.contains("own"), "{out}");
}

#[test]
fn show_warns_under_text_with_hidden_controls() {
    let env = Env::new();
    let article = env.import_example();
    let claim = env.json(&[
        "claim",
        "add",
        short(&article),
        "--quote",
        "Taliban has been criticized for breaching the Doha Agreement",
        "--label",
        "Doha \u{202e}tnemeerga\u{202c} breached",
        "--json",
    ]);
    let id = claim["id"].as_str().unwrap().to_string();
    env.ok(&[
        "note",
        short(&id),
        "Ask the desk about \u{2066}this\u{2069}",
    ]);
    let plain = env.ok(&["show", short(&id)]);
    let lines: Vec<&str> = plain.lines().collect();
    let warning = "⚠ hidden control characters in this text (shown as �): check the original";
    let warned: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[1].trim() == warning)
        .map(|w| w[0])
        .collect();
    assert_eq!(warned.len(), 2, "{plain}");
    assert!(
        warned[0].starts_with("label     Doha \u{fffd}tnemeerga\u{fffd} breached"),
        "{plain}"
    );
    assert!(warned[1].starts_with("note "), "{plain}");
    assert!(!plain.contains('\u{202e}') && !plain.contains('\u{2066}'));
}

/// A sign-off on a verdict with fewer than two independent sources goes through (it is
/// the editor's call) but says so on stderr; with two domains it is quiet.
#[test]
fn signing_off_thin_evidence_warns() {
    let mut env = Env::new();
    let id = claim_with_verdict(&env, "regional consensus on interactions with the Taliban");
    env.reviewer = "ed".into();
    let out = env.run(&["signoff", short(&id)]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: the verdict rests on 0 independent sources; 2 are needed"),
        "{err}"
    );
    for url in ["https://www.un.org/a", "https://reliefweb.int/b"] {
        env.ok(&[
            "source",
            "add",
            "--url",
            url,
            "--title",
            "Report",
            "--claim",
            short(&id),
            "--stance",
            "supports",
        ]);
    }
    // A second editor (the first signing off the same verdict again is refused).
    env.reviewer = "fay".into();
    let out = env.run(&["signoff", short(&id)]);
    assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
}

/// An edit that changes nothing says so and writes nothing, so the next `undo` is not a
/// surprise (it printed "updated", and the undo then took back the whole import).
#[test]
fn an_edit_that_changes_nothing_says_so_and_undo_still_means_the_import() {
    let env = Env::new();
    env.import_example();
    let claims = env.json(&["claims", "--json"]);
    let (id, kind) = (
        claims[0]["id"].as_str().unwrap().to_string(),
        claims[0]["kind"].as_str().unwrap().to_string(),
    );
    let out = env.ok(&["claim", "edit", short(&id), "--kind", &kind]);
    assert!(out.contains("nothing changed"), "{out}");
    let out = env.ok(&["claim", "edit", short(&id), "--kind", "quote"]);
    assert!(out.contains("updated"), "{out}");
    let out = env.ok(&["undo"]);
    assert!(out.contains("kind back to"), "{out}");
}
