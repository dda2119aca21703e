//! End to end: the real binary in tmux on the example article. Accept a suggestion,
//! add a source, set a verdict with a rationale, quit; then `factdesk show --json`
//! must hold all three and the terminal must be back to normal. Also: SIGTERM restores
//! the terminal; a Persian article keeps its claimant and its zero-width non-joiners. Skipped
//! (with a reason) when tmux is not installed.

mod tui_support;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn start(name: &str, cmd: &str) -> Tmux {
        let socket = format!("factdesk-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let out = t.run(&["new-session", "-d", "-x", "120", "-y", "40", cmd]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn text(&self, text: &str) {
        self.run(&["send-keys", "-l", text]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        String::from_utf8_lossy(&self.run(&["display-message", "-p", format]).stdout)
            .trim()
            .to_string()
    }

    /// Polls the screen until it shows `what` (10 s at most).
    fn wait_for(&self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// A temp database with the example article and its suggested claims; returns the
/// first claim's id.
fn seeded_db(path: &Path) -> String {
    let mut store = factdesk::store::Store::open(path, "e2e").expect("open db");
    let article = tui_support::seed(&mut store);
    let claims = store
        .claims(Some(&article), &Default::default())
        .expect("claims");
    claims[0].id.clone()
}

fn launch(name: &str, db: &Path) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_factdesk");
    let cmd = format!(
        "FACTDESK_CONFIG=/nonexistent/factdesk.toml '{bin}' --db '{}' --reviewer e2e; echo EXIT=$?; sleep 60",
        db.display()
    );
    Tmux::start(name, &cmd)
}

#[test]
fn review_a_claim_in_the_real_terminal() {
    if !Tmux::available() {
        eprintln!("skipping: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.sqlite");
    let claim = seeded_db(&db);
    let t = launch("review", &db);
    t.wait_for("Articles (1)");
    t.keys(&["Enter"]);
    t.wait_for("claim 1: regional consensus");
    t.keys(&["a"]);
    t.wait_for("accepted \"regional consensus\"");
    t.keys(&["s"]);
    t.wait_for("Source for claim 1");
    t.text("https://www.un.org/en/report");
    t.keys(&["Tab"]);
    t.text("UN monitoring team report");
    t.keys(&["Tab", "Tab", "Tab", "r", "C-s"]);
    t.wait_for("added source (refutes)");
    t.keys(&["v"]);
    t.wait_for("Verdict for claim 1");
    t.keys(&["3"]);
    t.text("Only some neighbours say so; not all.");
    t.keys(&["Enter"]);
    t.text("the UN reports otherwise.");
    t.keys(&["C-s"]);
    t.wait_for("saved verdict \"mixed\"");
    t.keys(&["q"]);
    let after = t.wait_for("EXIT=0");
    assert!(
        !after.contains("reviewer: e2e"),
        "the workbench is still on screen:\n{after}"
    );
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "still in the alternate screen"
    );
    assert_eq!(t.display("#{cursor_flag}"), "1", "cursor hidden after exit");

    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args([
            "--db",
            db.to_str().expect("utf-8 path"),
            "show",
            &claim,
            "--json",
        ])
        .env("FACTDESK_CONFIG", "/nonexistent/factdesk.toml")
        .output()
        .expect("show runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["status"], "accepted");
    assert_eq!(
        json["sources"][0]["source"]["url"],
        "https://www.un.org/en/report"
    );
    assert_eq!(json["sources"][0]["stance"], "refutes");
    assert_eq!(json["verdicts"][0]["rating"], "mixed");
    assert_eq!(
        json["verdicts"][0]["rationale"],
        "Only some neighbours say so; not all.\nthe UN reports otherwise."
    );
    assert_eq!(json["verdicts"][0]["reviewer"], "e2e");
}

/// A Persian article opened as `factdesk FILE`: its claimant is found and shown, and a
/// label typed in Persian (with the zero-width non-joiner Persian spelling needs)
/// reaches the database as typed.
#[test]
fn a_persian_article_in_the_real_terminal() {
    if !Tmux::available() {
        eprintln!("skipping: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("fa.sqlite");
    let article = dir.path().join("fa.txt");
    std::fs::write(
        &article,
        "اجماع منطقه\u{200c}ای درباره طالبان\n\nکاظمی قمی در این دیدار گفت که ۳ میلیون پناهنده افغان در ایران زندگی می\u{200c}کنند.\n",
    )
    .expect("write article");
    let bin = env!("CARGO_BIN_EXE_factdesk");
    let cmd = format!(
        "FACTDESK_CONFIG=/nonexistent/factdesk.toml '{bin}' --db '{}' --reviewer e2e '{}'; echo EXIT=$?; sleep 60",
        db.display(),
        article.display()
    );
    let t = Tmux::start("persian", &cmd);
    let screen = t.wait_for("claimant  کاظمی قمی");
    assert!(screen.contains("۳ میلیون پناهنده افغان"), "{screen}");
    t.keys(&["e", "C-u"]);
    t.text("پناهنده\u{200c}های افغان در ایران");
    t.keys(&["C-s"]);
    t.wait_for("claim updated");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");

    let store = factdesk::store::Store::open(&db, "check").expect("open");
    let claims = store.claims(None, &Default::default()).expect("claims");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant, "کاظمی قمی");
    assert_eq!(claims[0].label, "پناهنده\u{200c}های افغان در ایران");
    assert_eq!(
        claims[0].quote,
        "۳ میلیون پناهنده افغان در ایران زندگی می\u{200c}کنند"
    );
}

/// The factdesk process under the pane's shell.
fn factdesk_pid(t: &Tmux) -> Option<String> {
    let shell = t.display("#{pane_pid}");
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).ok()?;
    children.split_whitespace().next().map(String::from)
}

#[test]
fn sigterm_restores_the_terminal() {
    if !Tmux::available() {
        eprintln!("skipping: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("term.sqlite");
    seeded_db(&db);
    let t = launch("sigterm", &db);
    t.wait_for("Articles (1)");
    let Some(pid) = factdesk_pid(&t) else {
        eprintln!("skipping: cannot find the factdesk process in the pane");
        return;
    };
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    // 128 + 15, as a shell reports a killed program: scripts tell it from a `q`.
    let after = t.wait_for("EXIT=");
    assert!(after.contains("EXIT=143"), "{after}");
    assert_eq!(t.display("#{alternate_on}"), "0");
}

#[test]
fn hangup_ends_the_process() {
    if !Tmux::available() {
        eprintln!("skipping: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("hup.sqlite");
    seeded_db(&db);
    let t = launch("hangup", &db);
    t.wait_for("Articles (1)");
    let Some(pid) = factdesk_pid(&t) else {
        eprintln!("skipping: cannot find the factdesk process in the pane");
        return;
    };
    // Closing the terminal under it: the process must end, not spin (it gives its loop
    // a second to stop by itself).
    t.run(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(3);
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.contains(") Z") {
            break;
        }
        if Instant::now() > deadline {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("factdesk {pid} still running after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
