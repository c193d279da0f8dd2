//! `sitrep serve` end to end: a real process on a free loopback port.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, out.split_once("\r\n\r\n").unwrap().1.to_owned())
}

#[test]
fn serve_answers_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // Only segmentation: this test is about serving, not about the annotators.
    let config = dir.path().join("pipeline.toml");
    std::fs::write(&config, "[pipeline]\nstages = [\"segment\"]\n").unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["ingest", "-q", "--config"])
        .arg(&config)
        .arg("--db")
        .arg(&db)
        .arg(repo.join("examples/kursk"))
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());

    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");

    let (status, body) = http_get(&addr, "/api/documents");
    let (page_status, page) = http_get(&addr, "/");
    let (bad_status, bad) = http_get(&addr, "/api/events?limit=0");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(page_status, 200);
    assert!(page.contains("/assets/app.js"));
    assert_eq!(bad_status, 400);
    assert!(bad.contains("\"parameter\":\"limit\""), "{bad}");
}

#[test]
fn serve_refuses_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("absent.db"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    assert!(!dir.path().join("absent.db").exists());
}
