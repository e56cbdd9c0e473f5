"""Lexicon rules (recognizer ``name_lexicon``): a name recognised by the Census lists
alone - first name and surname or initial, initial and surname, or a capitalised name
that is not also a word."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from redactphi.recognizers.names.predicates import NamePredicates
from redactphi.recognizers.names.tokens import Hit, Tok, toks_title
from redactphi.recognizers.names.words import (
    _APPOSITION_END,
    _ARTICLES,
    _CALENDAR,
    _NEVER,
    _NOT_A_PERSON,
    _SUBJECTIVE_LABEL,
    _WORD,
    EPONYM_NOUNS,
    FAMILY,
)

from redactphi.wordclass import NAME, UNKNOWN, WORDNAME
from redactphi.wordclass import lex as _lex
from redactphi.wordclass import possessive as _possessive


@dataclass(frozen=True)
class LexiconRule:
    """One lexicon rule: its audit label and how a name it starts is taken. The label
    only names the rule; the other fields decide (renaming a rule changes no output)."""

    name: str
    score: float = 0.75
    #: a lone word found by this rule must also pass :meth:`single_ok` (headings)
    lone_needs_context: bool = False
    #: the name runs to the reporting verb (:meth:`_shouted_name_before_verb`), not the chain
    extent_to_verb: bool = False


FIRST_INITIAL = LexiconRule("first name, initial")
FIRST_SURNAME = LexiconRule("first name, surname")
UNKNOWN_FIRST_SURNAME = LexiconRule("unknown first name, surname")
FIRST_BEFORE_VERB = LexiconRule("first name before verb")
INITIAL_SURNAME = LexiconRule("initial, surname")
CAPITALISED_NAME = LexiconRule("capitalised name", score=0.6, lone_needs_context=True)
SHOUTED_NAME = LexiconRule("upper-case name before verb", extent_to_verb=True)
WORD_NAME_MID_SENTENCE = LexiconRule("capitalised word-name mid-sentence")


class LexiconRules(NamePredicates):
    """The rules of ``name_lexicon``."""

    def lexicon_hits(self) -> Iterator[Hit]:
        toks = self.toks
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            hit = None
            nxt = toks[i + 1] if i + 1 < n and self.joined(i + 1) else None
            hit = self._lexicon_rule(i, t, nxt)
            if hit is None:
                i += 1
                continue
            j = self._shouted_name_before_verb(i) if hit.extent_to_verb else self.chain(i)
            if self.eponym_after(j):
                i = j
                continue
            if hit.lone_needs_context and j == i + 1 and not self.single_ok(i):
                i += 1
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, hit.name, hit.score)
            i = j

    def _lexicon_rule(self, i: int, t: Tok, nxt: Tok | None) -> LexiconRule | None:
        """Which lexicon rule, if any, starts a name at token i."""
        lx = _lex()
        if t.first and t.cap and t.key not in _NEVER and nxt is not None:
            rule = self._first_name_rule(i, t, nxt)
            if rule is not None:
                return rule
        if (
            t.kind == UNKNOWN and t.titlecase and not t.caseless and len(t.key) >= 3 and nxt is not None
            and nxt.last and nxt.titlecase
            and (nxt.kind == NAME or (nxt.kind == WORDNAME and nxt.key not in lx.technical and self._next_is_verbish(i + 1)))
        ):
            return UNKNOWN_FIRST_SURNAME  # "Aoife Hicks", "Aoife Grant reports"
        if (
            t.first and t.cap and t.key not in _NEVER and t.key not in lx.technical
            and (t.titlecase or t.kind == NAME) and self._next_is_verbish(i)
        ):
            return FIRST_BEFORE_VERB  # "Chase reports feeling better"
        if (
            t.first and t.caseless and t.kind == WORDNAME and t.key not in _NEVER and t.key not in FAMILY
            and _SUBJECTIVE_LABEL.search(self.text, max(0, t.start - 12), t.start) and self._next_is_verbish(i)
        ):
            return FIRST_BEFORE_VERB  # "S: CHASE REPORTS FEELING BETTER"
        if t.initial and t.dotted and nxt is not None and nxt.last and nxt.cap:
            if nxt.kind == NAME or (nxt.kind == WORDNAME and nxt.titlecase):
                return INITIAL_SURNAME  # "K. Patel"
        if t.kind == NAME and t.titlecase and not t.caseless and len(t.key) >= 3 and not (
            i > 0 and toks_title(self.toks[i - 1])
        ) and not self._thing_after_article(i):
            return CAPITALISED_NAME
        if self._shouted_name_before_verb(i):
            return SHOUTED_NAME  # "S: ADA OKORO reports ..."
        if self._capitalised_mid_sentence(i, nxt):
            return WORD_NAME_MID_SENTENCE  # "please take Rose to the ED"
        return None

    def _first_name_rule(self, i: int, t: Tok, nxt: Tok) -> LexiconRule | None:
        """A first name (token i) joined to the next word: "Anna S.", "John D seen at",
        "Sarah Doe", "Jake Thompson" mid-sentence."""
        lx = _lex()
        first_ok = t.kind == NAME or (
            t.kind == WORDNAME and (t.titlecase or nxt.kind == NAME) and t.key not in lx.technical
        )
        if (first_ok or t.titlecase) and nxt.initial and nxt.dotted:
            return FIRST_INITIAL  # "Anna S."
        if (
            t.caseless and t.kind == WORDNAME and nxt.initial and nxt.dotted
            and t.key not in lx.technical | _CALENDAR and _APPOSITION_END.match(self.text, nxt.end + 1)
        ):
            return FIRST_INITIAL  # "70YO MALE, FRANK L., ON COUMADIN": case says nothing
        if first_ok and nxt.initial and not t.caseless and re.match(
            r"(?:[ \t]*[,;)\n]|$| [a-z])", self.text[nxt.end : nxt.end + 2]
        ):
            return FIRST_INITIAL  # "John D seen at"
        if first_ok and nxt.cap and (
            (nxt.last and nxt.kind == NAME)
            or (nxt.last and nxt.kind == WORDNAME and t.kind == NAME and nxt.key not in lx.technical)
            or (nxt.kind == UNKNOWN and not nxt.caseless and nxt.titlecase)
            # "Sarah Doe": a strong first name makes the capitalised word after it a surname
            or (t.kind == NAME and nxt.titlecase and not nxt.caseless and nxt.key not in lx.clinical
                and nxt.key not in _NOT_A_PERSON and nxt.key not in _NEVER)
        ):
            if not (t.caseless and t.kind != NAME and nxt.kind != NAME):
                return FIRST_SURNAME
        if (
            t.kind == WORDNAME and nxt.kind == WORDNAME and t.titlecase and nxt.titlecase and nxt.last
            and t.key not in lx.technical | _CALENDAR and nxt.key not in lx.technical and not self.sentence_start(i)
            and nxt.key not in _NOT_A_PERSON
        ):
            return FIRST_SURNAME  # "Jake Thompson" mid-sentence
        return None

    def _shouted_name_before_verb(self, i: int) -> int:
        """Two or three upper-case name words in a mixed-case line, then a verb of
        reporting: a patient named in capitals ("S: ADA OKORO c/o nausea")."""
        toks = self.toks
        t = toks[i]
        if t.caseless or not t.text.isupper() or len(t.key) < 2:
            return 0
        j = i + 1
        while j < len(toks) and j - i < 3 and self.joined(j) and toks[j].text.isupper() and not toks[j].caseless:
            j += 1
        if j - i < 2 or not self._name_words(i, j) or not any(toks[k].lex for k in range(i, j)):
            return 0
        return j if self._next_is_verbish(j - 1) else 0

    def _thing_after_article(self, i: int) -> bool:
        """"with the Bovie", "a Hoyer lift": a lone surname after an article names a
        device or a thing; "the Smith family" still names people."""
        if i == 0 or self.toks[i - 1].key not in ("the", "a", "an") or self.gap(i) != " ":
            return False
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        return nxt is None or nxt.key not in {"family", "household", "residence", "home", "twins", "children", "kids"}

    def _capitalised_mid_sentence(self, i: int, nxt: Tok | None) -> bool:
        """A first name that is also a word ("Rose", "Hope", "Will"), capitalised in the
        middle of a sentence-case line: the capital is the evidence. Not at a sentence
        start, not in a title-case heading, not before another capitalised word ("Rose
        Garden", "Hope Lodge") and not after an article ("the Grace period")."""
        toks = self.toks
        t = toks[i]
        if t.kind != WORDNAME or not t.first or not t.titlecase or t.caseless or len(t.key) < 3:
            return False
        if t.key in _lex().technical or t.key in _CALENDAR or t.key in _NEVER or i == 0:
            return False
        prev = toks[i - 1]
        if self.gap(i) != " " or not prev.text.islower() or prev.key in _ARTICLES or self.sentence_start(i):
            return False
        if nxt is not None and (nxt.text[:1].isupper() or nxt.key in EPONYM_NOUNS):
            return False
        if _possessive(self.text[t.end : t.end + 2]) and nxt is not None and nxt.key in EPONYM_NOUNS:
            return False
        # the line must read as a sentence: most of its words lower-case
        ls = self.text.rfind("\n", max(0, t.start - 300), t.start) + 1
        le = self.text.find("\n", t.end, t.end + 300)
        words = _WORD.findall(self.text, max(ls, t.start - 300), le if le >= 0 else t.end + 300)
        lower = sum(1 for w in words if w[:1].islower())
        return len(words) >= 5 and lower >= 0.7 * len(words)

