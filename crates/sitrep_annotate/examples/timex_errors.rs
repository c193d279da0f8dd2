//! Error dump for the date tagger on TimeML gold (development aid).
//!
//! `cargo run --release -p sitrep_annotate --example timex_errors -- DIR [value|miss|extra|span|all]`
//! or `-- --text YYYY-MM-DD "some text"` to tag one text, or `-- --speed DIR` for the tagging
//! throughput on the `.txt` files under DIR.
//!
//! Prints, per file, the value/type mismatches (gold vs ours, with the sentence around the
//! mention), the missed gold mentions and the mentions not in gold. Matching is the one of
//! `sitrep eval timex`: one-to-one, overlapping spans, in text order.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use sitrep_annotate::dates::{DatesConfig, NaiveDate, TimexType};
use std::path::{Path, PathBuf};

struct Gold {
    span: std::ops::Range<usize>,
    ty: String,
    value: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_owned())
}

fn decode(ent: &str) -> char {
    match ent {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => '?',
    }
}

fn read(src: &str) -> Option<(String, NaiveDate, Vec<Gold>)> {
    let mut dct = None;
    let mut pos = 0;
    while let Some(off) = src[pos..].find("<TIMEX3") {
        let at = pos + off;
        let end = at + src[at..].find('>')?;
        let tag = &src[at..end];
        if tag.contains("CREATION_TIME") {
            let v = attr(tag, "value")?;
            dct = NaiveDate::parse_from_str(v.get(..10).unwrap_or(&v), "%Y-%m-%d").ok();
            break;
        }
        pos = end;
    }
    let start = src.find("<TEXT>")? + 6;
    let stop = start + src[start..].find("</TEXT>")?;
    let body = &src[start..stop];
    let mut text = String::new();
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        let c = rest.chars().next()?;
        if c == '<' {
            let end = rest.find('>')?;
            let tag = &rest[1..end];
            if tag.trim() == "/TIMEX3" {
                if let Some((s, ty, value)) = open.take() {
                    let lead = text[s..].len() - text[s..].trim_start().len();
                    let span = (s + lead)..(s + text[s..].trim_end().len());
                    out.push(Gold { span, ty, value });
                }
            } else if tag.starts_with("TIMEX3 ") && !tag.ends_with('/') {
                open = Some((
                    text.len(),
                    attr(tag, "type").unwrap_or_default(),
                    attr(tag, "value").unwrap_or_default(),
                ));
            }
            i += end + 1;
        } else if c == '&' {
            let semi = rest.find(';')?;
            text.push(decode(&rest[1..semi]));
            i += semi + 1;
        } else {
            text.push(c);
            i += c.len_utf8();
        }
    }
    Some((text, dct?, out))
}

fn collect_txt(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                collect_txt(&e.path(), out);
            }
        }
    } else if p.extension().is_some_and(|e| e == "txt") {
        out.push(p.to_path_buf());
    }
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                collect(&e.path(), out);
            }
        }
    } else if p.extension().is_some_and(|e| e == "tml") {
        out.push(p.to_path_buf());
    }
}

fn ty_name(t: TimexType) -> &'static str {
    match t {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// The sentence-ish context around a byte range.
fn context(text: &str, r: std::ops::Range<usize>) -> String {
    let mut s = r.start.saturating_sub(90);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (r.end + 60).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    format!(
        "{}[{}]{}",
        &text[s..r.start],
        &text[r.start..r.end],
        &text[r.end..e]
    )
    .replace('\n', " ")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: timex_errors DIR [value|miss|extra|all]");
        return;
    };
    // `timex_errors --text YYYY-MM-DD "text"`: tag one text (a probe).
    if dir == "--text" {
        let dct = args
            .get(2)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let text = args.get(3).map_or("", String::as_str);
        for s in DatesConfig::default().build().tag(text, dct) {
            println!(
                "{:?} {} {}",
                &text[s.span.range()],
                ty_name(s.timex_type),
                s.value
            );
        }
        return;
    }
    // `timex_errors --speed DIR`: tagging throughput on the text files under DIR.
    if dir == "--speed" {
        let mut files = Vec::new();
        collect_txt(
            Path::new(args.get(2).map_or(".", String::as_str)),
            &mut files,
        );
        let docs: Vec<String> = files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect();
        let bytes: usize = docs.iter().map(String::len).sum();
        let tagger = DatesConfig::default().build();
        let anchor = NaiveDate::from_ymd_opt(2005, 6, 1);
        let started = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..3 {
            for d in &docs {
                n += std::hint::black_box(tagger.tag(d, anchor)).len();
            }
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{} docs, {:.1} MB, {} mentions/pass: {:.1} MB/s",
            docs.len(),
            bytes as f64 / 1e6,
            n / 3,
            (bytes * 3) as f64 / secs / 1e6
        );
        return;
    }
    let what = args.get(2).map_or("value", String::as_str);
    let mut files = Vec::new();
    collect(Path::new(dir), &mut files);
    files.sort();
    let tagger = DatesConfig::default().build();
    let (mut n_gold, mut n_sys, mut n_rel, mut n_val) = (0usize, 0usize, 0usize, 0usize);
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let Some((text, dct, gold)) = read(&src) else {
            eprintln!("{}: unreadable", f.display());
            continue;
        };
        let name = f
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let sys = tagger.tag(&text, Some(dct));
        let mut used = vec![false; sys.len()];
        n_gold += gold.len();
        n_sys += sys.len();
        for g in &gold {
            let found = sys.iter().enumerate().find(|(i, s)| {
                !used[*i] && s.span.start_usize() < g.span.end && g.span.start < s.span.end_usize()
            });
            match found {
                Some((i, s)) => {
                    used[i] = true;
                    n_rel += 1;
                    n_val += usize::from(s.value == g.value);
                    if what == "span" && s.span.range() != g.span {
                        println!(
                            "SPAN {name} gold {:?} | ours {:?}",
                            &text[g.span.clone()],
                            &text[s.span.range()]
                        );
                    }
                    let ok = s.value == g.value && ty_name(s.timex_type) == g.ty;
                    if !ok && (what == "value" || what == "all") {
                        println!(
                            "VAL {name} dct={dct} {:?} gold {} {} | ours {:?} {} {}\n    {}",
                            &text[g.span.clone()],
                            g.ty,
                            g.value,
                            &text[s.span.range()],
                            ty_name(s.timex_type),
                            s.value,
                            context(&text, g.span.clone())
                        );
                    }
                }
                None => {
                    if what == "miss" || what == "all" {
                        println!(
                            "MISS {name} dct={dct} {:?} gold {} {}\n    {}",
                            &text[g.span.clone()],
                            g.ty,
                            g.value,
                            context(&text, g.span.clone())
                        );
                    }
                }
            }
        }
        if what == "extra" || what == "all" {
            for (i, s) in sys.iter().enumerate() {
                if !used[i] {
                    println!(
                        "EXTRA {name} {:?} ours {} {}\n    {}",
                        &text[s.span.range()],
                        ty_name(s.timex_type),
                        s.value,
                        context(&text, s.span.range())
                    );
                }
            }
        }
    }
    let f1 = |n: usize| 2.0 * n as f64 / (n_gold + n_sys).max(1) as f64;
    println!(
        "SUMMARY gold {n_gold} system {n_sys} relaxed {n_rel} value_ok {n_val} relaxed_f1 {:.4} value_f1 {:.4}",
        f1(n_rel),
        f1(n_val)
    );
}
