"""`make bench`: every Threatline benchmark in one run; results go to docs/benchmarks.md.

Sections (skip any with ``--skip NAME``; sizes are options):

- parse:  raw spaCy words/s of the shipped model (``nlp.pipe``, 1 process and n_process=2) on
          ``--parse-words`` words of generated news-like text;
- ingest: the full pipeline (``ingest()`` into SQLite, as the CLI runs it, without the
          cross-article ``refresh()``, which the merge section measures) on ``--articles``
          generated articles with 1 and 2 workers: words/s and articles/s (whole run, and
          steady state after the first batch), stage seconds, the ratio full / raw parse, the
          speedup of 2 workers, peak memory; the knowledge cache is filled first, as by any
          earlier run. 4,000 articles (~75 s with 1 worker): on 2,000, the ~2.5 s (1 worker)
          and ~4 s (2 workers: each imports and loads) of start-up weighed 6-17% of a run;
- memory: peak RSS of the main process and of the workers (``benchmarks/memory.py``), for each
          ``PIPELINE:ARTICLES`` of ``--memory`` (pipeline ``full``, ``clean`` or ``none``);
- merge:  cross-article merging of 100,000 event mentions (``benchmarks.merge.run()``);
- api:    query latency (``benchmarks.api.run()``), when present.

The machine's load average is recorded with each section: on a shared machine other processes
compete for the cores, and the figures say so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import articles, write_jsonl
from benchmarks.memory import measure_ingest
from benchmarks.memory import run as memory_run

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
SECTIONS = ("parse", "ingest", "memory", "merge", "api")


def bench_parse(words_target: int = 100_000) -> dict[str, Any]:
    from threatline.stages.nlp import load_model

    texts: list[str] = []
    words = 0
    for rec in articles(1_000_000, seed=11):
        texts.append(rec["text"])
        words += len(rec["text"].split())
        if words >= words_target:
            break
    nlp = load_model()
    for _ in nlp.pipe(texts[:8]):  # warm up
        pass
    out: dict[str, Any] = {"words": words, "texts": len(texts)}
    for n_process in (1, 2):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
            pass
        out[f"words_per_second_{n_process}p"] = round(words / (time.perf_counter() - start))
    return out


def _ingest_one(corpus: Path, words: int, n: int, workers: int, tmp: Path) -> dict[str, Any]:
    db = tmp / f"bench_{workers}.db"
    db.unlink(missing_ok=True)
    rep = measure_ingest(corpus, f"sqlite:///{db}", workers=workers, refresh=False)
    steady = rep.get("steady_articles_per_second") or 0.0
    return {
        "workers": workers,
        "articles": n,
        "words": words,
        "seconds": rep["seconds"],
        "articles_per_second": round(n / rep["seconds"], 1),
        "words_per_second": round(words / rep["seconds"]),
        "steady_articles_per_second": steady,
        "steady_words_per_second": round(steady * words / n),
        "first_batch_seconds": rep.get("first_batch_seconds"),
        "stage_seconds": rep["stage_seconds"],
        "peak_rss_mb_main": rep["peak_rss_mb_main"],
        "peak_rss_mb_worker": rep["peak_rss_mb_worker"],
    }


def _warm_knowledge_cache() -> str:
    """Fill the knowledge cache (``threatline.knowledge.cache``) before the timed runs, as any
    earlier run does: the runs then measure what every run after a user's first one costs.
    Returns the cache directory (or "off")."""
    from threatline.knowledge import load_knowledge
    from threatline.knowledge.cache import cache_dir
    from threatline.knowledge.gazetteer import load_gazetteer

    load_knowledge()
    load_gazetteer()
    return str(cache_dir() or "off")


def bench_ingest(n_articles: int = 4000) -> dict[str, Any]:
    cache = _warm_knowledge_cache()
    with tempfile.TemporaryDirectory(prefix="threatline-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_jsonl(corpus, n_articles, seed=3)
        one = _ingest_one(corpus, words, n_articles, 1, Path(tmp))
        two = _ingest_one(corpus, words, n_articles, 2, Path(tmp))
    return {
        "knowledge_cache": cache,
        "1_worker": one,
        "2_workers": two,
        "speedup_2_workers": round(one["seconds"] / two["seconds"], 2),
        "steady_speedup_2_workers": round(
            two["steady_articles_per_second"] / max(one["steady_articles_per_second"], 1e-9), 2
        ),
    }


def bench_memory(specs: list[tuple[str, int]], workers: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pipeline, n in specs:
        key = f"{pipeline}_{n}"
        try:
            out[key] = memory_run(
                n, workers=workers if pipeline != "none" else 1, pipeline=pipeline
            )
        except Exception as exc:  # the other sizes still run
            out[key] = {"error": f"{type(exc).__name__}: {exc}"}
        print("memory", key, out[key], flush=True)
    return out


def _optional(module: str) -> Callable[[], dict[str, Any]] | None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError:
        return None
    fn: Callable[[], dict[str, Any]] | None = getattr(mod, "run", None)
    return fn


def _ratios(results: dict[str, Any]) -> None:
    ingest, parse = results.get("ingest"), results.get("parse")
    if not ingest or not parse or "error" in ingest or "error" in parse:
        return
    raw = parse["words_per_second_1p"]
    ingest["full_over_raw_1_worker"] = round(ingest["1_worker"]["words_per_second"] / raw, 3)
    ingest["steady_full_over_raw_1_worker"] = round(
        ingest["1_worker"]["steady_words_per_second"] / raw, 3
    )


def _summary(results: dict[str, Any]) -> list[str]:
    rows: list[tuple[str, str, str]] = []

    def ok(name: str) -> dict[str, Any]:
        section: dict[str, Any] = results.get(name) or {}
        return {} if "error" in section else section

    parse, ingest, mem = ok("parse"), ok("ingest"), ok("memory")
    if parse:
        rows.append(("raw parse, 1 process", f"{parse['words_per_second_1p']:,} words/s", ""))
        rows.append(("raw parse, n_process=2", f"{parse['words_per_second_2p']:,} words/s", ""))
    if ingest:
        stages = ", ".join(ingest["1_worker"]["stage_seconds"])
        rows.append(("per-article stages measured", stages, ""))
        for key in ("1_worker", "2_workers"):
            r = ingest[key]
            rows.append((
                f"full pipeline, {key.replace('_', ' ')}",
                f"{r['words_per_second']:,} words/s, {r['articles_per_second']} articles/s "
                f"(steady {r['steady_words_per_second']:,} words/s)",
                "",
            ))  # fmt: skip
        if "full_over_raw_1_worker" in ingest:
            ratio = ingest["full_over_raw_1_worker"]
            steady = ingest["steady_full_over_raw_1_worker"]
            rows.append(("full / raw parse (1 worker)", f"{ratio} (steady {steady})", ">= 0.6"))
        rows.append(("2 workers / 1 worker",
                     f"{ingest['speedup_2_workers']} (steady {ingest['steady_speedup_2_workers']})",
                     ">= 1.7"))  # fmt: skip
    for key, r in (mem or {}).items():
        if not isinstance(r, dict) or "error" in r:
            continue
        rows.append((f"peak memory, {key.replace('_', ' pipeline, ')} articles",
                     f"main {r['peak_rss_mb_main']} MB, worker {r['peak_rss_mb_worker']} MB, "
                     f"total {r['peak_rss_mb_total']} MB", "< 1500 MB"))  # fmt: skip
    if merge := ok("merge"):
        rows.append((f"merge, {merge.get('mentions', '?'):,} mentions",
                     f"{merge.get('seconds')} s, peak {merge.get('peak_memory_mb')} MB, "
                     f"B3 F1 {merge.get('b3_f1')}", ""))  # fmt: skip
    if api := ok("api"):
        rows.append((f"API query latency, {api.get('events', '?'):,} events",
                     f"p50 {api.get('p50_ms')} ms, p95 {api.get('p95_ms')} ms", ""))  # fmt: skip
    lines = ["| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return lines


def write_report(results: dict[str, Any]) -> None:
    detail = {k: v for k, v in results.items() if k not in ("date", "machine", "run_seconds")}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks.run`); numbers from the last run. How to",
        "run them and what they mean: [scaling.md](scaling.md).",
        "",
        f"- date: {results['date']}",
        f"- machine: {results['machine']}",
        f"- whole run: {results['run_seconds']} s",
        "",
        *_summary(results),
        "",
        "Every figure, with the load average of the machine during each section:",
        "",
        "```json",
        json.dumps(detail, indent=2),
        "```",
        "",
    ]
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines), encoding="utf-8")


def _spec(value: str) -> list[tuple[str, int]]:
    out = []
    for item in value.split(","):
        pipeline, _, n = item.partition(":")
        out.append((pipeline, int(n)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--skip", action="append", default=[], choices=SECTIONS)
    ap.add_argument("--parse-words", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=4000, help="articles for the ingest section")
    ap.add_argument("--memory", type=_spec, default=_spec("none:100000,full:3000,full:10000"),
                    help="PIPELINE:ARTICLES,... (pipeline: full, clean or none)")  # fmt: skip
    ap.add_argument("--memory-workers", type=int, default=2)
    ap.add_argument("--no-report", action="store_true", help="do not write docs/benchmarks.md")
    args = ap.parse_args()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average at start {os.getloadavg()[0]:.1f}",
    }
    plan: list[tuple[str, Callable[[], dict[str, Any] | None]]] = [
        ("parse", lambda: bench_parse(args.parse_words)),
        ("ingest", lambda: bench_ingest(args.articles)),
        ("memory", lambda: bench_memory(args.memory, args.memory_workers)),
        ("merge", lambda: fn() if (fn := _optional("benchmarks.merge")) else None),
        ("api", lambda: fn() if (fn := _optional("benchmarks.api")) else None),
    ]
    for name, section in plan:
        if name in args.skip:
            continue
        t0 = time.perf_counter()
        try:
            result = section()
        except Exception as exc:  # one broken section must not lose the others
            result = {"error": f"{type(exc).__name__}: {exc}"}
        if result is None:
            continue
        result["section_seconds"] = round(time.perf_counter() - t0, 1)
        result["load_average_after"] = round(os.getloadavg()[0], 1)
        results[name] = result
        print(name, json.dumps(result), flush=True)
    _ratios(results)
    results["run_seconds"] = round(time.perf_counter() - started, 1)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.no_report:
        write_report(results)
    print(f"done in {results['run_seconds']} s", flush=True)


if __name__ == "__main__":
    main()
