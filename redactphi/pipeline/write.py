"""Write: atomic file output. A note is either completely written under its final name
or not there at all; an interrupted run leaves only temporary files, which are ignored
and cleaned up by the next run."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from redactphi.errors import RedactPHIError

TMP_PREFIX = ".redactphi-tmp-"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync, rename."""
    with atomic_output(path) as fh:
        fh.write(data)


def remove_stale_temporaries(root: Path) -> int:
    """Delete temporary files an interrupted run left under ``root``; returns how many."""
    n = 0
    if not root.is_dir():
        return 0
    stack = [str(root)]
    while stack:  # own walk: no symbolic links followed, no recursion limit
        try:
            with os.scandir(stack.pop()) as it:
                for e in it:
                    if e.is_dir(follow_symlinks=False):
                        stack.append(e.path)
                    elif e.name.startswith(TMP_PREFIX):
                        os.unlink(e.path)
                        n += 1
        except OSError:
            continue
    return n


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears under ``path`` only if the block completes; streamed,
    so it suits outputs of any size. On an exception the temporary file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class OutputBusy(RedactPHIError):
    """Another run holds the output folder (or its audit file)."""


@contextlib.contextmanager
def output_lock(out_dir: Path, audit: Path | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` (and ``audit``) for a run, so two runs can
    never interleave outputs or audit lines. The lock is ``flock`` on the folder itself
    and on the audit file: nothing extra is left in the output, and the kernel releases
    it when the process dies however it dies. Raises :class:`OutputBusy` at once."""
    import fcntl

    out_dir.mkdir(parents=True, exist_ok=True)
    fds: list[int] = []
    created = audit is not None and not audit.exists()
    try:
        fds.append(os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC))
        if audit is not None:
            audit.parent.mkdir(parents=True, exist_ok=True)
            fds.append(os.open(audit, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644))
        for fd in fds:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                created = False  # the other run's audit: not ours to remove
                raise OutputBusy(
                    "another redactphi run is writing to this output folder or audit file; "
                    "wait for it to finish, or choose another -o / --audit"
                ) from None
        yield
    finally:
        if created and audit is not None and audit.exists() and audit.stat().st_size == 0:
            audit.unlink()  # a run that failed before its header leaves no empty audit
        for fd in fds:
            os.close(fd)
