"""Find the files to process under the inputs, for ``redact`` and ``scan`` alike.

Nothing is skipped silently: every entry a walk passes over is either taken, counted as
skipped under a reason (not matching any ``--glob``, a ``.git`` folder, a symbolic link
to a folder), or reported as a failure for its path (a folder that cannot be listed, a
symbolic link leaving the input folder, broken or looping, a FIFO or device where a note
was expected). Symbolic links are never followed out of the input folder: an untrusted
folder must not be able to pull host files into what is about to leave the boundary.
The walk keeps its own stack, so folder depth is bounded by the file system, not by
Python's recursion limit; an over-long path fails for that path alone.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from redactphi.errors import UsageError
from redactphi.pipeline.read import NoteFile, os_reason
from redactphi.pipeline.write import TMP_PREFIX

SKIP_GLOB = "not matching --glob"
SKIP_GIT = ".git folders"
SKIP_DIR_LINK = "symbolic links to folders (not followed)"
SKIP_TEMP = "redactphi temporary files"
NOT_REGULAR = "not a regular file (FIFO, socket or device); not read"


@dataclass
class Discovery:
    """What a walk found: files to process, skip counts per reason, and failures as
    (relative path, path as given, reason)."""

    items: list[NoteFile] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    def as_given(self) -> Discovery:
        """The same walk with each file once, its ``rel`` the path as given (as ``scan``
        reports it, so its output names what pre-commit passed)."""
        items: list[NoteFile] = []
        seen: set[str] = set()
        for item in self.items:
            if item.shown not in seen:
                seen.add(item.shown)
                items.append(NoteFile(item.path, item.shown))
        return Discovery(items, self.skipped, self.failures)


def matches(rel: str, globs: Sequence[str]) -> bool:
    """True when the relative path matches any pattern (matched from the right, like
    ``rglob``: ``*.txt`` takes a .txt file at any depth)."""
    p = PurePosixPath(rel)
    return any(p.match(g) for g in globs)


def discover(sources: Iterable[str | Path], globs: Sequence[str] = ("*.txt",)) -> Discovery:
    """Walk ``sources``: folders recursively for files matching any of ``globs``; files
    given directly are taken whatever their name (a symbolic link given directly is the
    user's choice and is resolved)."""
    found = Discovery()
    for src in sources:
        p = Path(src)
        if not os.path.lexists(p):
            raise UsageError("an input path does not exist; check the SRC arguments")
        if p.is_dir():
            _walk(p, globs, found)
        else:
            found.items.append(NoteFile(Path(os.path.realpath(p)), p.name, p.as_posix()))
    found.items.sort(key=lambda f: f.shown)
    return found


def _walk(top: Path, globs: Sequence[str], found: Discovery) -> None:
    root = os.path.realpath(top)
    stack = [(str(top), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            rel = (prefix or "./").rstrip("/") + "/"
            found.failures.append((rel, (top / prefix).as_posix() + "/", f"cannot list folder ({os_reason(exc)})"))
            continue
        subdirs = []
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name == ".git":
                        found.skipped[SKIP_GIT] += 1
                    else:
                        subdirs.append((entry.path, rel + "/"))
                else:
                    _entry(entry, rel, root, top, globs, found)
            except OSError as exc:
                found.failures.append((rel, (top / rel).as_posix(), f"cannot read ({os_reason(exc)})"))
        stack.extend(reversed(subdirs))


def _entry(entry: os.DirEntry, rel: str, root: str, top: Path, globs: Sequence[str], found: Discovery) -> None:
    shown = (top / rel).as_posix()
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if os.path.isdir(target):
            found.skipped[SKIP_DIR_LINK] += 1
            return
        if not matches(rel, globs):
            found.skipped[SKIP_GLOB] += 1
            return
        if not (target == root or target.startswith(root.rstrip(os.sep) + os.sep)):
            found.failures.append((rel, shown, "symbolic link leading outside the input folder; not followed"))
            return
        try:
            os.stat(target)
        except OSError as exc:
            found.failures.append((rel, shown, f"broken symbolic link ({os_reason(exc)})"))
            return
        found.items.append(NoteFile(Path(target), rel, shown))
        return
    if not matches(rel, globs):
        found.skipped[SKIP_GLOB] += 1
    elif entry.name.startswith(TMP_PREFIX):
        found.skipped[SKIP_TEMP] += 1
    elif entry.is_file(follow_symlinks=False):
        found.items.append(NoteFile(Path(entry.path), rel, shown))
    else:
        found.failures.append((rel, shown, NOT_REGULAR))


def describe_skipped(skipped: Counter) -> str:
    """'3 not matching --glob, 1 .git folders' (counts only, never names)."""
    return ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items()))
