"""Synthetic clinical notes with exact PHI ground truth, for the recall benchmark.

Notes are assembled piece by piece; every PHI span is recorded at the moment it is
appended, so offsets are exact by construction and nothing is ever found by searching the
finished text. The generator was written from a description of how PHI appears in real
notes (headers, signatures, family members, letters, portal messages, phone calls), not
from what any recognizer detects: it has to be able to surprise the recognizers.

Annotation conventions (the scorer and the tests rely on them):

* Labels, titles and credentials are context, not PHI: "MRN: 1234567" -> "1234567",
  "Dr. Ana Ruiz, MD" -> "Ana Ruiz", "SSN xxx-xx-1234" -> "1234".
* A street line with its apartment or suite is one GEOGRAPHIC_LOCATION span; city, county
  and ZIP are separate spans. States are not PHI (HIPAA Safe Harbor keeps them).
  Hospitals, clinics, nursing homes and pharmacies are GEOGRAPHIC_LOCATION.
* A DATE span covers the day/month/year parts written; a weekday before it and a time
  after it are context. A year on its own is not PHI.
* AGE spans are ages over 89 only and cover the number ("92" in "92 y/o", "90s").
* Phone and fax extensions are inside the span ("617-555-0142 ext. 214").

Determinism: each note draws from its own ``random.Random`` seeded with a string derived
from ``(seed, index)`` (string seeds are hashed with SHA-512, not ``hash()``), and every
choice is made from tuples in a fixed order, so output is identical across runs, machines
and ``PYTHONHASHSEED`` values, and ``generate(10, s)`` is a prefix of ``generate(500, s)``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from redactphi.bench.gold import GoldNote, GoldSpan, write_gold

PathLike = Union[str, "os.PathLike[str]"]

STYLES: tuple[str, ...] = (
    "discharge_summary",
    "progress_note",
    "icu_nursing",
    "radiology_report",
    "lab_report",
    "referral_letter",
    "portal_message",
    "telephone_encounter",
    "search_query",
)
_STYLE_WEIGHTS = (11, 14, 10, 10, 8, 9, 10, 10, 18)
# Share of PHI-free notes per style: most in search queries (where real traffic is often
# a pure clinical question), a few everywhere else, ~10% overall.
_PHI_FREE_RATE = {"search_query": 0.35}
_PHI_FREE_DEFAULT = 0.05

# Hard negatives that must survive redaction. Listed here so tests can check that they
# really occur in the generated text.
EPONYMS: tuple[str, ...] = (
    "Parkinson",
    "Alzheimer",
    "Foley",
    "Apgar",
    "Glasgow",
    "Babinski",
    "Crohn",
    "Hodgkin",
    "Bell's palsy",
)

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

# Surnames that double as eponyms in our hard negatives are dropped from the name pool, so
# that "Foley catheter" stays an unambiguous negative: the stems with every extension
# ("Hodgkins", "Foleys"), the other eponyms exactly.
_EPONYM_STEMS = ("PARKINSON", "ALZHEIMER", "FOLEY", "APGAR", "GLASGOW", "BABINSKI", "CROHN", "HODGKIN")
_EPONYM_SURNAMES = frozenset(
    "BELL BELLS CUSHING GRAVES MURPHY HOMANS WHIPPLE FLEISCHNER SCHOLL REDDY SWAN GANZ".split()
)

# Names that are also ordinary English words: a recognizer must catch them as names
# without redacting every "will" and "may" in a note.
_WORD_FIRST_F = ("Rose", "Hope", "Faith", "May", "Grace", "Joy", "June", "April", "Summer", "Iris")
_WORD_FIRST_M = ("Will", "Mark", "Bill", "Gene", "Chase", "Hunter", "Miles", "Grant", "Rich")
_WORD_LAST = (
    "Bush", "Young", "Brown", "Price", "King", "Hope", "Rose", "May", "Black", "White",
    "Green", "Love", "Wise", "Long", "Strong", "Hill", "Stone", "Baker", "Cook", "Short",
    "Day", "Fox", "Little", "Faith", "Will",
)
# The 1990 Census first-name lists are narrow; real clinic rosters are not.
_EXTRA_FIRST_F = (
    "Priya", "Aisha", "Fatima", "Ngozi", "Mei", "Xin", "Yuki", "Siobhan", "Lakshmi",
    "Oluwaseun", "Guadalupe", "Ximena", "Thao", "Anh", "Soo-jin", "Renée", "Zoë", "María",
    "Chloé", "Inés", "Dagny", "Marisol", "Shanice", "Keisha", "Nadia",
)
_EXTRA_FIRST_M = (
    "Wei", "Hiroshi", "Sanjay", "Mohammed", "Dmitri", "Jae-won", "Kwame", "Olumide",
    "José", "Tuan", "Raúl", "Darnell", "Tyrone", "Mateo", "Arjun", "Sergei", "Oğuz",
    "Bao", "Ikaika", "Rahul", "François", "Demetrius", "Santiago", "Yusuf", "Kofi",
)
# Names born after the 1990 lists or from communities they under-count. Whatever of these
# the Census lists do contain is dropped at load time, so this pool measures recall on
# names a Census-based lexicon cannot know.
_MODERN_FIRST_F = (
    "Nevaeh", "Aaliyah", "Kaylee", "Paisley", "Kinsley", "Aubree", "Oaklynn", "Elliana",
    "Saoirse", "Niamh", "Aoife", "Adaeze", "Nkechi", "Temitope", "Thandiwe", "Lindiwe",
    "Wanjiru", "Tigist", "Ananya", "Saanvi", "Harpreet", "Gurpreet", "Zihan", "Sakura",
    "Seoyeon", "Jisoo", "Nour", "Yasmeen", "Zainab", "Xiomara", "Yaretzi", "Itzel",
    "Yulissa", "Nguyet", "Huong", "Malgorzata", "Khadijah", "Amara", "Zuri", "Anaya",
)
_MODERN_FIRST_M = (
    "Jayden", "Brayden", "Jaxon", "Brantley", "Zayden", "Kashton", "Bentley", "Maverick",
    "Oisin", "Tadhg", "Chukwuemeka", "Oluwadamilare", "Babajide", "Sipho", "Tendai",
    "Kipchoge", "Abebe", "Yohannes", "Mulugeta", "Aarav", "Vihaan", "Ishaan", "Siddharth",
    "Navjot", "Jiahao", "Yuxuan", "Haruto", "Minjun", "Abdulrahman", "Hamza", "Bilal",
    "Brayan", "Jhonatan", "Quang", "Wojciech", "Grzegorz", "Thiago", "Enzo", "Kaiden",
)
_MODERN_LAST = (
    "Okonkwo", "Adeyemi", "Oyelaran", "Nwachukwu", "Abubakar", "Tesfaye", "Gebremedhin",
    "Woldemariam", "Kiptoo", "Mwangi", "Otieno", "Onyekachi", "Venkataraman", "Subramanian",
    "Raghunathan", "Bhattacharya", "Mukherjee", "Chatterjee", "Krishnamurthy", "Chaudhry",
    "Takahashi", "Watanabe", "Kobayashi", "Szczepanski", "Przybylski", "Wisniewski",
    "Papadopoulos", "Georgiou", "Al-Hashimi", "Al-Farsi", "Abdelrahman", "Truong", "Pham",
    "Xiong", "Vang", "Thao", "Oyewole", "Castellanos-Reyes", "Quispe", "Mamani", "Huaman",
    "Nyambura", "Ekwueme", "Rahmanzai", "Haidari", "Sandoval-Ortiz", "Ramaswamy", "Iyer",
    "Oyebanji", "Olanrewaju", "Ogunleye", "Uzoma", "Ifeanyi", "Agyeman", "Boateng",
    "Tshabalala", "Dlamini", "Mahlangu", "Mokoena", "Njoroge", "Wafula", "Achieng", "Omondi",
    "Gebreyesus", "Tadesse", "Bekele", "Alemu", "Hailemariam", "Yilma", "Naqvi", "Farooqui",
    "Deshpande", "Kulkarni", "Gokhale", "Natarajan", "Balasubramanian", "Thirumalai",
    "Nakagawa", "Fujimoto", "Yamaguchi", "Hashemi", "Tehrani", "Rostami", "Kazemi", "Rezaei",
    "Nazari", "Jafari", "Mahmoudi", "Sadeghi", "Abdullahi", "Mohamud", "Warsame", "Hirsi",
    "Trinh", "Quach", "Tlapanco", "Xolalpa", "Chicaiza", "Condori", "Apaza", "Choque",
    "Yupanqui", "Tenesaca", "Gyamfi", "Oduya", "Bamidele", "Eshetu", "Zewdie", "Kebede",
)
_APOSTROPHE_LAST = (
    "O'Brien", "O'Neil", "O'Connor", "D'Angelo", "O'Malley", "D'Souza", "O'Hara",
    "DeLuca", "McAllister", "MacDonald", "Núñez", "Peña", "Muñoz", "St. Clair", "Van Buren",
    "de la Cruz", "Nguyen", "Okafor", "Kowalczyk", "Abernathy-Ruiz",
)

_CITIES = (
    "Springfield", "Riverside", "Franklin", "Greenville", "Fairview", "Madison", "Clinton",
    "Salem", "Georgetown", "Ashland", "Burlington", "Manchester", "Oxford", "Dover",
    "Jackson", "Milton", "Newport", "Auburn", "Bristol", "Dayton", "Lexington", "Marion",
    "Quincy", "Worcester", "Lowell", "Framingham", "Brockton", "Pittsfield", "Holyoke",
    "Chicopee", "Waltham", "Somerville", "Medford", "Revere", "Taunton", "Nashua",
    "Concord", "Portland", "Bangor", "Burlington", "Hartford", "New Haven", "Stamford",
    "Providence", "Cranston", "Albany", "Syracuse", "Rochester", "Buffalo", "Utica",
    "Scranton", "Allentown", "Erie", "Harrisburg", "Camden", "Trenton", "Newark",
    "Paterson", "Wilmington", "Baltimore", "Frederick", "Richmond", "Norfolk", "Roanoke",
    "Durham", "Raleigh", "Asheville", "Charleston", "Savannah", "Macon", "Tallahassee",
    "Gainesville", "Tampa", "Orlando", "Pensacola", "Mobile", "Huntsville", "Tuscaloosa",
    "Biloxi", "Memphis", "Knoxville", "Chattanooga", "Louisville", "Bowling Green",
    "Cincinnati", "Toledo", "Akron", "Youngstown", "Ann Arbor", "Flint", "Kalamazoo",
    "Lansing", "Grand Rapids", "Gary", "Fort Wayne", "Evansville", "Peoria", "Rockford",
    "Joliet", "Champaign", "Green Bay", "Oshkosh", "Eau Claire", "Duluth", "Rochester",
    "St. Cloud", "Fargo", "Sioux Falls", "Des Moines", "Cedar Rapids", "Dubuque", "Omaha",
    "Lincoln", "Wichita", "Topeka", "Tulsa", "Norman", "Little Rock", "Shreveport",
    "Baton Rouge", "Lafayette", "El Paso", "Lubbock", "Amarillo", "Laredo", "Waco",
    "Abilene", "Corpus Christi", "San Angelo", "Albuquerque", "Las Cruces", "Santa Fe",
    "Tucson", "Flagstaff", "Yuma", "Provo", "Ogden", "Boise", "Pocatello", "Billings",
    "Missoula", "Casper", "Cheyenne", "Pueblo", "Greeley", "Fort Collins", "Reno",
    "Henderson", "Fresno", "Bakersfield", "Modesto", "Stockton", "Redding", "Eureka",
    "Salinas", "Oxnard", "Ventura", "Eugene", "Medford", "Bend", "Salem", "Spokane",
    "Yakima", "Tacoma", "Bellingham", "Anchorage", "Fairbanks", "Hilo", "Kailua",
    "Mount Pleasant", "Bethel", "Hope", "Faith", "Young", "Price", "Paris", "Athens",
    "Moscow", "Lebanon", "Florence", "Warsaw", "Canton", "Sparta",
)
_COUNTIES = (
    "Middlesex", "Essex", "Suffolk", "Norfolk", "Worcester", "Hampden", "Berkshire",
    "Franklin", "Jefferson", "Washington", "Monroe", "Madison", "Marion", "Greene",
    "Lake", "Orange", "Polk", "Clay", "Union", "Warren", "Wayne", "Montgomery", "Fulton",
    "Cook", "DuPage", "Kane", "Maricopa", "Pima", "Harris", "Travis", "Bexar", "Tarrant",
    "King", "Pierce", "Multnomah", "Lane", "Ada", "Cuyahoga", "Hamilton", "Allegheny",
    "Erie", "Kings", "Queens", "Bronx", "Richmond", "Fairfax", "Loudoun", "Prince George's",
    "Anne Arundel", "Baltimore", "Dade", "Broward", "Hillsborough", "Pinellas", "Shelby",
    "Knox", "Davidson", "St. Louis", "Jackson", "Douglas", "Sedgwick", "Oklahoma",
)
_STATES = (
    "MA", "NH", "VT", "ME", "CT", "RI", "NY", "NJ", "PA", "OH", "MI", "IN", "IL", "WI",
    "MN", "IA", "MO", "KS", "NE", "TX", "OK", "AR", "LA", "MS", "AL", "GA", "FL", "SC",
    "NC", "VA", "MD", "DE", "TN", "KY", "CO", "NM", "AZ", "UT", "NV", "CA", "OR", "WA",
    "ID", "MT", "WY", "ND", "SD", "AK", "HI", "WV",
)
_STATE_NAMES = (
    "Massachusetts", "Ohio", "Texas", "Florida", "Georgia", "Oregon", "Michigan",
    "Arizona", "New York", "Pennsylvania", "Virginia", "Colorado", "Tennessee",
)
_STREET_NAMES = (
    "Main", "Oak", "Elm", "Maple", "Pine", "Cedar", "Walnut", "Chestnut", "Washington",
    "Lincoln", "Jefferson", "Madison", "Franklin", "Park", "Lake", "Hill", "Church",
    "High", "Mill", "River", "Spring", "Center", "Union", "Highland", "Prospect",
    "Pleasant", "Sunset", "Ridge", "Forest", "Meadow", "Orchard", "Willow", "Birch",
    "Spruce", "Dogwood", "Magnolia", "Harbor", "Bay", "Summit", "Valley", "Liberty",
    "Independence", "Water", "Bridge", "School", "Academy", "Market", "Front", "Broad",
    "Greenwood", "Fairmount", "Lakeview", "Hillcrest", "Woodland", "Country Club",
    "Old Mill", "Quarry", "Depot", "Railroad", "Cherry Blossom", "Kings", "Hope", "Rose",
)
_STREET_SUFFIXES = (
    "Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Rd.", "Boulevard",
    "Blvd", "Drive", "Dr", "Dr.", "Lane", "Ln", "Way", "Court", "Ct", "Place", "Pl",
    "Terrace", "Circle", "Cir", "Parkway", "Pkwy", "Highway", "Trail", "Row",
)
_FEATURES = (
    "Cedar Ridge", "Maple Valley", "Pine Grove", "Oak Hill", "Riverbend", "Lakeside",
    "Harbor View", "Sunrise", "Willow Creek", "Green Meadows", "Stonebridge", "Brookside",
    "Fox Run", "Eagle Crest", "Silver Lake", "Heritage", "Meadowbrook", "Golden Valley",
    "Blue Ridge", "Crescent", "Bayside", "Elmwood", "Northgate", "Shady Pines",
)
_SAINTS = (
    "St. Mary's", "St. Elizabeth's", "Saint Luke's", "St. Joseph", "St. Vincent's",
    "Saint Francis", "St. Anne's", "St. Jude", "Sacred Heart", "Good Samaritan",
    "Holy Cross", "Mercy", "Providence", "Our Lady of Lourdes", "St. Agnes",
)
_EMAIL_DOMAINS = (
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com",
    "comcast.net", "verizon.net", "protonmail.com", "att.net", "msn.com", "live.com",
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MON_DOT = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class _NameList:
    """A Census name list: weighted draws follow name frequency, uniform draws reach rare names."""

    names: tuple[str, ...]
    cum: tuple[float, ...]

    def draw(self, rng: random.Random, rare_share: float) -> str:
        if rng.random() < rare_share:
            return self.names[rng.randrange(len(self.names))]
        return rng.choices(self.names, cum_weights=self.cum)[0]


@dataclass(frozen=True)
class _Vocab:
    female: _NameList
    male: _NameList
    last: _NameList
    # Hand-picked names absent from every Census list above.
    novel_female: tuple[str, ...]
    novel_male: tuple[str, ...]
    novel_last: tuple[str, ...]


def _cap(name: str) -> str:
    # Census lists are upper case; "MCDONALD" should read "McDonald".
    name = name.capitalize()
    if name.startswith("Mc") and len(name) > 3:
        name = "Mc" + name[2:].capitalize()
    return name


def _census_list(rows: Iterable[tuple[str, str]], drop: frozenset[str] = frozenset()) -> _NameList:
    names: list[str] = []
    cum: list[float] = []
    for name, cumulative in rows:
        if not name.isalpha() or len(name) < 2:
            continue
        if name in drop or name.startswith(_EPONYM_STEMS):
            continue
        names.append(_cap(name))
        # Dropped names leave their weight with the next name: harmless for sampling.
        cum.append(float(cumulative))
    return _NameList(tuple(names), tuple(cum))


#: Package data: the 1990 Census lists with their cumulative weights (source in its header;
#: built by benchmarks/build_lexicons.py), so synth needs nothing beyond the wheel.
CENSUS_WEIGHTED = "census_weighted.tsv.gz"


def _census_rows() -> dict[str, list[tuple[str, str]]]:
    """``kind -> [(NAME, cumulative %)]`` in the Census files' order."""
    import gzip
    from importlib import resources

    blob = resources.files("redactphi.data").joinpath(CENSUS_WEIGHTED).read_bytes()
    rows: dict[str, list[tuple[str, str]]] = {"female": [], "male": [], "last": []}
    for line in gzip.decompress(blob).decode("ascii").splitlines():
        if line and not line.startswith("#"):
            kind, name, cumulative = line.split("\t")
            rows[kind].append((name, cumulative))
    return rows


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """The Census name lists (read from package data rather than through the ``names``
    package's API, which draws from the global random state and would break seeding)."""
    rows = _census_rows()
    female = _census_list(rows["female"])
    male = _census_list(rows["male"])
    last = _census_list(rows["last"], _EPONYM_SURNAMES)
    census = {n.lower() for lst in (female, male, last) for n in lst.names}

    def novel(names: tuple[str, ...]) -> tuple[str, ...]:
        # Every alphabetic part must be unknown to the Census lists ("Al-Farsi": "al" may be
        # a surname, so is "farsi" enough? No: require all parts to be novel).
        return tuple(
            n for n in names
            if not any(part in census for part in re.findall(r"[a-z]+", n.lower()) if len(part) > 2)
        )

    return _Vocab(
        female=female,
        male=male,
        last=last,
        novel_female=novel(_MODERN_FIRST_F),
        novel_male=novel(_MODERN_FIRST_M),
        novel_last=novel(_MODERN_LAST),
    )


