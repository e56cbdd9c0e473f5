"""Context rules (recognizer ``name_context``): a name introduced by a title, a role, a
label, a credential after it, a signature, a header line or the "LAST, FIRST" form."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from redactphi.recognizers.names.predicates import NamePredicates
from redactphi.recognizers.names.tokens import Hit, Tok, _Intervals
from redactphi.recognizers.names.words import (
    _AGE_APPOSITION,
    _AGE_PREDICATE,
    _CREDENTIAL_AFTER,
    _DICTATION_STAMP,
    _GOES_BY,
    _HEADER_LINE,
    _INITIALS_AFTER,
    _INITIALS_LINE,
    _MAIL_DISPLAY_NAME,
    _NAME_IN_BRACKETS,
    _NEVER,
    _NOT_A_LISTED_NAME,
    _NUMBERED_ROOM_LINE,
    _QUOTED_WORD,
    _ROLE_IN_BRACKETS,
    _ROLE_IN_COMMAS,
    _ROOM_LIST_LINE,
    _SIGN_LEAD,
    _SIGN_OFF_GAP,
    _SLASH_ABBREVIATIONS,
    CRED_WORDS,
    FAMILY,
    TITLE_IN_SPAN,
    TITLES,
    _credential_ok,
)

from redactphi.wordclass import NAME, UNKNOWN, WORD, WORDNAME, classify_word
from redactphi.wordclass import lex as _lex

# A clinician's role, one or two words, then a notification verb.
_CLINICIAN_AWARE = re.compile(
    r"\b(?i:md|np|pa|do|resident|intern|fellow|attending|hospitalist|surgeon|intensivist)[ \t]+"
    r"(?P<name>[A-Za-z][A-Za-z'’\-]+(?:[ \t]+[A-Za-z][A-Za-z'’\-]+)?)[ \t]+"
    r"(?i:aware|notified|made[ \t]+aware|informed|paged|called|updated)\b"
)


# Between two items of a list of names: a comma, "&" or "and", after an optional short
# bracket ("Lina (17), Joy", "Ana (stepdaughter) and Teo").
_LIST_GAP = re.compile(r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|&[ \t]*|and[ \t]+)", re.I)


class ContextRules(NamePredicates):
    """The rules of ``name_context``; each yields :class:`Hit` objects."""

    def context_hits(self) -> Iterator[Hit]:
        """Every context rule, in a fixed order (the order of the hits is part of the output)."""
        yield from self.title_and_cue_hits()
        yield from self.credential_hits()
        yield from self.role_after_hits()
        yield from self.last_first_hits()
        yield from self.signature_hits()
        yield from self.header_line_hits()
        yield from self.mail_header_hits()
        yield from self.age_apposition_hits()
        yield from self.dictation_initials_hits()
        yield from self.room_list_hits()
        yield from self.clinician_aware_hits()

    def relative_list_hits(self, found: list[Hit]) -> Iterator[Hit]:
        """"Sons Arlo (12), Will (9) and Teo": after a name a family word introduced, the
        next items of the list are more relatives' names. An item continues the list across
        a comma, "&" or "and", past a short bracket ("(12)", "(9; stepson)"); in a
        caseless line only a word in no word list, or a Census name that is not a word, does."""
        toks = self.toks
        for h in found:
            if h.rule != "name after role":
                continue
            j = bisect.bisect_left(self._starts, h.end)
            while 0 < j < len(toks):
                if toks[j].key == "and" and j + 1 < len(toks):
                    j += 1  # "and" is a word token: the gap runs over it
                    gap = self.text[toks[j - 2].end : toks[j].start]
                else:
                    gap = self.text[toks[j - 1].end : toks[j].start]
                t = toks[j]
                if not _LIST_GAP.fullmatch(gap) or t.key in FAMILY or t.key in TITLES or t.key in _NEVER:
                    break
                if t.caseless:
                    if t.kind not in (NAME, UNKNOWN):
                        break
                elif not t.text[:1].isupper() or t.kind == WORD:
                    break
                e = self.chain(j, limit=3, strong=True)
                s, end = self.span(j, e)
                yield Hit(s, end, "name in a list of relatives", 0.8)
                j = e

    def clinician_aware_hits(self) -> Iterator[Hit]:
        """"md okafor aware", "NP SALCEDO NOTIFIED": one or two words between a clinician's
        role and a notification verb are that clinician's name, in any case. Words a list
        knows as everyday words ("md team aware", "MD ON CALL NOTIFIED") are not."""
        for m in _CLINICIAN_AWARE.finditer(self.text):
            i = self._tok_starting_at(m.start("name"))
            j = self._tok_ending_at(m.end("name"))
            if i is None or j is None or j - i > 2:
                continue
            part = self.toks[i:j]
            if any(t.kind == WORD or t.key in _NEVER or t.key in CRED_WORDS for t in part):
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "name between role and notice", 0.8)

    def title_and_cue_hits(self) -> Iterator[Hit]:
        """"Dr. Okoro", "daughter Rose", "seen by K. Patel", "Patient: ...": a name after a
        title, a role, a cue word or a label."""
        toks = self.toks
        for i, t in enumerate(toks):
            ti = self.title_before(i)
            if ti is not None and self.starts_name(t, "title"):
                j = self.chain(i, strong=True)
                if self.brand(i, j):
                    continue
                s, e = self.span(i, j)
                if TITLE_IN_SPAN:
                    s = toks[ti].start
                yield Hit(s, e, "name after title", 0.9)
                continue
            hit = self._cue_hit(i, t)
            if hit is not None:
                yield hit

    def _cue_hit(self, i: int, t: Tok) -> Hit | None:
        """The name a role, cue word or label introduces at token i, if any."""
        toks = self.toks
        cue = self.cue_before(i)
        if cue is None and self.label_before(i):
            cue = "person"
        if cue == "patient" and not self.starts_name(t, cue) and self._patient_header(i):
            cue = "person"
        if cue is None or not (self.starts_name(t, cue) or (cue in ("person", "patient") and self._word_first_then_surname(i))):
            return None
        j = self.chain(i, strong=cue != "weak")
        if cue == "weak" and not self.credential_after(j) and not self.role_after(j):
            # "with Humira", "with Stage III", "by Grant": after a weak cue the name
            # needs a Census name that is not a word, or two name-like words
            part = toks[i:j]
            if not any(p.kind == NAME for p in part) and not (
                len([p for p in part if p.kind == UNKNOWN or p.initial]) >= 2
            ):
                return None
            if all(p.initial for p in part) and "".join(p.key for p in part) in _lex().common:
                return None  # "from O.R.", "by R.T.", "per H.O.": dotted abbreviations
        if self.eponym_after(j) and cue != "family":
            return None
        if t.caseless and self.label_before(i):
            j = self._to_field_end(i, j)
        s, e = self.span(i, j)
        return Hit(s, e, f"name after {'role' if cue == 'family' else 'cue'}", 0.85 if cue != "weak" else 0.7)

    def credential_hits(self) -> Iterator[Hit]:
        """Credentials after a name: "K. Patel, RN", "SONIA W. WINKLER, MD", "Chung, Jae-won MD"."""
        toks = self.toks
        for m in _CREDENTIAL_AFTER.finditer(self.text):
            if not _credential_ok(m):
                continue
            end_tok = self._tok_ending_at(m.start())
            if end_tok is None:
                continue
            j = end_tok
            if not self._name_part(toks[j - 1], backward=True):
                continue
            i = j - 1
            while i > 0 and j - i < 4 and self.joined(i) and self._name_part(toks[i - 1], backward=True):
                i -= 1
            # "Ostrowski, Max R. MD": take the surname before the comma too
            if i > 0 and self.gap(i).strip() == "," and self._name_part(toks[i - 1], backward=True) and toks[i - 1].cap:
                i -= 1
            if not any(self._name_part(toks[k], backward=False) for k in range(i, j)):
                continue
            while i < j and not self._name_part(toks[i], backward=False) and not toks[i].initial:
                i += 1
            if i < j and self.cred_chain_ok(i, j, comma="," in m.group()):
                s, e = self.span(i, j)
                yield Hit(s, e, "name before credential", 0.85)

    def role_after_hits(self) -> Iterator[Hit]:
        """"Frank (son)", "Hope (charge RN)", "wife (April)": a role in brackets beside a name."""
        toks = self.toks
        for m in _ROLE_IN_BRACKETS.finditer(self.text):
            hit = self._name_ending_at(m.start(), "name before role", 0.85)
            if hit is not None:
                yield hit
        # "Ada, daughter, at bedside": a role between commas after the name
        for m in _ROLE_IN_COMMAS.finditer(self.text):
            hit = self._name_ending_at(m.start(), "name, role", 0.8)
            if hit is not None:
                yield hit
        # "wife (April)": the name inside the brackets
        for m in _NAME_IN_BRACKETS.finditer(self.text):
            if m.group(1).lower() in FAMILY:
                k = self._tok_starting_at(m.start(2))
                if k is not None and self.starts_name(toks[k], "family"):
                    j = self.chain(k, limit=3)
                    s, e = self.span(k, j)
                    yield Hit(s, e, "name after role", 0.85)

    def header_line_hits(self) -> Iterator[Hit]:
        """A name alone at the start of a header line, followed by an age or a record
        label on the same line: "OKORO, ADA M. 71 F MRN ...", "Ada Okoro 71 y/o", "ADA
        OKORO (MRN 123)". Upper-case notes give no case evidence, but the demographic
        line of a note says what the words before its age are."""
        toks = self.toks
        for m in _HEADER_LINE.finditer(self.text):
            i = self._tok_starting_at(m.start(1))
            j = self._tok_ending_at(m.end(1))
            if i is None or j is None or j - i < 2 or j - i > 5:
                continue
            if not self._name_words(i, j, header=True) or toks[i].initial:
                continue
            if any(not self.joined(k) and self.gap(k).strip() != "," for k in range(i + 1, j)):
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "header line", 0.8)

    def mail_header_hits(self) -> Iterator[Hit]:
        """"From: Ada Okoro <ada@...>": the display name of an e-mail address."""
        for m in _MAIL_DISPLAY_NAME.finditer(self.text):
            i = self._tok_starting_at(m.start(1))
            j = self._tok_ending_at(m.end(1))
            if i is None or j is None or j <= i:
                continue
            if any(t.kind == WORD and t.key in _NEVER for t in self.toks[i:j]):
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "e-mail display name", 0.85)

    def age_apposition_hits(self) -> Iterator[Hit]:
        """"for Ada Okoro, a 79 yo ...", "Ada is 11 days old": a name with its age."""
        toks = self.toks
        for m in _AGE_PREDICATE.finditer(self.text):
            j = self._tok_ending_at(m.start())
            if j is None:
                continue
            t = toks[j - 1]
            # the subject of "is 11 days old": a first name, even at a sentence start
            if t.first and (t.titlecase or self._described_person(t, m.end())) and (
                self._name_words(j - 1, j) or self._word_name_ok(t) or t.caseless
            ):
                i = j - 1
                if i > 0 and self.joined(i) and toks[i - 1].first and self._name_words(i - 1, j):
                    i -= 1
                s, e = self.span(i, j)
                yield Hit(s, e, "name is age", 0.8)
        for m in _AGE_APPOSITION.finditer(self.text):
            j = self._tok_ending_at(m.start())
            if j is None:
                continue
            i = j - 1
            while i > 0 and j - i < 3 and self.joined(i) and self._name_part(toks[i - 1], backward=True):
                i -= 1
            while i < j and not self._name_words(i, j):
                i += 1
            if i >= j:
                if not self._described_person(toks[j - 1], m.end()):
                    continue
                i = j - 1
            if j - i == 1 and toks[i].kind == WORDNAME and toks[i].caseless and not self._described_person(toks[i], m.end()):
                continue
            if j - i == 1 and not toks[i].caseless and self.sentence_start(i) and toks[i].kind != NAME:
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "name, age", 0.8)

    def room_list_hits(self) -> Iterator[Hit]:
        """Sign-out and census lists: "rm 811 - o'shea, declan - 67m, etoh w/d". Between a
        room and an age with sex stands the patient's name, in any case."""
        lines = [(False, m) for m in _ROOM_LIST_LINE.finditer(self.text)]
        lines += [(True, m) for m in _NUMBERED_ROOM_LINE.finditer(self.text)]
        for numbered, m in lines:
            value = m.group("name")
            words = [w.lower() for w in re.findall(r"[A-Za-z]+", value)]
            if not words or any(w in _NOT_A_LISTED_NAME for w in words):
                continue
            if numbered and not any(c.isupper() for c in value) and any(
                classify_word(w)[3] == WORD for w in re.findall(r"[A-Za-z'’\-]+", value)
            ):
                continue  # no room word, no capitals: the name must not read as words
            yield Hit(m.start("name"), m.end("name"), "name in a room list", 0.8)

    def dictation_initials_hits(self) -> Iterator[Hit]:
        """"AP/ls", "DL/RT" alone on a line: the initials of the dictating clinician and
        of the transcriptionist, as dictated reports end. Taken when the note carries
        dictation stamps ("D: 04/16/17", "JOB #", "Dictated by") or when the two halves
        differ in case the way these stamps are typed ("TW/ab")."""
        for m in _INITIALS_LINE.finditer(self.text):
            parts = [(m.start(k), m.end(k)) for k in (1, 2, 3) if m.group(k)]
            keys = [self.text[a:b].lower() for a, b in parts]
            if "/".join(keys) in _SLASH_ABBREVIATIONS or all(len(k) == 1 for k in keys):
                continue
            window = self.text[max(0, m.start() - 400) : m.end() + 400]
            typed = m.group(1).isupper() != m.group(2).isupper()
            if not (typed or _DICTATION_STAMP.search(window)):
                continue
            for a, b in parts:
                yield Hit(a, b, "dictation initials", 0.8)

    def nickname_hits(self, found: list[Hit]) -> Iterator[Hit]:
        """A quoted nickname beside a name ('Rosalind "Rose" Tran') and the initials in
        brackets after a signature ("-- R. Bush, LPN (RB)")."""
        ends = {h.end for h in found}
        starts = {h.start for h in found}
        for m in _QUOTED_WORD.finditer(self.text):
            before = self.text[max(0, m.start() - 1) : m.start()]
            after = self.text[m.end() : m.end() + 1]
            if (m.start() - 1 in ends and before == " ") or (m.end() + 1 in starts and after == " "):
                yield Hit(m.start(1), m.end(1), "quoted nickname", 0.8)
        for m in _GOES_BY.finditer(self.text):
            nick = m.group("nick")
            # quoted, capitalised, or in a note without capitals; never an everyday word
            # in running lower-case text ("known as needed")
            if m.group("quote") or nick[:1].isupper() or not any(c.isupper() for c in self.text[m.start() : m.end()]):
                if nick.lower() in _NEVER | {"them"}:
                    continue
                if m.group("label") and not m.group("quote") and classify_word(nick)[3] == WORD:
                    continue  # "middle name is pending", "nickname: none": a word, unquoted
                yield Hit(m.start("nick"), m.end("nick"), "nickname after 'goes by'", 0.8)
        for h in found:
            im = _INITIALS_AFTER.match(self.text, h.end)
            if not im:
                continue
            k0 = bisect.bisect_left(self._starts, h.start)
            k1 = bisect.bisect_left(self._starts, h.end)
            words = [t for t in self.toks[k0:k1] if t.key not in TITLES]
            if "".join(t.key[0] for t in words if t.key) == im.group(1).lower():
                yield Hit(im.start(1), im.end(1), "initials after name", 0.8)

    def repeated_hits(self, found: list[Hit]) -> Iterator[Hit]:
        """Once context has shown a word to be a name in this note ("daughter Rose"), the
        same word elsewhere in it is that name too ("Please bring Rose in"), when written
        the same way. Word-names on upper-case lines are left alone ("WE HOPE")."""
        keys: dict[str, bool] = {}
        for h in found:
            for k in range(bisect.bisect_left(self._starts, h.start), len(self.toks)):
                t = self.toks[k]
                if t.start >= h.end:
                    break
                if len(t.key) >= 3 and not t.initial and t.key not in _lex().technical:
                    keys[t.key] = t.text.isupper()
        if not keys:
            return
        covered = _Intervals((h.start, h.end) for h in found)
        for t in self.toks:
            if t.key not in keys or covered.contains(t.start):
                continue
            if t.caseless and (t.kind == WORDNAME or not keys[t.key]):
                continue
            if not t.caseless and not t.text[:1].isupper():
                continue
            if t.kind == WORDNAME and not t.titlecase:
                continue
            yield Hit(t.start, t.end, "name seen before", 0.7)

    def last_first_hits(self) -> Iterator[Hit]:
        """"Brooks, Tawanda D." / "HASTIE, RALPH": surname, comma, first name."""
        toks = self.toks
        for i in range(len(toks) - 1):
            a, b = toks[i], toks[i + 1]
            if not re.fullmatch(r", ?", self.gap(i + 1)):
                continue
            if not (a.cap and b.cap) or a.initial or b.initial:
                continue
            if not a.caseless and not (a.titlecase or a.text.isupper()) or a.key in _NEVER or b.key in _NEVER:
                continue
            if a.key in CRED_WORDS or b.key in CRED_WORDS:
                continue  # "RN, BSN, Case Manager": credentials in a row, not a surname
            labelled = self.label_before(i) or self.cue_before(i) in ("family", "person", "patient")
            a_ok = a.last and a.kind == NAME or a.kind == UNKNOWN and not a.caseless
            b_ok = b.first and b.kind == NAME or b.kind == UNKNOWN and not b.caseless
            if a.kind == WORD or b.kind == WORD:
                if not labelled or a.kind == WORD and not a.last or b.kind == WORD:
                    continue
            strong = (a.last and b.first and (a.kind == NAME or b.kind == NAME)) or labelled
            if not strong and not (a_ok and b_ok and (a.lex or b.lex)):
                continue
            if not labelled:
                # "Smith, John M." needs a middle initial, a label, a line edge or a credential
                j0 = i + 2
                edge = re.match(r"[ \t]*(?:\n|$|\(|\d|MRN|MR|DOB|[A-Z]\.)", self.text[b.end : b.end + 6])
                if not (edge or (j0 < len(toks) and toks[j0].initial and self.joined(j0)) or self.credential_after(j0)):
                    if not (a.last and b.first and a.kind == NAME and b.kind == NAME):
                        continue
            j = self.chain(i + 1, limit=3)
            s, e = self.span(i, j)
            yield Hit(s, e, "last, first", 0.85)

    def signature_hits(self) -> Iterator[Hit]:
        """"- Angelica" / "-- K. Patel" / "thanks,\\nRich" at the end of a message."""
        toks = self.toks
        for i, t in enumerate(toks):
            # only the first word of a line can follow a dash lead
            line_start = self.text.rfind("\n", toks[i - 1].end if i > 0 else 0, t.start) + 1
            sign_off = False
            if (i == 0 or line_start > 0 and toks[i - 1].end < line_start) and _SIGN_LEAD.fullmatch(self.text, line_start, t.start):
                sign_off = True
            elif i > 0 and toks[i - 1].key in ("thanks", "sincerely", "regards", "best", "you", "cheers", "love"):
                g = self.gap(i)
                if _SIGN_OFF_GAP.fullmatch(g) and (
                    toks[i - 1].key != "you" or (i > 1 and toks[i - 2].key == "thank")
                ):
                    sign_off = True
            if not sign_off or not self.starts_name(t, "family") and not t.initial:
                continue
            j = self.chain(i, limit=3, strong=True)
            tail = self.text[self.toks[j - 1].end : self.toks[j - 1].end + 40]
            if not re.match(r"\.?[ \t]*(?:,[^\n]{0,30})?(?:\n|$|\[|<|\()", tail):
                continue
            if j - i == 1 and t.kind == WORDNAME and t.caseless:
                continue
            if all(tok.initial for tok in toks[i:j]) and not self.initials_sign_off(i, j):
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "signature", 0.8)

