//! The rating scale lives in the database so it travels with the file.

use super::{Result, Store, StoreError, Writer, new_id, now};
use crate::model::Rating;
use rusqlite::{Connection, params};
use serde_json::Value;

/// A named preset of ratings: (name, description, ClaimReview ratingValue, colour, symbol).
pub struct Scale {
    pub name: &'static str,
    pub about: &'static str,
    pub ratings: &'static [(
        &'static str,
        &'static str,
        Option<i64>,
        &'static str,
        &'static str,
    )],
}

const GREEN: &str = "#2e7d32";
const LIGHT_GREEN: &str = "#7cb342";
const AMBER: &str = "#f9a825";
const ORANGE: &str = "#ef6c00";
const RED: &str = "#c62828";
const DARK_RED: &str = "#8e0000";
const PURPLE: &str = "#8e24aa";
const GREY: &str = "#757575";

pub const SCALES: &[Scale] = &[
    Scale {
        name: "default",
        about: "factdesk's own: five steps from true to false, plus misleading and unverifiable",
        ratings: &[
            (
                "true",
                "Accurate, nothing significant missing",
                Some(5),
                GREEN,
                "✓",
            ),
            (
                "mostly-true",
                "Accurate but needs clarification or context",
                Some(4),
                LIGHT_GREEN,
                "✓",
            ),
            ("mixed", "Partly accurate, partly not", Some(3), AMBER, "◐"),
            (
                "mostly-false",
                "Some truth but the main point is wrong",
                Some(2),
                ORANGE,
                "✗",
            ),
            ("false", "Not accurate", Some(1), RED, "✗"),
            (
                "misleading",
                "Accurate facts arranged to give a false impression",
                None,
                PURPLE,
                "◐",
            ),
            (
                "unverifiable",
                "Cannot be proved or disproved with available evidence",
                None,
                GREY,
                "?",
            ),
        ],
    },
    Scale {
        name: "politifact",
        about: "PolitiFact's Truth-O-Meter",
        ratings: &[
            (
                "true",
                "The statement is accurate and nothing significant is missing",
                Some(6),
                GREEN,
                "✓",
            ),
            (
                "mostly-true",
                "Accurate but needs clarification or additional information",
                Some(5),
                LIGHT_GREEN,
                "✓",
            ),
            (
                "half-true",
                "Partially accurate but leaves out important details or takes things out of context",
                Some(4),
                AMBER,
                "◐",
            ),
            (
                "mostly-false",
                "Contains an element of truth but ignores critical facts",
                Some(3),
                ORANGE,
                "✗",
            ),
            ("false", "The statement is not accurate", Some(2), RED, "✗"),
            (
                "pants-on-fire",
                "Not accurate and makes a ridiculous claim",
                Some(1),
                DARK_RED,
                "✗",
            ),
        ],
    },
    Scale {
        name: "meta",
        about: "the ratings Meta's fact-checking partners (AFP among them) use",
        ratings: &[
            ("false", "No factual basis", Some(1), RED, "✗"),
            (
                "altered",
                "Image, audio or video edited or synthesised to mislead",
                Some(1),
                DARK_RED,
                "✗",
            ),
            (
                "partly-false",
                "Some factual inaccuracies",
                Some(2),
                ORANGE,
                "✗",
            ),
            (
                "missing-context",
                "May mislead without additional context",
                Some(3),
                AMBER,
                "◐",
            ),
            (
                "satire",
                "Humour or exaggeration, not meant as fact",
                None,
                PURPLE,
                "?",
            ),
            ("true", "Accurate", Some(4), GREEN, "✓"),
        ],
    },
];

pub fn find_scale(name: &str) -> Option<&'static Scale> {
    SCALES.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}

