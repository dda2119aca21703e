//! Claims: spans of an article under review.

use super::{Result, Store, StoreError, Writer, new_id, search};
use crate::model::{Claim, ClaimDetail, ClaimEdit, ClaimStatus, EditConflict, NewClaim, Verdict};
use crate::text;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Value, json};

/// Which claims a listing shows, and in what order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    pub status: Option<ClaimStatus>,
    pub sort: ClaimSort,
    /// Only claims with a field that merges found edited in two copies.
    pub conflicts: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClaimSort {
    /// Article order.
    #[default]
    Position,
    /// Highest check-worthiness first.
    Score,
    /// Suggested, then accepted, then rejected; article order within each.
    Status,
}

impl ClaimSort {
    pub const ALL: [ClaimSort; 3] = [ClaimSort::Position, ClaimSort::Score, ClaimSort::Status];
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimSort::Position => "position",
            ClaimSort::Score => "score",
            ClaimSort::Status => "status",
        }
    }
    fn order_by(self) -> &'static str {
        match self {
            ClaimSort::Position => "c.article_id, c.start_offset, c.end_offset, c.id",
            ClaimSort::Score => "coalesce(c.score, -1) DESC, c.start_offset, c.id",
            ClaimSort::Status => {
                "CASE c.status WHEN 'suggested' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END, c.start_offset, c.id"
            }
        }
    }
}

/// The merge conflicts logged on claim `c` that no later edit of their field has
/// settled (a reviewer who edits the field again has looked at it).
macro_rules! open_conflicts {
    () => {
        "FROM changes x WHERE x.entity_id = c.id AND x.action = 'conflict'
           AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.entity_id = x.entity_id
                           AND u.action = 'update' AND u.field = x.field AND u.at > x.at)"
    };
}

/// Columns of a claim with its current verdict: the newest signed-off verdict, else the
/// newest verdict.
const CLAIM_SELECT: &str = concat!(
    "
SELECT c.id, c.article_id, c.start_offset, c.end_offset, c.quote, c.label, c.claimant, c.kind,
       c.score, c.reasons, c.status, c.created_at, c.created_by, c.updated_at, c.updated_by,
       (SELECT count(*) FROM claim_sources cs WHERE cs.claim_id = c.id),
       v.id, v.rating, v.rationale, v.reviewer, v.created_at,
       ",
    super::verdicts::shown_signoff!("editor"),
    ", ",
    super::verdicts::shown_signoff!("created_at"),
    ",
       (SELECT count(*) ",
    open_conflicts!(),
    ")
FROM claims c
LEFT JOIN verdicts v ON v.id = coalesce(
    (SELECT s.verdict_id FROM signoffs s WHERE s.claim_id = c.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1),
    (SELECT v2.id FROM verdicts v2 WHERE v2.claim_id = c.id ORDER BY v2.created_at DESC, v2.id DESC LIMIT 1))"
);

fn claim_from_row(r: &Row<'_>) -> rusqlite::Result<Claim> {
    let status: String = r.get(10)?;
    let reasons: String = r.get(9)?;
    let verdict = match r.get::<_, Option<String>>(16)? {
        Some(id) => Some(
            Verdict {
                id,
                claim_id: r.get(0)?,
                rating: r.get(17)?,
                rationale: r.get(18)?,
                reviewer: r.get(19)?,
                created_at: r.get(20)?,
                signed_off_by: r.get(21)?,
                signed_off_at: r.get(22)?,
                signed_off_own: false,
            }
            .with_own_flag(),
        ),
        None => None,
    };
    Ok(Claim {
        id: r.get(0)?,
        article_id: r.get(1)?,
        start: r.get(2)?,
        end: r.get(3)?,
        quote: r.get(4)?,
        label: r.get(5)?,
        claimant: r.get(6)?,
        kind: r.get(7)?,
        score: r.get(8)?,
        reasons: serde_json::from_str(&reasons).unwrap_or_default(),
        status: status.parse().unwrap_or(ClaimStatus::Suggested),
        created_at: r.get(11)?,
        created_by: r.get(12)?,
        updated_at: r.get(13)?,
        updated_by: r.get(14)?,
        source_count: r.get(15)?,
        conflicts: r.get(23)?,
        verdict,
    })
}

pub(super) fn read_claim(conn: &Connection, id: &str) -> Result<Claim> {
    let sql = format!("{CLAIM_SELECT} WHERE c.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], claim_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "claim",
            prefix: id.to_string(),
        })
}

