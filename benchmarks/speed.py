"""Throughput: RedactPHI against vanilla Presidio on the same notes, one process (one core).

Pinned to one BLAS thread, so the figures are notes per second per core.
Vanilla = Presidio's default AnalyzerEngine recognizers on the same spaCy model (full
pipeline, as Presidio loads it), analyze + anonymize one note at a time, the way its
README shows. Model loading is timed separately from redaction.

    python benchmarks/speed.py [samples | synth:N] [--repeat K]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

# Per core: one BLAS thread, or spaCy's matrix products quietly use the second core.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]


def load_texts(source: str) -> list[str]:
    if source.startswith("synth:"):
        from redactphi.bench.synth import generate

        return [n.text for n in generate(int(source.split(":", 1)[1]), seed=0)]
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / source).rglob("*.txt"))]


def time_redactphi(texts: list[str], repeat: int) -> dict:
    from redactphi import Config, Redactor

    t0 = time.perf_counter()
    r = Redactor(Config())
    load = time.perf_counter() - t0
    list(r.redact_many(texts[:5]))  # warm-up
    t0 = time.perf_counter()
    for _ in range(repeat):
        for _res in r.redact_many(texts):
            pass
    secs = time.perf_counter() - t0
    return {"load_seconds": round(load, 2), "notes_per_second": round(repeat * len(texts) / secs, 1)}


def time_vanilla(texts: list[str], repeat: int) -> dict:
    from presidio_anonymizer import AnonymizerEngine

    from redactphi.bench.vanilla import build_vanilla_analyzer

    t0 = time.perf_counter()
    analyzer = build_vanilla_analyzer()
    anonymizer = AnonymizerEngine()
    load = time.perf_counter() - t0
    for t in texts[:5]:
        anonymizer.anonymize(t, analyzer.analyze(t, language="en", score_threshold=0))
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            anonymizer.anonymize(t, analyzer.analyze(t, language="en", score_threshold=0))
    secs = time.perf_counter() - t0
    return {"load_seconds": round(load, 2), "notes_per_second": round(repeat * len(texts) / secs, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", nargs="?", default="samples")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", choices=["redactphi", "presidio"])
    args = ap.parse_args()
    texts = load_texts(args.source)
    chars = sum(map(len, texts))
    result = {"source": args.source, "notes": len(texts), "mean_chars": round(chars / len(texts)), "repeat": args.repeat}
    if args.only != "presidio":
        result["redactphi"] = time_redactphi(texts, args.repeat)
    if args.only != "redactphi":
        result["presidio"] = time_vanilla(texts, args.repeat)
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if "redactphi" in result and "presidio" in result:
        result["speedup"] = round(result["redactphi"]["notes_per_second"] / result["presidio"]["notes_per_second"], 2)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
