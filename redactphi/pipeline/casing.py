"""Give caseless lines back the capitals that prose would have.

Upper-case nursing notes ("PT SEEN AT MERCY GENERAL HOSPITAL, DAUGHTER CALLED") and
lower-case queries carry no capitalisation, which is most of what spaCy's NER and our
place and facility patterns go on: a capitalised phrase before "Hospital" is a name, a
lower-case one is not. :func:`truecase` rewrites such lines the way a careful writer
would have cased them, from lexicons rather than from case:

* known place and health-system phrases ("LOS ANGELES", "CEDARS SINAI"), census names
  that are not everyday words, facility words ("HOSPITAL", "MEDICAL CENTER") and words
  no dictionary knows ("LANGONE") get a capital;
* everyday and clinical words go to lower case, first word of a sentence capitalised;
* short unknown tokens keep their case: in upper-case text they are abbreviations
  ("CHF", "NYU"), in lower-case text typos or shorthand.

The copy has the same length as the original, character for character, so offsets found
in it are offsets in the note. Lines that already mix case are left exactly as they are.
Only detection reads the copy; what gets redacted is always cut from the original.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from redactphi import vocabulary
from redactphi.lexicons import city_names, clinical_terms, us_states
from redactphi.wordclass import NAME, UNKNOWN, classify_word

_WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*")
_LINE = re.compile(r"[^\n]+")
#: Words that make a capitalised phrase a care facility ("Mercy General Hospital").
FACILITY_WORDS = vocabulary.RECASE_FACILITY_WORDS
_LOWER_ALWAYS = frozenset({"of", "and", "the", "for", "at", "in", "on", "to", "a", "an", "or", "with", "by"})
#: Words after which a capitalised phrase names a place ("seen at", "admitted to").
_PLACE_CUES = vocabulary.RECASE_PLACE_CUES
_STATE_ABBRS = frozenset(us_states().values())
#: Words that end a facility name when reading back from its facility word.
_NOT_NAME = _PLACE_CUES | _LOWER_ALWAYS | frozenset(
    {"our", "your", "his", "her", "their", "this", "that", "same", "local", "nearby", "nearest", "another", "any"}
)
#: "St."/"Mt." only when a name follows ("ST. LUKE'S"), never alone ("HR 58 ST").
_SAINT = frozenset({"st", "mt", "saint", "mount"})
#: The caseless test's thresholds: this many letters, this share of them upper case.
MIN_LETTERS = 12
UPPER_SHARE = 0.8
# Robustness (issue 9): starts only where a word starts ((?<![\w'’.\-]), not after every
# "." or "-"), so a long "a.a.a." token is not rescanned from each of its dots (quadratic).
_CITY_STATE_ZIP = re.compile(r"(?<![\w'’.\-])([A-Za-z][A-Za-z'’.\-]*(?:[ \t][A-Za-z][A-Za-z'’.\-]*){0,2}),?[ \t]+([A-Za-z]{2})\.?,?[ \t]+\d{5}(?:-\d{4})?\b")
_TITLES = vocabulary.SHORT_TITLES


def caseless(text: str, *, min_letters: int = MIN_LETTERS, upper_share: float = UPPER_SHARE,
             no_upper_counts: bool = True, alphabetic: bool = False) -> bool:
    """Does case say nothing about ``text``? The one caseless test of the code base.

    True when ``text`` has at least ``min_letters`` letters and at least ``upper_share``
    of them are upper case, or (``no_upper_counts``) none is. ``alphabetic`` counts the
    alphabetic characters (the name tokenizer's way); otherwise the characters that have
    a case (re-casing's way). The two differ only on letters without case (CJK) and on
    cased symbols (circled letters): each caller keeps the count it was tuned with.
    """
    upper = lower = letters = 0
    if text.isascii():  # every note we have seen: counted in C (the same counts)
        letters, upper = letter_counts(text)
    elif alphabetic:
        for c in text:
            if c.isalpha():
                letters += 1
                upper += c.isupper()
    else:
        for c in text:
            if c.isupper():
                upper += 1
            elif c.islower():
                lower += 1
        letters = upper + lower
    return letters >= min_letters and (upper >= upper_share * letters or (no_upper_counts and upper == 0))


#: How far either side of a span :func:`mixed_case_line` reads its line.
LINE_WINDOW = 200


def mixed_case_line(text: str, start: int, end: int) -> bool:
    """Is the rest of the line around ``text[start:end]`` ordinary prose: at least 12
    letters, mostly lower case, some capitals? Only there does a value's own case speak
    ("SIADH" is an abbreviation and "Lund" a name in "seen by Lund for SIADH").
    Only ``LINE_WINDOW`` characters either side are read: it runs once per candidate span,
    and reading a whole very long line each time made detection quadratic."""
    line_start = max(text.rfind("\n", max(0, start - LINE_WINDOW), start) + 1, start - LINE_WINDOW)
    line_end = text.find("\n", end, end + LINE_WINDOW)
    if line_end < 0:
        line_end = min(len(text), end + LINE_WINDOW)
    around = text[line_start:start] + text[end:line_end]
    if around.isascii():
        n_letters, upper = letter_counts(around)
        lower = n_letters - upper
    else:
        letters = [c for c in around if c.isalpha()]
        n_letters, lower = len(letters), sum(c.islower() for c in letters)
    return n_letters >= 12 and 0.6 * n_letters <= lower < n_letters


def lower_case_text(text: str) -> bool:
    """Is ``text`` lower case throughout (at most 1% capitals over at least 12 letters)?
    Then even its short lines are caseless: a note typed without capitals."""
    if text.isascii():
        letters, upper = letter_counts(text)
    else:
        letters, upper = sum(c.isalpha() for c in text), sum(c.isupper() for c in text)
    return letters >= MIN_LETTERS and upper <= 0.01 * letters


_UPPER = bytes(range(65, 91))
_LOWER = bytes(range(97, 123))


def letter_counts(text: str) -> tuple[int, int]:
    """(letters, upper-case letters) of an ASCII ``text``, counted by deleting bytes in C
    (the per-character loops these replace were a tenth of rules-mode time)."""
    raw = text.encode("ascii")
    no_upper = raw.translate(None, _UPPER)
    return len(raw) - len(no_upper.translate(None, _LOWER)), len(raw) - len(no_upper)


def _by_word_count(names: list[str]) -> dict[int, dict[str, tuple[str, ...]]]:
    """Phrases keyed by word count, then by their lower-cased words -> the words as written."""
    found: dict[int, dict[str, tuple[str, ...]]] = {}
    for name in names:
        words = tuple(_WORD.findall(name))
        if words:
            found.setdefault(len(words), {})[" ".join(words).lower()] = words
    return found


@cache
def _phrases() -> dict[int, dict[str, tuple[str, ...]]]:
    """Proper-noun phrases by word count, lower-cased key -> the words as usually written:
    unambiguous cities, states and well-known health systems ("NYU Langone"). An
    ambiguous city ("Mobile") stays a word."""
    names = [c.title() for c, unambiguous in city_names().items() if unambiguous]
    names += [s.title() for s in us_states()]
    names += [k for k in vocabulary.HEALTH_SYSTEMS if k.lower() not in vocabulary.AMBIGUOUS_HEALTH_SYSTEMS]
    return _by_word_count(names)


@cache
def _ambiguous_towns() -> dict[int, dict[str, tuple[str, ...]]]:
    """Towns whose names are also words ("Bar Harbor", "Mobile"), capitalised only where
    the line places them."""
    return _by_word_count([c.title() for c, unambiguous in city_names().items() if not unambiguous])


@lru_cache(maxsize=1 << 16)
def _word_form(key: str) -> str:
    """'title', 'lower' or 'keep' for a word on its own (its lower-case form)."""
    if key in FACILITY_WORDS:
        return "facility"  # capitalised only as part of a name; decided in context
    if key in _LOWER_ALWAYS:
        return "lower"
    if key in _TITLES:
        return "title"
    if len(key) <= 3 and key in clinical_terms():
        return "keep"  # "CT", "HR", "PT": abbreviations keep their capitals
    _, _, _, kind = classify_word(key)
    letters = sum(c.isalpha() for c in key)
    if kind == UNKNOWN:
        return "title" if letters >= 5 else "keep"
    if kind == NAME:
        # "ADA", "AL", "ED": short names in capitals read as abbreviations first
        return "title" if letters > 3 else "keep"
    return "lower"


@cache
def _head_rx() -> re.Pattern[str]:
    """Facility words and phrases ("HOSPITAL", "NURSING AND REHABILITATION CENTER") and
    the county words, as whole words in any case."""
    return re.compile(rf"(?<![\w'’])(?i:{vocabulary.FACILITY_HEAD}|county|parish|borough)(?![\w'’])")


@cache
def _city_abbreviations() -> frozenset[str]:
    """City and university abbreviations that begin hospital names ("SF General", "UCLA
    Med Ctr"), lower-cased."""
    return frozenset(a.lower() for a in vocabulary.CITY_ABBREVIATIONS)


def _name_facilities(line: str, words: list[re.Match[str]], forms: list[str], written: dict[int, str]) -> None:
    """Capitalise facility names: "SEEN AT GREEN VALLEY CLINIC", "DISCHARGED TO PINE GROVE
    NURSING AND REHABILITATION CENTER", "OSBORNE FAMILY PRACTICE" as a letterhead.

    The words before a facility word are its name when a place cue comes before them,
    when one of them is already a name, or when they open the line. The facility
    recognizer still judges the result (a department such as "Diabetes Clinic" is not a
    name)."""
    heads = list(_head_rx().finditer(line))
    if not heads:  # most lines name no facility
        return
    starts = {m.start(): k for k, m in enumerate(words)}
    for head in heads:
        first = starts.get(head.start())
        if first is None:
            continue
        last = first
        while last + 1 < len(words) and words[last + 1].end() <= head.end():
            last += 1
        k = first
        while k > 0 and first - k < 4 and words[k - 1].group().lower() not in _NOT_NAME and line[words[k - 1].end() : words[k].start()] in (" ", "-", " & "):
            k -= 1
        cue = k > 0 and words[k - 1].group().lower() in _PLACE_CUES
        if k == first:
            # "ADMITTED TO GENERAL HOSPITAL": the facility words are the whole name
            if cue and last > first and words[first].group().lower() in vocabulary.GENERIC_PROPER:
                for i in range(first, last + 1):
                    forms[i] = "title"
            continue
        named = any(forms[i] == "title" or i in written or words[i].group().lower() in city_names() for i in range(k, first))
        opens_line = k == 0 and not line[: words[0].start()].strip(" \t-*•")
        # "MERCY HOSPITAL - DISCHARGE SUMMARY": a name heading the line before a separator
        heading = opens_line and re.match(r"[ \t]*(?:$|[-–|:][ \t]|[ \t]{2})", line[head.end() :]) is not None
        # a field's value: "CLIENT: MIAMI VALLEY INTERNAL MEDICINE", "AGENCY: ..."
        field = k > 0 and line[words[k - 1].end() : words[k].start()].strip() == ":"
        cue = cue or field
        if cue or named or heading or (opens_line and (last > first or last == len(words) - 1)):
            for i in range(k, last + 1):
                if forms[i] in ("lower", "facility") and words[i].group().lower() not in ("and", "of"):
                    forms[i] = "title"
            # "CHILDREN'S HOSPITAL BOSTON", "MERCY CLINIC IN FRESNO": the town of the facility
            after = last + 1
            if after + 1 < len(words) and words[after].group().lower() in ("in", "of") and line[words[last].end() : words[after].start()] == " ":
                after += 1
            if after < len(words) and words[after].group().lower() in city_names() and forms[after] == "lower":
                forms[after] = "title"


_STRONG_PLACE_CUES = vocabulary.RECASE_RESIDENCE_CUES
_STATE_AFTER = re.compile(r",?[ \t]+([A-Za-z]{2})\b\.?")


def _placed(line: str, words: list[re.Match[str]], i: int, n: int = 1) -> bool:
    """Are words i..i+n-1 a place by their context: a residence cue before them or a
    state after them?"""
    if i > 0 and words[i - 1].group().lower() in _STRONG_PLACE_CUES:
        return True
    m = _STATE_AFTER.match(line, words[i + n - 1].end())
    return m is not None and m.group(1).upper() in _STATE_ABBRS


def _recase_line(line: str, out: list[str]) -> None:
    """Append the re-cased ``line`` to ``out``: each word's form on its own, then the
    phrases, facility names, saints, abbreviations and addresses the line holds."""
    words = list(_WORD.finditer(line))
    forms: list[str] = [_word_form(m.group().lower()) for m in words]
    for k, m in enumerate(words):
        # parts of an address, e-mail or code ("www.tidewater.org", "J_SMITH@"): as written
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end() : m.end() + 2]
        if before in "./@_:\\" and before != " " or after[:1] in "@_/" and after[:1] or (after[:1] == "." and after[1:2].isalnum()):
            forms[k] = "keep"
    written = _known_phrases(line, words)  # word index -> spelling taken from a known phrase
    _name_facilities(line, words, forms, written)
    _saints_and_abbreviations(words, forms, written, line)
    _addresses(line, words, forms, written)
    _write(line, words, forms, written, out)


@cache
def _phrase_starts() -> dict[str, int]:
    """First word (lower-cased) of every known phrase -> the most words such a phrase has,
    so the phrase search is skipped at words that begin none."""
    starts: dict[str, int] = {}
    for table in (_phrases(), _ambiguous_towns()):
        for n, keyed in table.items():
            for key in keyed:
                first = key.split(" ", 1)[0]
                starts[first] = max(n, starts.get(first, 0))
    return starts


def _known_phrases(line: str, words: list[re.Match[str]]) -> dict[int, str]:
    """Word index -> spelling, for the known place and health-system phrases of the line;
    the longest phrase starting at a word wins ("NEW YORK PRESBYTERIAN")."""
    written: dict[int, str] = {}
    phrases = _phrases()
    starts = _phrase_starts()
    lows = [m.group().lower() for m in words]
    i = 0
    while i < len(words):
        longest = starts.get(lows[i])
        if longest is None:  # no known phrase begins with this word (most words)
            i += 1
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            span = words[i : i + n]
            if any(line[a.end() : b.start()] not in (" ", ". ", "-", " - ") for a, b in zip(span, span[1:], strict=False)):
                continue
            key = " ".join(lows[i : i + n])
            canonical = phrases.get(n, {}).get(key)
            if canonical is None:
                canonical = _ambiguous_towns().get(n, {}).get(key)
                if canonical is not None and not _placed(line, words, i, n):
                    canonical = None  # "BAR HARBOR, ME" yes; "at the bar" no
            elif n == 1 and _word_form(span[0].group().lower()) == "lower":
                # a one-word town that is also a word ("ORAL CARE", "BURNS", "BOSTON") only
                # where the line says it is a place: "FROM MIAMI", "MIAMI, FL", or next to
                # a facility name (below)
                if not _placed(line, words, i):
                    canonical = None
            if canonical is not None:
                for k, spelled in enumerate(canonical):
                    if len(spelled) == len(words[i + k].group()):
                        written[i + k] = spelled
                i += n
                break
        else:
            i += 1
    return written


def _saints_and_abbreviations(words: list[re.Match[str]], forms: list[str], written: dict[int, str], line: str) -> None:
    """Saints and mounts, city abbreviations before a facility word, and the facility
    words themselves (capitalised only after a name)."""
    for k, m in enumerate(words[:-1]):
        # "ST. LUKE'S", "MT. SINAI": a saint or mount abbreviation and the name after it
        nxt = words[k + 1].group()
        if m.group().lower() in _SAINT and (line.startswith(".", m.end()) or nxt.endswith(("'S", "'s", "’S", "’s"))):
            forms[k] = "title"
            if forms[k + 1] != "keep" or len(nxt) > 2:
                forms[k + 1] = "title"
    for j, m in enumerate(words[:-1]):
        # "sf general", "ucla med ctr": a city or university abbreviation before a facility word
        if m.group().lower() in _city_abbreviations() and words[j + 1].group().lower() in FACILITY_WORDS:
            written[j] = m.group().upper()
    for j, m in enumerate(words):
        # "DENVER GENERAL HOSPITAL", "LANGONE HEALTH": a facility word after a name
        if forms[j] == "facility":
            prev_named = j > 0 and line[words[j - 1].end() : m.start()] == " " and (
                forms[j - 1] == "title" or (j - 1) in written
            )
            forms[j] = "title" if prev_named else "lower"


def _addresses(line: str, words: list[re.Match[str]], forms: list[str], written: dict[int, str]) -> None:
    """Towns before a state and ZIP, and postal abbreviations after a place."""
    for zm in _CITY_STATE_ZIP.finditer(line):
        # "YOUNG, WI 18761": whatever stands before a state and a ZIP is a town
        if zm.group(2).upper() in _STATE_ABBRS:
            for k, m in enumerate(words):
                if zm.start(1) <= m.start() < zm.end(1) and forms[k] != "keep":
                    forms[k] = "title"
                elif m.start() == zm.start(2):
                    written[k] = m.group().upper()
    for j, m in enumerate(words[1:], 1):
        # "ATLANTA, GA": a postal abbreviation after a place and a comma
        if m.group().upper() in _STATE_ABBRS and line[words[j - 1].end() : m.start()] == ", ":
            if forms[j - 1] == "title" or (j - 1) in written:
                written[j] = m.group().upper()


_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_ABBREVIATION_DOT = re.compile(r"\b(?:st|mt|dr|mr|mrs|ms)\.\s*$", re.I)


def _write(line: str, words: list[re.Match[str]], forms: list[str], written: dict[int, str], out: list[str]) -> None:
    """Append ``line`` to ``out`` with each word in its form; a sentence's first word
    capitalised."""
    pos = 0
    sentence_start = True
    for k, (m, form) in enumerate(zip(words, forms, strict=True)):
        out.append(line[pos : m.start()])
        gap = line[pos : m.start()]
        if _SENTENCE_END.search(gap) and not _ABBREVIATION_DOT.search(line[max(0, pos - 4) : m.start()]):
            sentence_start = True
        word = m.group()
        if k in written:
            word = written[k]
        elif form == "title" or (sentence_start and form == "lower"):
            word = word[0].upper() + word[1:].lower()
        elif form == "lower":
            word = word.lower()
        out.append(word)
        pos = m.end()
        sentence_start = False
    out.append(line[pos:])


def cased_copy(text: str, nlp_artifacts: object | None) -> str:
    """The re-cased copy of ``text`` a recognizer should read: the text spaCy was given
    (detect.py hands spaCy the re-cased copy, so its Doc holds it), else computed."""
    doc = getattr(nlp_artifacts, "tokens", None)
    cased = getattr(doc, "text", None)
    if isinstance(cased, str) and len(cased) == len(text):
        return cased
    return truecase(text)


@lru_cache(maxsize=16)
def truecase(text: str) -> str:
    """``text`` with every caseless line re-cased from lexicons (same length, same offsets);
    ``text`` itself when no line is caseless."""
    if not any(c.isalpha() for c in text):
        return text
    out: list[str] = []
    pos = 0
    changed = False
    for m in _LINE.finditer(text):
        line = m.group()
        if not caseless(line):
            continue
        out.append(text[pos : m.start()])
        _recase_line(line, out)
        pos = m.end()
        changed = True
    if not changed:
        return text
    out.append(text[pos:])
    cased = "".join(out)
    # upper()/lower() of a few non-ASCII letters changes length; _WORD is ASCII-only,
    # so this holds, but offsets must never drift silently
    if len(cased) != len(text):
        return text
    return cased
