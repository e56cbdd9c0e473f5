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

Modules: ``address`` (streets, ZIP codes), ``city``, ``facility``, ``sites`` (care sites
named by context, workplaces); ``_shared`` holds the patterns and vocabulary they share.
"""

from redactphi.recognizers.locations._shared import (
    CITY_ABBRS,
    DEPT_WORDS,
    EPONYM_AFTER,
    FACILITY_HEAD,
    GENERIC_PROPER,
    KNOWN_AMBIGUOUS,
    KNOWN_SYSTEMS,
    generic_name_after_cue,
)
from redactphi.recognizers.locations.address import StreetAddressRecognizer, ZipCodeRecognizer
from redactphi.recognizers.locations.city import CityRecognizer
from redactphi.recognizers.locations.facility import FacilityRecognizer
from redactphi.recognizers.locations.sites import CareSiteRecognizer, WorkplaceRecognizer

__all__ = [
    "CITY_ABBRS",
    "DEPT_WORDS",
    "EPONYM_AFTER",
    "FACILITY_HEAD",
    "GENERIC_PROPER",
    "KNOWN_AMBIGUOUS",
    "KNOWN_SYSTEMS",
    "CareSiteRecognizer",
    "CityRecognizer",
    "FacilityRecognizer",
    "StreetAddressRecognizer",
    "WorkplaceRecognizer",
    "ZipCodeRecognizer",
    "generic_name_after_cue",
]
