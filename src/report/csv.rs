//! The CSV report: one row per listed claim, for spreadsheets. RFC 4180 quoting (the
//! `csv` crate), CRLF line ends, and no cell that a spreadsheet would run as a formula
//! (see `escape::csv_cell`).

use super::ReportError;
use super::data::ReportData;
use super::escape::csv_cell;

/// The header row: the column names are a contract for scripts.
pub const COLUMNS: &[&str] = &[
    "article_id",
    "article_title",
    "claim_id",
    "number",
    "start",
    "end",
    "quote",
    "label",
    "claimant",
    "kind",
    "status",
    "rating",
    "rating_value",
    "rationale",
    "reviewer",
    "verdict_date",
    "signed_off_by",
    "signed_off_at",
    "verdict_count",
    "reviewers_disagree",
    "source_count",
    "source_urls",
    // Added after the others, so scripts that read columns by position keep working.
    "signed_off_own",
];

pub fn render(data: &ReportData) -> Result<String, ReportError> {
    let encode = |e: csv::Error| ReportError::Encode(e.to_string());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS).map_err(encode)?;
    for a in &data.articles {
        for c in &a.claims {
            let cl = &c.claim;
            let v = cl.verdict.as_ref();
            let rating_value = v
                .and_then(|v| data.rating(&v.rating))
                .and_then(|r| r.rating_value)
                .map(|n| n.to_string());
            let urls: Vec<&str> = c
                .sources
                .iter()
                .filter_map(|s| s.link.source.url.as_deref())
                .collect();
            let disagree = c
                .disagreement
                .iter()
                .map(|d| format!("{}: {}", d.reviewer, d.rating))
                .collect::<Vec<_>>()
                .join("; ");
            let row: [String; 23] = [
                a.article.id.clone(),
                a.article.title.clone(),
                cl.id.clone(),
                c.number.to_string(),
                cl.start.to_string(),
                cl.end.to_string(),
                cl.quote.clone(),
                cl.label.clone(),
                cl.claimant.clone(),
                cl.kind.clone(),
                cl.status.as_str().to_string(),
                v.map(|v| v.rating.clone()).unwrap_or_default(),
                rating_value.unwrap_or_default(),
                v.map(|v| v.rationale.clone()).unwrap_or_default(),
                v.map(|v| v.reviewer.clone()).unwrap_or_default(),
                v.map(|v| v.created_at.clone()).unwrap_or_default(),
                v.and_then(|v| v.signed_off_by.clone()).unwrap_or_default(),
                v.and_then(|v| v.signed_off_at.clone()).unwrap_or_default(),
                c.verdicts.len().to_string(),
                disagree,
                c.sources.len().to_string(),
                urls.join(" "),
                match v {
                    Some(v) if v.signed_off_by.is_some() => v.signed_off_own.to_string(),
                    _ => String::new(),
                },
            ];
            w.write_record(row.iter().map(|cell| csv_cell(cell)))
                .map_err(encode)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ReportError::Encode(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ReportError::Encode(e.to_string()))
}
