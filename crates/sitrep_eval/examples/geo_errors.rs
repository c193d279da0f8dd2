//! Error analysis for toponym resolution (resolve mode): accuracy within 161 km on a gold
//! corpus and on its two halves ([`split_half`]: the dev half is the one to study), with
//! weights overridden from the command line (`pop=1.2 country=3`), and with `--dump` every
//! miss of the dev half with the candidate nearest to the gold point.
//!
//! `cargo run --release -p sitrep_eval --example geo_errors -- GOLD.xml [k=v ...] [--dump]`
#![allow(clippy::print_stdout)]

use sitrep_annotate::places::resolve::{MentionInput, Weights, candidates, resolve_mentions_with};
use sitrep_annotate::places::{PlaceResolver, PlacesConfig, haversine_km, name_key};
use sitrep_eval::geo::{GoldDoc, read_gold, split_half};
use sitrep_model::Span;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let gold = args
        .get(1)
        .ok_or("usage: geo_errors GOLD.xml [k=v ...] [--dump]")?;
    let dump = args.iter().any(|a| a == "--dump");
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
    let mut line = String::new();
    for (name, d) in [
        ("all", docs.clone()),
        ("dev", split_half(&docs, true)),
        ("rest", split_half(&docs, false)),
    ] {
        let (n, hits) = run(&d, &resolver, &w, dump && name == "dev");
        line.push_str(&format!(
            "{name} {:.4} ({hits}/{n})  ",
            hits as f64 / n.max(1) as f64
        ));
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
