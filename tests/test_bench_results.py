"""`make bench` merges benchmarks/results.json: rows whose corpus is absent here are kept,
and each row says when and at which commit it was measured."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rows_not_measured_again_are_kept(tmp_path):
    run = _run_module()
    old = {"version": 2, "asq_phi_dev": {"figure": 0.99}, "synthetic": {"figure": 0.5}}
    merged = run.merge(old, {"synthetic": {"figure": 0.7, "measured": {"commit": "abc"}}})
    assert merged["version"] == run.RESULTS_VERSION
    assert merged["asq_phi_dev"] == {"figure": 0.99}
    assert merged["synthetic"] == {"figure": 0.7, "measured": {"commit": "abc"}}


def test_absent_corpora_are_not_measured(tmp_path, capsys):
    run = _run_module()
    rows = run.measure(tmp_path / "absent.jsonl", 10)
    assert "synthetic" in rows and "asq_phi_dev" not in rows
    assert "keep their last measurement" in capsys.readouterr().out
