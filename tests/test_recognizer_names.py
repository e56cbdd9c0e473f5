"""Table tests for the name recognizers (recognizers/names.py) and the NER guard.

Sentences are written for these tests; names come from nobody in particular. Failure
messages show offsets and sha256 fingerprints, never the name itself.
"""

from __future__ import annotations

import pytest
from conftest import check_caught, check_kept, fingerprint
from redactphi.recognizers.names import NameContextRecognizer, NameLexiconRecognizer


@pytest.fixture(scope="module")
def name_spans():
    recs = [NameContextRecognizer(), NameLexiconRecognizer()]

    def run(text: str) -> list[tuple[int, int]]:
        return [(r.start, r.end) for rec in recs for r in rec.analyze(text, ["NAME"])]

    return run


# (sentence, the names in it that must be redacted)
CAUGHT = [
    # titles, including names that are also words
    ("Follow up with Dr. Okafor in two weeks.", ["Okafor"]),
    ("Seen by Dr. Rose this morning, agrees with plan.", ["Rose"]),
    ("Mrs. Whitfield-Ames reports less pain today.", ["Whitfield-Ames"]),
    ("Discussed with Dr Parkinson from neurology.", ["Parkinson"]),
    ("Per Dr. A. Lindqvist's note, continue heparin.", ["A. Lindqvist"]),
    ("dear dr. haverford, my knee is still swollen", ["haverford"]),
    # roles and relatives
    ("Daughter Hope called with questions about discharge.", ["Hope"]),
    ("Son (Desmond) at bedside, updated on plan.", ["Desmond"]),
    ("Caller: Maribel (niece) asking about visiting hours.", ["Maribel"]),
    ("Lives with husband Tavita, who manages her medications.", ["Tavita"]),
    ("Patient: Eleanor Whitcombe", ["Eleanor Whitcombe"]),
    ("Pt Troy de la Fuente, DOB on file, identity verified.", ["Troy de la Fuente"]),
    ("Thank you for seeing Grace, a pleasant woman with COPD.", ["Grace"]),
    ("hi, it's hope again, the rash is better", ["hope"]),
    # credentials after the name stay visible
    ("-- K. Patel, RN", ["K. Patel"]),
    ("Note written by Marisol Quintero, NP at 14:20.", ["Marisol Quintero"]),
    ("Attending: Brennan, Colm R. MD", ["Brennan, Colm R."]),
    # header and initial forms
    ("Patient: OYELOWO, MARGARET   MRN: 4411", ["OYELOWO, MARGARET"]),
    ("Lindgren, Harold T. (MRN 55-1) seen for follow-up", ["Lindgren, Harold T."]),
    ("Question about statins for Anna S., 58, with diabetes.", ["Anna S."]),
    ("Case of Robert K. and his home oxygen needs", ["Robert K."]),
    ("Prior labs reviewed by J.S. and Dr. Mbeki.", ["Mbeki"]),
    ("Plan reviewed with Aoife Hennessy and her sister.", ["Aoife Hennessy"]),
    # upper-case notes, where spaCy sees nothing
    ("RN NOTE PT KATHLEEN MARLOWE DOB ON FILE NEURO INTACT SKIN INTACT", ["KATHLEEN MARLOWE"]),
    ("SOCIAL HUSBAND DMITRI OSEI CALLED UPDATED PLAN CONT CURRENT TX", ["DMITRI OSEI"]),
    ("PLAN CONT CURRENT TX Q2 TURNS RASS 0 CAM ICU NEG MARISOL (CHARGE RN)", ["MARISOL"]),
    ("FOLEY PATENT CLEAR YELLOW UOP 40-60 ML/HR B. HALVERSON RN", ["B. HALVERSON"]),
    # signatures
    ("Please call me back about the refill.\n- Angelica", ["Angelica"]),
    ("I ran out of my pills again.\n\nThanks,\nRosalind", ["Rosalind"]),
    ("Chase reports feeling better and slept well.", ["Chase"]),
]

