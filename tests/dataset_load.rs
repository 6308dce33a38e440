//! The strict dataset loader against the fixtures in `fixtures/datasets/`, the shipped JSON Schema,
//! merging, and robustness against arbitrary input.

use std::path::{Path, PathBuf};

use factcheck::dataset::{
    Dataset, DatasetError, DatasetFile, builtin, json_schema, load_str, merge,
};
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Loads `fixtures/datasets/invalid/{name}` and returns its errors (the test fails if it loads).
fn invalid(name: &str) -> Vec<DatasetError> {
    let location = format!("fixtures/datasets/invalid/{name}");
    match load_str(&read(&location), &location) {
        Ok(_) => panic!("{location} loaded without errors"),
        Err(errors) => errors.0,
    }
}

/// Asserts the errors are exactly `expected`: (line, column, figure id, message fragment), in order.
fn assert_errors(name: &str, expected: &[(usize, usize, Option<&str>, &str)]) {
    let errors = invalid(name);
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors.len(),
        expected.len(),
        "{name}: wrong number of errors:\n{}",
        shown.join("\n")
    );
    for (error, (line, column, figure, fragment)) in errors.iter().zip(expected) {
        assert_eq!(
            (error.line, error.column),
            (*line, *column),
            "{name}: wrong position for: {error}"
        );
        assert_eq!(
            error.figure_id.as_deref(),
            *figure,
            "{name}: wrong figure for: {error}"
        );
        assert!(
            error.message.contains(fragment),
            "{name}: expected {fragment:?} in: {error}"
        );
        assert_eq!(error.location, format!("fixtures/datasets/invalid/{name}"));
    }
}

#[test]
fn misspelt_field_is_named_with_a_suggestion() {
    // Only the typo: the misspelt `value` is not also reported as missing.
    assert_errors(
        "misspelt-field.json",
        &[(
            9,
            7,
            Some("nvidia.one-day-loss"),
            "unknown field 'vaule' in a figure; did you mean 'value'?",
        )],
    );
}

#[test]
fn error_display_format() {
    let errors = invalid("misspelt-field.json");
    assert_eq!(
        errors[0].to_string(),
        "fixtures/datasets/invalid/misspelt-field.json:9:7: figure 'nvidia.one-day-loss': \
         unknown field 'vaule' in a figure; did you mean 'value'?"
    );
    let errors = invalid("not-object.json");
    assert_eq!(
        errors[0].to_string(),
        "fixtures/datasets/invalid/not-object.json:1:1: a dataset must be a JSON object, found an array"
    );
}

#[test]
fn unknown_source_field() {
    assert_errors(
        "unknown-source-field.json",
        &[(
            16,
            9,
            Some("meta.capex-2025"),
            "unknown field 'publsher' in a source; did you mean 'publisher'?",
        )],
    );
}

#[test]
fn duplicate_ids() {
    assert_errors(
        "duplicate-ids.json",
        &[(
            15,
            13,
            Some("openai.revenue"),
            "duplicate id 'openai.revenue'; it is first used on line 6",
        )],
    );
}

#[test]
fn low_above_high() {
    assert_errors(
        "low-above-high.json",
        &[(
            9,
            14,
            Some("gpt4.training-cost"),
            "'low' (100000000) is greater than 'high' (78000000)",
        )],
    );
}

#[test]
fn not_json_gives_one_error_at_the_syntax_error() {
    assert_errors(
        "not-json.json",
        &[(
            6,
            7,
            None,
            "expected a field name in double quotes, found 'i'",
        )],
    );
}

#[test]
fn not_an_object() {
    assert_errors(
        "not-object.json",
        &[(
            1,
            1,
            None,
            "a dataset must be a JSON object, found an array",
        )],
    );
}

#[test]
fn empty_figures() {
    assert_errors(
        "empty-figures.json",
        &[(5, 14, None, "dataset has no figures")],
    );
}

