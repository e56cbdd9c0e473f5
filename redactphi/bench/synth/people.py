"""People: the patient, relatives, clinicians and nurses, and how their names are written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from redactphi.bench.synth.data import pool
from redactphi.bench.synth.fields import field
from redactphi.bench.synth.names import (
    APOSTROPHE_LAST,
    EXTRA_FIRST_F,
    EXTRA_FIRST_M,
    WORD_FIRST_F,
    WORD_FIRST_M,
    WORD_LAST,
)

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

_LABELS = "labels.yaml"
_TITLES_M = pool(_LABELS, "titles_male")
_TITLES_F = pool(_LABELS, "titles_female")
_DR = pool(_LABELS, "doctor_titles")
_DR_FULL = pool(_LABELS, "doctor_titles_full")
_CREDENTIALS = pool(_LABELS, "credentials")
_NURSE_CREDENTIALS = pool(_LABELS, "nurse_credentials")
_RELATIONS = ("wife", "husband", "daughter", "son", "sister", "brother",
              "niece", "nephew", "granddaughter", "grandson", "partner")


@dataclass
class Person:
    first: str
    middle: str
    last: str
    sex: str  # "F" or "M"
    suffix: str = ""


def first_name(c: Ctx, sex: str) -> str:
    rng = c.rng
    r = rng.random()
    if r < 0.10:
        return rng.choice(WORD_FIRST_F if sex == "F" else WORD_FIRST_M)
    if r < 0.18:
        return rng.choice(EXTRA_FIRST_F if sex == "F" else EXTRA_FIRST_M)
    if r < 0.33:
        return rng.choice(c.v.novel_female if sex == "F" else c.v.novel_male)
    return (c.v.female if sex == "F" else c.v.male).draw(rng, 0.25)


def last_name(c: Ctx) -> str:
    rng = c.rng
    r = rng.random()
    if r < 0.09:
        return rng.choice(WORD_LAST)
    if r < 0.15:
        return rng.choice(APOSTROPHE_LAST)
    if r < 0.19:
        return f"{c.v.last.draw(rng, 0.2)}-{c.v.last.draw(rng, 0.2)}"
    if r < 0.34:
        return rng.choice(c.v.novel_last)
    return c.v.last.draw(rng, 0.3)


def person(c: Ctx, sex: str | None = None) -> Person:
    """A new person (of ``sex`` when given) drawn from the name pools."""
    rng = c.rng
    sex = sex or rng.choice("FM")
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.5 else ""
    suffix = rng.choice(("Jr.", "Sr.", "III", "II")) if sex == "M" and rng.random() < 0.05 else ""
    return Person(first_name(c, sex), middle, last_name(c), sex, suffix)


def name_text(p: Person, form: str) -> str:
    """``p``'s name written in ``form`` ("full", "initials", "LAST_FIRST", ...)."""
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


def title(c: Ctx, p: Person) -> str:
    if p.sex == "M":
        return c.rng.choice(_TITLES_M)
    return c.rng.choice(_TITLES_F)


def patient(c: Ctx, forms: tuple[str, ...], fallback: str) -> None:
    """The patient's name in one of ``forms``; ``fallback`` in a PHI-free note."""
    if c.phi_free:
        c.lit(fallback)
        return
    form = c.rng.choice(forms)
    if form == "title_last":
        c.lit(title(c, c.pt))
        c.phi("NAME", c.pt.last)
    elif form == "title_full":
        c.lit(title(c, c.pt))
        c.phi("NAME", name_text(c.pt, "full"))
    else:
        c.phi("NAME", name_text(c.pt, form))


@field
def f_pt(c: Ctx) -> None:
    """The patient in running text."""
    patient(
        c,
        ("full", "full", "full_mi", "title_last", "title_last", "title_full", "first",
         "first_initial", "initials", "initial_last", "CAPS", "last"),
        c.rng.choice(("the patient", "the patient", "pt")),
    )


@field
def f_Pt(c: Ctx) -> None:
    """The patient at the start of a sentence."""
    patient(
        c,
        ("full", "full_mi", "title_last", "title_last", "first", "first_initial", "CAPS"),
        c.rng.choice(("The patient", "Patient", "Pt")),
    )


@field
def f_pt_full(c: Ctx) -> None:
    patient(c, ("full", "full_mi", "full", "CAPS", "first_initial"), "the patient")


@field
def f_pt_header(c: Ctx) -> None:
    patient(
        c,
        ("LAST_FIRST", "LAST_FIRST", "last_first", "last_first", "full_mi", "CAPS", "full"),
        "",
    )


@field
def f_pt_first(c: Ctx) -> None:
    patient(c, ("first",), "")


@field
def f_pt_short(c: Ctx) -> None:
    patient(c, ("title_last", "title_last", "first", "initials"), "the patient")


@field
def f_he(c: Ctx) -> None:
    c.lit("she" if c.pt.sex == "F" else "he")


@field
def f_He(c: Ctx) -> None:
    c.lit("She" if c.pt.sex == "F" else "He")


@field
def f_his(c: Ctx) -> None:
    c.lit("her" if c.pt.sex == "F" else "his")


@field
def f_His(c: Ctx) -> None:
    c.lit("Her" if c.pt.sex == "F" else "His")


