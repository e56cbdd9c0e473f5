"""PHI-free clinical fields: the note's problem (a scenario from ``data/clinical.yaml``),
its history, course, medicines, labs and vitals, and hard-negative sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from redactphi.bench.synth.data import load, pool
from redactphi.bench.synth.fields import field

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

_CLINICAL = "clinical.yaml"


@dataclass(frozen=True)
class Scenario:
    problem: str
    short: str
    icd: str
    hpi: tuple[str, ...]
    course: tuple[str, ...]
    meds: tuple[str, ...]
    labs: tuple[str, ...]
    plan: tuple[str, ...]
    queries: tuple[str, ...]


def _scenario(record: dict[str, object]) -> Scenario:
    texts = {k: v for k, v in record.items() if isinstance(v, str)}
    lists = {k: tuple(v) for k, v in record.items() if isinstance(v, list)}
    return Scenario(**texts, **lists)  # type: ignore[arg-type]


SCENARIOS: tuple[Scenario, ...] = tuple(_scenario(r) for r in load(_CLINICAL)["scenarios"])
#: (exam, findings, impression)
IMAGING: tuple[tuple[str, str, str], ...] = tuple(
    (r["exam"], r["findings"], r["impression"]) for r in load(_CLINICAL)["imaging"]
)
#: (test, unit, reference range, low, high, decimals)
LAB_ROWS: tuple[tuple[str, str, str, float, float, int], ...] = tuple(
    (r["test"], r["unit"], r["reference"], r["low"], r["high"], r["decimals"]) for r in load(_CLINICAL)["lab_rows"]
)
# Hard negatives: sentences that look identifying in places but contain no PHI.
NEGATIVES = pool(_CLINICAL, "negatives")
ICU_NEGATIVES = pool(_CLINICAL, "icu_negatives")
DRUG_BRANDS = pool(_CLINICAL, "drug_brands")
_HOME_MEDS = pool(_CLINICAL, "home_meds")
_PAST_HISTORY = pool(_CLINICAL, "past_history")
_FAMILY_HISTORY = pool(_CLINICAL, "family_history")
_SHORT_HISTORIES = pool(_CLINICAL, "short_histories")


@field
def f_problem(c: Ctx) -> None:
    c.lit(c.scn.problem)


@field
def f_short(c: Ctx) -> None:
    c.lit(c.scn.short)


@field
def f_icd(c: Ctx) -> None:
    c.lit(c.scn.icd)


@field
def f_hpi(c: Ctx) -> None:
    c.say(c.rng.choice(c.scn.hpi))


@field
def f_course(c: Ctx) -> None:
    c.say(c.rng.choice(c.scn.course))


@field
def f_scn_plan(c: Ctx) -> None:
    """One plan item of the scenario."""
    c.say(c.rng.choice(c.scn.plan))


@field
def f_query(c: Ctx) -> None:
    c.lit(c.rng.choice(c.scn.queries))


@field
def f_labs(c: Ctx) -> None:
    labs = list(c.scn.labs)
    c.lit(", ".join(c.rng.sample(labs, c.rng.randrange(1, len(labs) + 1))))


@field
def f_vitals(c: Ctx) -> None:
    rng = c.rng
    c.lit(rng.choice((
        f"BP {rng.randrange(92, 172)}/{rng.randrange(50, 98)}, HR {rng.randrange(52, 128)}, "
        f"RR {rng.randrange(12, 26)}, SpO2 {rng.randrange(88, 100)}% on {rng.choice(('RA', '2L NC', '4L NC'))}, "
        f"T {rng.randrange(360, 392) / 10:.1f}",
        f"T {rng.randrange(970, 1024) / 10:.1f} F  P {rng.randrange(52, 128)}  BP {rng.randrange(92, 172)}/{rng.randrange(50, 98)}  "
        f"R {rng.randrange(12, 26)}  O2 sat {rng.randrange(88, 100)}%",
    )))


@field
def f_vitals_icu(c: Ctx) -> None:
    rng = c.rng
    c.lit(
        f"HR {rng.randrange(52, 128)} {rng.choice(('SR', 'ST', 'AFIB', 'NSR'))} "
        f"BP {rng.randrange(88, 170)}/{rng.randrange(45, 95)} MAP {rng.randrange(60, 105)} "
        f"{rng.choice(('ON LEVO 0.05', 'NO PRESSORS', 'OFF PRESSORS'))}"
    )


@field
def f_neg(c: Ctx) -> None:
    """One hard-negative sentence."""
    c.say(c.rng.choice(NEGATIVES))


@field
def f_icu_neg(c: Ctx) -> None:
    c.lit(c.rng.choice(ICU_NEGATIVES))


@field
def f_meds(c: Ctx) -> None:
    """A numbered medicine list: the scenario's medicines shuffled, then up to three others."""
    rng = c.rng
    meds = list(c.scn.meds)
    rng.shuffle(meds)
    extra = rng.sample(_HOME_MEDS, rng.randrange(0, 4))
    for i, med in enumerate(meds + extra, start=1):
        c.lit(f"{i}. {med}\n")


@field
def f_lab_line(c: Ctx) -> None:
    """One line of results, "Sodium-138 Potassium-4.1* ..."."""
    rng = c.rng
    parts = []
    for test, _unit, _ref, lo, hi, dec in rng.sample(LAB_ROWS, rng.randrange(3, 8)):
        parts.append(f"{test}-{rng.uniform(lo, hi):.{dec}f}{'*' if rng.random() < 0.2 else ''}")
    c.lit(" ".join(parts) + "\n")


@field
def f_drug(c: Ctx) -> None:
    c.lit(c.rng.choice(DRUG_BRANDS))


@field
def f_neg_pmh(c: Ctx) -> None:
    """A past-history item that names an eponymous disease (hard negative)."""
    c.lit(c.rng.choice(_PAST_HISTORY).replace("<year-6>", str(c.base.year - 6)))


@field
def f_neg_fh(c: Ctx) -> None:
    """Family history with ages under 90 (hard negatives)."""
    c.lit(c.rng.choice(_FAMILY_HISTORY))


@field
def f_hpi_short(c: Ctx) -> None:
    c.lit(c.rng.choice(_SHORT_HISTORIES))


@field
def f_decade_q(c: Ctx) -> None:
    c.say("({decade})")