# --------------------------------------------------------------------------------------
# Clinical content (all PHI-free)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scenario:
    problem: str
    short: str
    icd: str
    hpi: tuple[str, ...]
    course: tuple[str, ...]
    meds: tuple[str, ...]
    labs: tuple[str, ...]
    plan: tuple[str, ...]
    queries: tuple[str, ...]


_SCENARIOS: tuple[_Scenario, ...] = (
    _Scenario(
        "acute on chronic systolic heart failure", "CHF EXAC", "I50.23",
        ("progressive dyspnea on exertion, 3-pillow orthopnea and a 10 lb weight gain",
         "worsening leg swelling after running out of furosemide two weeks ago"),
        ("diuresed with IV furosemide, net negative 6 L over the admission",
         "transitioned to oral torsemide 20 mg daily with stable creatinine"),
        ("furosemide 40 mg PO BID", "metoprolol succinate 50 mg daily",
         "sacubitril/valsartan 24/26 mg BID", "spironolactone 25 mg, take 1/2 tab daily"),
        ("BNP 1,840 pg/mL", "Na 133", "K 4.6", "Cr 1.6 (baseline 1.2)"),
        ("daily weights, 2 g sodium diet, 1.5 L fluid restriction",
         "repeat BMP in 1 week", "echo to reassess EF in 3 months"),
        ("target dose of sacubitril/valsartan in HFrEF with eGFR 35",
         "when to start an SGLT2 inhibitor after a heart failure admission"),
    ),
    _Scenario(
        "COPD exacerbation", "COPD EXAC", "J44.1",
        ("3 days of increased sputum and wheezing after a viral illness",
         "worsening dyspnea, now unable to walk to the mailbox"),
        ("treated with prednisone 40 mg x5 days, azithromycin and nebulizers",
         "weaned from BiPAP to 2 L nasal cannula by hospital day 2"),
        ("tiotropium 18 mcg inhaled daily", "albuterol HFA 2 puffs q4h PRN",
         "prednisone 40 mg daily x2 more days", "fluticasone/salmeterol 250/50 1 puff BID"),
        ("VBG pH 7.31 / pCO2 58", "WBC 12.4", "eosinophils 3%"),
        ("pulmonary rehab referral", "smoking cessation counseling, nicotine patch 21 mg"),
        ("duration of steroids for COPD exacerbation",
         "is azithromycin prophylaxis reasonable with QTc 470"),
    ),
    _Scenario(
        "community-acquired pneumonia", "CAP", "J18.9",
        ("fever to 39.2, productive cough and right-sided pleuritic chest pain",
         "4 days of cough, chills and new confusion noted by family"),
        ("started on ceftriaxone and azithromycin, defervesced within 48 hours",
         "blood cultures no growth at 5 days; changed to oral cefpodoxime"),
        ("cefpodoxime 200 mg PO BID x3 days", "guaifenesin 600 mg BID PRN",
         "acetaminophen 650 mg q6h PRN fever"),
        ("WBC 15.8", "procalcitonin 2.1", "lactate 1.4", "CURB-65 score 2"),
        ("repeat chest x-ray in 6-8 weeks", "pneumococcal vaccine before discharge"),
        ("CURB-65 2 outpatient vs inpatient management",
         "antibiotic duration for uncomplicated CAP"),
    ),
    _Scenario(
        "atrial fibrillation with rapid ventricular response", "AFIB RVR", "I48.91",
        ("palpitations and lightheadedness since this morning, HR 150s irregular",
         "new irregular tachycardia found at a routine visit"),
        ("rate controlled with IV diltiazem then oral metoprolol",
         "TSH normal; echo with preserved EF and mild left atrial enlargement"),
        ("metoprolol tartrate 25 mg BID", "apixaban 5 mg BID", "atorvastatin 40 mg nightly"),
        ("TSH 1.9", "Mg 1.8", "troponin < 0.01 x2"),
        ("CHA2DS2-VASc 4, continue anticoagulation", "Holter monitor x14 days"),
        ("apixaban dose reduction criteria with Cr 1.5 and weight 58 kg",
         "rate vs rhythm control in new onset atrial fibrillation"),
    ),
    _Scenario(
        "acute ischemic stroke", "CVA", "I63.512",
        ("sudden right arm weakness and word-finding difficulty, last known well 2 hours prior",
         "facial droop and slurred speech noticed by family"),
        ("NIHSS 6 on arrival, received tPA without complication",
         "MRI confirmed a small left MCA infarct; passed swallow evaluation"),
        ("aspirin 81 mg daily", "clopidogrel 75 mg daily x21 days", "atorvastatin 80 mg nightly"),
        ("LDL 142", "A1c 6.1%", "NIHSS 2 at discharge"),
        ("outpatient PT/OT and speech therapy", "BP goal < 130/80 after 72 hours"),
        ("dual antiplatelet duration after minor stroke",
         "tPA eligibility on apixaban with last dose 30 hours ago"),
    ),
    _Scenario(
        "diabetic ketoacidosis", "DKA", "E10.10",
        ("nausea, vomiting and polyuria for 2 days after missing insulin doses",
         "abdominal pain and Kussmaul respirations"),
        ("insulin drip per protocol, anion gap closed after 14 hours",
         "transitioned to basal-bolus insulin with diabetes education"),
        ("insulin glargine 22 units nightly", "insulin lispro sliding scale with meals",
         "ondansetron 4 mg q8h PRN"),
        ("glucose 512", "anion gap 24", "beta-hydroxybutyrate 6.2", "A1c 11.4%"),
        ("endocrinology follow-up in 2 weeks", "check glucose 4 times daily"),
        ("when to stop insulin drip in DKA", "potassium replacement threshold before insulin"),
    ),
    _Scenario(
        "urosepsis", "UROSEPSIS", "A41.51",
        ("fever, rigors and dysuria; hypotensive to 82/50 in triage",
         "new confusion and fever in the setting of a chronic indwelling Foley catheter"),
        ("30 mL/kg fluid bolus, cefepime, Foley catheter exchanged",
         "urine culture grew E. coli sensitive to ceftriaxone"),
        ("cefpodoxime 200 mg BID to complete 10 days", "tamsulosin 0.4 mg nightly"),
        ("lactate 3.1 then 1.2", "WBC 18.2", "UA > 50 WBC, nitrite positive"),
        ("voiding trial in urology clinic", "Foley catheter care teaching for family"),
        ("antibiotic length for E. coli bacteremia from urinary source",
         "should asymptomatic bacteriuria be treated in a catheterized patient"),
    ),
    _Scenario(
        "left femoral neck fracture after a fall", "HIP FX", "S72.002A",
        ("a mechanical fall at home and inability to bear weight on the left leg",
         "left hip pain and a shortened, externally rotated leg after tripping on a rug"),
        ("underwent hemiarthroplasty on hospital day 2, postoperative course uncomplicated",
         "mild postoperative delirium managed without antipsychotics"),
        ("enoxaparin 40 mg subcut daily x28 days", "oxycodone 5 mg q6h PRN severe pain",
         "calcium carbonate/vitamin D 600 mg/400 IU BID", "senna 8.6 mg nightly"),
        ("Hgb 9.8 postop", "vitamin D 18", "INR 1.1"),
        ("weight bearing as tolerated", "DXA scan and osteoporosis treatment"),
        ("VTE prophylaxis duration after hip fracture surgery",
         "best time to start a bisphosphonate after hip fracture"),
    ),
    _Scenario(
        "Parkinson disease with recurrent falls", "PARKINSON DZ FALLS", "G20.A1",
        ("three falls in a month, worsening freezing of gait and off periods",
         "increasing tremor and rigidity before the next carbidopa/levodopa dose"),
        ("carbidopa/levodopa schedule adjusted, PT for gait training",
         "orthostatic vitals positive; midodrine started"),
        ("carbidopa/levodopa 25/100 1.5 tabs five times daily", "midodrine 5 mg TID",
         "rivastigmine patch 4.6 mg/24 h"),
        ("orthostatic BP 132/78 supine, 98/60 standing", "B12 410"),
        ("home safety evaluation", "neurology follow-up to discuss DBS candidacy"),
        ("managing orthostatic hypotension in Parkinson disease",
         "levodopa dosing around protein meals"),
    ),
    _Scenario(
        "Crohn disease flare", "CROHNS FLARE", "K50.011",
        ("8-10 loose stools daily with cramping and 5 kg weight loss",
         "abdominal pain and bloody diarrhea despite adalimumab"),
        ("IV methylprednisolone with improvement; CT without abscess or stricture",
         "stool studies negative for C. difficile"),
        ("prednisone 40 mg daily with taper by 5 mg weekly", "adalimumab 40 mg every week",
         "pantoprazole 40 mg daily"),
        ("CRP 48", "fecal calprotectin 890", "albumin 3.0"),
        ("check adalimumab trough and antibodies", "GI clinic in 2 weeks"),
        ("switching biologics in Crohn disease after adalimumab failure",
         "steroid taper schedule for Crohn flare"),
    ),
    _Scenario(
        "upper GI bleed", "UGIB", "K92.2",
        ("melena for 2 days and lightheadedness on standing",
         "coffee-ground emesis while taking ibuprofen for back pain"),
        ("transfused 2 units PRBC; EGD found a clean-based duodenal ulcer",
         "Glasgow-Blatchford score 9 on admission; no rebleeding"),
        ("pantoprazole 40 mg PO BID x8 weeks", "ferrous sulfate 325 mg every other day"),
        ("Hgb 6.9 nadir, 8.4 at discharge", "BUN 48", "H. pylori stool antigen positive"),
        ("H. pylori eradication therapy", "avoid NSAIDs", "repeat EGD in 8 weeks"),
        ("Glasgow-Blatchford score threshold for outpatient management",
         "resuming aspirin after peptic ulcer bleed"),
    ),
    _Scenario(
        "left lower extremity cellulitis", "CELLULITIS LLE", "L03.116",
        ("spreading redness and warmth of the left shin for 3 days",
         "painful swollen left leg with fever after a scrape while gardening"),
        ("treated with IV cefazolin, erythema receded from the marked borders",
         "duplex negative for DVT"),
        ("cephalexin 500 mg QID x5 days", "acetaminophen 1 g q8h PRN"),
        ("WBC 11.2", "CRP 61"),
        ("elevate the leg, compression once healed", "podiatry for tinea pedis"),
        ("cellulitis antibiotic choice with penicillin allergy",
         "when to add MRSA coverage for nonpurulent cellulitis"),
    ),
    _Scenario(
        "Alzheimer dementia with hyperactive delirium", "DELIRIUM/DEMENTIA", "F05",
        ("acute agitation and sleep-wake reversal, baseline moderate Alzheimer dementia",
         "new confusion, pulling at lines and not recognizing family"),
        ("UTI treated; delirium precautions, melatonin, reorientation",
         "quetiapine 12.5 mg once for severe agitation, then not needed"),
        ("donepezil 10 mg nightly", "memantine 10 mg BID", "melatonin 3 mg at 9 PM"),
        ("TSH 2.2", "B12 520", "CAM positive on admission, negative by day 4"),
        ("memory clinic follow-up", "discuss goals of care with health care proxy"),
        ("antipsychotic use for delirium in Alzheimer dementia",
         "non-drug delirium prevention bundle elements"),
    ),
    _Scenario(
        "Hodgkin lymphoma on chemotherapy", "HODGKIN LYMPHOMA", "C81.90",
        ("fever and neutropenia during cycle 3 of ABVD",
         "new night sweats and neck adenopathy 2 years after remission"),
        ("febrile neutropenia treated with cefepime, ANC recovered with filgrastim",
         "PET/CT showed Deauville 2 response"),
        ("filgrastim 480 mcg subcut daily", "ondansetron 8 mg q8h PRN",
         "acyclovir 400 mg BID"),
        ("ANC 380", "Hgb 9.1", "platelets 88", "LDH 260"),
        ("oncology clinic before next cycle", "PFTs before bleomycin continuation"),
        ("bleomycin pulmonary toxicity monitoring in Hodgkin lymphoma",
         "G-CSF prophylaxis with ABVD"),
    ),
    _Scenario(
        "Bell's palsy", "BELLS PALSY", "G51.0",
        ("right facial droop on waking and inability to close the right eye",
         "left facial weakness involving the forehead since yesterday"),
        ("started on prednisone within 72 hours, eye protection taught",
         "MRI not indicated; no other cranial nerve findings"),
        ("prednisone 60 mg daily x5 days then taper", "valacyclovir 1 g TID x7 days",
         "artificial tears 1 drop q1h while awake"),
        ("glucose 142", "Lyme serology pending"),
        ("eye patch at night", "ENT follow-up if no improvement in 3 weeks"),
        ("steroids plus antivirals for Bell's palsy evidence",
         "Bell's palsy in pregnancy management"),
    ),
    _Scenario(
        "hyperkalemia with CKD stage 4", "HYPERK/CKD4", "E87.5",
        ("weakness and K 6.8 on routine labs after starting lisinopril",
         "peaked T waves on ECG at a dialysis access planning visit"),
        ("calcium gluconate, insulin/dextrose and patiromer; lisinopril stopped",
         "nephrology consulted, fistula planning discussed"),
        ("patiromer 8.4 g daily", "sodium bicarbonate 650 mg BID", "amlodipine 10 mg daily"),
        ("K 6.8 then 5.1", "Cr 3.4", "eGFR 17", "HCO3 18"),
        ("low potassium diet teaching", "vein mapping for AV fistula"),
        ("patiromer vs sodium zirconium cyclosilicate in CKD",
         "ACE inhibitor continuation with K 5.6"),
    ),
)