#[test]
fn negative_value() {
    assert_errors(
        "negative-value.json",
        &[(
            9,
            16,
            Some("nvidia.share-price-fall"),
            "'value' is negative; values are magnitudes",
        )],
    );
}

#[test]
fn bad_as_of() {
    assert_errors(
        "bad-as-of.json",
        &[(
            11,
            16,
            Some("stargate.investment"),
            "'as_of' is '2025-02-30', which has no day 30: that month has 28 days",
        )],
    );
}

#[test]
fn deeply_nested_document() {
    assert_errors(
        "deeply-nested.json",
        &[(4, 77, None, "the document nests deeper than 64 levels")],
    );
}

#[test]
fn columns_are_counted_in_characters() {
    assert_errors(
        "unicode-columns.json",
        &[
            (5, 13, Some("sécurité"), "invalid id 'sécurité'"),
            (
                5,
                117,
                Some("sécurité"),
                "'as_of' is '2025-1', which is not a date: use YYYY-MM-DD, YYYY-MM or YYYY",
            ),
        ],
    );
}

#[test]
fn several_errors_are_all_reported() {
    let bad = Some("Bad Id");
    let no_source = Some("no-source");
    assert_errors(
        "several-errors.json",
        &[
            (2, 13, None, "unsupported format 2; only format 1 exists"),
            (4, 3, None, "unknown field 'colour' in the dataset"),
            (7, 13, bad, "invalid id 'Bad Id'"),
            (10, 16, bad, "not both 'value' and 'low'"),
            (
                13,
                21,
                bad,
                "'confidence' must be 'high', 'medium' or 'low', found 'certain'",
            ),
            (14, 20, bad, "'tolerance' must be between 0 and 1, found 2"),
            (15, 28, bad, "'title' must not be empty"),
            (15, 39, bad, "'url' must be an http:// or https:// URL"),
            (
                17,
                5,
                no_source,
                "figure 2 is missing the required field 'source'",
            ),
            (20, 17, no_source, "'metric' must not be empty"),
            (
                21,
                16,
                no_source,
                "'value' must be a number, found a string",
            ),
            (
                23,
                20,
                no_source,
                "'direction' must be 'up' or 'down', found 'sideways'",
            ),
            (
                25,
                5,
                None,
                "figure 3 must be a JSON object, found a string",
            ),
        ],
    );
}

#[test]
fn every_invalid_fixture_fails_with_positions() {
    let dir = root().join("fixtures/datasets/invalid");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/datasets/invalid exists") {
        let path = entry.expect("readable directory").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        for error in invalid(name) {
            assert!(error.line >= 1 && error.column >= 1, "{error}");
            assert!(!error.message.contains('\n'), "{error}");
        }
        count += 1;
    }
    assert!(count >= 10, "only {count} invalid fixtures");
}

#[test]
fn builtin_dataset_loads_and_matches_the_file() {
    let dataset = builtin();
    assert_eq!(dataset.location, "<built-in>");
    assert!(!dataset.figures.is_empty());
    let from_file = load_str(
        &read("fixtures/datasets/ai-industry.json"),
        "fixtures/datasets/ai-industry.json",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file.figures, dataset.figures);
    assert_eq!(from_file.name, dataset.name);
}

#[test]
fn serialized_dataset_loads_back() {
    let dataset = builtin();
    let file = DatasetFile {
        format: 1,
        name: dataset.name.clone(),
        description: None,
        figures: dataset.figures.clone(),
    };
    let text = serde_json::to_string_pretty(&file).expect("serializable");
    let again = load_str(&text, "roundtrip.json").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.figures, dataset.figures);
}

fn renamed(dataset: &Dataset, location: &str) -> Dataset {
    Dataset {
        location: location.to_string(),
        ..dataset.clone()
    }
}

#[test]
fn merge_rejects_an_id_in_two_datasets() {
    let base = builtin();
    let id = base.figures[0].id.clone();
    let mut other = renamed(&base, "extra.json");
    other.figures.truncate(1);
    let errors = merge(vec![base.clone(), other]).expect_err("the id clashes");
    assert_eq!(errors.0.len(), 1);
    assert_eq!(
        errors.to_string(),
        format!(
            "extra.json: figure '{id}': this id is also used in <built-in>; ids must be unique across datasets"
        )
    );
    assert_eq!(errors.0[0].figure_id.as_deref(), Some(id.as_str()));
}

