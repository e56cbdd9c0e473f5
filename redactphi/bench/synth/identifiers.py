"""Identifiers: SSN, medical record, health plan, account, licence, vehicle, device and
other numbers, each after a label that is context (not part of the span).

Values with check digits (NPI, DEA, VIN) are valid, since a recognizer may validate them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redactphi.bench.synth.data import pool
from redactphi.bench.synth.fields import field
from redactphi.bench.synth.ids import dea, digits, letters, npi, ssn_parts, vin
from redactphi.bench.synth.people import attending
from redactphi.bench.synth.places import STATES

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

_LABELS = "labels.yaml"
_SSN_LABELS = pool(_LABELS, "ssn")
_SSN_MASKS = pool(_LABELS, "ssn_mask")
_MRN_LABELS = pool(_LABELS, "mrn")
_PLAN_LABELS = pool(_LABELS, "health_plan")
_ACCOUNT_LABELS = pool(_LABELS, "account")
_NPI_LABELS = pool(_LABELS, "npi")
_DEA_LABELS = pool(_LABELS, "dea")
_LICENSE_LABELS = pool(_LABELS, "state_license")
_DL_LABELS = pool(_LABELS, "drivers_license")
_VIN_LABELS = pool(_LABELS, "vin")
_PLATE_LABELS = pool(_LABELS, "plate")
_PACEMAKER_LABELS = pool(_LABELS, "pacemaker")


@field
def f_ssn(c: Ctx) -> None:
    if c.phi_free:
        c.lit("SSN on file")
        return
    rng = c.rng
    a, g, s = ssn_parts(rng)
    c.lit(rng.choice(_SSN_LABELS))
    form = rng.randrange(6)
    if form == 0:
        c.phi("SOCIAL_SECURITY_NUMBER", f"{a}-{g}-{s}")
    elif form == 1:
        c.phi("SOCIAL_SECURITY_NUMBER", f"{a} {g} {s}")
    elif form == 2:
        c.phi("SOCIAL_SECURITY_NUMBER", f"{a}{g}{s}")
    elif form == 3:
        c.lit(rng.choice(_SSN_MASKS))
        c.phi("SOCIAL_SECURITY_NUMBER", s)
    elif form == 4:
        c.lit("(last 4) ")
        c.phi("SOCIAL_SECURITY_NUMBER", s)
    else:
        c.phi("SOCIAL_SECURITY_NUMBER", f"{a}-{g}-{s}")


def mrn_value(c: Ctx) -> str:
    rng = c.rng
    form = rng.randrange(6)
    if form == 0:
        return digits(rng, rng.choice((7, 8)))
    if form == 1:
        return "00" + digits(rng, rng.choice((5, 6)))
    if form == 2:
        return rng.choice("AEMHZ") + digits(rng, rng.choice((6, 7, 8)))
    if form == 3:
        return f"{digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 3)}"
    if form == 4:
        return f"{letters(rng, rng.choice((2, 3)))}-{digits(rng, 6)}"
    return digits(rng, rng.choice((6, 9, 10)))


@field
def f_mrn(c: Ctx) -> None:
    """A labelled medical record number; the label is context."""
    if c.phi_free:
        c.lit("MRN on file")
        return
    c.lit(c.rng.choice(_MRN_LABELS))
    c.phi("MEDICAL_RECORD_NUMBER", mrn_value(c))


@field
def f_mrn_val(c: Ctx) -> None:
    if c.phi_free:
        c.lit("on file")
        return
    c.phi("MEDICAL_RECORD_NUMBER", mrn_value(c))


@field
def f_plan(c: Ctx) -> None:
    """A labelled health plan member/policy number."""
    if c.phi_free:
        c.lit("insurance on file")
        return
    rng = c.rng
    label = rng.choice(_PLAN_LABELS)
    c.lit(label)
    form = rng.randrange(5)
    if form == 0 or label == "MBI: ":
        ch = "".join(rng.choice("ACDEFGHJKMNPQRTUVWXY") for _ in range(6))
        mbi = (f"{rng.randrange(1, 10)}{ch[0]}{ch[1]}{rng.randrange(10)}-{ch[2]}{ch[3]}{rng.randrange(10)}-"
               f"{ch[4]}{ch[5]}{rng.randrange(10)}{rng.randrange(10)}")
        value = mbi if rng.random() < 0.6 else mbi.replace("-", "")
    elif form == 1:
        value = letters(rng, 3) + digits(rng, 9)
    elif form == 2:
        value = "W" + digits(rng, 9)
    elif form == 3:
        value = f"{letters(rng, 2)}-{digits(rng, 6)}"
    else:
        value = f"{digits(rng, 9)}-{rng.randrange(1, 4):02d}"
    c.phi("HEALTH_PLAN_BENEFICIARY_NUMBER", value)


@field
def f_acct(c: Ctx) -> None:
    if c.phi_free:
        c.lit("account on file")
        return
    rng = c.rng
    c.lit(rng.choice(_ACCOUNT_LABELS))
    value = rng.choice((digits(rng, rng.choice((8, 10, 12))), f"ACC-{digits(rng, 8)}",
                        f"{digits(rng, 4)}-{digits(rng, 6)}"))
    c.phi("ACCOUNT_NUMBER", value)


@field
def f_npi(c: Ctx) -> None:
    if c.phi_free:
        c.lit("")
        return
    c.lit(c.rng.choice(_NPI_LABELS))
    c.phi("CERTIFICATE_LICENSE_NUMBER", npi(c.rng))


@field
def f_dea(c: Ctx) -> None:
    if c.phi_free:
        c.lit("")
        return
    c.lit(c.rng.choice(_DEA_LABELS))
    c.phi("CERTIFICATE_LICENSE_NUMBER", dea(c.rng, attending(c).last))


@field
def f_lic(c: Ctx) -> None:
    """A state medical/nursing licence, CLIA certificate or driver's licence number."""
    if c.phi_free:
        c.lit("")
        return
    rng = c.rng
    form = rng.randrange(6)
    if form == 0:
        c.lit(f"{rng.choice(STATES)} Lic. #: ")
        value = rng.choice(("MD", "G", "A", "")) + digits(rng, rng.choice((5, 6)))
    elif form == 1:
        c.lit(rng.choice(_LICENSE_LABELS))
        value = digits(rng, 7)
    elif form == 2:
        c.lit("RN license #: ")
        value = f"RN{rng.choice(('-', ''))}{digits(rng, 6)}"
    elif form == 3:
        c.lit("CLIA #: ")
        value = f"{digits(rng, 2)}D{digits(rng, 7)}"
    elif form == 4:
        c.lit(rng.choice(_DL_LABELS))
        value = rng.choice((f"S{digits(rng, 3)}-{digits(rng, 4)}-{digits(rng, 4)}",
                            rng.choice("ABDFGKS") + digits(rng, 7)))
    else:
        c.lit("Board certification #")
        value = digits(rng, 6)
    c.phi("CERTIFICATE_LICENSE_NUMBER", value)


