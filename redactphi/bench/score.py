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
from dataclasses import dataclass, field
from typing import Any

from redactphi.bench.gold import GoldNote, GoldSpan
from redactphi.entities import GOLD_CATEGORIES, GOLD_CATEGORY

REPORT_VERSION = 1

# A predicted redaction in original-text offsets: (start, end, entity).
Prediction = tuple[int, int, str]

# Maximal runs of Unicode letters and digits; ``\w`` minus the underscore, so that
# "john_doe" is two tokens, like "john.doe".
_TOKEN = re.compile(r"[^\W_]+")


def _rate(numerator: int, denominator: int) -> float | None:
    # None (JSON null) rather than 0 or 1: a recall over zero spans is undefined, and a
    # gate must not silently pass or fail on it.
    return numerator / denominator if denominator else None


@dataclass
class SpanCounts:
    """Gold spans and how many were caught; shared by the overall report and each type."""

    spans: int = 0
    strict: int = 0
    overlap: int = 0
    leaking_notes: int = 0

    @property
    def missed_spans(self) -> int:
        """Gold spans not caught in the strict sense (some alphanumeric character leaks)."""
        return self.spans - self.strict

    @property
    def untouched_spans(self) -> int:
        """Gold spans with no alphanumeric character redacted at all."""
        return self.spans - self.overlap

    @property
    def strict_recall(self) -> float | None:
        return _rate(self.strict, self.spans)

    @property
    def overlap_recall(self) -> float | None:
        return _rate(self.overlap, self.spans)


@dataclass
class TypeStats(SpanCounts):
    """Recall figures for one gold type."""

    tokens: int = 0
    tokens_caught: int = 0

    @property
    def missed(self) -> int:
        """Gold spans of this type not caught in the strict sense."""
        return self.missed_spans

    @property
    def token_recall(self) -> float | None:
        return _rate(self.tokens_caught, self.tokens)

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": self.spans,
            "strict_caught": self.strict,
            "overlap_caught": self.overlap,
            "missed_spans": self.missed,
            "leaking_notes": self.leaking_notes,
            "strict_recall": self.strict_recall,
            "overlap_recall": self.overlap_recall,
            "tokens": self.tokens,
            "tokens_caught": self.tokens_caught,
            "token_recall": self.token_recall,
        }


@dataclass
class PredictedTypeStats:
    """Token precision for one predicted entity."""

    category: str | None
    tokens: int = 0
    phi_tokens: int = 0
    category_tokens: int = 0

    @property
    def precision(self) -> float | None:
        """Share of the tokens this entity redacted that are PHI of any type."""
        return _rate(self.phi_tokens, self.tokens)

    @property
    def category_precision(self) -> float | None:
        """Share that are PHI of the gold category this entity maps to (None if unmapped)."""
        if self.category is None:
            return None
        return _rate(self.category_tokens, self.tokens)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_category": self.category,
            "tokens": self.tokens,
            "phi_tokens": self.phi_tokens,
            "category_tokens": self.category_tokens,
            "precision": self.precision,
            "category_precision": self.category_precision,
        }


