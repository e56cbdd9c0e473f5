"""Resolve overlapping detections into non-overlapping redactions (pure, no Presidio).

Recall first: overlapping or touching detections of any types become one redaction over
their union, so a partial match can never leave a fragment of PHI behind. The label is
the strongest type among them (structured identifiers beat broad categories, see
:mod:`redactphi.entities`), ties going to the higher score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from redactphi import vocabulary
from redactphi.entities import precedence


@dataclass(frozen=True)
class Detection:
    """One recognizer's finding, in original-text offsets."""

    start: int
    end: int
    entity: str
    score: float
    recognizer: str
    pattern: str = ""


@dataclass(frozen=True)
class Redaction:
    """One region of the original text that will be replaced."""

    start: int
    end: int
    entity: str
    score: float
    recognizer: str
    pattern: str = ""
    #: every recognizer that contributed to this region (for the audit)
    sources: tuple[str, ...] = ()


_SAME_TYPE_GAP = re.compile(r"[ \t]{1,3}")


def resolve(detections: Iterable[Detection], text: str = "") -> list[Redaction]:
    """Merge overlapping/touching detections; also merge same-type detections separated
    only by a little horizontal space ("John" + "Smith" -> one [NAME]) when ``text`` is given.
    """
    items = sorted(
        (d for d in detections if d.end > d.start),
        key=lambda d: (d.start, -d.end),
    )
    groups: list[list[Detection]] = []
    group_end = -1
    for d in items:
        if groups and d.start <= group_end:
            groups[-1].append(d)
            group_end = max(group_end, d.end)
            continue
        if groups and text and _joinable(groups[-1], d, group_end, text):
            groups[-1].append(d)
            group_end = max(group_end, d.end)
            continue
        groups.append([d])
        group_end = d.end
    return [_merge(g) for g in groups]


def _joinable(group: Sequence[Detection], d: Detection, group_end: int, text: str) -> bool:
    best = _best(group)
    return best.entity == d.entity and _SAME_TYPE_GAP.fullmatch(text[group_end:d.start]) is not None


def _best(group: Sequence[Detection]) -> Detection:
    return min(group, key=lambda d: (precedence(d.entity), d.start - d.end, -d.score, d.recognizer))


def _merge(group: Sequence[Detection]) -> Redaction:
    best = _best(group)
    return Redaction(
        start=min(d.start for d in group),
        end=max(d.end for d in group),
        entity=best.entity,
        score=max(d.score for d in group if d.entity == best.entity),
        recognizer=best.recognizer,
        pattern=best.pattern,
        sources=tuple(sorted({d.recognizer for d in group})),
    )


_LEADING_TITLE = re.compile(rf"{vocabulary.alternation(vocabulary.TITLE_LIST)}\.?\s+", re.I)


def keep_titles(text: str, redactions: Iterable[Redaction]) -> list[Redaction]:
    """Shrink NAME redactions so a leading title ("Dr. ", "Mrs. ") stays in the text."""
    out = []
    for r in redactions:
        if r.entity == "NAME":
            m = _LEADING_TITLE.match(text, r.start, r.end)
            if m and m.end() < r.end:
                r = Redaction(m.end(), r.end, r.entity, r.score, r.recognizer, r.pattern, r.sources)
        out.append(r)
    return out
