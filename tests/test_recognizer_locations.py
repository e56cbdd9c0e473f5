"""Table tests for the location recognizers (street address, ZIP, city, facility): places
that must be caught, and clinical text with place-like words that must survive.

Every sentence is invented. Test ids are row numbers so pytest never prints a value."""

from __future__ import annotations

import pytest
from conftest import check_caught, check_kept
from redactphi.recognizers.locations import (
    CityRecognizer,
    FacilityRecognizer,
    StreetAddressRecognizer,
    ZipCodeRecognizer,
)

from redactphi.config import Config
from redactphi.lexicons import city_names, us_states

CFG = Config()
STREET = StreetAddressRecognizer(CFG)
ZIP = ZipCodeRecognizer(CFG)
CITY = CityRecognizer(CFG)
FACILITY = FacilityRecognizer(CFG)
ALL = [STREET, ZIP, CITY, FACILITY]


def spans(recognizer, text):
    return [(r.start, r.end) for r in recognizer.analyze(text, entities=[])]


def all_spans(text):
    return [s for rec in ALL for s in spans(rec, text)]


def ids(rows):
    return [str(i) for i in range(len(rows))]


CAUGHT = [
    # street addresses
    (STREET, "Lives at 4417 Juniper Hollow Rd with her son.", "4417 Juniper Hollow Rd"),
    (STREET, "Address: 88 W 23rd Street, Apt 4B", "88 W 23rd Street, Apt 4B"),
    (STREET, "Mail to 1200 Quarry Lane Suite 310 please.", "1200 Quarry Lane Suite 310"),
    (STREET, "Staying at 9 Kettle Pond Ct., Unit 2 until surgery.", "9 Kettle Pond Ct., Unit 2"),
    (STREET, "ADDRESS: 77 BIRCHWOOD AVE", "77 BIRCHWOOD AVE"),
    (STREET, "Checks go to PO Box 4471.", "PO Box 4471"),
    (STREET, "Mailing: P.O. Box 92, same town", "P.O. Box 92"),
    (STREET, "we moved to 52 cedar hill road last month", "52 cedar hill road"),
    (STREET, "Grew up on Orchard Street near the mill.", "Orchard Street"),
    # ZIP codes
    (ZIP, "Worcester, MA 01608", "01608"),
    (ZIP, "Bangor ME  04401-3302", "04401-3302"),
    (ZIP, "lives in zip code 60614 now", "60614"),
    (ZIP, "ZIP: 97214", "97214"),
    # cities
    (CITY, "Retired machinist, lives in Kalamazoo with his wife.", "Kalamazoo"),
    (CITY, "Transferred from Albuquerque for ECMO evaluation.", "Albuquerque"),
    (CITY, "Visiting family in Sioux Falls over the holidays.", "Sioux Falls"),
    (CITY, "Moved to Mobile last spring.", "Mobile"),
    (CITY, "Originally from Reading, PA; works nights.", "Reading, PA"),
    (CITY, "Her sister lives in Troy, NY.", "Troy, NY"),
    (CITY, "Duluth, Minnesota resident, here on vacation.", "Duluth, Minnesota"),
    (CITY, "Eau Claire WI 54701", "Eau Claire"),
    (CITY, "Ridgeway, SC 29130", "Ridgeway"),
    (CITY, "Owns a farm in Dane County.", "Dane County"),
    (CITY, "Will follow up at our Tucson clinic in 2 weeks.", "Tucson clinic"),
    (CITY, "Flew in from St. Louis yesterday.", "St. Louis"),
    (CITY, "grew up in the Bronx, moved to Queens", "the Bronx"),
    (CITY, "we moved to 12 elm st, spokane last week", "spokane"),
    # facilities
    (FACILITY, "Transferred from Greenfield Regional Medical Center for PCI.", "Greenfield Regional Medical Center"),
    (FACILITY, "Seen at Maple Ridge Nursing and Rehabilitation Center last month.", "Maple Ridge Nursing and Rehabilitation Center"),
    (FACILITY, "Rx sent to Hollis Apothecary.", "Hollis Apothecary"),
    (FACILITY, "Refill sent to Walgreens #4471 on Main.", "Walgreens #4471"),
    (FACILITY, "Admitted to St. Brigid's last week.", "St. Brigid's"),
    (FACILITY, "Delivered at Saint Agnes Hospital in 2001.", "Saint Agnes Hospital"),
    (FACILITY, "Followed by oncology at Johns Hopkins.", "Johns Hopkins"),
    (FACILITY, "Second opinion at the Mayo Clinic in Rochester, MN.", "Mayo Clinic in Rochester, MN"),
    (FACILITY, "Outside films from Westbrook General.", "Westbrook General"),
    (FACILITY, "TRANSFERRED FROM PINE VALLEY COMMUNITY HOSPITAL ON DAY 2", "PINE VALLEY COMMUNITY HOSPITAL"),
    (FACILITY, "Resides at Harmon House, a group home.", "Harmon House"),
    (FACILITY, "She was seen at UCSF Medical Center.", "UCSF Medical Center"),
    (FACILITY, "had her scans at lakeshore imaging and sent to riverside pharmacy", "riverside pharmacy"),
    (FACILITY, "Treated at the Cancer Center in Omaha, NE.", "Cancer Center in Omaha, NE"),
    (FACILITY, "Records from Brennan & Cole Orthopedics requested.", "Brennan & Cole Orthopedics"),
]

