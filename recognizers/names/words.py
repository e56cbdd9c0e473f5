"""Vocabulary and patterns the name rules share: cue words (from redactphi.vocabulary,
the one place they are kept) and the regular expressions of the context rules."""

from __future__ import annotations

import re

from redactphi import vocabulary

#: Redact "Dr." / "Mrs." together with the name ("[NAME]" rather than "Dr. [NAME]").
#: Titles are not PHI, but annotators of real corpora often mark them as part of the name,
#: and a leftover "Mrs." next to a placeholder says little. Recall first.
TITLE_IN_SPAN = True

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

TITLES = vocabulary.TITLES
# Role and family words after which a capitalised word is taken as a name.
FAMILY = vocabulary.FAMILY
# Words that introduce a person (patient, clinician, caller) when followed by a name.
PERSON_CUES = vocabulary.PERSON_CUES
# Verbs and prepositions that often precede a name ("seen by", "per", "spoke with"):
# weaker, so only capitalised words count after them.
WEAK_CUES = vocabulary.WEAK_PERSON_CUES
CREDENTIALS = vocabulary.CREDENTIAL_PATTERN
# Whitespace and comma before a credential. Written so that no run of whitespace can be
# split two ways ("\s*,?\s*" backtracks cubically over a long run of spaces), and a match
# only starts where a run starts, so a run is scanned once: linear on any input.
_CREDENTIAL_AFTER = re.compile(rf"(?<![\s,])(?:\s*,\s*|\s+){CREDENTIALS}\b\.?", re.I)
_NAME_SUFFIX = frozenset("jr sr ii iii iv".split())
# Never part of a name even when a Census list has them ("Will", "May" are handled as
# word-names; these are structural words, labels and abbreviations).
_NEVER = vocabulary.NOT_NAME_WORDS
# Words that follow a role word in capitals ("SISTER HAS CALLED", "SON/DAUGHTER BOTH
# CALLED", "DAUGHTER BROUGHT ALL"): the Census lists hold them as surnames, but after a
# relative they are the verb or determiner of the sentence, not the relative's name.
_ROLE_FOLLOWERS = frozenset(
    """has had have having is was were are been be being both all other others left given gave
    brought bring came come went go going called calls call visited visiting aware updated
    present here there also still very well not just only now then again re regarding about
    spoke speaks states stated said says feels felt wants wanted asked asking agrees agreed
    understands understood stayed stay staying lives lived works worked arrived returned russian
    spanish english alert notified informed""".split()
)
# Month and day names: word-names ("Caller: June (sister)" is a person, "in June" is not).
_CALENDAR = vocabulary.CALENDAR_WORDS
# Lower-case particles inside a surname ("de la Cruz", "van der Berg").
_PARTICLES = frozenset("de la del della di da van von der den le du dos das st".split())
# Brands named after a doctor: "Dr. Scholl's inserts" is a product, not a person.
_BRAND_DOCTORS = frozenset("scholl scholls reddy reddys bronner bronners".split())
_PERSON_AFTER_POSSESSIVE = frozenset(
    "note notes office clinic team patient patients service nurse assistant orders plan care "
    "recommendation recommendations practice partner partners letter".split()
)
# Words that make a capitalised phrase an institution, not a person ("Grace Hospital").
_NOT_A_PERSON = vocabulary.NOT_A_PERSON_WORDS
# Words right after a capitalised word that make it an eponym, not a person ("Chaddock
# reflex", "Marfan syndrome", "Hodgkin's lymphoma"), unless a title says otherwise.
EPONYM_NOUNS = vocabulary.EPONYM_NOUNS



_ROLE_WORDS = "|".join(sorted(FAMILY | {"rn", "np", "pa", "md", "nurse", "self", "hcp", "poa", "caregiver"}, key=len, reverse=True))
_ROLE_IN_BRACKETS = re.compile(rf"(?<![ \t])[ \t]*\((?:charge |primary |night |day |the |pt'?s |patient'?s |his |her )?(?:{_ROLE_WORDS})\b[^)\n]{{0,20}}\)", re.I)
_NAME_IN_BRACKETS = re.compile(r"\b([A-Za-z]+)[ \t]*\((\w)[^)\n]{0,30}\)")


# Gaps between words, written without two adjacent optional runs of the same characters
# ("[ \t]*,?[ \t]*"): a failing match over a long run of spaces would backtrack
# quadratically.
_CUE_GAP = re.compile(r"[ \t]*(?:[:,(\-][ \t]*)?(?:\n[ \t]*)?")
_SIGN_LEAD = re.compile(r"[ \t]*(?:-{1,2}|—|–|~)[ \t]*")
_SIGN_OFF_GAP = re.compile(r"[ \t]*(?:[,!.][ \t]*(?:\n[ \t]*){0,3}|(?:\n[ \t]*){1,3})")


