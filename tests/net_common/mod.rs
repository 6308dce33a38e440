//! A small HTTP/1.1 server for the network tests, on 127.0.0.1 and a port the system picks.
//!
//! Written on `std::net` so a test controls every byte: statuses, headers, delays, a body cut
//! short, a body without `Content-Length`. Each connection serves one request and is closed.
//! The server records every request and how many were in flight at once, and stops when dropped.
#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    pub path: String,
    /// Header names lower-case.
    pub headers: Vec<(String, String)>,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A response to send.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// `Some(n)` sends `Content-Length: n` whatever the body; `None` the body's length.
    content_length: Option<usize>,
    /// No `Content-Length` at all: the body ends when the connection closes.
    close_delimited: bool,
    delay: Duration,
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            content_length: None,
            close_delimited: false,
            delay: Duration::ZERO,
        }
    }

    /// A 200 with a content type and body.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200)
            .header("Content-Type", content_type)
            .body(body)
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::ok("text/html; charset=utf-8", body)
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("Location", location)
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }

    /// Claims a `Content-Length` (larger than the body: a truncated response).
    pub fn content_length(mut self, n: usize) -> Reply {
        self.content_length = Some(n);
        self
    }

    pub fn close_delimited(mut self) -> Reply {
        self.close_delimited = true;
        self
    }

    /// Waits before answering.
    pub fn delay(mut self, d: Duration) -> Reply {
        self.delay = d;
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let reason = match self.status {
            200 => "OK",
            301 => "Moved Permanently",
            302 => "Found",
            304 => "Not Modified",
            404 => "Not Found",
            410 => "Gone",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            _ => "Whatever",
        };
        let mut head = format!("HTTP/1.1 {} {reason}\r\nConnection: close\r\n", self.status);
        for (k, v) in &self.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        if !self.close_delimited && self.status != 304 {
            let n = self.content_length.unwrap_or(self.body.len());
            head.push_str(&format!("Content-Length: {n}\r\n"));
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        out.extend_from_slice(&self.body);
        out
    }
}

type Handler = dyn Fn(&Req, usize) -> Reply + Send + Sync;

/// A running server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Req>>>,
    max_in_flight: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server; `handler` gets each request and how many earlier requests had the same
    /// path.
    pub fn start(handler: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let hits = Arc::new(Mutex::new(HashMap::<String, usize>::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let thread = {
            let (stop, log, max_in_flight) = (stop.clone(), log.clone(), max_in_flight.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (log, hits, handler) = (log.clone(), hits.clone(), handler.clone());
                    let (in_flight, max_in_flight) = (in_flight.clone(), max_in_flight.clone());
                    std::thread::spawn(move || {
                        let counts = InFlight {
                            now: &in_flight,
                            max: &max_in_flight,
                        };
                        serve(stream, &log, &hits, &*handler, &counts);
                    });
                }
            })
        };
        Server {
            addr,
            stop,
            log,
            max_in_flight,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    pub fn requests(&self) -> Vec<Req> {
        self.log.lock().unwrap().clone()
    }

    /// The requests for one path.
    pub fn requests_to(&self, path: &str) -> Vec<Req> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// The most requests that were being served at the same time (see `InFlight`).
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The requests being served: counted from when a request has been read until its reply is
/// about to be written. A client can send its next request only once it has the reply, so a
/// reply still being written (or a connection still closing) is not counted against it, and
/// the count is the client's own concurrency even on a loaded machine.
struct InFlight<'a> {
    now: &'a AtomicUsize,
    max: &'a AtomicUsize,
}

fn serve(
    mut stream: TcpStream,
    log: &Mutex<Vec<Req>>,
    hits: &Mutex<HashMap<String, usize>>,
    handler: &Handler,
    in_flight: &InFlight,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 64 * 1024 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("").to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let req = Req {
        method,
        path,
        headers,
    };
    let n = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(req.path.clone()).or_insert(0);
        *n += 1;
        *n - 1
    };
    log.lock().unwrap().push(req.clone());
    let now = in_flight.now.fetch_add(1, Ordering::SeqCst) + 1;
    in_flight.max.fetch_max(now, Ordering::SeqCst);
    let reply = handler(&req, n);
    if !reply.delay.is_zero() {
        std::thread::sleep(reply.delay);
    }
    in_flight.now.fetch_sub(1, Ordering::SeqCst);
    let _ = stream.write_all(&reply.bytes());
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// A fixture under `fixtures/net/`, with `{{BASE}}` replaced by the server's base URL.
pub fn fixture(name: &str, base: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/net")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .replace("{{BASE}}", base)
}

/// The binary with no colour, run from the crate root, the cache in `cache_dir`.
pub fn factcheck(cache_dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("FACTCHECK_CACHE_DIR", cache_dir)
        .env_remove("FACTCHECK_MAX_BODY_BYTES")
        .timeout(Duration::from_secs(60));
    cmd
}

/// Runs a command: stdout, stderr and the exit code.
pub fn run(cmd: &mut Command) -> (String, String, Option<i32>) {
    let out = cmd.output().expect("the binary runs");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        out.status.code(),
    )
}

/// A gzip member holding `data` in stored (uncompressed) deflate blocks: enough to check that a
/// `Content-Encoding: gzip` body is decoded, without a compression library.
pub fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let mut chunks = data.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Encodes text whose characters are all below U+0100 as ISO-8859-1.
pub fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}