KEPT = [
    ("High Framingham risk score, start statin.", "Framingham"),
    ("GCS 14 on the Glasgow Coma Scale.", "Glasgow"),
    ("Lyme serology pending, no rash.", "Lyme"),
    ("Placed a Denver shunt for refractory ascites.", "Denver"),
    ("Fitted with a Miami J collar in the ED.", "Miami"),
    ("Normal sinus rhythm, no ectopy.", "Normal"),
    ("Reading glasses only; vision otherwise intact.", "Reading"),
    ("Mobile x-ray obtained at bedside.", "Mobile"),
    ("Follow up in Heart Failure Clinic in 2 weeks.", "Heart Failure Clinic"),
    ("Discussed at Tumor Board with Radiation Oncology.", "Radiation Oncology"),
    ("Per the Surgeon General guidance on vaccination.", "Surgeon General"),
    ("Takes St. John's wort daily; counselled on interactions.", "St. John's"),
    ("Room 12, bed 2 on 4 West.", "12"),
    ("Walked 200 feet in the hall x2 with PT.", "200"),
    ("Give 2 tabs at bedtime, 3 Dr visits a year.", "3 Dr"),
    ("ICD-10 N18.3, CPT 99213.", "99213"),
    ("Potassium 4.1, sodium 138, chloride 101.", "138"),
    ("Bell's palsy on the left, Addison disease on replacement.", "Addison"),
    ("Presented to the ED with chest pain.", "ED"),
    ("Seen in the emergency department, then admitted to medicine.", "medicine"),
    ("Hospital course complicated by AKI.", "Hospital"),
    ("Plan: outpatient pharmacy to fill tomorrow.", "outpatient pharmacy"),
    ("Order 3 units PRBC; transfuse 1 Way catheter.", "3 units"),
    ("Rocky Mountain spotted fever titers negative.", "Rocky"),
    ("Pt is from Boston Scientific device clinic paperwork.", "Scientific"),
]


@pytest.mark.parametrize("recognizer,text,value", CAUGHT, ids=ids(CAUGHT))
def test_places_caught(recognizer, text, value):
    check_caught(text, spans(recognizer, text), value)


@pytest.mark.parametrize("text,value", KEPT, ids=ids(KEPT))
def test_place_lookalikes_kept(text, value):
    check_kept(text, all_spans(text), value)


def test_address_line_goes_whole():
    # In an address line the state is part of the address: city, state and ZIP all go
    text = "Springfield, IL 62704"
    got = all_spans(text)
    for value in ("Springfield", "IL", "62704"):
        check_caught(text, got, value)


def test_lexicons_load_once_and_flag_ambiguity():
    assert city_names() is city_names()
    cities = city_names()
    assert len(cities) > 10_000
    assert cities["boston"] is True
    assert cities["mobile"] is False and cities["reading"] is False
    assert us_states()["massachusetts"] == "MA"


def test_redactor_end_to_end(redactor):
    text = (
        "Lives at 4417 Juniper Hollow Rd, Kalamazoo, MI 49008 with her son. Transferred from "
        "Greenfield Regional Medical Center. Normal sinus rhythm, Mobile x-ray clear."
    )
    result = redactor.redact(text)
    got = [(r.start, r.end) for r in result.redactions]
    for value in ("4417 Juniper Hollow Rd", "Kalamazoo", "49008", "Greenfield Regional Medical Center"):
        check_caught(text, got, value)
    for value in ("Normal", "Mobile"):
        check_kept(text, got, value)
