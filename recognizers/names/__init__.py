"""Person names (patients, relatives, clinicians) from Census lexicons and context.

spaCy NER misses names in upper-case and lower-case notes, single first names, header
forms ("LAST, FIRST M.") and signatures, and it mistakes eponyms for people. Two
recognizers share one tokenizer and one set of word classes:

* ``name_context``: a name introduced by its context - a title ("Dr.", "Mrs"), a role
  ("daughter", "pt", "seen by", "Caller:"), a credential after it (", RN"), a signature
  line, or the "LAST, FIRST M." header form.
* ``name_lexicon``: a name recognised by the Census lists alone - first name plus surname
  or initial, initial plus surname, or a capitalised name that is not also a word.

Each word of a note is classed once: a *name* (in a Census list and not a common English
or clinical word: "Patel", "Kathleen"), a *word-name* (in a Census list but also a word:
"Hope", "Will", "Brown"), *unknown* (in no list: "Ikaika", perhaps a name), or a *word*.
Word-names need context; capitalisation is only evidence in mixed-case lines, because
upper-case and lower-case notes carry none.

The package, in reading order: ``words`` (cue words and patterns), ``tokens`` (the
classed words of a note), ``scanner`` and ``predicates`` (context tests), ``context`` and
``lexicon`` (the rules of each recognizer), ``recognizers`` (the Presidio classes). The
word classes themselves live in :mod:`redactphi.wordclass`, shared with re-casing.
"""

from redactphi.recognizers.names.recognizers import (
    NameContextRecognizer,
    NameLexiconRecognizer,
    Scanner,
    is_brand_doctor,
    scan,
)
from redactphi.recognizers.names.tokens import Hit, Tok, classify_span, tokenize
from redactphi.recognizers.names.words import CREDENTIALS, EPONYM_NOUNS, FAMILY, PERSON_CUES, TITLES, WEAK_CUES

from redactphi.wordclass import NAME, UNKNOWN, WORD, WORDNAME, everyday_word, is_technical

__all__ = [
    "CREDENTIALS",
    "EPONYM_NOUNS",
    "FAMILY",
    "NAME",
    "PERSON_CUES",
    "TITLES",
    "UNKNOWN",
    "WEAK_CUES",
    "WORD",
    "WORDNAME",
    "Hit",
    "NameContextRecognizer",
    "NameLexiconRecognizer",
    "Scanner",
    "Tok",
    "classify_span",
    "everyday_word",
    "is_brand_doctor",
    "is_technical",
    "scan",
    "tokenize",
]
