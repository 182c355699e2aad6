"""The adapter to the tax library, taxsim-py (federal and state income tax, 50 states and DC), imported lazily.

taxsim-py computes a whole table of households in one call (a compiled calculator over a Polars DataFrame), so the
adapter always works on a batch: a 1,000-point income curve is one call, not 1,000. Importing it costs about 0.4 s
(Polars), which the app pays only when a tax is first worked out, never at start-up.

Only the figures used are read back: federal income tax after credits (``fiitax``), federal tax on taxable income
before credits (``regular_tax``, for the Texas chart method, which applies no credits), state income tax
(``siitax``). Payroll taxes are worked out in calculators.tax.payroll (the library reports the employee's Social
Security and Medicare as one total).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from calculators.tax.model import STATE_ORDER, FilingStatus, TaxPerson
from casefile.money import CENT

LIBRARY = "taxsim-py"
# A working-age adult: the library's age input decides the extra standard deduction and senior deduction (65+) and
# the childless earned income credit (25-64). The person's age is not asked; the result says so.
ASSUMED_AGE = 40

STATE_CODE: dict[str, int] = {state: number for number, state in enumerate(STATE_ORDER, start=1)}

# TAXSIM filing status codes: 1 single, or head of household when there are dependents; 33 single even with
# dependents; 2 married filing jointly; 6 married filing separately.
MSTAT: dict[FilingStatus, int] = {
    FilingStatus.SINGLE: 33,
    FilingStatus.HEAD_OF_HOUSEHOLD: 1,
    FilingStatus.MARRIED_JOINT: 2,
    FilingStatus.MARRIED_SEPARATE: 6,
}


@dataclass(frozen=True, slots=True)
class LibraryRow:
    """One household as the library is asked about it."""

    year: int
    person: TaxPerson
    single_standard_deduction: bool  # the Texas chart method: single, no dependents, no business-income deduction


@dataclass(frozen=True, slots=True)
class LibraryTaxes:
    federal_after_credits: Decimal
    federal_before_credits: Decimal
    state: Decimal


@cache
def version() -> str:
    from importlib.metadata import version as installed_version

    return installed_version(LIBRARY)


def label() -> str:
    return f"{LIBRARY} {version()}"


# The last tax year the pinned library has law for (it raises for later years). Written here so that planning a
# computation does not import the library; tests/unit/test_tax_library.py checks it against the library itself.
LAST_YEAR = 2025


def _cents(value: float) -> Decimal:
    """The library's float, to the cent, half up (its floats carry noise like 7289.00015)."""
    return Decimal(repr(value)).quantize(CENT, ROUND_HALF_UP)


def compute(rows: Sequence[LibraryRow]) -> list[LibraryTaxes]:
    """Federal and state income tax for every row, in one library call. Rows must be in the library's years."""
    if not rows:
        return []
    import polars as pl
    from taxsim_py import calculate_taxes

    chart = [row.single_standard_deduction for row in rows]
    people = [row.person for row in rows]
    business = [float(p.self_employment) for p in people]
    columns = {
        "year": [row.year for row in rows],
        "state": [STATE_CODE[p.state] for p in people],
        "mstat": [MSTAT[FilingStatus.SINGLE if c else p.filing_status] for c, p in zip(chart, people, strict=True)],
        "page": [ASSUMED_AGE] * len(rows),
        "depx": [0 if c else p.dependents for c, p in zip(chart, people, strict=True)],
        "dep17": [0 if c else p.qualifying_children for c, p in zip(chart, people, strict=True)],
        "dep13": [0 if c else p.children_under_13 for c, p in zip(chart, people, strict=True)],
        "dep6": [0 if c else p.children_under_6 for c, p in zip(chart, people, strict=True)],
        "pwages": [float(p.wages) for p in people],
        # Self-employment: as business income (with the qualified business income deduction, § 199A) under the
        # actual method; without it for the chart method, which subtracts only the standard deduction.
        "psemp": [b if c else 0.0 for c, b in zip(chart, business, strict=True)],
        "pbusinc": [0.0 if c else b for c, b in zip(chart, business, strict=True)],
        "otherprop": [float(p.other_income) for p in people],
    }
    frame = pl.DataFrame(columns)
    out = calculate_taxes(frame)
    return [
        LibraryTaxes(_cents(fed), _cents(regular), _cents(state))
        for fed, regular, state in zip(
            out["fiitax"].to_list(), out["regular_tax"].to_list(), out["siitax"].to_list(), strict=True
        )
    ]
