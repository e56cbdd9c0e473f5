"""`make bench`: the synthetic benchmark, the ASQ-PHI dev corpus and our two hand-written
corpora, each next to vanilla Presidio, as written and re-cased to upper case (as
upper-case nursing notes are written; the dev corpus also in lower case), written to
benchmarks/results.json (figures only, no PHI) and printed.

    python benchmarks/run.py [--dev PATH] [--notes N]

The file is merged, not rewritten: a row whose corpus is absent on this machine (the dev
corpus lives outside the repository) keeps its last measurement, and every row says when
and at which commit it was measured (``measured``), so a reader can tell fresh figures
from kept ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpora" / "asq-phi-dev.jsonl"
HANDWRITTEN = ROOT / "benchmarks" / "corpora" / "handwritten.jsonl"
BLIND2 = ROOT / "benchmarks" / "corpora" / "blind2.jsonl"
BLIND3 = ROOT / "benchmarks" / "corpora" / "blind3.jsonl"
BLIND4 = ROOT / "benchmarks" / "corpora" / "blind4.jsonl"
RESULTS = ROOT / "benchmarks" / "results.json"
#: 3: every row carries ``measured`` {date, commit, tool_version}; rows are merged.
RESULTS_VERSION = 3


def bench(args: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        cmd = [sys.executable, "-m", "redactphi", "bench", "--compare", "presidio", "--json", str(out), *args]
        print("$ redactphi " + " ".join(cmd[3:]), flush=True)
        subprocess.run(cmd, check=True)
        return json.loads(out.read_text())


def _commit() -> str:
    """The commit measured, with ``+dirty`` when the worktree has uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def measure(dev: Path, notes: int) -> dict[str, list[str]]:
    """Row name -> bench arguments, for every corpus present on this machine."""
    synthetic = ["--notes", str(notes), "--seed", "0"]
    rows = {"synthetic": synthetic, "synthetic_upper": [*synthetic, "--case", "upper"]}
    if dev.exists():
        for case in ("as-written", "upper", "lower"):
            rows["asq_phi_dev" + ("" if case == "as-written" else f"_{case}")] = ["--corpus", str(dev), "--case", case]
    else:
        print(f"(dev corpus {dev} not found; its rows keep their last measurement)")
    for name, path in (("handwritten", HANDWRITTEN), ("blind2", BLIND2), ("blind3", BLIND3), ("blind4", BLIND4)):
        if path.exists():
            rows[name] = ["--corpus", str(path)]
            rows[f"{name}_upper"] = ["--corpus", str(path), "--case", "upper"]
        else:
            print(f"({path.name} not found; its rows keep their last measurement)")
    return rows


def merge(old: dict, fresh: dict[str, dict]) -> dict:
    """``old`` rows not measured again are kept as they were; fresh rows replace theirs."""
    rows = {k: v for k, v in old.items() if k != "version" and isinstance(v, dict)}
    rows.update(fresh)
    return {"version": RESULTS_VERSION, **dict(sorted(rows.items()))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--notes", type=int, default=1000)
    a = ap.parse_args()
    from redactphi import __version__

    stamp = {"date": dt.date.today().isoformat(), "commit": _commit(), "tool_version": __version__}
    fresh = {name: {**bench(args), "measured": stamp} for name, args in measure(a.dev, a.notes).items()}
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results = merge(old, fresh)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    kept = sorted(set(results) - set(fresh) - {"version"})
    print(f"wrote {RESULTS.relative_to(ROOT)}: {len(fresh)} rows measured" + (f", kept as they were: {', '.join(kept)}" if kept else ""))


if __name__ == "__main__":
    main()
