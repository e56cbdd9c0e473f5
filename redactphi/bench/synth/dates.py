"""Dates, times and ages: every format a DATE span is written in, and ages over 89 as AGE.

A DATE span covers the day/month/year parts written; a weekday before it and a time after
it are context. A year on its own is not PHI. AGE spans are ages over 89 only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from redactphi.bench.synth.fields import field
from redactphi.bench.synth.ids import ordinal

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

# Calendar names as the formats below write them (not a vocabulary: a fixed table).
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MON_DOT = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def write_date(c: Ctx, d: dt.date, header: bool) -> None:
    rng = c.rng
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
        text = f"{day:02d}-{MON[m - 1]}-{y}"
    elif form == "month_ord":
        text = f"{MONTHS[m - 1]} {ordinal(day)}"
    elif form == "month_day":
        text = f"{rng.choice((MONTHS, MON_DOT))[m - 1]} {day}"
    elif form == "mon_d_y":
        text = f"{rng.choice((MON, MON_DOT))[m - 1]} {day}, {y}"
    elif form == "month_d_y":
        text = f"{MONTHS[m - 1]} {day}, {y}"
    elif form == "month_ord_y":
        text = f"{MONTHS[m - 1]} {ordinal(day)}, {y}"
    elif form == "d_month":
        text = f"{day} {MONTHS[m - 1]}"
    elif form == "d_month_y":
        text = f"{day} {rng.choice((MONTHS, MON))[m - 1]} {y}"
    elif form == "the_ord_of":
        c.lit("the ")
        text = f"{ordinal(day)} of {MONTHS[m - 1]}"
    elif form == "weekday":
        c.lit(f"{rng.choice((WEEKDAYS, WEEKDAYS_SHORT))[d.weekday()]}{rng.choice((', ', ' '))}")
        text = rng.choice((f"{MONTHS[m - 1]} {day}", f"{m}/{day}", f"{MON[m - 1]} {day}, {y}"))
    elif form == "month_year":
        text = rng.choice((f"{MONTHS[m - 1]} {y}", f"{MON[m - 1]} {y}", f"{m:02d}/{y}"))
    elif form == "dash":
        text = f"{m}-{day}-{y}"
    elif form == "dotted":
        text = f"{m:02d}.{day:02d}.{y}"
    elif form == "mil":
        text = f"{day:02d}{MON[m - 1].upper()}{y}"
    else:
        text = f"{MON[m - 1]} {day} '{y % 100:02d}"
    c.phi("DATE", text)


def date_near(c: Ctx, lo: int, hi: int) -> dt.date:
    return c.base + dt.timedelta(days=c.rng.randrange(lo, hi))


def relative_date_words(c: Ctx) -> None:
    c.lit(c.rng.choice(("today", "yesterday", "on admission", "last week", "2 days ago")))


@field
def f_date(c: Ctx) -> None:
    """A date in running text, any format."""
    if c.phi_free:
        relative_date_words(c)
        return
    write_date(c, date_near(c, -700, 60), header=False)


@field
def f_hdate(c: Ctx) -> None:
    """The encounter date in a header."""
    if c.phi_free:
        c.lit("today")
        return
    write_date(c, c.base, header=True)


@field
def f_admit(c: Ctx) -> None:
    if c.phi_free:
        c.lit("on admission")
        return
    write_date(c, c.base - dt.timedelta(days=c.los), header=True)


@field
def f_admit_p(c: Ctx) -> None:
    """The admission date in running text, any format."""
    if c.phi_free:
        c.lit("admission")
        return
    write_date(c, c.base - dt.timedelta(days=c.los), header=False)


@field
def f_disch(c: Ctx) -> None:
    if c.phi_free:
        c.lit("today")
        return
    write_date(c, c.base, header=True)


@field
def f_fdate(c: Ctx) -> None:
    """A follow-up date in the future, in running text."""
    if c.phi_free:
        c.lit(c.rng.choice(("in 2 weeks", "in 1 month", "next week")))
        return
    write_date(c, date_near(c, 7, 90), header=False)


def clock_time(c: Ctx) -> str:
    rng = c.rng
    h, mi = rng.randrange(24), rng.randrange(60)
    return rng.choice((f"{h:02d}:{mi:02d}", f"{h:02d}{mi:02d}",
                       f"{(h % 12) or 12}:{mi:02d} {'AM' if h < 12 else 'PM'}"))


@field
def f_time(c: Ctx) -> None:
    c.lit(clock_time(c))


@field
def f_datetime(c: Ctx) -> None:
    """A date followed by a time; the time is context, not part of the DATE span."""
    if c.phi_free:
        c.lit(f"today {clock_time(c)}")
        return
    write_date(c, date_near(c, -3, 1), header=True)
    c.lit(c.rng.choice((" ", " at ", " @ ", "  ")) + clock_time(c))


@field
def f_dob(c: Ctx) -> None:
    if c.phi_free:
        c.lit("on file")
        return
    rng = c.rng
    dob = c.base - dt.timedelta(days=365 * c.age + rng.randrange(1, 360))
    form = rng.randrange(4)
    if form == 0:
        text = f"{dob.month:02d}/{dob.day:02d}/{dob.year}"
    elif form == 1:
        text = f"{dob.month}/{dob.day}/{dob.year}"
    elif form == 2:
        text = dob.isoformat()
    else:
        text = f"{MON[dob.month - 1]} {dob.day}, {dob.year}"
    c.phi("DATE", text)


@field
def f_year(c: Ctx) -> None:
    """A year on its own: not PHI."""
    c.lit(str(c.base.year - c.rng.randrange(1, 25)))


@field
def f_age(c: Ctx) -> None:
    """The patient's age in a compact clinical form; a span only when over 89."""
    rng = c.rng
    n = str(c.age)
    before, after = rng.choice((
        ("", " y/o"), ("", " yo"), ("", "yo"), ("", "-year-old"), ("", " year old"),
        ("", " y.o."), ("age ", ""), ("aged ", ""), ("", c.pt.sex), ("", " " + c.pt.sex),
    ))
    c.lit(before)
    if c.age > 89:
        c.phi("AGE", n)
    else:
        c.lit(n)
    c.lit(after)


@field
def f_a_age(c: Ctx) -> None:
    """ "a 92-year-old" / "an 89 y/o": article plus age, for running text."""
    n = c.age
    c.lit("an " if str(n).startswith("8") or n in (11, 18) else "a ")
    unit = c.rng.choice(("-year-old", " y/o", " yo", " year old", "-yo"))
    if n > 89:
        c.phi("AGE", str(n))
    else:
        c.lit(str(n))
    c.lit(unit)


@field
def f_age_num(c: Ctx) -> None:
    if c.age > 89:
        c.phi("AGE", str(c.age))
    else:
        c.lit(str(c.age))


@field
def f_decade(c: Ctx) -> None:
    """ "in her 90s" (AGE span) or "in his 70s" (hard negative)."""
    decade = max(20, (c.age // 10) * 10)
    c.say("in {his} ")
    c.lit(c.rng.choice(("", "late ", "early ", "mid-")))
    if decade >= 90:
        c.phi("AGE", f"{decade}s")
    else:
        c.lit(f"{decade}s")


@field
def f_young_age(c: Ctx) -> None:
    """An age under 90 that must survive (includes the 89 boundary)."""
    c.lit(str(c.rng.choice((c.rng.randrange(18, 89), 89, 45, 67))))

