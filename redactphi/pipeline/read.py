"""Read: yield notes lazily from files and folders. Nothing downstream knows the source.

A file is opened without following a final symbolic link and without blocking (a FIFO
put in a file's place must not hang the run), then checked with ``fstat`` to be a
regular file; its bytes go through :func:`redactphi.pipeline.decode.decode_bytes`, so every
input is decoded, and refused, by the same rules.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from redactphi.pipeline.decode import DecodeError, decode_bytes

#: Files larger than this are reported as failed rather than read: detection runs at
#: tens of KB per second per core, so a 200 MB "note" would hold a batch for hours (and
#: is an export, not a note). The same bound as a stream record (io.records); a larger
#: text can still be streamed through ``redact -``, window by window.
MAX_NOTE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Note:
    """One note. ``id`` is its relative path (or record location); ``error`` is set, and
    ``text`` empty, when it could not be read. ``encoding`` and ``bom`` say how the
    redacted text is written back (see :mod:`redactphi.pipeline.decode`)."""

    id: str
    source: str
    text: str
    input_sha256: str = ""
    error: str | None = None
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """``text`` in this note's encoding, with its BOM."""
        return self.bom + text.encode(self.encoding)


@dataclass(frozen=True)
class NoteFile:
    """A file to process: ``path`` to open, ``rel`` its path relative to its input
    folder (the output path), ``shown`` the path as the user gave it (for ``scan``)."""

    path: Path
    rel: str
    shown: str = ""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def os_reason(exc: OSError) -> str:
    """A content-free reason for an OSError (its strerror, never the path)."""
    if exc.errno == errno.ENOENT:
        return "vanished before it could be read (No such file or directory)"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link; not followed"
    return exc.strerror or type(exc).__name__


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file; raises OSError or ValueError (content-free)."""
    limit = MAX_NOTE_BYTES if limit is None else limit
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file (FIFO, socket or device); not read")
        if st.st_size > limit:
            raise ValueError(f"file too large ({st.st_size} bytes, over {limit}): split it, or stream it through `redact -`")
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise ValueError(f"file too large (over {limit} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_note(item: NoteFile, encoding: str | None = None) -> Note:
    """Read and decode one file, keeping its line endings byte for byte; a file that
    cannot be read or decoded becomes a Note with ``error`` set."""
    nid = item.rel
    try:
        data = read_bytes(item.path)
    except OSError as exc:
        return Note(nid, str(item.path), "", error=f"cannot read ({os_reason(exc)})")
    except ValueError as exc:
        return Note(nid, str(item.path), "", error=str(exc))
    digest = sha256_bytes(data)
    try:
        dec = decode_bytes(data, encoding)
    except DecodeError as exc:
        return Note(nid, str(item.path), "", digest, error=str(exc))
    return Note(nid, str(item.path), dec.text, digest, encoding=dec.encoding, bom=dec.bom)
