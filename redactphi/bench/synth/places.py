"""Places: hospitals, clinics, nursing homes, pharmacies, towns, counties and addresses.

All are GEOGRAPHIC_LOCATION spans except the state, which HIPAA Safe Harbor keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redactphi.bench.synth.data import pool
from redactphi.bench.synth.fields import field
from redactphi.bench.synth.ids import ordinal

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

_PLACES = "places.yaml"
CITIES = pool(_PLACES, "cities")
COUNTIES = pool(_PLACES, "counties")
STATES = pool(_PLACES, "state_codes")
STATE_NAMES = pool(_PLACES, "state_names")
STREET_NAMES = pool(_PLACES, "street_names")
STREET_SUFFIXES = pool(_PLACES, "street_suffixes")
FEATURES = pool(_PLACES, "features")
SAINTS = pool(_PLACES, "saints")
EMAIL_DOMAINS = pool(_PLACES, "email_domains")
_HOSPITAL_AFTER_TOWN = pool(_PLACES, "hospital_after_town")
_HOSPITAL_AFTER_FEATURE = pool(_PLACES, "hospital_after_feature")
_CLINIC_AFTER_FEATURE = pool(_PLACES, "clinic_after_feature")


def city_name(c: Ctx) -> str:
    return c.rng.choice(CITIES)


def hospital_name(c: Ctx) -> str:
    rng = c.rng
    form = rng.randrange(8)
    if form == 0:
        return f"{rng.choice(SAINTS)} Hospital"
    if form == 1:
        return f"{rng.choice(SAINTS)} Medical Center"
    if form == 2:
        return f"{city_name(c)} {rng.choice(_HOSPITAL_AFTER_TOWN)}"
    if form == 3:
        return f"{c.v.last.draw(rng, 0.1)} Memorial Hospital"
    if form == 4:
        return f"{rng.choice(FEATURES)} {rng.choice(_HOSPITAL_AFTER_FEATURE)}"
    if form == 5:
        return f"University of {city_name(c)} Medical Center"
    if form == 6:
        return f"{city_name(c)} VA Medical Center"
    return f"{rng.choice(SAINTS)} {rng.choice(('Health Center', 'Regional'))}"


def clinic_name(c: Ctx) -> str:
    rng = c.rng
    form = rng.randrange(5)
    if form == 0:
        return f"{city_name(c)} Family Health Center"
    if form == 1:
        return f"{rng.choice(FEATURES)} {rng.choice(_CLINIC_AFTER_FEATURE)}"
    if form == 2:
        return f"{c.v.last.draw(rng, 0.1)} Family Practice"
    if form == 3:
        return f"{city_name(c)} Community Health Clinic"
    return f"{c.v.last.draw(rng, 0.1)} & {c.v.last.draw(rng, 0.1)} Orthopedics"


def nursing_home_name(c: Ctx) -> str:
    rng = c.rng
    form = rng.randrange(5)
    if form == 0:
        return f"{rng.choice(FEATURES)} Nursing and Rehabilitation Center"
    if form == 1:
        return f"{rng.choice(FEATURES)} Manor"
    if form == 2:
        return f"{rng.choice(FEATURES)} Gardens Skilled Nursing Facility"
    if form == 3:
        return f"{c.v.last.draw(rng, 0.1)} House"
    return f"{rng.choice(FEATURES)} Hospice"


def pharmacy_name(c: Ctx) -> str:
    rng = c.rng
    form = rng.randrange(5)
    if form == 0:
        return f"{rng.choice(FEATURES)} Pharmacy"
    if form == 1:
        return f"{c.v.last.draw(rng, 0.1)}'s Pharmacy"
    if form == 2:
        return f"CVS Pharmacy #{rng.randrange(1000, 10000)}"
    if form == 3:
        return f"Walgreens #{rng.randrange(1000, 20000)}"
    return f"{city_name(c)} Apothecary"


def facility(c: Ctx) -> str:
    """The note's hospital, drawn on first use."""
    if c.facility_cache is None:
        c.facility_cache = hospital_name(c)
    return c.facility_cache


