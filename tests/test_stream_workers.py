"""One stream (`redact -`, a JSONL or CSV file) detected by worker processes (issue 12):
the output and the audit are the ones a single process writes, records keep their
order, and a batch whose worker died twice fails closed (its records dropped and
reported, exit 1). The rules engine keeps the pools quick to start.

The notes are sentences of our own with pattern-detected values (MRNs, phones, dates).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from redactphi import Config
from redactphi.errors import EXIT_FOUND, EXIT_OK, UsageError
from redactphi.io.parallel import WORKER_DIED
from redactphi.io.stream import redact_stream
from redactphi.pipeline.detect import Detector

RULES = Config(engine="rules", batch_size=4)
KILL = "KILL-THIS-WORKER"


def _note(i: int) -> str:
    return (
        f"Seen in clinic on {1 + i % 12}/{1 + i % 27}/2021. MRN {48_000_000 + i * 7919}. "
        f"Call back at 617-555-{1000 + i:04d} with the potassium result. "
        + ("Plan: continue lisinopril 10 mg daily. " * (1 + i % 5))
    )


def _jsonl(n: int, kill_at: int | None = None) -> bytes:
    lines = []
    for i in range(n):
        text = _note(i) + (KILL if i == kill_at else "")
        lines.append(json.dumps({"id": i, "text": text, "keep": "x" * (i % 3)}))
    return ("\n".join(lines) + "\n").encode()


def _csv(n: int) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "note", "unit"])
    for i in range(n):
        w.writerow([i, _note(i), "ICU"])
    return buf.getvalue().encode()


def _run(data: bytes, tmp_path, fmt: str, fields, workers: int, config: Config = RULES):
    out = io.BytesIO()
    failures: list[tuple[str, str]] = []
    audit = tmp_path / f"audit-{fmt}-{workers}.jsonl"
    summary = redact_stream(
        io.BytesIO(data), out, fmt=fmt, fields=fields, config=config, workers=workers,
        audit_path=str(audit), on_failure=lambda loc, why: failures.append((loc, why)),
    )
    return out.getvalue(), summary, failures, _audit_records(audit)


def _audit_records(path) -> list[dict]:
    """The audit without what differs between any two runs (times, durations)."""
    out = []
    for line in path.read_text().splitlines():
        rec = json.loads(line)
        for key in ("time", "started", "finished", "seconds", "records_per_second", "notes_per_second"):
            rec.pop(key, None)
        out.append(rec)
    return out


@pytest.mark.parametrize(
    "fmt, fields, data",
    [("jsonl", ["text"], _jsonl(90)), ("csv", ["note"], _csv(90))],
    ids=["jsonl", "csv"],
)
def test_two_workers_write_what_one_process_writes(tmp_path, fmt, fields, data):
    one, s1, f1, a1 = _run(data, tmp_path, fmt, fields, workers=1)
    two, s2, f2, a2 = _run(data, tmp_path, fmt, fields, workers=2)
    assert s1.exit_code == s2.exit_code == EXIT_OK and f1 == f2 == []
    assert s1.emitted == s2.emitted == 90 + (fmt == "csv")  # the header row is written too
    assert s2.redactions == s1.redactions > 0
    assert two == one, "outputs differ between one and two workers"
    assert a2 == a1, "audits differ between one and two workers"
    assert b"617-555-" not in two


def test_a_text_stream_is_cut_into_windows_the_workers_share(tmp_path):
    config = RULES.replace(chunk_chars=2_000)  # many windows, so both workers get some
    data = "\n".join(_note(i) for i in range(120)).encode()
    one, s1, _, a1 = _run(data, tmp_path, "text", [], workers=1, config=config)
    two, s2, _, a2 = _run(data, tmp_path, "text", [], workers=2, config=config)
    assert s1.exit_code == s2.exit_code == EXIT_OK
    assert two == one and a2 == a1
    assert b"617-555-" not in two and b"lisinopril" in two


def test_a_worker_that_dies_on_a_batch_twice_fails_only_that_batch(tmp_path, monkeypatch):
    real = Detector.detect_many

    def dies_on_the_marker(self, texts):
        texts = list(texts)
        if any(KILL in t for t in texts):
            os._exit(9)  # what the OOM killer does to a worker
        return real(self, texts)

    # the workers are forked from this process, so they inherit the patch
    monkeypatch.setattr(Detector, "detect_many", dies_on_the_marker)
    out, summary, failures, audit = _run(_jsonl(40, kill_at=21), tmp_path, "jsonl", ["text"], workers=2)
    dropped = {loc for loc, _ in failures}
    # batches of four records: the one holding record 21 (lines 21-24) is lost twice
    assert dropped == {f"stdin:line {n}, field text" for n in range(21, 25)}
    assert {why for _, why in failures} == {WORKER_DIED}
    assert summary.exit_code == EXIT_FOUND and summary.emitted == 36
    ids = [json.loads(line)["id"] for line in out.decode().splitlines()]
    assert ids == [i for i in range(40) if not 20 <= i <= 23]  # in order, the lost batch missing
    assert KILL.encode() not in out
    assert sum(r.get("status") == "failed" for r in audit) == 4


def test_workers_below_one_are_refused():
    with pytest.raises(UsageError, match="at least 1"):
        redact_stream(io.BytesIO(b"x\n"), io.BytesIO(), config=RULES, workers=0)


def test_the_cli_passes_workers_to_a_jsonl_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(_jsonl(12))
    outs = []
    for workers in ("1", "2"):
        dest = tmp_path / f"out{workers}.jsonl"
        res = subprocess.run(
            [sys.executable, "-m", "redactphi", "redact", str(src), "--field", "text", "-o", str(dest),
             "--engine", "rules", "--workers", workers, "-q"],
            capture_output=True, timeout=180,
        )
        assert res.returncode == EXIT_OK, res.stderr.decode()[-300:]
        outs.append(dest.read_bytes())
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == 12
