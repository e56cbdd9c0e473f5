"""Places smaller than a state: street addresses, cities, counties, ZIP codes and care
facilities (hospitals, clinics, nursing homes, pharmacies).

Street addresses and facilities are recognised by shape (a house number and a street
suffix; capitalised words before a facility word such as "Hospital" or "Apothecary").
Cities come from a GeoNames lexicon (``redactphi/data/geo_cities.tsv``) looked up token
by token, which is far cheaper than a 17,000-name regular expression. A city whose name
is also a word (Mobile, Reading, Normal) or clinical vocabulary (Addison) needs place
context: "lives in", "from", "moved to", a following ", ST" or ZIP. Eponymous scores and
diseases named after places ("Framingham risk score", "Glasgow Coma Scale", "Denver
shunt") are not places.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult
from redactphi.recognizers.base import RegexRecognizer, Rx, words_before
from redactphi.recognizers.casing import cased_copy
from redactphi.recognizers.names import everyday_word

from redactphi.lexicons import city_names, clinical_terms, common_words, us_states

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# --- shared vocabulary ------------------------------------------------------------------
_STATE_ABBRS = sorted(set(us_states().values()))
_ST = r"(?:" + "|".join(_STATE_ABBRS) + r")"
_STATE_NAMES = r"(?:" + "|".join(sorted((re.escape(n.title()) for n in us_states()), key=len, reverse=True)) + r")"

_SUFFIX = (
    r"(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|way|terrace|terr?|"
    r"circle|cir|parkway|pkwy|highway|hwy|row|square|sq|trail|trl|loop|alley|aly|pike|plaza|plz|crossing|xing|"
    r"path|walk|ridge|heights|hts|point|commons|cove|cv|run|bend|turnpike|tpke|expressway|expy|freeway|fwy|"
    r"causeway|landing|mall|oval|pass|green|grove|meadows?|hollow|glen|park|close|crescent|cres)"
)
_DIRECTION = r"(?:[NSEW]\.?|N\.?[EW]\.?|S\.?[EW]\.?|North|South|East|West|Northeast|Northwest|Southeast|Southwest)"
_UNIT = r"(?:,?[ \t]*(?:(?i:apt|apartment|unit|suite|ste|#|bldg|building|fl|floor|rm|lot|space|trlr)\.?[ \t]*#?[ \t]*(?i:[A-Z0-9][A-Z0-9\-]{0,5})|\d{1,2}(?i:st|nd|rd|th)[ \t]+(?i:floor|fl)\.?)\b)"
# A street name word: capitalised, an ordinal ("48th") or a number.
_SNAME = r"(?:[A-Z][A-Za-z'’\-]*\.?|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH))"


class StreetAddressRecognizer(RegexRecognizer):
    """House number + street name + suffix (with unit), PO boxes and rural routes."""

    NAME = "street_address"
    ENTITY = "STREET_ADDRESS"
    DESCRIPTION = "street addresses (number, street, suffix, unit), PO boxes, rural routes"
    PATTERNS = (
        Rx(
            "numbered street",
            rf"(?<![\w\-/.])\d{{1,6}}[A-Z]?(?:-\d{{1,4}})?[ \t]+(?:{_DIRECTION}[ \t]+)?(?:{_SNAME}[ \t]+){{0,3}}{_SNAME}[ \t]+(?i:{_SUFFIX})\b\.?(?:[ \t]+{_DIRECTION}\b\.?)?{_UNIT}?",
            0.85,
            flags=0,
        ),
        # lower-case notes: "we moved to 360 main road" (needs a cue before the number)
        Rx(
            "numbered street lower case",
            rf"\b(?:to|at|address|is|from|on|of|near):?[ \t]+(?P<value>\d{{1,6}}[ \t]+(?:[a-z0-9][a-z'’\-]*[ \t]+){{1,3}}(?i:{_SUFFIX})\b\.?{_UNIT}?)",
            0.7,
            flags=0,
        ),
        # lower-case address lines: "2716 ashbury lane, apt 3c", "47 commercial street,"
        # (a written-out suffix, then a comma, a unit or the line's end)
        Rx(
            "numbered street lower case line",
            rf"(?<![\w\-/.])(?P<value>\d{{1,6}}[ \t]+(?:[nsew]\.?[ \t]+)?(?:[a-z0-9][a-z'’\-]*[ \t]+){{1,3}}"
            rf"(?:street|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|parkway|pkwy|terrace|court|circle|highway|hwy|way|place|trail|st(?=,)|dr(?=,))\b\.?"
            rf"(?:{_UNIT}|(?=[ \t]*(?:,|\(|\)|\*|\||;|\n|$|[ \t]{{2}}))))",
            0.7,
            flags=0,
        ),
        # "123 Main" is too weak alone; with a unit it is an address line: "12 Elm Apt 3"
        Rx("po box", r"(?<![\w])(?:p\.?\s*o\.?|post\s+office)\s*box\s*#?\s*\d{1,6}\b", 0.9),
        Rx("rural route", r"(?<![\w])(?:rr|r\.r\.|rural\s+route|hc)\s*#?\s*\d{1,4}\s*,?\s*box\s*\d{1,5}\b", 0.9),
        # Named streets without a number, written out in full: "Elm Street", "Maple Avenue".
        Rx(
            "named street",
            r"(?<![\w])(?:[A-Z][a-z'’]+[ \t]+){1,2}(?:Street|Avenue|Boulevard|Road|Lane|Drive|Parkway|Terrace|Court)\b",
            0.6,
            flags=0,
        ),
        # "on Tuckerman Street", "ON MAIN ST", "near Ellis Avenue": a street named after a
        # place cue, in any case (upper-case notes have no capitals to go on)
        Rx(
            "named street after cue",
            r"\b(?:on|to|at|near|off|from|along|onto|of)[ \t]+(?P<value>(?:[A-Za-z][A-Za-z'’\-]+[ \t]+){1,2}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|highway|hwy|parkway|pkwy|terrace|place|way)\.?)(?=[\s,.;:)]|$)",
            0.6,
            flags=re.I,
        ),
        Rx("route number", r"(?<![\w])(?:Route|Rte\.?|Highway|Hwy\.?|Interstate|I-|ROUTE|RTE\.?|HIGHWAY|HWY\.?|route|rte\.?|highway|hwy\.?)[ \t]?\d{1,3}\b(?![\-/.]\d)", 0.5, flags=0),
    )

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        value = text[start:end]
        if rx.name in ("numbered street", "numbered street lower case line"):
            words = value.split()
            # "2 Dr", "3 Pt": a count followed by an abbreviation is not a street
            if len(words) == 2:
                return None
            # "40 MPH ON KINGSBURY BOULEVARD": a preposition inside means the number is
            # not a house number (the street itself is found after its cue)
            if any(w.lower() in {"on", "at", "to", "in", "near", "from", "of", "off", "for", "with", "by"} for w in words[1:-1]):
                return None
            if words[1].lower().rstrip(".") in _DOSE_UNITS or any(w.endswith(".") and len(w) > 2 and w.lower().rstrip(".") not in _ADDRESS_ABBRS for w in words[1:-1]):
                return None  # "4 MG SQ", "500 ML HESPAN. CT": a dose, then a sentence break
            return rx.score
        if rx.name in ("named street", "named street after cue"):
            first = value.split()[0].lower()
            if first in _LEAD_TRIM or first in DEPT_WORDS or first in _NOT_STREET_NAMES:
                return None
            if any(w.lower() in {"with", "and", "for", "of", "the"} for w in value.split()[1:]):
                return None  # "deal with court", "Lasix and CT"
            if rx.name == "named street after cue" and value.split()[-1].lower().rstrip(".") in ("st", "dr", "ct", "way", "place"):
                # "to pt ST", "on the Dr", "no other way": short or word suffixes need a
                # capitalised, non-clinical name before them
                name = value.split()[0]
                if not name[:1].isupper() or name.lower() in _NOT_STREET_NAMES:
                    return None
        if rx.name == "route number":
            before = words_before(text, start, 2)
            if not before or before[-1] not in _PLACE_CUES | {"on", "off", "along"}:
                return None
        return rx.score


# Units after a number: "4 MG SQ" is a dose given subcutaneously, not 4 Mg Square.
_DOSE_UNITS = {"mg", "mcg", "ml", "cc", "cc's", "ccs", "meq", "units", "unit", "u", "l", "g", "gm", "gms", "mm", "cm", "kg",
               "mmhg", "x", "mls", "amps", "amp", "tabs", "tab", "episodes", "times", "liters", "lpm", "hrs", "hr", "min"}
# Abbreviations with a period inside an address line ("91 Market Dr. Apt. 48").
_ADDRESS_ABBRS = {"apt", "ste", "dr", "st", "ave", "rd", "blvd", "ln", "ct", "pl", "fl", "bldg", "rm", "no", "mt", "ft",
                  "pkwy", "hwy", "sq", "ter", "terr", "cir", "unit", "n", "s", "e", "w"}
# Words that begin phrases such as "on call way" or "to pt st" and are no street names.
_NOT_STREET_NAMES = {"pt", "call", "any", "each", "every", "his", "her", "their", "its", "no", "one", "same", "other", "which", "this", "that"}


# --- ZIP codes ---------------------------------------------------------------------------
class ZipCodeRecognizer(RegexRecognizer):
    """Five-digit and ZIP+4 codes after a state or a ZIP label."""

    NAME = "zip_code"
    ENTITY = "ZIP_CODE"
    DESCRIPTION = "ZIP and ZIP+4 codes after a state abbreviation/name or a 'ZIP' label; ZIP+4 after a place word"
    PATTERNS = (
        Rx("zip after state", rf"(?<![A-Za-z])(?:{_ST}|{_STATE_NAMES})\.?,?[ \t]+(?P<value>\d{{5}}(?:-\d{{4}})?)(?![\w\-])", 0.9, flags=0),
        # lower-case address lines: "westfield, ma 01085" (the comma makes "ma" a state)
        Rx("zip after state lower case", rf",[ \t]*(?i:{_ST}|{_STATE_NAMES})\.?,?[ \t]+(?P<value>\d{{5}}(?:-\d{{4}})?)(?![\w\-])", 0.85, flags=0),
        # ZIP+4 stands on its own after a place word: "TAMARACK COUNTY 56013-4402"
        Rx("zip plus four", r"(?<=[A-Za-z][ \t])(?P<value>\d{5}-\d{4})(?![\w\-])", 0.7, flags=0),
        Rx("zip labelled", r"(?<![a-z])(?:zip|zip\s*code|postal\s*code|zipcode)\s*(?:is|[:#])?\s*(?P<value>\d{5}(?:-\d{4})?)(?![\w\-])", 0.9),
    )


# --- cities, counties --------------------------------------------------------------------
# Words right before a city that make an ambiguous name a place.
_PLACE_CUES = {
    "in", "from", "to", "near", "at", "of", "moved", "lives", "living", "resides", "residing", "reside",
    "resident", "relocated", "visiting", "visited", "traveled", "travelled", "trip", "born", "raised",
    "native", "outside", "downtown", "suburb", "suburbs", "town", "via", "transferred",
    "transfer", "between", "and", "around",
}
_STRONG_CUES = _PLACE_CUES - {"and", "of", "at", "to", "between", "around", "via"}
# Words after a place name that make it an eponym: "Framingham risk score".
EPONYM_AFTER = {
    "score", "scores", "criteria", "criterion", "classification", "scale", "rule", "rules", "model",
    "questionnaire", "grade", "grading", "system", "syndrome", "virus", "disease", "fever", "equation",
    "guideline", "guidelines", "protocol", "study", "trial", "definition", "consensus", "staging", "type",
    "index", "test", "shunt", "coma", "agitation", "heart", "j", "collar", "valve", "valves", "mixture",
    "solution", "formula", "cocktail", "catheter", "stage", "risk", "tick", "encephalitis", "agent",
    "strain", "variant", "flu", "spotted", "mountain", "class", "method", "procedure",
    "operation", "technique", "maneuver", "manoeuvre", "sign", "phenomenon", "pouch", "cutoff", "tool",
    "serology", "titer", "titers", "titre", "antibody", "antibodies", "igm", "igg", "pcr", "western", "elisa",
    "arthritis", "carditis", "vaccine", "panel",
}
# Lower-case nouns that a note attaches to a city to name a site: "our Denver clinic".
_SITE_AFTER = r"(?:[ \t]+(?:downtown|main|north|south|east|west|uptown|satellite|area))?[ \t]+(?:clinic|office|hospital|campus|location|branch|site|practice|center|centre|area|facility|ed|er)\b"
# Capitalised words that make "<city> X" a facility: "Houston Med", "Brooklyn General".
_SITE_AFTER_CAP = r"[ \t]+(?:General|Gen\.?|Memorial|Medical|Med\.?|Regional|Hospital|Clinic|Health|Methodist|Presbyterian|Baptist)\b"
_CITY_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*\.?")


class CityRecognizer(RegexRecognizer):
    """Cities and towns (lexicon), "City, ST" address lines, and counties."""

    NAME = "city"
    ENTITY = "LOCATION"
    DESCRIPTION = "cities (GeoNames lexicon; ambiguous names need place context), City, ST lines, counties"
    # Robustness (issue 9): these patterns start only where a word starts, (?<![\w'’.\-])
    # rather than (?<![\w]), so that in one long hyphenated token ("Aaaa-Aaaa-...") every
    # capital after a "-" is not a new start that rescans the rest of the token (quadratic).
    PATTERNS = (
        # "Price, MD 12437", "Eugene GA 93514": any capitalised words right before state + ZIP.
        # The state goes too: in an address line it is part of the address (the ZIP has
        # its own recognizer).
        Rx(
            "city state zip",
            rf"(?<![\w'’.\-])(?P<value>[A-Z][A-Za-z'’.\-]+(?:[ \t][A-Z][A-Za-z'’.\-]+){{0,2}},?[ \t]+{_ST})\.?,?[ \t]+\d{{5}}(?:-\d{{4}})?(?![\w\-])",
            0.85,
            flags=0,
        ),
        # "Atlanta, GA" / "Springfield, Illinois" (the city part is judged against the lexicon)
        Rx(
            "city comma state",
            rf"(?<![\w'’.\-])(?P<value>(?P<city>[A-Z][A-Za-z'’.\-]+(?:[ \t][A-Z][A-Za-z'’.\-]+){{0,2}}),[ \t]*(?:{_ST}\b\.?|{_STATE_NAMES}\b))(?![ \t]*\d)",
            0.8,
            flags=0,
        ),
        Rx("county", r"(?<![\w'’.\-])(?P<value>(?:[A-Z][A-Za-z'’.\-]+[ \t]){1,3}(?:County|Parish|Borough))\b", 0.85, flags=0),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._cities = city_names()
        self._clinical = clinical_terms()
        self._max_words = 4

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        if rx.name == "city state zip":
            value = text[start:end]
            # "Jane Smith, MD 12345" does not occur; but a heading word before the city can
            first = value.split()[0].lower()
            if first in _LEAD_TRIM and len(value.split()) > 1:
                return None
            return rx.score
        if rx.name == "city comma state":
            city = match.group("city")
            # keep the last 1-3 words that form a known city ("seen in Springfield, IL")
            words = city.split()
            for k in range(len(words)):
                cand = " ".join(words[k:]).rstrip(".")
                if cand.lower() in self._cities:
                    return rx.score
            # an unknown town is still a town right after a street line: "220 Main St, Fenwick, ME"
            if re.search(rf"(?:(?i:\b{_SUFFIX})\.?(?:,?[ \t]*{_UNIT})?|(?i:\bbox)[ \t]*\d+),[ \t]*$", text[max(0, match.start() - 40):match.start()]):
                return rx.score
            return None
        if rx.name == "county":
            first = text[start:end].split()[0].lower()
            if first in _LEAD_TRIM:
                return None
        return rx.score

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        text = cased_copy(text, nlp_artifacts)  # capitals are the evidence here; see casing.py
        results = super().analyze(text, entities, nlp_artifacts)
        # "city comma state" must not start mid-phrase: trim to the city words
        fixed = []
        for r in results:
            if r.recognition_metadata.get("pattern_name") == "city comma state":
                value = text[r.start:r.end]
                city, _, _ = value.partition(",")
                words = city.split()
                for k in range(len(words)):
                    cand = " ".join(words[k:]).rstrip(".")
                    if cand.lower() in self._cities:
                        r.start += len(city) - len(city.lstrip()) + city.find(words[k]) if k else 0
                        break
            fixed.append(r)
        if entities and self.ENTITY not in entities:
            return fixed
        return fixed + self._lexicon(text)

    def _lexicon(self, text: str) -> list[RecognizerResult]:
        toks = [(m.start(), m.end()) for m in _CITY_TOKEN.finditer(text)]
        out: list[RecognizerResult] = []
        i = 0
        n = len(toks)
        while i < n:
            s, e = toks[i]
            if not text[s].isupper() and not (
                i > 0 and (text[toks[i - 1][0]:toks[i - 1][1]].lower() in _STRONG_CUES or text[s - 2:s] == ", ")
                and self._lower_ok(text, s)
            ):
                i += 1
                continue
            found = None
            for k in range(min(self._max_words, n - i), 0, -1):
                ks, ke = toks[i + k - 1]
                span = text[s:ke]
                if k > 1 and not re.fullmatch(r"[A-Za-z'’.\-]+(?:[ \t][A-Za-z'’.\-]+)*", span):
                    continue
                key = span.lower()
                flag = self._cities.get(key)
                if flag is None and key.endswith("."):
                    key = key[:-1]
                    ke -= 1
                    flag = self._cities.get(key)
                if flag is None and key.endswith(("'s", "’s")):
                    continue
                if flag is not None:
                    found = (s, ke, flag, k)
                    break
            if found is None:
                i += 1
                continue
            s, ke, flag, k = found
            score = self._judge_city(text, s, ke, flag)
            if score is not None:
                end = ke
                site = re.match(_SITE_AFTER, text[ke:ke + 40]) or re.match(_SITE_AFTER_CAP, text[ke:ke + 40])
                if site:
                    end = ke + site.end()
                start = s
                the = re.search(r"\b[Tt]he[ \t]+$", text[max(0, s - 5):s])
                if the and ("the " + text[s:ke].lower()) in self._cities:
                    start = s - len(the.group(0))
                out.append(self.result(self.ENTITY, start, end, score, "city lexicon"))
            i += k
        return out

    def _lower_ok(self, text: str, s: int) -> bool:
        # lower-case city names only right after a strong cue: "moved to fargo"
        prev = words_before(text, s, 1)
        if re.search(rf"\d[^,\n]{{2,40}}\b(?i:{_SUFFIX})\.?,[ \t]*$", text[max(0, s - 50):s]):
            return True  # "..., 98 52nd rd, spokane"
        return bool(prev) and prev[-1] in _STRONG_CUES

    def _judge_city(self, text: str, s: int, e: int, unambiguous: bool) -> float | None:
        value = text[s:e]
        after = re.findall(r"[a-z]+", text[e:e + 30].lower())[:2]
        if re.match(_SITE_AFTER_CAP, text[e:e + 40]):
            return 0.7
        if after and after[0] in EPONYM_AFTER:
            return None
        if after[:2] in (["coma", "scale"], ["heart", "failure"]):
            return None
        # part of a longer capitalised name we do not know ("Boston Scientific", "Phoenix Dialysis")
        nxt = re.match(r"[ \t]+([A-Z][a-z]+)", text[e:e + 30])
        prev_cap = re.search(r"([A-Z][a-z]+)[ \t]+$", text[max(0, s - 30):s])
        words = value.lower().split()
        clinical = len(words) == 1 and (words[0].rstrip(".") in self._clinical or words[0] in _LEAD_TRIM)
        lower = value.islower()
        caps = value.isupper() and len(value) > 3
        before = words_before(text, s, 2)
        cue = bool(before) and before[-1] in _PLACE_CUES
        strong = bool(before) and (before[-1] in _STRONG_CUES or " ".join(before[-2:]) in ("moved to", "transferred to"))
        state_m = re.match(rf"(,?)[ \t]*(?:{_ST}\b|{_STATE_NAMES}\b)", text[e:e + 30])
        # "FOLEY DC'D", "ADVANCE PA CATHETER": without a comma a state abbreviation after a
        # clinical word, or one glued to an apostrophe, is shorthand
        state_after = state_m is not None and (
            bool(state_m.group(1)) or not (clinical or text[e + state_m.end():e + state_m.end() + 1] in "'’")
        )
        after_street = re.search(rf"(?:(?i:\b{_SUFFIX})\.?(?:[ \t]+\S+)?|(?i:\bbox)[ \t]*\d+),[ \t]*$", text[max(0, s - 30):s]) is not None
        if lower:
            return 0.6 if (unambiguous or after_street) and (strong or after_street) and not clinical else None
        if state_after:
            return 0.85
        if clinical:
            # "380 mL via Foley", "at Addison": a clinical word is a town only after a
            # residence cue ("lives in", "from") or in an address; in capitals ("DIURESIS
            # FROM FOLEY") only in an address
            if after and after[0] in self._clinical and not after_street:
                return None  # "from Foley cath"
            return 0.6 if strong or after_street else None
        if not unambiguous or caps:
            if strong or cue or after_street:
                return 0.6
            return None
        if nxt and nxt.group(1).lower() in _ORG_WORDS:
            return None
        if prev_cap and prev_cap.group(1).lower() in {"dr", "mr", "mrs", "ms"}:
            return 0.6  # a person named like a town is PHI all the same
        return 0.75


# --- facilities ----------------------------------------------------------------------------
_HEAD = (
    r"(?:hospitals?|hosp\.?|medical[ \t]+cent(?:er|re)|med\.?[ \t]+(?:ctr|cent(?:er|re))\.?|medical[ \t]+ctr\.?|health(?:care)?(?:[ \t]+(?:system|center|centre|clinic|services|network|partners))?"
    r"|clinics?|infirmary|hospice|nursing[ \t]+(?:home|facility|center|and[ \t]+rehabilitation[ \t]+center)|skilled[ \t]+nursing[ \t]+facility"
    r"|rehab(?:ilitation)?(?:[ \t]+(?:center|hospital|institute|facility))?|pharmacy|apothecary|drugs?(?:[ \t]+store)?|memorial(?:[ \t]+hospital)?"
    r"|medical[ \t]+group|surg(?:ery|ical)[ \t]+cent(?:er|re)|urgent[ \t]+care|cancer[ \t]+(?:center|institute)|orthopa?edics"
    r"|associates|general(?:[ \t]+hospital)?|med\.?|regional(?:[ \t]+(?:medical[ \t]+center|hospital))?|manor|senior[ \t]+living|assisted[ \t]+living"
    r"|care[ \t]+cent(?:er|re)|home[ \t]+health|dialysis(?:[ \t]+(?:center|unit))?|laborator(?:y|ies)|labs|(?:counseling|wellness|treatment|recovery|birth|infusion|sleep|vein|eye|kidney|spine|pain|women's|family|community)[ \t]+cent(?:er|re)|imaging(?:[ \t]+center)?|radiology|institute"
    r"|family[ \t]+(?:practice|medicine|health[ \t]+center)|internal[ \t]+medicine|pediatrics|physicians|medicine|sanitarium|convalescent[ \t]+(?:home|center)"
    r"|va[ \t]+medical[ \t]+center|vamc|house|lodge|retirement[ \t]+(?:home|community)|behavioral[ \t]+health|psychiatric[ \t]+(?:hospital|center)"
    # practices named by their specialty ("Fairmont Dermatology"), home and visiting care,
    # nursing homes named "X Skilled Nursing and Rehabilitation", "X Gardens"
    r"|dermatology|cardiology|neurology|urology|oncology|gastroenterology|pulmonology|rheumatology|endocrinology"
    r"|ophthalmology|podiatry|bone[ \t]+(?:and|&)[ \t]+joint|foot[ \t]+(?:and|&)[ \t]+ankle|spine[ \t]+(?:and|&)[ \t]+joint"
    r"|visiting[ \t]+nurses?(?:[ \t]+(?:association|service))?|home[ \t]+care|infusion(?:[ \t]+services)?|ambulance(?:[ \t]+service)?"
    r"|skilled[ \t]+nursing(?:[ \t]+(?:and|&)[ \t]+rehabilitation)?|nursing[ \t]+(?:and|&)[ \t]+rehabilitation|gardens"
    r"|senior[ \t]+cent(?:er|re)|(?:medical[ \t]+)?lab"
    # schools, churches and shelters name where a patient can be found
    r"|elementary(?:[ \t]+school)?|middle[ \t]+school|high[ \t]+school|preschool|academy|church|chapel|synagogue|mosque|temple|shelter"
    r"|(?:urology|cardiology|oncology|orthopedic|surgical|medical|physicians|pediatric)[ \t]+group)"
)
# Capitalised words (or "&", "of", "and") leading up to the head word.
# Robustness (issue 9): a lone "-" is no longer a separator between words. The words
# already take hyphens ("Dartmouth-Hitchcock"), and a word-or-separator choice at every
# "-" made "Aaaa-Aaaa-..." take exponential time (300 characters: 51 s).
_FAC = rf"(?<![\w'’.&\-])(?P<value>(?:(?:[A-Z][\w'’.\-]*|&)(?:[ \t]+(?:of|and|the|for|at|on|de|la)[ \t]+|[ \t]*&[ \t]*|[ \t]+)){{1,6}}(?=[A-Z])(?i:{_HEAD}))(?![\w'’])"
# Words that say which department, not which place: "Heart Failure Clinic".
DEPT_WORDS = {
    "heart", "failure", "cardiology", "cardiac", "diabetes", "endocrine", "endocrinology", "wound", "pain", "sleep",
    "memory", "lipid", "transplant", "urgent", "primary", "family", "internal", "medicine", "women's", "womens",
    "anticoagulation", "coumadin", "warfarin", "infusion", "cancer", "oncology", "breast", "fertility", "eye",
    "dental", "skin", "allergy", "asthma", "travel", "walk-in", "student", "employee", "mental", "behavioral",
    "health", "psychiatric", "psychiatry", "rehab", "rehabilitation", "physical", "therapy", "occupational",
    "speech", "orthopedic", "orthopaedic", "spine", "sports", "vascular", "vein", "kidney", "renal", "liver",
    "gi", "lung", "pulmonary", "hiv", "std", "tb", "hepatitis", "neurology", "stroke", "epilepsy", "headache",
    "movement", "disorders", "geriatric", "geriatrics", "pediatric", "pediatrics", "prenatal", "obstetric",
    "ob", "gyn", "ob/gyn", "obgyn", "outpatient", "inpatient", "ambulatory", "emergency", "hospital", "general",
    "surgery", "surgical", "ent", "retina", "glaucoma", "hand", "foot", "podiatry", "rheumatology", "hematology",
    "infectious", "disease", "diseases", "id", "resident", "residents", "teaching", "clinic", "center", "medical",
    "satellite", "main", "the", "our", "a", "an", "this", "that", "your", "my", "his", "her", "their", "same",
    "local", "nearest", "nearby", "outside", "academic", "private",
    "mail-order", "mail", "order", "specialty", "retail", "hospice", "palliative", "care",
    "nursing", "home", "assisted", "living", "skilled", "dialysis", "lab", "laboratory", "radiology", "imaging",
    "pharmacy", "clinical", "pathology", "blood", "bank", "weight", "bariatric", "nutrition",
    "diabetic", "wellness", "preventive", "adult", "child", "children's", "childrens", "newborn",
    "neonatal", "nicu", "picu", "icu", "ccu", "micu", "sicu", "ed", "er", "or", "pacu", "cath", "echo",
    "mri", "ct", "x-ray", "ultrasound", "interventional", "nuclear", "associates", "physicians", "group", "practice", "senior", "va",
    "federal", "tertiary", "trauma", "level", "burn", "acute", "chronic", "long-term", "short-term",
    "subacute", "transitional", "respite", "day", "night", "evening", "weekend", "med", "peds", "gen",
    "surg", "onc", "neuro", "psych", "cards", "pulm", "endo", "derm", "dermatology", "urology",
    "nephrology", "gastroenterology", "hepatology", "immunology", "genetics", "otolaryngology",
    "ophthalmology", "optometry", "audiology", "anesthesia", "anesthesiology", "critical", "intensive",
    "step-down", "stepdown", "telemetry", "observation", "triage", "admissions", "discharge", "new", "old",
    "department", "dept", "division", "section", "service", "services", "unit", "floor", "wing", "program",
    # modifiers of the specialty names that also name practices ("Radiation Oncology")
    "radiation", "gynecologic", "gynecological", "thoracic", "cardiothoracic", "plastic", "reproductive",
    "invasive", "noninvasive", "non-invasive", "structural", "congenital", "molecular", "cosmetic",
    "neuromuscular", "oncologic", "dermatologic", "mohs", "tumor", "hepatobiliary", "electrophysiology",
    "pulmonology", "visiting", "ambulance", "gardens", "developmental", "adolescent", "integrative",
    "functional", "maternal", "fetal", "catholic", "elementary", "preschool", "school", "church", "shelter",
}
# Generic words that, capitalised together before a facility word right after "at" or
# "to", are a hospital's proper name ("General Hospital", "County General").
GENERIC_PROPER = {"general", "memorial", "regional", "community", "county", "city", "university", "central",
                   "children's", "childrens", "state", "veterans", "mercy", "district", "valley", "metropolitan"}


def generic_name_after_cue(text: str, start: int, words: list[str], heads: frozenset[str] = frozenset()) -> bool:
    """"admitted to General Hospital", "transferred to County General": a name made of
    generic words (and the facility ``heads`` given), right after a place cue without an
    article. Shared with the NER recognizer, which judges whole spans."""
    before = words_before(text, start, 1)
    return (
        bool(words) and all(w in GENERIC_PROPER or w in heads for w in words)
        and bool(before) and before[-1] in {"at", "to", "from", "in", "into", "visited"}
    )


# Leading words of a capitalised run that are not part of the facility name.
_LEAD_TRIM = {
    "transfer", "transferred", "from", "to", "at", "admitted", "admit", "seen", "the", "a", "an", "in", "via",
    "by", "per", "with", "and", "or", "of", "called", "call", "pt", "patient", "discharged", "discharge",
    "sent", "send", "records", "record", "request", "requested", "faxed", "fax", "refill", "referred", "refer",
    "referral", "visit", "visited", "went", "go", "going", "arrived", "presented", "presents", "plan", "dispo",
    "disposition", "follow", "follow-up", "f/u", "re", "dear", "please", "our", "your", "my", "his", "her",
    "their", "attending", "pcp", "reason", "history", "course", "resides", "lives", "contact",
    "address", "facility", "location", "site", "ordering", "provider", "report", "lab", "results", "result",
    "note", "notes", "letter", "summary", "date", "on", "for", "this", "that", "is", "was", "also", "then",
    "both", "all", "after", "before", "today", "yesterday", "tomorrow", "recently", "previously", "cc", "from:",
    "to:", "ok", "yes", "no", "hi", "hello", "thanks", "thank", "sincerely", "regards", "when", "if", "he",
    "she", "they", "we", "i", "it", "mr", "mrs", "ms", "dr", "old", "new",
}
# Words after a city that make it part of an organisation name ("Boston Scientific").
_ORG_WORDS = {"scientific", "dynamics", "celtics", "red", "bruins", "marathon", "globe", "herald", "college"}
# Well-known health systems named without a facility word ("seen at Johns Hopkins").
KNOWN_SYSTEMS = (
    "Johns Hopkins", "John Hopkins", "Mayo Clinic", "Mayo", "Cleveland Clinic", "Mass General", "Massachusetts General",
    "MGH", "Brigham", "Brigham and Women's", "BWH", "Beth Israel", "Beth Israel Deaconess", "BIDMC", "Dana-Farber",
    "Dana Farber", "Cedars-Sinai", "Cedars Sinai", "Cedar Sinai", "Cedar-Sinai", "UCSF", "UCLA", "UCSD", "UC Davis", "UC Irvine",
    "Stanford", "Stanford Health", "NYU Langone", "NYU", "Langone", "MD Anderson", "M.D. Anderson", "Memorial Sloan Kettering",
    "Sloan Kettering", "Sloan-Kettering", "MSKCC", "MSK", "Mount Sinai", "Mt. Sinai", "Mt Sinai", "Duke", "Duke Health",
    "Vanderbilt", "VUMC", "Emory", "Northwestern", "Northwestern Medicine", "UPMC", "Baylor", "Baylor Scott & White",
    "Kaiser", "Kaiser Permanente", "Penn Medicine", "Penn Presbyterian", "CHOP", "Yale New Haven", "Yale-New Haven",
    "Montefiore", "NewYork-Presbyterian", "New York-Presbyterian", "NY Presbyterian", "NYP", "Weill Cornell",
    "Columbia Presbyterian", "Michigan Medicine", "Ochsner", "Geisinger", "Intermountain", "Sutter", "Scripps",
    "Hoag", "Jackson Memorial", "Parkland", "Grady", "Bellevue", "Rush", "Loyola", "Barnes-Jewish", "Barnes Jewish",
    "Henry Ford", "Beaumont", "Advocate", "Atrium", "Atrium Health", "Novant", "Sentara", "Inova", "MedStar",
    "ChristianaCare", "Hackensack", "Hackensack Meridian", "Lenox Hill", "Tufts", "Tufts Medical", "Lahey",
    "UW Medicine", "UWMC", "Harborview", "Virginia Mason", "OHSU", "Keck", "LAC+USC", "Houston Methodist",
    "Memorial Hermann", "UT Southwestern", "UTSW", "Texas Children's", "Boston Children's", "Children's Mercy",
    "Nationwide Children's", "Cincinnati Children's", "Lurie", "Lurie Children's", "Seattle Children's", "St. Jude",
    "St Jude", "Shriners", "Walter Reed", "Fred Hutch", "Fred Hutchinson", "City of Hope", "Moffitt", "Roswell Park",
    "Fox Chase", "Huntsman", "Dartmouth-Hitchcock", "Dartmouth Hitchcock", "Lifespan", "MUSC", "UAB", "UNC",
    "UNC Health", "Wake Forest Baptist", "Carilion", "Sanford", "Sanford Health", "Essentia", "Allina", "Fairview",
    "HealthPartners", "Aurora Health", "Froedtert", "Marshfield", "Gundersen", "Spectrum Health", "Corewell",
    "Trinity Health", "Ascension", "CommonSpirit", "Dignity Health", "Tenet", "HCA", "Banner", "Banner Health",
    "HonorHealth", "Presbyterian", "Christus", "Methodist", "Hopkins", "BronxCare", "Jacobi", "Kings County",
    "Elmhurst", "Maimonides", "Cooper", "Einstein", "Jefferson", "Temple University Hospital", "Hershey",
    "Penn State Health", "Cleveland Clinic Florida", "UCHealth", "Denver Health", "Children's Colorado",
    "Sharp", "Sharp Memorial", "Rady Children's", "Loma Linda", "Kaiser Sunnyside", "Legacy Emanuel",
    "Providence St. Vincent", "Swedish Medical", "MultiCare", "PeaceHealth", "Piedmont", "Wellstar",
    "Baptist Health", "AdventHealth", "Orlando Health", "Tampa General", "Mount Sinai Miami", "Jackson Health",
    "UHealth", "Sylvester", "Moffitt Cancer Center", "Brooke Army", "Tripler", "Landstuhl", "Bethesda Naval",
)
KNOWN_AMBIGUOUS = {"duke", "rush", "advocate", "atrium", "sharp", "cooper", "einstein", "jefferson", "temple",
                    "methodist", "presbyterian", "banner", "sutter", "essentia", "tenet", "ascension", "christus",
                    "sylvester", "mayo", "kaiser", "hopkins", "emory", "parkland", "grady", "loyola", "keck",
                    "baylor", "northwestern", "vanderbilt", "stanford", "columbia", "lifespan", "piedmont", "trinity health",
                    "fairview", "sanford", "marshfield", "lurie", "hershey", "beaumont", "elmhurst", "huntsman"}
_KNOWN_RX = r"(?:" + "|".join(re.escape(k) for k in sorted(KNOWN_SYSTEMS, key=len, reverse=True)) + r")"


_CONNECTORS = {"of", "and", "the", "for", "de", "la"}
#: Words that start a sentence after an "ST" rhythm, never a saint's name.
_SENTENCE_WORDS = {"no", "with", "without", "and", "to", "at", "in", "on", "occ", "rare", "bp", "hr", "rate", "the", "pt", "sbp", "freq"}
#: Facility words that also name a routine ("AM LABS", "CON'T REHAB", "PAIN MED"): in a
#: re-cased line their name must hold a word that is not everyday or clinical.
_WEAK_HEADS = {"labs", "lab", "laboratory", "rehab", "rehabilitation", "med", "med.", "medicine", "infusion", "hosp", "hosp.",
               "health", "imaging", "radiology", "house", "lodge"}
#: City and university abbreviations that begin hospital names ("LA General", "UCLA Med Ctr").
CITY_ABBRS = {"LA", "SF", "NY", "NYC", "DC", "KC", "STL", "OKC", "SLC", "ATL", "UW", "UC", "USC", "UCLA", "UCSF", "UCSD", "NYU"}
_HEAD_RX = re.compile(rf"(?i:{_HEAD})")
#: The facility words, for re-casing (casing.py).
FACILITY_HEAD = _HEAD


def _head(value: str) -> re.Match[str] | None:
    """The shortest facility word(s) ending ``value`` ("Memorial Hospital" -> "Hospital")."""
    starts = [m.start() for m in re.finditer(r"\S+", value)]
    for pos in reversed(starts):
        m = _HEAD_RX.fullmatch(value, pos)
        if m:
            return m
    return None


class FacilityRecognizer(RegexRecognizer):
    """Hospitals, clinics, nursing homes, pharmacies and other care sites by name."""

    NAME = "facility"
    ENTITY = "FACILITY"
    DESCRIPTION = "named care facilities (hospital, clinic, nursing home, pharmacy, St. X's, well-known systems)"
    PATTERNS = (
        Rx("facility head word", _FAC, 0.8, flags=0),
        # "the Cancer Center in Boston": a generic facility named by its city
        Rx("facility in city", rf"(?<![\w'’.&\-])(?P<value>(?=[A-Z])(?i:{_HEAD}))(?=[ \t]+in[ \t]+[A-Z])", 0.7, flags=0),
        # St. Mary's, Saint Luke's Regional, Mt. Sinai, Our Lady of Lourdes
        Rx(
            "saint name",
            r"(?<![\w])(?P<value>(?:St\.?|Saint|Ste\.?|Mt\.?|Mount|ST\.?|SAINT|MT\.?|(?i:our[ \t]+lady[ \t]+of))[ \t]+[A-Z][A-Za-z]+(?:[’'][sS]?)?"
            r"(?:[ \t]+(?i:hospital|hosp\.?|medical[ \t]+center|health[ \t]+center|regional|health|clinic|medical|church|school|parish))*)(?![\w'’])",
            0.7,
            flags=0,
        ),
        Rx("known system", rf"(?<![\w\-])(?P<value>{_KNOWN_RX}(?:[ \t]+(?i:med\.?|medical|med[ \t]+ctr\.?|medical[ \t]+center|hospital|health|clinic|medicine|campus|office|cancer[ \t]+center))?)(?![\w\-])", 0.75, flags=0),
        # chain pharmacies with a store number: "Walgreens #2489", "CVS Pharmacy #1234"
        Rx("pharmacy store", r"(?<![\w])(?:walgreens|cvs(?:[ \t]+pharmacy)?|rite[ \t]+aid|walmart(?:[ \t]+pharmacy)?|kroger(?:[ \t]+pharmacy)?|costco(?:[ \t]+pharmacy)?|duane[ \t]+reade)(?:[ \t]*(?:store[ \t]*)?#?[ \t]*\d{2,6})?\b", 0.75),
        # lower-case names after a cue: "sent to lakeside pharmacy", "at sacred heart hospital"
        Rx(
            "facility lower case",
            r"(?<![\w])(?:to|at|from|in)[ \t]+(?P<value>(?:[a-z][a-z'’.\-]+[ \t]+){1,5}(?:hospital|medical[ \t]+center|health[ \t]+center|pharmacy|apothecary|clinic|nursing[ \t]+home|hospice|manor))\b",
            0.6,
            flags=0,
        ),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._clinical = clinical_terms()
        self._cities = city_names()

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        value = text[start:end]
        if rx.name == "saint name":
            if value.split()[0].isupper() and not _HEAD_RX.search(value):
                return None  # "HR 58 ST BP 114/87": sinus tachycardia, not a saint
            name = re.findall(r"[A-Za-z]+", value)[1:2]
            if name and name[0].lower() in _SENTENCE_WORDS and not _HEAD_RX.search(value):
                return None  # "HR 104 ST. NO ECTOPY": sinus tachycardia, then a sentence
            after = re.findall(r"[a-z]+", text[end:end + 20].lower())[:1]
            if after and after[0] in {"wort", "johnswort"}:
                return None  # St. John's wort
            return rx.score
        if rx.name == "pharmacy store" and re.fullmatch(r"(?i:cvs)", value):
            # "CVS: HR 80s", "resp and cvs": the cardiovascular system in a review of systems
            before = words_before(text, start, 1)
            if re.match(r"[ \t]*[:;\-]", text[end:end + 3]) or not before or before[-1] not in {"at", "from", "to", "@", "via", "called", "the"}:
                return None
        if rx.name == "known system":
            first = value.split()[0].lower()
            if value.lower() in KNOWN_AMBIGUOUS or (first in KNOWN_AMBIGUOUS and len(value.split()) == 1):
                before = words_before(text, start, 1)
                if not value[:1].isupper() or not before or before[-1] not in {"at", "to", "from", "in", "@", "with", "by", "via"}:
                    return None
            return rx.score
        if rx.name == "facility in city":
            return rx.score if self._extend_in_city(text, end) > end else None
        if rx.name == "facility lower case":
            words = value.split()
            name = [w for w in words[:-1] if w not in {"medical", "health", "nursing", "of", "and"}]
            if not name or all(w in DEPT_WORDS or w in _LEAD_TRIM or w in self._clinical for w in name):
                return None
            return rx.score
        return rx.score

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        original = text
        text = cased_copy(text, nlp_artifacts)  # capitals are the evidence here; see casing.py
        out = []
        for r in super().analyze(text, entities, nlp_artifacts):
            if r.recognition_metadata.get("pattern_name") == "facility head word":
                trimmed = self._trim(text, r.start, r.end)
                if trimmed is None:
                    continue
                r.start, r.end = trimmed
            if self._routine_phrase(original, r.start, r.end):
                continue
            r.end = self._extend_in_city(text, r.end)
            out.append(r)
        return out

    def _routine_phrase(self, original: str, start: int, end: int) -> bool:
        """"AWAIT AM LABS", "screening for rehab", "propofol infusion": a weak facility word
        after everyday or clinical words, in a line whose case says nothing."""
        value = original[start:end]
        words = re.findall(r"[A-Za-z][A-Za-z'’\-]*\.?", value)
        if not words or words[-1].lower() not in _WEAK_HEADS or not (value.isupper() or value.islower()):
            return False
        common = common_words()
        name = [w.lower().strip(".'’") for w in words[:-1]]
        line_start = original.rfind("\n", 0, start) + 1
        line_end = original.find("\n", end)
        letterhead = not original[line_start:start].strip() and not original[end:line_end if line_end >= 0 else None].strip()
        if len(name) > 3 or letterhead or any(w in self._cities for w in name):
            return False  # a longer name, or a letterhead line that is only the name
        if generic_name_after_cue(original, start, name):
            return False  # "SENT TO COUNTY GENERAL": a generic proper name after a place cue
        return all(w in common or everyday_word(w) or w in DEPT_WORDS or w in _LEAD_TRIM for w in name)

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Drop leading words that are not part of the name ("TRANSFER FROM ..."); reject
        department names ("Heart Failure Clinic") and generic phrases ("the Hospital")."""
        head = _head(text[start:end])
        head_at = start + head.start() if head else end
        # Start after the last word that cannot be part of a name: "TRANSFER FROM X
        # HOSPITAL", "Dr. T. Fox at Holy Cross Health Center".
        for m in re.finditer(r"[^\s&]+", text[start:head_at]):
            w = m.group(0).lower().strip(".,:;")
            if (w in _LEAD_TRIM and w not in _CONNECTORS) or sum(c.isalpha() for c in w) < 2 or m.group(0).endswith("."):
                start_next = start + m.end()
                new_start = re.search(r"\S", text[start_next:head_at])
                if new_start is None:
                    return None
                cut = start_next + new_start.start()
                return self._trim(text, cut, end) if cut > start else None
        if not text[start].isupper():
            return None
        value = text[start:end]
        head = _head(value)
        name_words = re.findall(r"[^\s&]+", value[: head.start()] if head else value)
        if not name_words:
            return None
        if len(name_words) == 1 and name_words[0] in CITY_ABBRS:
            return start, end  # "LA General", "SF General"
        if any(sum(c.isalpha() for c in w) < 2 and w != "&" for w in name_words):
            return None  # "60 Y.O. MEDICAL", "F MED REC": initials and sex markers
        if head and head.group(0).lower().startswith("med") and re.match(r"[ \t]*(?i:rec|record)", text[end:end + 10]):
            return None
        meaningful = [w.lower().strip(".,") for w in name_words if w.lower() not in _CONNECTORS or w in CITY_ABBRS]
        if all(w in DEPT_WORDS or w in self._clinical for w in meaningful):
            # "the Cancer Center in Boston" names a place through its city; "admitted to
            # Memorial Hospital" names one by a generic-sounding proper name
            if self._extend_in_city(text, end) == end and not generic_name_after_cue(text, start, meaningful):
                return None
        # "Surgeon General", "Attorney General"
        if head and head.group(0).lower() in ("general",) and meaningful[-1] in {"surgeon", "attorney", "consul", "inspector", "secretary", "postmaster", "adjutant"}:
            return None
        # "House" and "Lodge" name a place only when someone lives or goes there
        if head and head.group(0).lower() in ("house", "lodge", "gardens", "medicine", "physicians", "associates", "labs", "laboratory", "institute", "radiology", "imaging"):
            before = words_before(text, start, 2)
            if head.group(0).lower() in ("house", "lodge", "gardens") and not (before and before[-1] in {"at", "to", "from", "in"}):
                return None
        return start, end

    def _extend_in_city(self, text: str, end: int) -> int:
        """"Mayo Clinic in Rochester, MN": the place after "in" belongs to the facility."""
        m = re.match(rf"([ \t]+(?:in|at|of)[ \t]+|,[ \t]*|[ \t]+)((?:[A-Z][A-Za-z'’.\-]+[ \t]?){{1,3}})(?:,[ \t]*({_ST}\b|{_STATE_NAMES}\b))?", text[end:end + 60])
        if not m:
            return end
        joined_by_space = not m.group(1).strip()
        place = m.group(2).strip()
        state = m.group(3)
        while place and place.lower() not in self._cities and " " in place:
            place = place.rsplit(" ", 1)[0]  # "Boston on" -> "Boston"
        if not place:
            return end
        if state is None:
            m = re.match(rf"(?:[ \t]+(?:in|at|of)[ \t]+|,[ \t]*|[ \t]+){re.escape(place)}", text[end:end + 60])
            assert m is not None
        if place in _STATE_ABBRS and re.match(r"[ \t]+[A-Z]", text[end:end + 4]):
            return end  # "Clinic NY" without "in" or a comma is not an address
        if joined_by_space:
            # "Children's Hospital Boston" yes; "Hospital Medicine Progress Note" no
            return end + m.end() if self._cities.get(place.lower()) is True and place[:1].isupper() and not place.isupper() or state else end
        if place.lower() in self._cities or place.lower() in us_states() or place in _STATE_ABBRS or state:
            return end + m.end()
        return end


