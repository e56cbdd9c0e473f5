"""Worker processes for folder jobs: one :class:`Redactor` (one engine, one model load)
per process, built by the pool's initializer and reused for every chunk of notes.

Workers ignore SIGINT so that Ctrl-C reaches the parent alone, which stops the pool;
SIGTERM kills them outright; on Linux they also ask to be killed when the parent dies,
so a SIGKILLed run leaves no orphans. Either way outputs are only ever renamed into
place complete. The pool is a :class:`concurrent.futures.ProcessPoolExecutor` because,
unlike ``multiprocessing.Pool``, it notices a worker that died (killed by the OOM
killer, say) instead of waiting for it forever: the chunks it held are retried once in
a fresh pool, then reported failed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from redactphi.config import Config
from redactphi.errors import RedactPHIError
from redactphi.io.run import Result

_REDACTOR: Any = None
_INIT_ERROR: str | None = None
#: Reason recorded for the notes of a chunk whose worker died twice.
WORKER_DIED = "worker process died (killed, or out of memory); rerun with --resume, or with fewer --workers"


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
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
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
        # Raising here would break the pool with no reason given; report it instead.
        _INIT_ERROR = str(exc)


def worker_redactor() -> Any:
    if _REDACTOR is None:
        raise RedactPHIError(_INIT_ERROR or "worker has no engine")
    return _REDACTOR


def _engine_info() -> tuple[dict, list[str]]:
    eng = worker_redactor().engine
    return dict(eng.model), list(eng.recognizer_names)


class WorkerPool:
    """``workers`` processes with engines built; ``info`` is the engine description
    (model, recognizer names) for the audit header. Raises the workers' start-up error
    (e.g. a missing model) as a :class:`RedactPHIError`."""

    def __init__(self, config: Config, workers: int):
        self.config = config
        self.workers = workers
        self.info: tuple[dict, list[str]] = ({}, [])
        self._ex: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def _start(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._ex = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init, initargs=(self.config,))
        try:
            self.info = self._ex.submit(_engine_info).result()
        except RedactPHIError as exc:
            raise RedactPHIError(str(exc)) from None
        except BrokenProcessPool:
            raise RedactPHIError("worker processes could not start; try --workers 1") from None

    def _stop(self) -> None:
        if self._ex is None:
            return
        # the executor has no public way to stop running workers: kill them, or an
        # interrupted run would wait for every chunk already handed out
        procs = list((getattr(self._ex, "_processes", None) or {}).values())
        self._ex.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.kill()
        for p in procs:
            p.join(timeout=10)
        self._ex = None

    def run(self, chunks: Sequence[Sequence[Any]], out: Path, encoding: str | None) -> Iterator[list[Any]]:
        """Each chunk's results, in order. At most one chunk per worker is in flight, so
        when a worker dies the chunks it may have held are known: they are retried once
        in a fresh pool, then failed (and any output they wrote removed)."""
        from redactphi.io.job import _pool_task

        done: dict[int, list[Any]] = {}
        tries = [0] * len(chunks)
        todo = deque(range(len(chunks)))
        inflight: dict[Future, int] = {}
        nxt = 0
        while nxt < len(chunks):
            while todo and len(inflight) < self.workers:
                j = todo.popleft()
                inflight[self._ex.submit(_pool_task, (chunks[j], out, encoding))] = j  # type: ignore[union-attr,arg-type]
            finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
                self._recover(inflight, done, tries, todo, chunks, out)
            else:
                for f in finished:
                    done[inflight.pop(f)] = f.result()
            while nxt in done:
                yield done.pop(nxt)
                nxt += 1

    def _recover(
        self, inflight: dict[Future, int], done: dict[int, list[Any]], tries: list[int], todo: deque, chunks: Sequence[Sequence[Any]], out: Path
    ) -> None:
        lost = []
        for f, j in inflight.items():
            if f.done() and f.exception() is None:
                done[j] = f.result()
            else:
                tries[j] += 1
                lost.append(j)
        inflight.clear()
        self._stop()
        self._start()
        for j in sorted(lost, reverse=True):
            if tries[j] <= 1:
                todo.appendleft(j)
            else:
                done[j] = _failed_chunk(chunks[j], out)


def _failed_chunk(chunk: Sequence[Any], out: Path) -> list[Any]:
    results = []
    for task in chunk:
        try:
            (out / task.item.rel).unlink()  # the dead worker may have written it
        except OSError:
            pass
        results.append(Result(task.item.rel, "failed", reason=WORKER_DIED))
    return results
