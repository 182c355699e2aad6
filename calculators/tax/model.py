"""The tax component's inputs, method declaration, results and errors (typed, frozen values; money is Decimal).

A ``TaxPerson`` is one person's yearly gross income items and tax situation; a ``NetIncomeMethod`` is what a
guideline deducts from gross pay (declared by the rule file); a ``TaxResult`` is the taxes worked out, one cited
``TaxLine`` per tax, each with the tax year whose rules were applied and where its figures came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from casefile.money import ZERO

# Years this component can do at all (the Social Security wage base and the other filled figures start in 2018, the
# first tax year under the Tax Cuts and Jobs Act, when the personal exemption became $0). Later years are checked
# tax by tax: each tax says plainly which years it has.
FIRST_TAX_YEAR = 2018


class TaxInputError(ValueError):
    """Bad input for the tax component (negative pay, an unknown state ...). The message is plain words for the
    person; the engine shows it as a bad-input message."""


class TaxYearNotAvailable(TaxInputError):
    """This tax year cannot be worked out for this method and place. The message says which tax, which year, what
    the component has, and what the person can do (enter the taxes actually paid)."""


class FilingStatus(StrEnum):
    SINGLE = "single"
    HEAD_OF_HOUSEHOLD = "head_of_household"
    MARRIED_JOINT = "married_joint"
    MARRIED_SEPARATE = "married_separate"

    @property
    def label(self) -> str:
        return FILING_STATUS_LABELS[self]


FILING_STATUS_LABELS: dict[FilingStatus, str] = {
    FilingStatus.SINGLE: "single",
    FilingStatus.HEAD_OF_HOUSEHOLD: "head of household",
    FilingStatus.MARRIED_JOINT: "married filing jointly",
    FilingStatus.MARRIED_SEPARATE: "married filing separately",
}


class Locality(StrEnum):
    """A local income tax the component knows (a residence question: where the person lives)."""

    NEW_YORK_CITY = "new_york_city"
    YONKERS = "yonkers"


# Two-letter postal codes of the 50 states and DC, in the order of their full names (Alabama, Alaska ... with the
# District of Columbia after Delaware): the TAXSIM numbering, state n being STATE_ORDER[n - 1].
STATE_ORDER: tuple[str, ...] = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
)
STATES: frozenset[str] = frozenset(STATE_ORDER)

# A yearly amount: not negative, and below a billion (a bigger figure is a typing slip, not an income).
Money = Annotated[Decimal, Field(ge=0, lt=Decimal("1e9"), allow_inf_nan=False)]


class TaxPerson(BaseModel):
    """One person's gross income for a tax year (yearly amounts) and what the tax depends on.

    ``other_income`` is taxable income that bears no payroll tax (interest, a pension, rent ...), taxed as ordinary
    income. Income that is not taxable (child support received, most means-tested help) is not given here.
    ``dependents`` are the dependents claimed on this person's return; ``children_under_17`` of them qualify for the
    child tax credit (at most ``dependents``; by default all of them); ``children_under_13`` and ``children_under_6``
    (by default none) matter for some credits.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    wages: Money = ZERO
    self_employment: Money = ZERO  # net profit, after ordinary business expenses
    other_income: Money = ZERO
    filing_status: FilingStatus = FilingStatus.SINGLE
    dependents: Annotated[int, Field(ge=0, le=20)] = 0
    children_under_17: Annotated[int, Field(ge=0, le=20)] | None = None
    children_under_13: Annotated[int, Field(ge=0, le=20)] = 0  # credits for child care, some states' credits
    children_under_6: Annotated[int, Field(ge=0, le=20)] = 0  # young-child credits (e.g. California's)
    state: str
    locality: Locality | None = None

    @model_validator(mode="after")
    def _consistent(self) -> TaxPerson:
        if self.state not in STATES:
            raise ValueError(f"'{self.state}' is not a US state code the tax component knows (use two letters, e.g. TX, CA, DC)")
        if self.locality is not None and self.state != "NY":
            raise ValueError(f"{self.locality.value.replace('_', ' ').title()} is in New York, but the state given is {self.state}")
        if self.children_under_17 is not None and self.children_under_17 > self.dependents:
            raise ValueError("children under 17 cannot be more than the dependents claimed")
        if not self.children_under_6 <= self.children_under_13 <= self.dependents:
            raise ValueError("children under 6 cannot be more than those under 13, nor those more than the dependents")
        if self.filing_status is FilingStatus.HEAD_OF_HOUSEHOLD and self.dependents == 0:
            raise ValueError("head of household needs at least one dependent (a qualifying person living with you)")
        return self

    @property
    def qualifying_children(self) -> int:
        return self.dependents if self.children_under_17 is None else self.children_under_17

    @property
    def gross(self) -> Decimal:
        return self.wages + self.self_employment + self.other_income


def tax_person(**fields: object) -> TaxPerson:
    """Build a TaxPerson, turning validation errors into one plain TaxInputError (no pydantic trace for the user)."""
    try:
        return TaxPerson(**fields)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise TaxInputError(plain_message(exc)) from None


FIELD_LABELS = {
    "wages": "wages", "self_employment": "self-employment income", "other_income": "other income",
    "filing_status": "filing status", "dependents": "dependents", "children_under_17": "children under 17",
    "children_under_13": "children under 13", "children_under_6": "children under 6",
    "state": "state", "locality": "city",
}