@field
def f_fac(c: Ctx) -> None:
    """The note's hospital (mostly) or another one."""
    if c.phi_free:
        c.lit(c.rng.choice(("an outside hospital", "the hospital", "our ED")))
        return
    c.phi("GEOGRAPHIC_LOCATION", facility(c) if c.chance(0.7) else hospital_name(c))


@field
def f_other_fac(c: Ctx) -> None:
    if c.phi_free:
        c.lit("an outside hospital")
        return
    c.phi("GEOGRAPHIC_LOCATION", hospital_name(c))


@field
def f_clinic(c: Ctx) -> None:
    if c.phi_free:
        c.lit("clinic")
        return
    c.phi("GEOGRAPHIC_LOCATION", clinic_name(c))


@field
def f_nh(c: Ctx) -> None:
    if c.phi_free:
        c.lit(c.rng.choice(("a skilled nursing facility", "rehab", "home with services")))
        return
    c.phi("GEOGRAPHIC_LOCATION", nursing_home_name(c))


@field
def f_pharm(c: Ctx) -> None:
    if c.phi_free:
        c.lit("the pharmacy")
        return
    c.phi("GEOGRAPHIC_LOCATION", pharmacy_name(c))


@field
def f_city(c: Ctx) -> None:
    if c.phi_free:
        c.lit("town")
        return
    c.phi("GEOGRAPHIC_LOCATION", city_name(c))


@field
def f_county(c: Ctx) -> None:
    if c.phi_free:
        c.lit("the county")
        return
    c.phi("GEOGRAPHIC_LOCATION", f"{c.rng.choice(COUNTIES)} County")


@field
def f_state(c: Ctx) -> None:
    c.lit(c.rng.choice(STATE_NAMES))


def street(c: Ctx) -> str:
    rng = c.rng
    r = rng.random()
    if r < 0.06:
        return f"PO Box {rng.randrange(10, 9999)}"
    if r < 0.09:
        return f"RR {rng.randrange(1, 9)} Box {rng.randrange(1, 300)}"
    num = str(rng.choice((rng.randrange(1, 100), rng.randrange(100, 1000), rng.randrange(1000, 99999))))
    if rng.random() < 0.12:
        name = f"{ordinal(rng.randrange(1, 60))}"
    elif rng.random() < 0.15:
        name = c.v.last.draw(rng, 0.1)
    else:
        name = rng.choice(STREET_NAMES)
    direction = rng.choice(("N ", "S ", "E ", "W ", "North ", "West ")) if rng.random() < 0.15 else ""
    street = f"{num} {direction}{name} {rng.choice(STREET_SUFFIXES)}"
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


def zip(c: Ctx) -> str:
    z = f"{c.rng.randrange(1000, 99951):05d}"
    return z + f"-{c.rng.randrange(0, 10000):04d}" if c.chance(0.25) else z


@field
def f_street(c: Ctx) -> None:
    if c.phi_free:
        c.lit("home")
        return
    c.phi("GEOGRAPHIC_LOCATION", street(c))


@field
def f_zip(c: Ctx) -> None:
    if c.phi_free:
        c.lit("")
        return
    c.phi("GEOGRAPHIC_LOCATION", zip(c))


@field
def f_addr(c: Ctx) -> None:
    """Street, city, state and ZIP; the state is context (not PHI under Safe Harbor)."""
    if c.phi_free:
        c.lit("address on file")
        return
    rng = c.rng
    c.phi("GEOGRAPHIC_LOCATION", street(c))
    c.lit(rng.choice((", ", "\n", ", ")))
    c.phi("GEOGRAPHIC_LOCATION", city_name(c))
    c.lit(f"{rng.choice((', ', ' ', ', '))}{rng.choice(STATES)}{rng.choice((' ', '  ', ' '))}")
    c.phi("GEOGRAPHIC_LOCATION", zip(c))

