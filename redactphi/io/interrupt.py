"""Interrupts: SIGINT and SIGTERM end a run the same way, with a message and exit code
128 + the signal number (130 for Ctrl-C, 143 for SIGTERM), never a half-written note
under its final name (writes are atomic, see :mod:`redactphi.pipeline.write`).

A signal is also remembered, not only raised: code that swallows the exception (a SIGINT
landing inside the ``regex`` module was once lost that way, and a match cut short may
miss PHI) cannot turn an interrupted run into a successful one, because :func:`check`
is called before every output is written and the CLI checks once more before it exits.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

_RECEIVED: list[int] = []


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal; ``exit_code`` is 128 + its number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum


def _handler(signum: int, frame: FrameType | None) -> None:
    _RECEIVED.append(signum)
    raise Interrupted(signum)


def pending() -> int | None:
    """The first signal received since :func:`handled` was entered, if any."""
    return _RECEIVED[0] if _RECEIVED else None


def check() -> None:
    """Raise :class:`Interrupted` if a signal arrived, even one whose exception was lost."""
    if _RECEIVED:
        raise Interrupted(_RECEIVED[0])


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise :class:`Interrupted` and are remembered;
    SIGXFSZ is ignored, so a file-size limit makes a write fail with EFBIG (that note is
    reported failed) instead of killing the process. Handlers are restored afterwards."""
    _RECEIVED.clear()
    sigs = [signal.SIGINT, signal.SIGTERM]
    old = {s: signal.signal(s, _handler) for s in sigs}
    if hasattr(signal, "SIGXFSZ"):
        old[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
