//! Golden files (insta) for every report format on the example article, and the
//! determinism of the output.

mod report_support;

use factdesk::report::{self, ReportFormat};
use report_support::{example, options, scope, settings};

fn golden(format: ReportFormat, name: &str) {
    let f = example();
    let rendered = report::render(&f.store, &scope(&f), format, &options()).unwrap();
    let again = report::render(&f.store, &scope(&f), format, &options()).unwrap();
    assert_eq!(
        rendered, again,
        "the same database gives the same {format} report"
    );
    settings(&f).bind(|| {
        insta::assert_snapshot!(name, rendered.text);
        insta::assert_debug_snapshot!(format!("{name}_warnings"), rendered.warnings);
    });
}

#[test]
fn markdown() {
    golden(ReportFormat::Markdown, "report_markdown");
}

#[test]
fn html() {
    golden(ReportFormat::Html, "report_html");
}

#[test]
fn json() {
    golden(ReportFormat::Json, "report_json");
}

#[test]
fn claimreview() {
    golden(ReportFormat::ClaimReview, "report_claimreview");
}

#[test]
fn csv() {
    golden(ReportFormat::Csv, "report_csv");
}

#[test]
fn suggested_claims_can_be_listed() {
    let f = example();
    let mut opts = options();
    opts.include_suggested = true;
    let md = report::render(&f.store, &scope(&f), ReportFormat::Markdown, &opts)
        .unwrap()
        .text;
    assert!(md.contains("Taliban ties to Al-Qaeda and TTP"), "{md}");
    assert!(md.contains("none: a suggested claim, not reviewed"));
    assert!(md.contains("1 suggested claim listed"));
    let default = report::render(&f.store, &scope(&f), ReportFormat::Markdown, &options())
        .unwrap()
        .text;
    assert!(!default.contains("Taliban ties to Al-Qaeda"));
    assert!(default.contains("- Left out: 1 rejected claim, 1 suggested claim not yet reviewed"));
}

#[test]
fn csv_is_rfc4180_and_never_starts_a_formula() {
    let mut f = example();
    let edit = factdesk::model::ClaimEdit {
        claimant: Some("=HYPERLINK(\"https://evil.example\",\"x\")".into()),
        label: Some("@SUM(1+1), \"quoted\"\nsecond line".into()),
        ..Default::default()
    };
    f.store.edit_claim(&f.claims[0], &edit).unwrap();
    let text = report::render(&f.store, &scope(&f), ReportFormat::Csv, &options())
        .unwrap()
        .text;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 6);
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
        }
    }
    assert_eq!(&rows[0][8], "'=HYPERLINK(\"https://evil.example\",\"x\")");
    assert_eq!(&rows[0][7], "'@SUM(1+1), \"quoted\"\nsecond line");
}
