"""`make bench`: the synthetic benchmark, the ASQ-PHI dev corpus and our two hand-written
corpora, each next to vanilla Presidio, as written and re-cased to upper case (as
upper-case nursing notes are written; the dev corpus also in lower case), written to
benchmarks/results.json (figures only, no PHI) and printed.

    python benchmarks/run.py [--dev PATH] [--notes N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpora" / "asq-phi-dev.jsonl"
HANDWRITTEN = ROOT / "benchmarks" / "corpora" / "handwritten.jsonl"
BLIND2 = ROOT / "benchmarks" / "corpora" / "blind2.jsonl"


def bench(args: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        cmd = [sys.executable, "-m", "redactphi", "bench", "--compare", "presidio", "--json", str(out), *args]
        print("$ redactphi " + " ".join(cmd[3:]), flush=True)
        subprocess.run(cmd, check=True)
        return json.loads(out.read_text())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--notes", type=int, default=1000)
    a = ap.parse_args()
    synthetic = ["--notes", str(a.notes), "--seed", "0"]
    results = {"version": 2, "synthetic": bench(synthetic), "synthetic_upper": bench([*synthetic, "--case", "upper"])}
    if a.dev.exists():
        for case in ("as-written", "upper", "lower"):
            key = "asq_phi_dev" + ("" if case == "as-written" else f"_{case}")
            results[key] = bench(["--corpus", str(a.dev), "--case", case])
    else:
        print(f"(dev corpus {a.dev} not found; skipped)")
    if HANDWRITTEN.exists():
        results["handwritten"] = bench(["--corpus", str(HANDWRITTEN)])
        results["handwritten_upper"] = bench(["--corpus", str(HANDWRITTEN), "--case", "upper"])
    if BLIND2.exists():
        results["blind2"] = bench(["--corpus", str(BLIND2)])
        results["blind2_upper"] = bench(["--corpus", str(BLIND2), "--case", "upper"])
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print("wrote benchmarks/results.json")


if __name__ == "__main__":
    main()
