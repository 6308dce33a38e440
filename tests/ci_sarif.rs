//! `--format sarif` against the official SARIF 2.1.0 JSON schema
//! (`fixtures/conformance/sarif/sarif-schema-2.1.0.json`), and the rules the schema cannot check.

mod ci_common;

use ci_common::*;
use serde_json::Value;

fn schema_validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("fixtures/conformance/sarif/sarif-schema-2.1.0.json"))
            .expect("the SARIF schema is in fixtures/conformance/sarif/");
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // The schema's `language` patterns have a stray `]`: a literal in ECMA-262 (Annex B), but the
    // validator's regex dialect rejects it when checking the schema itself. Escaping it matches
    // the same strings.
    let fixed = escape_stray_bracket(&mut schema);
    assert_eq!(fixed, 2, "the two `language` patterns");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

fn escape_stray_bracket(v: &mut Value) -> usize {
    match v {
        Value::String(s) if s == STRAY => {
            *s = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$".to_string();
            1
        }
        Value::Array(a) => a.iter_mut().map(escape_stray_bracket).sum(),
        Value::Object(o) => o.values_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

fn assert_valid(log: &Value) {
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema violations:\n{}",
        errors.join("\n")
    );
}

fn sarif(args: &[&str]) -> (Value, Option<i32>) {
    let (out, code) = stdout_of(drafts().args(["--format", "sarif"]).args(args));
    (serde_json::from_str(&out).expect("SARIF is JSON"), code)
}

#[test]
fn the_schema_rejects_what_it_should() {
    let validator = schema_validator();
    let ok: Value = serde_json::from_str(
        r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"factcheck"}},"results":[]}]}"#,
    )
    .unwrap();
    assert!(validator.is_valid(&ok));
    let bad: Value = serde_json::from_str(r#"{"version":"2.1.0"}"#).unwrap();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn the_draft_tree_is_valid_sarif() {
    let (log, code) = sarif(&[DRAFTS]);
    assert_eq!(code, Some(1));
    assert_valid(&log);
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["tool"]["driver"]["name"], "factcheck");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules: Vec<(&str, &str)> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["defaultConfiguration"]["level"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![
            ("contradicted", "error"),
            ("ambiguous", "warning"),
            ("unverified", "note")
        ]
    );
    // ruleIndex agrees with ruleId, level with the rule; one result per unsuppressed finding.
    let results = run["results"].as_array().unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(r["ruleId"], rules[index].0);
        assert_eq!(r["level"], rules[index].1);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["endColumn"].as_u64() > Some(0));
    }
    let (json, _) = stdout_of(drafts().args(["--format", "json", DRAFTS]));
    let report: Value = serde_json::from_str(&json).unwrap();
    let s = &report["summary"];
    let findings = ["contradicted", "ambiguous", "unverified"]
        .iter()
        .map(|k| s[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(results.len() as u64, findings);
    // The contradicted Markdown claim, exactly.
    let acme = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "fixtures/drafts/markdown/acme.md"
                && r["ruleId"] == "contradicted"
        })
        .expect("acme.md's contradiction");
    let region = &acme["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"],
            &region["snippet"]["text"]
        ),
        (
            &Value::from(10),
            &Value::from(14),
            &Value::from(10),
            &Value::from(26),
            &Value::from("$1.5 billion")
        )
    );
    assert_eq!(acme["properties"]["figure"], "acme.revenue-2024");
}

#[test]
fn unreadable_inputs_are_notifications_and_still_valid() {
    let (log, code) = sarif(&["no/such draft.md", "fixtures/drafts/notes.txt"]);
    assert_eq!(code, Some(2));
    assert_valid(&log);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let n = &invocation["toolExecutionNotifications"][0];
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "no/such%20draft.md"
    );
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
}

#[test]
fn a_clean_run_is_valid_with_no_results() {
    let (log, code) = sarif(&["fixtures/drafts/markdown/not-prose.md"]);
    assert_eq!(code, Some(0));
    assert_valid(&log);
    assert!(log["runs"][0]["results"].as_array().unwrap().is_empty());
}

/// The validation bites: the same log with a wrong level or a line 0 is rejected.
#[test]
fn a_broken_result_fails_validation() {
    let (log, _) = sarif(&[DRAFTS]);
    let validator = schema_validator();
    assert!(validator.is_valid(&log));
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&bad));
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator.is_valid(&bad));
    let mut bad = log;
    bad["runs"][0]["columnKind"] = Value::from("bytes");
    assert!(!validator.is_valid(&bad));
}
