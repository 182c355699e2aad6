"""The employee's own payroll taxes and the self-employment tax, from the Internal Revenue Code's rates and SSA's
wage base (params.yaml), and California SDI from EDD's yearly rate.

Filled here rather than taken from the library because the worksheet needs each tax on its own line (the library
gives the employee's Social Security and Medicare as one total), and for 2026, which the library does not have.
One employer is assumed: Social Security withheld above the wage base by several employers (refunded on the return)
is not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from calculators.tax.model import FilingStatus
from calculators.tax.params import params
from casefile.money import ZERO

# No self-employment tax when net earnings from self-employment are under $400 (26 U.S.C. § 1402(b)(2)).
SE_MINIMUM = Decimal(400)


@dataclass(frozen=True, slots=True)
class Payroll:
    social_security: Decimal  # employee OASDI on wages
    medicare: Decimal  # employee hospital insurance on wages (1.45 %)
    additional_medicare: Decimal  # 0.9 % on wages and self-employment earnings above the threshold
    self_employment_tax: Decimal  # OASDI and Medicare, both halves, on net earnings from self-employment
    wage_base: Decimal
    additional_threshold: Decimal

    @property
    def deductible_half_of_se_tax(self) -> Decimal:
        """Half the self-employment tax (not the Additional Medicare Tax), an above-the-line deduction
        (26 U.S.C. § 164(f))."""
        return self.self_employment_tax / 2


def payroll_years() -> tuple[int, ...]:
    return tuple(sorted(params().social_security.wage_base.values))


@lru_cache(maxsize=128)
def _rates(year: int, status: FilingStatus) -> tuple[Decimal, ...]:
    """The year's figures, read once (a curve asks for them at every point)."""
    p = params()
    return (
        p.social_security.wage_base.values[year], p.medicare.additional_threshold.by_status[status],
        p.social_security.employee_rate.value, p.medicare.employee_rate.value,
        p.self_employment.net_earnings_factor.value, p.social_security.self_employed_rate.value,
        p.medicare.self_employed_rate.value, p.medicare.additional_rate.value,
    )


def payroll(wages: Decimal, self_employment: Decimal, status: FilingStatus, year: int) -> Payroll:
    """Employee Social Security and Medicare on ``wages``, self-employment tax on ``self_employment`` (net profit),
    and the Additional Medicare Tax on both (Form 8959: the self-employment threshold is reduced by wages)."""
    base, threshold, ss_rate, medicare_rate, se_factor, se_ss_rate, se_medicare_rate, additional_rate = _rates(
        year, status)
    earnings = self_employment * se_factor
    if earnings < SE_MINIMUM:
        earnings = ZERO
    se_tax = min(earnings, max(base - wages, ZERO)) * se_ss_rate + earnings * se_medicare_rate
    additional = (max(wages - threshold, ZERO) + max(earnings - max(threshold - wages, ZERO), ZERO)) * additional_rate
    return Payroll(min(wages, base) * ss_rate, wages * medicare_rate, additional, se_tax, base, threshold)


def california_sdi(wages: Decimal, year: int) -> Decimal:
    """California SDI withheld from wages: the year's rate up to the taxable wage limit (none from 2024)."""
    rate, limit = params().california_sdi.values[year]
    return (wages if limit is None else min(wages, limit)) * rate


def sdi_years() -> tuple[int, ...]:
    return tuple(sorted(params().california_sdi.values))
