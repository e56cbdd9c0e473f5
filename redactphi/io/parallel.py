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
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from redactphi.config import Config
from redactphi.errors import RedactPHIError
from redactphi.io.run import Result
from redactphi.pipeline.detect import DetectOutcome, Window, size_groups

T = TypeVar("T")
R = TypeVar("R")

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
        """Each folder chunk's results, in order (a chunk lost twice: its notes failed and
        any output they wrote removed)."""
        from redactphi.io.job import _pool_task

        tasks: Iterator[Any] = ((c, out, encoding) for c in chunks)
        return self.map_ordered(_pool_task, tasks, lambda args: _failed_chunk(args[0], out))

    def map_ordered(self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T], R]) -> Iterator[R]:
        """``fn(item)`` in the workers for each item, results in order, reading ``items``
        lazily (at most one item per worker in flight, so memory is flat for an endless
        stream). When a worker dies the pool breaks and every item in flight is lost with
        it; each is retried once in a fresh pool, alone, so an item that kills its worker
        again is known to be the culprit, and ``lost(item)`` stands for its result."""
        it = iter(items)
        held: dict[int, T] = {}  # items handed out and not yet finished
        done: dict[int, R] = {}
        tries: dict[int, int] = {}
        todo: deque[int] = deque()  # items to hand out again, after a pool was lost
        inflight: dict[Future, int] = {}
        read = nxt = 0
        exhausted = False
        while True:
            while len(inflight) < self.workers:
                if todo:  # a retried item runs alone, so losing it again is its own doing
                    if not inflight:
                        j = todo.popleft()
                        inflight[self._submit(fn, held[j])] = j
                    break
                item = _END if exhausted else next(it, _END)
                if item is _END:
                    exhausted = True
                    break
                j, read = read, read + 1
                held[j] = item  # type: ignore[assignment]
                inflight[self._submit(fn, item)] = j
            if not inflight:
                return
            finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
                for j in self._recover(inflight, done, tries):
                    if tries[j] <= 1:
                        todo.append(j)
                    else:
                        done[j] = lost(held[j])
                todo = deque(sorted(todo))
            else:
                for f in finished:
                    done[inflight.pop(f)] = f.result()
            while nxt in done:
                held.pop(nxt, None)
                yield done.pop(nxt)
                nxt += 1

    def _submit(self, fn: Callable[[Any], Any], item: Any) -> Future:
        try:
            return self._ex.submit(fn, item)  # type: ignore[union-attr]
        except BrokenProcessPool as exc:
            # a worker died since the last wait: the item is lost like those in flight
            lost: Future = Future()
            lost.set_exception(exc)
            return lost

    def _recover(self, inflight: dict[Future, int], done: dict[int, Any], tries: dict[int, int]) -> list[int]:
        """Keep what finished, restart the pool; the items that were lost."""
        lost = []
        for f, j in inflight.items():
            if f.done() and f.exception() is None:
                done[j] = f.result()
            else:
                tries[j] = tries.get(j, 0) + 1
                lost.append(j)
        inflight.clear()
        self._stop()
        self._start()
        return lost


_END = object()


def _failed_chunk(chunk: Sequence[Any], out: Path) -> list[Any]:
    results = []
    for task in chunk:
        try:
            (out / task.item.rel).unlink()  # the dead worker may have written it
        except OSError:
            pass
        results.append(Result(task.item.rel, "failed", reason=WORKER_DIED))
    return results


@dataclass(frozen=True)
class PoolEngineInfo:
    """The workers' engine as the audit header describes it."""

    model: dict[str, Any]
    recognizer_names: tuple[str, ...]


class PoolDetector:
    """The detector interface (:class:`~redactphi.pipeline.detect.Detects`) over a
    :class:`WorkerPool`, so one stream (``redact -``, JSONL, CSV) uses every worker:
    texts go out in batches of ``config.batch_size``, a text stream's windows in the
    groups one spaCy call takes, and outcomes come back in order. Resolving and writing
    stay in this process, in order, so the output is the one a single process writes.
    A batch whose worker died twice fails closed: each of its texts gets an error."""

    def __init__(self, pool: WorkerPool):
        self.pool = pool
        self.config = pool.config
        self.workers = pool.workers
        model, names = pool.info
        self.engine = PoolEngineInfo(model, tuple(names))

    def detect_many(self, texts: Iterable[str]) -> Iterator[DetectOutcome]:
        batches = _batched(texts, self.config.batch_size)
        for outcomes in self.pool.map_ordered(_detect_texts, batches, _lost_batch):
            yield from outcomes

    def detect_windows(self, windows: Iterable[Window]) -> Iterator[tuple[Window, DetectOutcome]]:
        handed: deque[list[Window]] = deque()  # groups out to the workers, oldest first

        def groups() -> Iterator[list[Window]]:
            # one window per task: a text stream has few windows, and each is a spaCy call
            for group in size_groups(windows, lambda w: len(w.text), self.config.chunk_chars):
                handed.append(group)
                yield group

        # results come back in order, so each belongs to the oldest group handed out
        for outcomes in self.pool.map_ordered(_detect_windows, groups(), _lost_batch):
            yield from zip(handed.popleft(), outcomes, strict=True)


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _lost_batch(batch: Sequence[Any]) -> list[DetectOutcome]:
    return [DetectOutcome((), WORKER_DIED)] * len(batch)


def _detect_texts(texts: list[str]) -> list[DetectOutcome]:
    return list(worker_redactor().detector.detect_many(texts))


def _detect_windows(windows: list[Window]) -> list[DetectOutcome]:
    return [outcome for _, outcome in worker_redactor().detector.detect_windows(windows)]
