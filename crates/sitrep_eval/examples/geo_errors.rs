//! Error analysis for toponym resolution: accuracy within 161 km on the dev half of a gold
//! corpus ([`split_half`]), in resolve mode and (with `--e2e`) end to end, with weights
//! overridden from the command line (`pop=1.2 country=3`), and with `--dump` every resolve
//! miss of the dev half with the candidate nearest to the gold point. `--heldout` also scores
//! the held-out half: use it once, to confirm, never while developing.
//!
//! `cargo run --release -p sitrep_eval --example geo_errors -- GOLD.xml [k=v ...] [--e2e]
//! [--dump] [--heldout]`
#![allow(clippy::print_stdout)]

use sitrep_annotate::places::resolve::{MentionInput, Weights, candidates, resolve_mentions_with};
use sitrep_annotate::places::{PlaceResolver, PlacesConfig, haversine_km, name_key};
use sitrep_eval::geo::{GeoMode, GoldDoc, evaluate_docs, read_gold, split_half};
use sitrep_model::Span;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let gold = args
        .get(1)
        .ok_or("usage: geo_errors GOLD.xml [k=v ...] [--dump]")?;
    let dump = args.iter().any(|a| a == "--dump");
    let heldout = args.iter().any(|a| a == "--heldout");
    let e2e = args.iter().any(|a| a == "--e2e");
    let mut w = Weights::DEFAULT;
    for a in args.iter().skip(2) {
        let Some((k, v)) = a.split_once('=').filter(|_| !a.starts_with("--")) else {
            continue;
        };
        let v: f64 = v.parse()?;
        match k {
            "pop" => w.pop = v,
            "capital" => w.capital = v,
            "seat" => w.seat = v,
            "admin1" => w.admin1 = v,
            "alternate" => w.alternate = v,
            "country" => w.country = v,
            "same_admin" => w.same_admin = v,
            "near" => w.near = v,
            "radius" => w.radius = v,
            "container" => w.container = v,
            "contained" => w.contained = v,
            "trust" => w.trust = v,
            "weak_population" => w.weak_population = v as u32,
            _ => return Err(format!("unknown weight {k}").into()),
        }
    }
    let mut docs = read_gold(Path::new(gold))?;
    if let Some(id) = args.iter().find_map(|a| a.strip_prefix("--doc=")) {
        docs.retain(|d| d.id == id);
    }
    let resolver = PlacesConfig::default().build()?;
    let e2e_resolver = PlacesConfig {
        demonyms: true,
        ..PlacesConfig::default()
    }
    .build()?;
    let mut halves = vec![("dev", split_half(&docs, true))];
    if heldout {
        halves.push(("heldout", split_half(&docs, false)));
    }
    let mut line = String::new();
    for (name, d) in halves {
        let started = std::time::Instant::now();
        let (n, hits) = run(&d, &resolver, &w, dump && name == "dev");
        let ms = started.elapsed().as_secs_f64() * 1000.0 / n.max(1) as f64;
        line.push_str(&format!(
            "{name} resolve {:.4} ({hits}/{n}, {ms:.3} ms/place)  ",
            hits as f64 / n.max(1) as f64
        ));
        if e2e {
            let s = evaluate_docs(&d, GeoMode::EndToEnd, &e2e_resolver);
            let r = s.report(GeoMode::EndToEnd);
            let m = |k: &str| r.metrics.iter().find(|(x, _)| x == k).map_or(0.0, |x| x.1);
            line.push_str(&format!(
                "{name} e2e {:.4} (f1 {:.4}, {} scored)  ",
                m("acc161"),
                m("recognition_f1"),
                s.errors.len()
            ));
            if dump && name == "dev" {
                for doc in &d {
                    let s =
                        evaluate_docs(std::slice::from_ref(doc), GeoMode::EndToEnd, &e2e_resolver);
                    let hits = s.errors.iter().filter(|(_, e)| *e <= 161.0).count();
                    println!("e2e doc {} {hits}/{}", doc.id, s.errors.len());
                    for n in s.samples {
                        println!("e2e   {n}");
                    }
                }
            }
        }
    }
    println!("{line}");
    Ok(())
}