KEPT = [
    # eponyms and clinical words the census lists contain
    ("Foley catheter draining clear yellow urine.", "Foley"),
    ("History of Parkinson disease, on carbidopa.", "Parkinson"),
    ("Positive Chaddock reflex on the left.", "Chaddock"),
    ("Marfan syndrome, followed by cardiology.", "Marfan"),
    ("Hodgkin's lymphoma in remission since 2010.", "Hodgkin"),
    ("Wears Dr. Scholl's inserts for plantar fasciitis.", "Scholl"),
    ("Apixaban 5 mg BID for atrial fibrillation.", "Apixaban"),
    ("EF 35% on last echo.", "EF"),
    ("RA on methotrexate, stable.", "RA"),
    ("PT/OT evaluation recommended before discharge.", "PT/OT"),
    # everyday words that are also names
    ("Patient will call if symptoms worsen.", "will"),
    ("She may need a repeat CT.", "may"),
    ("Brown stool, no melena.", "Brown"),
    ("Temp rose to 38.5 overnight.", "rose"),
    ("We hope to discharge tomorrow.", "hope"),
    ("Grant application for the clinic was approved.", "Grant"),
    ("Follow-up in May with repeat labs.", "May"),
    ("Stung by a wasp while gardening last summer.", "Stung"),
    ("Mild hyperlipidemia, on a statin.", "hyperlipidemia"),
    ("A 65-year-old African-American man with chest pain.", "African-American"),
    ("What is the best first-line treatment for gout?", "first-line"),
    ("Started on Humira vs. Enbrel per rheumatology.", "Humira"),
    ("Treated with Stage III protocol.", "Stage III"),
    # street and department, not doctors
    ("Clinic moved to 400 Maple Dr. Suite 2 last year.", "Maple"),
    ("Referred to the Emergency Dept. for evaluation.", "Emergency"),
    # upper-case clinical text
    ("NEURO GCS 15 PERRLA SKIN INTACT PLAN CONT CURRENT TX Q2 TURNS A-LINE WAVEFORM GOOD RN", "GOOD"),
    ("IMAGING: CHEST X-RAY, PA AND LATERAL VIEWS NO ACUTE PROCESS", "X-RAY"),
    ("sent via patient portal, subject: test results, question about my meds", "portal"),
]


@pytest.mark.parametrize("text,names", CAUGHT, ids=[fingerprint(t) for t, _ in CAUGHT])
def test_recognizers_catch_names(name_spans, text, names):
    spans = name_spans(text)
    for name in names:
        check_caught(text, spans, name)


@pytest.mark.parametrize("text,word", KEPT, ids=[w for _, w in KEPT])
def test_recognizers_keep_non_names(name_spans, text, word):
    check_kept(text, name_spans(text), word)


def test_credential_is_not_redacted(name_spans):
    text = "Seen and examined. Ingrid Solberg, RN"
    spans = name_spans(text)
    check_caught(text, spans, "Ingrid Solberg")
    check_kept(text, spans, "RN")


def test_title_is_redacted_with_the_name(name_spans):
    # recall first: annotators often mark the title as part of the name
    text = "Reviewed with Dr. Okonjo today."
    spans = name_spans(text)
    check_caught(text, spans, "Dr. Okonjo")


def test_possessive_s_stays_outside_the_span(name_spans):
    text = "Per Dr. Halvorsen's recommendation, start aspirin."
    spans = name_spans(text)
    start = text.index("Halvorsen")
    assert any(s <= start and e == start + len("Halvorsen") for s, e in spans), spans


# End to end through spaCy and resolve: what a user sees.
E2E_CAUGHT = [
    ("Seen by Dr. Rose; daughter Hope called at noon.", ["Rose", "Hope"]),
    ("SOCIAL WIFE MARGUERITE ABERNATHY VISITED WILL RETURN AM", ["MARGUERITE ABERNATHY"]),
    ("Discussed with Ms. Kowalczyk and her son Teodor.", ["Kowalczyk", "Teodor"]),
]
E2E_KEPT = [
    ("Foley in place. EF 55%. Parkinson disease, stable. PT/OT to see.", ["Foley", "EF", "Parkinson", "PT/OT"]),
    ("Brown stool. Temp rose to 38.5. Will recheck in AM. May go home.", ["Brown", "rose", "Will", "May"]),
    ("Glasgow Coma Scale 14 on arrival; positive Babinski sign.", ["Glasgow", "Babinski"]),
]


@pytest.mark.parametrize("text,names", E2E_CAUGHT, ids=[fingerprint(t) for t, _ in E2E_CAUGHT])
def test_end_to_end_catches(redactor, text, names):
    result = redactor.redact(text)
    spans = [(r.start, r.end) for r in result.redactions]
    for name in names:
        check_caught(text, spans, name)


@pytest.mark.parametrize("text,words", E2E_KEPT, ids=[fingerprint(t) for t, _ in E2E_KEPT])
def test_end_to_end_keeps(redactor, text, words):
    result = redactor.redact(text)
    spans = [(r.start, r.end) for r in result.redactions if r.entity == "NAME"]
    for word in words:
        check_kept(text, spans, word)
