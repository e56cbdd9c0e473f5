"""The learned PHI tagger: shipped model, loading, what it catches and what it keeps.

Sentences are our own, in nursing-note style; the names and places in them are invented
words that no lexicon of ours knows (checked below), so only context and shape can find
them. Failures show offsets and fingerprints, never the sentences.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import check_caught, check_kept, fingerprint
from presidio_analyzer import RecognizerResult
from redactphi.recognizers.base import PATTERN_KEY
from redactphi.recognizers.tagger import (
    VETO_BELOW,
    WEAK_EVIDENCE,
    PhiTaggerRecognizer,
    tagger_disagrees,
    tagger_results,
    weak_evidence,
)

from redactphi.errors import ModelNotInstalledError
from redactphi.lexicons import census_first_names, census_last_names, city_names, clinical_terms
from redactphi.tagger import (
    FEATURES_VERSION,
    MODEL_FILE,
    PROVENANCE_FILE,
    TokenPhi,
    default_model_dir,
    load_model,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[1]
SURROGATE_WORDS = ROOT.parent / "shared" / "corpora" / "physionet-dev-surrogate-words.txt"


@pytest.fixture(scope="module")
def model():
    return load_model()


def spans_of(model, text: str) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in tagger_results(text, model) if r.score >= 0.35]


# --- the shipped model ------------------------------------------------------------------


def test_model_ships_as_package_data():
    import redactphi

    folder = default_model_dir()
    assert folder.is_relative_to(Path(redactphi.__file__).parent)
    assert (folder / MODEL_FILE).is_file()
    assert (folder / MODEL_FILE).stat().st_size < 5 * 1024 * 1024, "the model must stay small (a few MB)"


def test_provenance_names_data_seed_config_and_figures():
    prov = json.loads((default_model_dir() / PROVENANCE_FILE).read_text())
    assert prov["features_version"] == FEATURES_VERSION
    assert isinstance(prov["seed"], int)
    assert prov["config_file"] == "benchmarks/tagger/crf.toml"
    assert (ROOT / prov["config_file"]).is_file()
    for source in ("physionet_dev", "handwritten", "synthetic"):
        assert source in prov["training_data"]
    assert "Faker" in prov["augmentation"]["values"]["names"]
    assert prov["git_commit"]
    assert "folds3-4_as_written" in prov["cv"]["physionet"], "PROVENANCE.json should record the CV figures"


def test_model_is_loaded_once_per_process(model):
    assert load_model() is model
    assert load_model(default_model_dir()) is model


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelNotInstalledError) as err:
        load_model(tmp_path)
    message = str(err.value)
    assert "phi_tagger" in message and "reinstall" in message


def test_recognizer_needs_its_model_unless_disabled(tmp_path):
    from redactphi.config import Config

    with pytest.raises(ModelNotInstalledError):
        PhiTaggerRecognizer(Config(), model_dir=tmp_path)
    rec = PhiTaggerRecognizer(Config(disabled_recognizers=("phi_tagger",)), model_dir=tmp_path)
    assert rec.analyze("seen by dr quellin", []) == []


def test_engine_discovers_the_tagger_in_rules_mode():
    from redactphi.config import Config
    from redactphi.pipeline.engine import build_recognizers

    names = {r.name for r in build_recognizers(Config(engine="rules"))}
    assert "phi_tagger" in names


# --- no corpus word in the model ------------------------------------------------------


def _model_strings() -> set[str]:
    """Every word-like piece of every feature string the model stores."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(default_model_dir() / MODEL_FILE))
    info = tagger.info()
    words: set[str] = set()
    for attr, _label in info.state_features:
        words.update(re.findall(r"[^\W\d_]+", attr.split("=", 1)[-1].lower()))
    return words


