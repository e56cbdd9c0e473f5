"""The hand-written benchmark corpus (benchmarks/corpora/) is what its sources say: the
committed JSONL rebuilds byte for byte from the marked-up notes and loads as gold."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from redactphi.bench.gold import load_gold

CORPORA = Path(__file__).resolve().parents[1] / "benchmarks" / "corpora"


def test_jsonl_rebuilds_from_the_marked_up_sources(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_handwritten", CORPORA / "build_handwritten.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "handwritten.jsonl"
    module.build(CORPORA / "handwritten_src", out)
    # compare digests: a byte diff of the corpus would print its (PHI-like) text
    rebuilt = hashlib.sha256(out.read_bytes()).hexdigest()
    assert rebuilt == hashlib.sha256((CORPORA / "handwritten.jsonl").read_bytes()).hexdigest()


def test_corpus_loads_as_gold_with_phi_free_notes() -> None:
    notes = list(load_gold(CORPORA / "handwritten.jsonl"))
    assert len(notes) == 40
    assert sum(len(n.spans) for n in notes) == 700
    assert sum(1 for n in notes if not n.spans) == 5