# --- care sites named without a facility word ------------------------------------------------
# Verbs of admission and transfer: the place after them is where care happened.
_TRANSFER_VERBS = (
    r"transfer(?:r?ed)?|trans|tx'?d|xfer(?:r?ed)?|sent|referred|admitted|admit|adm|came|come|arrived|arrival|"
    r"presented|presents|brought|taken|flown|returned|followed|transplant|transported|med[ \t]*flighted|seen|"
    r"hospitalized|treated|evaluated|intubated|cathed|discharged"
)
#: Units inside a hospital that follow a site's name: "GH ER", "X EW", "Y MICU".
_UNIT_AFTER = r"(?:ER|EW|ED|E\.R\.|MICU|CCU|ICU|SICU|CVICU|ICU)"


class CareSiteRecognizer(RegexRecognizer):
    """Hospitals named without a facility word, by their context: after an admission or
    transfer verb ("transferred to X", "admitted from X"), before a hospital unit ("at X
    ER"), or with a floor or unit number after a transfer ("to X 5"). The name must not
    be an everyday, clinical or department word ("transferred to chair", "sent to CT",
    "admitted to MICU"); once found, the same name elsewhere in the note is redacted too."""

    NAME = "care_site"
    ENTITY = "FACILITY"
    DESCRIPTION = "hospitals named by context alone (transfer and admission cues, 'X ER', 'X 5'), and their repeats"
    PATTERNS = (
        Rx("site after transfer verb", rf"\b(?i:{_TRANSFER_VERBS})[ \t]+(?i:back[ \t]+)?(?i:to|from|at|in|into)[ \t]+(?i:the[ \t]+)?(?P<value>[A-Za-z][A-Za-z'’]{{1,24}}\d{{0,2}})(?![\w'’])", 0.7, flags=0),
        # "transplant at Holy Cross": two or three capitalised words in prose
        Rx("site words after transfer verb", rf"\b(?i:{_TRANSFER_VERBS})[ \t]+(?i:back[ \t]+)?(?i:to|from|at|in|into)[ \t]+(?P<value>[A-Z][a-z][A-Za-z'’]*(?:[ \t]+[A-Z][a-z][A-Za-z'’]*){{1,2}})(?![\w'’])", 0.7, flags=0),
        Rx("site before unit", rf"(?<![\w])(?P<value>[A-Za-z][A-Za-z'’]{{1,24}})[ \t]+{_UNIT_AFTER}(?![\w])", 0.7, flags=0),
        Rx("site with unit number", r"\b(?i:transfer(?:r?ed)?|to|from|per|plan:?)[ \t]+(?P<value>[A-Za-z][A-Za-z'’]{2,24})[ \t]+\d{1,2}(?![\w/%:\-]|\.\d)", 0.65, flags=0),
        # "THE CHF TEAM AT GH,", "SEEN BY NRMC NURSE": a hospital's initials after a place cue
        Rx("site initials after cue", r"\b(?i:at|to|from|by)[ \t]+(?P<value>[A-Z]{2,5})(?=[ \t]*[,.;]|[ \t]+(?i:nurse|rn|md|team|staff|er|ew|ed)\b)", 0.6, flags=0),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._ordinary = clinical_terms() | common_words() | DEPT_WORDS | _LEAD_TRIM | _SENTENCE_WORDS
        self._departments = clinical_terms() | DEPT_WORDS | {"and", "of", "the", "labor", "delivery", "intensive"}

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        words = text[start:end].split()
        if rx.name == "site before unit" and not re.search(r"(?i:\b(?:to|at|from|in)[ \t]+|->[ \t]*)$", text[max(0, start - 8):start]):
            return None  # "at X ER" needs its place cue
        if rx.name == "site words after transfer verb":
            # none may be a department or clinical word ("Cath Lab", "Intensive Care")
            return None if any(w.lower() in self._departments for w in words) else rx.score
        return rx.score if self.site_word(words[0].rstrip("0123456789")) else None

    def site_word(self, word: str) -> bool:
        """Can ``word`` alone name a site? Not an everyday, clinical or unit word."""
        key = word.lower().rstrip("'’s") if word.lower().endswith(("'s", "’s")) else word.lower()
        if len(key) < 2 or key in self._ordinary or key.upper() in _STATE_ABBRS:
            return False
        return not key.endswith(("icu", "cu")) and key not in us_states()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return results + self._repeats(text, results)

    def _repeats(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """"will transfer to X 2 or X 3": the other mentions of a site found here."""
        names = {text[r.start:r.end].lower() for r in found if " " not in text[r.start:r.end]}
        taken = {(r.start, r.end) for r in found}
        out = []
        for name in names:
            for m in re.finditer(rf"(?<![\w'’]){re.escape(name)}(?![\w'’])", text, re.I):
                if m.span() not in taken:
                    out.append(self.result(self.ENTITY, m.start(), m.end(), 0.6, "site seen before"))
        return out


# --- workplaces ------------------------------------------------------------------------------
_EMPLOY_VERBS = r"works?|worked|working|employed|employee|drives?|drove|driving|retired|volunteers?|volunteered|job|hired|contractor|manager|owner|teacher|nurse|clerk|cashier|mechanic|driver"


class WorkplaceRecognizer(RegexRecognizer):
    """Employers, companies, stores and agencies named after an employment cue ("works for
    X", "employed at X", "drove for X", "retired from X"). Labelled FACILITY (the place a
    patient can be found) until the schema has an employer type. The name must hold a word
    that is not an everyday or clinical word ("works at home", "works for the state")."""

    NAME = "workplace"
    ENTITY = "FACILITY"
    DESCRIPTION = "employers and workplaces after 'works for/at', 'employed by', 'drove for', 'retired from'"
    PATTERNS = (
        Rx(
            "workplace after employment cue",
            rf"\b(?i:{_EMPLOY_VERBS})(?:[ \t]+(?i:as[ \t]+an?[ \t]+[a-z]+(?:[ \t]+[a-z]+)?))?[ \t]+(?i:for|at|with|from|by)[ \t]+(?i:the[ \t]+)?"
            r"(?P<value>[A-Za-z0-9][\w'’&.\-]*(?:(?<![.,;:])[ \t]+(?:&|and|of|[A-Za-z0-9][\w'’&.\-]*)){0,3})",
            0.7,
            flags=0,
        ),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._ordinary = clinical_terms() | common_words() | DEPT_WORDS | _LEAD_TRIM

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        return rx.score if self.name_end(text, start, end) == end else None

    def name_end(self, text: str, start: int, end: int) -> int:
        """Where the employer's name ends: capitalised words in prose; in a caseless line,
        up to the first everyday word. Returns ``start`` when there is no name."""
        value = text[start:end]
        caseless = value.isupper() or value.islower() or text[max(0, start - 30):start].isupper()
        last = start
        named = False
        capitals = 0
        for m in re.finditer(r"[^\s]+", value):
            word = m.group().rstrip(".,;:")
            key = word.lower().strip("'’")
            if key in ("&", "and", "of") and last > start:
                continue
            if (not caseless and not word[:1].isupper() and not word[:1].isdigit()) or (caseless and key in self._ordinary and not named):
                break
            if caseless and key in self._ordinary:
                break
            named = named or key not in self._ordinary
            capitals += not caseless and word[:1].isupper()
            last = start + m.start() + len(word)
        return last if named or capitals >= 2 else start

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        out = []
        for rx, pattern in self._compiled:
            for m in pattern.finditer(text):
                start = m.start("value")
                end = self.name_end(text, start, m.end("value"))
                if end > start:
                    out.append(self.result(self.ENTITY, start, end, rx.score, rx.name))
        return out