@field
def f_vehicle(c: Ctx) -> None:
    if c.phi_free:
        c.lit("a car")
        return
    rng = c.rng
    if rng.random() < 0.5:
        c.lit(rng.choice(_VIN_LABELS))
        c.phi("VEHICLE_IDENTIFIER", vin(rng))
    else:
        c.lit(rng.choice(_PLATE_LABELS))
        c.phi("VEHICLE_IDENTIFIER", rng.choice((
            f"{rng.randrange(1, 10)}{letters(rng, 3)}{digits(rng, 3)}",
            f"{letters(rng, 3)}-{digits(rng, 4)}",
            f"{digits(rng, 3)} {letters(rng, 3)}",
        )))


@field
def f_device(c: Ctx) -> None:
    """A device serial with the device name as context (the name is not PHI)."""
    if c.phi_free:
        c.lit("a pacemaker")
        return
    rng = c.rng
    form = rng.randrange(5)
    if form == 0:
        c.lit(rng.choice(_PACEMAKER_LABELS))
        c.phi("DEVICE_IDENTIFIER", f"{letters(rng, 3)}{digits(rng, 6)}{rng.choice('HSG')}")
    elif form == 1:
        c.lit("insulin pump S/N ")
        c.phi("DEVICE_IDENTIFIER", digits(rng, 8))
    elif form == 2:
        c.lit("Dexcom transmitter ID ")
        c.phi("DEVICE_IDENTIFIER", f"8{letters(rng, 2)}{digits(rng, 3)}")
    elif form == 3:
        c.lit("ICD (Boston Scientific) serial ")
        c.phi("DEVICE_IDENTIFIER", digits(rng, 6))
    else:
        c.lit("implant UDI ")
        c.phi("DEVICE_IDENTIFIER",
                 f"(01){digits(rng, 14)}(17){digits(rng, 6)}(21){letters(rng, 2)}{digits(rng, 5)}")


@field
def f_uid(c: Ctx) -> None:
    """Another labelled identifier: accession, specimen, study, encounter numbers."""
    if c.phi_free:
        c.lit("")
        return
    rng = c.rng
    label, value = rng.choice((
        ("Accession #: ", f"{rng.choice(('RAD', 'CT', 'MR'))}-{c.base.year % 100}-{digits(rng, 7)}"),
        ("Specimen ID: ", f"S{c.base.year % 100}-{digits(rng, 6)}"),
        ("Study ID: ", f"{letters(rng, 3)}-{c.base.year}-{digits(rng, 4)}"),
        ("Patient ID: ", f"{digits(rng, 2)}-{digits(rng, 5)}"),
        ("Encounter #: ", f"E{digits(rng, 9)}"),
        ("CSN: ", digits(rng, 9)),
        ("Order # ", digits(rng, 8)),
        ("Requisition no. ", f"{letters(rng, 1)}{digits(rng, 7)}"),
        ("Case # ", f"{letters(rng, 2)}-{c.base.year}-{digits(rng, 4)}"),
    ))
    c.lit(label)
    c.phi("UNIQUE_IDENTIFIER", value)

