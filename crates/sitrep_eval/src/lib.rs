//! Scorers for sitrep's extractors against public gold formats.
//!
//! Every task produces an [`EvalReport`]: a readable table and, as the last line, one JSON
//! object in the shape of EVAL.md that scripts read.

pub mod dedup;
pub mod events;
pub mod extract;
pub mod geo;
pub mod ner;
pub mod quotes;
pub mod sentences;
pub mod timex;

use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Errors while reading gold data.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A gold file could not be read.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
    /// A gold file is malformed.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when not known).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The gold path holds nothing this task can read.
    #[error("{path}: {message}")]
    NoGold {
        /// The path given.
        path: PathBuf,
        /// What was expected.
        message: String,
    },
}

impl EvalError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, error: std::io::Error) -> Self {
        EvalError::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}

/// True positives, false positives and false negatives, with the usual ratios.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and in gold.
    pub tp: usize,
    /// Predicted, not in gold.
    pub fp: usize,
    /// In gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted and nothing was expected).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds another count.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
    /// `precision`, `recall`, `f1` in that order.
    pub fn metrics(&self) -> Vec<(String, f64)> {
        vec![
            ("precision".into(), self.precision()),
            ("recall".into(), self.recall()),
            ("f1".into(), self.f1()),
        ]
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The result of one `sitrep eval` run.
#[derive(Debug, Clone, Default)]
pub struct EvalReport {
    /// Task name (`sentences`, `ner`, ...).
    pub task: String,
    /// The gold path evaluated against.
    pub gold: String,
    /// Documents scored.
    pub documents: usize,
    /// Gold items scored.
    pub items: usize,
    /// Headline metrics, in display order.
    pub metrics: Vec<(String, f64)>,
    /// Metrics per type or per sub-corpus, in display order.
    pub by_type: Vec<(String, Vec<(String, f64)>)>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Extra human-readable lines (error samples, notes) printed before the table.
    pub notes: Vec<String>,
}

fn round4(v: f64) -> Value {
    let r = (v * 10_000.0).round() / 10_000.0;
    serde_json::Number::from_f64(r).map_or(Value::Null, Value::Number)
}

/// The value of metric `name`, or NaN when absent (NaN fails every threshold comparison).
pub fn metric(metrics: &[(String, f64)], name: &str) -> f64 {
    metrics
        .iter()
        .find(|(k, _)| k == name)
        .map_or(f64::NAN, |(_, v)| *v)
}

fn metric_map(metrics: &[(String, f64)]) -> Value {
    let mut m = Map::new();
    for (k, v) in metrics {
        m.insert(k.clone(), round4(*v));
    }
    Value::Object(m)
}

impl EvalReport {
    /// The machine-readable summary of EVAL.md.
    pub fn json(&self) -> Value {
        let mut m = Map::new();
        m.insert("task".into(), Value::String(self.task.clone()));
        m.insert("gold".into(), Value::String(self.gold.clone()));
        m.insert("documents".into(), Value::from(self.documents));
        m.insert("items".into(), Value::from(self.items));
        m.insert("metrics".into(), metric_map(&self.metrics));
        let mut by = Map::new();
        for (k, v) in &self.by_type {
            by.insert(k.clone(), metric_map(v));
        }
        m.insert("by_type".into(), Value::Object(by));
        m.insert("seconds".into(), round4(self.seconds));
        Value::Object(m)
    }

    /// The readable table followed by the JSON line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for n in &self.notes {
            let _ = writeln!(out, "{n}");
        }
        let _ = writeln!(
            out,
            "task {}  gold {}  documents {}  items {}  {:.2}s",
            self.task, self.gold, self.documents, self.items, self.seconds
        );
        let names: Vec<&str> = self.metrics.iter().map(|(k, _)| k.as_str()).collect();
        let width = 12usize;
        let _ = write!(out, "{:<24}", "");
        for n in &names {
            let _ = write!(out, "{n:>w$}", w = width.max(n.len() + 1));
        }
        out.push('\n');
        let mut row = |label: &str, metrics: &[(String, f64)]| {
            let _ = write!(out, "{label:<24}");
            for n in &names {
                let v = metrics.iter().find(|(k, _)| k == n).map(|(_, v)| *v);
                let w = width.max(n.len() + 1);
                match v {
                    Some(v) => {
                        let _ = write!(out, "{v:>w$.4}");
                    }
                    None => {
                        let _ = write!(out, "{:>w$}", "-");
                    }
                }
            }
            out.push('\n');
        };
        row("all", &self.metrics);
        for (k, v) in &self.by_type {
            row(k, v);
        }
        out.push_str(&self.json().to_string());
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_json_line() {
        let c = Counts {
            tp: 8,
            fp: 2,
            fn_: 4,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 8.0 / 12.0).abs() < 1e-9);
        let report = EvalReport {
            task: "sentences".into(),
            gold: "g".into(),
            documents: 1,
            items: 12,
            metrics: c.metrics(),
            by_type: vec![("conll".into(), c.metrics())],
            seconds: 0.5,
            notes: vec![],
        };
        let text = report.render();
        let last = text.lines().last().unwrap();
        let v: Value = serde_json::from_str(last).unwrap();
        assert_eq!(v["metrics"]["precision"], 0.8);
        assert_eq!(v["by_type"]["conll"]["f1"], round4(c.f1()));
        let keys: Vec<&String> = v["metrics"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["precision", "recall", "f1"]);
    }
}
