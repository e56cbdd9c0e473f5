"""Read: yield notes lazily from files and folders. Nothing downstream knows the source."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from redactphi.errors import UsageError

#: Files larger than this are reported as failed rather than read into memory.
MAX_NOTE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Note:
    """One note. ``id`` is its relative path (or record location); ``error`` is set, and
    ``text`` empty, when it could not be read."""

    id: str
    source: str
    text: str
    input_sha256: str = ""
    error: str | None = None


@dataclass(frozen=True)
class NoteFile:
    path: Path
    rel: str


def discover(sources: Iterable[str | Path], glob: str = "*.txt") -> list[NoteFile]:
    """Files to process: directories are walked recursively for ``glob``; files given
    directly are taken whatever their name. Relative paths must be unique."""
    found: dict[str, NoteFile] = {}
    for src in sources:
        p = Path(src)
        if p.is_dir():
            items = [NoteFile(f, f.relative_to(p).as_posix()) for f in sorted(p.rglob(glob)) if f.is_file()]
        elif p.is_file():
            items = [NoteFile(p, p.name)]
        else:
            raise UsageError(f"no such file or directory: {p}")
        for item in items:
            if item.rel in found and found[item.rel].path.resolve() != item.path.resolve():
                raise UsageError(
                    f"two inputs map to the same output path '{item.rel}'; redact the sources separately"
                )
            found[item.rel] = item
    return sorted(found.values(), key=lambda f: f.rel)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_note(item: NoteFile) -> Note:
    """Read one file as UTF-8, keeping its line endings byte for byte."""
    try:
        size = item.path.stat().st_size
        if size > MAX_NOTE_BYTES:
            return Note(item.rel, str(item.path), "", error=f"file too large ({size} bytes)")
        data = item.path.read_bytes()
    except OSError as exc:
        return Note(item.rel, str(item.path), "", error=f"cannot read ({exc.strerror or type(exc).__name__})")
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Note(item.rel, str(item.path), "", digest, error=f"not valid UTF-8 (byte offset {exc.start})")
    return Note(item.rel, str(item.path), text, digest)
