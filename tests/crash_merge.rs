//! Crash safety: the real binary imports and merges in a loop and is killed with SIGKILL
//! at random moments; afterwards the database is intact and every change the child
//! acknowledged (printed only after the command's commit returned) is there.
#![cfg(unix)]

mod share_support;

use factdesk::store::Store;
use share_support::*;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const ROUNDS: usize = 30;

/// Exports, each holding one article of its own, to merge from.
fn others(dir: &Path) -> Vec<(PathBuf, String)> {
    (0..4)
        .map(|k| {
            let mut s = Store::open(&dir.join(format!("other{k}-work.sqlite")), "bob").unwrap();
            let id = import(
                &mut s,
                &format!("Other {k}"),
                &format!("Report {k} says 12{k} schools opened in 2024. Nobody checked."),
            );
            (export(&s, dir, &format!("other{k}.sqlite")), id)
        })
        .collect()
}

/// A SplitMix64 step: random enough for kill times, reproducible per round.
fn random(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn sigkill_during_imports_and_merges_loses_no_acknowledged_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite");
    {
        let mut store = Store::open(&db, "setup").unwrap();
        import(&mut store, "Start", BODY);
    }
    let others = others(dir.path());
    let bin = env!("CARGO_BIN_EXE_factdesk");
    let mut acked_titles: Vec<String> = Vec::new();
    let mut acked_merges: Vec<usize> = Vec::new();
    let mut kills = 0;
    for round in 0..ROUNDS {
        // A script of imports and merges; each prints ACK only after factdesk exited 0.
        let mut script = String::from("set -e\n");
        for step in 0..4 {
            let title = format!("Round {round} step {step}");
            let file = dir.path().join(format!("r{round}s{step}.txt"));
            std::fs::write(
                &file,
                format!("{title}\n\nThe minister said {round}{step} bridges were built in 2023. Engineers disagree."),
            )
            .unwrap();
            let k = (round + step) % others.len();
            script.push_str(&format!(
                "'{bin}' --db '{db}' import '{file}' --title '{title}' >/dev/null\necho 'ACK import {title}'\n\
                 '{bin}' --db '{db}' merge '{other}' >/dev/null\necho 'ACK merge {k}'\n",
                db = db.display(),
                file = file.display(),
                other = others[k].0.display(),
            ));
        }
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(&script)
            .env("FACTDESK_CONFIG", dir.path().join("no-config.toml"))
            .env("FACTDESK_REVIEWER", "crash")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + random(round as u64) % 400));
        // Kill the whole group (the shell and the factdesk it runs), by its id.
        let killed = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stderr(Stdio::null())
            .status()
            .unwrap();
        kills += killed.success() as usize;
        let _ = child.wait();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        for line in out.lines() {
            if let Some(title) = line.strip_prefix("ACK import ") {
                acked_titles.push(title.to_string());
            } else if let Some(k) = line.strip_prefix("ACK merge ") {
                acked_merges.push(k.parse().unwrap());
            }
        }

        let store = Store::open(&db, "check").unwrap();
        let doctor = store.doctor().unwrap();
        assert_eq!(doctor.integrity, ["ok"], "round {round}");
        assert_eq!(doctor.foreign_key_problems, 0, "round {round}");
        assert_eq!(
            store.search_index_problems().unwrap(),
            (0, 0),
            "round {round}"
        );
        let titles: Vec<String> = store
            .articles()
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect();
        for t in &acked_titles {
            assert!(
                titles.contains(t),
                "acknowledged import '{t}' is missing after round {round}"
            );
        }
        for k in &acked_merges {
            assert!(
                store.article_summary(&others[*k].1).is_ok(),
                "acknowledged merge {k} is missing"
            );
        }
    }
    eprintln!(
        "{kills} kills, {} imports and {} merges acknowledged",
        acked_titles.len(),
        acked_merges.len()
    );
    assert!(
        kills >= ROUNDS / 2,
        "the child finished before the kill too often ({kills} kills)"
    );
    assert!(
        !acked_titles.is_empty(),
        "nothing was acknowledged: kill times too short"
    );
}
