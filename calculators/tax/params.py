"""The filled figures (params.yaml), read strictly (duplicate keys rejected, numbers exact) into typed values.

Only what the tax library lacks lives here; each value carries its source. ``PARAMS`` is loaded on first use.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from calculators.tax.model import FilingStatus
from jurisdictions.yamlstrict import load_model

PARAMS_FILE = Path(__file__).with_name("params.yaml")

Confidence = Literal["OFFICIAL", "SECONDARY", "THIRD-PARTY"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    title: str
    url: str
    confidence: Confidence
    note: str = ""

    def cite(self) -> str:
        return f"{self.title} [{self.confidence}]"


class Rate(_Frozen):
    value: Decimal
    cite: str
    url: str


class ByYear(_Frozen):
    description: str
    values: dict[int, Decimal]
    sources: tuple[Source, ...]


class ByStatus(_Frozen):
    description: str = ""
    by_status: dict[FilingStatus, Decimal]
    cite: str = ""
    url: str = ""
    years: tuple[int, ...] = ()
    sources: tuple[Source, ...] = ()


Bracket = tuple[Decimal, Decimal]  # (taxable income from, marginal rate)


class SocialSecurity(_Frozen):
    description: str
    employee_rate: Rate
    self_employed_rate: Rate
    wage_base: ByYear


class Medicare(_Frozen):
    description: str
    employee_rate: Rate
    self_employed_rate: Rate
    additional_rate: Rate
    additional_threshold: ByStatus


class SelfEmployment(_Frozen):
    net_earnings_factor: Rate


class FederalSingle(_Frozen):
    description: str
    brackets: tuple[Bracket, ...]
    standard_deduction: Decimal
    sources: tuple[Source, ...]


class Schedules(_Frozen):
    description: str
    years: tuple[int, ...]
    by_status: dict[FilingStatus, tuple[Bracket, ...]]
    sources: tuple[Source, ...]


class YearsRate(_Frozen):
    description: str
    value: Decimal
    years: tuple[int, ...]
    sources: tuple[Source, ...]


class NewYork(_Frozen):
    standard_deduction: ByStatus
    dependent_exemption: Rate
    nyc_rates: Schedules
    yonkers_surcharge: YearsRate


class CaliforniaSdi(_Frozen):
    description: str
    values: dict[int, tuple[Decimal, Decimal | None]]  # year: (rate, taxable wage limit or None)
    sources: tuple[Source, ...]


class Params(_Frozen):
    social_security: SocialSecurity
    medicare: Medicare
    self_employment: SelfEmployment
    federal_2026_single: FederalSingle
    new_york: NewYork
    california_sdi: CaliforniaSdi


@cache
def params() -> Params:
    """The filled figures, loaded and validated once (a broken file raises DataFileError with file:line)."""
    loaded, _ = load_model(PARAMS_FILE.read_text(encoding="utf-8"), PARAMS_FILE.name, Params, "a mapping of taxes")
    return loaded


def bracket_tax(amount: Decimal, brackets: tuple[Bracket, ...]) -> Decimal:
    """Tax on ``amount`` under a marginal-rate schedule (each rate applies from its threshold to the next)."""
    tax = Decimal(0)
    for index, (start, rate) in enumerate(brackets):
        if amount <= start:
            break
        end = brackets[index + 1][0] if index + 1 < len(brackets) else amount
        tax += (min(amount, end) - start) * rate
    return tax