/// A label made from the quote when none is given: its first few words.
pub fn default_label(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().take(6).collect();
    let label = words.join(" ");
    label
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '”' || c == '’')
        .to_string()
}

/// The article body and its length in code points.
fn article_body(conn: &Connection, article_id: &str) -> Result<String> {
    conn.prepare_cached("SELECT body FROM articles WHERE id = ?1")?
        .query_row([article_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "article",
            prefix: article_id.to_string(),
        })
}

/// The quote at a span, or an error naming the span and the body's length.
fn quote_at(body: &str, start: i64, end: i64) -> Result<String> {
    let len = body.chars().count();
    if start < 0 || end <= start || end as usize > len {
        return Err(StoreError::Invalid(format!(
            "span {start}..{end} is not inside the article (0..{len}) or is empty"
        )));
    }
    Ok(text::slice_chars(body, start as usize, end as usize)
        .unwrap_or_default()
        .to_string())
}

/// Inserts a claim inside an open write and indexes it.
pub(super) fn insert_claim(
    w: &Writer<'_>,
    article_id: &str,
    body: &str,
    claim: &NewClaim,
) -> Result<String> {
    let quote = quote_at(body, claim.start, claim.end)?;
    if quote.trim().is_empty() {
        return Err(StoreError::Invalid(
            "a claim cannot be only whitespace".into(),
        ));
    }
    let id = new_id();
    let label = match claim.label.trim() {
        "" => default_label(&quote),
        l => l.to_string(),
    };
    let claimant = match claim.claimant.trim() {
        "" => "article".to_string(),
        c => c.to_string(),
    };
    let kind = match claim.kind.trim() {
        "" => "statement".to_string(),
        k => k.to_string(),
    };
    let reasons = serde_json::to_string(&claim.reasons).unwrap_or_else(|_| "[]".into());
    w.prepare_cached(
        "INSERT INTO claims (id, article_id, start_offset, end_offset, quote, label, claimant, kind, score,
                             reasons, status, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)",
    )?
    .execute(params![
        id, article_id, claim.start, claim.end, quote, label, claimant, kind, claim.score, reasons,
        claim.status.as_str(), w.at, w.reviewer
    ])?;
    search::index(w, "claim", &id)?;
    // No create entry: the row stands for it until it goes (`creations`).
    Ok(id)
}

/// Sets one column of a claim, logging the old and new value.
pub(super) fn update_field(
    w: &Writer<'_>,
    id: &str,
    field: &str,
    old: Value,
    new: Value,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let column = match field {
        "label" | "claimant" | "kind" | "status" => field,
        _ => {
            return Err(StoreError::Invalid(format!(
                "claims have no field '{field}'"
            )));
        }
    };
    w.execute(
        &format!("UPDATE claims SET {column} = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4"),
        params![new.as_str().unwrap_or_default(), w.at, w.reviewer, id],
    )?;
    w.log("claim", id, "update", Some(field), Some(&old), Some(&new))
}

/// Moves a claim to a new span (quote follows), logging the change.
fn update_span(w: &Writer<'_>, claim: &Claim, start: i64, end: i64) -> Result<()> {
    if (claim.start, claim.end) == (start, end) {
        return Ok(());
    }
    let body = article_body(w, &claim.article_id)?;
    let quote = quote_at(&body, start, end)?;
    w.execute(
        "UPDATE claims SET start_offset = ?1, end_offset = ?2, quote = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?6",
        params![start, end, quote, w.at, w.reviewer, claim.id],
    )?;
    let old = json!({"start": claim.start, "end": claim.end, "quote": claim.quote});
    let new = json!({"start": start, "end": end, "quote": quote});
    w.log(
        "claim",
        &claim.id,
        "update",
        Some("span"),
        Some(&old),
        Some(&new),
    )
}

/// Re-indexes a claim after an edit.
pub(super) fn reindex(w: &Writer<'_>, id: &str) -> Result<()> {
    search::index(w, "claim", id)
}

/// A claim field's current value, shaped as the change log records it (a span as
/// `{"start", "end", "quote"}`), or `None` for a field claims do not have.
pub(super) fn current_field(w: &Writer<'_>, id: &str, field: &str) -> Result<Option<Value>> {
    let claim = read_claim(w, id)?;
    Ok(match field {
        "span" => Some(json!({"start": claim.start, "end": claim.end, "quote": claim.quote})),
        "label" => Some(json!(claim.label)),
        "claimant" => Some(json!(claim.claimant)),
        "kind" => Some(json!(claim.kind)),
        "status" => Some(json!(claim.status.as_str())),
        _ => None,
    })
}

