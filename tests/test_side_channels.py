"""Side channels: no PHI anywhere but in the inputs.

Notes carrying distinctive invented PHI go through every command and output mode as a
user runs them (real subprocesses): folder mode with failures and --verbose, stdin as
text, JSONL and CSV with bad records, scan, recognizers, synth and bench, a bad config
holding a deny word, and an unexpected exception. Then stdout, stderr, the audit and
every file left under the temporary folders (redacted outputs included, TMPDIR pointed
there too) are searched for every PHI string. The inputs themselves and the one file
that holds PHI by design (`bench --misses`) are the only exceptions.

Failure messages name the PHI string by number and the channel by name, never the text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Invented, distinctive, and caught by the default pipeline (each has a cue or a format).
PHI = (
    "Quorvina",
    "Blathersby",
    "Vexworth",
    "40718263",
    "03/14/2023",
    "617-555-0143",
    "quorvina.b@examplemail.com",
    "Harrowgate",
)
NOTE = (
    "Patient: Quorvina Blathersby\n"
    "MRN: 40718263\n"
    "Seen 03/14/2023 by Dr. Vexworth. Call 617-555-0143 or quorvina.b@examplemail.com.\n"
    "Lives at 41 Harrowgate Lane.\n"
)
NOTE_CRLF = NOTE.replace("\n", "\r\n")


def _leaks(data: bytes) -> list[int]:
    low = data.lower()
    return [i for i, s in enumerate(PHI) if s.lower().encode() in low]


class Channels:
    """Runs commands in one sandbox and checks every channel they can write to."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.inputs: set[Path] = set()
        self.by_design: set[Path] = set()
        self.tmp = root / "tmpdir"
        self.tmp.mkdir()
        self.env = {**os.environ, "TMPDIR": str(self.tmp), "XDG_CACHE_HOME": str(root / "cache")}
        self.env.pop("REDACTPHI_DEBUG", None)

    def input(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.inputs.add(path)
        return path

    def run(self, label: str, *args: str, stdin: bytes = b"", python: str | None = None) -> subprocess.CompletedProcess[bytes]:
        cmd = [sys.executable, "-c", python, *args] if python else [sys.executable, "-m", "redactphi", *args]
        proc = subprocess.run(cmd, input=stdin, capture_output=True, cwd=self.root, env=self.env, timeout=300)
        for channel, data in (("stdout", proc.stdout), ("stderr", proc.stderr)):
            found = _leaks(data)
            assert not found, f"{label}: PHI strings {found} on {channel}"
        assert proc.returncode in (0, 1, 2), f"{label}: exit {proc.returncode}"
        return proc

    def check_files(self) -> int:
        checked = 0
        for path in sorted(self.root.rglob("*")):
            if path in self.inputs or path in self.by_design or path.is_symlink() or not path.is_file():
                continue
            found = _leaks(path.read_bytes())
            assert not found, f"PHI strings {found} in {path.relative_to(self.root)}"
            checked += 1
        return checked


@pytest.fixture
def sandbox(tmp_path: Path) -> Channels:
    return Channels(tmp_path)


def _folder_inputs(box: Channels) -> Path:
    box.input("src/a/visit.txt", NOTE.encode())
    box.input("src/b/crlf.txt", NOTE_CRLF.encode())
    box.input("src/b/latin1.txt", NOTE.replace("Seen", "Vu à").encode("cp1252"))  # not UTF-8
    box.input("src/c/utf16.txt", NOTE.encode("utf-16"))
    gone = box.root / "src" / "c" / "gone.txt"
    if os.geteuid() == 0:  # root reads any mode: a dangling link is what cannot be read
        gone.symlink_to(box.root / "nowhere.txt")
    else:
        box.input("src/c/gone.txt", NOTE.encode()).chmod(0)
    return box.root / "src"


def test_folder_stream_scan_and_failures_leak_nothing(sandbox: Channels) -> None:
    src = _folder_inputs(sandbox)
    proc = sandbox.run("redact folder", "redact", str(src), "-o", "out", "--audit", "audit.jsonl", "--verbose")
    assert proc.returncode == 1, "the undecodable and unreadable notes should fail"
    assert proc.stderr.count(b"failed: ") >= 2, "the failures should be listed (by path and reason)"
    assert (sandbox.root / "out" / "a" / "visit.txt").is_file()

    jsonl = [json.dumps({"id": 1, "text": NOTE}), '{"id": 2, "text": "Quorvina Blathersby MRN 40718263', json.dumps({"id": 3, "text": {"who": NOTE}})]
    sandbox.run("redact - jsonl", "redact", "-", "--format", "jsonl", "--field", "text", "--audit", "s.jsonl", "--verbose", stdin="\n".join(jsonl).encode() + b"\n")
    rows = 'id,note\n1,"' + NOTE.replace('"', "'") + '"\n2,Quorvina,Blathersby,40718263\n'
    csv = sandbox.input("export.csv", rows.encode())
    sandbox.run("redact csv", "redact", str(csv), "--column", "note", "-o", "export.redacted.csv", "--audit", "c.jsonl")
    sandbox.run("redact - text", "redact", "-", "--audit", "t.jsonl", stdin=NOTE.encode() + NOTE.encode("utf-16"))
    sandbox.run("scan", "scan", str(src), "--format", "json")

    config = sandbox.input("bad.toml", b'keep_titles = "no"\n[deny]\nNAME = ["Blathersby", "Vexworth"]\nNAEM = ["Quorvina"]\n')
    proc = sandbox.run("bad config", "redact", str(src), "-o", "out2", "--config", str(config))
    assert proc.returncode == 2 and not (sandbox.root / "out2").exists()
    assert sandbox.check_files() >= 6


def test_unexpected_exception_text_is_withheld(sandbox: Channels) -> None:
    note = sandbox.input("n.txt", NOTE.encode())
    boom = (
        "import sys, redactphi.io.job\n"
        "def boom(*a, **k): raise ValueError('cannot parse Quorvina Blathersby MRN 40718263')\n"
        "redactphi.io.job.redact_folder = boom\n"
        "from redactphi.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    proc = sandbox.run("internal error", "redact", str(note), "-o", "out", python=boom)
    assert proc.returncode == 2 and b"internal error (ValueError" in proc.stderr
    sandbox.check_files()


@pytest.mark.slow
def test_recognizers_synth_and_bench_leak_nothing(sandbox: Channels) -> None:
    config = sandbox.input(
        "redactphi.toml",
        b'[deny]\nNAME = ["Blathersby"]\n[[id_patterns]]\nname = "site numbers"\nregex = "40718263|QV-(?P<value>\\\\d+)"\n',
    )
    sandbox.run("recognizers", "recognizers", "--config", str(config))
    sandbox.run("recognizers json", "recognizers", "--format", "json", "--config", str(config))
    spans = [{"start": NOTE.index(s), "end": NOTE.index(s) + len(s), "type": t, "text": s}
             for s, t in (("Quorvina Blathersby", "NAME"), ("40718263", "MEDICAL_RECORD_NUMBER"), ("03/14/2023", "DATE"),
                          ("Vexworth", "NAME"), ("617-555-0143", "PHONE_NUMBER"))]
    gold = sandbox.input("gold.jsonl", (json.dumps({"id": "n1", "text": NOTE, "spans": spans}) + "\n").encode())
    misses = sandbox.root / "misses.jsonl"
    sandbox.by_design.add(misses)  # holds the missed PHI on purpose, owner-readable only
    sandbox.run("bench corpus", "bench", "--corpus", str(gold), "--json", "bench.json", "--misses", str(misses), "--config", str(config))
    assert (misses.stat().st_mode & 0o077) == 0
    # The synthetic corpus is PHI-like by design; bench on it prints figures only.
    sandbox.run("synth", "synth", "-n", "20", "--seed", "3", "-o", "corpus")
    for p in (sandbox.root / "corpus").iterdir():
        sandbox.inputs.add(p)
    sandbox.run("bench synthetic", "bench", "--notes", "20", "--seed", "3", "--json", "synth.json")
    sandbox.check_files()


def test_the_search_finds_a_planted_string(sandbox: Channels) -> None:
    # The checks above must be able to fail: plant a PHI string in each channel.
    with pytest.raises(AssertionError, match="on stderr"):
        sandbox.run("planted", python="import sys; sys.stderr.write('seen by DR. VEXWORTH')")
    (sandbox.tmp / "left-behind").write_bytes(b"x 617-555-0143 y")
    with pytest.raises(AssertionError, match="tmpdir/left-behind"):
        sandbox.check_files()