@dataclass
class Report(SpanCounts):
    """Every figure of one benchmark run; :meth:`to_dict` is the versioned JSON form."""

    notes: int = 0
    phi_free_notes: int = 0
    over_redacted_notes: int = 0
    tokens_gold: int = 0
    tokens_gold_caught: int = 0
    tokens_predicted: int = 0
    tokens_predicted_phi: int = 0
    seconds: float | None = None
    by_type: dict[str, TypeStats] = field(default_factory=dict)
    by_predicted: dict[str, PredictedTypeStats] = field(default_factory=dict)

    @property
    def token_recall(self) -> float | None:
        return _rate(self.tokens_gold_caught, self.tokens_gold)

    @property
    def token_precision(self) -> float | None:
        return _rate(self.tokens_predicted_phi, self.tokens_predicted)

    @property
    def over_redaction_rate(self) -> float | None:
        return _rate(self.over_redacted_notes, self.phi_free_notes)

    @property
    def notes_per_second(self) -> float | None:
        if not self.seconds or self.seconds <= 0:
            return None
        return self.notes / self.seconds

    def type_order(self) -> list[str]:
        """Gold types present, schema order first, then any others alphabetically."""
        known = [t for t in GOLD_CATEGORIES if t in self.by_type]
        return known + sorted(t for t in self.by_type if t not in GOLD_CATEGORIES)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures, versioned so downstream dashboards can detect changes."""
        return {
            "version": REPORT_VERSION,
            "notes": self.notes,
            "gold_spans": self.spans,
            "strict_recall": self.strict_recall,
            "overlap_recall": self.overlap_recall,
            "token_recall": self.token_recall,
            "token_precision": self.token_precision,
            "leaks": {
                "missed_spans": self.missed_spans,
                "untouched_spans": self.untouched_spans,
                "leaking_notes": self.leaking_notes,
            },
            "tokens": {
                "gold": self.tokens_gold,
                "gold_caught": self.tokens_gold_caught,
                "predicted": self.tokens_predicted,
                "predicted_phi": self.tokens_predicted_phi,
            },
            "over_redaction": {
                "phi_free_notes": self.phi_free_notes,
                "redacted_notes": self.over_redacted_notes,
                "rate": self.over_redaction_rate,
            },
            "throughput": {
                "notes": self.notes,
                "seconds": self.seconds,
                "notes_per_second": self.notes_per_second,
            },
            "by_type": {t: self.by_type[t].to_dict() for t in self.type_order()},
            "by_predicted_type": {
                e: self.by_predicted[e].to_dict() for e in sorted(self.by_predicted)
            },
        }


@dataclass(frozen=True)
class Miss:
    """A gold span not caught in the strict sense, with context. Contains PHI."""

    note_id: str
    type: str
    start: int
    end: int
    text: str
    before: str
    after: str
    redacted_chars: int
    alnum_chars: int
    overlapping: tuple[Prediction, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.note_id,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "before": self.before,
            "after": self.after,
            "redacted_chars": self.redacted_chars,
            "alnum_chars": self.alnum_chars,
            "overlapping": [list(p) for p in self.overlapping],
        }


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
        text = note.text
        preds = _checked(note, predicted)
        r.notes += 1

        mask = bytearray(len(text))
        by_entity: dict[str, bytearray] = {}
        for start, end, entity in preds:
            mask[start:end] = b"\x01" * (end - start)
            em = by_entity.get(entity)
            if em is None:
                em = by_entity[entity] = bytearray(len(text))
            em[start:end] = b"\x01" * (end - start)

        if not note.spans:
            r.phi_free_notes += 1
            if preds:
                r.over_redacted_notes += 1

        # Span-level recall.
        missed: list[GoldSpan] = []
        leaked_types: set[str] = set()
        for span in note.spans:
            stats = r.by_type.get(span.type)
            if stats is None:
                stats = r.by_type[span.type] = TypeStats()
            runs = _span_runs(text, span)
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

        # Token-level figures. gold_at holds 1 + index into `types` for each character
        # inside a gold span, so a token can be attributed to one gold type.
        types = sorted({s.type for s in note.spans})
        type_index = {t: i + 1 for i, t in enumerate(types)}
        gold_at = bytearray(len(text))
        for span in reversed(note.spans):
            # Reversed so that, for overlapping gold spans, the earlier one wins.
            gold_at[span.start : span.end] = bytes([type_index[span.type]]) * (
                span.end - span.start
            )
        for m in _TOKEN.finditer(text):
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
                if em.find(1, s, e) == -1:
                    continue
                ps = r.by_predicted.get(entity)
                if ps is None:
                    ps = r.by_predicted[entity] = PredictedTypeStats(
                        self._categories.get(entity)
                    )
                ps.tokens += 1
                if gold_type is not None:
                    ps.phi_tokens += 1
                    if gold_type == ps.category:
                        ps.category_tokens += 1
        return missed


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


# --- terminal table -------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def _count(value: int) -> str:
    return f"{value:,}"


def _render(rows: list[list[str]], aligns: str) -> list[str]:
    """Fixed-width rows; aligns holds one of '<' or '>' per column."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(aligns))]
    lines = []
    for row in rows:
        cells = [f"{cell:{a}{w}}" for cell, a, w in zip(row, aligns, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _summary_rows(reports: list[Report]) -> list[list[str]]:
    def over(r: Report) -> str:
        return f"{r.over_redacted_notes}/{r.phi_free_notes} ({_pct(r.over_redaction_rate)})"

    def speed(r: Report) -> str:
        nps = r.notes_per_second
        return "-" if nps is None else f"{nps:,.1f} notes/s"

    def seconds(r: Report) -> str:
        return "-" if r.seconds is None else f"{r.seconds:,.2f} s"

    return [
        ["strict span recall"] + [_pct(r.strict_recall) for r in reports],
        ["any-overlap recall"] + [_pct(r.overlap_recall) for r in reports],
        ["token recall"] + [_pct(r.token_recall) for r in reports],
        ["token precision"] + [_pct(r.token_precision) for r in reports],
        ["missed spans (strict)"] + [_count(r.missed_spans) for r in reports],
        ["spans with nothing redacted"] + [_count(r.untouched_spans) for r in reports],
        ["notes leaking >= 1 span"] + [_count(r.leaking_notes) for r in reports],
        ["over-redacted PHI-free notes"] + [over(r) for r in reports],
        ["predictor time"] + [seconds(r) for r in reports],
        ["throughput"] + [speed(r) for r in reports],
    ]


def format_table(
    report: Report,
    other: Report | None = None,
    names: tuple[str, str] = ("redactphi", "presidio"),
) -> str:
    """A fixed-width table of the figures (side by side when ``other`` is given).

    Contains only counts, rates and type names: safe for terminals and CI logs.
    """
    reports = [report] if other is None else [report, other]
    shown = list(names[: len(reports)])
    out: list[str] = [
        f"Recall benchmark: {_count(report.notes)} notes "
        f"({_count(report.phi_free_notes)} PHI-free), {_count(report.spans)} gold spans",
        "",
    ]
    out += _render([[""] + shown] + _summary_rows(reports), "<" + ">" * len(reports))

    types: list[str] = []
    for r in reports:
        types += [t for t in r.type_order() if t not in types]
    if types:
        rows = [["gold type", "spans"] + shown]
        for t in types:
            row = [t, _count(report.by_type[t].spans if t in report.by_type else 0)]
            for r in reports:
                st = r.by_type.get(t)
                row.append("-" if st is None else f"{_pct(st.strict_recall)} ({st.missed:,})")
            rows.append(row)
        out += ["", "Strict recall by gold type (missed spans in parentheses)"]
        out += _render(rows, "<>" + ">" * len(reports))

    for name, r in zip(shown, reports, strict=True):
        if not r.by_predicted:
            continue
        rows = [["predicted type", "maps to", "tokens", "precision", "same type"]]
        for entity in sorted(r.by_predicted):
            ps = r.by_predicted[entity]
            rows.append(
                [
                    entity,
                    ps.category or "-",
                    _count(ps.tokens),
                    _pct(ps.precision),
                    _pct(ps.category_precision),
                ]
            )
        out += ["", f"Token precision by predicted type ({name})"]
        out += _render(rows, "<<>>>")
    return "\n".join(out)
