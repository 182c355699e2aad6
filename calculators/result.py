"""The one result type every child-support engine returns: a cited worksheet, never a bare number.

Calculators compute; they do not format. Amounts are exact Decimals already rounded where the law says; the UI and
reports format them (casefile.money.format_money). Every worksheet line carries the reference it rests on.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from casefile.models import ParentRole
from casefile.money import Period
from jurisdictions.loader import Citation

LineKind = Literal["input", "step", "result", "note"]


class Cite(BaseModel):
    """A worksheet line's reference (serialisable form of jurisdictions.loader.Citation)."""

    model_config = ConfigDict(frozen=True)

    text: str
    url: str | None = None
    confidence: str | None = None

    @classmethod
    def of(cls, citation: Citation) -> Cite:
        return cls(
            text=citation.text,
            url=citation.url,
            confidence=citation.confidence.value if citation.confidence else None,
        )


class WorksheetLine(BaseModel):
    """One line of the worksheet: what it is, its amount (or other value), and the law it rests on."""

    model_config = ConfigDict(frozen=True)

    key: str  # stable id (e.g. "gross_weekly_income"), for tests and comparisons
    label: str  # plain words: "Alex's gross weekly income"
    reference: Cite
    amount: Decimal | None = None  # money, in the estimate's currency
    value: str | None = None  # a non-money value shown as text: "16%", "3/7", "104 nights"
    kind: LineKind = "step"
    overridden: bool = False  # a what-if changed a parameter this line uses
    note: str = ""


class Estimate(BaseModel):
    """A child-support estimate. Never a court order: the UI and reports say "estimate" wherever it appears."""

    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    jurisdiction_name: str
    model: str
    as_of: dt.date
    currency: str
    period: Period
    amount: Decimal | None  # per period; None when inputs are missing (see `missing`)
    payer: ParentRole | None = None
    payee: ParentRole | None = None
    lines: tuple[WorksheetLine, ...] = ()
    assumptions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # exactly what to enter to get an amount ("Enter Alex's gross weekly income")
    not_modelled: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()  # parameters changed for a what-if ("cap = 12000")
    amount_range: tuple[Decimal, Decimal] | None = None  # where the law leaves a range (NY above the cap)
    confidence: str = ""  # the rule file's overall source confidence
    discretionary: bool = False  # the amount is only a starting point the court may depart from (above caps ...)

    @property
    def complete(self) -> bool:
        return self.amount is not None and not self.missing

    def annual(self) -> Decimal | None:
        return None if self.amount is None else self.amount * self.period.per_year

    def per(self, period: Period) -> Decimal | None:
        """The amount converted to another period (exact; callers round for display)."""
        annual = self.annual()
        return None if annual is None else annual / period.per_year

    def line(self, key: str) -> WorksheetLine:
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)
