"""Worker processes for folder jobs: one :class:`Redactor` (one engine, one model load)
per process, built by the pool's initializer and reused for every chunk of notes.

Workers ignore SIGINT so that Ctrl-C reaches the parent alone, which stops the pool;
on Linux they also ask to be killed when the parent dies, so a SIGKILLed run leaves no
orphans. Either way outputs are only ever renamed into place complete.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator
from typing import Any

from redactphi.config import Config
from redactphi.errors import RedactPHIError

_REDACTOR: Any = None
_INIT_ERROR: str | None = None


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: best effort only
        pass


def _init(config: Config) -> None:
    global _REDACTOR, _INIT_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    # Parallelism comes from the processes; a BLAS thread pool in each would only fight
    # over the same cores. Effective when numpy is first imported here (the parent of a
    # CLI run never imports it).
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        from redactphi.api import Redactor

        _REDACTOR = Redactor(config)
    except RedactPHIError as exc:
        # Raising here would make the pool respawn workers forever; report it instead.
        _INIT_ERROR = str(exc)


def worker_redactor() -> Any:
    if _REDACTOR is None:
        raise RedactPHIError(_INIT_ERROR or "worker has no engine")
    return _REDACTOR


def _engine_info() -> tuple[dict, list[str]]:
    eng = worker_redactor().engine
    return dict(eng.model), list(eng.recognizer_names)


@contextlib.contextmanager
def run_pool(config: Config, workers: int) -> Iterator[tuple[Any, tuple[dict, list[str]]]]:
    """A pool of ``workers`` processes with engines built, and the engine description
    (model, recognizer names) for the audit header. Raises the workers' start-up error
    (e.g. a missing model) as a :class:`RedactPHIError`."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ctx.Pool(workers, initializer=_init, initargs=(config,))
    try:
        try:
            info = pool.apply(_engine_info)
        except RedactPHIError as exc:
            raise RedactPHIError(str(exc)) from None
        yield pool, info
        pool.close()
        pool.join()
    finally:
        pool.terminate()
