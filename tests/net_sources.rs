//! `factcheck sources` against a server the test starts on 127.0.0.1: sources that keep, change
//! and drop their figure, one that moved, and one that keeps failing.

mod net_common;

use net_common::*;
use serde_json::Value;
use std::path::Path;

/// The source pages of `fixtures/net/figures.json`.
fn sources_server() -> Server {
    Server::start(|req, _| match req.path.as_str() {
        "/sources/kept" => Reply::html(fixture("sources/kept.html", "")),
        "/sources/kept-number" => Reply::html(fixture("sources/kept-number.html", "")),
        "/sources/changed" => Reply::html(fixture("sources/changed.html", "")),
        "/sources/dropped" => Reply::status(410),
        "/sources/moved" => Reply::redirect(301, "/sources/fleet-2025"),
        "/sources/fleet-2025" => Reply::html(fixture("sources/moved.html", "")),
        "/sources/broken" => Reply::status(503),
        _ => Reply::status(404),
    })
}

/// Writes the fixture dataset, its URLs pointing at `server`, into `dir`.
fn dataset_in(dir: &Path, server: &Server) -> String {
    let path = dir.join("figures.json");
    std::fs::write(&path, fixture("figures.json", &server.base())).unwrap();
    path.display().to_string()
}

#[test]
fn each_figure_gets_a_verdict_in_json() {
    let server = sources_server();
    let dir = tempfile::tempdir().unwrap();
    let dataset = dataset_in(dir.path(), &server);
    let (out, err, code) =
        run(factcheck(dir.path()).args(["sources", "--format", "json", &dataset]));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.is_empty(), "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["format"], 1);
    assert_eq!(report["datasets"][0]["name"], "net-fixture");
    let got: Vec<(&str, &str, Value, Value)> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["figure"].as_str().unwrap(),
                s["status"].as_str().unwrap(),
                s["found"].clone(),
                s["http_status"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("zephyr.revenue-2024", "ok", Value::Bool(true), 200.into()),
            ("zephyr.employees", "ok", Value::Bool(true), 200.into()),
            (
                "zephyr.deliveries-2024",
                "changed",
                Value::Bool(false),
                200.into()
            ),
            ("zephyr.backlog", "gone", Value::Null, 410.into()),
            ("zephyr.fleet", "redirected", Value::Bool(true), 200.into()),
            ("zephyr.share-fall", "unreachable", Value::Null, 503.into()),
        ]
    );
    let sources = report["sources"].as_array().unwrap();
    assert_eq!(sources[0]["looked_for"], "quote");
    assert_eq!(sources[1]["looked_for"], "number");
    assert_eq!(sources[4]["final_url"], server.url("/sources/fleet-2025"));
    assert_eq!(
        sources[5]["message"],
        "the server answered HTTP 503 Service Unavailable (after 2 retries)"
    );
    assert_eq!(report["summary"]["figures"], 6);
    assert_eq!(report["summary"]["ok"], 2);
    // Each page fetched once (the broken one with its retries).
    assert_eq!(server.requests_to("/sources/kept").len(), 1);
    assert_eq!(server.requests_to("/sources/broken").len(), 3);
    assert!(
        server.max_in_flight() <= 2,
        "at most two requests to one host"
    );
}

#[test]
fn human_output_says_what_is_wrong_with_each() {
    let server = sources_server();
    let dir = tempfile::tempdir().unwrap();
    let dataset = dataset_in(dir.path(), &server);
    let (out, err, code) = run(factcheck(dir.path()).args(["sources", "--quiet", &dataset]));
    assert_eq!(code, Some(1), "{err}");
    let base = server.base();
    let expected = format!(
        "\
changed     zephyr.deliveries-2024  {base}/sources/changed
            = the quote \"delivered 150 aircraft in 2024\" is not on the page
gone        zephyr.backlog  {base}/sources/dropped
            = the server answered HTTP 410 Gone
redirected  zephyr.fleet  {base}/sources/moved
            = the page moved to {base}/sources/fleet-2025; the quote \"1,270 aircraft in service\" is on the page
unreachable zephyr.share-fall  {base}/sources/broken
            = the server answered HTTP 503 Service Unavailable (after 2 retries)
6 figures: 2 ok, 1 changed, 1 gone, 1 unreachable, 1 redirected
"
    );
    assert_eq!(out, expected);
}

#[test]
fn the_default_datasets_are_those_a_check_would_load() {
    let server = sources_server();
    let dir = tempfile::tempdir().unwrap();
    // Only the figures whose sources still hold.
    let full: Value = serde_json::from_str(&fixture("figures.json", &server.base())).unwrap();
    let mut kept = full.clone();
    kept["figures"] = full["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["id"].as_str().unwrap().starts_with("zephyr.employees")
                || f["id"] == "zephyr.revenue-2024"
        })
        .cloned()
        .collect();
    std::fs::write(dir.path().join("kept.json"), kept.to_string()).unwrap();
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "datasets = [\"kept.json\"]\nno_default_dataset = true\n",
    )
    .unwrap();
    let config = dir.path().join("factcheck.toml").display().to_string();
    let (out, err, code) = run(factcheck(dir.path()).args(["sources", "--config", &config]));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        format!(
            "ok          zephyr.revenue-2024  {base}/sources/kept\n\
             ok          zephyr.employees  {base}/sources/kept-number\n\
             2 figures: 2 ok, 0 changed, 0 gone, 0 unreachable, 0 redirected\n",
            base = server.base()
        )
    );
}

#[test]
fn a_dataset_that_cannot_be_loaded_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err, code) =
        run(factcheck(dir.path()).args(["sources", "fixtures/datasets/invalid/not-json.json"]));
    assert_eq!(code, Some(2));
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("error: fixtures/datasets/invalid/not-json.json:"),
        "{err}"
    );
}

#[test]
fn a_remote_dataset_and_a_short_timeout() {
    let server = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let base = server.clone();
    let srv = Server::start(move |req, _| match req.path.as_str() {
        "/figures.json" => {
            let full: Value =
                serde_json::from_str(&fixture("figures.json", base.get().unwrap())).unwrap();
            let mut one = full.clone();
            one["figures"] = Value::Array(vec![full["figures"][0].clone()]);
            Reply::ok("application/json", one.to_string())
        }
        _ => Reply::html(fixture("sources/kept.html", "")).delay(std::time::Duration::from_secs(3)),
    });
    server.set(srv.base()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (out, err, code) =
        run(factcheck(dir.path()).args(["sources", "--timeout", "0.5", &srv.url("/figures.json")]));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        out,
        format!(
            "unreachable zephyr.revenue-2024  {base}/sources/kept\n\
             {pad} = timed out after 0.5 s\n\
             1 figure: 0 ok, 0 changed, 0 gone, 1 unreachable, 0 redirected\n",
            base = srv.base(),
            pad = " ".repeat(11)
        )
    );
}