_IMAGING: tuple[tuple[str, str, str], ...] = (
    ("CT HEAD WITHOUT CONTRAST",
     "No acute intracranial hemorrhage, mass effect or midline shift. Chronic small vessel "
     "ischemic changes. Ventricles proportionate to sulci.",
     "No acute intracranial abnormality."),
    ("CHEST X-RAY, PA AND LATERAL",
     "Mild cardiomegaly. Small bilateral pleural effusions with pulmonary vascular "
     "congestion. No pneumothorax.",
     "Findings consistent with mild pulmonary edema."),
    ("CT ABDOMEN AND PELVIS WITH IV CONTRAST",
     "Wall thickening of the terminal ileum over 12 cm with mucosal hyperenhancement and "
     "fat stranding, compatible with active Crohn disease. No abscess or fistula.",
     "Active terminal ileitis without complication."),
    ("MRI BRAIN WITHOUT AND WITH CONTRAST",
     "Restricted diffusion in the left MCA territory involving the insular cortex. No "
     "hemorrhagic transformation.",
     "Acute left MCA territory infarct."),
    ("US ABDOMEN RIGHT UPPER QUADRANT",
     "Multiple gallstones. Gallbladder wall 2 mm. Sonographic Murphy sign negative. CBD 4 mm.",
     "Cholelithiasis without evidence of cholecystitis."),
    ("XR LEFT HIP 2 VIEWS",
     "Displaced subcapital femoral neck fracture. Degenerative changes of both hips.",
     "Displaced left femoral neck fracture (Garden IV)."),
    ("CTA CHEST PE PROTOCOL",
     "No filling defect to suggest pulmonary embolism. 6 mm solid nodule in the right upper "
     "lobe. Emphysema.",
     "No PE. 6 mm RUL nodule; follow-up CT in 6-12 months per Fleischner Society guidelines."),
    ("MRI LUMBAR SPINE WITHOUT CONTRAST",
     "L4-L5 disc protrusion with moderate left lateral recess narrowing contacting the "
     "traversing L5 nerve root. Conus terminates at L1.",
     "L4-L5 disc protrusion with left L5 nerve root contact."),
)

# (test, unit, reference range, low, high, decimals)
_LAB_ROWS: tuple[tuple[str, str, str, float, float, int], ...] = (
    ("Sodium", "mmol/L", "135-145", 128, 146, 0),
    ("Potassium", "mmol/L", "3.5-5.1", 3.0, 6.2, 1),
    ("Chloride", "mmol/L", "98-107", 95, 110, 0),
    ("CO2", "mmol/L", "22-29", 16, 30, 0),
    ("BUN", "mg/dL", "7-20", 6, 60, 0),
    ("Creatinine", "mg/dL", "0.6-1.3", 0.6, 3.9, 2),
    ("Glucose", "mg/dL", "70-99", 65, 420, 0),
    ("Calcium", "mg/dL", "8.5-10.2", 7.9, 10.8, 1),
    ("WBC", "K/uL", "4.0-11.0", 2.1, 19.5, 1),
    ("Hemoglobin", "g/dL", "12.0-16.0", 6.8, 16.2, 1),
    ("Platelets", "K/uL", "150-400", 60, 480, 0),
    ("INR", "", "0.9-1.1", 0.9, 3.4, 1),
    ("TSH", "uIU/mL", "0.4-4.0", 0.1, 9.8, 2),
    ("Hemoglobin A1c", "%", "4.0-5.6", 5.0, 12.0, 1),
    ("Troponin I", "ng/mL", "<0.04", 0.01, 0.9, 2),
    ("Magnesium", "mg/dL", "1.7-2.2", 1.3, 2.6, 1),
)

# Hard negatives: sentences that look identifying in places but contain no PHI.
_NEGATIVES: tuple[str, ...] = (
    "Foley catheter in place draining clear yellow urine.",
    "Babinski downgoing bilaterally; strength 5/5 throughout.",
    "Strength 4/5 in the left deltoid, 5/5 elsewhere.",
    "GCS 15, no focal deficits.",
    "Glasgow Coma Scale 14 (E4 V4 M6) on arrival.",
    "History of Bell's palsy in {year}, fully resolved.",
    "Remote Hodgkin lymphoma treated with ABVD in {year}, in remission.",
    "Crohn's disease, quiescent on adalimumab since {year}.",
    "No tremor or cogwheeling to suggest Parkinson disease.",
    "Mother had Alzheimer disease diagnosed in her 70s.",
    "Born at term with Apgar scores of 8 and 9.",
    "Take 1/2 tab at bedtime if systolic BP > 110.",
    "Tube feeds at 3/4 strength, advance to goal as tolerated.",
    "Pain 6/10, improved to 3/10 after oxycodone 5 mg.",
    "Wears Dr. Scholl's inserts for plantar fasciitis.",
    "Pharmacy substituted the Dr. Reddy's generic of omeprazole.",
    "Quit smoking in {year} after 20 pack-years.",
    "Screening colonoscopy in {year} was normal.",
    "Transferred to room 412 for telemetry monitoring.",
    "Bed 7 in pod C; fall precautions in place.",
    "Temp rose to 38.9 overnight; blood cultures x2 drawn.",
    "Urine dark brown this morning, UA sent.",
    "Family will bring home medications tomorrow.",
    "Patient may shower; keep incision clean and dry.",
    "We hope to switch to oral antibiotics within 48 hours.",
    "Price of insulin is a barrier; social work consulted for copay assistance.",
    "Faith is important to her; chaplain visited today.",
    "Homans sign negative. Murphy sign negative.",
    "Swan-Ganz catheter removed without complication.",
    "Wells score 1.5, D-dimer 310.",
    "Stung by a wasp while trimming a bush last summer, no anaphylaxis.",
    "Sleeps in a king-size bed with the head raised on 2 pillows.",
    "Weight 71.4 kg, BMI 26.3.",
    "ECG: sinus rhythm at 78, PR 168 ms, QTc 452 ms.",
    "Pacemaker (Medtronic Azure XT DR MRI SureScan) interrogated: normal function.",
    "Uses a Dexcom G7 sensor and an Omnipod 5 pump.",
    "PICC line placed in the right basilic vein, tip at the cavoatrial junction.",
    "Received tetanus booster; last one was in {year}.",
    "Billing codes ICD-10 {icd}, CPT 99223.",
    "Apixaban 2.5 mg BID per dose criteria (age, weight, Cr).",
    "Discussed with pharmacy: vancomycin trough 15.2, goal 15-20.",
    "Young adult cousin has similar symptoms.",
    "Hx of MI {year} s/p DES to LAD.",
    "Eye drops 1-2 drops OU q4-6h.",
    "Return precautions reviewed; follow up in 2-3 weeks.",
)
_ICU_NEGATIVES: tuple[str, ...] = (
    "FOLEY PATENT CLEAR YELLOW UOP 40-60 ML/HR",
    "GCS 15 PERRLA 3MM BRISK MAE X4",
    "BABINSKI NEG",
    "STRENGTH 3/5 LUE 5/5 OTHERS",
    "PAIN 4/10 GIVEN TYLENOL 650 PO",
    "TF @ 3/4 STRENGTH 45ML/HR",
    "SKIN INTACT BRADEN 14",
    "HOB >30 ORAL CARE Q4",
    "PT HX PARKINSONS MEDS GIVEN ON TIME",
    "RASS 0 CAM ICU NEG",
    "A-LINE WAVEFORM GOOD",
    "K 3.4 REPLACED 20 MEQ IV",
    "TEMP ROSE TO 38.4 CX SENT",
)
_DRUG_BRANDS = (
    "Lasix", "Coumadin", "Eliquis", "Xarelto", "Keppra", "Zofran", "Tylenol", "Norco",
    "Lovenox", "Protonix", "Ativan", "Haldol", "Seroquel", "Synthroid", "Lipitor",
)


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


# --------------------------------------------------------------------------------------
# Identifier values with real check digits (a recognizer may validate them)
# --------------------------------------------------------------------------------------


def _luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # positions that get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _npi(rng: random.Random) -> str:
    body = str(rng.choice((1, 2))) + "".join(str(rng.randrange(10)) for _ in range(8))
    return body + _luhn_digit("80840" + body)


def _dea(rng: random.Random, last_name: str) -> str:
    d = [rng.randrange(10) for _ in range(6)]
    check = ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10
    initial = last_name[0].upper() if last_name[:1].isascii() and last_name[:1].isalpha() else "X"
    return rng.choice("ABFGM") + initial + "".join(map(str, d)) + str(check)