/// Applies a logged field change (used by undo): `field` as in the change log.
pub(super) fn apply_field(w: &Writer<'_>, id: &str, field: &str, value: &Value) -> Result<()> {
    let claim = read_claim(w, id)?;
    if field == "span" {
        let start = value["start"].as_i64().unwrap_or(claim.start);
        let end = value["end"].as_i64().unwrap_or(claim.end);
        update_span(w, &claim, start, end)?;
    } else {
        let old = json!(match field {
            "label" => claim.label.clone(),
            "claimant" => claim.claimant.clone(),
            "kind" => claim.kind.clone(),
            "status" => claim.status.as_str().to_string(),
            _ => String::new(),
        });
        update_field(w, id, field, old, value.clone())?;
    }
    reindex(w, id)
}

/// Everything that goes when a claim goes, as one JSON value, so undo can bring it back.
pub(super) fn snapshot_bundle(conn: &Connection, id: &str) -> Result<Value> {
    let mut bundle = serde_json::Map::new();
    for (key, table, column) in [
        ("claim", "claims", "id"),
        ("links", "claim_sources", "claim_id"),
        ("verdicts", "verdicts", "claim_id"),
        ("signoffs", "signoffs", "claim_id"),
        ("notes", "notes", "claim_id"),
    ] {
        let rows = rows_as_json(conn, table, column, id)?;
        bundle.insert(key.into(), serde_json::from_str(&rows).unwrap_or(json!([])));
    }
    Ok(Value::Object(bundle))
}

/// Every row of `table` whose `column` is `id`, as a JSON array of objects.
fn rows_as_json(conn: &Connection, table: &str, column: &str, id: &str) -> Result<String> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE {column} = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    let rows = stmt.query_map([id], |r| {
        let mut obj = serde_json::Map::new();
        for (i, name) in names.iter().enumerate() {
            let v: rusqlite::types::Value = r.get(i)?;
            obj.insert(name.clone(), sql_to_json(v));
        }
        Ok(Value::Object(obj))
    })?;
    let all: Vec<Value> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(Value::Array(all).to_string())
}

pub(super) fn sql_to_json(v: rusqlite::types::Value) -> Value {
    use rusqlite::types::Value as V;
    match v {
        V::Null => Value::Null,
        V::Integer(i) => json!(i),
        V::Real(f) => json!(f),
        V::Text(s) => json!(s),
        V::Blob(b) => json!(b),
    }
}

/// Inserts rows captured by [`snapshot_bundle`] back into their tables.
pub(super) fn restore_bundle(w: &Writer<'_>, bundle: &Value) -> Result<String> {
    let mut claim_id = String::new();
    for (key, table) in [
        ("claim", "claims"),
        ("links", "claim_sources"),
        ("verdicts", "verdicts"),
        ("signoffs", "signoffs"),
        ("notes", "notes"),
    ] {
        for row in bundle[key].as_array().into_iter().flatten() {
            let Some(obj) = row.as_object() else { continue };
            let cols: Vec<&String> = obj.keys().collect();
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT OR IGNORE INTO {table} ({}) VALUES ({})",
                cols.iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                marks.join(", ")
            );
            let values: Vec<rusqlite::types::Value> = obj.values().map(json_to_sql).collect();
            w.execute(&sql, rusqlite::params_from_iter(values))?;
            if key == "claim" {
                claim_id = obj
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
            }
        }
    }
    if !claim_id.is_empty() {
        reindex(w, &claim_id)?;
        search::reindex_claim_children(w, &claim_id)?;
    }
    Ok(claim_id)
}

pub(super) fn json_to_sql(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(V::Integer)
            .unwrap_or_else(|| V::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => V::Text(s.clone()),
        other => V::Text(other.to_string()),
    }
}

/// Deletes a claim and everything hanging off it, logging a restorable snapshot.
pub(super) fn delete_claim_row(w: &Writer<'_>, id: &str) -> Result<()> {
    let bundle = snapshot_bundle(w, id)?;
    search::unindex_claim(w, id)?;
    super::creations::write_for_claim(w, id)?;
    w.execute("DELETE FROM claims WHERE id = ?1", [id])?;
    w.log("claim", id, "delete", None, Some(&bundle), None)
}