@field
def f_him(c: Ctx) -> None:
    c.lit("her" if c.pt.sex == "F" else "him")


@field
def f_gender(c: Ctx) -> None:
    c.lit(c.rng.choice(("female", "woman")) if c.pt.sex == "F" else c.rng.choice(("male", "man")))


@field
def f_sex(c: Ctx) -> None:
    c.lit(c.pt.sex)


def relation(c: Ctx) -> tuple[str, Person]:
    """The note's one relative and how they are related, drawn on first use."""
    if c.relative_cache is None:
        rng = c.rng
        rel = rng.choice(_RELATIONS)
        sex = "M" if rel in ("husband", "son", "brother", "nephew", "grandson") else (
            rng.choice("FM") if rel == "partner" else "F")
        p = person(c, sex)
        if rel in ("wife", "husband", "son", "daughter") and rng.random() < 0.6:
            p.last = c.pt.last  # families often share a surname
        c.relative_cache = (rel, p)
    return c.relative_cache


@field
def f_rel(c: Ctx) -> None:
    """A relative, with the relationship as context: "his daughter, Ann Lee"."""
    rel, p = relation(c)
    if c.phi_free:
        c.lit(f"{c.rng.choice(('the', 'the', 'a'))} {rel}")
        return
    form = c.rng.choice(("a", "b", "c", "d", "e", "f"))
    if form == "a":
        c.lit(f"{rel} ")
        c.phi("NAME", p.first)
    elif form == "b":
        c.say("{his} ")
        c.lit(f"{rel}, ")
        c.phi("NAME", name_text(p, "full"))
        c.lit(",")
    elif form == "c":
        c.lit(f"{rel} (")
        c.phi("NAME", p.first)
        c.lit(")")
    elif form == "d":
        c.phi("NAME", name_text(p, "full"))
        c.lit(f" ({rel})")
    elif form == "e":
        c.lit(f"{rel} ")
        c.phi("NAME", name_text(p, c.rng.choice(("full", "first", "CAPS"))))
    else:
        c.phi("NAME", p.first)
        c.lit(f", {rel},")


@field
def f_rel_name(c: Ctx) -> None:
    _, p = relation(c)
    if c.phi_free:
        c.lit("family")
        return
    c.phi("NAME", name_text(p, c.rng.choice(("full", "first", "first", "CAPS"))))


@field
def f_relation(c: Ctx) -> None:
    c.lit(relation(c)[0])


def attending(c: Ctx) -> Person:
    """The note's attending physician, drawn on first use."""
    if c.attending_cache is None:
        c.attending_cache = person(c)
    return c.attending_cache


def clinician(c: Ctx, p: Person, *, signature: bool = False) -> None:
    """``p`` as a clinician: title or credentials are context, the name is the span."""
    rng = c.rng
    if c.phi_free:
        c.lit(rng.choice(("the attending", "the covering provider", "the primary team")))
        return
    cred = rng.choice(_CREDENTIALS)
    style = rng.choice(("dr_last", "dr_full", "full_cred", "init_cred", "last_first_cred", "bare")
                       if signature else ("dr_last", "dr_last", "dr_full", "full_cred", "dr_init"))
    if style == "dr_last":
        c.lit(rng.choice(_DR))
        c.phi("NAME", p.last)
    elif style == "dr_full":
        c.lit(rng.choice(_DR_FULL))
        c.phi("NAME", name_text(p, rng.choice(("full", "full_mi"))))
    elif style == "dr_init":
        c.lit("Dr. ")
        c.phi("NAME", name_text(p, "initial_last"))
    elif style == "full_cred":
        c.phi("NAME", name_text(p, rng.choice(("full", "full_mi"))))
        c.lit(cred)
    elif style == "init_cred":
        c.phi("NAME", name_text(p, "initial_last"))
        c.lit(cred)
    elif style == "last_first_cred":
        c.phi("NAME", name_text(p, "last_first"))
        c.lit(cred.replace(",", "", 1))
    else:
        c.phi("NAME", name_text(p, "full"))


@field
def f_clin(c: Ctx) -> None:
    """The attending (mostly) or another physician, with title or credentials."""
    p = attending(c) if c.chance(0.6) else person(c)
    clinician(c, p)


@field
def f_clin_other(c: Ctx) -> None:
    clinician(c, person(c))


@field
def f_clin_last(c: Ctx) -> None:
    if c.phi_free:
        c.lit("Doctor")
        return
    c.phi("NAME", attending(c).last)


@field
def f_sig(c: Ctx) -> None:
    clinician(c, attending(c), signature=True)


@field
def f_nurse(c: Ctx) -> None:
    if c.phi_free:
        c.lit("RN")
        return
    p = person(c)
    form = c.rng.choice(("a", "b", "c", "d"))
    if form == "a":
        c.phi("NAME", name_text(p, "full"))
        c.lit(c.rng.choice(_NURSE_CREDENTIALS))
    elif form == "b":
        c.lit("RN ")
        c.phi("NAME", name_text(p, c.rng.choice(("first", "full", "initial_last"))))
    elif form == "c":
        c.phi("NAME", name_text(p, "initial_last"))
        c.lit(" RN")
    else:
        c.phi("NAME", name_text(p, "first"))
        c.lit(" (charge RN)")