/// Writes a preset's ratings (used when a database is created).
pub(super) fn seed_scale(conn: &Connection, name: &str) -> Result<()> {
    let scale = find_scale(name).ok_or_else(|| unknown_scale(name))?;
    let at = now();
    for (i, (rating, description, value, colour, symbol)) in scale.ratings.iter().enumerate() {
        conn.execute(
            "INSERT INTO ratings (name, id, position, description, rating_value, colour, symbol, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![rating, new_id(), i as i64 + 1, description, value, colour, symbol, at],
        )?;
    }
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('scale', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [scale.name],
    )?;
    Ok(())
}

fn unknown_scale(name: &str) -> StoreError {
    let names: Vec<&str> = SCALES.iter().map(|s| s.name).collect();
    StoreError::Invalid(format!(
        "unknown scale '{name}'; presets: {}",
        names.join(", ")
    ))
}

pub(super) fn read_ratings(conn: &Connection) -> Result<Vec<Rating>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, position, description, rating_value, colour, symbol FROM ratings ORDER BY position, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Rating {
            name: r.get(0)?,
            position: r.get(1)?,
            description: r.get(2)?,
            rating_value: r.get(3)?,
            colour: r.get(4)?,
            symbol: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks that `name` is on the scale, with an error that lists the scale.
pub(super) fn check_rating(w: &Writer<'_>, name: &str) -> Result<()> {
    let known: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM ratings WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?;
    if known {
        return Ok(());
    }
    let scale: Vec<String> = read_ratings(w)?.into_iter().map(|r| r.name).collect();
    Err(StoreError::UnknownRating {
        given: name.to_string(),
        scale: scale.join(", "),
    })
}

impl Store {
    /// The database's rating scale, in order.
    pub fn ratings(&self) -> Result<Vec<Rating>> {
        read_ratings(&self.conn)
    }

    /// The preset the scale started from.
    pub fn scale_name(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'scale'", [], |r| {
                r.get(0)
            })
            .unwrap_or_else(|_| "custom".into()))
    }

    /// Replaces the scale with a preset. Refused once verdicts use a rating the
    /// preset lacks, so no verdict loses its meaning.
    pub fn use_scale(&mut self, name: &str) -> Result<()> {
        let scale = find_scale(name).ok_or_else(|| unknown_scale(name))?;
        let w = self.write()?;
        let keep: Vec<&str> = scale.ratings.iter().map(|r| r.0).collect();
        let mut stmt = w.prepare("SELECT DISTINCT rating FROM verdicts")?;
        let used: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let lost: Vec<&String> = used
            .iter()
            .filter(|r| !keep.contains(&r.as_str()))
            .collect();
        if !lost.is_empty() {
            return Err(StoreError::Invalid(format!(
                "cannot switch to scale '{}': verdicts use ratings it lacks: {}",
                scale.name,
                lost.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        // Removals are logged, so a merge with a copy that still has them removes them too.
        // Not in a database nobody has written to yet (`init --scale` on a new file): its
        // scale is chosen, not switched, and logging the seed's removal would make a
        // merge take those ratings from a colleague's scale.
        let fresh: bool = w.query_row("SELECT NOT EXISTS (SELECT 1 FROM changes)", [], |r| {
            r.get(0)
        })?;
        let removed: Vec<(String, Value)> = {
            let mut stmt = w.prepare(
                "SELECT name, json_object('id', id, 'position', position, 'description', description,
                     'rating_value', rating_value, 'colour', colour, 'symbol', symbol)
                 FROM ratings WHERE name NOT IN (SELECT DISTINCT rating FROM verdicts)
                   AND name NOT IN (SELECT value FROM json_each(?1))",
            )?;
            let kept = serde_json::to_string(&keep).unwrap_or_else(|_| "[]".into());
            stmt.query_map([kept], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))?
                .map(|row| {
                    row.map(|(name, json)| {
                        (name, serde_json::from_str(&json).unwrap_or(Value::Null))
                    })
                })
                .collect::<rusqlite::Result<_>>()?
        };
        for (name, row) in &removed {
            w.execute("DELETE FROM ratings WHERE name = ?1", [name])?;
            if !fresh {
                w.log("rating", name, "delete", None, Some(row), None)?;
            }
        }
        // Ratings the scale also has, or that verdicts use, stay and get the preset's values.
        let at = now();
        for (i, (rating, description, value, colour, symbol)) in scale.ratings.iter().enumerate() {
            let existed: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM ratings WHERE name = ?1)",
                [rating],
                |r| r.get(0),
            )?;
            if !existed && !fresh {
                w.log(
                    "rating",
                    rating,
                    "create",
                    None,
                    None,
                    Some(
                        &serde_json::json!({"position": i + 1, "description": description,
                        "rating_value": value, "colour": colour, "symbol": symbol}),
                    ),
                )?;
            }
            w.execute(
                "INSERT INTO ratings (name, id, position, description, rating_value, colour, symbol, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(name) DO UPDATE SET position = excluded.position, description = excluded.description,
                   rating_value = excluded.rating_value, colour = excluded.colour, symbol = excluded.symbol",
                params![rating, new_id(), i as i64 + 1, description, value, colour, symbol, at],
            )?;
        }
        w.execute(
            "INSERT INTO meta (key, value) VALUES ('scale', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [scale.name],
        )?;
        w.log(
            "rating",
            "scale",
            "update",
            Some("scale"),
            None,
            Some(&serde_json::json!(scale.name)),
        )?;
        w.commit()
    }

    /// Adds a rating at the end of the scale.
    pub fn add_rating(&mut self, rating: &Rating) -> Result<()> {
        let name = rating.name.trim();
        if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(StoreError::Invalid(format!(
                "rating name '{}' must be one word (letters, digits, dashes)",
                rating.name
            )));
        }
        if !is_hex_colour(&rating.colour) {
            return Err(StoreError::Invalid(format!(
                "colour '{}' must be #rrggbb",
                rating.colour
            )));
        }
        let w = self.write()?;
        let exists: bool = w.query_row(
            "SELECT EXISTS (SELECT 1 FROM ratings WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if exists {
            return Err(StoreError::Invalid(format!(
                "rating '{name}' is already on the scale"
            )));
        }
        let position: i64 = w.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM ratings",
            [],
            |r| r.get(0),
        )?;
        w.execute(
            "INSERT INTO ratings (name, id, position, description, rating_value, colour, symbol, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![name, new_id(), position, rating.description, rating.rating_value, rating.colour, rating.symbol, now()],
        )?;
        w.log(
            "rating",
            name,
            "create",
            None,
            None,
            Some(&serde_json::to_value(rating).unwrap_or_default()),
        )?;
        w.commit()
    }
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_seed_and_switch() {
        let mut store = Store::open_in_memory("dana").unwrap();
        let names: Vec<String> = store
            .ratings()
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(
            names,
            [
                "true",
                "mostly-true",
                "mixed",
                "mostly-false",
                "false",
                "misleading",
                "unverifiable"
            ]
        );
        store.use_scale("politifact").unwrap();
        assert_eq!(store.ratings().unwrap().len(), 6);
        assert_eq!(store.scale_name().unwrap(), "politifact");
        assert!(
            store
                .use_scale("nonsense")
                .unwrap_err()
                .to_string()
                .contains("presets: default")
        );
    }

    #[test]
    fn add_rating_validates() {
        let mut store = Store::open_in_memory("dana").unwrap();
        let mut r = Rating {
            name: "needs-context".into(),
            position: 0,
            description: "Lacks context".into(),
            rating_value: None,
            colour: "#123456".into(),
            symbol: "◐".into(),
        };
        store.add_rating(&r).unwrap();
        assert_eq!(
            store.ratings().unwrap().last().unwrap().name,
            "needs-context"
        );
        assert!(store.add_rating(&r).is_err());
        r.name = "bad name".into();
        assert!(store.add_rating(&r).is_err());
    }
}
