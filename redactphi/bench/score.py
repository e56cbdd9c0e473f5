"""Score predicted redactions against gold PHI spans.

Pure Python, no Presidio: the scorer takes gold notes and, per note, predicted spans in
original-text offsets ``(start, end, entity)``, and counts:

* **strict span recall** (the i2b2 "strict" sense, label-blind): a gold span is caught only
  if every alphanumeric character in it lies inside some predicted span. Punctuation and
  spaces inside a span ("555-1234", "J.S.") may stay visible: they identify nobody.
* **any-overlap recall**: at least one alphanumeric character of the gold span redacted.
* **token recall / precision**: tokens are maximal alphanumeric runs; a token is
  predicted-positive if any of its characters is redacted and gold-positive if it overlaps
  a gold span.
* **precision per predicted type**: the same token precision restricted to the tokens each
  predicted entity touched, plus how many of those are PHI of the gold category the entity
  maps to (``redactphi.entities.GOLD_CATEGORY``).
* **leaks** as counts (missed spans, notes leaking at least one span), because "99.5%"
  hides that 40 notes would go out with a name in them.
* **over-redaction**: share of PHI-free notes (no gold spans) where anything was redacted.

Nothing here prints or stores span text except :func:`misses`, whose whole purpose is to
show missed PHI for a human to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from redactphi.bench.gold import GoldNote, GoldSpan
from redactphi.bench.report import (
    REPORT_VERSION,
    Miss,
    PredictedTypeStats,
    Prediction,
    Report,
    SpanCounts,
    TypeStats,
    format_table,
)
from redactphi.entities import GOLD_CATEGORY

# The report types and the table live in redactphi.bench.report; they are re-exported
# here because callers have always imported them from this module.
__all__ = [
    "REPORT_VERSION",
    "Miss",
    "PredictedTypeStats",
    "Prediction",
    "Report",
    "Scorer",
    "SpanCounts",
    "TypeStats",
    "format_table",
    "misses",
    "note_misses",
    "score",
]

# Maximal runs of Unicode letters and digits; ``\w`` minus the underscore, so that
# "john_doe" is two tokens, like "john.doe".
_TOKEN = re.compile(r"[^\W_]+")


def _checked(note: GoldNote, predicted: Iterable[Sequence[Any]]) -> list[Prediction]:
    """Validate predictions and clip them to the text; reject reversed spans loudly."""
    out: list[Prediction] = []
    n = len(note.text)
    for p in predicted:
        start, end, entity = int(p[0]), int(p[1]), str(p[2])
        if start > end:
            raise ValueError(
                f"note {note.id!r}: predicted {entity} span has start {start} > end {end}"
            )
        start, end = max(0, start), min(n, end)
        if start < end:
            out.append((start, end, entity))
    return out


def _span_runs(text: str, span: GoldSpan) -> list[tuple[int, int]]:
    """The alphanumeric runs inside a gold span: the characters that must be hidden."""
    runs = [m.span() for m in _TOKEN.finditer(text, span.start, span.end)]
    if runs:
        return runs
    # A span with no letters or digits is odd but legal; then every visible character counts.
    return [(i, i + 1) for i in range(span.start, span.end) if not text[i].isspace()] or [
        (span.start, span.end)
    ]


def _redacted_count(mask: bytearray, runs: list[tuple[int, int]]) -> int:
    return sum(mask.count(1, s, e) for s, e in runs)


class Scorer:
    """Accumulates figures note by note, so a benchmark can stream its corpus.

    ``category_map`` extends ``GOLD_CATEGORY`` for predictors with other entity names
    (vanilla Presidio's PERSON, DATE_TIME, ...).
    """

    def __init__(self, category_map: Mapping[str, str | None] | None = None) -> None:
        self._categories: dict[str, str | None] = dict(GOLD_CATEGORY)
        if category_map:
            self._categories.update(category_map)
        self.report = Report()

    def add(self, note: GoldNote, predicted: Iterable[Sequence[Any]]) -> list[GoldSpan]:
        """Score one note; returns its gold spans missed in the strict sense."""
        r = self.report
        preds = _checked(note, predicted)
        r.notes += 1
        mask, by_entity = _masks(len(note.text), preds)
        if not note.spans:
            r.phi_free_notes += 1
            if preds:
                r.over_redacted_notes += 1
        missed = self._add_spans(note, mask)
        self._add_tokens(note, mask, by_entity)
        return missed

    def _add_spans(self, note: GoldNote, mask: bytearray) -> list[GoldSpan]:
        """Span-level recall and leaks; returns the strict misses."""
        r = self.report
        missed: list[GoldSpan] = []
        leaked_types: set[str] = set()
        for span in note.spans:
            stats = r.by_type.get(span.type)
            if stats is None:
                stats = r.by_type[span.type] = TypeStats()
            runs = _span_runs(note.text, span)
            stats.spans += 1
            r.spans += 1
            if any(mask.find(1, s, e) != -1 for s, e in runs):
                stats.overlap += 1
                r.overlap += 1
            if all(mask.find(0, s, e) == -1 for s, e in runs):
                stats.strict += 1
                r.strict += 1
            else:
                missed.append(span)
                leaked_types.add(span.type)
        if missed:
            r.leaking_notes += 1
        for t in leaked_types:
            r.by_type[t].leaking_notes += 1
        return missed

    def _add_tokens(self, note: GoldNote, mask: bytearray, by_entity: dict[str, bytearray]) -> None:
        """Token recall, token precision overall and per predicted entity."""
        r = self.report
        types, gold_at = _gold_types(note)
        for m in _TOKEN.finditer(note.text):
            s, e = m.span()
            gold_slice = gold_at[s:e].lstrip(b"\x00")
            gold_type = types[gold_slice[0] - 1] if gold_slice else None
            redacted = mask.find(1, s, e) != -1
            if gold_type is not None:
                r.tokens_gold += 1
                r.by_type[gold_type].tokens += 1
                if redacted:
                    r.tokens_gold_caught += 1
                    r.by_type[gold_type].tokens_caught += 1
            if not redacted:
                continue
            r.tokens_predicted += 1
            if gold_type is not None:
                r.tokens_predicted_phi += 1
            for entity, em in by_entity.items():
                if em.find(1, s, e) != -1:
                    self._add_predicted_token(entity, gold_type)

    def _add_predicted_token(self, entity: str, gold_type: str | None) -> None:
        ps = self.report.by_predicted.get(entity)
        if ps is None:
            ps = self.report.by_predicted[entity] = PredictedTypeStats(self._categories.get(entity))
        ps.tokens += 1
        if gold_type is not None:
            ps.phi_tokens += 1
            if gold_type == ps.category:
                ps.category_tokens += 1


def _masks(length: int, preds: list[Prediction]) -> tuple[bytearray, dict[str, bytearray]]:
    """One byte per character: redacted by any prediction, and by each predicted entity."""
    mask = bytearray(length)
    by_entity: dict[str, bytearray] = {}
    for start, end, entity in preds:
        mask[start:end] = b"\x01" * (end - start)
        em = by_entity.get(entity)
        if em is None:
            em = by_entity[entity] = bytearray(length)
        em[start:end] = b"\x01" * (end - start)
    return mask, by_entity


def _gold_types(note: GoldNote) -> tuple[list[str], bytearray]:
    """The note's gold types, and per character 1 + index into them (0 outside gold spans),
    so that a token can be attributed to one gold type."""
    types = sorted({s.type for s in note.spans})
    type_index = {t: i + 1 for i, t in enumerate(types)}
    gold_at = bytearray(len(note.text))
    for span in reversed(note.spans):
        # Reversed so that, for overlapping gold spans, the earlier one wins.
        gold_at[span.start : span.end] = bytes([type_index[span.type]]) * (span.end - span.start)
    return types, gold_at

def score(
    notes: Iterable[GoldNote],
    predictions: Iterable[Iterable[Sequence[Any]]],
    *,
    seconds: float | None = None,
    category_map: Mapping[str, str | None] | None = None,
) -> Report:
    """Score predictions (one list per note, same order as ``notes``) against gold.

    ``seconds`` is the predictor's run time, measured by the caller, for throughput.
    Raises ``ValueError`` if the two sequences differ in length.
    """
    scorer = Scorer(category_map)
    sentinel = object()
    note_iter, pred_iter = iter(notes), iter(predictions)
    while True:
        note = next(note_iter, sentinel)
        pred = next(pred_iter, sentinel)
        if note is sentinel and pred is sentinel:
            break
        if note is sentinel or pred is sentinel:
            raise ValueError("notes and predictions differ in length")
        assert isinstance(note, GoldNote)
        scorer.add(note, pred)  # type: ignore[arg-type]
    scorer.report.seconds = seconds
    return scorer.report


def note_misses(
    note: GoldNote, predicted: Iterable[Sequence[Any]], *, context: int = 40
) -> Iterator[Miss]:
    """Missed gold spans of one note with ``context`` characters either side. Contains PHI."""
    text = note.text
    preds = _checked(note, predicted)
    mask = bytearray(len(text))
    for start, end, _ in preds:
        mask[start:end] = b"\x01" * (end - start)
    for span in note.spans:
        runs = _span_runs(text, span)
        if all(mask.find(0, s, e) == -1 for s, e in runs):
            continue
        yield Miss(
            note_id=note.id,
            type=span.type,
            start=span.start,
            end=span.end,
            text=span.text,
            before=text[max(0, span.start - context) : span.start],
            after=text[span.end : span.end + context],
            redacted_chars=_redacted_count(mask, runs),
            alnum_chars=sum(e - s for s, e in runs),
            overlapping=tuple(p for p in preds if p[0] < span.end and p[1] > span.start),
        )


def misses(
    notes: Iterable[GoldNote],
    predictions: Iterable[Iterable[Sequence[Any]]],
    *,
    context: int = 40,
) -> Iterator[Miss]:
    """Every strict miss across a corpus, in note order. Contains PHI by design."""
    for note, pred in zip(notes, predictions, strict=True):
        yield from note_misses(note, pred, context=context)
