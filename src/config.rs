//! Where things live and who is working: the database path, the reviewer's name and
//! the optional config file (`config.toml` in the platform config dir).

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The config file's contents; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The reviewer's name, when neither `--reviewer` nor `FACTDESK_REVIEWER` is set.
    pub reviewer: Option<String>,
    /// The database, when neither `--db` nor `FACTDESK_DB` is set.
    pub db: Option<PathBuf>,
    /// The fact-checking organisation, for report bylines and ClaimReview `author`.
    pub organisation: Option<String>,
    /// The organisation's web site, for ClaimReview `author.url`.
    pub organisation_url: Option<String>,
    /// Where the fact-check is published, for ClaimReview `url`.
    pub publish_url: Option<String>,
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "factdesk", "factdesk")
}

/// `config.toml` in the platform config dir (e.g. `~/.config/factdesk/config.toml`).
pub fn config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The default database: `factdesk.sqlite` in the platform data dir
/// (e.g. `~/.local/share/factdesk/factdesk.sqlite`).
pub fn default_db_path() -> PathBuf {
    project_dirs()
        .map(|d| d.data_dir().join("factdesk.sqlite"))
        .unwrap_or_else(|| PathBuf::from("factdesk.sqlite"))
}

impl Config {
    /// Reads the config file; a missing file is an empty config, a broken one an error
    /// naming the file.
    pub fn load(path: Option<&Path>) -> Result<Config, String> {
        let Some(path) = path.map(Path::to_path_buf).or_else(config_path) else {
            return Ok(Config::default());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                format!("{}: {first}", path.display())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The database path: the flag (or `FACTDESK_DB`, which clap folds into it), then
    /// the config file, then the platform default.
    pub fn db_path(&self, flag: Option<&Path>) -> PathBuf {
        flag.map(Path::to_path_buf)
            .or_else(|| self.db.clone())
            .unwrap_or_else(default_db_path)
    }

    /// The reviewer: the flag (or `FACTDESK_REVIEWER`), the config file, the login name.
    /// A name given but blank is an error: every change is recorded under this name, and
    /// quietly putting someone else's there would misattribute the work.
    /// A name with control or invisible characters is refused too: it is shown on
    /// every change, and could hide or disguise who made it.
    pub fn reviewer(&self, flag: Option<&str>) -> Result<String, String> {
        let (given, what) = match (flag, &self.reviewer) {
            (Some(flag), _) => (flag, "--reviewer (or FACTDESK_REVIEWER)"),
            (None, Some(configured)) => (configured.as_str(), "the config file's `reviewer`"),
            (None, None) => {
                return Ok(login_name().unwrap_or_else(|| "reviewer".to_string()));
            }
        };
        let name = given.trim();
        if name.is_empty() {
            return Err(format!(
                "{what} is blank: give the name your work is recorded under"
            ));
        }
        if name.chars().any(crate::text::needs_replacing) {
            return Err(format!(
                "{what} '{}' has control or invisible characters; a reviewer's name is shown on every change",
                crate::text::sanitize_line(name)
            ));
        }
        Ok(name.to_string())
    }
}

fn login_name() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok())
        .filter(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_of_db_and_reviewer() {
        let cfg = Config {
            reviewer: Some("cfg-name".into()),
            db: Some("/tmp/cfg.sqlite".into()),
            ..Config::default()
        };
        assert_eq!(
            cfg.db_path(Some(Path::new("x.sqlite"))),
            PathBuf::from("x.sqlite")
        );
        assert_eq!(cfg.db_path(None), PathBuf::from("/tmp/cfg.sqlite"));
        assert_eq!(cfg.reviewer(Some("dana")).unwrap(), "dana");
        assert_eq!(cfg.reviewer(None).unwrap(), "cfg-name");
        assert!(cfg.reviewer(Some("  ")).unwrap_err().contains("blank"));
        for bad in ["a\nb", "\u{1b}[31mx", "\u{200b}", "dana\u{202e}"] {
            let err = cfg.reviewer(Some(bad)).unwrap_err();
            assert!(err.contains("invisible") && !err.contains('\n'), "{err}");
        }
        // Persian names may need the zero-width non-joiner.
        assert!(cfg.reviewer(Some("محمد\u{200c}رضا")).is_ok());
        let blank = Config {
            reviewer: Some("   ".into()),
            ..Config::default()
        };
        assert!(blank.reviewer(None).unwrap_err().contains("config file"));
        assert!(Config::default().db_path(None).ends_with("factdesk.sqlite"));
    }

    #[test]
    fn broken_config_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "reviewer = [").unwrap();
        let err = Config::load(Some(&path)).unwrap_err();
        assert!(err.starts_with(&path.display().to_string()), "{err}");
        std::fs::write(&path, "reviewer = \"dana\"\norganisation = \"Desk\"").unwrap();
        assert_eq!(
            Config::load(Some(&path)).unwrap().organisation.as_deref(),
            Some("Desk")
        );
    }
}
