"""The two name recognizers, ``name_context`` and ``name_lexicon``, over one scanner."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import LocalRecognizer, RecognizerResult
from redactphi.recognizers.base import PATTERN_KEY
from redactphi.recognizers.names.context import ContextRules
from redactphi.recognizers.names.lexicon import LexiconRules
from redactphi.recognizers.names.tokens import Hit
from redactphi.recognizers.names.words import _BRAND_DOCTORS, _PERSON_AFTER_POSSESSIVE

from redactphi.wordclass import fold as _fold
from redactphi.wordclass import lex as _lex
from redactphi.wordclass import possessive as _possessive

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from redactphi.config import Config


def _results(recognizer: _NameRecognizer, hits: Iterator[Hit]) -> list[RecognizerResult]:
    out = []
    seen = set()
    for h in hits:
        if h.end <= h.start or (h.start, h.end) in seen:
            continue
        seen.add((h.start, h.end))
        out.append(
            RecognizerResult(
                entity_type="NAME",
                start=h.start,
                end=h.end,
                score=h.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.NAME,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
                    PATTERN_KEY: h.rule,
                },
            )
        )
    return out


class Scanner(ContextRules, LexiconRules):
    """All name decisions for one text: its tokens, the context rules and the lexicon
    rules. Holds nothing but the text and what is computed from it."""

    @cached_property
    def lexicon_found(self) -> tuple[Hit, ...]:
        """The lexicon rules' hits, computed once: ``name_lexicon`` reports them and
        ``name_context`` learns from the surest of them how this note writes names."""
        return tuple(self.lexicon_hits())


# One scan per analysis, not per recognizer: Presidio hands both name recognizers the
# same text with the same NlpArtifacts object, so the scan is kept against that object
# and goes when it goes. Nothing is keyed on note text, so a result never depends on
# which notes were analysed before; a call without artifacts scans afresh.
_SCANS: weakref.WeakKeyDictionary[NlpArtifacts, Scanner] = weakref.WeakKeyDictionary()


def scan(text: str, nlp_artifacts: NlpArtifacts | None) -> Scanner:
    """The :class:`Scanner` of ``text`` for this analysis (shared by the name recognizers)."""
    if nlp_artifacts is None:
        return Scanner(text)
    found = _SCANS.get(nlp_artifacts)
    if found is None or (found.text is not text and found.text != text):
        found = Scanner(text)
        _SCANS[nlp_artifacts] = found
    return found


class _NameRecognizer(LocalRecognizer):
    NAME: ClassVar[str] = ""
    DESCRIPTION: ClassVar[str] = ""

    def __init__(self, config: Config | None = None):
        self.config = config
        _lex()  # load the lexicons now, not on the first note
        super().__init__(supported_entities=["NAME"], name=self.NAME, supported_language="en")

    def load(self) -> None:
        pass

    def hits(self, scanner: Scanner) -> Iterator[Hit]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if entities and "NAME" not in entities:
            return []
        return _results(self, self.hits(scan(text, nlp_artifacts)))


class NameContextRecognizer(_NameRecognizer):
    """Names introduced by a title, role, label, credential, signature or "LAST, FIRST"."""

    NAME = "name_context"
    DESCRIPTION = "names after titles/roles/labels, before credentials, in signatures, LAST, FIRST"

    def hits(self, scanner: Scanner) -> Iterator[Hit]:
        found = list(scanner.context_hits())
        found += scanner.relative_list_hits(found)
        # names the lexicon is sure of also tell us how this note writes its names
        seeds = found + [h for h in scanner.lexicon_found if h.score >= 0.75]
        found += scanner.nickname_hits(seeds)
        return iter(found + list(scanner.repeated_hits(seeds + found)))


class NameLexiconRecognizer(_NameRecognizer):
    """Names recognised by the 1990 US Census lists (first + surname/initial, unambiguous names)."""

    NAME = "name_lexicon"
    DESCRIPTION = "Census first names and surnames that are not also common words"

    def hits(self, scanner: Scanner) -> Iterator[Hit]:
        return iter(scanner.lexicon_found)


def is_brand_doctor(text: str, start: int, end: int) -> bool:
    """True for "Dr. Scholl's"-style product names spanning text[start:end] (used by NER)."""
    m = re.match(r"(?:dr\.?\s+)?([^\W\d_]+)(?:'s|’s)?$", text[start:end], re.I)
    if not m or _fold(m.group(1)).removesuffix("s") not in {k.removesuffix("s") for k in _BRAND_DOCTORS}:
        return False
    rest = text[end : end + 3]
    if not (_possessive(rest[:2]) or _possessive(text[start:end])):
        return False
    nxt = re.match(r"(?:'s|’s)?\s+([a-z]+)", text[end : end + 30], re.I)
    return not (nxt and nxt.group(1).lower() in _PERSON_AFTER_POSSESSIVE)