def plain_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        where = FIELD_LABELS.get(str(err["loc"][0]), str(err["loc"][0])) if err["loc"] else ""
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "greater_than_equal":
            message = "cannot be negative"
        parts.append(f"{where}: {message}" if where else message)
    return "Tax details: " + "; ".join(parts) + "."


FilingBasis = Literal["actual", "single_standard_deduction"]
YearPolicy = Literal["exact", "latest_available"]


class NetIncomeMethod(BaseModel):
    """What a guideline deducts from gross income, as data (a rule file declares one, or names a preset in
    ``calculators.tax.methods.PRESETS``).

    ``filing`` is "actual" (the person's real filing status, dependents and credits: California § 4059, Florida
    § 61.30) or "single_standard_deduction" (a single filer with one personal exemption and the standard deduction,
    no dependents and no credits, whatever the real status: the Texas tax charts, § 154.061(b)).
    ``year_policy`` "exact" refuses a tax year the tax model lacks (TaxYearNotAvailable); "latest_available" applies
    the latest year it has instead and says so in the result (each line keeps the year whose rules it used).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str  # plain words for the worksheet: "as the Texas tax charts assume: single filer, standard deduction"
    citation: str  # the guideline's own section for the deduction list
    filing: FilingBasis = "actual"
    federal_income_tax: bool = True
    state_income_tax: bool = False
    local_income_tax: bool = False  # New York City / Yonkers resident tax, where the person lives there
    social_security: bool = True
    medicare: bool = True
    additional_medicare: bool = True
    self_employment_tax: bool = True
    state_disability_insurance: bool = False  # California SDI
    year_policy: YearPolicy = "exact"
    unconfirmed: tuple[str, ...] = ()  # points of the method the sources do not settle (shown as assumptions)
    not_modelled: tuple[str, ...] = ()  # deductions the guideline allows that are not taxes (entered elsewhere)


class TaxKind(StrEnum):
    FEDERAL_INCOME_TAX = "federal_income_tax"
    STATE_INCOME_TAX = "state_income_tax"
    LOCAL_INCOME_TAX = "local_income_tax"
    SOCIAL_SECURITY = "social_security"
    MEDICARE = "medicare"
    ADDITIONAL_MEDICARE = "additional_medicare"
    SELF_EMPLOYMENT_TAX = "self_employment_tax"
    STATE_DISABILITY_INSURANCE = "state_disability_insurance"


class TaxLine(NamedTuple):
    """One tax worked out: its yearly amount (exact to the cent; negative only for a refundable credit larger than
    the tax), the tax year whose rules were applied, the law or figures it rests on, and how it was computed."""

    kind: TaxKind
    label: str  # "Federal income tax (single filer, standard deduction, no credits)"
    amount: Decimal
    tax_year: int
    citation: str  # the law and source of the figures
    computed_by: str  # "taxsim-py 0.4.1" or "filled here: <gap>"
    url: str | None = None


class LineWords(NamedTuple):
    """Everything about a line but its amount (shared by every point of a curve)."""

    kind: TaxKind
    label: str
    citation: str
    computed_by: str
    url: str | None
    tax_year: int


@dataclass(frozen=True, slots=True)
class ResultText:
    """The words of a result: they depend on the method, the years applied and the person's state, status and city,
    never on the amounts, so one ResultText serves every point of a curve."""

    lines: tuple[LineWords, ...]
    gaps_filled: tuple[str, ...]  # what the library lacked and where the figure came from instead
    assumptions: tuple[str, ...]  # the method's assumptions, in words for the worksheet
    warnings: tuple[str, ...]  # e.g. an earlier tax year applied because the requested one is not available
    not_modelled: tuple[str, ...]


class TaxResult(NamedTuple):
    """The taxes on one person's gross income under one guideline's method, for one requested tax year.

    Immutable. ``amounts`` holds one yearly amount per line of ``text`` (None where the line does not apply to this
    person: no Additional Medicare Tax below the threshold, no self-employment tax without profit); ``lines`` joins
    them with their words. Kept this lean because a 1,000-point curve makes a thousand of them."""

    method: str
    requested_year: int
    gross: Decimal  # yearly gross income given (wages + self-employment + other)
    amounts: tuple[Decimal | None, ...]
    text: ResultText

    @property
    def lines(self) -> tuple[TaxLine, ...]:
        return tuple(
            TaxLine(w.kind, w.label, amount, w.tax_year, w.citation, w.computed_by, w.url)
            for w, amount in zip(self.text.lines, self.amounts, strict=True) if amount is not None
        )

    @property
    def gaps_filled(self) -> tuple[str, ...]:
        return self.text.gaps_filled

    @property
    def assumptions(self) -> tuple[str, ...]:
        return self.text.assumptions

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.text.warnings

    @property
    def not_modelled(self) -> tuple[str, ...]:
        return self.text.not_modelled

    @property
    def total(self) -> Decimal:
        return sum((amount for amount in self.amounts if amount is not None), ZERO)

    @property
    def net(self) -> Decimal:
        """Gross income less every tax line: the guideline's net income before its non-tax deductions."""
        return self.gross - self.total

    def amount(self, kind: TaxKind) -> Decimal:
        """The amount of one kind of tax (zero when the method does not deduct it)."""
        return sum((a for w, a in zip(self.text.lines, self.amounts, strict=True) if w.kind is kind and a is not None),
                   ZERO)

    def line(self, kind: TaxKind) -> TaxLine:
        for line in self.lines:
            if line.kind is kind:
                return line
        raise KeyError(kind)
