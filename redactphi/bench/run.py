"""The recall benchmark as a library: run a predictor over gold notes, time it, score it.

A *predictor* is any callable that takes an iterable of note texts and yields, in the same
order, one list of ``(start, end, entity)`` spans per text (original-text offsets). It may
read ahead (batching) but must yield exactly one result per text. RedactPHI's own pipeline
and vanilla Presidio are adapted to that shape here; tests use fakes.

Timing counts only the time spent inside the predictor: producing the notes (e.g. the
synthetic generator) and scoring them are measured separately and subtracted, so
throughput figures describe redaction alone. Model loading happens before timing starts.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redactphi.bench.gold import GoldNote
from redactphi.bench.score import Miss, Report, Scorer, note_misses

if TYPE_CHECKING:  # pragma: no cover
    from redactphi.config import Config

from redactphi.errors import RedactPHIError as _ErrorBase

Span = tuple[int, int, str]
Predictor = Callable[[Iterable[str]], Iterable[Sequence[Span]]]

_WARM_UP_TEXT = "Warm-up: the patient was seen today and is doing well."


class BenchError(_ErrorBase):  # type: ignore[misc,valid-type]
    """A benchmark could not run or could not be judged (never quotes note text)."""


def run_bench(
    notes: Iterable[GoldNote],
    predictor: Predictor,
    *,
    category_map: Mapping[str, str | None] | None = None,
    on_miss: Callable[[Miss], None] | None = None,
    miss_context: int = 40,
    clock: Callable[[], float] = time.perf_counter,
) -> Report:
    """Run ``predictor`` over ``notes`` and score it; returns the :class:`Report`.

    ``on_miss`` receives every strictly missed gold span with context (PHI: route it to a
    file, never to the terminal). ``category_map`` maps the predictor's entity names to
    gold categories beyond ``redactphi.entities.GOLD_CATEGORY``.
    """
    scorer = Scorer(category_map)
    pending: deque[GoldNote] = deque()
    feed_seconds = 0.0
    score_seconds = 0.0
    fed_all = False

    def feed() -> Iterator[str]:
        nonlocal feed_seconds, fed_all
        source = iter(notes)
        while True:
            t0 = clock()
            note = next(source, None)
            feed_seconds += clock() - t0
            if note is None:
                fed_all = True
                return
            pending.append(note)
            yield note.text

    start = clock()
    for predicted in predictor(feed()):
        if not pending:
            raise BenchError("the predictor returned more results than it was given notes")
        note = pending.popleft()
        t0 = clock()
        spans = list(predicted)
        missed = scorer.add(note, spans)
        if on_miss is not None and missed:
            for miss in note_misses(note, spans, context=miss_context):
                on_miss(miss)
        score_seconds += clock() - t0
    total = clock() - start
    if pending or not fed_all:
        raise BenchError("the predictor returned fewer results than it was given notes")
    scorer.report.seconds = max(0.0, total - feed_seconds - score_seconds)
    return scorer.report


# --- predictors -----------------------------------------------------------------------


def redactphi_predictor(config: Config | None = None) -> Predictor:
    """RedactPHI's pipeline (the one ``redact`` uses) as a predictor.

    Builds the ``Redactor`` and pushes one PHI-free text through it before returning, so
    model loading is not billed to throughput.
    """
    from redactphi.api import Redactor
    from redactphi.config import Config

    redactor = Redactor(config if config is not None else Config())
    for _ in redactor.redact_many([_WARM_UP_TEXT]):
        pass

    def predict(texts: Iterable[str]) -> Iterator[list[Span]]:
        for result in redactor.redact_many(texts):
            yield [(r.start, r.end, r.entity) for r in result.redactions]

    return predict


def presidio_predictor() -> Predictor:
    """Vanilla Presidio (default recognizers) as a predictor, warmed up like ours."""
    from redactphi.bench.vanilla import build_vanilla_analyzer, vanilla_predict

    analyzer = build_vanilla_analyzer()
    for _ in vanilla_predict(analyzer, [_WARM_UP_TEXT]):
        pass

    def predict(texts: Iterable[str]) -> Iterator[list[Span]]:
        return vanilla_predict(analyzer, texts)

    return predict


# --- recall gates ---------------------------------------------------------------------


@dataclass(frozen=True)
class GateResult:
    """One ``--min-recall`` style threshold and whether the report met it."""

    gold_type: str | None  # None: overall strict recall
    minimum: float
    actual: float

    @property
    def passed(self) -> bool:
        return self.actual >= self.minimum

    def describe(self) -> str:
        what = "overall" if self.gold_type is None else self.gold_type
        verdict = "ok" if self.passed else "FAILED"
        return (
            f"strict recall {what}: {100 * self.actual:.2f}% "
            f"{'>=' if self.passed else '<'} {100 * self.minimum:.2f}%  {verdict}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_type": self.gold_type,
            "minimum": self.minimum,
            "actual": self.actual,
            "passed": self.passed,
        }


def check_gates(
    report: Report,
    min_recall: float | None = None,
    min_recall_by_type: Mapping[str, float] | None = None,
) -> list[GateResult]:
    """Compare strict recall with the thresholds; raises :class:`BenchError` when a gate
    cannot be judged (no gold spans overall or of the named type)."""
    results: list[GateResult] = []
    if min_recall is not None:
        if report.strict_recall is None:
            raise BenchError("the corpus has no gold spans, so recall is undefined")
        results.append(GateResult(None, min_recall, report.strict_recall))
    for gold_type, minimum in (min_recall_by_type or {}).items():
        stats = report.by_type.get(gold_type)
        if stats is None or stats.strict_recall is None:
            raise BenchError(
                f"the corpus has no {gold_type} spans, so its recall is undefined"
            )
        results.append(GateResult(gold_type, minimum, stats.strict_recall))
    return results
