//! Event coding against three gold formats (EVAL.md, task `events`):
//!
//! - **PLOVER** gold-standard records (a JSON array, `PLOVER_GSR_CAMEO.json`, or its folder):
//!   `type_accuracy` and `macro_f1` of the main event's PLOVER type, `actor_country_accuracy`
//!   and `target_country_accuracy` over records whose gold names a source / target code (a
//!   prediction is right when it is one of the gold codes);
//! - **CASE-2021** task 2 TSV (`id<TAB>snippet<TAB>label`): `accuracy` and `macro_f1` of the
//!   main event's ACLED sub-event type over the rows labelled with one of the 25 ACLED types
//!   (the five non-ACLED labels are reported separately as `accuracy_all` / `macro_f1_all`);
//! - **ACLED** export CSV: each row's `notes` is coded with the publication date taken from
//!   `timestamp` (Unix seconds or a date) when present, else `event_date` + 7 days; the main
//!   event is scored for `event_type_accuracy`, `sub_event_type_accuracy`, `date_exact`
//!   (a single-day date equal to `event_date`), `loc25` (its place within 25 km of the row's
//!   coordinates) and `fatalities_exact` (no figure counts as 0).
//!
//! Documents go through the default annotators built from the stage crates (segment,
//! entities, dates, quantities, quotes, places, events), in parallel.

