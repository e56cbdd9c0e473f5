"""Dates in every form clinicians write them, and only dates.

Safe Harbor removes every element of a date except the year, so "March 2023", "3/14" and
"the 14th of February" are PHI while "in 2019" is not (unless ``redact_years`` is set).
The hard part is what merely looks like a date: doses ("1/2 tab"), strength grades
("4/5"), pain scores ("3/10"), blood pressure ("120/80") and ranges ("3-4 times daily").
Fully specified dates are taken on sight; bare month/day fractions need date context.
"""

from __future__ import annotations

import re

from redactphi.recognizers.base import RegexRecognizer, Rx, words_after, words_before

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_ORD = r"(?:st|nd|rd|th)?"
_MON_NUM = r"(?:0?[1-9]|1[0-2])"
_YEAR4 = r"(?:1[89]\d\d|20\d\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d|'?\d\d)"
# Times of day are not Safe Harbor identifiers: "03/14/2023 14:32" becomes
# "[DATE] 14:32", keeping the clinically useful timing and the note's precision.
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"
_NB = r"(?<![\w/.\-])"  # not glued to a preceding word, number or separator
_NA = r"(?![\w/]|[.\-]\d)"  # not followed by more of a number

# Words that make a bare "m/d" a date, when they come right before it.
_DATE_CUES = {
    "on", "since", "from", "until", "til", "till", "to", "through", "thru", "dated", "date",
    "dos", "seen", "admitted", "discharged", "d/c", "dc", "as", "of", "by", "starting",
    "started", "beginning", "began", "last", "next", "effective", "due", "before", "after",
    "visit", "surgery", "procedure", "appt", "appointment", "f/u", "fu", "follow", "followup",
    "dob", "birth", "born", "admit", "admission", "discharge", "onset", "scheduled", "performed",
    "collected", "received", "reported", "signed", "called", "returned", "sent", "drawn",
    "placed", "inserted", "removed", "changed", "obtained", "noted", "stopped", "held",
    "resumed", "repeated", "done", "updated", "reviewed", "tuesday", "monday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "and", "between", "during",
    "week", "around", "expired", "died", "death", "deceased",
}
# Words that may follow a bare day of the month ("on the 14th when she ...").
_AFTER_ORDINAL_DATE = {
    "and", "or", "at", "when", "while", "but", "to", "through", "thru", "then", "so", "as", "after",
    "before", "in", "for", "of", "with", "she", "he", "they", "we", "i", "pt", "patient", "around",
    "about", "until", "till", "per", "via", "by", "from", "morning", "evening", "night", "am", "pm",
    "because", "since", "though", "although", "unless", "if", "which", "that", "who", "where",
}
# Connectives that suggest a date but also precede doses ("to 3/4 strength").
_WEAK_CUES = {"to", "and", "of", "as", "by", "from", "through", "thru", "between", "before", "after", "until", "till", "til"}
# Words after a bare "m/d" that make it a fraction, score or dose.
_FRACTION_AFTER = {
    "tab", "tabs", "tablet", "tablets", "cap", "caps", "strength", "str", "ns", "pulses",
    "pulse", "reflexes", "reflex", "of", "muscle", "power", "motor", "pain", "score", "mg",
    "ml", "cc", "units", "unit", "u", "x", "bilaterally", "bilat", "b/l",
    "rle", "lle", "rue", "lue", "ble", "bue", "proximally",
    "distally", "hearing", "vision", "dose", "doses", "cup", "cups", "inch", "inches",
    "cm", "mm", "liter", "liters", "l", "teaspoon", "tsp", "tbsp", "glass", "mile", "miles", "pack",
    "packs", "ppd", "point", "points", "positive", "negative", "criteria", "nodes", "lymph", "wks", "wk", "weeks",
    "cores", "sites", "sprays", "puffs", "drops", "patch", "vial", "amp", "normal", "saline",
    "sem", "hsm", "murmur", "ips", "cpap", "peep", "ps", "psv", "fio2", "bipap",
}
# Ventilator modes and vital signs: "PS 10/5", "CPAP 5/5", "flowby 6/3", "IMV 12/600" are
# settings (pressure over PEEP, rate over volume), never dates.
_SETTING_WORDS = {
    "ps", "psv", "ips", "ipap", "epap", "cpap", "bipap", "bi-pap", "peep", "fio2", "flowby", "vent",
    "ventilator", "imv", "simv", "a/c", "mode", "settings", "setting", "tv", "vt", "rr", "hr", "sbp",
    "dbp", "map", "cvp", "pad", "pas", "pcwp", "sats", "sat", "abg", "vbg", "peeps", "pressures", "psup",
}
_SETTING_LINKS = {"of", "to", "at", "on", "overnight", "with", "from", "back", "down", "up", "now"}
_SETTING_AFTER = {"ips", "ipap", "epap", "cpap", "bipap", "peep", "ps", "psv", "fio2", "ventilation"}
# Words after a hyphenated pair that make it a count range ("1-2 pillows", "2-3 breaths").
_COUNT_AFTER = {
    "pillows", "breaths", "hours", "hrs", "hr", "minutes", "mins", "min", "days", "times", "x",
    "wbcs", "rbcs", "wbc", "rbc", "range", "assist", "people", "persons", "staff", "l", "lpm",
    "liters", "mcg", "mg", "cm", "beats", "bpm", "episodes", "stools", "units", "amps",
}
_FRACTION_BEFORE = {
    "bp", "strength", "power", "motor", "graded", "grade", "pain", "x", "scored", "score", "rated",
    "gcs", "apgar", "apgars", "ratio", "take", "takes", "taking", "give", "given", "about",
    "approximately", "approx", "only", "ate", "eats", "eating", "drank", "finished", "consumed",
    "reflexes", "pulses", "dtrs", "ef", "vision", "acuity", "day", "cycle", "dose", "week",
}
# Of those, the words of a score or a measure (not of a dose: "HEP B given 12/01" is a
# date): the only ones the tagger's dates are judged by (judge_bare_md, by_shape=False).
_SCORE_BEFORE = {
    "bp", "strength", "power", "motor", "graded", "grade", "pain", "scored", "score", "rated", "gcs",
    "apgar", "apgars", "ratio", "reflexes", "pulses", "dtrs", "ef", "vision", "acuity",
}


