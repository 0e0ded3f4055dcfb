"""`make bench`: every Threatline benchmark in one run; results go to docs/benchmarks.md.

Sections (each can be skipped with --skip NAME):
- parse:  raw spaCy words/s of the shipped model (nlp.pipe, 1 process and n_process=2) on
          >= 100k words of news-like text;
- ingest: the full pipeline (`threatline ingest` into SQLite) on generated articles, 1 and 2
          workers: words/s, articles/s, ratio to the raw parse speed, peak memory;
- merge:  cross-article merging of 100,000 event mentions (benchmarks/merge.py) when present.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import articles, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def bench_parse(words_target: int = 100_000) -> dict[str, Any]:
    from threatline.stages.nlp import load_model

    texts: list[str] = []
    words = 0
    for rec in articles(100_000, seed=11):
        texts.append(rec["text"])
        words += len(rec["text"].split())
        if words >= words_target:
            break
    nlp = load_model()
    out: dict[str, Any] = {"words": words, "texts": len(texts)}
    for n_process in (1, 2):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
            pass
        out[f"words_per_second_{n_process}p"] = round(words / (time.perf_counter() - start))
    return out


def _ingest(n_articles: int, workers: int, tmp: Path) -> dict[str, Any]:
    corpus = tmp / f"corpus_{n_articles}.jsonl"
    words = write_jsonl(corpus, n_articles, seed=3)
    db = tmp / f"bench_{workers}.db"
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "threatline", "ingest", str(corpus), "--db", f"sqlite:///{db}", "-q",
           "--workers", str(workers)]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "articles": n_articles,
        "words": words,
        "workers": workers,
        "seconds": round(seconds, 2),
        "articles_per_second": round(n_articles / seconds, 1),
        "words_per_second": round(words / seconds),
        "peak_rss_mb_any_process": round(peak_kb / 1024, 1),
    }


def bench_ingest(n_articles: int = 1000) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        one = _ingest(n_articles, 1, Path(tmp))
        two = _ingest(n_articles, 2, Path(tmp))
    return {"1_worker": one, "2_workers": two, "speedup_2_workers": round(one["seconds"] / two["seconds"], 2)}


def bench_merge() -> dict[str, Any] | None:
    try:
        module = importlib.import_module("benchmarks.merge")
    except ModuleNotFoundError:
        return None
    result: dict[str, Any] = module.run()
    return result


def write_report(results: dict[str, Any]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks.run`); numbers from the last run.",
        "",
        f"- date: {results['date']}",
        f"- machine: {results['machine']}",
        "",
        "```json",
        json.dumps({k: v for k, v in results.items() if k not in ("date", "machine")}, indent=2),
        "```",
        "",
    ]
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--skip", action="append", default=[], help="parse, ingest or merge")
    ap.add_argument("--articles", type=int, default=1000, help="articles for the ingest benchmark")
    args = ap.parse_args()
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    if "parse" not in args.skip:
        results["parse"] = bench_parse()
        print("parse", results["parse"], flush=True)
    if "ingest" not in args.skip:
        results["ingest"] = bench_ingest(args.articles)
        print("ingest", results["ingest"], flush=True)
        if "parse" in results:
            raw = results["parse"]["words_per_second_1p"]
            results["ingest"]["full_over_raw_1_worker"] = round(results["ingest"]["1_worker"]["words_per_second"] / raw, 3)
    if "merge" not in args.skip and (merge := bench_merge()) is not None:
        results["merge"] = merge
        print("merge", merge, flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    write_report(results)


if __name__ == "__main__":
    main()