_ROOM_LIST_LINE = re.compile(
    r"(?im)^[ \t]*(?:rm|room|bed|bd)\.?[ \t]*#?[ \t]*\d{1,4}[a-z]?[ \t]*[\-–:][ \t]*"
    r"(?P<name>[A-Za-z][A-Za-z'’\-]*(?:,?[ \t]+[A-Za-z][A-Za-z'’\-]*\.?){0,3})[ \t]*[\-–,][ \t]*\d{1,3}[ \t]?(?:y/?o[ \t]?)?[mf]\b"
)
# The same list without a room word: "3) 412B Quarles, Bertram 71F ...": an item number, a
# room number, "LAST, FIRST" and an age with sex (room_list_hits: in lower case, no word of
# the name may be an everyday word: "10 mg, then 5 m" is a dose).
_NUMBERED_ROOM_LINE = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[.)][ \t]*)?\d{2,4}[A-Za-z]?[ \t]+"
    r"(?P<name>[A-Za-z][A-Za-z'’\-]*,[ \t]*[A-Za-z][A-Za-z'’\-]*(?:[ \t]+[A-Za-z]\.?)?)[ \t]+\d{1,3}[ \t]?[MFmf]\b"
)
_NOT_A_LISTED_NAME = frozenset({"pt", "patient", "unknown", "empty", "vacant", "closed", "blocked", "dirty", "clean"})
# "AP/ls", "JS/mk/ab" alone on a line: dictation and transcription initials.
_INITIALS_LINE = re.compile(r"^[ \t]*([A-Za-z]{2,4})[ \t]*/[ \t]*([A-Za-z]{2,4})(?:[ \t]*/[ \t]*([A-Za-z]{2,4}))?[ \t]*$", re.M)
_DICTATION_STAMP = re.compile(r"(?:^|\n)[ \t]*(?:D|T|DD|DT|TD)[ \t]*:[ \t]*\d|\bdictated\b|\btranscribed\b|\bjob[ \t]*(?:#|no\b)", re.I)
# Clinical pairs written with a slash that can stand alone on a line.
_SLASH_ABBREVIATIONS = frozenset(
    "pt/ot ot/pt gi/gu gu/gi ob/gyn heent/neck sob/doe cp/sob bid/tid prn/sched ekg/ecg cxr/ct "
    "ct/mri mri/ct icu/ccu hr/bp bp/hr iv/po po/iv rn/md md/rn ed/er er/ed pcp/np cbc/bmp bmp/cbc "
    "pta/pt dnr/dni dni/dnr avss/nad".split()
)
# Labels that may follow a name in the same header field ("JANE ROE DOB 1/2/50").
_FIELD_LABELS = frozenset("dob mrn mr med rec unit acct age sex room rm bed dos date ssn phone tel".split())
_NAME_FIELD_END = re.compile(r"[ \t]*(?:[,;(\n]|$)|[ \t]{2,}")
# The subjective line of a SOAP note: its first word is the patient's name or "pt".
_SUBJECTIVE_LABEL = re.compile(r"(?:^|\n)[ \t]*(?:S|SUBJECTIVE|CC|HPI)[ \t]*:[ \t]*\Z", re.I)
# What follows "FRANK L." when it names someone: a clause boundary or a verb of the note.
_APPOSITION_END = re.compile(
    r"[ \t]*(?:[,;)\n]|$)|[ \t]+(?:from|who|was|is|has|had|with|seen|at|in|residing|presented|admitted|reports|states)\b",
    re.I,
)
_FAMILY_WORDS = "|".join(sorted(FAMILY, key=len, reverse=True))
_ROLE_IN_COMMAS = re.compile(
    rf"(?<![ \t]),[ \t]*(?:the |his |her |pt'?s |patient'?s )?(?:{_FAMILY_WORDS})\b(?=[ \t]*(?:[,;)]|$|\n))",
    re.I,
)
# An age or record label after a name on a header line.
_HEADER_TAIL = (
    r"(?:\d{1,3}[ \t]{0,3}(?:-?[ \t]{0,3}(?:years?|yrs?)[- ]old|y/?o\b|y\.o\.|yrs?\b|[mf]\b)|aged?[ \t]+\d|\(?[ \t]?"
    r"(?:mrn|mr[ \t]*#|mr\b|med(?:ical)?[ \t]+rec|unit[ \t]*(?:#|no\b|number)|hosp(?:ital)?[ \t]*#|dob\b|d\.o\.b))"
)
_HEADER_LINE = re.compile(
    rf"^[ \t]*([^\W\d_][^\W\d_'’\-]*(?:(?:,[ \t]?|[ \t]|\.[ \t]?|['’\-])[^\W\d_]+){{1,5}}\.?)(?:[ \t]{{0,3}},)?[ \t]{{1,8}}{_HEADER_TAIL}",
    re.I | re.M,
)
# "From: Ada Okoro <ada@example.org>" (also To, Cc, Reply-To, Sender).
_MAIL_DISPLAY_NAME = re.compile(
    r"^[ \t]*(?:from|to|cc|bcc|reply-to|sender)[ \t]*:[ \t]*\"?([^\W\d_]+(?:\.?[ \t][^\W\d_]+\.?){0,3})\"?[ \t]*<[^>\n@]{1,64}@",
    re.I | re.M,
)
_AGE_APPOSITION = re.compile(r"(?<![\s,]),[ \t]*an?[ \t]+\d{1,3}[ \t]*-?[ \t]*(?:(?:years?|yrs?|y)[- ]?old|yo\b|y/o|y\.o\.)", re.I)
_AGE_PREDICATE = re.compile(
    r"(?<=\S)[ \t]+(?:is|was|turned|turns)[ \t]+(?:an?[ \t]+)?\d{1,3}[ \t\-]?"
    r"(?:(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)[ \t\-]old\b|y/o|yo\b|y\.o\.)",
    re.I,
)
# "..., A 53-YO FEMALE": the person noun after an age; with it, even a first name that is
# also a word, in a note without capitals, is the person described ("GRACE, A 53-YO ...").
_PERSON_NOUN_AFTER = re.compile(r"[ \t]*(?:man|woman|male|female|boy|girl|gentleman|lady|m|f|pt|patient)\b", re.I)
# 'WHO GOES BY "BILL"', "prefers to be called Peggy", 'her nickname is "Bee"', "given name
# Anwen": the name a patient answers to, or another name of theirs.
_GOES_BY = re.compile(
    r"\b(?:(?:goes|going|went)\s+by|prefers\s+to\s+be\s+called|(?:is\s+)?known\s+as|nicknamed|a\.?k\.?a\.?"
    r"|(?P<label>(?:nick[\s\-]?|preferred\s+|given\s+|legal\s+|birth\s+|school\s+|middle\s+)name(?:\s+is|\s*:)?))\s+"
    r"(?P<quote>[\"“'‘])?(?P<nick>[A-Za-z][A-Za-z'’\-]{1,20})[\"”'’]?(?=[\s,.;)]|$)",
    re.I,
)
_QUOTED_WORD = re.compile(r"\(?[\"“']([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[\"”']\)?")
_INITIALS_AFTER = re.compile(r"(?:,?[ \t]*[A-Za-z][A-Za-z\-/]{1,8}\.?)?[ \t]*\(([A-Z]{2,3})\)")
# The end of a message: end of text, a blank line, or a bracketed system line.
_MESSAGE_END = re.compile(r"[ \t]*(?:$|\n[ \t]*(?:\n|$|\[))")
# A record label after a word: "UNIT #", "UNIT NO. 4".
_LABEL_AFTER = re.compile(r"[ \t]*(?:#|no\b\.?|number\b|num\b)", re.I)
_ARTICLES = frozenset("a an the this that these those his her their our my your its no any some every each".split())
_DOTTED_ABBREVIATIONS = frozenset("am pm ie eg npo prn bid tid qid qd qod qhs hs po pr iv im sq ok us uk dc".split())

