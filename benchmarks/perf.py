"""`make perf`: RedactPHI (default and rules engines) against vanilla Presidio on the same
notes, interleaved, one process per (system, note set, round), each pinned to one core.

    python benchmarks/perf.py [--rounds 3] [--corpus PATH.jsonl ...] [--quick]
                              [--limit N] [--no-extras | --only-extras] [--json benchmarks/perf.json]

Note sets: generated search queries (~150 characters), generated clinical notes
(progress, nursing, radiology, ... 1-5 KB), generated 20 KB discharge summaries (several
synthetic notes joined), and any annotated JSONL corpus given (or found in ../shared).

Per system and set it reports the median over rounds of: CPU seconds spent redacting
(process time, model loading and scoring excluded), notes/s and KB/s of CPU, the CPU ratio
against vanilla Presidio measured in the same rounds, the child's peak RSS, and strict
recall / token precision from the benchmark scorer. Vanilla = Presidio's default
recognizers on the same spaCy model, analyze + anonymize, as its README shows.

Extras (skipped with --no-extras): `--workers 1` vs `--workers 2` on 1,000 notes in
folder mode (wall clock); a cold-process `scan --engine rules` of 20 small files; one
10 MB note (rules engine) against 1 KB notes, cost per KB and peak RSS.

Figures taken while other processes compete for the cores are not comparable: run it on
an idle machine (the script prints the load average it saw).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
SYSTEMS = ("presidio", "redactphi", "redactphi-rules")


# --- note sets ------------------------------------------------------------------------


def _synthetic(kind: str, n: int) -> list:
    from redactphi.bench.gold import GoldNote, GoldSpan
    from redactphi.bench.synth import generate

    notes = []
    if kind == "queries":
        for note in generate(n * 8, seed=11):
            if note.style == "search_query" and note.spans:
                notes.append(note)
            if len(notes) == n:
                break
        return notes
    if kind == "notes":
        for note in generate(n * 3, seed=12):
            if note.style not in ("search_query", "discharge_summary") and len(note.text) >= 700:
                notes.append(note)
            if len(notes) == n:
                break
        return notes
    # kind == "long": ~20 KB documents, each several synthetic notes joined
    source = (x for x in generate(10**6, seed=13) if len(x.text) >= 700)
    for i in range(n):
        text, spans = "", []
        while len(text) < 20_000:
            part = next(source)
            base = len(text)
            spans += [GoldSpan(s.start + base, s.end + base, s.type, s.text) for s in part.spans]
            text += part.text + "\n\n"
        notes.append(GoldNote(f"long{i}", text, tuple(spans)))
    return notes


LIMIT = {"corpus": 0}


def load_set(name: str, quick: bool) -> list:
    from redactphi.bench.gold import load_gold

    sizes = {"queries": 300, "notes": 200, "long": 15}
    if quick:
        sizes = {k: max(3, v // 5) for k, v in sizes.items()}
    if name in sizes:
        return _synthetic(name, sizes[name])
    notes = list(load_gold(name))
    if LIMIT["corpus"]:
        notes = notes[: LIMIT["corpus"]]
    return notes[: len(notes) // 5] if quick else notes


# --- one measurement (child process) --------------------------------------------------


def _predictor(system: str):
    from redactphi.bench.run import redactphi_predictor
    from redactphi.config import Config

    if system == "redactphi":
        return redactphi_predictor(Config())
    if system == "redactphi-rules":
        return redactphi_predictor(Config(engine="rules"))
    from presidio_anonymizer import AnonymizerEngine

    from redactphi.bench.vanilla import build_vanilla_analyzer

    analyzer, anonymizer = build_vanilla_analyzer(), AnonymizerEngine()

    def predict(texts: Iterable[str]) -> Iterator[list]:
        for text in texts:
            results = analyzer.analyze(text=text, language="en", score_threshold=0)
            anonymizer.anonymize(text, results)
            yield [(r.start, r.end, r.entity_type) for r in results]

    list(predict(["Warm-up: the patient was seen today and is doing well."]))
    return predict


def child(system: str, set_name: str, quick: bool, cpu: int | None) -> dict:
    from redactphi.bench.run import run_bench

    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    notes = load_set(set_name, quick)
    t0 = time.process_time()
    predictor = _predictor(system)
    load_cpu = time.process_time() - t0
    report = run_bench(notes, predictor, clock=time.process_time)
    chars = sum(len(n.text.encode("utf-8")) for n in notes)
    return {
        "notes": len(notes),
        "kb": round(chars / 1024, 1),
        "cpu_s": round(report.seconds or 0.0, 3),
        "load_cpu_s": round(load_cpu, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "recall": report.strict_recall,
        "token_precision": report.token_precision,
    }


def _run_child(system: str, set_name: str, quick: bool, cpu: int | None) -> dict:
    cmd = [sys.executable, __file__, "--child", system, set_name, "--limit", str(LIMIT["corpus"])]
    if quick:
        cmd.append("--quick")
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        # the child's stderr can only hold our own messages and tracebacks of synthetic or
        # local-corpus runs; print its last line, never note text
        raise SystemExit(f"perf child {system} on {Path(set_name).name} failed (exit {out.returncode})")
    return json.loads(out.stdout)


# --- extras ---------------------------------------------------------------------------


def _redactphi_bin() -> str:
    return str(Path(sys.executable).with_name("redactphi"))


def _write_notes(folder: Path, texts: Iterable[str]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for n, text in enumerate(texts, 1):
        (folder / f"n{n:05d}.txt").write_text(text, encoding="utf-8")
    return n


def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def extras(quick: bool) -> dict:
    from redactphi.bench.synth import generate

    out: dict = {}
    tmp = Path(tempfile.mkdtemp(prefix="redactphi-perf-"))
    try:
        n = 200 if quick else 1000
        _write_notes(tmp / "in", (x.text for x in generate(n, seed=21)))
        for engine in ("spacy", "rules"):
            walls = {}
            for workers in (1, 2):
                dest = tmp / f"out-{engine}-{workers}"
                walls[workers] = _wall([_redactphi_bin(), "redact", str(tmp / "in"), "-o", str(dest), "--workers", str(workers), "--engine", engine, "-q"])
                shutil.rmtree(dest, ignore_errors=True)
            out[f"workers_{engine}"] = {"notes": n, "wall_1": round(walls[1], 1), "wall_2": round(walls[2], 1), "speedup": round(walls[1] / walls[2], 2)}
        small = tmp / "scan"
        _write_notes(small, (x.text for x in generate(20, seed=22)))
        files = sorted(str(p) for p in small.iterdir())
        out["scan_20_rules_cold_s"] = round(min(_wall([_redactphi_bin(), "scan", "--engine", "rules", "-q", *files]) for _ in range(3)), 2)
        out["version_s"] = round(min(_wall([_redactphi_bin(), "--version"]) for _ in range(3)), 2)
        out["big_note"] = _big_note(tmp, 2 if quick else 10)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _big_note(tmp: Path, megabytes: int) -> dict:
    """One note of ``megabytes`` MB against 1 KB notes, rules engine, stdin mode: CPU per KB
    and peak RSS of the whole process (measured by the kernel for the child)."""
    from redactphi.bench.synth import generate

    texts = [x.text for x in generate(4000, seed=23)]
    big = "\n\n".join(texts)
    while len(big) < megabytes * 1024 * 1024:
        big += "\n\n" + big
    big = big[: megabytes * 1024 * 1024]
    small = [t[:1024] for t in texts[:500]]
    (tmp / "big.txt").write_text(big, encoding="utf-8")
    result = {}
    for label, payload in (("one_big", [tmp / "big.txt"]), ("small_1kb", None)):
        if payload is None:
            _write_notes(tmp / "small", small)
            args = [str(tmp / "small"), "-o", str(tmp / "small-out")]
            kb = sum(len(t.encode()) for t in small) / 1024
        else:
            args = [str(payload[0]), "-o", str(tmp / "big-out.txt")]
            kb = len(big.encode()) / 1024
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run([_redactphi_bin(), "redact", *args, "--engine", "rules", "-q"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        result[label] = {"kb": round(kb), "exit": proc.returncode, "cpu_s": round(cpu, 1), "wall_s": round(wall, 1), "cpu_ms_per_kb": round(1000 * cpu / kb, 2), "peak_rss_mb": round(r1.ru_maxrss / 1024)}
    return result


# --- report ---------------------------------------------------------------------------


def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.2f}%" if pct else f"{value:,.1f}"


def summarise(runs: dict) -> list[dict]:
    rows = []
    for set_name, by_system in runs.items():
        vanilla_cpu = statistics.median(r["cpu_s"] for r in by_system["presidio"]) if "presidio" in by_system else None
        for system, results in by_system.items():
            cpu = statistics.median(r["cpu_s"] for r in results)
            first = results[0]
            rows.append({
                "set": Path(set_name).stem, "system": system, "notes": first["notes"], "kb": first["kb"],
                "cpu_s": round(cpu, 3), "notes_per_cpu_s": round(first["notes"] / cpu, 1) if cpu else None,
                "kb_per_cpu_s": round(first["kb"] / cpu, 1) if cpu else None,
                "vs_presidio": round(vanilla_cpu / cpu, 2) if vanilla_cpu and cpu else None,
                "peak_rss_mb": max(r["peak_rss_mb"] for r in results),
                "recall": first["recall"], "token_precision": first["token_precision"],
            })
    return rows


def print_table(rows: list[dict]) -> None:
    head = ["set", "system", "notes", "KB", "CPU s", "notes/s", "KB/s", "vs Presidio", "RSS MB", "recall", "tok prec"]
    table = [[r["set"], r["system"], str(r["notes"]), f"{r['kb']:,.0f}", f"{r['cpu_s']:.2f}", _fmt(r["notes_per_cpu_s"]),
              _fmt(r["kb_per_cpu_s"]), f"{r['vs_presidio']:.2f}x" if r["vs_presidio"] else "-", str(r["peak_rss_mb"]),
              _fmt(r["recall"], True), _fmt(r["token_precision"], True)] for r in rows]
    widths = [max(len(x[i]) for x in [head, *table]) for i in range(len(head))]
    for line in [head, *table]:
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", nargs=2, metavar=("SYSTEM", "SET"), help=argparse.SUPPRESS)
    ap.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", action="append", default=[], help="annotated JSONL corpus to add (repeatable)")
    ap.add_argument("--quick", action="store_true", help="a fifth of each set, one round: for checking the script")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N notes of each corpus (0: all)")
    ap.add_argument("--no-extras", action="store_true")
    ap.add_argument("--only-extras", action="store_true", help="only the workers, scan and 10 MB note figures")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "perf.json")
    args = ap.parse_args()
    LIMIT["corpus"] = args.limit
    if args.child:
        json.dump(child(args.child[0], args.child[1], args.quick, args.cpu), sys.stdout)
        return
    corpora = args.corpus or [str(p) for p in (SHARED / "physionet-dev.jsonl", SHARED / "asq-phi-dev.jsonl") if p.exists()]
    sets = [] if args.only_extras else ["queries", "notes", "long", *corpora]
    rounds = 1 if args.quick else args.rounds
    cpu = (os.sched_getaffinity(0) and min(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else None
    load_before = os.getloadavg()[0]
    runs: dict = {s: {} for s in sets}
    for r in range(rounds):
        for set_name in sets:
            order = SYSTEMS if r % 2 == 0 else tuple(reversed(SYSTEMS))  # interleave, alternate order
            for system in order:
                runs[set_name].setdefault(system, []).append(_run_child(system, set_name, args.quick, cpu))
                print(f"round {r + 1}/{rounds} {Path(set_name).stem} {system} done", file=sys.stderr)
    rows = summarise(runs)
    result = {"commit": _commit(), "rounds": rounds, "quick": args.quick, "load_avg_before": round(load_before, 2),
              "load_avg_after": round(os.getloadavg()[0], 2), "rows": rows}
    if not args.no_extras:
        result["extras"] = extras(args.quick)
    print_table(rows)
    if "extras" in result:
        print(json.dumps(result["extras"], indent=1))
    print(f"load average before/after: {result['load_avg_before']} / {result['load_avg_after']}")
    args.json.write_text(json.dumps(result, indent=1) + "\n")


def _commit() -> str | None:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or None


if __name__ == "__main__":
    main()
