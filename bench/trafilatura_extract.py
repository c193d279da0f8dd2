#!/usr/bin/env python3
"""Python trafilatura on the same pages as `sitrep eval extract`, side by side.

Writes one JSON line per page (`id`, `text`, `title`, `author`, `date`) that
`sitrep eval extract --gold GOLD --predictions FILE` scores with the same scorer as
sitrep's own extractor, and prints the CPU seconds per MB of HTML on stderr (extraction
only: reading and gunzipping the pages is not counted).

    python3 -m venv /tmp/trafenv && /tmp/trafenv/bin/pip install 'trafilatura==2.3.*'
    /tmp/trafenv/bin/python bench/trafilatura_extract.py ../shared/data/trafilatura-eval-en > /tmp/traf.jsonl
    sitrep eval extract --gold ../shared/data/trafilatura-eval-en --predictions /tmp/traf.jsonl

GOLD is either a trafilatura-eval-en folder (`evaldata_en.json` + `html/FILE.gz`) or an
article-extraction-benchmark folder (`ground-truth.json` + `html/ID.html.gz`).
"""
import gzip
import json
import os
import sys
import time

import trafilatura


def pages(gold):
    """Yields (id, url, html bytes) for every page of the gold set."""
    en = os.path.join(gold, "evaldata_en.json")
    if os.path.exists(en):
        with open(en, encoding="utf-8") as f:
            data = json.load(f)
        for url, entry in sorted(data.items()):
            path = os.path.join(gold, "html", entry["file"] + ".gz")
            if os.path.exists(path):
                with gzip.open(path, "rb") as g:
                    yield entry["file"], url, g.read()
        return
    truth = os.path.join(gold, "ground-truth.json")
    with open(truth, encoding="utf-8") as f:
        data = json.load(f)
    for doc_id, entry in sorted(data.items()):
        path = os.path.join(gold, "html", doc_id + ".html.gz")
        if os.path.exists(path):
            with gzip.open(path, "rb") as g:
                yield doc_id, entry.get("url"), g.read()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    total_bytes = 0
    cpu = 0.0
    for doc_id, url, raw in pages(sys.argv[1]):
        total_bytes += len(raw)
        start = time.process_time()
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False
        )
        cpu += time.process_time() - start
        out = {"id": doc_id, "text": "", "title": "", "author": "", "date": ""}
        if doc is not None:
            d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
            out["text"] = d.get("text") or ""
            out["title"] = d.get("title") or ""
            out["author"] = d.get("author") or ""
            out["date"] = (d.get("date") or "")[:10]
        print(json.dumps(out, ensure_ascii=False))
    mb = total_bytes / 1e6
    print(
        f"trafilatura {trafilatura.__version__}: {total_bytes} bytes, {cpu:.2f} CPU-s, "
        f"{cpu / mb if mb else 0:.4f} CPU-s/MB",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
