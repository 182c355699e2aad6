"""New York City and Yonkers resident income tax, which the tax library does not compute (filled from NY DTF and
the NY Tax Law, params.yaml).

New York City: the city's rate schedule on New York taxable income, which for wages, self-employment and ordinary
other income is federal AGI less the New York standard deduction and $1,000 per dependent (IT-201 lines 33-38;
New York additions and subtractions, e.g. for pensions, are not modelled). The city's credits (household credit,
school tax credit, city EITC, the income tax elimination credit from 2025) are not modelled, so the figure can be
slightly higher than the tax actually paid, and for a low income the elimination credit may make it nothing.

Yonkers: 16.75 % of the New York State income tax (the resident surcharge, IT-201 line 55), on the state tax the
library reports after credits (not below zero).
"""

from __future__ import annotations

from decimal import Decimal

from calculators.tax.model import FilingStatus
from calculators.tax.params import bracket_tax, params
from casefile.money import ZERO


def new_york_taxable_income(agi: Decimal, status: FilingStatus, dependents: int) -> Decimal:
    ny = params().new_york
    deductions = ny.standard_deduction.by_status[status] + ny.dependent_exemption.value * dependents
    return max(agi - deductions, ZERO)


def new_york_city_tax(agi: Decimal, status: FilingStatus, dependents: int) -> Decimal:
    schedule = params().new_york.nyc_rates.by_status[status]
    return bracket_tax(new_york_taxable_income(agi, status, dependents), schedule)


def yonkers_surcharge(new_york_state_tax: Decimal) -> Decimal:
    return max(new_york_state_tax, ZERO) * params().new_york.yonkers_surcharge.value


def nyc_years() -> tuple[int, ...]:
    ny = params().new_york
    return tuple(sorted(set(ny.nyc_rates.years) & set(ny.standard_deduction.years)))


def yonkers_years() -> tuple[int, ...]:
    return params().new_york.yonkers_surcharge.years
