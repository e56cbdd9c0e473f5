"""The scanner's core: tokens of one text and the context around each."""

from __future__ import annotations

import re

from redactphi.recognizers.names.tokens import Tok, tokenize
from redactphi.recognizers.names.words import (
    _BRAND_DOCTORS,
    _CREDENTIAL_AFTER,
    _CUE_GAP,
    _LABEL_AFTER,
    _NAME_SUFFIX,
    _NEVER,
    _PARTICLES,
    _PERSON_AFTER_POSSESSIVE,
    _ROLE_FOLLOWERS,
    CRED_WORDS,
    EPONYM_NOUNS,
    FAMILY,
    PERSON_CUES,
    TITLES,
    WEAK_CUES,
    _credential_ok,
)

from redactphi.wordclass import NAME, UNKNOWN, WORD, WORDNAME, misspelled_word
from redactphi.wordclass import lex as _lex
from redactphi.wordclass import possessive as _possessive


class ScannerBase:
    """One text's tokens and the context tests every name rule asks: is token i joined
    to the one before, is there a title, a cue, a label, a credential around it?"""

    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self._ends = [t.end for t in self.toks]
        self._starts = [t.start for t in self.toks]

    # -- helpers ---------------------------------------------------------------------
    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        a = self.toks[i - 1].end if i > 0 else 0
        return self.text[a : self.toks[i].start]

    def joined(self, i: int) -> bool:
        """Token i continues the name of token i-1 on the same line ("Ana Ruiz", "J. Smith",
        "J.S.")."""
        if i <= 0 or i >= len(self.toks):
            return False
        g = self.gap(i)
        prev = self.toks[i - 1]
        if _possessive(prev.text) and prev.end < prev.start + len(prev.text):
            return False
        if g in (" ", "  "):
            return True
        return prev.initial and g in (".", ". ", ".  ", ".-")

    def continues(self, t: Tok, after_first: bool, strong: bool = False, prev: Tok | None = None) -> bool:
        """May ``t`` continue a name already started? ``strong``: the name was introduced by
        a title, role or label, so any name-shaped word of the same case continues it."""
        if t.initial:
            return True
        if t.key in _NEVER or t.key in _NAME_SUFFIX:
            return t.key in _NAME_SUFFIX
        if strong and prev is not None and t.kind in (UNKNOWN, NAME) and len(t.key) >= 2:
            same_shape = t.text.isupper() == prev.text.isupper() or t.caseless
            if same_shape and (t.cap or t.caseless):
                return True
        if not t.cap or (not t.caseless and t.text.isupper() and len(t.text) > 1 and not t.lex):
            return False
        if t.kind == NAME:
            return True
        if t.kind == WORDNAME:
            # "Noe Hope", "Kim Lee": a surname that is also a word, after a first name.
            # ("Thomas Stone", "JAXON BUSH"); a technical term never ("Anna Foley catheter")
            return t.last and t.key not in _lex().technical and (after_first or not t.caseless)
        if t.kind == UNKNOWN:
            return not t.caseless or after_first
        return False

    def chain(self, i: int, limit: int = 4, strong: bool = False) -> int:
        """Index one past the last token of the name starting at token i."""
        j = i + 1
        toks = self.toks
        while j < len(toks) and j - i < limit and self.joined(j):
            t = toks[j]
            if t.key in _PARTICLES and (t.text.islower() or t.caseless) and j + 1 < len(toks) and self.joined(j + 1):
                if toks[j + 1].key in _PARTICLES and j + 2 < len(toks) and self.joined(j + 2):
                    if toks[j + 2].cap and toks[j + 2].kind != WORD:
                        j += 3  # "de la Cruz"
                        continue
                if toks[j + 1].cap and toks[j + 1].kind != WORD and toks[j + 1].key not in _PARTICLES:
                    j += 2  # "van Dyke"
                    continue
                break
            if not self.continues(t, after_first=toks[j - 1].first or toks[j - 1].initial or strong, strong=strong, prev=toks[j - 1]):
                break
            j += 1
        # a name does not end on a bare initial unless it is written as one ("J.")
        while j - 1 > i and self.toks[j - 1].initial and not self.text.startswith(".", self.toks[j - 1].end):
            if self.toks[j - 1].end == len(self.text) or self.text[self.toks[j - 1].end] in " ,;\n)":
                break
            j -= 1
        return j

    def span(self, i: int, j: int) -> tuple[int, int]:
        end = self.toks[j - 1].end
        if self.toks[j - 1].initial and self.text.startswith(".", end):
            end += 1
        return self.toks[i].start, end

    def eponym_after(self, j: int) -> bool:
        """Is the word after token j-1 one that makes the name an eponym ("reflex")?"""
        if not (j < len(self.toks) and self.toks[j].key in EPONYM_NOUNS and self.gap(j) in (" ", "-", "'s ", "’s ")):
            return False
        # "MYRIAM O'MALLEY UNIT #4217": a record label after a header name, not an eponym
        return not _LABEL_AFTER.match(self.text, self.toks[j].end)

    def _after_sentence_end(self, pos: int) -> bool:
        """Does ``text[:pos]`` end with ".", "!", "?" or ":" and optional whitespace?"""
        k = pos
        while k > 0 and self.text[k - 1].isspace():
            k -= 1
        return k > 0 and self.text[k - 1] in ".!?:"

    # -- context -----------------------------------------------------------------------
    def title_before(self, i: int) -> int | None:
        """Index of a title right before token i ("Dr." "MRS"), if any."""
        if i == 0:
            return None
        t = self.toks[i - 1]
        if t.key not in TITLES or not re.fullmatch(r"\.?[ \t]{1,3}|\.", self.gap(i)):
            return None
        if not t.caseless and t.text[:1].islower() and t.key not in ("dr", "mrs"):
            # "miss", "doctor" as ordinary words in running text; "mr"/"ms" are also
            # mitral regurgitation and morphine sulfate, so only before a Census name
            if not (t.key in ("mr", "ms") and self.toks[i].kind == NAME):
                return None
        if t.key == "dr" and i >= 2 and self.gap(i - 1) == " ":
            p = self.toks[i - 2]
            # "Maple Dr." is a street: a capitalised non-cue word right before it
            if p.titlecase and p.key not in PERSON_CUES and p.key not in FAMILY and p.key not in WEAK_CUES:
                if not self._after_sentence_end(p.start):
                    return None
        return i - 1

    def cue_before(self, i: int) -> str | None:
        """'family', 'person' or 'weak' when a role word introduces token i."""
        if i == 0:
            return None
        p = self.toks[i - 1]
        g = self.text[p.start + len(p.text) : self.toks[i].start]  # after any "'s"
        if p.key in FAMILY and re.fullmatch(r"[ \t]*&[ \t]*", g) and not _possessive(p.text):
            # "sister & Ngozi": the sister and someone named with her; a word or a typo of
            # one after "&" is another relative ("DAUGHTER & GRAND DAUGHTER", "& brather")
            t = self.toks[i]
            return "family" if t.kind in (NAME, UNKNOWN) and not misspelled_word(t.text) else None
        if not _CUE_GAP.fullmatch(g):
            return None
        p = self.toks[i - 1]
        low = p.text.lower().replace("’", "'")
        if p.key in ("girl", "boy") and i >= 2 and self.toks[i - 2].key == "baby":
            return "person"  # newborns: "Baby Girl Lindqvist"
        if low in ("it's", "i'm") or (p.key == "is" and i >= 2 and self.toks[i - 2].key == "this"):
            # a self-introduction: "it's Hope again", "this is Thiago"; in capitals the
            # word after it is as likely a word ("I'M STILL HERE")
            return "person" if low == "i'm" and self.toks[i].caseless else "family"
        if p.key in CRED_WORDS and "," in g:
            return None  # "Oduya, RN, Case Manager": the credential closes a name, it opens none
        if p.key in ("re", "cc") and ":" not in g:
            return None  # "CM TO SEE RE VNA", "900 CC, VOIDING TRIAL": regarding, cubic centimetres
        if p.key in FAMILY and _possessive(p.text):
            return None  # "husband's number": something of theirs, not their name
        if p.key in ("pt", "patient", "patients") and (":" in g or "(" in g):
            return "person"  # "Patient: ..." is a label
        if p.key in ("pt", "patient", "patients"):
            return "patient"
        if p.key in FAMILY or p.key in PERSON_CUES:
            return "family" if p.key in FAMILY else "person"
        if p.key in WEAK_CUES and "\n" not in g:
            return "weak"
        return None

    def label_before(self, i: int) -> bool:
        """A header label such as "Patient:" or "Attending:" right before token i."""
        if i == 0:
            return False
        return bool(re.fullmatch(r"[ \t]*(?:#|:|-)[ \t]*", self.gap(i))) and self.toks[i - 1].key in (
            PERSON_CUES | FAMILY | {"name", "from", "to", "by", "attending", "referring", "ordering", "signed"}
        )

    def role_after(self, j: int) -> bool:
        """"Timothy (nephew)", "Hope (charge RN)": a role in brackets after the name."""
        m = re.match(r"[ \t]*\((?:[a-z\- ]{0,12}\b)?(\w+)", self.text[self.toks[j - 1].end : self.toks[j - 1].end + 30], re.I)
        return m is not None and m.group(1).lower() in (FAMILY | {"rn", "np", "pa", "md", "nurse", "patient", "pt", "self", "hcp", "poa"})

    def credential_after(self, j: int) -> bool:
        end = self.toks[j - 1].end
        if self.toks[j - 1].initial and self.text.startswith(".", end):
            end += 1
        m = _CREDENTIAL_AFTER.match(self.text, end)
        return m is not None and _credential_ok(m)

    def brand(self, i: int, j: int) -> bool:
        """"Dr. Scholl's inserts": a product named after a doctor."""
        t = self.toks[j - 1]
        if j - i != 1 or t.key not in _BRAND_DOCTORS or t.end == t.start + len(t.text):
            return False
        nxt = self.toks[j].key if j < len(self.toks) else ""
        return nxt not in _PERSON_AFTER_POSSESSIVE

    # -- rules -------------------------------------------------------------------------
    def starts_name(self, t: Tok, strength: str) -> bool:
        """May token t start a name given context of ``strength``?"""
        if t.initial:
            if self.text.startswith("/", t.end) or self.text[t.end : t.end + 1].isdigit():
                return False  # "pt W/ CHF", "S/P", "MOM X1": shorthand, not an initial
            if strength == "patient":
                return t.dotted  # "pt X.F.O.": dotted initials, never "PT C FENTANYL"
            return strength != "weak" or t.dotted
        if t.key in _NEVER or (t.key in FAMILY and strength != "title"):
            return False
        if strength == "title":
            if not t.cap and t.kind in (NAME, UNKNOWN) and len(t.key) >= 3:
                return True  # "Dr. marchetti", "mrs brisbeck": a surname typed in lower case
            return t.cap and t.kind != WORD or (t.kind == WORD and t.titlecase and t.key not in _lex().common)
        if strength == "patient":
            # "pt became", "PT SUCTIONED", "pt recived": after "pt" nurses write verbs and
            # typos; a name there is a Census name, or an unknown word capitalised in prose
            return t.kind == NAME or (t.kind == UNKNOWN and t.titlecase and not t.caseless)
        if not t.cap or (not t.caseless and t.text.isupper() and not t.lex and len(t.text) <= 4):
            return False
        if t.kind == NAME:
            return True
        if t.kind == WORDNAME:
            if t.caseless or (t.text.isupper() and len(t.text) > 1):
                # "DAUGHTER HAS", "SISTER BOTH", "daughter will stay": in capitals a relative's
                # word-name must be a first name, and not a modal verb before another word
                return strength == "family" and t.key not in _lex().technical and (t.first or t.key not in _ROLE_FOLLOWERS) and not self._modal(t)
            return strength in ("family", "person") or (strength == "weak" and t.titlecase)
        if t.kind == UNKNOWN:
            if t.caseless:
                return strength in ("family", "person") and len(t.key) >= 3 and bool(re.search(r"[aeiouy]", t.key))
            return True
        return False

    def _patient_header(self, i: int) -> bool:
        """"PT IMOGEN O'DUNLEAVY UNIT #55": two or three unknown or name words after "PT"
        that end at a record label, a comma or the line's end (not "PT BECAME HYPOTENSIVE TO")."""
        j = i
        while j < len(self.toks) and j - i < 3 and self.toks[j].kind in (NAME, UNKNOWN, WORDNAME) and (j == i or self.gap(j) == " "):
            if self.toks[j].kind == WORDNAME and not self.toks[j].lex:
                break
            j += 1
        if j - i < 2:
            return False
        return re.match(r"[ \t]*(?:\n|$|,|\(|#|(?i:unit|mrn|mr#|dob)\b)", self.text[self.toks[j - 1].end:]) is not None

    def _modal(self, t: Tok) -> bool:
        """"will", "may", "can" followed by another word: a verb, not a name."""
        if t.key not in ("will", "may", "can") or re.match(r"[ \t]+[A-Za-z]", self.text[t.end : t.end + 3]) is None:
            return False
        # "son will brown jr": a surname and a suffix after it make it a name after all
        return re.match(r"[ \t]+[A-Za-z'’\-]+[ \t,]+(?i:jr|sr|ii|iii|iv)\b", self.text[t.end : t.end + 40]) is None

