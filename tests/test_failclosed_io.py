"""Folder mode and input decoding fail closed (issue 9): every hostile input gets a
correct redaction or a reported failure for that path, bytes outside redactions are
kept exactly, nothing is skipped silently. Assertions use offsets, types, hashes and
exit codes; no note text is printed."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_absent
from test_resume import audit_notes

from redactphi import Config, cli
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK, UsageError
from redactphi.io.job import redact_folder
from redactphi.io.names import hashed_name, key_path_for, printable
from redactphi.io.walk import discover
from redactphi.pipeline.decode import DecodeError, decode_bytes, lf_view
from redactphi.pipeline.read import NoteFile, read_note
from redactphi.pipeline.write import TMP_PREFIX

ROOT = Path(__file__).resolve().parents[1]
NOTE = "Seen on 03/14/2023 by Dr. Alvarez, MRN 4829301.\nVitals stable.\n"
VALUES = ("03/14/2023", "Alvarez", "4829301")
REDACTED = "Seen on [DATE] by [NAME], MRN [MRN].\nVitals stable.\n"


def run(redactor, src, out, **kw):
    kw.setdefault("audit_path", Path(out).with_name(Path(out).name + ".audit.jsonl"))
    return redact_folder([src], out, config=redactor.config, redactor=redactor, **kw)


def statuses(audit: Path) -> dict[str, str]:
    return {r["note"]: r["status"] for r in audit_notes(audit)}


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink())


# -- decoding -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data, encoding, bom",
    [
        (NOTE.encode(), "utf-8", b""),
        (codecs.BOM_UTF8 + NOTE.encode(), "utf-8", codecs.BOM_UTF8),
        (codecs.BOM_UTF16_LE + NOTE.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + NOTE.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
        (b"", "utf-8", b""),
        (b" \n\t\r\n", "utf-8", b""),
    ],
)
def test_decode_accepts_and_round_trips(data, encoding, bom):
    dec = decode_bytes(data)
    assert (dec.encoding, dec.bom) == (encoding, bom)
    assert not dec.text.startswith("\ufeff")  # the BOM is not part of the first word
    assert dec.encode(dec.text) == data  # written back byte for byte


@pytest.mark.parametrize(
    "data, reason",
    [
        (NOTE.encode("utf-16-le"), "UTF-16 without a byte-order mark"),
        (NOTE.encode("utf-16-be"), "UTF-16 without a byte-order mark"),
        (b"MRN 0048\x00 2913 seen today", "NUL byte at byte offset 8"),
        (b"MRN 0048\x01 2913", "control character U+0001"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        ("Seen by Dr. Müller".encode("latin-1"), "not valid UTF-8"),
        ("Seen by Dr. Müller".encode("utf-32"), "UTF-32"),
    ],
)
def test_decode_refuses_what_it_cannot_be_sure_of(data, reason):
    with pytest.raises(DecodeError) as exc:
        decode_bytes(data)
    assert reason in str(exc.value)
    assert "Müller" not in str(exc.value) and "0048" not in str(exc.value)


def test_explicit_encoding_decodes_windows_1252_and_writes_it_back():
    data = "Seen by Dr. Müller – 03/14/2023\r\n".encode("cp1252")
    dec = decode_bytes(data, "cp1252")
    assert dec.encode(dec.text) == data
    with pytest.raises(DecodeError, match="unknown --encoding"):
        decode_bytes(data, "no-such-codec")


def test_folder_run_decodes_refuses_and_keeps_bytes(redactor, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bom8.txt").write_bytes(codecs.BOM_UTF8 + NOTE.encode())
    (src / "bom16.txt").write_bytes(codecs.BOM_UTF16_LE + NOTE.encode("utf-16-le"))
    (src / "nobom16.txt").write_bytes(NOTE.encode("utf-16-le"))
    (src / "nul.txt").write_bytes(b"MRN 0048\x00 2913\n")
    (src / "latin1.txt").write_bytes("Dr. Müller 03/14/2023\n".encode("latin-1"))
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b"  \r\n\n")
    s = run(redactor, src, tmp_path / "out")
    assert s.exit_code == EXIT_FOUND and s.failed == 3
    out = tmp_path / "out"
    assert files(out) == ["blank.txt", "bom16.txt", "bom8.txt", "empty.txt"]  # refused notes not written
    assert (out / "bom8.txt").read_bytes() == codecs.BOM_UTF8 + REDACTED.encode()
    assert (out / "bom16.txt").read_bytes() == codecs.BOM_UTF16_LE + REDACTED.encode("utf-16-le")
    assert (out / "empty.txt").read_bytes() == b"" and (out / "blank.txt").read_bytes() == b"  \r\n\n"
    st = statuses(tmp_path / "out.audit.jsonl")
    assert {k for k, v in st.items() if v == "failed"} == {"nobom16.txt", "nul.txt", "latin1.txt"}
    reasons = dict(s.failures)
    assert "UTF-16 without a byte-order mark" in reasons["nobom16.txt"]
    assert "NUL byte" in reasons["nul.txt"] and "--encoding cp1252" in reasons["latin1.txt"]


def test_folder_run_with_explicit_encoding(redactor, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes("Dr. Müller saw the patient on 03/14/2023.\r\n".encode("cp1252"))
    s = run(redactor, src, tmp_path / "out", encoding="cp1252")
    assert s.exit_code == EXIT_OK
    assert (tmp_path / "out" / "a.txt").read_bytes() == "[NAME] saw the patient on [DATE].\r\n".encode("cp1252")


def test_scan_fails_on_utf16_without_bom_and_binary(redactor, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("u16.txt").write_bytes(NOTE.encode("utf-16-le"))
    Path("bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)) + b"\x00")
    monkeypatch.setattr("redactphi.io.scan.Redactor", lambda cfg: redactor)
    res = CliRunner().invoke(cli.main, ["scan", "u16.txt", "bin.txt"])
    assert res.exit_code == EXIT_ERROR
    assert "cannot scan u16.txt: looks like UTF-16" in res.stderr and "cannot scan bin.txt: binary" in res.stderr


# -- line endings ---------------------------------------------------------------------------
def test_lf_view_maps_offsets_back():
    text = "a\r\nbc\rd\r\n\r\ne"
    view = lf_view(text)
    assert view.text == "a\nbc\nd\n\ne"
    for i, c in enumerate(view.text):
        j = view.original(i)
        assert text[j] == c or (c == "\n" and text[j] == "\r")


def _samples(tmp_path: Path, convert) -> Path:
    dst = tmp_path / "samples"
    for p in sorted((ROOT / "samples").rglob("*.txt")):
        target = dst / p.relative_to(ROOT / "samples")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(convert(p.read_bytes()))
    return dst


def _spans(audit: Path) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list] = {}
    for line in audit.read_text().splitlines():
        r = json.loads(line)
        if r["type"] == "redaction":
            out.setdefault(r["note"], []).append((r["start"], r["end"], r["entity"]))
    return out


@pytest.mark.parametrize("ending", [b"\r\n", b"\r", "mixed"])
def test_line_endings_do_not_change_detection_and_are_kept(redactor, tmp_path, ending):
    lf = _samples(tmp_path / "lf", lambda b: b)
    if ending == "mixed":
        def conv(b: bytes) -> bytes:
            lines = b.split(b"\n")
            return b"".join(line + (b"\r\n", b"\n", b"\r")[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    else:
        def conv(b: bytes) -> bytes:
            return b.replace(b"\n", ending)
    other = _samples(tmp_path / "x", conv)
    run(redactor, lf, tmp_path / "out_lf")
    run(redactor, other, tmp_path / "out_x")
    lf_spans, x_spans = _spans(tmp_path / "out_lf.audit.jsonl"), _spans(tmp_path / "out_x.audit.jsonl")
    assert sorted(lf_spans) == sorted(x_spans) and len(lf_spans) >= 20
    for rel, spans in x_spans.items():
        text = (other / rel).read_bytes().decode()
        # an offset in the converted note, mapped to the LF note: each CRLF counts once
        def back(o: int, text: str = text) -> int:
            return o - text.count("\r\n", 0, o)
        assert [(back(s), back(e), t) for s, e, t in spans] == lf_spans[rel], rel
        # bytes outside redactions exact: the output is the LF output converted alike
        assert (tmp_path / "out_x" / rel).read_bytes() == conv((tmp_path / "out_lf" / rel).read_bytes()), rel


# -- paths ----------------------------------------------------------------------------------
def test_one_file_into_a_folder_beside_it(redactor, tmp_path):
    (tmp_path / "note.txt").write_text(NOTE)
    s = redact_folder([tmp_path / "note.txt"], tmp_path / "out", config=redactor.config, redactor=redactor)
    assert s.exit_code == EXIT_OK and (tmp_path / "out" / "note.txt").read_text() == REDACTED
    with pytest.raises(UsageError, match="overwrite an input"):
        redact_folder([tmp_path / "out" / "note.txt"], tmp_path / "out", config=redactor.config, redactor=redactor)
    with pytest.raises(UsageError, match="is the input file"):
        redact_folder([tmp_path / "note.txt"], tmp_path / "note.txt", config=redactor.config, redactor=redactor)


def test_output_colliding_with_an_input_is_refused_before_anything_is_written(redactor, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(NOTE)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.txt").write_text(NOTE)  # an input that an output would overwrite
    with pytest.raises(UsageError):
        redact_folder([tmp_path / "in", tmp_path / "out" / "a.txt"], tmp_path / "out", config=redactor.config, redactor=redactor)
    assert (tmp_path / "out" / "a.txt").read_text() == NOTE


def test_no_matching_file_is_an_error_and_globs_add_up(redactor, tmp_path, monkeypatch):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.md").write_text(NOTE)
    (src / "sub" / "b.note").write_text(NOTE)
    with pytest.raises(UsageError, match="no input file matched") as exc:
        run(redactor, src, tmp_path / "out")
    assert "2 not matching --glob" in str(exc.value)
    s = run(redactor, src, tmp_path / "out", glob=["*.md", "*.note"])
    assert (s.redacted, s.exit_code) == (2, EXIT_OK)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("redactphi.io.scan.Redactor", lambda cfg: redactor)
    res = CliRunner().invoke(cli.main, ["scan", "in"])
    assert res.exit_code == EXIT_ERROR and "no file matched" in res.stderr
    res = CliRunner().invoke(cli.main, ["scan", "in", "--glob", "*.md", "--glob", "*.note"])
    assert res.exit_code == EXIT_FOUND and "in 2 files" in res.stderr


def test_walk_reports_links_fifos_and_deep_folders(redactor, tmp_path):
    src, outside = tmp_path / "in", tmp_path / "host"
    src.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(NOTE)
    (src / "real.txt").write_text(NOTE)
    os.symlink(outside / "secret.txt", src / "leak.txt")
    os.symlink(src / "real.txt", src / "alias.txt")  # inside the tree: followed
    os.symlink(src / "loop1.txt", src / "loop2.txt")
    os.symlink(src / "loop2.txt", src / "loop1.txt")
    os.symlink(outside, src / "hostdir")
    os.symlink(src, src / "self")  # a folder loop
    os.mkfifo(src / "pipe.txt")
    deep = src.joinpath(*["d"] * 200)
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(NOTE)
    s = run(redactor, src, tmp_path / "out", workers=1)
    assert s.exit_code == EXIT_FOUND
    reasons = dict(s.failures)
    assert set(reasons) == {"leak.txt", "loop1.txt", "loop2.txt", "pipe.txt"}
    assert "outside the input folder" in reasons["leak.txt"] and "not a regular file" in reasons["pipe.txt"]
    assert s.redacted == 3 and s.passed_over["symbolic links to folders (not followed)"] == 2
    assert not (tmp_path / "out" / "leak.txt").exists()
    assert (tmp_path / "out").joinpath(*["d"] * 200, "deep.txt").read_text() == REDACTED


def test_fifo_in_place_of_a_file_is_not_opened_for_blocking(tmp_path):
    os.mkfifo(tmp_path / "f.txt")  # a reader would block forever waiting for a writer
    note = read_note(NoteFile(tmp_path / "f.txt", "f.txt"))
    assert note.error is not None and "not a regular file" in note.error


def test_vanished_and_over_long_paths_fail_alone(redactor, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(NOTE)
    (src / "gone.txt").write_text(NOTE)
    fd = os.open(src, os.O_RDONLY)
    for _ in range(20):  # a path longer than PATH_MAX, built relative to a folder fd
        os.mkdir("x" * 250, dir_fd=fd)
        nfd = os.open("x" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nfd
    os.close(fd)
    real = discover

    def vanishing(sources, globs):
        found = real(sources, globs)
        (src / "gone.txt").unlink()
        return found

    monkeypatch.setattr("redactphi.io.job.discover", vanishing)
    s = run(redactor, src, tmp_path / "out")
    reasons = dict(s.failures)
    assert s.redacted == 1 and "vanished" in reasons["gone.txt"]
    assert any("File name too long" in r for r in reasons.values()), reasons


def test_no_temporaries_and_inputs_untouched_after_a_write_failure(redactor, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"n{i}.txt").write_text(NOTE)
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("redactphi.pipeline.write.os.fsync", failing_fsync)
    s = run(redactor, src, tmp_path / "out")
    assert (s.redacted, s.failed) == (2, 1) and "No space left" in s.failures[0][1]
    assert files(tmp_path / "out") == sorted(f"n{i}.txt" for i in range(3) if f"n{i}.txt" != s.failures[0][0])
    assert {p.name: p.read_bytes() for p in src.iterdir()} == before
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(TMP_PREFIX)]


# -- resume ---------------------------------------------------------------------------------
@pytest.mark.spacy
@pytest.mark.parametrize("first", [Config(entities=("DATE",)), Config(score_threshold=0.9), Config(engine="rules")])
def test_resume_redoes_notes_finished_under_another_config(redactor, tmp_path, first):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"n{i}.txt").write_text(NOTE)
    out, audit = tmp_path / "out", tmp_path / "a.jsonl"
    redact_folder([src], out, config=first, audit_path=audit)
    s = run(redactor, src, out, audit_path=audit, resume=True)
    assert (s.skipped, s.redacted, s.redone) == (0, 3, 3)
    assert all((out / f"n{i}.txt").read_text() == REDACTED for i in range(3))
    s = run(redactor, src, out, audit_path=audit, resume=True)
    assert (s.skipped, s.redacted) == (3, 0)
    # the last run's section: exactly one note record per note
    lines = [json.loads(x) for x in audit.read_text().splitlines()]
    last_header = max(i for i, r in enumerate(lines) if r["type"] == "header")
    notes = [r["note"] for r in lines[last_header:] if r["type"] == "note"]
    assert sorted(notes) == ["n0.txt", "n1.txt", "n2.txt"]


def test_resume_after_a_tool_version_change_redoes(redactor, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "n.txt").write_text(NOTE)
    out, audit = tmp_path / "out", tmp_path / "a.jsonl"
    run(redactor, src, out, audit_path=audit)
    text = audit.read_text().replace('"tool_version": "', '"tool_version": "0.0.0-old-')
    audit.write_text(text)
    s = run(redactor, src, out, audit_path=audit, resume=True)
    assert (s.skipped, s.redacted, s.redone) == (0, 1, 1)


# -- file names -----------------------------------------------------------------------------
PHI_NAME = "Okafor, Maria MRN 40718263.txt"


def test_phi_in_file_names_is_detected_and_hash_names_keeps_it_out(redactor, tmp_path):
    src = tmp_path / "in"
    (src / "ward").mkdir(parents=True)
    (src / PHI_NAME).write_text(NOTE)
    (src / "ward" / "note1.txt").write_text(NOTE)
    s = run(redactor, src, tmp_path / "plain")
    assert s.names_with_phi == 1 and "MRN" in s.name_counts
    s = run(redactor, src, tmp_path / "out", hash_names=True)
    assert s.exit_code == EXIT_OK and s.names_with_phi == 1
    key = bytes.fromhex(key_path_for(tmp_path / "out").read_text().strip())
    assert oct(key_path_for(tmp_path / "out").stat().st_mode & 0o777) == "0o600"
    assert files(tmp_path / "out") == sorted([hashed_name(key, PHI_NAME), hashed_name(key, "ward/note1.txt")])
    audit = (tmp_path / "out.audit.jsonl").read_text()
    assert_absent(audit, "Okafor", "Maria", "40718263", "ward", where="audit")
    s = run(redactor, src, tmp_path / "out", hash_names=True, resume=True)
    assert s.skipped == 2  # same key, same names


def test_control_characters_in_names_cannot_fake_lines(redactor, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "x\nredactphi: 0 failed\r.txt").write_bytes(b"\x00binary")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("redactphi.io.job.Redactor", lambda cfg: redactor)
    res = CliRunner().invoke(cli.main, ["redact", "in", "-o", "out", "--workers", "1"])
    assert res.exit_code == EXIT_FOUND
    lines = res.stderr.splitlines()
    assert all(line.startswith("redactphi: ") for line in lines)  # no injected line
    assert any(line.startswith("redactphi: failed: x\\x0aredactphi: 0 failed\\x0d.txt: binary") for line in lines)
    assert printable("a\u2028b\x1b[2J") == "a\\u2028b\\x1b[2J"


def test_audit_and_stderr_hold_no_note_text_on_failures(redactor, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(b"Dr. Alvarez MRN 0048\x00 2913")
    (src / "b.txt").write_bytes(NOTE.encode("utf-16-le"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("redactphi.io.job.Redactor", lambda cfg: redactor)
    res = CliRunner().invoke(cli.main, ["redact", "in", "-o", "out", "-v", "--workers", "1"])
    assert res.exit_code == EXIT_FOUND
    for where, data in (("stderr", res.output), ("audit", (tmp_path / "out.audit.jsonl").read_text())):
        assert_absent(data, "Alvarez", "0048", "2913", "4829301", where=where)
    digest = hashlib.sha256((src / "a.txt").read_bytes()).hexdigest()
    assert {r["note"]: r["input_sha256"] for r in audit_notes(tmp_path / "out.audit.jsonl")}["a.txt"] == digest


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + NOTE.encode("utf-16-le"),
        NOTE.encode("utf-16-le"),
        b"Dr. Alvarez MRN 0048\x00 2913\nVitals stable.\n",
    ],
    ids=["utf16-bom", "utf16-no-bom", "nul-in-mrn"],
)
def test_stdin_refuses_what_files_refuse(redactor, monkeypatch, tmp_path, data):
    monkeypatch.setattr("redactphi.io.stream.Redactor", lambda cfg: redactor)
    res = CliRunner().invoke(cli.main, ["redact", "-"], input=data)
    # a stream whose first line is UTF-16 or holds a NUL is refused up front (input error)
    assert res.exit_code == EXIT_ERROR
    out = res.stdout_bytes.replace(b"\x00", b"")  # UTF-16 text, had any got out, read as ASCII
    assert_absent(out, "Alvarez", "0048", "2913", "4829301", where="stdout")


def test_scan_warns_about_phi_in_file_names(redactor, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(PHI_NAME).write_text("Vitals stable.\n")
    Path("plain.txt").write_text("Vitals stable.\n")
    monkeypatch.setattr("redactphi.io.scan.Redactor", lambda cfg: redactor)
    res = CliRunner().invoke(cli.main, ["scan", "--format", "json", PHI_NAME, "plain.txt"])
    assert json.loads(res.stdout)["names_with_phi"] == 1
    assert "warning: 1 file names look like they hold PHI" in res.stderr


def test_a_note_over_the_size_limit_is_a_reported_failure(redactor, tmp_path, monkeypatch):
    """A huge file (an export, not a note) would hold the batch for hours: it fails, by
    path, and nothing is written for it (the limit is lowered here to keep the test fast)."""
    monkeypatch.setattr("redactphi.pipeline.read.MAX_NOTE_BYTES", 4096)
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt").write_text("Seen by Dr. Alvarez MRN 4829301.\n" * 200)
    (src / "small.txt").write_text("Seen by Dr. Alvarez MRN 4829301.\n")
    res = run(redactor, src, tmp_path / "out", audit_path=tmp_path / "a.jsonl")
    assert res.exit_code == EXIT_FOUND
    assert not (tmp_path / "out" / "big.txt").exists() and (tmp_path / "out" / "small.txt").exists()
    reasons = {r["note"]: r.get("reason", "") for r in audit_notes(tmp_path / "a.jsonl")}
    assert "too large" in reasons["big.txt"] and reasons["small.txt"] == ""
