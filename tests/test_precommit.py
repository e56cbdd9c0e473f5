"""The pre-commit hook, for real: the `pre-commit` tool installs this checkout's hook
(from .pre-commit-hooks.yaml) into a throwaway git repository; a commit adding a note
with PHI is blocked and a clean commit passes.

pre-commit builds the hook's virtualenv by pip-installing this package (about a minute,
once per test run). The working tree is copied into a temporary repository and
committed there first, because `try-repo` on a dirty tree only takes tracked files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import assert_absent

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
PHI_NOTE = "Follow-up.\nSeen on 03/14/2023, MRN 4829301.\n"
CLEAN_NOTE = "Vitals stable. Continue current plan.\n"


def git(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("pc-home")
    e = dict(os.environ)
    e.update(
        PRE_COMMIT_HOME=str(home / "cache"),
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
    )
    e.pop("VIRTUAL_ENV", None)
    e["PIP_NO_COMPILE"] = "1"  # the hook's venv imports each module once; skip compiling all of spaCy
    (home / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
    return e


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """This working tree (tracked and untracked, minus ignored files) as a fresh repo."""
    dest = tmp_path_factory.mktemp("hook-repo")
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        assert git(*args, cwd=dest, env=env).returncode == 0
    return dest, git("rev-parse", "HEAD", cwd=dest, env=env).stdout.strip()


@pytest.fixture()
def project(tmp_path, env) -> Path:
    assert git("init", "-q", cwd=tmp_path, env=env).returncode == 0
    return tmp_path


@pytest.mark.slow
def test_manifest_is_valid():
    res = subprocess.run([*PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, timeout=60)
    assert res.returncode == 0, res.stdout.decode()[-500:]


@pytest.mark.slow
def test_try_repo_and_installed_hook_block_phi(hook_repo, project, env):
    repo, rev = hook_repo
    (project / "clean.txt").write_text(CLEAN_NOTE)
    (project / "visit.txt").write_text(PHI_NOTE)
    git("add", "clean.txt", "visit.txt", cwd=project, env=env)

    # try-repo: run the hook straight from the checkout (builds its environment once)
    res = subprocess.run(
        [*PRE_COMMIT, "try-repo", str(repo), "redactphi", "--ref", rev, "--files", "clean.txt", "visit.txt"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )
    assert res.returncode == 1, res.stdout[-2000:]
    assert "visit.txt:2:9: DATE (date" in res.stdout
    assert "clean.txt:" not in res.stdout
    assert_absent(res.stdout, "03/14/2023", "4829301", where="hook output")

    # installed as a git hook: the PHI commit is blocked, the clean one goes through
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: redactphi\n"
    )
    assert subprocess.run([*PRE_COMMIT, "install"], cwd=project, env=env, capture_output=True, timeout=60).returncode == 0
    git("reset", "-q", cwd=project, env=env)
    git("add", ".pre-commit-config.yaml", "clean.txt", cwd=project, env=env)
    ok = git("commit", "-m", "clean note", cwd=project, env=env)
    assert ok.returncode == 0, ok.stdout[-2000:] + ok.stderr[-2000:]
    git("add", "visit.txt", cwd=project, env=env)
    blocked = git("commit", "-m", "note with PHI", cwd=project, env=env)
    assert blocked.returncode != 0
    assert "visit.txt:2:9: DATE" in blocked.stdout + blocked.stderr
    assert_absent(blocked.stdout + blocked.stderr, "4829301", where="hook output")
    log = git("log", "--format=%s", cwd=project, env=env).stdout.split("\n")
    assert log[0] == "clean note"