_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_VIN_VALUES = {
    **{str(i): i for i in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def _vin(rng: random.Random) -> str:
    chars = [rng.choice(_VIN_CHARS) for _ in range(17)]
    chars[9] = rng.choice("DEFGHJKLMNPRS")  # model year code
    total = sum(_VIN_VALUES[c] * w for c, w in zip(chars, _VIN_WEIGHTS, strict=True))
    chars[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(chars)


def _ssn_parts(rng: random.Random) -> tuple[str, str, str]:
    # A valid-looking SSN (area 001-899 except 666, group and serial non-zero), since a
    # recognizer may reject impossible ones.
    area = rng.randrange(1, 899)
    if area >= 666:
        area += 1
    return f"{area:03d}", f"{rng.randrange(1, 100):02d}", f"{rng.randrange(1, 10000):04d}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


# --------------------------------------------------------------------------------------
# Note assembly
# --------------------------------------------------------------------------------------


class _Doc:
    """Appends text; PHI spans are recorded where they are appended (exact by construction)."""

    def __init__(self, case: str | None) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.spans: list[GoldSpan] = []
        self._case = case

    def _shape(self, text: str) -> str:
        if self._case == "upper":
            return text.upper()
        if self._case == "lower":
            return text.lower()
        return text

    def lit(self, text: str) -> None:
        text = self._shape(text)
        self._parts.append(text)
        self._pos += len(text)

    def phi(self, typ: str, text: str) -> None:
        text = self._shape(text)
        if not text or text != text.strip():
            raise AssertionError(f"malformed {typ} span in generator (length {len(text)})")
        self.spans.append(GoldSpan(self._pos, self._pos + len(text), typ, text))
        self._parts.append(text)
        self._pos += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)


@dataclass
class _Person:
    first: str
    middle: str
    last: str
    sex: str  # "F" or "M"
    suffix: str = ""


_FIELD = re.compile(r"\{(\w+)\}")


@functools.lru_cache(maxsize=4096)
def _parse_template(template: str) -> tuple[tuple[bool, str], ...]:
    """Split a template into (is_field, text) pieces once; templates are reused a lot."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for m in _FIELD.finditer(template):
        if m.start() > pos:
            pieces.append((False, template[pos : m.start()]))
        pieces.append((True, m.group(1)))
        pos = m.end()
    if pos < len(template):
        pieces.append((False, template[pos:]))
    return tuple(pieces)


class _Ctx:
    """One note being written: its random source, its people and places, and the fields
    templates can use as ``{name}`` (method ``f_name``)."""

    def __init__(self, rng: random.Random, style: str, phi_free: bool, case: str | None) -> None:
        self.rng = rng
        self.style = style
        self.phi_free = phi_free
        self.doc = _Doc(case)
        self.v = _vocab()
        self.scn = rng.choice(_SCENARIOS)
        self.base = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(0, 3500))
        self.los = rng.randrange(1, 12)
        sex = rng.choice("FM")
        self.pt = self._person(sex)
        r = rng.random()
        # Ages over 89 are PHI; 89 itself is the boundary hard negative.
        if phi_free:
            self.age = rng.randrange(19, 90)
        elif r < 0.25:
            self.age = rng.randrange(90, 106)
        elif r < 0.29:
            self.age = 89
        else:
            self.age = rng.randrange(19, 89)
        self._attending: _Person | None = None
        self._facility: str | None = None
        self._relative: tuple[str, _Person] | None = None

    # -- plumbing ------------------------------------------------------------------

    def say(self, template: str) -> None:
        """Write a template; ``{field}`` calls ``self.f_field()`` at that point."""
        for is_field, piece in _parse_template(template):
            if is_field:
                getattr(self, "f_" + piece)()
            else:
                self.doc.lit(piece)

    def pick(self, *templates: str) -> None:
        self.say(self.rng.choice(templates))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def lit(self, text: str) -> None:
        self.doc.lit(text)

    def phi(self, typ: str, text: str) -> None:
        if self.phi_free:
            raise AssertionError("PHI written into a PHI-free note (generator bug)")
        self.doc.phi(typ, text)

    # -- people ----------------------------------------------------------------------

    def _first(self, sex: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.10:
            return rng.choice(_WORD_FIRST_F if sex == "F" else _WORD_FIRST_M)
        if r < 0.18:
            return rng.choice(_EXTRA_FIRST_F if sex == "F" else _EXTRA_FIRST_M)
        if r < 0.33:
            return rng.choice(self.v.novel_female if sex == "F" else self.v.novel_male)
        return (self.v.female if sex == "F" else self.v.male).draw(rng, 0.25)

    def _last(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.09:
            return rng.choice(_WORD_LAST)
        if r < 0.15:
            return rng.choice(_APOSTROPHE_LAST)
        if r < 0.19:
            return f"{self.v.last.draw(rng, 0.2)}-{self.v.last.draw(rng, 0.2)}"
        if r < 0.34:
            return rng.choice(self.v.novel_last)
        return self.v.last.draw(rng, 0.3)

    def _person(self, sex: str | None = None) -> _Person:
        rng = self.rng
        sex = sex or rng.choice("FM")
        middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.5 else ""
        suffix = rng.choice(("Jr.", "Sr.", "III", "II")) if sex == "M" and rng.random() < 0.05 else ""
        return _Person(self._first(sex), middle, self._last(), sex, suffix)

    def _name_text(self, p: _Person, form: str) -> str:
        mid = f" {p.middle}." if p.middle else ""
        suf = f" {p.suffix}" if p.suffix else ""
        if form == "full":
            return f"{p.first} {p.last}{suf}"
        if form == "full_mi":
            return f"{p.first}{mid} {p.last}{suf}"
        if form == "first":
            return p.first
        if form == "last":
            return p.last
        if form == "initial_last":
            return f"{p.first[0]}. {p.last}"
        if form == "first_initial":
            return f"{p.first} {p.last[0]}."
        if form == "initials":
            return f"{p.first[0]}.{p.middle + '.' if p.middle else ''}{p.last[0]}."
        if form == "last_first":
            return f"{p.last}, {p.first}{mid}"
        if form == "LAST_FIRST":
            return f"{p.last}, {p.first}{mid}".upper()
        if form == "CAPS":
            return f"{p.first} {p.last}{suf}".upper()
        raise ValueError(form)

    def _title(self, p: _Person) -> str:
        if p.sex == "M":
            return self.rng.choice(("Mr. ", "Mr. ", "Mr ", "MR. "))
        return self.rng.choice(("Mrs. ", "Ms. ", "Ms. ", "Miss ", "Ms "))

    def _patient(self, forms: tuple[str, ...], fallback: str) -> None:
        if self.phi_free:
            self.lit(fallback)
            return
        form = self.rng.choice(forms)
        if form == "title_last":
            self.lit(self._title(self.pt))
            self.phi("NAME", self.pt.last)
        elif form == "title_full":
            self.lit(self._title(self.pt))
            self.phi("NAME", self._name_text(self.pt, "full"))
        else:
            self.phi("NAME", self._name_text(self.pt, form))

    def f_pt(self) -> None:
        """The patient in running text."""
        self._patient(
            ("full", "full", "full_mi", "title_last", "title_last", "title_full", "first",
             "first_initial", "initials", "initial_last", "CAPS", "last"),
            self.rng.choice(("the patient", "the patient", "pt")),
        )

    def f_Pt(self) -> None:
        """The patient at the start of a sentence."""
        self._patient(
            ("full", "full_mi", "title_last", "title_last", "first", "first_initial", "CAPS"),
            self.rng.choice(("The patient", "Patient", "Pt")),
        )

    def f_pt_full(self) -> None:
        self._patient(("full", "full_mi", "full", "CAPS", "first_initial"), "the patient")

    def f_pt_header(self) -> None:
        self._patient(
            ("LAST_FIRST", "LAST_FIRST", "last_first", "last_first", "full_mi", "CAPS", "full"),
            "",
        )

    def f_pt_first(self) -> None:
        self._patient(("first",), "")

    def f_pt_short(self) -> None:
        self._patient(("title_last", "title_last", "first", "initials"), "the patient")

    def f_he(self) -> None:
        self.lit("she" if self.pt.sex == "F" else "he")

    def f_He(self) -> None:
        self.lit("She" if self.pt.sex == "F" else "He")

    def f_his(self) -> None:
        self.lit("her" if self.pt.sex == "F" else "his")

    def f_His(self) -> None:
        self.lit("Her" if self.pt.sex == "F" else "His")

    def f_him(self) -> None:
        self.lit("her" if self.pt.sex == "F" else "him")

    def f_gender(self) -> None:
        self.lit(self.rng.choice(("female", "woman")) if self.pt.sex == "F" else self.rng.choice(("male", "man")))

    def f_sex(self) -> None:
        self.lit(self.pt.sex)

    def _relation(self) -> tuple[str, _Person]:
        if self._relative is None:
            rng = self.rng
            rel = rng.choice(("wife", "husband", "daughter", "son", "sister", "brother",
                              "niece", "nephew", "granddaughter", "grandson", "partner"))
            sex = "M" if rel in ("husband", "son", "brother", "nephew", "grandson") else (
                rng.choice("FM") if rel == "partner" else "F")
            person = self._person(sex)
            if rel in ("wife", "husband", "son", "daughter") and rng.random() < 0.6:
                person.last = self.pt.last  # families often share a surname
            self._relative = (rel, person)
        return self._relative

    def f_rel(self) -> None:
        """A relative, with the relationship as context: "his daughter, Ann Lee"."""
        rel, p = self._relation()
        if self.phi_free:
            self.lit(f"{self.rng.choice(('the', 'the', 'a'))} {rel}")
            return
        form = self.rng.choice(("a", "b", "c", "d", "e", "f"))
        if form == "a":
            self.lit(f"{rel} ")
            self.phi("NAME", p.first)
        elif form == "b":
            self.say("{his} ")
            self.lit(f"{rel}, ")
            self.phi("NAME", self._name_text(p, "full"))
            self.lit(",")
        elif form == "c":
            self.lit(f"{rel} (")
            self.phi("NAME", p.first)
            self.lit(")")
        elif form == "d":
            self.phi("NAME", self._name_text(p, "full"))
            self.lit(f" ({rel})")
        elif form == "e":
            self.lit(f"{rel} ")
            self.phi("NAME", self._name_text(p, self.rng.choice(("full", "first", "CAPS"))))
        else:
            self.phi("NAME", p.first)
            self.lit(f", {rel},")

    def f_rel_name(self) -> None:
        _, p = self._relation()
        if self.phi_free:
            self.lit("family")
            return
        self.phi("NAME", self._name_text(p, self.rng.choice(("full", "first", "first", "CAPS"))))

    def f_relation(self) -> None:
        self.lit(self._relation()[0])

    def attending(self) -> _Person:
        if self._attending is None:
            self._attending = self._person()
        return self._attending

    def _clinician(self, p: _Person, *, signature: bool = False) -> None:
        rng = self.rng
        if self.phi_free:
            self.lit(rng.choice(("the attending", "the covering provider", "the primary team")))
            return
        cred = rng.choice((", MD", ", MD", " MD", ", M.D.", ", DO", ", NP", ", PA-C", ", MD, PhD",
                           ", FNP-BC", ", MD FACC"))
        style = rng.choice(("dr_last", "dr_full", "full_cred", "init_cred", "last_first_cred", "bare")
                           if signature else ("dr_last", "dr_last", "dr_full", "full_cred", "dr_init"))
        if style == "dr_last":
            self.lit(rng.choice(("Dr. ", "Dr. ", "Dr ", "DR. ", "Doctor ")))
            self.phi("NAME", p.last)
        elif style == "dr_full":
            self.lit(rng.choice(("Dr. ", "Dr ", "Dr. ")))
            self.phi("NAME", self._name_text(p, rng.choice(("full", "full_mi"))))
        elif style == "dr_init":
            self.lit("Dr. ")
            self.phi("NAME", self._name_text(p, "initial_last"))
        elif style == "full_cred":
            self.phi("NAME", self._name_text(p, rng.choice(("full", "full_mi"))))
            self.lit(cred)
        elif style == "init_cred":
            self.phi("NAME", self._name_text(p, "initial_last"))
            self.lit(cred)
        elif style == "last_first_cred":
            self.phi("NAME", self._name_text(p, "last_first"))
            self.lit(cred.replace(",", "", 1))
        else:
            self.phi("NAME", self._name_text(p, "full"))

    def f_clin(self) -> None:
        """The attending (mostly) or another physician, with title or credentials."""
        p = self.attending() if self.chance(0.6) else self._person()
        self._clinician(p)

    def f_clin_other(self) -> None:
        self._clinician(self._person())

    def f_clin_last(self) -> None:
        if self.phi_free:
            self.lit("Doctor")
            return
        self.phi("NAME", self.attending().last)

    def f_sig(self) -> None:
        self._clinician(self.attending(), signature=True)

    def f_nurse(self) -> None:
        if self.phi_free:
            self.lit("RN")
            return
        p = self._person()
        form = self.rng.choice(("a", "b", "c", "d"))
        if form == "a":
            self.phi("NAME", self._name_text(p, "full"))
            self.lit(self.rng.choice((", RN", " RN", ", BSN, RN", ", LPN")))
        elif form == "b":
            self.lit("RN ")
            self.phi("NAME", self._name_text(p, self.rng.choice(("first", "full", "initial_last"))))
        elif form == "c":
            self.phi("NAME", self._name_text(p, "initial_last"))
            self.lit(" RN")
        else:
            self.phi("NAME", self._name_text(p, "first"))
            self.lit(" (charge RN)")

    # -- places ----------------------------------------------------------------------

    def _city_name(self) -> str:
        return self.rng.choice(_CITIES)

    def _hospital_name(self) -> str:
        rng = self.rng
        form = rng.randrange(8)
        if form == 0:
            return f"{rng.choice(_SAINTS)} Hospital"
        if form == 1:
            return f"{rng.choice(_SAINTS)} Medical Center"
        if form == 2:
            return f"{self._city_name()} {rng.choice(('General Hospital', 'Memorial Hospital', 'Community Hospital', 'Regional Medical Center'))}"
        if form == 3:
            return f"{self.v.last.draw(rng, 0.1)} Memorial Hospital"
        if form == 4:
            return f"{rng.choice(_FEATURES)} {rng.choice(('Medical Center', 'Hospital', 'Health', 'Regional Hospital'))}"
        if form == 5:
            return f"University of {self._city_name()} Medical Center"
        if form == 6:
            return f"{self._city_name()} VA Medical Center"
        return f"{rng.choice(_SAINTS)} {rng.choice(('Health Center', 'Regional'))}"

    def _clinic_name(self) -> str:
        rng = self.rng
        form = rng.randrange(5)
        if form == 0:
            return f"{self._city_name()} Family Health Center"
        if form == 1:
            return f"{rng.choice(_FEATURES)} {rng.choice(('Pediatrics', 'Cardiology Associates', 'Primary Care', 'Internal Medicine', 'Dialysis Center', 'Urgent Care'))}"
        if form == 2:
            return f"{self.v.last.draw(rng, 0.1)} Family Practice"
        if form == 3:
            return f"{self._city_name()} Community Health Clinic"
        return f"{self.v.last.draw(rng, 0.1)} & {self.v.last.draw(rng, 0.1)} Orthopedics"

    def _nursing_home_name(self) -> str:
        rng = self.rng
        form = rng.randrange(5)
        if form == 0:
            return f"{rng.choice(_FEATURES)} Nursing and Rehabilitation Center"
        if form == 1:
            return f"{rng.choice(_FEATURES)} Manor"
        if form == 2:
            return f"{rng.choice(_FEATURES)} Gardens Skilled Nursing Facility"
        if form == 3:
            return f"{self.v.last.draw(rng, 0.1)} House"
        return f"{rng.choice(_FEATURES)} Hospice"

    def _pharmacy_name(self) -> str:
        rng = self.rng
        form = rng.randrange(5)
        if form == 0:
            return f"{rng.choice(_FEATURES)} Pharmacy"
        if form == 1:
            return f"{self.v.last.draw(rng, 0.1)}'s Pharmacy"
        if form == 2:
            return f"CVS Pharmacy #{rng.randrange(1000, 10000)}"
        if form == 3:
            return f"Walgreens #{rng.randrange(1000, 20000)}"
        return f"{self._city_name()} Apothecary"

    def facility(self) -> str:
        if self._facility is None:
            self._facility = self._hospital_name()
        return self._facility

    def f_fac(self) -> None:
        """The note's hospital (mostly) or another one."""
        if self.phi_free:
            self.lit(self.rng.choice(("an outside hospital", "the hospital", "our ED")))
            return
        self.phi("GEOGRAPHIC_LOCATION", self.facility() if self.chance(0.7) else self._hospital_name())

    def f_other_fac(self) -> None:
        if self.phi_free:
            self.lit("an outside hospital")
            return
        self.phi("GEOGRAPHIC_LOCATION", self._hospital_name())

    def f_clinic(self) -> None:
        if self.phi_free:
            self.lit("clinic")
            return
        self.phi("GEOGRAPHIC_LOCATION", self._clinic_name())

    def f_nh(self) -> None:
        if self.phi_free:
            self.lit(self.rng.choice(("a skilled nursing facility", "rehab", "home with services")))
            return
        self.phi("GEOGRAPHIC_LOCATION", self._nursing_home_name())

    def f_pharm(self) -> None:
        if self.phi_free:
            self.lit("the pharmacy")
            return
        self.phi("GEOGRAPHIC_LOCATION", self._pharmacy_name())

    def f_city(self) -> None:
        if self.phi_free:
            self.lit("town")
            return
        self.phi("GEOGRAPHIC_LOCATION", self._city_name())

    def f_county(self) -> None:
        if self.phi_free:
            self.lit("the county")
            return
        self.phi("GEOGRAPHIC_LOCATION", f"{self.rng.choice(_COUNTIES)} County")

    def f_state(self) -> None:
        self.lit(self.rng.choice(_STATE_NAMES))

    def _street(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.06:
            return f"PO Box {rng.randrange(10, 9999)}"
        if r < 0.09:
            return f"RR {rng.randrange(1, 9)} Box {rng.randrange(1, 300)}"
        num = str(rng.choice((rng.randrange(1, 100), rng.randrange(100, 1000), rng.randrange(1000, 99999))))
        if rng.random() < 0.12:
            name = f"{_ordinal(rng.randrange(1, 60))}"
        elif rng.random() < 0.15:
            name = self.v.last.draw(rng, 0.1)
        else:
            name = rng.choice(_STREET_NAMES)
        direction = rng.choice(("N ", "S ", "E ", "W ", "North ", "West ")) if rng.random() < 0.15 else ""
        street = f"{num} {direction}{name} {rng.choice(_STREET_SUFFIXES)}"
        if rng.random() < 0.35:
            street += rng.choice((
                f", Apt {rng.randrange(1, 40)}{rng.choice(('', 'A', 'B', 'C'))}",
                f" Apt. {rng.randrange(1, 400)}",
                f", Suite {rng.randrange(100, 900)}",
                f" Ste {rng.randrange(1, 500)}",
                f", Unit {rng.randrange(1, 30)}",
                f" #{rng.randrange(1, 60)}",
                f", Lot {rng.randrange(1, 99)}",
            ))
        return street

    def _zip(self) -> str:
        z = f"{self.rng.randrange(1000, 99951):05d}"
        return z + f"-{self.rng.randrange(0, 10000):04d}" if self.chance(0.25) else z

    def f_street(self) -> None:
        if self.phi_free:
            self.lit("home")
            return
        self.phi("GEOGRAPHIC_LOCATION", self._street())

    def f_zip(self) -> None:
        if self.phi_free:
            self.lit("")
            return
        self.phi("GEOGRAPHIC_LOCATION", self._zip())

    def f_addr(self) -> None:
        """Street, city, state and ZIP; the state is context (not PHI under Safe Harbor)."""
        if self.phi_free:
            self.lit("address on file")
            return
        rng = self.rng
        self.phi("GEOGRAPHIC_LOCATION", self._street())
        self.lit(rng.choice((", ", "\n", ", ")))
        self.phi("GEOGRAPHIC_LOCATION", self._city_name())
        self.lit(f"{rng.choice((', ', ' ', ', '))}{rng.choice(_STATES)}{rng.choice((' ', '  ', ' '))}")
        self.phi("GEOGRAPHIC_LOCATION", self._zip())

    # -- dates and ages ----------------------------------------------------------------

    def _write_date(self, d: dt.date, header: bool) -> None:
        rng = self.rng
        m, day, y = d.month, d.day, d.year
        forms = ("slash_pad", "slash", "slash_short", "iso", "dmy_abbr", "mon_d_y") if header else (
            "slash_pad", "slash", "slash_short", "md", "iso", "dmy_abbr", "month_ord",
            "month_day", "mon_d_y", "month_d_y", "month_ord_y", "d_month", "d_month_y",
            "the_ord_of", "weekday", "month_year", "dash", "dotted", "mil", "apos",
        )
        form = rng.choice(forms)
        if form == "slash_pad":
            text = f"{m:02d}/{day:02d}/{y}"
        elif form == "slash":
            text = f"{m}/{day}/{y}"
        elif form == "slash_short":
            text = f"{m}/{day}/{y % 100:02d}"
        elif form == "md":
            text = f"{m}/{day}"
        elif form == "iso":
            text = d.isoformat()
        elif form == "dmy_abbr":
            text = f"{day:02d}-{_MON[m - 1]}-{y}"
        elif form == "month_ord":
            text = f"{_MONTHS[m - 1]} {_ordinal(day)}"
        elif form == "month_day":
            text = f"{rng.choice((_MONTHS, _MON_DOT))[m - 1]} {day}"
        elif form == "mon_d_y":
            text = f"{rng.choice((_MON, _MON_DOT))[m - 1]} {day}, {y}"
        elif form == "month_d_y":
            text = f"{_MONTHS[m - 1]} {day}, {y}"
        elif form == "month_ord_y":
            text = f"{_MONTHS[m - 1]} {_ordinal(day)}, {y}"
        elif form == "d_month":
            text = f"{day} {_MONTHS[m - 1]}"
        elif form == "d_month_y":
            text = f"{day} {rng.choice((_MONTHS, _MON))[m - 1]} {y}"
        elif form == "the_ord_of":
            self.lit("the ")
            text = f"{_ordinal(day)} of {_MONTHS[m - 1]}"
        elif form == "weekday":
            self.lit(f"{rng.choice((_WEEKDAYS, _WEEKDAYS_SHORT))[d.weekday()]}{rng.choice((', ', ' '))}")
            text = rng.choice((f"{_MONTHS[m - 1]} {day}", f"{m}/{day}", f"{_MON[m - 1]} {day}, {y}"))
        elif form == "month_year":
            text = rng.choice((f"{_MONTHS[m - 1]} {y}", f"{_MON[m - 1]} {y}", f"{m:02d}/{y}"))
        elif form == "dash":
            text = f"{m}-{day}-{y}"
        elif form == "dotted":
            text = f"{m:02d}.{day:02d}.{y}"
        elif form == "mil":
            text = f"{day:02d}{_MON[m - 1].upper()}{y}"
        else:
            text = f"{_MON[m - 1]} {day} '{y % 100:02d}"
        self.phi("DATE", text)

    def _date_near(self, lo: int, hi: int) -> dt.date:
        return self.base + dt.timedelta(days=self.rng.randrange(lo, hi))

    def _relative_date_words(self) -> None:
        self.lit(self.rng.choice(("today", "yesterday", "on admission", "last week", "2 days ago")))

    def f_date(self) -> None:
        """A date in running text, any format."""
        if self.phi_free:
            self._relative_date_words()
            return
        self._write_date(self._date_near(-700, 60), header=False)

    def f_hdate(self) -> None:
        """The encounter date in a header."""
        if self.phi_free:
            self.lit("today")
            return
        self._write_date(self.base, header=True)

    def f_admit(self) -> None:
        if self.phi_free:
            self.lit("on admission")
            return
        self._write_date(self.base - dt.timedelta(days=self.los), header=True)

    def f_admit_p(self) -> None:
        """The admission date in running text, any format."""
        if self.phi_free:
            self.lit("admission")
            return
        self._write_date(self.base - dt.timedelta(days=self.los), header=False)

    def f_disch(self) -> None:
        if self.phi_free:
            self.lit("today")
            return
        self._write_date(self.base, header=True)

    def f_fdate(self) -> None:
        """A follow-up date in the future, in running text."""
        if self.phi_free:
            self.lit(self.rng.choice(("in 2 weeks", "in 1 month", "next week")))
            return
        self._write_date(self._date_near(7, 90), header=False)

    def _time(self) -> str:
        rng = self.rng
        h, mi = rng.randrange(24), rng.randrange(60)
        return rng.choice((f"{h:02d}:{mi:02d}", f"{h:02d}{mi:02d}",
                           f"{(h % 12) or 12}:{mi:02d} {'AM' if h < 12 else 'PM'}"))

    def f_time(self) -> None:
        self.lit(self._time())

    def f_datetime(self) -> None:
        """A date followed by a time; the time is context, not part of the DATE span."""
        if self.phi_free:
            self.lit(f"today {self._time()}")
            return
        self._write_date(self._date_near(-3, 1), header=True)
        self.lit(self.rng.choice((" ", " at ", " @ ", "  ")) + self._time())

    def f_dob(self) -> None:
        if self.phi_free:
            self.lit("on file")
            return
        rng = self.rng
        dob = self.base - dt.timedelta(days=365 * self.age + rng.randrange(1, 360))
        form = rng.randrange(4)
        if form == 0:
            text = f"{dob.month:02d}/{dob.day:02d}/{dob.year}"
        elif form == 1:
            text = f"{dob.month}/{dob.day}/{dob.year}"
        elif form == 2:
            text = dob.isoformat()
        else:
            text = f"{_MON[dob.month - 1]} {dob.day}, {dob.year}"
        self.phi("DATE", text)

    def f_year(self) -> None:
        """A year on its own: not PHI."""
        self.lit(str(self.base.year - self.rng.randrange(1, 25)))

    def f_age(self) -> None:
        """The patient's age in a compact clinical form; a span only when over 89."""
        rng = self.rng
        n = str(self.age)
        before, after = rng.choice((
            ("", " y/o"), ("", " yo"), ("", "yo"), ("", "-year-old"), ("", " year old"),
            ("", " y.o."), ("age ", ""), ("aged ", ""), ("", self.pt.sex), ("", " " + self.pt.sex),
        ))
        self.lit(before)
        if self.age > 89:
            self.phi("AGE", n)
        else:
            self.lit(n)
        self.lit(after)

    def f_a_age(self) -> None:
        """ "a 92-year-old" / "an 89 y/o": article plus age, for running text."""
        n = self.age
        self.lit("an " if str(n).startswith("8") or n in (11, 18) else "a ")
        unit = self.rng.choice(("-year-old", " y/o", " yo", " year old", "-yo"))
        if n > 89:
            self.phi("AGE", str(n))
        else:
            self.lit(str(n))
        self.lit(unit)

    def f_age_num(self) -> None:
        if self.age > 89:
            self.phi("AGE", str(self.age))
        else:
            self.lit(str(self.age))

    def f_decade(self) -> None:
        """ "in her 90s" (AGE span) or "in his 70s" (hard negative)."""
        decade = max(20, (self.age // 10) * 10)
        self.say("in {his} ")
        self.lit(self.rng.choice(("", "late ", "early ", "mid-")))
        if decade >= 90:
            self.phi("AGE", f"{decade}s")
        else:
            self.lit(f"{decade}s")

    def f_young_age(self) -> None:
        """An age under 90 that must survive (includes the 89 boundary)."""
        self.lit(str(self.rng.choice((self.rng.randrange(18, 89), 89, 45, 67))))

    # -- contact details and identifiers ----------------------------------------------

    def _phone_text(self) -> str:
        rng = self.rng
        area = f"{rng.randrange(2, 10)}{rng.randrange(10)}{rng.randrange(10)}"
        exch = rng.choice(("555", f"{rng.randrange(2, 10)}{rng.randrange(10)}{rng.randrange(10)}"))
        line = f"{rng.randrange(10000):04d}"
        form = rng.randrange(9)
        if form == 0:
            text = f"({area}) {exch}-{line}"
        elif form == 1:
            text = f"{area}-{exch}-{line}"
        elif form == 2:
            text = f"{area}.{exch}.{line}"
        elif form == 3:
            text = f"{area} {exch} {line}"
        elif form == 4:
            text = f"{area}{exch}{line}"
        elif form == 5:
            text = f"+1 ({area}) {exch}-{line}"
        elif form == 6:
            text = f"1-{area}-{exch}-{line}"
        elif form == 7:
            text = f"{exch}-{line}"  # 7-digit local number
        else:
            text = f"({area}){exch}-{line}"
        if rng.random() < 0.15:
            text += rng.choice((" ext. ", " x", " ext ", " Ext. ", " x ")) + str(rng.randrange(1, 9999))
        return text

    def f_phone(self) -> None:
        if self.phi_free:
            self.lit("the number on file")
            return
        self.phi("PHONE_NUMBER", self._phone_text())

    def f_phone_l(self) -> None:
        """A labelled phone number."""
        if self.phi_free:
            self.lit("phone on file")
            return
        self.lit(self.rng.choice(("Phone: ", "Ph: ", "Tel ", "Cell: ", "Home: ", "Work ph ",
                                  "(c) ", "Mobile ", "cb# ", "Contact: ", "phone ", "tel. ")))
        self.phi("PHONE_NUMBER", self._phone_text())

    def f_fax(self) -> None:
        if self.phi_free:
            self.lit("fax on file")
            return
        self.lit(self.rng.choice(("Fax: ", "Fax ", "F: ", "fax # ", "Fax number: ", "FAX ")))
        self.phi("FAX_NUMBER", self._phone_text())

    def f_email(self) -> None:
        if self.phi_free:
            self.lit("the email on file")
            return
        rng = self.rng
        p = self.pt if rng.random() < 0.7 else self._person()
        f = re.sub(r"[^a-z]", "", p.first.lower().encode("ascii", "ignore").decode()) or "pt"
        last = re.sub(r"[^a-z]", "", p.last.lower().encode("ascii", "ignore").decode()) or "mail"
        user = rng.choice((f"{f}.{last}", f"{f[0]}{last}{rng.randrange(1, 99)}", f"{f}{last}",
                           f"{f}_{last}{rng.randrange(1950, 2010)}", f"{last}.{f}", f"{f}{rng.randrange(10, 999)}"))
        domain = rng.choice(_EMAIL_DOMAINS) if rng.random() < 0.8 else (
            re.sub(r"[^a-z]", "", self.facility().lower())[:14] + rng.choice((".org", ".com", ".edu")))
        self.phi("EMAIL_ADDRESS", f"{user}@{domain}")

    def f_url(self) -> None:
        if self.phi_free:
            self.lit("the patient portal")
            return
        rng = self.rng
        f = re.sub(r"[^a-z]", "", self.pt.first.lower().encode("ascii", "ignore").decode()) or "pt"
        last = re.sub(r"[^a-z]", "", self.pt.last.lower().encode("ascii", "ignore").decode()) or "x"
        url = rng.choice((
            f"https://www.facebook.com/{f}.{last}.{rng.randrange(1, 999)}",
            f"www.gofundme.com/f/help-{f}-{last}-recover",
            f"https://{f}{last}.blogspot.com",
            f"http://www.caringbridge.org/visit/{f}{last}",
            f"https://portal.{re.sub(r'[^a-z]', '', self.facility().lower())[:12]}.org/patient/{_digits(rng, 7)}",
            f"linkedin.com/in/{f}-{last}-{_digits(rng, 4)}",
            f"https://instagram.com/{f}_{last}{rng.randrange(1, 99)}",
        ))
        self.phi("URL", url)

    def f_ip(self) -> None:
        if self.phi_free:
            self.lit("a home network")
            return
        rng = self.rng
        r = rng.random()
        if r < 0.15:
            ip = f"2001:db8:{rng.randrange(65536):x}::{rng.randrange(65536):x}:{rng.randrange(65536):x}"
        elif r < 0.45:
            ip = f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        elif r < 0.6:
            ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        else:
            ip = ".".join(str(rng.randrange(1, 255)) for _ in range(4))
        self.phi("IP_ADDRESS", ip)

    def f_ssn(self) -> None:
        if self.phi_free:
            self.lit("SSN on file")
            return
        rng = self.rng
        a, g, s = _ssn_parts(rng)
        self.lit(rng.choice(("SSN: ", "SSN ", "SSN#: ", "SS# ", "Social Security No. ", "soc sec # ")))
        form = rng.randrange(6)
        if form == 0:
            self.phi("SOCIAL_SECURITY_NUMBER", f"{a}-{g}-{s}")
        elif form == 1:
            self.phi("SOCIAL_SECURITY_NUMBER", f"{a} {g} {s}")
        elif form == 2:
            self.phi("SOCIAL_SECURITY_NUMBER", f"{a}{g}{s}")
        elif form == 3:
            self.lit(rng.choice(("xxx-xx-", "***-**-", "XXX-XX-")))
            self.phi("SOCIAL_SECURITY_NUMBER", s)
        elif form == 4:
            self.lit("(last 4) ")
            self.phi("SOCIAL_SECURITY_NUMBER", s)
        else:
            self.phi("SOCIAL_SECURITY_NUMBER", f"{a}-{g}-{s}")

    def _mrn_value(self) -> str:
        rng = self.rng
        form = rng.randrange(6)
        if form == 0:
            return _digits(rng, rng.choice((7, 8)))
        if form == 1:
            return "00" + _digits(rng, rng.choice((5, 6)))
        if form == 2:
            return rng.choice("AEMHZ") + _digits(rng, rng.choice((6, 7, 8)))
        if form == 3:
            return f"{_digits(rng, 2)}-{_digits(rng, 2)}-{_digits(rng, 3)}"
        if form == 4:
            return f"{_letters(rng, rng.choice((2, 3)))}-{_digits(rng, 6)}"
        return _digits(rng, rng.choice((6, 9, 10)))

    def f_mrn(self) -> None:
        """A labelled medical record number; the label is context."""
        if self.phi_free:
            self.lit("MRN on file")
            return
        self.lit(self.rng.choice(("MRN: ", "MRN ", "MRN#", "MR# ", "MR #: ", "Med Rec No. ",
                                  "Medical Record Number: ", "Unit No: ", "Unit #", "Hosp # ",
                                  "Hospital No.: ", "MRN: #", "Med Rec #")))
        self.phi("MEDICAL_RECORD_NUMBER", self._mrn_value())

    def f_mrn_val(self) -> None:
        if self.phi_free:
            self.lit("on file")
            return
        self.phi("MEDICAL_RECORD_NUMBER", self._mrn_value())

    def f_plan(self) -> None:
        """A labelled health plan member/policy number."""
        if self.phi_free:
            self.lit("insurance on file")
            return
        rng = self.rng
        label = rng.choice(("Member ID: ", "Member # ", "Policy #: ", "Policy No. ", "Subscriber ID: ",
                            "Insurance ID: ", "Medicare ID: ", "MBI: ", "Medicaid ID ", "BCBS ID: ",
                            "Health plan # ", "ins ID "))
        self.lit(label)
        form = rng.randrange(5)
        if form == 0 or label == "MBI: ":
            c = "".join(rng.choice("ACDEFGHJKMNPQRTUVWXY") for _ in range(6))
            mbi = f"{rng.randrange(1, 10)}{c[0]}{c[1]}{rng.randrange(10)}-{c[2]}{c[3]}{rng.randrange(10)}-{c[4]}{c[5]}{rng.randrange(10)}{rng.randrange(10)}"
            value = mbi if rng.random() < 0.6 else mbi.replace("-", "")
        elif form == 1:
            value = _letters(rng, 3) + _digits(rng, 9)
        elif form == 2:
            value = "W" + _digits(rng, 9)
        elif form == 3:
            value = f"{_letters(rng, 2)}-{_digits(rng, 6)}"
        else:
            value = f"{_digits(rng, 9)}-{rng.randrange(1, 4):02d}"
        self.phi("HEALTH_PLAN_BENEFICIARY_NUMBER", value)

    def f_acct(self) -> None:
        if self.phi_free:
            self.lit("account on file")
            return
        rng = self.rng
        self.lit(rng.choice(("Acct #: ", "Account No. ", "Account Number: ", "FIN: ", "FIN # ",
                             "HAR: ", "Billing acct ", "Guarantor acct: ", "Acct: ")))
        value = rng.choice((_digits(rng, rng.choice((8, 10, 12))), f"ACC-{_digits(rng, 8)}",
                            f"{_digits(rng, 4)}-{_digits(rng, 6)}"))
        self.phi("ACCOUNT_NUMBER", value)

    def f_npi(self) -> None:
        if self.phi_free:
            self.lit("")
            return
        self.lit(self.rng.choice(("NPI: ", "NPI ", "NPI# ", "NPI #: ")))
        self.phi("CERTIFICATE_LICENSE_NUMBER", _npi(self.rng))

    def f_dea(self) -> None:
        if self.phi_free:
            self.lit("")
            return
        self.lit(self.rng.choice(("DEA: ", "DEA # ", "DEA#")))
        self.phi("CERTIFICATE_LICENSE_NUMBER", _dea(self.rng, self.attending().last))

    def f_lic(self) -> None:
        """A state medical/nursing licence, CLIA certificate or driver's licence number."""
        if self.phi_free:
            self.lit("")
            return
        rng = self.rng
        form = rng.randrange(6)
        if form == 0:
            self.lit(f"{rng.choice(_STATES)} Lic. #: ")
            value = rng.choice(("MD", "G", "A", "")) + _digits(rng, rng.choice((5, 6)))
        elif form == 1:
            self.lit(rng.choice(("State license: ", "License No. ", "Lic# ")))
            value = _digits(rng, 7)
        elif form == 2:
            self.lit("RN license #: ")
            value = f"RN{rng.choice(('-', ''))}{_digits(rng, 6)}"
        elif form == 3:
            self.lit("CLIA #: ")
            value = f"{_digits(rng, 2)}D{_digits(rng, 7)}"
        elif form == 4:
            self.lit(rng.choice(("DL# ", "Driver's license: ", "driver lic ")))
            value = rng.choice((f"S{_digits(rng, 3)}-{_digits(rng, 4)}-{_digits(rng, 4)}",
                                rng.choice("ABDFGKS") + _digits(rng, 7)))
        else:
            self.lit("Board certification #")
            value = _digits(rng, 6)
        self.phi("CERTIFICATE_LICENSE_NUMBER", value)

    def f_vehicle(self) -> None:
        if self.phi_free:
            self.lit("a car")
            return
        rng = self.rng
        if rng.random() < 0.5:
            self.lit(rng.choice(("VIN: ", "VIN ", "vehicle ID no. ")))
            self.phi("VEHICLE_IDENTIFIER", _vin(rng))
        else:
            self.lit(rng.choice(("plate ", "license plate ", "plate # ", "tag ")))
            self.phi("VEHICLE_IDENTIFIER", rng.choice((
                f"{rng.randrange(1, 10)}{_letters(rng, 3)}{_digits(rng, 3)}",
                f"{_letters(rng, 3)}-{_digits(rng, 4)}",
                f"{_digits(rng, 3)} {_letters(rng, 3)}",
            )))

    def f_device(self) -> None:
        """A device serial with the device name as context (the name is not PHI)."""
        if self.phi_free:
            self.lit("a pacemaker")
            return
        rng = self.rng
        form = rng.randrange(5)
        if form == 0:
            self.lit(rng.choice(("Medtronic Azure XT DR pacemaker, serial # ", "dual-chamber pacemaker SN: ")))
            self.phi("DEVICE_IDENTIFIER", f"{_letters(rng, 3)}{_digits(rng, 6)}{rng.choice('HSG')}")
        elif form == 1:
            self.lit("insulin pump S/N ")
            self.phi("DEVICE_IDENTIFIER", _digits(rng, 8))
        elif form == 2:
            self.lit("Dexcom transmitter ID ")
            self.phi("DEVICE_IDENTIFIER", f"8{_letters(rng, 2)}{_digits(rng, 3)}")
        elif form == 3:
            self.lit("ICD (Boston Scientific) serial ")
            self.phi("DEVICE_IDENTIFIER", _digits(rng, 6))
        else:
            self.lit("implant UDI ")
            self.phi("DEVICE_IDENTIFIER",
                     f"(01){_digits(rng, 14)}(17){_digits(rng, 6)}(21){_letters(rng, 2)}{_digits(rng, 5)}")

    def f_uid(self) -> None:
        """Another labelled identifier: accession, specimen, study, encounter numbers."""
        if self.phi_free:
            self.lit("")
            return
        rng = self.rng
        label, value = rng.choice((
            ("Accession #: ", f"{rng.choice(('RAD', 'CT', 'MR'))}-{self.base.year % 100}-{_digits(rng, 7)}"),
            ("Specimen ID: ", f"S{self.base.year % 100}-{_digits(rng, 6)}"),
            ("Study ID: ", f"{_letters(rng, 3)}-{self.base.year}-{_digits(rng, 4)}"),
            ("Patient ID: ", f"{_digits(rng, 2)}-{_digits(rng, 5)}"),
            ("Encounter #: ", f"E{_digits(rng, 9)}"),
            ("CSN: ", _digits(rng, 9)),
            ("Order # ", _digits(rng, 8)),
            ("Requisition no. ", f"{_letters(rng, 1)}{_digits(rng, 7)}"),
            ("Case # ", f"{_letters(rng, 2)}-{self.base.year}-{_digits(rng, 4)}"),
        ))
        self.lit(label)
        self.phi("UNIQUE_IDENTIFIER", value)

    # -- clinical, PHI-free ----------------------------------------------------------------

    def f_problem(self) -> None:
        self.lit(self.scn.problem)

    def f_short(self) -> None:
        self.lit(self.scn.short)

    def f_icd(self) -> None:
        self.lit(self.scn.icd)

    def f_hpi(self) -> None:
        self.say(self.rng.choice(self.scn.hpi))

    def f_course(self) -> None:
        self.say(self.rng.choice(self.scn.course))

    def f_query(self) -> None:
        self.lit(self.rng.choice(self.scn.queries))

    def f_labs(self) -> None:
        labs = list(self.scn.labs)
        self.lit(", ".join(self.rng.sample(labs, self.rng.randrange(1, len(labs) + 1))))

    def f_vitals(self) -> None:
        rng = self.rng
        self.lit(rng.choice((
            f"BP {rng.randrange(92, 172)}/{rng.randrange(50, 98)}, HR {rng.randrange(52, 128)}, "
            f"RR {rng.randrange(12, 26)}, SpO2 {rng.randrange(88, 100)}% on {rng.choice(('RA', '2L NC', '4L NC'))}, "
            f"T {rng.randrange(360, 392) / 10:.1f}",
            f"T {rng.randrange(970, 1024) / 10:.1f} F  P {rng.randrange(52, 128)}  BP {rng.randrange(92, 172)}/{rng.randrange(50, 98)}  "
            f"R {rng.randrange(12, 26)}  O2 sat {rng.randrange(88, 100)}%",
        )))

    def f_neg(self) -> None:
        """One hard-negative sentence."""
        self.say(self.rng.choice(_NEGATIVES))

    def f_icu_neg(self) -> None:
        self.lit(self.rng.choice(_ICU_NEGATIVES))

    def f_meds(self) -> None:
        rng = self.rng
        meds = list(self.scn.meds)
        rng.shuffle(meds)
        extra = rng.sample((
            "aspirin 81 mg daily", "atorvastatin 40 mg nightly", "levothyroxine 75 mcg daily",
            "metformin 500 mg BID", "omeprazole 20 mg daily", "sertraline 50 mg daily",
            "tamsulosin 0.4 mg nightly", "docusate 100 mg BID", "carbidopa/levodopa 25/100 TID",
            "amlodipine 5 mg daily", "gabapentin 300 mg TID", "Lasix 20 mg PO daily",
            "Eliquis 5 mg BID", "Tylenol 650 mg q6h PRN", "hydrochlorothiazide 12.5 mg (1/2 tab) daily",
        ), rng.randrange(0, 4))
        for i, med in enumerate(meds + extra, start=1):
            self.lit(f"{i}. {med}\n")

    def _lab_line(self) -> None:
        rng = self.rng
        parts = []
        for test, _unit, _ref, lo, hi, dec in rng.sample(_LAB_ROWS, rng.randrange(3, 8)):
            parts.append(f"{test}-{rng.uniform(lo, hi):.{dec}f}{'*' if rng.random() < 0.2 else ''}")
        self.lit(" ".join(parts) + "\n")

    def f_drug(self) -> None:
        self.lit(self.rng.choice(_DRUG_BRANDS))

    def f_neg_pmh(self) -> None:
        """A past-history item that names an eponymous disease (hard negative)."""
        self.lit(self.rng.choice((
            "Parkinson disease", "Crohn's disease", "remote Hodgkin lymphoma",
            f"Bell's palsy in {self.base.year - 6}", "early Alzheimer dementia",
            "type 2 diabetes", "CKD stage 3a", "atrial fibrillation on Eliquis",
        )))

    def f_neg_fh(self) -> None:
        """Family history with ages under 90 (hard negatives)."""
        self.lit(self.rng.choice((
            "with Alzheimer disease in her 80s", "died at 72 of stroke",
            "alive at 88 with Parkinson disease", "with breast cancer at 54", "with Crohn disease",
        )))

    def f_vitals_icu(self) -> None:
        rng = self.rng
        self.lit(
            f"HR {rng.randrange(52, 128)} {rng.choice(('SR', 'ST', 'AFIB', 'NSR'))} "
            f"BP {rng.randrange(88, 170)}/{rng.randrange(45, 95)} MAP {rng.randrange(60, 105)} "
            f"{rng.choice(('ON LEVO 0.05', 'NO PRESSORS', 'OFF PRESSORS'))}"
        )

    def f_hpi_short(self) -> None:
        self.lit(self.rng.choice(("Evaluate.", "Rule out acute process.", "Follow-up.", "Pain.",
                                  "Worsening symptoms.")))

    def f_decade_q(self) -> None:
        self.say("({decade})")


# --------------------------------------------------------------------------------------
# Note styles
# --------------------------------------------------------------------------------------


def _discharge_summary(c: _Ctx) -> None:
    if not c.phi_free:
        if c.chance(0.4):
            c.say("{fac}\n")
        c.say("DISCHARGE SUMMARY\n\n")
        c.pick("Patient: {pt_header}    {mrn}\n", "Name: {pt_header}\n{mrn}\n", "PATIENT NAME: {pt_header}  {mrn}\n")
        c.pick("DOB: {dob}   Age: {age_num}   Sex: {sex}\n", "Date of Birth: {dob}\n", "DOB {dob} ({age})\n")
        c.say("Admission Date: {admit}\nDischarge Date: {disch}\n")
        c.say("Attending: {sig}\n")
        if c.chance(0.5):
            c.say("PCP: {clin_other}  {phone_l}\n")
        if c.chance(0.35):
            c.say("Address: {addr}\n")
        if c.chance(0.3):
            c.say("Insurance: {plan}   {acct}\n")
        c.lit("\n")
    else:
        c.say("DISCHARGE SUMMARY\n\n")
    c.say("ADMISSION DIAGNOSIS: {problem} ({icd})\n\n")
    c.say("HISTORY OF PRESENT ILLNESS:\n")
    c.pick(
        "{Pt} is {a_age} {gender} with a history of hypertension and {neg_pmh} who presented to {fac} on {admit_p} with {hpi}. ",
        "This is {a_age} {gender} who presents with {hpi}. ",
        "{Pt}, {a_age} {gender}, was brought in by {rel} after {hpi}. ",
        "{Pt} is a {gender} {decade} with {neg_pmh} admitted with {hpi}. ",
    )
    if c.chance(0.5):
        c.say("{neg} ")
    if c.chance(0.3):
        c.say("{He} was seen by {clin_other} at {other_fac} {date} for similar symptoms. ")
    if c.chance(0.12):
        c.say("{He} was the restrained driver in a low-speed collision; police report lists the {vehicle}. ")
    c.say("\n\nHOSPITAL COURSE:\n{course}. ")
    for _ in range(c.rng.randrange(1, 4)):
        c.say("{neg} ")
    if c.chance(0.4):
        c.say("{course}. ")
    if c.chance(0.3):
        c.say("Telemetry showed no arrhythmia. {vitals} on the day of discharge.")
    if c.chance(0.5):
        c.say("\n\nPHYSICAL EXAM AT DISCHARGE:\n{vitals}\nGen: NAD, sitting up in chair.\n"
              "CV: irregularly irregular, no murmur. Lungs: faint bibasilar crackles.\n"
              "Neuro: alert, oriented x3. {neg}")
    if c.chance(0.45):
        c.lit("\n\nPERTINENT RESULTS:\n")
        for _ in range(c.rng.randrange(2, 5)):
            c.say("{datetime} ")
            c._lab_line()
    if c.chance(0.4):
        exam, _, impression = c.rng.choice(_IMAGING)
        c.lit(f"\nIMAGING: {exam} (")
        c.say("{date}): ")
        c.lit(impression)
    if c.chance(0.35):
        c.say("\n\nCONSULTS: cardiology ({clin_other}), physical therapy, nutrition.")
    c.say("\n\nPAST MEDICAL HISTORY:\n- Hypertension\n- {neg_pmh}\n")
    if c.chance(0.5):
        c.say("- Hyperlipidemia, on statin since {year}\n")
    if c.chance(0.2):
        c.say("- Permanent pacemaker {year}: {device}\n")
    c.say("\nSOCIAL HISTORY: ")
    c.pick(
        "Lives with {rel} in {city}. Retired teacher. {neg}",
        "Lives alone in an apartment; {rel} checks in daily. Former smoker, quit in {year}.",
        "Resides at {nh} in {county}. Uses a walker.",
        "Lives with family. No alcohol or drug use.",
    )
    c.say("\nFAMILY HISTORY: Father with MI at {young_age}; mother {neg_fh}.\n\n")
    c.say("DISCHARGE MEDICATIONS:\n{meds}\n")
    c.say("DISPOSITION: ")
    c.pick("Discharged to {nh}.", "Home with VNA services.", "Home with {rel}.", "Discharged to {nh} for short-term rehab.")
    c.say("\n\nFOLLOW-UP:\n")
    c.pick(
        "- {clin} at {clinic} on {fdate} at {time}. {phone_l}\n",
        "- PCP {clin_other} within 1 week, {phone_l}, {fax}\n",
        "- Cardiology clinic {fdate}; records faxed to {fax}\n",
        "- {clin} in 2 weeks\n",
    )
    c.say("- Labs: {labs} to be rechecked.\n\n")
    if not c.phi_free:
        c.pick(
            "Electronically signed by {sig} on {datetime}\n",
            "Dictated by: {sig}\nDictated: {datetime}  Transcribed: {datetime}\n",
            "{sig}\n{npi}\n",
        )



def _progress_note(c: _Ctx) -> None:
    if not c.phi_free:
        c.pick("PROGRESS NOTE  {hdate}\n", "Date of service: {hdate}\n", "Hospital Medicine Progress Note - {datetime}\n",
               "{hdate} {time}\n")
        if c.chance(0.6):
            c.pick("Patient: {pt_header}  {mrn}\n", "{pt_header} ({mrn})\n", "Pt: {pt_full}, DOB {dob}\n")
        if c.chance(0.15):
            c.say("Telehealth visit; patient connected from IP {ip}.\n")
    else:
        c.pick("PROGRESS NOTE\n", "Hospital day #3\n", "Interval note\n")
    c.say("\nS: ")
    c.pick(
        "{Pt} reports feeling better, slept well. ",
        "{Pt} c/o mild nausea, tolerating diet. ",
        "Seen and examined. {He} denies chest pain or dyspnea. ",
        "Overnight events: none. ",
    )
    if c.chance(0.4):
        c.say("{rel} at bedside, updated on plan. ")
    if c.chance(0.3):
        c.say("{neg} ")
    c.say("\nO: {vitals}\n")
    c.pick("Exam: NAD, lungs with bibasilar crackles, 1+ edema. ", "Exam: alert, oriented x3, RRR, abdomen soft. ")
    c.say("{neg}\nLabs: {labs}\n")
    c.say("\nA/P: {a_age} {gender} with {problem}.\n1. {short}: {course}. ")
    c.say(c.rng.choice(c.scn.plan) + ".\n")
    c.say("2. Chronic issues: continue home meds. {neg}\n")
    if c.chance(0.3):
        c.say("3. Code status discussed with {pt_short} and {rel} - full code. HCP: {rel_name}, {phone_l}.\n")
    c.pick("Dispo: anticipate discharge to {nh} {fdate}.\n", "Dispo: home when cleared by PT.\n",
           "Dispo: pending clinical improvement.\n")
    if not c.phi_free:
        c.pick("\n{sig}\n", "\n{sig}, pager {phone}\n", "\n-- {sig}, hospitalist service\n")
    else:
        c.lit("\nHospitalist service\n")


def _icu_nursing(c: _Ctx) -> None:
    # Upper case, abbreviations, little punctuation: the style recognizers trained on
    # prose find hardest.
    c.say("{time} ")
    c.pick("RN NOTE\n", "NSG NOTE MICU\n", "ICU NURSING NOTE\n")
    if not c.phi_free:
        c.pick("PT {pt_header} {mrn}\n", "{pt_header} {age} {mrn}\n", "PT {pt_full} DOB {dob}\n")
    c.say("NEURO {icu_neg} {icu_neg}\n")
    c.say("CV {vitals_icu}\n")
    c.say("RESP ")
    c.pick("2L NC SAT 95 LS CLEAR DIM BASES\n", "VENT AC 14/450/5/40% SX THICK TAN\n", "RA NO DISTRESS\n")
    c.say("GI/GU {icu_neg}\n")
    c.say("SKIN {icu_neg}\n")
    if c.chance(0.7):
        c.say("SOCIAL ")
        c.pick(
            "{relation} {rel_name} AT BS UPDATED BY {clin}\n",
            "{relation} {rel_name} CALLED UPDATED CB {phone}\n",
            "NO FAMILY CONTACT THIS SHIFT\n",
            "{relation} {rel_name} VISITED WILL RETURN AM\n",
        )
    if c.chance(0.3):
        c.say("MD {clin} AWARE OF K {icu_neg}\n")
    if c.chance(0.15):
        c.say("TRANSFER FROM {other_fac} ON {date}\n")
    c.say("PLAN CONT CURRENT TX Q2 TURNS {icu_neg}\n")
    if not c.phi_free:
        c.say("{nurse}\n")


def _radiology_report(c: _Ctx) -> None:
    exam, findings, impression = c.rng.choice(_IMAGING)
    if not c.phi_free:
        c.pick("{fac} - DEPARTMENT OF RADIOLOGY\n", "{fac}  Diagnostic Imaging\n", "")
        c.pick("Patient: {pt_header}   {mrn}   DOB: {dob}\n", "NAME: {pt_header}\n{mrn}\nDOB {dob}\n")
        c.say("{uid}   Exam date: {datetime}\n")
        c.say("Ordering physician: {clin}\n")
    c.lit(f"\nEXAM: {exam}\n")
    c.say("CLINICAL HISTORY: {a_age} {gender} with {problem}. {hpi_short}\n")
    if c.chance(0.6):
        c.say("COMPARISON: {date}.\n")
    else:
        c.lit("COMPARISON: None.\n")
    c.lit("TECHNIQUE: Standard departmental protocol. Dose reduction techniques were used.\n")
    c.lit(f"FINDINGS: {findings}\n")
    if c.chance(0.2):
        c.say("MRI safety: {device}, programmed to MRI mode before the exam.\n")
    c.lit(f"IMPRESSION: {impression}\n")
    if c.chance(0.3):
        c.say("Findings discussed with {clin} by telephone at {time} on {date}.\n")
    if not c.phi_free:
        c.pick("\nDictated by: {sig}\nSigned: {datetime}\n", "\nElectronically signed by {sig} {datetime}\n")


def _lab_report(c: _Ctx) -> None:
    rng = c.rng
    if not c.phi_free:
        c.say("{fac} Clinical Laboratory\n")
        if c.chance(0.5):
            c.say("{addr}   {lic}\n")
        c.pick("Patient: {pt_header}    DOB: {dob}    Sex: {sex}\n{mrn}\n",
               "PATIENT {pt_header}  DOB {dob}  {mrn}\n")
        c.say("{uid}  Collected: {datetime}  Received: {datetime}\n")
        c.say("Ordering provider: {clin}  {npi}\n")
        if c.chance(0.3):
            c.say("Bill to: {plan}\n")
    else:
        c.lit("Clinical Laboratory Report\n")
    c.lit("\nTEST                 RESULT   FLAG  UNITS     REFERENCE\n")
    for test, unit, ref, lo, hi, dec in rng.sample(_LAB_ROWS, rng.randrange(4, 11)):
        value = rng.uniform(lo, hi)
        flag = "H" if rng.random() < 0.2 else ("L" if rng.random() < 0.1 else "")
        c.lit(f"{test:<20} {value:>7.{dec}f}  {flag:<4}  {unit:<8}  {ref}\n")
    if c.chance(0.4) and not c.phi_free:
        c.say("\nCRITICAL VALUE called to and read back by {nurse} at {time} on {date}.\n")
    c.lit(rng.choice(("\nComment: hemolyzed specimen, potassium may be falsely elevated.\n",
                      "\nComment: eGFR calculated with CKD-EPI 2021 (race-free) equation.\n", "")))


def _referral_letter(c: _Ctx) -> None:
    if not c.phi_free:
        c.say("{clinic}\n{addr}\n{phone_l} | {fax}\n\n")
        c.pick("{hdate}\n\n", "{date}\n\n")
        to = c._person()
        c.phi("NAME", c._name_text(to, c.rng.choice(("full", "full_mi"))))
        c.say(c.rng.choice((", MD", ", DO", " MD", "")) + "\n{other_fac}\n{addr}\n\n")
        c.pick("Re: {pt_full}   DOB: {dob}\n", "RE: {pt_header} (DOB {dob}, {mrn})\n")
        c.lit(c.rng.choice(("\nDear Dr. ", "\nDear Dr ", "\nDear Doctor ")))
        c.phi("NAME", to.last)
        c.lit(",\n\n")
    else:
        c.lit("Dear colleague,\n\n")
    c.say("Thank you for seeing {pt}, {a_age} {gender} with {problem}, whom I have followed since {year}. ")
    c.say("{He} presented with {hpi}. {neg} ")
    c.say("Current medications:\n{meds}\n")
    if c.chance(0.5):
        c.say("{He} can be reached at {phone} or {email}. ")
    if c.chance(0.2):
        c.say("{His} family keeps an update page at {url}. ")
    c.say("I would appreciate your opinion on {query}. Recent labs: {labs}.\n\n")
    if not c.phi_free:
        c.say("Sincerely,\n\n{sig}\n")
        if c.chance(0.5):
            c.say("{npi}   {dea}\n")
        if c.chance(0.3):
            c.say("{lic}\n")
        if c.chance(0.4):
            c.say("cc: {clin_other}\n")
    else:
        c.lit("Sincerely,\nThe primary care team\n")


def _portal_message(c: _Ctx) -> None:
    if not c.phi_free:
        c.pick("From: {pt_full} <{email}>\nSent: {datetime}\nSubject: ", "Sent {datetime} via patient portal\nSubject: ")
        c.lit(c.rng.choice(("question about my meds\n\n", "refill\n\n", "Re: test results\n\n", "appointment\n\n")))
        c.pick("Hi Dr. {clin_last},\n", "Dear Dr. {clin_last}\n", "hello,\n")
        c.pick("this is {pt_full}. ", "It's {pt_first} again. ", "I'm writing for my {relation} {pt_full}. ", "")
    else:
        c.lit("Hello,\n")
    c.pick(
        "I've been taking the {drug} like you said but I still feel dizzy in the mornings. ",
        "My blood pressure has been running 150/90 at home, is that ok? ",
        "I ran out of my pills and the pharmacy says I need a new prescription. ",
        "The pain is about 5/10 now, better than last week. ",
    )
    if c.chance(0.5):
        c.say("{neg} ")
    if not c.phi_free:
        if c.chance(0.5):
            c.say("Please send it to {pharm} in {city}. ")
        if c.chance(0.5):
            c.pick("My new number is {phone}. ", "You can call me at {phone} after 3. ", "My cell changed to {phone}. ")
        if c.chance(0.3):
            c.say("Also my insurance changed, the new card says {plan}. ")
        if c.chance(0.25):
            c.say("We moved to {street}, {city} so please update my address. ")
        if c.chance(0.15):
            c.say("My son set up {url} for updates. ")
        if c.chance(0.2):
            c.say("I'll be at my daughter's from {date} to {date}. ")
        if c.chance(0.12):
            c.say("The billing office asked for my {ssn} for the form, is that normal? ")
        c.pick("\nThanks, {pt_first}\n", "\nThank you\n{pt_full}\n", "\n- {pt_short}\n")
        if c.chance(0.2):
            c.say("[Message received from IP {ip}]\n")
    else:
        c.lit("\nThanks\n")


def _telephone_encounter(c: _Ctx) -> None:
    if not c.phi_free:
        c.pick("TELEPHONE ENCOUNTER  {datetime}\n", "Phone note - {datetime}\n", "Call documentation {hdate}\n")
        c.pick("Caller: {rel_name} ({relation})  Callback: {phone}\n", "Caller: patient  cb# {phone}\n",
               "Incoming call from {pharm}, {phone_l}\n")
        c.pick("Pt {pt_full}, DOB {dob}, identity verified with name and DOB.\n",
               "Patient: {pt_header}  {mrn}\n")
    else:
        c.lit("TELEPHONE ENCOUNTER\n")
    c.say("Reason for call: ")
    c.pick("medication question. ", "worsening symptoms. ", "request for records. ", "lab results. ")
    c.pick(
        "Reports {hpi}. ",
        "Asking whether to keep taking {drug} before the procedure. ",
        "States blood sugar 240 this morning, took usual insulin. ",
    )
    if c.chance(0.4):
        c.say("{neg} ")
    if not c.phi_free:
        if c.chance(0.3):
            c.say("Refill sent to {pharm}, {fax}. ")
        if c.chance(0.2):
            c.say("Caller asked for handicap placard paperwork for {vehicle}. ")
        if c.chance(0.15):
            c.say("Disability form requires {ssn}; form faxed. ")
        if c.chance(0.2):
            c.say("Records request from {other_fac}, {fax}, {acct}. ")
        if c.chance(0.2):
            c.say("{He} is staying with {rel} at {addr} until {fdate}. ")
    c.pick("Advised to go to ED if symptoms worsen. ", "Will discuss with provider and call back. ",
           "Appointment made for next available. ")
    if not c.phi_free:
        c.pick("Routed to {clin}. ", "Discussed with {clin}, agrees with plan. ")
        c.say("\n{nurse}\n")
    else:
        c.lit("\nTriage RN\n")


# Search queries: one line, the way clinicians type into a search box or chatbot.
_QUERY_PHI = (
    "{query} for {a_age} {gender} {pt_full} admitted {date}?",
    "{pt_full} {age} {problem} seen at {fac} on {date} - {query}",
    "{query} in {a_age} {gender} with {problem}, pt {pt}, {mrn}",
    "pt {pt} ({age}) from {city} with {short} - {query}?",
    "{query}? my patient {pt_full} was discharged from {fac} {date}",
    "{a_age} on {drug}, {query}, seen by {clin} {date}",
    "{query} - {pt_full} {dob} {mrn}",
    "how to manage {problem} in {a_age} {gender} living at {nh}",
    "{query} {a_age} {gender} {phone_l}",
    "is {drug} safe for {pt_full}, {a_age} {decade_q}",
    "{query} for patient {pt} DOB {dob}",
    "{query}; pt {pt_full} {plan}",
)
_QUERY_FREE = (
    "{query}?",
    "{query} in {a_age} {gender}?",
    "{query} in a {young_age} year old with {problem}",
    "how to manage {problem} in a patient with Parkinson disease",
    "dose of {drug} for {a_age} {gender} with CrCl 30",
    "is {drug} safe with a Foley catheter in place",
    "Apgar 6/8 at 1 and 5 minutes, next steps",
    "GCS 13 after fall on apixaban, CT head needed?",
    "Bell's palsy vs stroke features in {a_age} {gender}",
    "Hodgkin lymphoma survivor since {year}, screening recommendations",
    "take 1/2 tab of metoprolol if HR 55?",
    "BP 128/76 HR 88 on {drug}, any changes?",
    "ICD-10 code for {problem}",
    "CPT 99214 vs 99215 for {problem} visit",
    "patient says Dr. Scholl's insoles help, evidence for plantar fasciitis?",
    "strength 3/5 in the left leg since {year}, workup",
)


def _search_query(c: _Ctx) -> None:
    c.pick(*(_QUERY_FREE if c.phi_free else _QUERY_PHI))


_RENDERERS: dict[str, Callable[[_Ctx], None]] = {
    "discharge_summary": _discharge_summary,
    "progress_note": _progress_note,
    "icu_nursing": _icu_nursing,
    "radiology_report": _radiology_report,
    "lab_report": _lab_report,
    "referral_letter": _referral_letter,
    "portal_message": _portal_message,
    "telephone_encounter": _telephone_encounter,
    "search_query": _search_query,
}


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def note_id(seed: int, index: int) -> str:
    """The id of the ``index``-th note generated with ``seed``."""
    return f"synth-{seed}-{index:05d}"


def generate_note(seed: int, index: int) -> GoldNote:
    """The ``index``-th synthetic note for ``seed`` (independent of how many are generated)."""
    rng = random.Random(f"redactphi-synth-v1:{seed}:{index}")
    style = rng.choices(STYLES, weights=_STYLE_WEIGHTS)[0]
    phi_free = rng.random() < _PHI_FREE_RATE.get(style, _PHI_FREE_DEFAULT)
    case: str | None = None
    if style == "icu_nursing":
        case = "upper"
    elif style in ("portal_message", "search_query") and rng.random() < 0.2:
        case = "lower"  # people type names in lower case; NER relies on capitals
    ctx = _Ctx(rng, style, phi_free, case)
    _RENDERERS[style](ctx)
    text = ctx.doc.text
    return GoldNote(id=note_id(seed, index), text=text, spans=tuple(ctx.doc.spans), style=style)


def generate(n: int, seed: int) -> Iterator[GoldNote]:
    """Yield ``n`` synthetic notes with exact gold spans, deterministically from ``seed``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    for i in range(n):
        yield generate_note(seed, i)


def write_corpus(notes: Iterable[GoldNote], out_dir: PathLike) -> Path:
    """Write ``<id>.txt`` per note and ``gold.jsonl`` (shared format) into ``out_dir``.

    Returns the path of ``gold.jsonl``. Text files are written byte-exact (UTF-8, no
    newline translation) so that gold offsets hold for the files too. Every file goes
    through a temporary file and a rename, and if anything fails the files this call
    wrote are removed again: a failed run never leaves a partial corpus (an empty or cut
    ``gold.jsonl``) that a later ``bench --corpus`` would score as if complete.
    """
    from redactphi.pipeline.write import atomic_output

    out = Path(out_dir)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def writing_text(items: Iterable[GoldNote]) -> Iterator[GoldNote]:
        for note in items:
            if "/" in note.id or "\\" in note.id or note.id in ("", ".", ".."):
                raise ValueError("a note id is not usable as a file name")
            path = out / f"{note.id}.txt"
            with atomic_output(path) as handle:
                handle.write(note.text.encode("utf-8"))
            written.append(path)
            yield note

    gold_path = out / "gold.jsonl"
    try:
        with atomic_output(gold_path) as handle:
            write_gold(writing_text(notes), handle)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                out.rmdir()
        raise
    return gold_path