#[test]
fn merge_keeps_distinct_datasets_in_order() {
    let base = builtin();
    let mut other = renamed(&base, "extra.json");
    for figure in &mut other.figures {
        figure.id = format!("extra.{}", figure.id);
    }
    let merged = merge(vec![base.clone(), other.clone()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(merged, vec![base, other]);
    assert_eq!(merge(Vec::new()), Ok(Vec::new()));
}

fn schema_path() -> PathBuf {
    root().join("schema/dataset.schema.json")
}

#[test]
fn committed_schema_matches_the_code() {
    let generated = format!(
        "{}\n",
        serde_json::to_string_pretty(&json_schema()).expect("a schema serializes")
    );
    if std::env::var_os("FACTCHECK_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(root().join("schema")).expect("can create schema/");
        std::fs::write(schema_path(), &generated).expect("can write the schema");
        return;
    }
    let committed = std::fs::read_to_string(schema_path()).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/dataset.schema.json is out of date with src/dataset/model.rs; regenerate it with\n\
         \n    FACTCHECK_BLESS=1 cargo test --test dataset_load\n\nand commit the result"
    );
}

#[test]
fn schema_is_strict() {
    let schema = json_schema();
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["$defs"]["Figure"]["additionalProperties"], false);
    assert_eq!(schema["$defs"]["Source"]["additionalProperties"], false);
    assert_eq!(
        schema["$defs"]["Figure"]["properties"]["id"]["pattern"],
        "^[a-z0-9][a-z0-9._-]*$"
    );
    let required = &schema["$defs"]["Figure"]["required"];
    for field in ["id", "entity", "metric", "unit", "source"] {
        assert!(
            required
                .as_array()
                .is_some_and(|r| r.iter().any(|f| f == field)),
            "{field} not required: {required}"
        );
    }
}

/// A char-level mutation of a text: delete, insert or replace at a position.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match m {
            Mutation::Delete(at, n) => {
                let start = at % len;
                let end = (start + n).min(chars.len());
                if start < end {
                    chars.drain(start..end);
                }
            }
            Mutation::Insert(at, s) => {
                let at = (at % len).min(chars.len());
                chars.splice(at..at, s.chars());
            }
            Mutation::Replace(at, c) => {
                if let Some(slot) = chars.get_mut(at % len) {
                    *slot = *c;
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let json_ish = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("\\u".to_string()),
        Just("-1e999".to_string()),
        Just("null".to_string()),
        Just("\"vaule\": 1,".to_string()),
        ".{0,8}",
    ];
    prop_oneof![
        (any::<usize>(), 1usize..20).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), json_ish).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Mutation::Replace(at, c)),
    ]
}

fn check_no_panic(text: &str) {
    if let Err(errors) = load_str(text, "p.json") {
        assert!(!errors.0.is_empty());
        // One line per error: nothing from the document breaks a message.
        assert_eq!(
            errors.to_string().lines().count(),
            errors.0.len(),
            "{errors}"
        );
        for e in &errors.0 {
            assert!(e.line >= 1 && e.column >= 1, "{e}");
            let line_count = text.split('\n').count();
            assert!(e.line <= line_count, "{e} beyond {line_count} lines");
        }
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        check_no_panic(&text);
    }

    #[test]
    fn never_panics_on_json_like_text(text in r#"[\[\]{}",:0-9eE.+\- a-z\\]{0,64}"#) {
        check_no_panic(&text);
    }

    #[test]
    fn never_panics_on_mutated_datasets(mutations in prop::collection::vec(mutation(), 1..6)) {
        let text = apply(include_str!("../fixtures/datasets/ai-industry.json"), &mutations);
        check_no_panic(&text);
    }
}