class ClinicalDateRecognizer(RegexRecognizer):
    """Full, partial and relative-free calendar dates, with attached weekday and time."""

    NAME = "date"
    ENTITY = "DATE"
    DESCRIPTION = "dates in numeric, ISO and written forms; month+year; attached times"
    PATTERNS = (
        # 03/14/2023, 3/14/23, 3-14-2023, 03.14.2023 (separators must agree)
        Rx("numeric m/d/y", rf"{_NB}{_WD_PREFIX}{_MON_NUM}([/\-.]){_DAY}\1(?:{_YEAR4}|\d\d){_NA}", 0.95, check="check_not_setting"),
        # 14/03/2023 written day-first (European letters, some labs)
        Rx("numeric d/m/y", rf"{_NB}(?:1[3-9]|2\d|3[01])([/\-.]){_MON_NUM}\1{_YEAR4}{_NA}", 0.9),
        # 2023-03-14, 2023/03/14, 20230314 only with separators
        Rx("iso", rf"{_NB}{_YEAR4}([\-/.]){_MON_NUM}\1{_DAY}(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+\-]\d\d:?\d\d)?)?{_NA}", 0.95),
        # 14-Mar-2023, 14 Mar 2023, 14 March, 14th March 2023, the 14th of February
        # "the" is taken too: annotators mark "the 14th of February" whole
        Rx("day month year", rf"{_NB}{_WD_PREFIX}(?:the\s+)?{_DAY}{_ORD}(?:\s+of|[\s\-]+|-)\s*{_MONTH}(?:[\s\-,]+{_YEAR})?(?![a-z])", 0.9, check="check_written_day_first"),
        # March 14th, Mar 14, 2023, Tuesday, March 14, March 14 2023 at 10:30
        Rx("month day year", rf"{_NB}{_WD_PREFIX}{_MONTH}\s*{_DAY}{_ORD}(?:(?:,\s*|\s+){_YEAR4}|,?\s*'\d\d)?(?!\w|:\d|/\d)", 0.9, check="check_written"),
        # March 2023, Mar. '23, Sept of 2021
        Rx("month year", rf"{_NB}{_MONTH}(?:\s+of)?,?\s+(?:{_YEAR4}|'\d\d)(?!\d)", 0.85, check="check_written"),
        # "last December", "next Tuesday": a named month or weekday pins the date even
        # without numbers ("last week" is a duration and is kept)
        Rx("relative named date", rf"\b(?:last|next|this\s+past|this\s+coming|past|early|late|mid)[\s\-]+(?:{_MONTH}|{_WEEKDAY})(?![a-z])", 0.7, check="check_relative_named"),
        # 23FEB2025, 03MAR21: the compact military/pharmacy stamp
        Rx("compact day-mon-year", r"(?<![\w])(?:0?[1-9]|[12]\d|3[01])(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:\d{4}|\d{2})(?!\w)", 0.9),
        # 03/2023, 3/2023 (month/year on forms)
        # ISO 8601 year and month, "last seen 2021-08": always a two-digit month after a dash
        Rx("iso year-month", rf"{_NB}{_YEAR4}-(?:0[1-9]|1[0-2]){_NA}(?!-\d)", 0.8, check="check_year_month"),
        Rx("numeric m/yyyy", rf"{_NB}{_MON_NUM}[/\-]{_YEAR4}{_NA}", 0.8, check="check_month_yyyy"),
        # "CABG 8/88", "s/p AVR 11/92": month and two-digit year in a history (a second
        # number above 31 is no day of the month); settings and fractions are judged out
        Rx("numeric m/yy", rf"{_NB}{_MON_NUM}/(?:3[2-9]|[4-9]\d|0\d){_NA}(?!\s*%)", 0.7, check="check_month_yy"),
        # "9/12-9/26", "8/31 - 9/2": a range of slashed month/day pairs is two dates
        Rx("numeric m/d range", rf"{_NB}{_MON_NUM}/{_DAY}\s*(?:-|–|to|through|thru)\s*{_MON_NUM}/{_DAY}{_NA}", 0.8, check="check_md_range"),
        # "on the 14th", "missed doses on the 28th and 29th": a day of the month alone,
        # after a preposition of time and not before a noun ("the 5th metatarsal")
        Rx(
            "ordinal day",
            rf"\b(?:on|since|by|until|till|from|before|after|through|thru|starting|beginning|it'?s|is|was|{_WEEKDAY})\s+the\s+"
            rf"(?P<value>{_DAY}(?:st|nd|rd|th)(?:\s*(?:and|or|to|through|thru|-|–|&)\s*(?:the\s+)?{_DAY}(?:st|nd|rd|th))?)\b",
            0.7,
            check="check_ordinal_day",
        ),
        # "started in March", "A1c 8.1% in Feb": a month alone is a date element too
        Rx(
            "month alone",
            r"\b(?i:in|since|during|until|till|by|from|through|thru|early|mid|late|end\s+of|of|over)[\s\-]+"
            r"(?P<value>(?:January|February|March|April|May|June|July|August|September|October|November|December"
            r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
            r"|january|february|april|july|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec"
            r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?))(?![\w/])",
            0.7,
            flags=0,
            check="check_month_alone",
        ),
        # "the 14th of next month": a day of the month named relative to this one
        Rx("ordinal of month", rf"\b(?:the\s+)?(?P<value>{_DAY}(?:st|nd|rd|th))\s+of\s+(?:this|next|last|the\s+(?:month|following\s+month))\b(?:\s+month)?", 0.7),
        # "clinic notes 9/2023-2/2024"
        Rx("numeric m/yyyy range", rf"{_NB}{_MON_NUM}/{_YEAR4}\s*[-–]\s*{_MON_NUM}/{_YEAR4}{_NA}", 0.8),
        # 3/14 and 3-14 without a year: judged by context
        Rx("numeric m/d", rf"{_NB}{_WD_PREFIX}{_MON_NUM}([/\-]){_DAY}{_NA}(?!\s*[\-–]\s*\d)", 0.6, check="check_bare_md"),
        # holidays name a date as surely as the numbers do
        Rx(
            "holiday",
            r"\b(?:christmas(?:\s+(?:eve|day))?|new\s+year'?s(?:\s+(?:eve|day))?|thanksgiving(?:\s+day)?"
            r"|easter(?:\s+sunday)?|independence\s+day|memorial\s+day|labor\s+day|veterans\s+day"
            r"|valentine'?s\s+day|halloween|mother'?s\s+day|father'?s\s+day)(?:\s+(?:of\s+)?" + _YEAR4 + r")?\b",
            0.6,
            check="check_holiday",
        ),
        # the year alone: only redacted when the config asks (Safe Harbor keeps years)
        Rx("year", rf"{_NB}(?:{_YEAR4}){_NA}", 0.5, check="check_year"),
    )

    def check_year(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """The year alone: only when the config asks (Safe Harbor keeps years)."""
        return rx.score if self.config is not None and self.config.redact_years else None

    def check_relative_named(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"last may be..." / lower-case "this past march" stay ambiguous."""
        value = text[start:end]
        if re.search(r"\b(may|mar|march|sat|sun|wed)\b", value) and not re.search(r"\b(May|Mar|March|Sat|Sun|Wed)", value):
            return None
        return rx.score

    def check_written(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A date with its month written out ("March 3, 2021", "Mar 2021")."""
        return self._judge_written(text, match, rx, start, end, text[start:end])

    def check_written_day_first(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"3 Mar 2021"; without a year, not after a dose word ("take 2 may")."""
        return self._judge_written(text, match, rx, start, end, text[start:end], day_first=True)

    def check_not_setting(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Not a ventilator setting or a vital sign ("PSV 10/5/40%")."""
        return None if self._setting(text, start, end, text[start:end]) else rx.score

    def check_bare_md(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A bare "3/4": not a setting, and a date by its context (:meth:`judge_bare_md`)."""
        value = text[start:end]
        if self._setting(text, start, end, value):
            return None
        return self.judge_bare_md(text, start, end, value, match.group(1))

    def check_md_range(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"1/2-3/4 tab" is a dose range; "BP 110/70-120/80" never fits month/day."""
        value = text[start:end]
        pairs = [tuple(map(int, p.split("/"))) for p in re.findall(r"\d+/\d+", value)]
        if all(b in (2, 3, 4) and a < b for a, b in pairs):
            return None
        after = words_after(text, end, 1)
        before = words_before(text, start, 1)
        if (after and after[0] in _FRACTION_AFTER) or (before and before[-1] in _FRACTION_BEFORE):
            return None
        return rx.score

    def check_ordinal_day(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"on the 3rd day", "by the 2nd dose": a noun after the ordinal makes it a count."""
        nxt = re.match(r"\s*([A-Za-z]+)", text[end : end + 20])
        if nxt and nxt.group(1).lower() not in _AFTER_ORDINAL_DATE:
            return None
        return rx.score

    def check_month_alone(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"in May be", "Mar" as a verb or name: a month alone must end a phrase."""
        value = text[start:end]
        nxt = re.match(r"\s*([A-Za-z]+)", text[end : end + 20])
        if value.lower().rstrip(".") in {"may", "mar", "march"} and nxt and nxt.group(1).lower() in {"be", "have", "need", "also", "not"}:
            return None
        return rx.score

    def check_month_yy(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"8/88": a month and year (:meth:`_month_year_ok`)."""
        return rx.score if self._month_year_ok(text, start, end, text[start:end]) else None

    def check_month_yyyy(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"3/2019", unless a fraction word comes before it."""
        before = words_before(text, start, 1)
        if before and before[-1] in _FRACTION_BEFORE - {"on", "at"}:
            return None
        return rx.score

    def check_year_month(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"2019-04", unless a dose or count word is around it ("2000-10 units")."""
        before = words_before(text, start, 1)
        after = words_after(text, end, 1)
        if (before and before[-1] in _FRACTION_BEFORE) or (after and after[0] in _FRACTION_AFTER | _COUNT_AFTER):
            return None
        return rx.score

    def check_holiday(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"a Christmas tree" is not a date; "over Christmas" / "Christmas 2021" are."""
        after = words_after(text, end, 1)
        if after and after[0] in {"tree", "card", "cards", "carol", "carols", "party", "lights", "cactus"}:
            return None
        return rx.score

    def _month_year_ok(self, text: str, start: int, end: int, value: str) -> bool:
        """"8/88" is a month and year unless a setting, score or dose word is around it."""
        if self._setting(text, start, end, value):
            return False
        before = words_before(text, start, 1)
        after = words_after(text, end, 1)
        if value.split("/")[1].startswith("0") and not (before and before[-1] in _DATE_CUES):
            return False  # "1/05" is as often a ratio; "since 1/05" is a date
        return not ((before and before[-1] in _FRACTION_BEFORE) or (after and after[0] in _FRACTION_AFTER | _COUNT_AFTER))

    @staticmethod
    def _setting(text: str, start: int, end: int, value: str) -> bool:
        """Is a bare "10/5" (or "10/5/40" before "%") a ventilator setting or a vital sign?"""
        if re.match(r"\s*%", text[end:end + 3]) and not re.search(_YEAR4 + "$", value):
            return True  # "PSV 10/5/40%", "5/30%": the last number is an oxygen fraction
        if re.search(_YEAR4 + "$", value):
            return False
        before = words_before(text, start, 2)
        after = [w for word in words_after(text, end, 1) for w in word.split("/")]
        if after and after[0] in _SETTING_AFTER:
            return True
        # the setting word right before ("PS 10/5") or one linking word away ("CPAP/PS of
        # 10/5", "BIPAP OVERNIGHT 10/5"); "trach placed 8/14" is a date
        last = before[-1].split("/")[-1] if before else ""
        if last in _SETTING_WORDS or before[-2:] == ["bi", "pap"]:
            return True  # (words split at hyphens: "bi-pap 10/5" reads as "bi", "pap")
        return len(before) == 2 and before[0].split("/")[-1] in _SETTING_WORDS and last in _SETTING_LINKS

    def _judge_written(
        self, text: str, match: re.Match[str], rx: Rx, start: int, end: int, value: str, day_first: bool = False
    ) -> float | None:
        # "May" and "March" are also words: "may 2 tabs", "march 3 laps". Lower-case
        # "may"/"mar" need a year or date context to count.
        m = re.search(r"[a-z]+", value, re.IGNORECASE)
        month_word = m.group(0) if m else ""
        if month_word.lower() in {"may", "mar", "march", "sat", "sun", "wed"} and month_word.islower():
            if not re.search(r"\d{4}|'\d\d", value):
                before = words_before(text, start, 1)
                if not before or before[-1] not in _DATE_CUES:
                    return None
        if day_first and not re.search(_YEAR4, value):
            # "3 mar" is rare as a non-date, but "5 May" after a dose word is not: "take 2 may"
            before = words_before(text, start, 1)
            if before and before[-1] in {"take", "takes", "x", "times"}:
                return None
        return rx.score

    @staticmethod
    def judge_bare_md(text: str, start: int, end: int, value: str, sep: str, by_shape: bool = True) -> float | None:
        """The score of a bare month/day pair ("3/4", "8-22"), or None for a fraction, a
        strength grade, a pain score or a range; shared with the tagger's dates, which
        judge by the words around the pair only (``by_shape=False``): the tagger reads
        context, and "diaphoresis 3/5 at rehab" is a date of a fraction's shape."""
        before = words_before(text, start, 2)
        after = words_after(text, end, 1)
        prev = before[-1] if before else ""
        num = re.match(r"\s*(?:\S+\s+)?(\d+)[/\-](\d+)", value)
        if not num:
            return None
        a, b = int(num.group(1)), int(num.group(2))
        cue = prev in _DATE_CUES or bool(re.search(_WEEKDAY + r",?\s*$", text[max(0, start - 12):start], re.I))
        # Date stamps at the start of a line ("3/14: pt called") are a charting habit.
        line_start = text.rfind("\n", 0, start) + 1
        at_line_start = not text[line_start:start].strip() and re.match(r"\s*[:\-)]", text[end:end + 2] or "x") is not None
        # "dilute to 3/4 strength": a unit or dose word after the numbers outweighs a
        # connective before them; only a strong cue ("on", "seen", "DOS") outweighs it.
        if after and after[0] in _FRACTION_AFTER and (not cue or prev in _WEAK_CUES):
            return None
        if prev in (_FRACTION_BEFORE if by_shape else _SCORE_BEFORE) and not cue and b <= 12:
            return None  # "take 1/2", "strength 4/5"; "RhoGAM given 7/18" is a date
        if b == 7 and a < 7 and re.search(r"\b(?:[2-4]\d)\s*$", text[max(0, start - 4) : start]):
            return None  # "39 1/7 weeks": gestational age in sevenths of a week
        if sep == "-":
            # "3-4 times", "2-3 days": hyphenated pairs are ranges unless a date cue says
            # otherwise; a count noun after it, or a rising pair after "to"/"of", is a range
            if (after and after[0] in _COUNT_AFTER) or (prev in _WEAK_CUES | {"in"} and a < b):
                return None
            return 0.6 if (cue or at_line_start) else None
        if cue or at_line_start:
            return 0.85
        # Halves, thirds and quarters (doses), x/5 (strength grades) and x/10 (pain
        # scores) are far more often fractions than dates; a real date of that shape
        # needs a cue. Anything else of date shape ("1/6", "3/16") is taken: recall first.
        if by_shape and ((b in (2, 3, 4) and a < b) or (b == 5 and a <= 5) or (b == 10 and a <= 10)):
            return None
        return 0.6