use crate::{Counts, EvalError, EvalReport};
use chrono::{Duration, NaiveDate};
use serde_json::Value;
use sitrep_annotate::places::haversine_km;
use sitrep_events::{AcledSub, EventsConfig, EventsStage, main_acled_event, main_event};
use sitrep_model::{DocMeta, Document, Event};
use sitrep_pipeline::Pipeline;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Gold formats for `eval events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventsFormat {
    /// PLOVER gold-standard records (JSON).
    Plover,
    /// CASE-2021 task 2 (TSV).
    Case,
    /// ACLED export (CSV).
    Acled,
}

impl EventsFormat {
    /// The format a gold path is in, from its extension or folder contents.
    pub fn detect(path: &Path) -> Option<Self> {
        if path.is_dir() {
            if path.join("PLOVER_GSR_CAMEO.json").is_file() {
                return Some(Self::Plover);
            }
            if path.join("dev.tsv").is_file() {
                return Some(Self::Case);
            }
            return None;
        }
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
        {
            Some(e) if e == "json" => Some(Self::Plover),
            Some(e) if e == "tsv" => Some(Self::Case),
            Some(e) if e == "csv" => Some(Self::Acled),
            _ => None,
        }
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Plover => "plover",
            Self::Case => "case",
            Self::Acled => "acled",
        }
    }
}

/// Stands in for the entity tagger when its model cannot be loaded; the report says so.
#[derive(Debug)]
struct NoEntities;

impl sitrep_pipeline::DocStage for NoEntities {
    fn name(&self) -> &str {
        "entities"
    }
    fn version(&self) -> &str {
        "0"
    }
    fn requires(&self) -> &[sitrep_model::Layer] {
        &[sitrep_model::Layer::Sentences]
    }
    fn provides(&self) -> &[sitrep_model::Layer] {
        &[sitrep_model::Layer::Entities]
    }
    fn process(&self, _: &mut Document) -> Result<(), sitrep_pipeline::StageError> {
        Ok(())
    }
}

/// The annotation pipeline used for scoring: segment, entities, dates, quantities, quotes,
/// places, events. When the entity model cannot be loaded, the events stage codes actors
/// from its own dictionary alone and the returned note says so.
pub fn pipeline(config: EventsConfig) -> Result<(Pipeline, Vec<String>), EvalError> {
    let mut notes = Vec::new();
    use sitrep_annotate::{dates, entities, places, quantities, quotes};
    let err = |what: &str, e: &dyn std::fmt::Display| EvalError::NoGold {
        path: PathBuf::from("(pipeline)"),
        message: format!("cannot build the {what} stage: {e}"),
    };
    Pipeline::builder()
        .stage(sitrep_segment::SegmentStage::new(
            "segment",
            Default::default(),
        ))
        .boxed_stage(
            match entities::EntitiesStage::new("entities", Default::default()) {
                Ok(s) => Box::new(s),
                Err(e) => {
                    notes.push(format!(
                        "WARNING: entities stage unavailable ({e}); actors coded from the \
                         events dictionary alone"
                    ));
                    Box::new(NoEntities)
                }
            },
        )
        .stage(dates::DatesStage::new("dates", Default::default()))
        .stage(quantities::QuantitiesStage::new(
            "quantities",
            Default::default(),
        ))
        .stage(quotes::QuotesStage::new("quotes", Default::default()))
        .stage(
            places::PlacesStage::new("places", Default::default())
                .map_err(|e| err("places", &e))?,
        )
        .stage(EventsStage::new("events", config).map_err(|e| err("events", &e))?)
        .validate_each_stage(false)
        .build()
        .map(|p| (p, notes))
        .map_err(|e| err("pipeline", &e))
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))
}

fn fmt_err(path: &Path, line: usize, message: impl Into<String>) -> EvalError {
    EvalError::Format {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

fn doc(text: &str, published: Option<NaiveDate>) -> Result<Document, EvalError> {
    let meta = DocMeta {
        published,
        ..DocMeta::default()
    };
    Document::from_text(meta, text.to_owned()).map_err(|e| EvalError::NoGold {
        path: PathBuf::from("(document)"),
        message: e.to_string(),
    })
}

/// Per-label counts for macro-F1.
#[derive(Debug, Default, Clone)]
pub struct Confusion {
    counts: BTreeMap<String, Counts>,
    pairs: BTreeMap<(String, String), usize>,
    right: usize,
    total: usize,
}

impl Confusion {
    /// Records one gold label and one prediction.
    pub fn add(&mut self, gold: &str, pred: &str) {
        self.total += 1;
        if gold == pred {
            self.right += 1;
            self.counts.entry(gold.to_owned()).or_default().tp += 1;
        } else {
            self.counts.entry(gold.to_owned()).or_default().fn_ += 1;
            self.counts.entry(pred.to_owned()).or_default().fp += 1;
            *self
                .pairs
                .entry((gold.to_owned(), pred.to_owned()))
                .or_default() += 1;
        }
    }

    /// Fraction right.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }

    /// Mean F1 over the gold labels.
    pub fn macro_f1(&self) -> f64 {
        let gold: Vec<&Counts> = self.counts.values().filter(|c| c.tp + c.fn_ > 0).collect();
        if gold.is_empty() {
            return 0.0;
        }
        gold.iter().map(|c| c.f1()).sum::<f64>() / gold.len() as f64
    }

    /// Precision, recall and F1 of each gold label.
    pub fn by_label(&self) -> Vec<(String, Vec<(String, f64)>)> {
        self.counts
            .iter()
            .filter(|(_, c)| c.tp + c.fn_ > 0)
            .map(|(k, c)| (k.clone(), c.metrics()))
            .collect()
    }

    /// The most frequent confusions, as note lines.
    pub fn top_confusions(&self, n: usize) -> Vec<String> {
        let mut v: Vec<(&(String, String), &usize)> = self.pairs.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.into_iter()
            .take(n)
            .map(|((g, p), c)| format!("confusion {c:>3}  gold {g:<30} predicted {p}"))
            .collect()
    }
}

// ---- PLOVER ----------------------------------------------------------------------------------

/// One PLOVER gold record.
#[derive(Debug, Clone, PartialEq)]
pub struct PloverRecord {
    /// Record id.
    pub id: String,
    /// Sentence.
    pub text: String,
    /// PLOVER event type.
    pub event: String,
    /// Source actor codes.
    pub source: Vec<String>,
    /// Target actor codes.
    pub target: Vec<String>,
    /// Date of the record.
    pub date: Option<NaiveDate>,
}

fn codes(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("code").and_then(Value::as_str))
                .map(normalise_code)
                .collect()
        })
        .unwrap_or_default()
}

/// CAMEO country codes that differ from ISO 3166-1 alpha-3.
fn normalise_code(code: &str) -> String {
    let c = code.trim().to_uppercase();
    match c.as_str() {
        "JAP" => "JPN".into(),
        "ITL" => "ITA".into(),
        "VTN" => "VNM".into(),
        "ISM" => "IMG".into(),
        _ => c,
    }
}

/// Reads PLOVER records (the `DOCUMENT` header record is skipped).
pub fn read_plover(path: &Path) -> Result<Vec<PloverRecord>, EvalError> {
    let path = if path.is_dir() {
        path.join("PLOVER_GSR_CAMEO.json")
    } else {
        path.to_path_buf()
    };
    let text = read(&path)?;
    let v: Value = serde_json::from_str(&text)
        .map_err(|e| fmt_err(&path, e.line(), format!("not JSON: {e}")))?;
    let arr = v
        .as_array()
        .ok_or_else(|| fmt_err(&path, 1, "expected a JSON array of records"))?;
    let mut out = Vec::new();
    for (i, r) in arr.iter().enumerate() {
        let event = r.get("event").and_then(Value::as_str).unwrap_or("");
        if event.is_empty() || event == "DOCUMENT" {
            continue;
        }
        let Some(text) = r.get("text").and_then(Value::as_str) else {
            return Err(fmt_err(&path, 0, format!("record {i} has no text")));
        };
        out.push(PloverRecord {
            id: r.get("id").and_then(Value::as_str).unwrap_or("").to_owned(),
            text: text.to_owned(),
            event: event.to_owned(),
            source: codes(r.get("source")),
            target: codes(r.get("target")),
            date: r
                .get("date")
                .and_then(Value::as_str)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        });
    }
    if out.is_empty() {
        return Err(EvalError::NoGold {
            path,
            message: "no PLOVER records".into(),
        });
    }
    Ok(out)
}

fn score_plover(
    records: &[PloverRecord],
    docs: &[Document],
) -> (Confusion, (usize, usize), (usize, usize)) {
    let mut conf = Confusion::default();
    let (mut actor_right, mut actor_total) = (0, 0);
    let (mut target_right, mut target_total) = (0, 0);
    for (r, d) in records.iter().zip(docs) {
        let main = main_event(d);
        let pred = main.map_or("NONE", |e| e.event_type.as_str());
        conf.add(&r.event, pred);
        let country = |p: Option<&sitrep_model::Participant>| {
            p.and_then(|p| p.country.clone()).unwrap_or_default()
        };
        if !r.source.is_empty() {
            actor_total += 1;
            let c = country(main.and_then(|e| e.actor.as_ref()));
            if r.source.contains(&c) {
                actor_right += 1;
            }
        }
        if !r.target.is_empty() {
            target_total += 1;
            let c = country(main.and_then(|e| e.target.as_ref()));
            if r.target.contains(&c) {
                target_right += 1;
            }
        }
    }
    (
        conf,
        (actor_right, actor_total),
        (target_right, target_total),
    )
}

fn frac((a, b): (usize, usize)) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

// ---- CASE-2021 -------------------------------------------------------------------------------

/// One CASE-2021 task 2 row.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    /// Row id.
    pub id: String,
    /// The snippet.
    pub text: String,
    /// Gold label (ACLED sub-event code or one of the five non-ACLED labels).
    pub label: String,
}

/// Reads a CASE-2021 task 2 TSV (`id<TAB>snippet<TAB>label`, with or without a header).
pub fn read_case(path: &Path) -> Result<Vec<CaseRow>, EvalError> {
    let path = if path.is_dir() {
        path.join("dev.tsv")
    } else {
        path.to_path_buf()
    };
    let text = read(&path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            return Err(fmt_err(&path, i + 1, "expected id<TAB>snippet<TAB>label"));
        }
        if i == 0 && f[0].eq_ignore_ascii_case("id") {
            continue;
        }
        out.push(CaseRow {
            id: f[0].to_owned(),
            text: f[1].to_owned(),
            label: f[f.len() - 1].trim().to_owned(),
        });
    }
    if out.is_empty() {
        return Err(EvalError::NoGold {
            path,
            message: "no CASE-2021 rows".into(),
        });
    }
    Ok(out)
}

/// `SITREP_EVAL_RULES=1` adds the most frequent confusions by the rule of the main event.
fn rule_notes() -> bool {
    std::env::var_os("SITREP_EVAL_RULES").is_some_and(|v| v == "1")
}

/// How many rule confusions to list: 40, or every one with `SITREP_EVAL_RULES_ALL=1`.
fn rule_note_count() -> usize {
    if std::env::var_os("SITREP_EVAL_RULES_ALL").is_some_and(|v| v == "1") {
        usize::MAX
    } else {
        40
    }
}

/// `SITREP_EVAL_MISSED=dir` appends the text of each wrong item to `dir/GOLD__PREDICTED`
/// (for word counts over a confusion, not for reading rows one by one).
fn write_missed(gold: &str, pred: &str, text: &str) {
    use std::io::Write;
    let Some(dir) = std::env::var_os("SITREP_EVAL_MISSED") else {
        return;
    };
    let path = Path::new(&dir).join(format!("{gold}__{pred}"));
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(f, "{}", text.replace('\n', " "));
    }
}

fn predicted_sub(d: &Document) -> Option<AcledSub> {
    main_acled_event(d).and_then(|e| AcledSub::parse(e.acled_sub_event_type.as_deref()?))
}

// ---- ACLED -----------------------------------------------------------------------------------

/// One ACLED row.
#[derive(Debug, Clone, PartialEq)]
pub struct AcledRow {
    /// 1-based line of the row.
    pub line: usize,
    /// Event date.
    pub event_date: NaiveDate,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Fatalities.
    pub fatalities: u64,
    /// The notes the event is coded from.
    pub notes: String,
    /// Publication date used for relative dates.
    pub published: NaiveDate,
}

/// Splits CSV text into records of fields (RFC 4180: quoted fields, doubled quotes, line
/// breaks inside quotes), with the 1-based line each record starts on.
pub fn parse_csv(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.is_empty()) {
                    out.push((start, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start = line;
            }
            '\n' => {
                field.push(c);
                line += 1;
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start, record));
    }
    out
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    [
        "%Y-%m-%d",
        "%d %B %Y",
        "%d-%B-%Y",
        "%d/%m/%Y",
        "%B %d, %Y",
        "%d %b %Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// Reads an ACLED export CSV.
pub fn read_acled(path: &Path) -> Result<Vec<AcledRow>, EvalError> {
    let text = read(path)?;
    let rows = parse_csv(&text);
    let Some((_, header)) = rows.first() else {
        return Err(EvalError::NoGold {
            path: path.to_path_buf(),
            message: "empty CSV".into(),
        });
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let need =
        |name: &str| col(name).ok_or_else(|| fmt_err(path, 1, format!("missing column `{name}`")));
    let (c_date, c_type, c_sub, c_notes) = (
        need("event_date")?,
        need("event_type")?,
        need("sub_event_type")?,
        need("notes")?,
    );
    let (c_lat, c_lon, c_fat, c_ts) = (
        col("latitude"),
        col("longitude"),
        col("fatalities"),
        col("timestamp"),
    );
    let mut out = Vec::new();
    for (line, f) in rows.iter().skip(1) {
        let get = |c: usize| f.get(c).map_or("", |s| s.as_str());
        let event_date = parse_date(get(c_date))
            .ok_or_else(|| fmt_err(path, *line, format!("bad event_date {:?}", get(c_date))))?;
        let num = |c: Option<usize>| c.and_then(|c| get(c).trim().parse::<f64>().ok());
        let published = c_ts
            .map(get)
            .and_then(|t| {
                t.trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
                    .map(|dt| dt.date_naive())
                    .or_else(|| parse_date(t))
            })
            .unwrap_or(event_date + Duration::days(7));
        let fatalities = num(c_fat).unwrap_or(0.0);
        out.push(AcledRow {
            line: *line,
            event_date,
            event_type: get(c_type).trim().to_owned(),
            sub_event_type: get(c_sub).trim().to_owned(),
            lat: num(c_lat),
            lon: num(c_lon),
            fatalities: if fatalities.is_finite() && fatalities >= 0.0 {
                fatalities.round() as u64
            } else {
                0
            },
            notes: get(c_notes).to_owned(),
            published,
        });
    }
    if out.is_empty() {
        return Err(EvalError::NoGold {
            path: path.to_path_buf(),
            message: "no ACLED rows".into(),
        });
    }
    Ok(out)
}

/// Scores of the ACLED format.
#[derive(Debug, Default, Clone)]
pub struct AcledScores {
    /// Event types.
    pub event_type: Confusion,
    /// Sub-event types.
    pub sub_event_type: Confusion,
    /// Rows whose main event date is the gold date.
    pub date_exact: (usize, usize),
    /// Rows whose main event place is within 25 km.
    pub loc25: (usize, usize),
    /// Rows whose fatalities match.
    pub fatalities_exact: (usize, usize),
}

/// Scores coded ACLED rows.
pub fn score_acled(rows: &[AcledRow], docs: &[Document]) -> AcledScores {
    let mut s = AcledScores::default();
    for (r, d) in rows.iter().zip(docs) {
        let main: Option<&Event> = main_acled_event(d).or_else(|| main_event(d));
        s.event_type.add(
            &r.event_type,
            main.and_then(|e| e.acled_event_type.as_deref())
                .unwrap_or("NONE"),
        );
        s.sub_event_type.add(
            &r.sub_event_type,
            main.and_then(|e| e.acled_sub_event_type.as_deref())
                .unwrap_or("NONE"),
        );
        s.date_exact.1 += 1;
        if main
            .and_then(|e| e.date.as_ref())
            .is_some_and(|dt| dt.start == Some(r.event_date) && dt.end == Some(r.event_date))
        {
            s.date_exact.0 += 1;
        }
        if let (Some(lat), Some(lon)) = (r.lat, r.lon) {
            s.loc25.1 += 1;
            let place = main
                .and_then(|e| e.place)
                .and_then(|id| d.places.iter().find(|p| p.id == id));
            if let Some((plat, plon)) = place.and_then(|p| Some((p.lat?, p.lon?)))
                && haversine_km(lat, lon, plat, plon) <= 25.0
            {
                s.loc25.0 += 1;
            }
        }
        s.fatalities_exact.1 += 1;
        if main.and_then(|e| e.fatalities).unwrap_or(0) == r.fatalities {
            s.fatalities_exact.0 += 1;
        }
    }
    s
}

// ---- the command -----------------------------------------------------------------------------

/// Runs `eval events` on a gold path in the given (or detected) format.
pub fn evaluate(gold: &Path, format: Option<EventsFormat>) -> Result<EvalReport, EvalError> {
    let format = format
        .or_else(|| EventsFormat::detect(gold))
        .ok_or_else(|| EvalError::NoGold {
            path: gold.to_path_buf(),
            message: "cannot tell the gold format: give --format plover|case|acled".into(),
        })?;
    let t0 = Instant::now();
    let (pipeline, pipeline_notes) = pipeline(EventsConfig::default())?;
    let mut report = EvalReport {
        task: "events".into(),
        gold: gold.display().to_string(),
        ..EvalReport::default()
    };
    match format {
        EventsFormat::Plover => {
            let records = read_plover(gold)?;
            let mut docs = records
                .iter()
                .map(|r| doc(&r.text, r.date))
                .collect::<Result<Vec<_>, _>>()?;
            pipeline.process_batch(&mut docs);
            let (conf, actor, target) = score_plover(&records, &docs);
            report.documents = records.len();
            report.items = records.len();
            report.metrics = vec![
                ("type_accuracy".into(), conf.accuracy()),
                ("macro_f1".into(), conf.macro_f1()),
                ("actor_country_accuracy".into(), frac(actor)),
                ("target_country_accuracy".into(), frac(target)),
            ];
            report.by_type = conf.by_label();
            report.notes = conf.top_confusions(12);
            if rule_notes() {
                let mut by_rule = Confusion::default();
                for (r, d) in records.iter().zip(&docs) {
                    let main = main_event(d);
                    let pred = main.map_or("NONE", |e| e.event_type.as_str());
                    let rule = main.map_or("-", |e| e.rule.as_str());
                    by_rule.add(&r.event, &format!("{pred} via {rule}"));
                    if pred != r.event {
                        write_missed(&r.event, pred, &r.text);
                    }
                }
                report
                    .notes
                    .extend(by_rule.top_confusions(rule_note_count()));
            }
        }
        EventsFormat::Case => {
            let rows = read_case(gold)?;
            let mut docs = rows
                .iter()
                .map(|r| doc(&r.text, None))
                .collect::<Result<Vec<_>, _>>()?;
            pipeline.process_batch(&mut docs);
            let mut acled = Confusion::default();
            let mut all = Confusion::default();
            for (r, d) in rows.iter().zip(&docs) {
                let pred = predicted_sub(d).map_or("NONE", AcledSub::case_code);
                all.add(&r.label, pred);
                if AcledSub::parse(&r.label).is_some() {
                    acled.add(&r.label, pred);
                }
            }
            report.documents = rows.len();
            report.items = rows.len();
            report.metrics = vec![
                ("accuracy".into(), acled.accuracy()),
                ("macro_f1".into(), acled.macro_f1()),
                ("accuracy_all".into(), all.accuracy()),
                ("macro_f1_all".into(), all.macro_f1()),
            ];
            report.by_type = acled.by_label();
            report.notes = acled.top_confusions(15);
            if rule_notes() {
                let mut by_rule = Confusion::default();
                for (r, d) in rows.iter().zip(&docs) {
                    let main = main_acled_event(d);
                    let pred = predicted_sub(d).map_or("NONE", AcledSub::case_code);
                    let rule = main.map_or("-", |e| e.rule.as_str());
                    if AcledSub::parse(&r.label).is_some() {
                        by_rule.add(&r.label, &format!("{pred} via {rule}"));
                        if pred != r.label {
                            write_missed(&r.label, pred, &r.text);
                        }
                    }
                }
                report
                    .notes
                    .extend(by_rule.top_confusions(rule_note_count()));
            }
        }
        EventsFormat::Acled => {
            let rows = read_acled(gold)?;
            let mut docs = rows
                .iter()
                .map(|r| doc(&r.notes, Some(r.published)))
                .collect::<Result<Vec<_>, _>>()?;
            pipeline.process_batch(&mut docs);
            let s = score_acled(&rows, &docs);
            report.documents = rows.len();
            report.items = rows.len();
            report.metrics = vec![
                ("event_type_accuracy".into(), s.event_type.accuracy()),
                (
                    "sub_event_type_accuracy".into(),
                    s.sub_event_type.accuracy(),
                ),
                ("date_exact".into(), frac(s.date_exact)),
                ("loc25".into(), frac(s.loc25)),
                ("fatalities_exact".into(), frac(s.fatalities_exact)),
            ];
            report.by_type = s.sub_event_type.by_label();
            report.notes = s.sub_event_type.top_confusions(10);
        }
    }
    report.notes.insert(0, format!("format {}", format.name()));
    for (i, n) in pipeline_notes.into_iter().enumerate() {
        report.notes.insert(1 + i, n);
    }
    report.seconds = t0.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_line_breaks() {
        let rows = parse_csv("a,b,c\n1,\"x, \"\"y\"\"\nz\",3\n\n4,5,6");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].1, ["1", "x, \"y\"\nz", "3"]);
        assert_eq!(rows[2].0, 5);
    }

    #[test]
    fn formats_detected_from_paths() {
        assert_eq!(
            EventsFormat::detect(Path::new("x/dev.tsv")),
            Some(EventsFormat::Case)
        );
        assert_eq!(
            EventsFormat::detect(Path::new("a.csv")),
            Some(EventsFormat::Acled)
        );
        assert_eq!(
            EventsFormat::detect(Path::new("g.json")),
            Some(EventsFormat::Plover)
        );
        assert_eq!(EventsFormat::detect(Path::new("g.txt")), None);
    }

    #[test]
    fn confusion_macro_f1() {
        let mut c = Confusion::default();
        c.add("A", "A");
        c.add("A", "B");
        c.add("B", "B");
        assert!((c.accuracy() - 2.0 / 3.0).abs() < 1e-9);
        // A: p=1 r=.5 f=.667; B: p=.5 r=1 f=.667
        assert!((c.macro_f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(c.top_confusions(1).len(), 1);
    }

    #[test]
    fn codes_are_normalised() {
        assert_eq!(normalise_code("jap"), "JPN");
        assert_eq!(normalise_code("USA"), "USA");
    }
}