/// Resolves the gold toponyms as the eval's resolve mode does: (toponyms, hits within 161 km).
fn run(docs: &[GoldDoc], resolver: &PlaceResolver, w: &Weights, dump: bool) -> (usize, usize) {
    let g = resolver.gazetteer();
    let (mut n, mut hits) = (0, 0);
    for d in docs {
        let seg = sitrep_segment::SegmentConfig::default()
            .build()
            .segment(&d.text);
        let sentences: Vec<Span> = seg.sentences.iter().map(|x| x.span).collect();
        let tokens: Vec<Span> = seg.tokens.iter().map(|x| x.span).collect();
        let (_, countries) = resolver.find_names(&d.text, &sentences, &tokens, &[], &[]);
        let mut order: Vec<usize> = (0..d.toponyms.len()).collect();
        order.sort_by_key(|&k| d.toponyms.get(k).map(|t| (t.start, t.end)));
        let inputs: Vec<MentionInput> = order
            .iter()
            .filter_map(|&k| d.toponyms.get(k))
            .map(|t| MentionInput {
                start: t.start,
                end: t.end,
                demonym: g.demonym(&name_key(d.text.get(t.start..t.end).unwrap_or(""))),
                unresolvable: false,
            })
            .collect();
        let res = resolve_mentions_with(g, &d.text, &inputs, &countries, w);
        for (k, r) in order.iter().zip(res) {
            let Some(t) = d.toponyms.get(*k) else {
                continue;
            };
            n += 1;
            let rec = r.record.or(r.fallback).and_then(|i| g.record(i));
            let err = rec.map_or(20039.0, |x| {
                haversine_km(f64::from(x.lat), f64::from(x.lon), t.lat, t.lon)
            });
            if std::env::var_os("GEO_VERBOSE").is_some() {
                let surface = d.text.get(t.start..t.end).unwrap_or("");
                let got = rec.map_or("-".to_owned(), |x| {
                    format!("{} {} {:?} pop{}", g.name(x), x.cc(), x.kind, x.population)
                });
                println!(
                    "  {} {surface:?} -> {got} ({err:.0} km, conf {:.2}, {} cands)",
                    if err <= 161.0 { "ok  " } else { "MISS" },
                    r.confidence,
                    r.candidates
                );
            }
            if err <= 161.0 {
                hits += 1;
                continue;
            }
            if !dump {
                continue;
            }
            let surface = d.text.get(t.start..t.end).unwrap_or("");
            let mut ctx_s = t.start.saturating_sub(40);
            while !d.text.is_char_boundary(ctx_s) {
                ctx_s -= 1;
            }
            let mut ctx_e = (t.end + 40).min(d.text.len());
            while !d.text.is_char_boundary(ctx_e) {
                ctx_e += 1;
            }
            let ctx = d.text.get(ctx_s..ctx_e).unwrap_or("").replace('\n', " ");
            let show = |x: &sitrep_annotate::places::Record| {
                format!("{} {} {:?} pop{}", g.name(x), x.cc(), x.kind, x.population)
            };
            let got = rec.map_or("-".to_owned(), show);
            let cands = candidates(g, &name_key(surface));
            let best = cands
                .iter()
                .filter_map(|p| g.record(p.record))
                .map(|x| {
                    let e = haversine_km(f64::from(x.lat), f64::from(x.lon), t.lat, t.lon);
                    (e, show(x))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0));
            println!(
                "{}\t{surface}\t{}\t{err:.0}\tgot={got}\tbest={best:?}\tn={}\t[{ctx}]",
                d.id,
                t.kind,
                cands.len()
            );
        }
    }
    (n, hits)
}
