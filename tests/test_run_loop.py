"""The one run loop (redactphi.io.run) that folder runs and streams share: the summary
record keeps each run kind's audit v2 fields in order, failures are counted and kept in
one place, and a text stream's parts and closing record are audited without being
counted twice. No note text is involved: ids, offsets and types only."""

from __future__ import annotations

import json

from redactphi.config import Config
from redactphi.errors import EXIT_FOUND, EXIT_OK
from redactphi.io.run import Result, Run, Summary
from redactphi.pipeline.resolve import Redaction


def _red(start: int, end: int, entity: str = "NAME") -> Redaction:
    return Redaction(start=start, end=end, entity=entity, score=0.9, recognizer="test", pattern="", sources=("test",))


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_summary_record_keeps_the_audit_v2_fields_of_each_run_kind_in_order():
    folder = Summary().to_record()
    assert list(folder) == [
        "type", "notes", "redacted", "failed", "skipped", "redactions", "counts", "passed_over",
        "names_with_phi", "redone_other_config", "seconds", "finished", "exit_code",
    ]
    stream = Summary(format="jsonl").to_record()
    assert list(stream) == [
        "type", "format", "records", "emitted", "failed", "units", "redactions", "counts",
        "unseen_fields", "seconds", "finished", "exit_code",
    ]


def test_exit_code_is_found_when_anything_failed_or_a_field_was_never_seen():
    assert Summary().exit_code == EXIT_OK
    assert Summary(failed=1).exit_code == EXIT_FOUND
    assert Summary(format="jsonl", unseen_fields=["meta.x"]).exit_code == EXIT_FOUND


def test_run_records_notes_counts_failures_and_caps_the_kept_list(tmp_path):
    audit = tmp_path / "a.jsonl"
    seen: list[tuple[str, str]] = []
    done: list[tuple[int, int | None]] = []
    summary = Summary(format="csv", keep_failures=2)
    with Run(audit, summary, on_failure=lambda loc, why: seen.append((loc, why)), progress=lambda d, t: done.append((d, t))) as run:
        run.header(Config(engine="rules"), {"name": "m", "version": "1"}, ["b", "a"])
        steps = [
            ([Result("r:2", "redacted", "in", "out", (_red(0, 4), _red(9, 12, "DATE")))], 1),
            ([Result(f"r:{n}", "failed", reason="bad row") for n in (3, 4, 5)], None),
            ([Result("r:6", "failed")], 2),
        ]
        run.consume(steps)
        run.finish()
    recs = _lines(audit)
    assert [r["type"] for r in recs] == ["header", "redaction", "redaction", "note", "note", "note", "note", "note", "summary"]
    assert recs[0]["recognizers"] == ["a", "b"] and recs[0]["resumed"] is False
    assert recs[3]["counts"] == {"DATE": 1, "NAME": 1} and recs[3]["output_sha256"] == "out"
    assert recs[7]["reason"] == "not processed"
    assert summary.failed == 4 and len(summary.failures) == 2 and len(seen) == 4
    assert summary.redacted == summary.units == 1 and summary.redactions == 2
    assert done == [(1, None), (2, None)]  # only steps that report progress
    assert recs[-1]["failed"] == 4 and recs[-1]["exit_code"] == EXIT_FOUND


def test_text_parts_are_audited_as_they_come_and_the_closing_record_is_not_counted_again(tmp_path):
    audit = tmp_path / "a.jsonl"
    summary = Summary(format="text")
    with Run(audit, summary) as run:
        run.record([Result("stdin", "part", redactions=(_red(3, 8),))])
        run.record([Result("stdin:line 4", "failed", reason="not valid UTF-8")])
        run.record([Result("stdin", "part", redactions=(_red(40, 44, "MRN"),))])
        run.record([Result("stdin", "failed", "i", "o", counts={"NAME": 1, "MRN": 1}, tally=False)])
    recs = _lines(audit)
    assert [r["type"] for r in recs] == ["redaction", "note", "redaction", "note"]
    closing = recs[-1]
    assert closing["status"] == "failed" and "reason" not in closing
    assert closing["counts"] == {"MRN": 1, "NAME": 1}
    assert summary.failed == 1 and summary.redactions == 2 and summary.redacted == 0
