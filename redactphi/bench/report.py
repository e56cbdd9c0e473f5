"""What one benchmark run measured, and how it is shown.

:class:`Report` holds every figure of a run (overall, per gold type, per predicted
type) and its versioned JSON form; :class:`Miss` is one missed gold span with context;
:func:`format_table` is the terminal table. The counting itself is in
:mod:`redactphi.bench.score`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redactphi.entities import GOLD_CATEGORIES

REPORT_VERSION = 1

# A predicted redaction in original-text offsets: (start, end, entity).
Prediction = tuple[int, int, str]


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
