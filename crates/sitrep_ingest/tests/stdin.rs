//! Standard input (`-`): the test binary runs itself as a child process with the input piped in.
// Test code: helpers outside #[test] functions may unwrap, panic and print too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

mod common;

use sitrep_ingest::{IngestConfig, InputFormat, read_inputs};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const CHILD: &str = "SITREP_INGEST_STDIN_CHILD";

/// In the child: reads `-` and prints one line per item.
#[test]
fn stdin_child() {
    let Some(format) = std::env::var_os(CHILD) else {
        return;
    };
    let format = match format.to_str() {
        Some("text") => InputFormat::Text,
        Some("html") => InputFormat::Html,
        Some("jsonl") => InputFormat::Jsonl,
        _ => InputFormat::Auto,
    };
    let config = IngestConfig {
        format,
        ..IngestConfig::default()
    };
    for item in read_inputs(&[PathBuf::from("-")], &config) {
        match item {
            Ok(i) => println!(
                "@@OK\t{}\t{}\t{}",
                i.doc.meta.origin.as_deref().unwrap_or_default(),
                i.doc.meta.media_type,
                i.doc.text().replace('\n', "|")
            ),
            Err(e) => println!("@@ERR\t{e}"),
        }
    }
}

/// Runs the child on `input` and returns its item lines.
fn run(input: &[u8], format: &str) -> Vec<String> {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args(["--exact", "stdin_child", "--nocapture", "--test-threads=1"])
        .env(CHILD, format)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        // The harness may print "test stdin_child ... " on the same line.
        .filter_map(|l| l.split_once("@@").map(|(_, item)| item.to_owned()))
        .collect()
}

#[test]
fn stdin_auto_detects_text_html_and_jsonl() {
    assert_eq!(
        run(b"Plain\r\ntext", "auto"),
        ["OK\t-\ttext/plain\tPlain|text"]
    );
    assert_eq!(
        run(b"\n<!DOCTYPE html><p>A</p><p>B</p>", "auto"),
        ["OK\t-\ttext/html\tA||B"]
    );
    assert_eq!(
        run(
            b"  {\"text\": \"one\"}\nbad\n{\"html\": \"<p>two</p>\"}\n",
            "auto"
        ),
        [
            "OK\t-:1\ttext/plain\tone",
            "ERR\t-:2: not valid JSON: expected value at line 1 column 1",
            "OK\t-:3\ttext/html\ttwo"
        ]
    );
}

#[test]
fn stdin_gzip_and_forced_formats() {
    let jsonl = common::gz(b"{\"text\": \"zipped\"}\n");
    assert_eq!(run(&jsonl, "auto"), ["OK\t-:1\ttext/plain\tzipped"]);
    assert_eq!(
        run(&common::gz(b"zipped text"), "auto"),
        ["OK\t-\ttext/plain\tzipped text"]
    );
    assert_eq!(run(b"<b>bold</b>", "html"), ["OK\t-\ttext/html\tbold"]);
    assert_eq!(
        run(b"{\"text\": 1}", "text"),
        ["OK\t-\ttext/plain\t{\"text\": 1}"]
    );
    assert_eq!(run(b"", "auto"), ["ERR\t-: empty document"]);
}
