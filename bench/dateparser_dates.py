#!/usr/bin/env python3
"""Side by side: Python dateparser's `search_dates` on TimeML news, against `sitrep eval timex`.

Usage (from the repository root):

    python3 -m venv /tmp/dpenv && /tmp/dpenv/bin/pip install dateparser
    /tmp/dpenv/bin/python bench/dateparser_dates.py --gold ../shared/data/tempeval3/TBAQ-cleaned/TimeBank
    cargo run --release -p sitrep -- eval timex --gold ../shared/data/tempeval3/TBAQ-cleaned/TimeBank

Each document's creation time (the DCT of the .tml file) is dateparser's RELATIVE_BASE, with
PREFER_DATES_FROM=past, as a news reader would set it. dateparser finds only dates, so it is
scored against the gold TIMEX3 of type DATE and TIME (DURATION and SET are left out of its
recall, which flatters it). Spans match relaxed (any character overlap), as TempEval-3's relaxed
span F1. A value counts as correct when the gold value is a calendar date or month or year
(YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time) and dateparser's datetime, cut to the gold
value's length, equals it: also generous, since dateparser always answers with a full day and
would not know "December" means a month. Throughput is text characters per CPU-second of
`search_dates` alone. Last line: one JSON object.

Also prints what dateparser reads in the seed article (examples/kursk/article.txt,
published 2025-01-11) when that file is there.
"""

import argparse
import datetime as dt
import json
import os
import re
import sys
import time

from dateparser.search import search_dates

TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)
TAG = re.compile(r"<[^>]+>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2})?)?)?)?$")


def read_tml(path):
    """(text, gold [(start, end, type, value)], dct datetime) of one TimeML file."""
    raw = open(path, encoding="utf-8").read()
    dct = None
    m = re.search(r"<DCT>(.*?)</DCT>", raw, re.S)
    if m:
        attrs = dict(ATTR.findall(m.group(1)))
        value = attrs.get("value", "")
        try:
            dct = dt.datetime.strptime(value[:10], "%Y-%m-%d")
        except ValueError:
            dct = None
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body = body.group(1) if body else ""
    text, gold, pos = [], [], 0
    out_len = 0
    for m in TIMEX.finditer(body):
        before = TAG.sub("", body[pos:m.start()])
        text.append(before)
        out_len += len(before)
        inner = TAG.sub("", m.group(2))
        attrs = dict(ATTR.findall(m.group(1)))
        gold.append((out_len, out_len + len(inner), attrs.get("type", ""), attrs.get("value", "")))
        text.append(inner)
        out_len += len(inner)
        pos = m.end()
    text.append(TAG.sub("", body[pos:]))
    return "".join(text), gold, dct


def locate(text, found):
    """Character spans of dateparser's (substring, datetime) answers, searched left to right."""
    spans, at = [], 0
    for sub, when in found:
        i = text.find(sub, at)
        if i < 0:
            i = text.find(sub)
        if i < 0:
            continue
        spans.append((i, i + len(sub), when))
        at = i + len(sub)
    return spans


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default="../shared/data/tempeval3/TBAQ-cleaned/TimeBank")
    ap.add_argument("--limit", type=int, default=0, help="at most this many files (0: all)")
    args = ap.parse_args()
    files = sorted(f for f in os.listdir(args.gold) if f.endswith(".tml"))
    if args.limit:
        files = files[: args.limit]
    n_sys = n_gold = n_span = n_value = 0
    chars = 0
    cpu = 0.0
    for name in files:
        text, gold, dct = read_tml(os.path.join(args.gold, name))
        gold = [g for g in gold if g[2] in ("DATE", "TIME")]
        settings = {"PREFER_DATES_FROM": "past"}
        if dct:
            settings["RELATIVE_BASE"] = dct
        t0 = time.process_time()
        found = search_dates(text, languages=["en"], settings=settings) or []
        cpu += time.process_time() - t0
        chars += len(text)
        spans = locate(text, found)
        n_sys += len(spans)
        n_gold += len(gold)
        used = set()
        for s, e, when in spans:
            for k, (gs, ge, _typ, value) in enumerate(gold):
                if k in used or ge <= s or gs >= e:
                    continue
                used.add(k)
                n_span += 1
                iso = when.strftime("%Y-%m-%dT%H:%M")
                if CALENDAR.match(value) and iso[: len(value)] == value:
                    n_value += 1
                break
    sp, sr = (n_span / n_sys if n_sys else 0.0), (n_span / n_gold if n_gold else 0.0)
    vp, vr = (n_value / n_sys if n_sys else 0.0), (n_value / n_gold if n_gold else 0.0)
    rate = chars / cpu if cpu else 0.0
    print(f"dateparser {__import__('dateparser').__version__} on {len(files)} files of {args.gold}")
    print(f"{'metric':<22}{'P':>8}{'R':>8}{'F1':>8}")
    print(f"{'relaxed span':<22}{sp:8.3f}{sr:8.3f}{f1(sp, sr):8.3f}")
    print(f"{'value (generous)':<22}{vp:8.3f}{vr:8.3f}{f1(vp, vr):8.3f}")
    print(f"system {n_sys}, gold DATE/TIME {n_gold}; {chars} chars in {cpu:.2f} CPU-s = {rate / 1000:.1f} K chars/s")
    seed = os.path.join(os.path.dirname(__file__), "..", "examples", "kursk", "article.txt")
    if os.path.exists(seed):
        text = open(seed, encoding="utf-8").read()
        base = dt.datetime(2025, 1, 11)
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
        print("seed article (published 2025-01-11):")
        for sub, when in found:
            print(f"  {sub!r:40} -> {when.date()}")
    print(json.dumps({
        "tool": "dateparser",
        "files": len(files),
        "relaxed_span_f1": round(f1(sp, sr), 4),
        "value_f1_generous": round(f1(vp, vr), 4),
        "chars_per_cpu_second": round(rate),
    }))


if __name__ == "__main__":
    sys.exit(main())
