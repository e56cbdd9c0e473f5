"""`make bench`: the synthetic benchmark and the ASQ-PHI dev corpus, each next to vanilla
Presidio, written to benchmarks/results.json (figures only, no PHI) and printed.

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
    results = {"version": 1, "synthetic": bench(["--notes", str(a.notes), "--seed", "0"])}
    if a.dev.exists():
        results["asq_phi_dev"] = bench(["--corpus", str(a.dev)])
    else:
        print(f"(dev corpus {a.dev} not found; skipped)")
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print("wrote benchmarks/results.json")


if __name__ == "__main__":
    main()
