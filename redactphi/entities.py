"""The entity schema: the PHI types RedactPHI detects, their placeholders, and how they
map onto the gold-standard categories used by the benchmark.

Entity names are a public schema (they appear in configs, audit logs and scan
baselines): renaming one breaks users' files, so add new names rather than change old ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# entity -> (placeholder label, gold category, precedence). Lower precedence number wins
# when overlapping spans of different types are merged into one redaction: specific,
# structured identifiers beat broad NER-style categories, because the structured
# recognizer's judgement (checksums, labels) is the more reliable one. Names, places and
# facilities share a rank: among them the detection covering more of the region wins
# ("Desmond O'Neill" is a NAME even though O'Neill is also a town).
_SCHEMA: dict[str, tuple[str, str, int]] = {
    "SSN": ("SSN", "SOCIAL_SECURITY_NUMBER", 10),
    "MRN": ("MRN", "MEDICAL_RECORD_NUMBER", 11),
    "HEALTH_PLAN_ID": ("HEALTH_PLAN_ID", "HEALTH_PLAN_BENEFICIARY_NUMBER", 12),
    "ACCOUNT_NUMBER": ("ACCOUNT", "ACCOUNT_NUMBER", 13),
    "LICENSE_NUMBER": ("LICENSE", "CERTIFICATE_LICENSE_NUMBER", 14),
    "VEHICLE_ID": ("VEHICLE_ID", "VEHICLE_IDENTIFIER", 15),
    "DEVICE_ID": ("DEVICE_ID", "DEVICE_IDENTIFIER", 16),
    "EMAIL": ("EMAIL", "EMAIL_ADDRESS", 20),
    "URL": ("URL", "URL", 21),
    "IP_ADDRESS": ("IP", "IP_ADDRESS", 22),
    "FAX": ("FAX", "FAX_NUMBER", 23),
    "PHONE": ("PHONE", "PHONE_NUMBER", 24),
    "ID": ("ID", "UNIQUE_IDENTIFIER", 25),
    "AGE": ("AGE", "AGE", 30),
    "DATE": ("DATE", "DATE", 31),
    "STREET_ADDRESS": ("ADDRESS", "GEOGRAPHIC_LOCATION", 40),
    "ZIP_CODE": ("ZIP", "GEOGRAPHIC_LOCATION", 41),
    "FACILITY": ("FACILITY", "GEOGRAPHIC_LOCATION", 45),
    "LOCATION": ("LOCATION", "GEOGRAPHIC_LOCATION", 45),
    "NAME": ("NAME", "NAME", 45),
}

ENTITIES: tuple[str, ...] = tuple(_SCHEMA)
PLACEHOLDER_LABEL: Mapping[str, str] = MappingProxyType({k: v[0] for k, v in _SCHEMA.items()})
GOLD_CATEGORY: Mapping[str, str] = MappingProxyType({k: v[1] for k, v in _SCHEMA.items()})
PRECEDENCE: Mapping[str, int] = MappingProxyType({k: v[2] for k, v in _SCHEMA.items()})

# Gold categories a benchmark corpus may use (the shared corpus format, plus the
# identifiers our synthetic generator adds that ASQ-PHI does not annotate).
GOLD_CATEGORIES: tuple[str, ...] = (
    "NAME",
    "GEOGRAPHIC_LOCATION",
    "DATE",
    "AGE",
    "MEDICAL_RECORD_NUMBER",
    "HEALTH_PLAN_BENEFICIARY_NUMBER",
    "PHONE_NUMBER",
    "FAX_NUMBER",
    "SOCIAL_SECURITY_NUMBER",
    "EMAIL_ADDRESS",
    "URL",
    "ACCOUNT_NUMBER",
    "CERTIFICATE_LICENSE_NUMBER",
    "IP_ADDRESS",
    "VEHICLE_IDENTIFIER",
    "DEVICE_IDENTIFIER",
    "UNIQUE_IDENTIFIER",
)


# HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i): the eighteen identifiers, lettered as in the
# regulation, so an audit reader can see which categories a run removed and which it left.
SAFE_HARBOR_CATEGORIES: Mapping[str, str] = MappingProxyType({
    "A": "names",
    "B": "geographic subdivisions smaller than a state (street address, city, county, precinct, ZIP code)",
    "C": "all elements of dates (except year) directly related to an individual, and ages over 89",
    "D": "telephone numbers",
    "E": "fax numbers",
    "F": "email addresses",
    "G": "social security numbers",
    "H": "medical record numbers",
    "I": "health plan beneficiary numbers",
    "J": "account numbers",
    "K": "certificate/license numbers",
    "L": "vehicle identifiers and serial numbers, including license plate numbers",
    "M": "device identifiers and serial numbers",
    "N": "web universal resource locators (URLs)",
    "O": "internet protocol (IP) address numbers",
    "P": "biometric identifiers, including finger and voice prints",
    "Q": "full face photographic images and any comparable images",
    "R": "any other unique identifying number, characteristic, or code",
})

# entity -> Safe Harbor category. Facilities count as places (a hospital or clinic names
# where the patient is, as an address does); ages over 89 sit with dates, as in (C).
# Site-defined entities (id_patterns) are (R). No entity covers (P) or (Q): a text tool
# does not see fingerprints or photographs.
SAFE_HARBOR: Mapping[str, str] = MappingProxyType({
    "NAME": "A",
    "STREET_ADDRESS": "B", "ZIP_CODE": "B", "LOCATION": "B", "FACILITY": "B",
    "DATE": "C", "AGE": "C",
    "PHONE": "D",
    "FAX": "E",
    "EMAIL": "F",
    "SSN": "G",
    "MRN": "H",
    "HEALTH_PLAN_ID": "I",
    "ACCOUNT_NUMBER": "J",
    "LICENSE_NUMBER": "K",
    "VEHICLE_ID": "L",
    "DEVICE_ID": "M",
    "URL": "N",
    "IP_ADDRESS": "O",
    "ID": "R",
})


def safe_harbor_category(entity: str) -> str:
    """The Safe Harbor letter (A-R) of an entity; site-defined entities are (R)."""
    return SAFE_HARBOR.get(entity, "R")


def placeholder(entity: str) -> str:
    """The default replacement text for an entity, e.g. ``[NAME]``."""
    return f"[{PLACEHOLDER_LABEL.get(entity, entity)}]"


def precedence(entity: str) -> int:
    """Rank used to label a merged redaction; unknown (site-defined) entities rank last."""
    return PRECEDENCE.get(entity, 100)
