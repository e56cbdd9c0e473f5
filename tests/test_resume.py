"""Interrupted runs, for real: SIGKILL and SIGINT in the middle of `redactphi redact`,
then `--resume`. No note may be half-written under its final name, and the resumed
tree must equal a clean run's byte for byte."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redactphi import Config
from redactphi.io.job import redact_folder
from redactphi.pipeline.write import TMP_PREFIX

FIRST = ["Maria", "James", "Aiko", "Tomas", "Priya", "Olu", "Greta", "Samir"]
LAST = ["Alvarez", "Okafor", "Lindqvist", "Tanaka", "Brennan", "Haddad", "Kowalski", "Nguyen"]


def make_notes(root: Path, n: int, seed: int = 0) -> Path:
    """``n`` synthetic notes (invented names, dates and MRNs) in a small tree."""
    rnd = random.Random(seed)
    for i in range(n):
        lines = []
        for _ in range(rnd.randint(3, 8)):
            lines.append(
                f"Patient {rnd.choice(FIRST)} {rnd.choice(LAST)} seen on {rnd.randint(1, 12)}/{rnd.randint(1, 28)}/20"
                f"{rnd.randint(10, 23)} by Dr. {rnd.choice(LAST)}. MRN {rnd.randint(1000000, 9999999)}. Vitals stable."
            )
        sub = root / ("ward" if i % 3 == 0 else "") / f"note_{i:04d}.txt"
        sub.parent.mkdir(parents=True, exist_ok=True)
        sub.write_text("\n".join(lines) + ("\r\n" if i % 2 else "\n"), newline="")
    return root


def tree(root: Path) -> dict[str, str]:
    """relative path -> sha256 of every file (temporaries included, so they show up)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def audit_notes(path: Path) -> list[dict]:
    out = []
    for line in path.read_text().splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if rec.get("type") == "note":
            out.append(rec)
    return out


def cli(*args: str, cwd: Path) -> list[str]:
    return [sys.executable, "-m", "redactphi", *args]


def wait_for_notes(audit: Path, n: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"run ended (exit {proc.returncode}) before it could be interrupted")
        if audit.exists() and audit.read_text().count('"type": "note"') >= n:
            return
        time.sleep(0.05)
    pytest.fail("run made no progress")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, redactor):
    root = tmp_path_factory.mktemp("resume")
    src = make_notes(root / "notes", 200)
    clean = root / "clean"
    summary = redact_folder([src], clean, config=Config(), audit_path=root / "clean.audit.jsonl", redactor=redactor)
    assert summary.failed == 0
    return root, src, tree(clean)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_run_then_resume_equals_a_clean_run(corpus, tmp_path, sig):
    root, src, expected = corpus
    out, audit = tmp_path / "out", tmp_path / "audit.jsonl"
    args = ["redact", str(src), "-o", str(out), "--audit", str(audit), "--workers", "1"]
    proc = subprocess.Popen(cli(*args, cwd=tmp_path), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_notes(audit, 20, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"--resume" in err
    else:
        assert proc.returncode == -signal.SIGKILL

    # Whatever is under a final name is complete: equal to the clean run's output.
    partial = tree(out)
    finals = {k: v for k, v in partial.items() if not Path(k).name.startswith(TMP_PREFIX)}
    assert 0 < len(finals) < len(expected), "the run was not interrupted mid-way"
    wrong = sorted(k for k, v in finals.items() if expected.get(k) != v)
    assert wrong == [], f"half-written or wrong outputs: {wrong[:5]}"

    res = subprocess.run(cli(*args, "--resume", cwd=tmp_path), cwd=tmp_path, capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr.decode()[-500:]
    assert tree(out) == expected  # byte for byte, and no temporaries left

    recs = audit_notes(audit)
    skipped = {r["note"] for r in recs if r["status"] == "skipped"}
    assert len(skipped) >= 20  # the finished notes were not redone
    last = {}
    for r in recs:
        last[r["note"]] = r["status"]
    assert len(last) == 200 and set(last.values()) <= {"redacted", "skipped"}
    assert b"skipped" in res.stderr


@pytest.mark.slow
def test_resume_redoes_a_note_whose_input_changed(corpus, tmp_path, redactor):
    _, src, _ = corpus
    notes = make_notes(tmp_path / "notes", 5, seed=3)
    out, audit = tmp_path / "out", tmp_path / "a.jsonl"
    redact_folder([notes], out, config=Config(), audit_path=audit, redactor=redactor)
    target = sorted(notes.glob("*.txt"))[0]
    target.write_text("Seen on 01/02/2020.\n")
    s = redact_folder([notes], out, config=Config(), audit_path=audit, redactor=redactor, resume=True)
    assert (s.skipped, s.redacted) == (4, 1)
    assert (out / target.name).read_text() == "Seen on [DATE].\n"
