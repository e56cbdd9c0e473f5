"""Conventions of ICU nursing notes (issue 10): run-together sentences, upper-case
shorthand, ventilator settings, and the PHI nurses write without the usual cues.

Every sentence is invented. Test ids are row numbers so pytest never prints a value."""

from __future__ import annotations

import pytest
from conftest import check_redaction, is_covered

URL_CASES = [
    # a missing space after a period is not a domain, whatever country code follows
    ("Suctioned for thick secretions.NO stool today.", [], ["secretions.NO"]),
    ("pt.ON propofol, lungs coarse..re-check abg at noon", [], ["pt.ON", "coarse..re"]),
    ("SKIN INTACT...COMPLETE BED BATH.TV ON FOR PT", [], ["INTACT...COMPLETE", "BATH.TV"]),
    ("tolerating feeds.pe consult placed; family.fo aware", [], ["feeds.pe", "family.fo"]),
    ("percocet for pain control.awaiting diuresis", [], ["control.awaiting"]),
    # real addresses are still caught, in any case
    ("Portal: https://chart.example-health.org/visit?id=4 and www.tealclinic.net", ["https://chart.example-health.org/visit?id=4", "www.tealclinic.net"], []),
    ("INSTRUCTIONS AT WWW.HARBORLIGHTCARE.COM OR BRIGHTWAVEMED.ORG", ["WWW.HARBORLIGHTCARE.COM", "BRIGHTWAVEMED.ORG"], []),
    ("family blog at quillandfern.co.uk and sunmeadowkids.us", ["quillandfern.co.uk", "sunmeadowkids.us"], []),
]


@pytest.mark.parametrize("text,caught,kept", URL_CASES, ids=[f"url{i}" for i in range(len(URL_CASES))])
def test_urls(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)


# (text, caught, kept): nursing shorthand and drugs in capitals are not people or places;
# the names and places next to them still are
SHORTHAND_CASES = [
    ("NEURO: A+OX3, MAE, PERRLA. CONT ON PROPOFOL, LEVO WEANED. PACER ON VVI.", [], ["MAE", "CONT", "PROPOFOL", "LEVO", "PACER"]),
    ("Please see Carevue for all VS and drips. Pt remains INTUBATED, on Levo and Propofol.", [], ["Carevue", "INTUBATED", "Levo", "Propofol"]),
    ("CVS: HR 80s, NSR. GU: CATH DRAINING CLEAR. Resp and cvs stable.", [], ["CVS", "CATH", "cvs"]),
    ("PT BECAME AGITATED. PT SUCTIONED FOR THICK SPUTUM. pt recieved lasix and desaturated.", [], ["BECAME", "SUCTIONED", "recieved", "desaturated"]),
    ("DAUGHTER WILL CALL TONIGHT. SISTER HAS BEEN UPDATED. mom x2 given for constipation.", [], ["WILL", "HAS", "mom x2"]),
    ("Returned from O.R. at 5pm; neb by R.T.; CO/CI by Fick 5.1/2.4.", [], ["O.R.", "R.T.", "Fick"]),
    ("P: AWAIT AM LABS. CON'T REHAB/PT. TAKE PAIN MED AS NEEDED. recheck labs at 6am.", [], ["AM LABS", "REHAB", "PAIN MED", "recheck labs"]),
    ("MSO4 4 MG SQ GIVEN. 3 EPISODES ST IN 130S. HR 104-121 ST. NO ECTOPY.", [], ["4 MG SQ", "EPISODES ST", "ST. NO"]),
    ("BP, pt is hypotensive. RESP CARE  Pt remains on CPAP.", [], ["BP", "CARE"]),
    # the names beside them are still found
    ("PT KOVACEVIC AWAKE, MAE. DAUGHTER ROSALIND IN TO VISIT. Dr. Okonkwo aware, levo at 4.", ["KOVACEVIC", "ROSALIND", "Okonkwo"], ["MAE", "levo"]),
    ("2200 RN NOTE\nPT TAMSIN ABERNETHY-QUILL UNIT #4410982\nRESP: LS CLEAR", ["TAMSIN ABERNETHY-QUILL"], []),
]

# (text, caught, kept): ventilator settings, strength and vital signs are not dates or ages
NUMBER_CASES = [
    ("Resp: PS 10/5, 40%. Changed to CPAP 5/5 IPS overnight; on bipap 12/5 since.", [], ["10/5", "5/5", "12/5"]),
    ("IMV 12/600, PEEP 5. Weaned PSV to 10/5/40% with flowby 6/3.", [], ["12/600", "10/5/40", "6/3"]),
    ("Strength 5/5 in all four; propped on 1-2 pillows; RR decreased to 10-16.", [], ["5/5", "1-2", "10-16"]),
    ("O2 sats mid 90's on 4L. HR 90's, SBP high 90s.", [], ["90's", "90s"]),
    # dates in histories are still dates
    ("PMH: CAD, CABG 8/97, AVR 11/93. Trach placed 8/14; MRI 3/22.", ["8/97", "11/93", "8/14", "3/22"], []),
    ('She said "it\'s the 21st" and knew the month.', ["21st"], []),
]

