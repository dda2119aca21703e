//! `factdesk report` end to end: formats by flag or file extension, the whole database
//! by default, atomic files, and one-line errors with a non-zero exit.

use std::path::Path;
use std::process::{Command, Output};

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let desk = Desk {
            dir: tempfile::tempdir().unwrap(),
        };
        let example = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/iran-taliban-consensus.txt"
        );
        desk.ok(&[
            "import",
            example,
            "--no-suggest",
            "--url",
            "https://www.khaama.com/x",
            "--published",
            "2023-05-12",
        ]);
        desk
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_factdesk"))
            .args(args)
            .current_dir(self.dir.path())
            .env("FACTDESK_DB", self.dir.path().join("desk.sqlite"))
            .env("FACTDESK_CONFIG", self.dir.path().join("no-config.toml"))
            .env("FACTDESK_REVIEWER", "dana")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// Adds a claim with a verdict and a source; returns the claim's short id.
    fn checked_claim(&self, quote: &str, label: &str) -> String {
        let article = article_prefix(self);
        let added = self.ok(&["claim", "add", &article, "--quote", quote, "--label", label]);
        let id = added.split_whitespace().nth(2).unwrap().to_string();
        self.ok(&[
            "verdict",
            &id,
            "mostly-false",
            "-r",
            "Only bilateral statements exist.",
        ]);
        self.ok(&[
            "source",
            "add",
            "--url",
            "https://www.un.org/report",
            "--title",
            "UN report",
            "--claim",
            &id,
            "--stance",
            "refutes",
            "--excerpt",
            "no consensus",
        ]);
        id
    }
}

fn article_prefix(desk: &Desk) -> String {
    desk.ok(&["articles"])
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn formats_by_flag_or_extension_and_whole_database_by_default() {
    let desk = Desk::new();
    desk.checked_claim("there is a regional consensus", "regional consensus");
    let article = article_prefix(&desk);

    let md = desk.ok(&["report"]);
    assert!(md.starts_with("# Fact-check: 1 article\n"), "{md}");
    assert!(md.contains("regional consensus"));

    let said = desk.ok(&["report", &article, "-o", "out.html"]);
    assert!(said.contains("wrote the html report to out.html"), "{said}");
    let html = std::fs::read_to_string(desk.path("out.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));

    let csv = desk.ok(&["report", &article, "--format", "csv"]);
    assert!(csv.starts_with("article_id,article_title,claim_id,"));
    let json: serde_json::Value =
        serde_json::from_str(&desk.ok(&["report", "--all", "-f", "json"])).unwrap();
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["scope"], "all");

    let jsonld = desk.ok(&[
        "report",
        &article,
        "-o",
        "review.jsonld",
        "--publish-url",
        "https://desk.example/fc",
    ]);
    assert!(jsonld.contains("claimreview"), "{jsonld}");
    let reviews: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(desk.path("review.jsonld")).unwrap())
            .unwrap();
    assert_eq!(reviews.len(), 1);
}

#[test]
fn claimreview_lint_fails_loudly_and_writes_nothing() {
    let desk = Desk::new();
    let long =
        "The Iranian ambassador says all of the region agrees on how to deal with the Taliban";
    let id = desk.checked_claim("there is a regional consensus", long);
    let article = article_prefix(&desk);
    std::fs::write(desk.path("review.jsonld"), "previous export").unwrap();

    let export = [
        "report",
        &article,
        "-f",
        "claimreview",
        "-o",
        "review.jsonld",
    ];
    let err = desk.fails(&export);
    assert!(err.contains("--publish-url"), "{err}");
    let err = desk.fails(&[&export[..], &["--publish-url", "https://desk.example/fc"]].concat());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("claim {id} \"{long}\"")), "{err}");
    assert_eq!(
        std::fs::read_to_string(desk.path("review.jsonld")).unwrap(),
        "previous export"
    );

    let out = desk.run(&[
        "report",
        &article,
        "-f",
        "claimreview",
        "--publish-url",
        "https://desk.example/fc",
        "--skip-invalid",
    ]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("warning: skipped claim {id}")));
}

#[test]
fn bad_arguments_are_one_line_errors() {
    let desk = Desk::new();
    let article = article_prefix(&desk);
    let err = desk.fails(&["report", &article, "--all"]);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = desk.fails(&["report", "ffffffff"]);
    assert!(err.contains("no article matches 'ffffffff'"), "{err}");
    let err = desk.fails(&["report", &article, "-o", "missing-dir/r.md"]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("missing-dir/r.md"), "{err}");
    assert!(!Path::new(&desk.path("missing-dir")).exists());
    // (Without --format, a .sqlite name is refused for its extension first.)
    let err = desk.fails(&["report", &article, "-f", "md", "-o", "desk.sqlite"]);
    assert!(err.contains("that is the database"), "{err}");
    let err = desk.fails(&["report", &article, "-o", "desk.sqlite"]);
    assert!(err.contains("does not write .sqlite reports"), "{err}");
    let err = desk.fails(&["report", &article, "-o", "r.pdf"]);
    assert!(
        err.contains("r.pdf: factdesk does not write .pdf reports"),
        "{err}"
    );
    assert!(!Path::new(&desk.path("r.pdf")).exists());
    let err = desk.fails(&["report", "-f", "pdf"]);
    assert!(err.contains("pdf"), "{err}");
}
