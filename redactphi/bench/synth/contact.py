"""Contact details: phone and fax numbers, e-mail addresses, URLs and IP addresses.

Phone and fax extensions are inside the span ("617-555-0142 ext. 214"); labels are not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from redactphi.bench.synth.data import pool
from redactphi.bench.synth.fields import field
from redactphi.bench.synth.ids import digits
from redactphi.bench.synth.people import person
from redactphi.bench.synth.places import EMAIL_DOMAINS, facility

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

_LABELS = "labels.yaml"
_PHONE_LABELS = pool(_LABELS, "phone")
_FAX_LABELS = pool(_LABELS, "fax")
_EXTENSIONS = pool(_LABELS, "phone_extension")
_FACILITY_TLDS = pool(_LABELS, "email_domains_facility")


def phone_text(c: Ctx) -> str:
    rng = c.rng
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
        text += rng.choice(_EXTENSIONS) + str(rng.randrange(1, 9999))
    return text


@field
def f_phone(c: Ctx) -> None:
    if c.phi_free:
        c.lit("the number on file")
        return
    c.phi("PHONE_NUMBER", phone_text(c))


@field
def f_phone_l(c: Ctx) -> None:
    """A labelled phone number."""
    if c.phi_free:
        c.lit("phone on file")
        return
    c.lit(c.rng.choice(_PHONE_LABELS))
    c.phi("PHONE_NUMBER", phone_text(c))


@field
def f_fax(c: Ctx) -> None:
    if c.phi_free:
        c.lit("fax on file")
        return
    c.lit(c.rng.choice(_FAX_LABELS))
    c.phi("FAX_NUMBER", phone_text(c))


@field
def f_email(c: Ctx) -> None:
    if c.phi_free:
        c.lit("the email on file")
        return
    rng = c.rng
    p = c.pt if rng.random() < 0.7 else person(c)
    f = re.sub(r"[^a-z]", "", p.first.lower().encode("ascii", "ignore").decode()) or "pt"
    last = re.sub(r"[^a-z]", "", p.last.lower().encode("ascii", "ignore").decode()) or "mail"
    user = rng.choice((f"{f}.{last}", f"{f[0]}{last}{rng.randrange(1, 99)}", f"{f}{last}",
                       f"{f}_{last}{rng.randrange(1950, 2010)}", f"{last}.{f}", f"{f}{rng.randrange(10, 999)}"))
    domain = rng.choice(EMAIL_DOMAINS) if rng.random() < 0.8 else (
        re.sub(r"[^a-z]", "", facility(c).lower())[:14] + rng.choice(_FACILITY_TLDS))
    c.phi("EMAIL_ADDRESS", f"{user}@{domain}")


@field
def f_url(c: Ctx) -> None:
    if c.phi_free:
        c.lit("the patient portal")
        return
    rng = c.rng
    f = re.sub(r"[^a-z]", "", c.pt.first.lower().encode("ascii", "ignore").decode()) or "pt"
    last = re.sub(r"[^a-z]", "", c.pt.last.lower().encode("ascii", "ignore").decode()) or "x"
    url = rng.choice((
        f"https://www.facebook.com/{f}.{last}.{rng.randrange(1, 999)}",
        f"www.gofundme.com/f/help-{f}-{last}-recover",
        f"https://{f}{last}.blogspot.com",
        f"http://www.caringbridge.org/visit/{f}{last}",
        f"https://portal.{re.sub(r'[^a-z]', '', facility(c).lower())[:12]}.org/patient/{digits(rng, 7)}",
        f"linkedin.com/in/{f}-{last}-{digits(rng, 4)}",
        f"https://instagram.com/{f}_{last}{rng.randrange(1, 99)}",
    ))
    c.phi("URL", url)


@field
def f_ip(c: Ctx) -> None:
    if c.phi_free:
        c.lit("a home network")
        return
    rng = c.rng
    r = rng.random()
    if r < 0.15:
        ip = f"2001:db8:{rng.randrange(65536):x}::{rng.randrange(65536):x}:{rng.randrange(65536):x}"
    elif r < 0.45:
        ip = f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    elif r < 0.6:
        ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    else:
        ip = ".".join(str(rng.randrange(1, 255)) for _ in range(4))
    c.phi("IP_ADDRESS", ip)

