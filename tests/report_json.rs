//! The JSON report against its documented schema (docs/report-json-schema.json): a
//! small validator for the keywords the schema uses, so the document cannot drift from
//! the output.

mod report_support;

use factdesk::report::{self, ReportFormat, ReportOptions, Scope};
use report_support::{example, options, scope};
use serde_json::Value;

const SCHEMA: &str = include_str!("../docs/report-json-schema.json");

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        _ => false,
    }
}

/// Problems of `v` against `schema`, with JSON paths.
fn validate(root: &Value, schema: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return validate(root, &root["$defs"][name], v, path, out);
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let passing = options
            .iter()
            .filter(|s| {
                let mut errs = Vec::new();
                validate(root, s, v, path, &mut errs);
                errs.is_empty()
            })
            .count();
        if passing != 1 {
            out.push(format!("{path}: matches {passing} of oneOf"));
        }
    }
    match schema.get("type") {
        Some(Value::String(t)) if !type_matches(t, v) => out.push(format!("{path}: not {t}: {v}")),
        Some(Value::Array(ts)) if !ts.iter().any(|t| type_matches(t.as_str().unwrap_or(""), v)) => {
            out.push(format!("{path}: not any of {ts:?}: {v}"))
        }
        _ => {}
    }
    if let Some(c) = schema.get("const")
        && c != v
    {
        out.push(format!("{path}: {v} is not {c}"));
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        out.push(format!("{path}: {v} not in {e:?}"));
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_i64), v.as_i64())
        && n < min
    {
        out.push(format!("{path}: {n} < {min}"));
    }
    if let (Some(items), Some(list)) = (schema.get("items"), v.as_array()) {
        for (i, item) in list.iter().enumerate() {
            validate(root, items, item, &format!("{path}[{i}]"), out);
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = req.as_str().unwrap_or_default();
            if !obj.contains_key(key) {
                out.push(format!("{path}: missing {key}"));
            }
        }
        for (key, value) in obj {
            match props.and_then(|p| p.get(key)) {
                Some(s) => validate(root, s, value, &format!("{path}.{key}"), out),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{path}: undocumented key {key}"))
                }
                None => {}
            }
        }
    }
}

fn check(text: &str) -> Value {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let value: Value = serde_json::from_str(text).unwrap();
    let mut problems = Vec::new();
    validate(&schema, &schema, &value, "$", &mut problems);
    assert!(
        problems.is_empty(),
        "the JSON report breaks its schema:\n{}",
        problems.join("\n")
    );
    value
}

#[test]
fn the_json_report_matches_its_schema() {
    let f = example();
    let mut opts = options();
    opts.include_suggested = true;
    for (scope, opts) in [(scope(&f), options()), (Scope::All, opts)] {
        let text = report::render(&f.store, &scope, ReportFormat::Json, &opts)
            .unwrap()
            .text;
        let value = check(&text);
        assert_eq!(value["format_version"], 1);
    }
}

#[test]
fn offsets_and_quotes_agree_with_the_body() {
    let f = example();
    let text = report::render(
        &f.store,
        &scope(&f),
        ReportFormat::Json,
        &ReportOptions::default(),
    )
    .unwrap()
    .text;
    let value = check(&text);
    let article = &value["articles"][0];
    let body = article["body"].as_str().unwrap();
    for claim in article["claims"].as_array().unwrap() {
        let (s, e) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        let quote: String = body.chars().skip(s).take(e - s).collect();
        assert_eq!(claim["quote"].as_str().unwrap(), quote);
    }
    // The disagreement and the history of claim 1 are in the record.
    let first = &article["claims"][0];
    assert_eq!(first["verdicts"].as_array().unwrap().len(), 2);
    assert_eq!(first["verdict"]["reviewer"], "lee");
    assert_eq!(first["verdict"]["signed_off_by"], "ed");
    assert_eq!(first["disagreement"].as_array().unwrap().len(), 2);
}

#[test]
fn an_empty_database_is_a_valid_record() {
    let store = factdesk::store::Store::open_in_memory("dana").unwrap();
    let text = report::render(
        &store,
        &Scope::All,
        ReportFormat::Json,
        &ReportOptions::default(),
    )
    .unwrap()
    .text;
    let value = check(&text);
    assert_eq!(value["articles"].as_array().unwrap().len(), 0);
}

#[test]
fn the_validator_catches_drift() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let f = example();
    let text = report::render(&f.store, &scope(&f), ReportFormat::Json, &options())
        .unwrap()
        .text;
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["articles"][0]["claims"][0]["surprise"] = Value::Bool(true);
    value["articles"][0]["claims"][1]["start"] = Value::String("175".into());
    value["format_version"] = Value::from(2);
    let mut problems = Vec::new();
    validate(&schema, &schema, &value, "$", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:?}");
}