impl Store {
    /// Claims of one article (or of all), with current verdicts and source counts.
    pub fn claims(&self, article_id: Option<&str>, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let sql = format!(
            "{CLAIM_SELECT} WHERE (?1 IS NULL OR c.article_id = ?1) AND (?2 IS NULL OR c.status = ?2)
               AND (NOT ?3 OR EXISTS (SELECT 1 {}))
             ORDER BY {}",
            open_conflicts!(),
            filter.sort.order_by()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                article_id,
                filter.status.map(|s| s.as_str()),
                filter.conflicts
            ],
            claim_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn claim(&self, id: &str) -> Result<Claim> {
        read_claim(&self.conn, id)
    }

    /// A claim with its sources, verdict history and notes.
    pub fn claim_detail(&self, id: &str) -> Result<ClaimDetail> {
        let claim = read_claim(&self.conn, id)?;
        let article_title: String = self.conn.query_row(
            "SELECT title FROM articles WHERE id = ?1",
            [&claim.article_id],
            |r| r.get(0),
        )?;
        Ok(ClaimDetail {
            sources: self.links_for_claim(id)?,
            verdicts: self.verdicts(id)?,
            notes: self.notes_for_claim(id)?,
            conflicts: self.claim_conflicts(id)?,
            signoffs: self.verdict_signoffs(id)?,
            article_title,
            claim,
        })
    }

    /// Every sign-off of the claim's verdicts, oldest first.
    fn verdict_signoffs(&self, id: &str) -> Result<Vec<crate::model::VerdictSignoff>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT verdict_id, editor, created_at FROM signoffs WHERE claim_id = ?1
             ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(crate::model::VerdictSignoff {
                verdict_id: r.get(0)?,
                editor: r.get(1)?,
                created_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The merge conflicts on a claim that no later edit of their field has settled,
    /// oldest first, with who made the kept edit.
    pub fn claim_conflicts(&self, id: &str) -> Result<Vec<EditConflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.field, x.new_value, x.at, x.old_value, x.reviewer,
                    (SELECT u.reviewer FROM changes u
                     WHERE u.entity_id = x.entity_id AND u.at = x.at AND u.action = 'update'
                       AND u.field = x.field AND u.new_value = x.new_value
                     ORDER BY u.id LIMIT 1)
             FROM changes x WHERE x.entity_id = ?1 AND x.action = 'conflict'
               -- A later edit of the field settles it: the reviewer has looked again.
               AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.entity_id = x.entity_id
                               AND u.action = 'update' AND u.field = x.field AND u.at > x.at)
             ORDER BY x.at, x.id",
        )?;
        let json = |text: Option<String>| {
            text.and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or(Value::Null)
        };
        let rows = stmt.query_map([id], |r| {
            Ok(EditConflict {
                field: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                kept: json(r.get(1)?),
                at: r.get(2)?,
                lost: json(r.get(3)?),
                lost_by: r.get(4)?,
                kept_by: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a claim at a code point span of an article.
    pub fn add_claim(&mut self, article_id: &str, claim: &NewClaim) -> Result<String> {
        let w = self.write()?;
        let body = article_body(&w, article_id)?;
        let id = insert_claim(&w, article_id, &body, claim)?;
        w.commit()?;
        Ok(id)
    }

    /// Adds a claim by quoting the article. `occurrence` (1-based) picks among repeats.
    pub fn add_claim_by_quote(
        &mut self,
        article_id: &str,
        quote: &str,
        occurrence: Option<usize>,
        claim: &NewClaim,
    ) -> Result<String> {
        let body = article_body(&self.conn, article_id)?;
        let start = locate_quote(&body, quote, occurrence)?;
        let span = NewClaim {
            start: start as i64,
            end: (start + quote.chars().count()) as i64,
            ..claim.clone()
        };
        self.add_claim(article_id, &span)
    }

    /// Changes a claim's label, claimant, kind or span, in one transaction.
    pub fn edit_claim(&mut self, id: &str, edit: &ClaimEdit) -> Result<()> {
        let w = self.write()?;
        let claim = read_claim(&w, id)?;
        for (field, old, new) in [
            ("label", &claim.label, &edit.label),
            ("claimant", &claim.claimant, &edit.claimant),
            ("kind", &claim.kind, &edit.kind),
        ] {
            if let Some(new) = new {
                let new = new.trim();
                if new.is_empty() {
                    return Err(StoreError::Invalid(format!(
                        "a claim's {field} cannot be empty"
                    )));
                }
                update_field(&w, id, field, json!(old), json!(new))?;
            }
        }
        if let Some((start, end)) = edit.span {
            update_span(&w, &claim, start, end)?;
        }
        reindex(&w, id)?;
        w.commit()
    }

    /// Accepts or rejects a claim (or puts it back to suggested).
    pub fn set_claim_status(&mut self, id: &str, status: ClaimStatus) -> Result<()> {
        let w = self.write()?;
        let claim = read_claim(&w, id)?;
        update_field(
            &w,
            id,
            "status",
            json!(claim.status.as_str()),
            json!(status.as_str()),
        )?;
        w.commit()
    }

    /// Deletes a claim with its links, verdicts and notes (the change log keeps them).
    pub fn delete_claim(&mut self, id: &str) -> Result<()> {
        let w = self.write()?;
        read_claim(&w, id)?;
        delete_claim_row(&w, id)?;
        w.commit()
    }

    /// Splits a claim at a code point offset inside it: the claim keeps the first part,
    /// a new accepted claim takes the second; whitespace at the cut belongs to neither.
    /// Returns the new claim's id.
    pub fn split_claim(&mut self, id: &str, at: i64) -> Result<String> {
        let w = self.write()?;
        let claim = read_claim(&w, id)?;
        let body = article_body(&w, &claim.article_id)?;
        let (first_end, second_start) = split_points(&body, &claim, at).ok_or_else(|| {
            StoreError::Invalid(format!(
                "split point {at} does not cut the claim ({}..{}) into two parts",
                claim.start, claim.end
            ))
        })?;
        let second = NewClaim {
            start: second_start,
            end: claim.end,
            label: String::new(),
            claimant: claim.claimant.clone(),
            kind: claim.kind.clone(),
            score: claim.score,
            reasons: claim.reasons.clone(),
            status: claim.status,
        };
        let new_id = insert_claim(&w, &claim.article_id, &body, &second)?;
        update_span(&w, &claim, claim.start, first_end)?;
        reindex(&w, id)?;
        w.commit()?;
        Ok(new_id)
    }

    /// Finds a claim by an id prefix (full id or its short random tail).
    pub fn resolve_claim(&self, prefix: &str) -> Result<String> {
        super::resolve(&self.conn, "claims", "claim", prefix)
    }
}

/// Where the first part of a split ends and the second starts, with the whitespace
/// around `at` left out; `None` when either part would be empty.
fn split_points(body: &str, claim: &Claim, at: i64) -> Option<(i64, i64)> {
    if at <= claim.start || at >= claim.end {
        return None;
    }
    let chars: Vec<char> = body.chars().collect();
    let blank = |i: i64| {
        usize::try_from(i)
            .ok()
            .and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_whitespace())
    };
    let (mut end, mut start) = (at, at);
    while end > claim.start && blank(end - 1) {
        end -= 1;
    }
    while start < claim.end && blank(start) {
        start += 1;
    }
    (end > claim.start && start < claim.end).then_some((end, start))
}

/// The code point offset of `quote` in `body`, by its `occurrence` (1-based) when the
/// quote repeats.
pub fn locate_quote(body: &str, quote: &str, occurrence: Option<usize>) -> Result<usize> {
    if quote.trim().is_empty() {
        return Err(StoreError::Invalid("the quote is empty".into()));
    }
    let mut found = text::find_all_chars(body, quote);
    if found.is_empty() {
        // Typed with straight quotes or hyphens, the article has curly ones or dashes
        // ("Qomi's" for "Qomi’s"): compared one character for one, offsets stay right.
        let plain = |t: &str| -> String {
            t.chars()
                .map(|c| match c {
                    '‘' | '’' | '‛' | '′' => '\'',
                    '“' | '”' | '„' | '″' => '"',
                    '–' | '—' | '‐' | '‑' => '-',
                    '\u{a0}' => ' ',
                    c => c,
                })
                .collect()
        };
        found = text::find_all_chars(&plain(body), &plain(quote));
    }
    match (found.len(), occurrence) {
        (0, _) => Err(StoreError::QuoteNotFound(
            text::truncate_chars(quote, 80).into_owned(),
        )),
        (1, None) => Ok(found[0]),
        (n, None) => Err(StoreError::QuoteAmbiguous { count: n }),
        (n, Some(k)) if k >= 1 && k <= n => Ok(found[k - 1]),
        (n, Some(k)) => Err(StoreError::Invalid(format!(
            "occurrence {k} does not exist; the quote occurs {n} time(s)"
        ))),
    }
}