# physical therapy, "DO" the verb): only after a comma.
_AMBIGUOUS_CREDENTIALS = vocabulary.AMBIGUOUS_CREDENTIALS


def _credential_ok(m: re.Match[str]) -> bool:
    if not m.group()[:1].isspace() and not m.group().lstrip().startswith(","):
        return False
    written = m.group().strip(" \t\r\n,.")
    cred = written.lower().replace(".", "")
    if cred == "pt" and (not written.isupper() or re.match(r"[ \t]*[A-Za-z(]", m.string[m.end() : m.end() + 3])):
        return False  # "BP, pt is hypotensive", "RESP CARE  Pt remained": the patient, not a therapist
    if m.string[m.end() : m.end() + 2] in ("'s", "’s"):
        return False  # "BP. MD's talking with family": the doctors, not a signature
    return "," in m.group() or cred not in _AMBIGUOUS_CREDENTIALS


# Verbs that make the capitalised word before them the subject of a sentence about a person.
_VERBISH = frozenset(
    "reports reported states stated denies denied says said feels felt presents presented returns "
    "returned endorses endorsed complains complained notes noted tolerated tolerating slept ambulated "
    "agrees agreed declines declined understands verbalized verbalizes called calls".split()
)

CRED_WORDS = vocabulary.CREDENTIAL_WORDS


