"""Surrogate augmentation for training the PHI tagger (training only, never at run time).

Every gold span of a note is replaced by a fresh value of the same type and shape, and
the note is re-cased, so a model trained on the copies cannot learn which names recur in
a corpus (the PhysioNet surrogates come from fixed lists): only context and shape.

Value sources (all general public sources, none taken from a corpus):

* names: the 1990 US Census first and last names (``redactphi/data/census_*.txt``),
  names of many language communities from Faker's locale name lists (MIT licence; a
  training-only dependency, the ``train`` extra), invented words of random syllables, and
  single-letter initials;
* towns: GeoNames (``redactphi/data/geo_cities.tsv``, CC BY 4.0);
* facilities: invented "<town or surname> <facility word>" names and 2-5 letter acronyms;
  the facility words of a span are kept, the naming words replaced;
* dates: re-generated in the same layout (digit counts, separators, month names, ordinals);
* phones, IDs and everything else: shape-preserving (digit -> random digit, letter ->
  random letter of the same case, punctuation kept).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from functools import cache

from redactphi.bench.gold import GoldNote, GoldSpan, recase

# Faker locales whose person names are written in Latin letters (or have romanized lists):
# many language communities, as a US hospital's patients and staff are.
FAKER_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_IN", "en_NG", "en_PK", "en_KE", "en_PH", "ga_IE", "es_ES", "es_MX",
    "es_CO", "es_AR", "pt_BR", "pt_PT", "fr_FR", "fr_CA", "it_IT", "de_DE", "nl_NL", "pl_PL", "cs_CZ",
    "sk_SK", "hu_HU", "ro_RO", "hr_HR", "sl_SI", "lt_LT", "lv_LV", "et_EE", "fi_FI", "sv_SE", "no_NO",
    "da_DK", "is_IS", "tr_TR", "az_AZ", "id_ID", "vi_VN", "fil_PH", "tl_PH", "sw", "yo_NG", "ig_NG",
    "ha_NG", "zu_ZA", "zh_CN", "zh_TW", "ja_JP", "ko_KR",
)

_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'\-]{2,}")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_RX = re.compile(r"(?i)\b(?:" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?")
_SYLLABLES_ON = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                 "br", "ch", "dr", "gr", "kh", "sh", "st", "th", "tr", "")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y")
_CODAS = ("", "", "", "n", "r", "s", "l", "k", "m", "t", "sh", "ng", "x")


def _faker_names() -> tuple[list[str], list[str]]:
    try:
        from faker import Faker
    except ImportError:  # pragma: no cover - exercised only without the train extra
        raise RuntimeError("training needs Faker: `pip install -e .[train]` (see the Makefile's train target)") from None
    firsts: set[str] = set()
    lasts: set[str] = set()
    for loc in FAKER_LOCALES:
        try:
            fk = Faker(loc)
        except AttributeError:
            continue
        prov = next((p for p in fk.get_providers() if hasattr(p, "first_names")), None)
        if prov is None:
            continue
        for attr, bucket in (("first_names", firsts), ("last_names", lasts),
                             ("first_romanized_names", firsts), ("last_romanized_names", lasts)):
            values = getattr(prov, attr, None)
            if not values:
                continue
            for v in values:
                for w in str(v).split():
                    if _LATIN.fullmatch(w):
                        bucket.add(w)
    return sorted(firsts), sorted(lasts)


class Pools:
    """Replacement values, built once per training run."""

    def __init__(self) -> None:
        from redactphi.lexicons import census_first_names, census_last_names, city_names
        from redactphi.recognizers.locations import FACILITY_HEAD

        self.census_first = sorted(census_first_names())
        self.census_last = sorted(census_last_names())
        self.faker_first, self.faker_last = _faker_names()
        self.towns = sorted(c for c in city_names() if c.replace(" ", "").isalpha())
        self.facility_head = re.compile(rf"(?i)^(?:{FACILITY_HEAD})$")
        # facility words for invented names; the head regex decides what to keep in a span
        self.facility_words = ("Hospital", "Medical Center", "Clinic", "General", "Memorial", "Health",
                               "Rehab", "Nursing Home", "Regional", "Hospice", "Care Center", "Infirmary")


@cache
def pools() -> Pools:
    return Pools()


def invented_word(rng: random.Random) -> str:
    n = rng.choice((1, 2, 2, 3))
    return "".join(rng.choice(_SYLLABLES_ON) + rng.choice(_VOWELS) for _ in range(n)) + rng.choice(_CODAS)


def _name_word(rng: random.Random, first: bool) -> str:
    p = pools()
    r = rng.random()
    if r < 0.4:
        return rng.choice(p.census_first if first else p.census_last)
    if r < 0.75:
        return rng.choice(p.faker_first if first else p.faker_last)
    if r < 0.9:
        return invented_word(rng)
    return rng.choice(p.census_last if first else p.census_first)  # names used the other way round


def _case_like(original: str, new: str) -> str:
    if original.isupper():
        return new.upper()
    if original.islower():
        return new.lower()
    if original[:1].isupper():
        return "-".join(part[:1].upper() + part[1:].lower() for part in new.split("-"))
    return new


def _shape_fresh(value: str, rng: random.Random) -> str:
    out = []
    for i, c in enumerate(value):
        if c.isdigit():
            lead = i == 0 or not value[i - 1].isdigit()
            out.append(str(rng.randint(1, 9)) if lead and c != "0" else str(rng.randint(0, 9)))
        elif c.isalpha():
            ch = chr(rng.randint(97, 122))
            out.append(ch.upper() if c.isupper() else ch)
        else:
            out.append(c)
    return "".join(out)


_WORD = re.compile(r"[^\W\d_]+")


def fresh_name(value: str, rng: random.Random) -> str:
    words = list(_WORD.finditer(value))
    out, last = [], 0
    for k, m in enumerate(words):
        out.append(value[last : m.start()])
        w = m.group()
        if len(w) == 1 and value[m.start() - 1 : m.start()] in ("'", "’"):
            new = w  # possessive "'s"
        elif len(w) == 1:
            new = chr(rng.randint(65, 90))
        else:
            first = k < len(words) - 1 or (len(words) == 1 and rng.random() < 0.35)
            new = _name_word(rng, first)
        out.append(_case_like(w, new))
        last = m.end()
    out.append(value[last:])
    return "".join(out)


def fresh_location(value: str, rng: random.Random) -> str:
    p = pools()
    words = list(_WORD.finditer(value))
    if len(words) == 1 and words[0].group().isupper() and 2 <= len(words[0].group()) <= 5 and rng.random() < 0.7:
        return value[: words[0].start()] + "".join(chr(rng.randint(65, 90)) for _ in range(rng.randint(2, 5))) + value[words[0].end():]
    keep = [bool(p.facility_head.match(m.group())) or m.group().lower() in ("of", "the", "and", "st", "saint") for m in words]
    r = rng.random()
    out, last = [], 0
    for m, kept in zip(words, keep, strict=True):
        out.append(value[last : m.start()])
        w = m.group()
        if kept or (len(w) == 1 and value[m.start() - 1 : m.start()] in ("'", "’")):
            new = w
        elif r < 0.45:
            new = _case_like(w, rng.choice(p.towns).title())
        elif r < 0.8:
            new = _case_like(w, _name_word(rng, first=False))
        else:
            new = _case_like(w, invented_word(rng))
        out.append(new)
        last = m.end()
    out.append(value[last:])
    result = "".join(out)
    if rng.random() < 0.1 and not any(keep):  # an invented facility name in full
        result = _case_like(value, rng.choice(p.towns).title() + " " + rng.choice(p.facility_words))
    return result


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def fresh_date(value: str, rng: random.Random) -> str:
    """The same layout with a new date: each digit group keeps its width and role."""
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    year = rng.randint(1935, 2030)

    def month_word(m: re.Match[str]) -> str:
        w = m.group()
        name = _MONTHS[month - 1]
        core = w.rstrip(".")
        new = name[:3] if len(core) <= 4 and core.lower() not in _MONTHS else name
        return _case_like(core, new) + ("." if w.endswith(".") else "")

    out = _MONTH_RX.sub(month_word, value)
    has_month_word = bool(_MONTH_RX.search(value))
    groups = list(re.finditer(r"\d+", out))
    roles: list[str] = []
    if has_month_word:
        roles = ["y" if len(g.group()) == 4 else "d" for g in groups]
    elif len(groups) >= 3:
        roles = ["y", "m", "d"] if len(groups[0].group()) == 4 else ["m", "d", "y"]
        roles += ["n"] * (len(groups) - 3)
    elif len(groups) == 2:
        a, b = (g.group() for g in groups)
        if len(a) == 4:
            roles = ["y", "m"]
        elif len(b) == 4 or (int(b) > 31 and len(b) == 2):
            roles = ["m", "y"]
        else:
            roles = ["m", "d"]
    elif len(groups) == 1:
        only = groups[0].group()
        roles = ["y" if len(only) == 4 else ("n" if len(only) > 4 else "d")]
    res, last = [], 0
    for g, role in zip(groups, roles, strict=False):
        res.append(out[last : g.start()])
        s = g.group()
        if role == "y":
            new = str(year) if len(s) == 4 else f"{year % 100:02d}"
        elif role == "m":
            new = f"{month:02d}" if len(s) == 2 and s.startswith("0") else str(month)
        elif role == "d":
            new = f"{day:02d}" if len(s) == 2 and s.startswith("0") else str(day)
        else:
            new = _shape_fresh(s, rng)
        res.append(new)
        last = g.end()
    res.append(out[last:])
    result = "".join(res)
    return re.sub(r"(\d+)(st|nd|rd|th)\b", lambda m: _ordinal(int(m.group(1))), result, flags=re.I) if re.search(r"\d(?:st|nd|rd|th)\b", value, re.I) else result


def fresh_age(value: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        n = int(m.group())
        return str(rng.randint(90, 104)) if n >= 90 else _shape_fresh(m.group(), rng)

    return re.sub(r"\d+", repl, value)


def fresh_value(span: GoldSpan, rng: random.Random) -> str:
    """A new value for one gold span, of the same type and shape."""
    if span.type == "NAME":
        return fresh_name(span.text, rng)
    if span.type == "GEOGRAPHIC_LOCATION":
        if any(c.isdigit() for c in span.text):  # street addresses, ZIP codes
            return _shape_fresh(span.text, rng)
        return fresh_location(span.text, rng)
    if span.type == "DATE":
        return fresh_date(span.text, rng)
    if span.type == "AGE":
        return fresh_age(span.text, rng)
    return _shape_fresh(span.text, rng)


def resample(note: GoldNote, rng: random.Random, copy: int) -> GoldNote:
    """``note`` with every gold span replaced by a fresh value, offsets rebuilt."""
    parts: list[str] = []
    spans: list[GoldSpan] = []
    pos = 0
    out_len = 0
    for s in note.spans:
        if s.start < pos:  # overlapping gold spans: keep the first
            continue
        gap = note.text[pos : s.start]
        parts.append(gap)
        out_len += len(gap)
        new = fresh_value(s, rng) or s.text
        spans.append(GoldSpan(out_len, out_len + len(new), s.type, new))
        parts.append(new)
        out_len += len(new)
        pos = s.end
    parts.append(note.text[pos:])
    return GoldNote(f"{note.id}#aug{copy}", "".join(parts), tuple(spans), note.style)


CASES = ("as_written", "upper", "lower")


def augment(notes: Sequence[GoldNote], copies: int, seed: int, phi_free_copies: int = 1) -> Iterator[GoldNote]:
    """``copies`` surrogate re-samplings of each note with PHI (cycling through the case
    variants, so each case appears), ``phi_free_copies`` re-cased copies of each PHI-free note."""
    rng = random.Random(seed)
    for note in notes:
        n = copies if note.spans else phi_free_copies
        offset = rng.randrange(len(CASES))
        for k in range(n):
            new = resample(note, rng, k)
            case = CASES[(offset + k) % len(CASES)]
            if case != "as_written":
                new = recase(new, case)
            yield new
