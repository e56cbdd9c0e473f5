"""Base class for RedactPHI's own pattern recognizers.

Presidio's ``PatternRecognizer`` hands ``validate_result`` only the matched string, but
most clinical judgements need the words around a match ("3/5" is a date after "on", a
strength grade before "strength"). ``RegexRecognizer`` keeps Presidio's shape (named
patterns as class constants, a recognizer name, ``RecognizerResult`` out) and adds:

* a named group ``value`` marks the part to redact, so a label such as "MRN:" can be
  required without being blacked out;
* ``judge(text, match, rx)`` sees the whole note and returns a score, or ``None`` to drop
  the match. Judgement lives there, not in ever-longer regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import LocalRecognizer, RecognizerResult

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from redactphi.config import Config

#: Key under which a result records the pattern that produced it (for the audit).
PATTERN_KEY = "pattern_name"


@dataclass(frozen=True)
class Rx:
    """One named pattern. ``entity`` overrides the recognizer's entity for this pattern.

    ``check`` names the recognizer method that judges this pattern's matches (called as
    ``judge`` is); empty means the pattern's score stands. The audit label ``name`` only
    labels: renaming a pattern must not change what it finds."""

    name: str
    regex: str
    score: float
    flags: int = re.IGNORECASE
    entity: str | None = None
    check: str = ""


class RegexRecognizer(LocalRecognizer):
    """A recognizer made of named regular expressions plus a context-aware ``judge``."""

    #: Name shown in the audit and in ``redactphi recognizers``.
    NAME: ClassVar[str] = ""
    #: Default entity type of results.
    ENTITY: ClassVar[str] = ""
    #: Other entity types individual patterns may emit.
    EXTRA_ENTITIES: ClassVar[tuple[str, ...]] = ()
    PATTERNS: ClassVar[tuple[Rx, ...]] = ()
    #: One-line description for ``redactphi recognizers``.
    DESCRIPTION: ClassVar[str] = ""

    def __init__(self, config: Config | None = None, patterns: Iterable[Rx] | None = None):
        self.config = config
        pats = tuple(patterns) if patterns is not None else self.PATTERNS
        self._compiled = [(rx, re.compile(rx.regex, rx.flags)) for rx in pats]
        for rx in pats:
            if rx.check and not callable(getattr(self, rx.check, None)):
                raise TypeError(f"{type(self).__name__}: pattern {rx.name!r} names no method {rx.check!r}")
        entities = [e for e in (self.ENTITY, *self.EXTRA_ENTITIES) if e]
        entities += sorted({rx.entity for rx in pats if rx.entity and rx.entity not in entities})
        super().__init__(supported_entities=entities, name=self.NAME, supported_language="en")

    def load(self) -> None:  # patterns are compiled in __init__
        pass

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        return [r for _, r in self.matches(text, entities)]

    def matches(self, text: str, entities: list[str]) -> list[tuple[Rx, RecognizerResult]]:
        """Each kept match with the pattern that made it, in :meth:`analyze`'s order: for
        a recognizer that treats some patterns' results further (by the pattern itself,
        never by its label)."""
        results: list[tuple[Rx, RecognizerResult]] = []
        for rx, pattern in self._compiled:
            entity = rx.entity or self.ENTITY
            if entities and entity not in entities:
                continue
            for m in pattern.finditer(text):
                if "value" in pattern.groupindex and m.group("value") is not None:
                    start, end = m.span("value")
                else:
                    start, end = m.span()
                if start == end:
                    continue
                score = self.judge(text, m, rx, start, end)
                if score is None or score <= 0:
                    continue
                results.append((rx, self.result(entity, start, end, score, rx.name)))
        return results

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Score a match using the surrounding text; ``None`` drops it. Default: the
        pattern's own ``check`` method, else the pattern's score."""
        if rx.check:
            check: Callable[[str, re.Match[str], Rx, int, int], float | None] = getattr(self, rx.check)
            return check(text, match, rx, start, end)
        return rx.score

    def result(self, entity: str, start: int, end: int, score: float, pattern: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                PATTERN_KEY: pattern,
            },
        )


def words_before(text: str, start: int, n: int = 3) -> list[str]:
    """The ``n`` words before ``start``, lower-cased, nearest last."""
    return re.findall(r"[a-z0-9#/']+", text[max(0, start - 60) : start].lower())[-n:]


def words_after(text: str, end: int, n: int = 3) -> list[str]:
    """The ``n`` words after ``end``, lower-cased, nearest first."""
    return re.findall(r"[a-z0-9#/']+", text[end : end + 60].lower())[:n]


_FACILITY_GAP = re.compile(r"(?:['’]s)?[ \t]*")
_ZIP_AFTER = re.compile(r"[ \t,.]*\d{5}(?!\d)")


def place_follows(text: str, end: int, facility: re.Pattern[str]) -> bool:
    """Does a facility word (``facility``, matched at the next word) or a ZIP code follow
    ``end``? Then a state before it is part of a place ("Ohio Rehab", "Dunmore, Ohio
    44907"), not a lone state."""
    gap = _FACILITY_GAP.match(text, end)
    return bool(facility.match(text, gap.end() if gap else end) or _ZIP_AFTER.match(text, end))
