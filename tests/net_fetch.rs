//! Articles given as URLs and remote datasets, fetched from a server the test starts on
//! 127.0.0.1: verdicts and spans, the dataset cache (304 revalidation, `--offline`, a stale copy
//! when the network fails), and every failure a fetch can meet.

mod net_common;

use net_common::*;
use serde_json::Value;
use std::time::{Duration, Instant};

/// A server with the fixture article at `/story` and the fixture dataset at `/figures.json`
/// (ETag `"v1"`, answering 304 to a matching `If-None-Match`).
fn story_server() -> Server {
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let server = {
        let base = base.clone();
        Server::start(move |req, _| match req.path.as_str() {
            "/story" => Reply::html(fixture("article.html", "")),
            "/figures.json" => {
                if req.header("if-none-match") == Some("\"v1\"") {
                    Reply::status(304).header("ETag", "\"v1\"")
                } else {
                    Reply::ok(
                        "application/json",
                        fixture("figures.json", base.get().map_or("", String::as_str)),
                    )
                    .header("ETag", "\"v1\"")
                    .header("Last-Modified", "Mon, 10 Feb 2025 08:00:00 GMT")
                }
            }
            _ => Reply::status(404),
        })
    };
    base.set(server.base()).unwrap();
    server
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

/// The verdicts of the first file's linked claims, by figure id.
fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["files"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["figure"].is_object())
        .map(|c| {
            (
                c["figure"]["id"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_url_article_checked_against_a_remote_dataset_then_from_cache() {
    let server = story_server();
    let cache = tempfile::tempdir().unwrap();
    let (story, figures) = (server.url("/story"), server.url("/figures.json"));
    let args = [
        "--no-default-dataset",
        "-d",
        &figures,
        "--format",
        "json",
        &story,
    ];

    let (out, err, code) = run(factcheck(cache.path()).args(args));
    assert_eq!(code, Some(1), "{err}");
    let report = json(&out);
    assert_eq!(report["files"][0]["path"], story.as_str());
    assert_eq!(report["files"][0]["article_date"], "2025-02-10");
    assert_eq!(report["datasets"][0]["location"], figures.as_str());
    assert_eq!(
        verdicts(&report),
        [
            ("zephyr.revenue-2024".to_string(), "supported".to_string()),
            ("zephyr.employees".to_string(), "contradicted".to_string()),
        ]
    );
    // Spans point into the fetched body; the nav's "$9 billion" is not prose.
    let body = fixture("article.html", "");
    for claim in report["files"][0]["claims"].as_array().unwrap() {
        let (start, end) = (
            claim["span"]["start"].as_u64().unwrap() as usize,
            claim["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[start..end], claim["text"].as_str().unwrap());
    }
    assert_eq!(report["files"][0]["claims"][1]["span"]["line"], 13);
    assert_eq!(report["files"][0]["claims"][1]["span"]["column"], 29);
    let first = &server.requests_to("/story")[0];
    assert!(
        first
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("factcheck/")),
        "{first:?}"
    );
    let accept = first.header("accept-encoding").unwrap_or("");
    assert!(accept.contains("gzip") && accept.contains("br"), "{accept}");
    let cached: Vec<_> = std::fs::read_dir(cache.path().join("datasets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        cached.len(),
        1,
        "one cache entry and no temporary file: {cached:?}"
    );

    // A second run revalidates and is served from the cache on 304.
    let (out2, err, code) = run(factcheck(cache.path()).args(args));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(verdicts(&json(&out2)), verdicts(&report));
    let revalidation = &server.requests_to("/figures.json")[1];
    assert_eq!(revalidation.header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        revalidation.header("if-modified-since"),
        Some("Mon, 10 Feb 2025 08:00:00 GMT")
    );
    assert!(err.is_empty(), "{err}");

    // --offline uses the cache and sends nothing.
    let before = server.requests().len();
    let (out3, err, code) = run(factcheck(cache.path()).args([
        "--offline",
        "--no-default-dataset",
        "-d",
        &figures,
        "--format",
        "json",
        "fixtures/net/article.html",
    ]));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(verdicts(&json(&out3)), verdicts(&report));
    assert_eq!(server.requests().len(), before, "--offline sent a request");

    // A URL input under --offline is an error; the other inputs are still checked.
    let (out4, err, code) = run(factcheck(cache.path()).args([
        "--offline",
        "--no-default-dataset",
        "-d",
        &figures,
        "--format",
        "json",
        &story,
        "fixtures/net/article.html",
    ]));
    assert_eq!(code, Some(2));
    assert!(
        err.contains(&format!("error: {story}: cannot fetch the page: --offline")),
        "{err}"
    );
    let report4 = json(&out4);
    assert_eq!(report4["errors"][0]["path"], story.as_str());
    assert_eq!(report4["files"].as_array().unwrap().len(), 1);
    assert_eq!(server.requests().len(), before, "--offline sent a request");

    // When the server is gone, the cached copy is used with a warning naming its age.
    drop(server);
    let (out5, err, code) = run(factcheck(cache.path()).args([
        "--no-default-dataset",
        "-d",
        &figures,
        "--format",
        "json",
        "fixtures/net/article.html",
    ]));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(verdicts(&json(&out5)), verdicts(&report));
    assert!(
        err.starts_with(&format!(
            "warning: {figures}: cannot fetch the dataset (cannot connect"
        )) && err.contains("; using the cached copy from ")
            && err.trim_end().ends_with(" ago"),
        "{err}"
    );
}

#[test]
fn offline_without_a_cached_copy_fails_naming_the_url() {
    let cache = tempfile::tempdir().unwrap();
    let url = "http://127.0.0.1:9/figures.json";
    let (out, err, code) =
        run(factcheck(cache.path()).args(["--offline", "-d", url, "fixtures/net/article.html"]));
    assert_eq!(code, Some(2));
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with(&format!(
            "error: {url}: the dataset is not in the cache ({}), and --offline forbids fetching it",
            cache.path().display()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn several_urls_are_fetched_concurrently_and_a_failed_one_is_reported() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/missing" => Reply::status(404),
        _ => Reply::html(fixture("article.html", "")).delay(Duration::from_millis(800)),
    });
    let cache = tempfile::tempdir().unwrap();
    let urls: Vec<String> = ["/a", "/b", "/missing", "/c", "/d"]
        .iter()
        .map(|p| server.url(p))
        .collect();
    let started = Instant::now();
    let (out, err, code) = run(factcheck(cache.path())
        .args([
            "--no-default-dataset",
            "-d",
            "fixtures/net/article-figures.json",
        ])
        .args(["--format", "json"])
        .args(&urls));
    let elapsed = started.elapsed();
    assert_eq!(code, Some(2), "{err}");
    let report = json(&out);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [&urls[0], &urls[1], &urls[3], &urls[4]],
        "input order kept"
    );
    assert_eq!(report["errors"][0]["path"], urls[2].as_str());
    assert_eq!(
        report["errors"][0]["message"],
        "cannot fetch the page: the server answered HTTP 404 Not Found"
    );
    assert_eq!(
        err.trim_end(),
        format!(
            "error: {}: cannot fetch the page: the server answered HTTP 404 Not Found",
            urls[2]
        )
    );
    // Concurrency: two slow pages were in flight together, and never more (the client's cap
    // of two per host).
    let max = server.max_in_flight();
    assert_eq!(max, 2, "in flight at once");
    // Two in flight at once is the proof of concurrency; wall time is not asserted (a loaded
    // machine may be slow), only reported.
    eprintln!("five URLs, four of them 800 ms slow, took {elapsed:?}");
}

/// Runs `factcheck URL` against one route; returns stderr and the exit code.
fn fetch_one(
    reply: impl Fn(usize) -> Reply + Send + Sync + 'static,
    extra: &[&str],
) -> (String, Option<i32>, Server) {
    let server = Server::start(move |req, n| {
        if req.path == "/page" {
            reply(n)
        } else {
            Reply::status(404)
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/page");
    let (_, err, code) = run(factcheck(cache.path())
        .args([
            "--no-default-dataset",
            "-d",
            "fixtures/net/article-figures.json",
        ])
        .args(extra)
        .arg(&url));
    (err.replace(&url, "URL"), code, server)
}

#[test]
fn a_500_then_success_is_retried() {
    let (err, code, server) = fetch_one(
        |n| {
            if n == 0 {
                Reply::status(500)
            } else {
                Reply::html(fixture("article.html", ""))
            }
        },
        &[],
    );
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(server.requests_to("/page").len(), 2);
}

#[test]
fn a_500_that_persists_is_an_error_after_two_retries() {
    let (err, code, server) = fetch_one(|_| Reply::status(500), &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim_end(),
        "error: URL: cannot fetch the page: the server answered HTTP 500 Internal Server Error (after 2 retries)"
    );
    assert_eq!(server.requests_to("/page").len(), 3);
}

#[test]
fn a_429_waits_for_retry_after() {
    let started = Instant::now();
    let (err, code, server) = fetch_one(
        |n| {
            if n == 0 {
                Reply::status(429).header("Retry-After", "1")
            } else {
                Reply::html(fixture("article.html", ""))
            }
        },
        &[],
    );
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(server.requests_to("/page").len(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After not honoured"
    );
}

#[test]
fn a_slow_server_times_out() {
    let started = Instant::now();
    let (err, code, _server) = fetch_one(
        |_| Reply::html(fixture("article.html", "")).delay(Duration::from_secs(4)),
        &["--timeout", "0.5"],
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim_end(),
        "error: URL: cannot fetch the page: timed out after 0.5 s"
    );
    // The server answers after 4 s; the message proves the 0.5 s timeout fired first.
    eprintln!("timed out after {:?}", started.elapsed());
}

#[test]
fn a_redirect_loop_and_too_many_redirects_are_errors() {
    let server = Server::start(|req, _| {
        let path = req.path.as_str();
        match path {
            "/loop-a" => Reply::redirect(302, "/loop-b"),
            "/loop-b" => Reply::redirect(301, "/loop-a"),
            _ => match path
                .strip_prefix("/hop/")
                .and_then(|n| n.parse::<u32>().ok())
            {
                Some(n) => Reply::redirect(302, &format!("/hop/{}", n + 1)),
                None => Reply::status(404),
            },
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let (_, err, code) = run(factcheck(cache.path())
        .args([
            "--no-default-dataset",
            "-d",
            "fixtures/net/article-figures.json",
        ])
        .args([server.url("/loop-a"), server.url("/hop/0")]));
    assert_eq!(code, Some(2));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "error: {}: cannot fetch the page: a redirect loop (back to {})",
                server.url("/loop-a"),
                server.url("/loop-a")
            ),
            format!(
                "error: {}: cannot fetch the page: more than 10 redirects",
                server.url("/hop/0")
            ),
        ]
    );
    assert_eq!(server.requests_to("/hop/10").len(), 1);
    assert_eq!(server.requests_to("/hop/11").len(), 0);
}

#[test]
fn a_body_over_the_cap_is_an_error_streamed_or_announced() {
    for reply in [
        Reply::html(vec![b'x'; 5000]),
        Reply::html(vec![b'x'; 5000]).close_delimited(),
    ] {
        let server = Server::start(move |_, _| reply.clone());
        let cache = tempfile::tempdir().unwrap();
        let url = server.url("/big");
        let (_, err, code) = run(factcheck(cache.path())
            .env("FACTCHECK_MAX_BODY_BYTES", "1000")
            .arg(&url));
        assert_eq!(code, Some(2));
        assert_eq!(
            err.trim_end(),
            format!(
                "error: {url}: cannot fetch the page: the response is larger than the 1000 bytes limit"
            )
        );
    }
}

#[test]
fn a_page_that_is_not_html_is_refused() {
    let (err, code, _server) = fetch_one(|_| Reply::ok("application/pdf", "%PDF-1.7"), &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim_end(),
        "error: URL: not an HTML page (Content-Type: application/pdf); only HTML and plain-text articles can be checked"
    );
}

#[test]
fn a_truncated_response_is_an_error() {
    let (err, code, _server) = fetch_one(
        |_| Reply::html("<p>Zephyr Aerospace reported").content_length(5000),
        &[],
    );
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with(
            "error: URL: cannot fetch the page: the connection closed before the whole response arrived ("
        ) && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn gzip_and_latin1_pages_decode_and_spans_point_into_the_decoded_text() {
    let text = "<html><body><p>Caf\u{e9} cr\u{e8}me \u{e0} Toulouse.</p><p>Zephyr Aerospace reported revenue of $2.4 billion for 2024.</p></body></html>";
    let server = Server::start(move |req, _| match req.path.as_str() {
        "/latin1" => Reply::ok("text/html; charset=ISO-8859-1", latin1(text)),
        "/meta" => {
            let page = text.replace("<html>", "<html><head><meta charset=\"iso-8859-1\"></head>");
            Reply::ok("text/html", latin1(&page))
        }
        "/gzip" => Reply::html(gzip_stored(text.as_bytes())).header("Content-Encoding", "gzip"),
        _ => Reply::status(404),
    });
    let cache = tempfile::tempdir().unwrap();
    for path in ["/latin1", "/meta", "/gzip"] {
        let (out, err, code) = run(factcheck(cache.path())
            .args([
                "--no-default-dataset",
                "-d",
                "fixtures/net/article-figures.json",
            ])
            .args(["--format", "json", &server.url(path)]));
        assert_eq!(code, Some(0), "{path}: {err}");
        assert!(err.is_empty(), "{path}: {err}");
        let report = json(&out);
        let claim = &report["files"][0]["claims"][0];
        assert_eq!(claim["verdict"], "supported", "{path}");
        assert_eq!(claim["text"], "$2.4 billion", "{path}");
        let decoded = if path == "/meta" {
            text.replace("<html>", "<html><head><meta charset=\"iso-8859-1\"></head>")
        } else {
            text.to_string()
        };
        assert_eq!(
            claim["span"]["start"].as_u64().unwrap() as usize,
            decoded.find("$2.4").unwrap(),
            "{path}: offsets into the decoded UTF-8 text"
        );
        assert!(
            claim["line_text"]
                .as_str()
                .unwrap()
                .contains("Caf\u{e9} cr\u{e8}me \u{e0} Toulouse"),
            "{path}"
        );
    }
}

#[test]
fn a_redirected_article_keeps_its_url_as_path() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/old" => Reply::redirect(301, "/new"),
        "/new" => Reply::html(fixture("article.html", "")),
        _ => Reply::status(404),
    });
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/old");
    let (out, err, code) = run(factcheck(cache.path())
        .args([
            "--no-default-dataset",
            "-d",
            "fixtures/net/article-figures.json",
        ])
        .args(["--format", "json", &url]));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(json(&out)["files"][0]["path"], url.as_str());
    assert_eq!(
        err.trim_end(),
        format!("warning: {url}: redirected to {}", server.url("/new"))
    );
}

#[test]
fn remote_dataset_failures() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/bad.json" => Reply::ok("application/json", "{\"format\": 1,\n  \"name\": }"),
        "/page.json" => Reply::html("<html>Sign in</html>"),
        "/gone.json" => Reply::status(404),
        _ => Reply::status(404),
    });
    let cache = tempfile::tempdir().unwrap();
    let (bad, page, gone) = (
        server.url("/bad.json"),
        server.url("/page.json"),
        server.url("/gone.json"),
    );
    let (out, err, code) = run(factcheck(cache.path())
        .args(["-d", &bad, "-d", &page, "-d", &gone])
        .arg("fixtures/net/article.html"));
    assert_eq!(code, Some(2));
    assert!(out.is_empty(), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(&format!("error: {bad}:2:11: ")),
        "{err}"
    );
    assert_eq!(
        lines[1],
        format!(
            "error: {page}: cannot fetch the dataset: the response is not JSON (Content-Type: text/html)"
        )
    );
    assert_eq!(
        lines[2],
        format!("error: {gone}: cannot fetch the dataset: the server answered HTTP 404 Not Found")
    );
    // Nothing invalid was cached.
    assert!(!cache.path().join("datasets").exists());

    // `dataset validate` takes URLs too.
    let (_, err, code) = run(factcheck(cache.path()).args(["dataset", "validate", &bad]));
    assert_eq!(code, Some(2));
    assert!(err.starts_with(&format!("error: {bad}:2:11: ")), "{err}");
}

#[test]
fn a_remote_dataset_named_in_factcheck_toml() {
    let server = story_server();
    let dir = tempfile::tempdir().unwrap();
    let figures = server.url("/figures.json");
    let config = dir.path().join("factcheck.toml");
    std::fs::write(
        &config,
        format!("datasets = [\"{figures}\"]\nno_default_dataset = true\n"),
    )
    .unwrap();
    let (out, err, code) = run(factcheck(&dir.path().join("cache"))
        .args(["--config", config.to_str().unwrap(), "--format", "json"])
        .arg("fixtures/net/article.html"));
    assert_eq!(code, Some(1), "{err}");
    let report = json(&out);
    assert_eq!(report["datasets"][0]["location"], figures.as_str());
    assert_eq!(verdicts(&report).len(), 2);
    assert!(dir.path().join("cache/datasets").is_dir());
}