# (text, caught, kept): hospitals named by context alone, and phones as nurses write them
SITE_AND_PHONE_CASES = [
    ("PT TRANSFERRED TO KVH FOR CATH. Sent to Brenmoor ER via ambulance.", ["KVH", "Brenmoor"], []),
    ("will transfer to Ashcombe 4 tomorrow; heart transplant at Blue Heron.", ["Ashcombe", "Blue Heron"], []),
    ("Plan: Ashcombe 5 when a bed opens.", ["Ashcombe"], ["bed"]),
    ("pt transfered to rvh 7/22; husband did not come to rvh with her.", ["rvh"], []),
    ("Transferred to chair, then to MICU; sent to CT; came to ED; admitted to Intensive Care.", [], ["chair", "MICU", "CT", "ED", "Intensive Care"]),
    ("SOCIAL: DAUGHTER---301 944-5032, SON 212/555-0187 x45. Covering NP pg 41877.", ["301 944-5032", "212/555-0187 x45", "41877"], []),
    ("Daughters visited; spoke with Dr. okonkwo. mrs halvorsen is comfortable. mild mr, ms contin 15 mg.", ["okonkwo", "halvorsen"], ["mild mr", "ms contin"]),
]


@pytest.mark.parametrize("text,caught,kept", SHORTHAND_CASES, ids=[f"short{i}" for i in range(len(SHORTHAND_CASES))])
def test_shorthand_and_drugs(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)


@pytest.mark.parametrize("text,caught,kept", NUMBER_CASES, ids=[f"num{i}" for i in range(len(NUMBER_CASES))])
def test_settings_and_history_dates(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)


@pytest.mark.parametrize("text,caught,kept", SITE_AND_PHONE_CASES, ids=[f"site{i}" for i in range(len(SITE_AND_PHONE_CASES))])
def test_sites_and_phones(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)


def test_site_repeated_without_its_cue(redactor):
    # found once after "transferred to", the site is redacted where it recurs bare
    text = "Transferred to Wrenfield 3 overnight. Wrenfield nurse called with an update."
    spans = [(r.start, r.end) for r in redactor.redact(text).redactions]
    second = text.index("Wrenfield", 20)
    assert is_covered(spans, second, second + len("Wrenfield"), text), f"second mention at {second} not redacted; spans {spans}"


WORKPLACE_CASES = [
    ("He works for Brightline Freight as a dispatcher; wife drove for Lakeshore Cab.", ["Brightline Freight", "Lakeshore Cab"], []),
    ("SHE WORKS AT KRAVMART IN TOWN. retired from Acme Tool & Die in 2010.", ["KRAVMART", "Acme Tool & Die"], []),
    ("employed by ups and works at walmart part time", ["ups", "walmart"], []),
    ("works at home; worked as a nurse at the hospital; works with PT on gait.", [], ["home", "hospital", "PT"]),
]


@pytest.mark.parametrize("text,caught,kept", WORKPLACE_CASES, ids=[f"work{i}" for i in range(len(WORKPLACE_CASES))])
def test_workplaces(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)


MORE_SITE_CASES = [
    ("SOCIAL: DAUGHTER-ROSALIND CALLED. THE CHF TEAM AT KVH, BUT SHE WORSENED.", ["ROSALIND", "KVH"], []),
    ("ADMITTED TO WRENFIELD7 W/ CHF. TRANSFER WRENFIELD 2.", ["WRENFIELD7"], []),
    ("PRIOR HOSP STAY UNEVENTFUL. MEDS GIVEN AT HS. SENT HOME AT 5.", [], ["PRIOR HOSP", "HS", "HOME"]),
]


@pytest.mark.parametrize("text,caught,kept", MORE_SITE_CASES, ids=[f"msite{i}" for i in range(len(MORE_SITE_CASES))])
def test_more_sites(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)


MISSPELLED_AND_SAMPLE_CASES = [
    # drug names one letter off are still drugs, not people
    ("Diltiazm 10mg given. Morphhine drip off. Lopresor held; Klonapin at hs.", [], ["Diltiazm", "Morphhine", "Lopresor", "Klonapin"]),
    ("Nipride dc'd at noon. Off Neo since 4pm. Sputum sent. Mg repleted.", [], ["Nipride", "Neo", "Sputum", "Mg"]),
    ("Staples removed; wound clean. Newborn exam normal; Bilirubin 8.2. Rinne test positive.", [], ["Staples", "Newborn", "Bilirubin", "Rinne"]),
    ("BP labile. MD's talking with family about goals.", [], ["BP", "MD"]),
    # a name one letter from a drug is still a name when it is a Census name
    ("Seen with her sister Rosalind and nephew Tobias.", ["Rosalind", "Tobias"], []),
]


@pytest.mark.parametrize("text,caught,kept", MISSPELLED_AND_SAMPLE_CASES, ids=[f"misc{i}" for i in range(len(MISSPELLED_AND_SAMPLE_CASES))])
def test_misspelled_drugs_and_sample_words(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)
