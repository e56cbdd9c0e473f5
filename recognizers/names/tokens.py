"""Tokens of a note with their lexicon classes, and the hits the name rules yield."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from redactphi.recognizers.names.words import (
    _WORD,
    FAMILY,
    TITLES,
)

from redactphi.pipeline.casing import MIN_LETTERS, caseless, lower_case_text
from redactphi.wordclass import classify_word
from redactphi.wordclass import possessive as _possessive


@dataclass(slots=True)
class Tok:
    """One word of a note and its lexicon class (slots: a note makes thousands)."""

    start: int
    end: int  # end of the name part (a possessive "'s" is left out)
    text: str
    key: str
    caseless: bool  # on an all-upper or all-lower line: case is no evidence
    first: bool
    last: bool
    kind: str

    @property
    def cap(self) -> bool:
        """Shaped like a name: capitalised, or on a caseless line."""
        return self.caseless or self.text[:1].isupper()

    @property
    def titlecase(self) -> bool:
        return self.text[:1].isupper() and not self.text.isupper()

    #: set by the tokenizer: a single letter followed by "."
    dotted: bool = False

    @property
    def initial(self) -> bool:
        if len(self.key) != 1 or not (self.text.isupper() or self.caseless):
            return False
        return self.dotted or self.key not in ("a", "i")

    @property
    def lex(self) -> bool:
        return self.first or self.last


def _line_caseless(text: str) -> list[tuple[int, bool]]:
    """(line start, caseless) per line; a line is caseless when (nearly) all its letters
    are upper case. A lower-case line is not: :func:`tokenize` judges lower case over the
    whole note (:func:`lower_case_text`)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        # most lines of a padded note are short or empty
        out.append((pos, len(line) >= MIN_LETTERS and caseless(line, no_upper_counts=False, alphabetic=True)))
        pos += len(line) + 1
    return out


_CASE_WINDOW = 2000


def classify_span(text: str, start: int, end: int) -> list[Tok]:
    """The words of ``text[start:end]`` classed as :func:`tokenize` would, for judging
    another recognizer's span (spaCy's PERSON) without tokenizing the whole note."""
    # a bounded window of the line: a note that is one huge line must not make every
    # span cost the whole note
    line_start = text.rfind("\n", max(0, start - _CASE_WINDOW), start) + 1
    line_end = text.find("\n", end, end + _CASE_WINDOW)
    line = text[max(line_start, start - _CASE_WINDOW) : line_end if line_end >= 0 else end + _CASE_WINDOW]
    no_case = caseless(line, no_upper_counts=False, alphabetic=True) or not any(c.isupper() for c in text[start:end])
    out = []
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        e = m.end() - 2 if _possessive(word) and len(word) > 3 else m.end()
        key, first, last, kind = classify_word(word)
        out.append(Tok(m.start(), e, word, key, no_case, first, last, kind, len(word) == 1 and text.startswith(".", m.end())))
    return out


def tokenize(text: str) -> list[Tok]:
    """Words of ``text`` with their lexicon classes."""
    lines = _line_caseless(text)
    # A note that is lower-case throughout is caseless even on its short lines.
    all_lower = lower_case_text(text)
    toks: list[Tok] = []
    add = toks.append
    li = 0
    n_lines = len(lines)
    next_line = lines[1][0] if n_lines > 1 else len(text) + 1
    for m in _WORD.finditer(text):
        at, whole = m.start(), m.group()
        if at >= next_line:
            while li + 1 < n_lines and lines[li + 1][0] <= at:
                li += 1
            next_line = lines[li + 1][0] if li + 1 < n_lines else len(text) + 1
        no_case = all_lower or lines[li][1]
        for start, word in _role_split(at, whole) if "-" in whole else ((at, whole),):
            end = start + len(word)
            if len(word) > 3 and _possessive(word):
                end -= 2
            # the class depends on the word alone (classify_word remembers it)
            key, first, last, kind = classify_word(word)
            dotted = len(word) == 1 and text.startswith(".", end)
            add(Tok(start, end, word, key, no_case, first, last, kind, dotted))
    return toks


def _role_split(start: int, word: str) -> list[tuple[int, str]]:
    """"DAUGHTER-TAMSIN" is a role and a name joined by a dash: two words."""
    head, dash, rest = word.partition("-")
    if dash and rest and head.lower() in FAMILY:
        return [(start, head), (start + len(head) + 1, rest)]
    return [(start, word)]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    rule: str
    score: float


class _Intervals:
    """Sorted, merged [start, end) intervals with a logarithmic membership test."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def contains(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]


def toks_title(t: Tok) -> bool:
    return t.key in TITLES