@pytest.mark.skipif(not SURROGATE_WORDS.is_file(), reason="../shared is not present")
def test_model_holds_no_corpus_surrogate_word():
    banned = {w.strip().lower() for w in SURROGATE_WORDS.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")}
    assert len(banned) > 10
    stored = _model_strings()
    assert len(stored) > 1000
    leaked = sorted(stored & banned)
    if leaked:
        pytest.fail(f"{len(leaked)} corpus surrogate words stored in the model, e.g. {fingerprint(leaked[0])}", pytrace=False)
    raw = (default_model_dir() / MODEL_FILE).read_bytes().lower() + (default_model_dir() / PROVENANCE_FILE).read_bytes().lower()
    for word in banned:
        if len(word) >= 5 and re.search(rb"(?<![a-z])" + re.escape(word.encode()) + rb"(?![a-z])", raw):
            pytest.fail(f"corpus surrogate word {fingerprint(word)} appears in the model files", pytrace=False)


# --- what it catches without a lexicon hit --------------------------------------------

INVENTED = ("varnoth", "quellin", "ilvana", "tobrin", "kelbrook", "ostrevy", "brenhold", "wexcombe", "farrowdale")


def test_invented_words_have_no_lexicon_hit():
    lex = census_first_names() | census_last_names() | set(city_names()) | clinical_terms()
    for w in INVENTED:
        assert w not in lex, fingerprint(w)


CATCH = [
    ("PT SEEN BY DR. VARNOTH THIS AM, AWARE OF K 3.2, WILL REPLETE.", ["VARNOTH"]),
    ("Pt seen by Dr Quellin at 0900, plan to wean vent.", ["Quellin"]),
    ("dtr ilvana called for update, questions answered.", ["ilvana"]),
    ("HUSBAND TOBRIN AT BEDSIDE MOST OF SHIFT, SUPPORTIVE.", ["TOBRIN"]),
    ("Pt transferred from Kelbrook Hospital via med flight for cath.", ["Kelbrook"]),
    ("PT WAS AT WEXCOMBE ER ON 3/14 WITH CP, TX HERE.", ["3/14"]),
    ("Lives in Farrowdale with wife, retired machinist.", ["Farrowdale"]),
    ("s/p CABG 6/97, PPM placed 11/02.", ["6/97", "11/02"]),
    ("DR. OSTREVY PAGED RE: LOW UO, NO NEW ORDERS.", ["OSTREVY"]),
    ("son brenhold will call back tonight, wants update", ["brenhold"]),
]


@pytest.mark.parametrize("text,values", CATCH, ids=[f"catch{i}" for i in range(len(CATCH))])
def test_catches_context_and_shape(model, text, values):
    spans = spans_of(model, text)
    for v in values:
        check_caught(text, spans, v)


# What the tagger still misses (locations are its weakest class in cross-validation);
# strict, so this fails - and should move up to CATCH - once a model catches it.
KNOWN_MISSES = [
    ("PT WAS AT WEXCOMBE ER ON 3/14 WITH CP, TX HERE.", "WEXCOMBE"),
]


@pytest.mark.xfail(strict=True, reason="an unknown hospital name before 'ER' in upper case: LOCATION recall is low")
@pytest.mark.parametrize("text,value", KNOWN_MISSES, ids=[f"miss{i}" for i in range(len(KNOWN_MISSES))])
def test_known_misses(model, text, value):
    check_caught(text, spans_of(model, text), value)


KEEP = [
    ("FOLEY DRAINING CLEAR YELLOW URINE, LEVO WEANED OFF AT 0400.", ["FOLEY", "LEVO", "CLEAR", "YELLOW"]),
    ("NEURO: MAE, FOLLOWS COMMANDS, PERRLA. CONT TO MONITOR.", ["MAE", "FOLLOWS", "PERRLA", "CONT"]),
    ("Propofol at 20 mcg/kg/min, fentanyl 50 mcg/hr, RASS -1.", ["Propofol", "fentanyl", "RASS"]),
    ("Vent: PS 10/5, FiO2 40%, strength 5/5 in all extremities.", ["PS", "FiO2", "strength"]),
    ("PLAN: CONT ABX, REPEAT LYTES IN AM, SEE CAREVUE FOR VS.", ["PLAN", "ABX", "LYTES"]),
    ("Pt is a 67 yo man with CHF and COPD, EF 25%.", ["CHF", "COPD", "EF"]),
]


@pytest.mark.parametrize("text,values", KEEP, ids=[f"keep{i}" for i in range(len(KEEP))])
def test_keeps_clinical_words(model, text, values):
    spans = spans_of(model, text)
    for v in values:
        check_kept(text, spans, v)


def test_tokens_split_where_a_reader_would():
    toks = [t.text for line in tokenize("DR.VARNOTH on7/6\nx45") for t in line]
    assert toks == ["DR", ".", "VARNOTH", "on", "7", "/", "6", "x", "45"]
    assert len(tokenize("a\nb\n\nc")) == 3


@pytest.mark.slow
def test_wheel_carries_the_model(tmp_path):
    import subprocess
    import sys
    import zipfile

    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("redactphi-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for f in (MODEL_FILE, PROVENANCE_FILE):
        assert f"redactphi/models/phi_tagger/{f}" in names
    assert "redactphi/recognizers/tagger.py" in names


# --- surrogate augmentation (training only; pure parts need no Faker) ------------------


def test_fresh_values_keep_the_shape():
    import random

    from redactphi.bench.augment import fresh_date, fresh_value
    from redactphi.bench.gold import GoldSpan

    rng = random.Random(3)
    for value in ("(617) 555-0142", "MRN 00-4471-2", "ab12-CD"):
        new = fresh_value(GoldSpan(0, len(value), "PHONE_NUMBER", value), rng)
        assert len(new) == len(value)
        assert [c.isdigit() for c in new] == [c.isdigit() for c in value]
        assert [c for c in new if not c.isalnum()] == [c for c in value if not c.isalnum()]
    for value, layout in (("3/14", r"\d{1,2}/\d{1,2}"), ("03/04/2021", r"\d{2}/\d{2}/\d{4}"),
                          ("Sept. 3, 2009", r"[A-Z][a-z]{2}\. \d{1,2}, \d{4}"), ("21st", r"\d{1,2}(st|nd|rd|th)")):
        for _ in range(20):
            assert re.fullmatch(layout, fresh_date(value, rng)), fingerprint(value)


@pytest.mark.xfail(strict=True, reason="a two-digit day or month without a leading zero ('03/14') may come out one "
                   "digit wide; fixing it changes the training data, so it goes with the next retrain")
def test_fresh_date_keeps_two_digit_width():
    import random

    from redactphi.bench.augment import fresh_date

    rng = random.Random(3)
    for _ in range(40):
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", fresh_date("03/14/2021", rng))


def test_resample_rebuilds_offsets():
    import random

    from redactphi.bench.augment import resample
    from redactphi.bench.gold import GoldNote, GoldSpan

    text = "Seen 3/14, call 555-0142 or 555-0199 x45."
    spans = tuple(GoldSpan(s, s + len(v), t, v) for v, t in (("3/14", "DATE"), ("555-0142", "PHONE_NUMBER"), ("555-0199 x45", "PHONE_NUMBER"))
                  for s in [text.index(v)])
    new = resample(GoldNote("n", text, spans), random.Random(5), 0)
    assert len(new.spans) == 3
    for s in new.spans:
        assert new.text[s.start:s.end] == s.text
    assert new.text.startswith("Seen ") and new.text.endswith(".")


# The veto applied to every tagger span (judge_span), tested without the model: a span,
# its label and the model's probability in, a redaction or None out. Sentences are ours.
_DECISION = {"common_word_min_prob": 0.9}
VETO_CASES = [
    # (id, text, value, label, prob, kept?)
    ("state-alone", "Her son flew back to Oregon last night.", "Oregon", "LOC", 0.95, True),
    ("state-one-letter-off", "She thought she was in Conecticut again.", "Conecticut", "LOC", 0.8, True),
    ("state-before-facility-word", "Discharged to Vermont Rehab on Friday.", "Vermont", "LOC", 0.8, False),
    ("state-before-zip", "Home: 12 Elm Row, Dunmore, Ohio 44907.", "Ohio", "LOC", 0.8, False),
    ("typo-of-everyday-word", "thick secretions, occasionaly bloody.", "occasionaly", "NAME", 0.7, True),
    ("typo-shaped-name-capitalised-mid-sentence", "Spoke with Mariel about the plan.", "Mariel", "NAME", 0.7, False),
    ("acronym-in-mixed-case-line", "Sodium low, likely from SIADH per the renal team.", "SIADH", "NAME", 0.7, True),
    ("lower-case-drug-in-mixed-case-line", "Allergy list reviewed with the team: ceflaxor only.", "ceflaxor", "NAME", 0.7, True),
    ("upper-case-name-in-upper-case-line", "SPOKE WITH SON KWAME ABOUT THE PLAN.", "KWAME", "NAME", 0.7, False),
    # a word that is also a surname is left to the model in capitals (recall first)
    ("surname-word-in-upper-case-line", "SPOKE WITH DAUGHTER ROSE LONG AT 1400.", "LONG", "NAME", 0.7, False),
    ("surname-word-capitalised-mid-sentence", "Daughter Hope Long called twice.", "Long", "NAME", 0.7, False),
    # facility names are made of everyday words; departments are not places
    ("everyday-words-before-facility-word", "TAKEN TO BRIGHT OAKS HOSPITAL WHERE ECG WAS DONE.", "BRIGHT OAKS", "LOC", 0.6, False),
    ("capitalised-words-mid-sentence", "He had his valve done at Sparrow Glen years ago.", "Sparrow Glen", "LOC", 0.6, False),
    ("saint-title", "Will transfer to St. Brigid's in the morning.", "St. Brigid's", "LOC", 0.6, False),
    ("department-with-facility-word", "Seen in the Cancer Center today for a port check.", "Cancer Center", "LOC", 0.6, True),
    ("generic-phrase-with-facility-word", "SENT TO COUNTY GENERAL BY EMS.", "COUNTY GENERAL BY EMS", "LOC", 0.6, True),
    # rarer dictionary words in no name list are words, not names
    ("rare-dictionary-word", "Skin over the sacrum intact, heels boggy.", "sacrum", "NAME", 0.7, True),
    ("rare-dictionary-word-in-capitals", "BP LABILE WITH TURNS, NEEDS CLOSE WATCH.", "LABILE", "NAME", 0.7, True),
    ("eponym-before-clinical-noun", "Is the Quenby reflex still taught?", "Quenby", "LOC", 0.6, True),
    ("place-before-unit", "Transferred from Quenby unit overnight.", "Quenby", "LOC", 0.6, False),
    # a date must be written like one
    ("blood-gas-is-no-date", "Gas on rounds 7.31-48-77-24, vent unchanged.", "7.31-48-77-24", "DATE", 0.8, True),
    ("decimals-are-no-date", "Serial hct 29.1- 28.4 today.", "29.1- 28.4", "DATE", 0.8, True),
    ("setting-with-units-is-no-date", "Pressure support cut to 12cmH20 overnight.", "12cmH20", "DATE", 0.8, True),
    ("letters-glued-to-numbers", "Vent mode ACx16, tolerating well.", "ACx16", "DATE", 0.8, True),
    ("word-between-date-and-month", "Flu shot given 10/02 lot on MAR.", "10/02 lot on MAR", "DATE", 0.8, False),
    ("day-first-without-year", "Drain flushed, ratio 23/4 today.", "23/4", "DATE", 0.8, True),
    ("pain-score", "Complained of chest pain 7/10 at rest.", "7/10", "DATE", 0.8, True),
    ("fraction-shaped-date-in-context", "Had a fall 2/5 at home, came in by ambulance.", "2/5", "DATE", 0.8, False),
    ("dotted-date", "Letter dated 14.03.2023 from the clinic.", "14.03.2023", "DATE", 0.8, False),
    ("month-and-day-words", "Last seen on March 3rd in clinic.", "March 3rd", "DATE", 0.8, False),
    ("month-and-year", "CABG in 8/91, stents since.", "8/91", "DATE", 0.8, False),
]


@pytest.mark.parametrize(("text", "value", "label", "prob", "kept"), [c[1:] for c in VETO_CASES], ids=[c[0] for c in VETO_CASES])
def test_veto_of_one_span(text, value, label, prob, kept):
    from redactphi.recognizers.tagger import judge_span

    start = text.index(value)
    judged = judge_span(text, start, start + len(value), label, prob, _DECISION)
    assert (judged is None) == kept, f"{fingerprint(value)}: {'redacted' if judged else 'kept'}"


def test_a_name_runs_on_over_an_unknown_capitalised_word():
    from redactphi.recognizers.tagger import judge_span

    text = "Spoke with Brandywell Castellane about the plan today."
    start = text.index("Brandywell")
    s, e, _ = judge_span(text, start, start + len("Brandywell"), "NAME", 0.95, _DECISION)
    assert (s, e) == (start, text.index(" about")), f"span {s}-{e}"
    text2 = "Spoke with Brandywell About the plan today."  # an everyday word is no surname
    s2, e2, _ = judge_span(text2, start, start + len("Brandywell"), "NAME", 0.95, _DECISION)
    assert e2 == start + len("Brandywell"), f"span {s2}-{e2}"


# --- the tagger's veto of weak rule evidence -------------------------------------------

def _result(start: int, end: int, recognizer: str, pattern: str = "") -> RecognizerResult:
    return RecognizerResult("NAME", start, end, 0.85, recognition_metadata={
        RecognizerResult.RECOGNIZER_NAME_KEY: recognizer, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer,
        PATTERN_KEY: pattern})


WEAKNESS_CASES = [
    # (recognizer, pattern, weak?)
    ("spacy_ner", "spacy PERSON", True),
    ("spacy_ner", "spacy GPE", False),       # places keep their own judgement
    ("street_address", "numbered street", False),
    ("name_context", "name after cue", True),
    ("name_lexicon", "first name, surname", False),
    ("name_context", "name after title", False),  # a title is strong context
    ("name_context", "name before credential", False),  # so is a credential: "JKL RN" signs a note
    ("care_site", "site after transfer verb", False),
    ("city", "city lexicon", False),
    ("date", "numeric m/d", False),
]


@pytest.mark.parametrize(("recognizer", "pattern", "weak"), WEAKNESS_CASES, ids=[f"{c[0]}:{c[1]}" for c in WEAKNESS_CASES])
def test_weak_evidence_is_named_by_recognizer_or_pattern(recognizer, pattern, weak):
    assert weak_evidence(_result(0, 4, recognizer, pattern)) is weak


def test_every_weak_evidence_entry_names_a_real_recognizer():
    from redactphi.config import Config
    from redactphi.pipeline.engine import describe_recognizers

    names = {info.name for info in describe_recognizers(Config())}
    assert {rec for rec, _ in WEAK_EVIDENCE} <= names


PROBS = [TokenPhi(0, 4, 0.001), TokenPhi(5, 10, 0.3), TokenPhi(11, 15, 0.0)]
DISAGREE_CASES = [
    # (start, end, disagrees?)
    (0, 4, True),     # one token, below the floor
    (11, 15, True),
    (0, 10, False),   # any token at or above the floor saves the detection
    (5, 10, False),
    (3, 12, False),   # partial overlap counts as covering
    (20, 30, False),  # no tagger token under it: not judged
]


@pytest.mark.parametrize(("start", "end", "disagrees"), DISAGREE_CASES, ids=[f"{c[0]}-{c[1]}" for c in DISAGREE_CASES])
def test_tagger_disagrees_only_when_every_token_is_below_the_floor(start, end, disagrees):
    assert VETO_BELOW > 0.001
    assert tagger_disagrees(_result(start, end, "spacy_ner"), PROBS) is disagrees


# Sentences of our own: shorthand and typos that spaCy's general NER reads as a person,
# and that the tagger, reading the nursing context, gives almost no chance of being PHI.
VETOED = [
    ("Neuro: Pt Alert, oriented x3. Bld cx sent from R femoral line.", ["Alert", "Bld"]),
    ("Plan: Contiue lasix gtt, recheck lytes at 1800.", ["Contiue"]),
]


@pytest.mark.parametrize(("text", "words"), VETOED, ids=[f"vetoed{i}" for i in range(len(VETOED))])
def test_weak_evidence_the_tagger_disagrees_with_is_dropped(redactor, text, words):
    from redactphi.pipeline.detect import Detector

    no_tagger = Detector(redactor.config.replace(disabled_recognizers=("phi_tagger",)))
    before = [(d.start, d.end) for d in no_tagger.detect(text)]
    after = [(r.start, r.end) for r in redactor.redact(text).redactions]
    for word in words:
        check_caught(text, before, word)  # the rules alone redact it: the veto is what keeps it
        check_kept(text, after, word)


@pytest.mark.parametrize("text,values", [
    ("Son Marcus called overnight, updated by RN.", ["Marcus"]),
    ("Wife Ingrid Halvorsen at bedside, asking about discharge to rehab.", ["Ingrid Halvorsen"]),
    ("Seen by Kowalczyk from PT; Lopressor 5mg IV x2 given.", ["Kowalczyk"]),
], ids=["relation", "full-name", "seen-by"])
def test_names_with_context_survive_the_veto(redactor, text, values):
    spans = [(r.start, r.end) for r in redactor.redact(text).redactions]
    for v in values:
        check_caught(text, spans, v)
