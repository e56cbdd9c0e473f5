"""Tests the rules share: could these tokens be a whole name, where does a name end."""

from __future__ import annotations

import bisect
import re

from redactphi.recognizers.names.scanner import ScannerBase
from redactphi.recognizers.names.tokens import Hit, Tok
from redactphi.recognizers.names.words import (
    _CALENDAR,
    _CREDENTIAL_AFTER,
    _DOTTED_ABBREVIATIONS,
    _FIELD_LABELS,
    _MESSAGE_END,
    _NAME_FIELD_END,
    _NEVER,
    _PERSON_NOUN_AFTER,
    _VERBISH,
    CRED_WORDS,
    FAMILY,
    PERSON_CUES,
)

from redactphi.wordclass import NAME, UNKNOWN, WORD, WORDNAME
from redactphi.wordclass import lex as _lex
from redactphi.wordclass import possessive as _possessive


class NamePredicates(ScannerBase):
    """Whole-name tests on top of the scanner's context tests."""

    def _name_ending_at(self, pos: int, rule: str, score: float) -> Hit | None:
        """A name of up to three words ending right before ``pos`` (where a role follows)."""
        toks = self.toks
        j = self._tok_ending_at(pos)
        if j is None or j == 0 or toks[j - 1].kind == WORD:
            return None
        i = j - 1
        while i > 0 and j - i < 3 and self.joined(i) and self._name_part(toks[i - 1], backward=True):
            i -= 1
        while i < j - 1 and not self.starts_name(toks[i], "family"):
            i += 1
        if self.starts_name(toks[i], "family") and not all(t.initial for t in toks[i:j]):
            s, e = self.span(i, j)
            return Hit(s, e, rule, score)
        return None

    def _name_words(self, i: int, j: int, header: bool = False) -> bool:
        """Could tokens i..j-1 be a whole name with no other context? Name-shaped words
        that are not everyday or clinical words, at least one of them a likely name.
        Word-names on the clinical list ("Rose", "Grace", "Brown") count when their
        capital is evidence, or on a header line (``header``) beside a clearer name."""
        toks = self.toks[i:j]
        lx = _lex()
        for t in toks:
            if t.initial:
                continue
            if not t.cap or t.kind == WORD or t.key in _NEVER or t.key in CRED_WORDS or t.key in lx.technical:
                return False
            if t.key in FAMILY or t.key in PERSON_CUES or t.key in _CALENDAR:
                return False
            if t.kind == WORDNAME and t.key in lx.clinical and t.caseless and not header:
                return False
            if t.kind == UNKNOWN and (len(t.key) < 3 or not re.search(r"[aeiouy]", t.key)):
                return False
        words = [t for t in toks if not t.initial]
        return bool(words) and any(t.kind in (NAME, UNKNOWN) or (t.lex and t.key not in lx.clinical) for t in words)

    @staticmethod
    def _word_name_ok(t: Tok) -> bool:
        """A capitalised first name that is also an everyday word ("Grace"), for use
        where the context alone says it is a person."""
        return (
            t.kind == WORDNAME and t.titlecase and not t.caseless and t.key not in _lex().technical
            and t.key not in _NEVER and t.key not in FAMILY and t.key not in _CALENDAR
        )

    def _to_field_end(self, i: int, j: int) -> int:
        """"PATIENT: JOSH BUYS  MR #": in a caseless header field, the name runs to the
        field's end (two spaces, a comma or bracket, the line's end), when that comes
        within four words."""
        toks = self.toks
        if _NAME_FIELD_END.match(self.text, toks[j - 1].end):
            return j
        k = j
        while k < len(toks) and k - i < 4 and self.joined(k):
            t = toks[k]
            if t.key in _NEVER or t.key in CRED_WORDS or t.key in _FIELD_LABELS:
                return j
            k += 1
            if _NAME_FIELD_END.match(self.text, toks[k - 1].end):
                return k
        return j

    def _word_first_then_surname(self, i: int) -> bool:
        """"PT JOY FINOCCHIARO", "PATIENT: JUNE OKAFOR": in a caseless note a first name
        that is also a word starts a name after a person cue when a surname follows."""
        toks = self.toks
        t = toks[i]
        if not (t.caseless and t.first and t.kind == WORDNAME) or i + 1 >= len(toks) or not self.joined(i + 1):
            return False
        # ("technical" is not checked: short word-names such as "Joy" count as technical)
        if t.key in _NEVER or t.key in FAMILY:
            return False
        k = i + 1
        if toks[k].initial and toks[k].dotted and k + 1 < len(toks) and self.joined(k + 1):
            k += 1  # "DEB N. HILL"
        nxt = toks[k]
        if (nxt.kind == NAME and nxt.last) or (
            nxt.kind == UNKNOWN and len(nxt.key) >= 3 and re.search(r"[aeiouy]", nxt.key) is not None
        ):
            return True
        # after a label ("PATIENT:", "PCP:", "RE:") two word-names are still a name:
        # "JOY GLASS", "GRACE HILL"; not a month ("MAY 3" has no surname anyway)
        return (
            nxt.kind == WORDNAME and nxt.last and t.key not in _CALENDAR and nxt.key not in _CALENDAR
            and (self.label_before(i) or k > i + 1)
            # and the name ends there: "JOY GLASS, DO", not "WILL CALL BACK"
            and (_NAME_FIELD_END.match(self.text, nxt.end) is not None or self.credential_after(k + 1))
        )

    def _described_person(self, t: Tok, age_end: int) -> bool:
        """A first name in a caseless note, then its age and a person noun ("RICH, A
        96-YO MAN"): the description makes even a word-name a name."""
        lx = _lex()
        return (
            t.caseless and t.first and t.kind in (NAME, WORDNAME) and t.key not in lx.technical
            and t.key not in _CALENDAR and t.key not in _NEVER and t.key not in FAMILY
            and _PERSON_NOUN_AFTER.match(self.text, age_end) is not None
        )

    def _tok_starting_at(self, pos: int) -> int | None:
        k = bisect.bisect_left(self._starts, pos)
        return k if k < len(self.toks) and self._starts[k] == pos else None

    def _tok_ending_at(self, pos: int) -> int | None:
        """Index+1 of the token ending right before ``pos`` (allowing an initial's dot)."""
        k = bisect.bisect_right(self._ends, pos) - 1
        if k < 0:
            return None
        if pos - self.toks[k].end > 2:
            return None
        tail = self.text[self.toks[k].end : pos]
        return k + 1 if tail in ("", ".") or (len(tail) == 2 and _possessive(tail)) else None

    def _name_part(self, t: Tok, backward: bool) -> bool:
        if t.initial and t.dotted:
            return True  # "A. LINDQVIST": a dotted initial, even one spelled like a word
        if t.key in _NEVER or t.key in CRED_WORDS:
            return False
        if t.initial:
            return True
        if not t.cap:
            return False
        if t.kind == NAME:
            return True
        if t.kind == UNKNOWN:
            return not t.caseless or len(t.key) >= 3
        if t.kind == WORDNAME:
            return t.key not in _lex().technical and (t.key not in _lex().clinical or not t.caseless)
        return False

    def cred_chain_ok(self, i: int, j: int, comma: bool = False) -> bool:
        toks = self.toks[i:j]
        if all(t.initial for t in toks):
            # "J.K. NP": dotted initials that sign an entry, not an abbreviation
            return self._dotted_initials(toks)
        if (
            toks[0].caseless and len(toks) == 1 and toks[0].kind == UNKNOWN and toks[0].text.isupper()
            and len(toks[0].key) in (2, 3) and self._line_end_after_credential(j)
        ):
            # "... TO MONITOR AFB RN": a nurse's initials (in no word list) sign the line
            return True
        if toks[0].caseless and comma and len(toks) >= 2 and self._name_words(i, j):
            # "ADA OKORO, FNP-BC": two name-like words, a comma, a credential
            return True
        if toks[0].caseless:
            # "WAVEFORM GOOD RN ...": upper-case words before "RN" are often not a name,
            # unless they are all the line holds before it ("-- LOVE, AALIYAH T. MD")
            return any(t.kind == NAME for t in toks) or (
                toks[0].initial and (toks[-1].last or (toks[-1].kind == UNKNOWN and len(toks[-1].key) >= 3))
            ) or (
                sum(not t.initial for t in toks) >= 2 and self._name_words(i, j) and self._opens_line(i)
            )
        if any(t.kind == NAME or (t.kind == WORDNAME and t.lex) for t in toks):
            return True
        return any(t.kind == UNKNOWN and not t.caseless for t in toks)

    def _opens_line(self, i: int) -> bool:
        """Does token i open its line (after blanks or a signature dash)?"""
        start = self.toks[i].start
        ls = self.text.rfind("\n", 0, start) + 1
        return re.fullmatch(r"[ \t]*(?:-{1,2}|—|–)?[ \t]*", self.text[ls:start]) is not None

    def _line_end_after_credential(self, j: int) -> bool:
        m = _CREDENTIAL_AFTER.match(self.text, self.toks[j - 1].end)
        return m is not None and bool(re.match(r"[ \t]*(?:\n|$)", self.text[m.end() : m.end() + 20]))

    @staticmethod
    def _dotted_initials(toks: list[Tok]) -> bool:
        """Two or more dotted initials that do not spell an abbreviation ("p.r.n.")."""
        if len(toks) < 2 or not all(t.initial and t.dotted for t in toks):
            return False
        letters = "".join(t.key for t in toks)
        return not (letters in _lex().common or letters in _lex().clinical or letters in _DOTTED_ABBREVIATIONS)

    def initials_sign_off(self, i: int, j: int) -> bool:
        """"- J.K.M." on the last line of a message: initials that sign it, not an
        abbreviation ("- N.P.O.", "- a.m.")."""
        toks = self.toks[i:j]
        if not self._dotted_initials(toks):
            return False
        end = toks[-1].end + 1
        return bool(_MESSAGE_END.match(self.text, end))

    def sentence_start(self, i: int) -> bool:
        t = self.toks[i]
        return t.start == 0 or bool(re.search(r"(?:^|\n|[.!?:;]\s)[ \t\-*•\d.)]*$", self.text[max(0, t.start - 12) : t.start]))

    def single_ok(self, i: int) -> bool:
        """A lone capitalised Census name ("... called Patel", "Kathleen reports")."""
        t = self.toks[i]
        # An initial uppercase word at a line or sentence start is weak evidence (headings).
        before = self.text[max(0, t.start - 3) : t.start]
        if t.start == 0 or re.search(r"(?:^|\n)[ \t]*$", self.text[max(0, t.start - 20) : t.start]) or re.search(r"[.!?:]\s+$", before):
            return t.first and self._next_is_verbish(i)
        return True

    def _next_is_verbish(self, i: int) -> bool:
        if i + 1 >= len(self.toks) or self.gap(i + 1) != " ":
            return False
        nxt = self.toks[i + 1]
        if nxt.key == "c" and self.text.startswith("/o", nxt.end):
            return True
        return nxt.key in _VERBISH and (nxt.text.islower() or nxt.caseless)


# Credentials that are also words or abbreviations ("MS" multiple sclerosis, "PT"
# physical therapy, "DO" the verb): only after a comma.
