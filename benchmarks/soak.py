"""Soak test: N synthetic notes through one `redactphi redact -` process (JSONL, one note
per record), sampling the process's resident set size and open file descriptors as it
runs. Both should stay flat. Not part of CI.

    python benchmarks/soak.py [N] [--engine rules|spacy] [--every SECONDS]

Prints one JSON object: the samples, first/last/max RSS, file descriptor counts, the
records written and the exit code.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _fds(pid: int) -> int | None:
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=50_000)
    ap.add_argument("--engine", default="spacy")
    ap.add_argument("--every", type=float, default=2.0)
    args = ap.parse_args()

    from redactphi.bench.synth import generate

    cmd = [sys.executable, "-m", "redactphi", "redact", "-", "--format", "jsonl", "--field", "text", "--engine", args.engine, "-q"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin and proc.stdout and proc.stderr
    written = {"records": 0}

    def feed() -> None:
        for i, note in enumerate(generate(args.n, seed=1)):
            proc.stdin.write(json.dumps({"id": i, "text": note.text}).encode() + b"\n")  # type: ignore[union-attr]
        proc.stdin.close()  # type: ignore[union-attr]

    def drain() -> None:
        for _ in proc.stdout:  # type: ignore[union-attr]
            written["records"] += 1

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    started = time.monotonic()
    samples = []
    while proc.poll() is None:
        samples.append({"s": round(time.monotonic() - started, 1), "records": written["records"], "rss_mb": _rss_mb(proc.pid), "fds": _fds(proc.pid)})
        time.sleep(args.every)
    for t in threads:
        t.join(timeout=10)
    rss = [s["rss_mb"] for s in samples if s["rss_mb"] is not None]
    fds = [s["fds"] for s in samples if s["fds"] is not None]
    # skip the first tenth: the model and lexicons load there
    steady = rss[len(rss) // 10 :] or rss
    print(
        json.dumps(
            {
                "notes": args.n,
                "engine": args.engine,
                "exit_code": proc.returncode,
                "records_written": written["records"],
                "seconds": round(time.monotonic() - started, 1),
                "rss_mb": {"after_load": steady[0] if steady else None, "last": rss[-1] if rss else None, "max": max(rss) if rss else None},
                "fds": {"min": min(fds) if fds else None, "max": max(fds) if fds else None},
                "samples": samples[:: max(1, len(samples) // 40)],
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
