"""The Case: everything a person enters, as validated pydantic models (the single source of truth).

Widgets build a Case; calculators read it; reports print it. Nothing else holds user data. Values are frozen: a
change makes a new Case (``case.model_copy(update=...)``), so a page can never half-change what another page reads.

Messages are written for the person typing, and name the field ("Income for Alex: amount must be 0 or more").
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from casefile.money import ZERO, Frequency, annualize

SCHEMA_VERSION = 1

ParentRole = Literal["parent_a", "parent_b"]
PARENT_ROLES: tuple[ParentRole, ParentRole] = ("parent_a", "parent_b")
DAYS_PER_YEAR = 365


def other_role(role: ParentRole) -> ParentRole:
    return "parent_b" if role == "parent_a" else "parent_a"


class Value(BaseModel):
    """Base for the Case's value objects: frozen, no unknown fields, tidy strings."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, validate_default=True)


ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=20_000)]
Money = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=18, decimal_places=6)]


# --- income, deductions, benefits -------------------------------------------------------------------------------


class IncomeKind(StrEnum):
    """Kinds of income. Each rule file says which kinds its guideline counts (and cites why)."""

    WAGES = "wages"  # salary, wages, overtime, commissions, tips, bonuses
    SELF_EMPLOYMENT = "self_employment"  # after ordinary business expenses
    RENTAL = "rental"  # net rent
    INVESTMENT = "investment"  # interest, dividends, royalties
    PENSION = "pension"  # retirement pensions and annuities
    SOCIAL_INSURANCE = "social_insurance"  # unemployment, disability, workers' comp, contributory benefits
    MEANS_TESTED = "means_tested"  # public assistance such as TANF, SSI, SNAP, Universal Credit
    SPOUSAL_SUPPORT = "spousal_support"  # alimony / maintenance received
    OTHER = "other"

    @property
    def label(self) -> str:
        return INCOME_KIND_LABELS[self]


INCOME_KIND_LABELS: dict[IncomeKind, str] = {
    IncomeKind.WAGES: "Wages or salary",
    IncomeKind.SELF_EMPLOYMENT: "Self-employment (after business expenses)",
    IncomeKind.RENTAL: "Rent received (after expenses)",
    IncomeKind.INVESTMENT: "Interest, dividends, royalties",
    IncomeKind.PENSION: "Pension or annuity",
    IncomeKind.SOCIAL_INSURANCE: "Unemployment, disability or similar benefit",
    IncomeKind.MEANS_TESTED: "Means-tested help (e.g. TANF, SSI, Universal Credit)",
    IncomeKind.SPOUSAL_SUPPORT: "Spousal support / alimony received",
    IncomeKind.OTHER: "Other income",
}


class DeductionKind(StrEnum):
    """Kinds of deductions from gross income. Rule files list which ones their law allows."""

    INCOME_TAX = "income_tax"  # federal / national income tax
    STATE_TAX = "state_tax"  # state, provincial or local income tax
    SOCIAL_SECURITY = "social_security"  # FICA, National Insurance, CPP/EI
    PENSION_CONTRIBUTION = "pension_contribution"  # mandatory or workplace pension contributions
    UNION_DUES = "union_dues"
    HEALTH_INSURANCE = "health_insurance"  # premiums for own / children's health insurance
    CHILD_SUPPORT_PAID = "child_support_paid"  # support actually paid for other children
    SPOUSAL_SUPPORT_PAID = "spousal_support_paid"  # alimony actually paid
    JOB_EXPENSES = "job_expenses"  # necessary unreimbursed job expenses
    OTHER = "other"

    @property
    def label(self) -> str:
        return DEDUCTION_KIND_LABELS[self]


DEDUCTION_KIND_LABELS: dict[DeductionKind, str] = {
    DeductionKind.INCOME_TAX: "Income tax",
    DeductionKind.STATE_TAX: "State, provincial or local income tax",
    DeductionKind.SOCIAL_SECURITY: "Social security / National Insurance",
    DeductionKind.PENSION_CONTRIBUTION: "Required pension contributions",
    DeductionKind.UNION_DUES: "Union dues",
    DeductionKind.HEALTH_INSURANCE: "Health insurance premiums",
    DeductionKind.CHILD_SUPPORT_PAID: "Child support paid for other children",
    DeductionKind.SPOUSAL_SUPPORT_PAID: "Spousal support / alimony paid",
    DeductionKind.JOB_EXPENSES: "Necessary job expenses",
    DeductionKind.OTHER: "Other deduction",
}


class Amount(Value):
    """An amount as the person typed it. ``amount`` None means "I don't know yet" (never treated as 0)."""

    amount: Money | None = None
    frequency: Frequency = Frequency.MONTHLY
    hours_per_week: Annotated[Decimal, Field(gt=0, le=168, allow_inf_nan=False)] | None = None

    @field_validator("amount")
    @classmethod
    def _not_negative(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and v < 0:
            raise ValueError("must be 0 or more")
        return v

    @model_validator(mode="after")
    def _hours_for_hourly(self) -> Amount:
        if self.frequency is Frequency.HOURLY and self.amount is not None and self.hours_per_week is None:
            raise ValueError("an hourly rate needs the hours worked per week")
        return self

    @property
    def known(self) -> bool:
        return self.amount is not None

    def annual(self) -> Decimal | None:
        """Yearly equivalent, exact; None when the amount is not known yet."""
        if self.amount is None:
            return None
        return annualize(self.amount, self.frequency, self.hours_per_week)


class IncomeEvidence(StrEnum):
    """How the person knows an income figure: a lawyer weighs a payslip differently from a guess (fact sheet)."""

    PAYSLIP = "payslip"
    TAX_RETURN = "tax_return"
    OTHER_DOCUMENT = "other_document"  # a benefit letter, bank statement, contract, accounts
    OTHER_PARENT_SAID = "other_parent_said"
    MY_GUESS = "my_guess"

    @property
    def label(self) -> str:
        return INCOME_EVIDENCE_LABELS[self]

    @property
    def from_a_document(self) -> bool:
        return self in (IncomeEvidence.PAYSLIP, IncomeEvidence.TAX_RETURN, IncomeEvidence.OTHER_DOCUMENT)


INCOME_EVIDENCE_LABELS: dict[IncomeEvidence, str] = {
    IncomeEvidence.PAYSLIP: "Payslip",
    IncomeEvidence.TAX_RETURN: "Tax return",
    IncomeEvidence.OTHER_DOCUMENT: "Another document (benefit letter, bank statement, contract, accounts)",
    IncomeEvidence.OTHER_PARENT_SAID: "The other parent told me",
    IncomeEvidence.MY_GUESS: "My guess",
}
NOT_ANSWERED = "not answered"


class IncomeItem(Amount):
    kind: IncomeKind = IncomeKind.WAGES
    description: ShortText = ""
    known_from: IncomeEvidence | None = None  # None: not answered


class Deduction(Amount):
    kind: DeductionKind = DeductionKind.INCOME_TAX
    description: ShortText = ""


class OtherChild(Value):
    """A child the parent supports who is not in this case (for "relevant other children" rules)."""

    label: ShortText = ""
    date_of_birth: date | None = None
    lives_with_parent: bool = True


class Parent(Value):
    """One parent. Display name only: no ID numbers, no addresses."""

    display_name: Annotated[str, Field(min_length=1, max_length=80)] = "Parent"
    income: tuple[IncomeItem, ...] = ()
    deductions: tuple[Deduction, ...] = ()
    benefits: tuple[ShortText, ...] = ()  # benefit codes from the jurisdiction's rule file (e.g. GB flat-rate list)
    receives_income_support: bool = False  # AU: income support in the last relevant year (FAR/MAR rules)
    other_children: tuple[OtherChild, ...] = ()

    def annual_income(self, kinds: frozenset[IncomeKind] | None = None) -> Decimal | None:
        """Total yearly income of the given kinds (all kinds if None); None if any counted item is unknown."""
        return _sum_known(item for item in self.income if kinds is None or item.kind in kinds)

    def annual_deductions(self, kinds: frozenset[DeductionKind] | None = None) -> Decimal | None:
        return _sum_known(item for item in self.deductions if kinds is None or item.kind in kinds)

    def unknown_income(self) -> list[IncomeItem]:
        return [item for item in self.income if not item.known]


def _sum_known(items: Any) -> Decimal | None:
    total = ZERO
    for item in items:
        annual = item.annual()
        if annual is None:
            return None
        total += annual
    return total


# --- children and parenting time -----------------------------------------------------------------------------------


class Child(Value):
    """A child of this case: first name or initials and date of birth only."""

    name: Annotated[str, Field(min_length=1, max_length=80)] = "Child"
    date_of_birth: date | None = None
    overnights_with_a: Annotated[int, Field(ge=0, le=366)] | None = None  # None: follows the family schedule

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class Schedule(StrEnum):
    """Common parenting schedules (input helpers that fill in overnights)."""

    EVERY_OTHER_WEEKEND = "every_other_weekend"
    EOW_PLUS_WEEKNIGHT = "eow_plus_weeknight"
    TWO_TWO_THREE = "2-2-3"
    WEEK_ON_WEEK_OFF = "week_on_week_off"
    CUSTOM = "custom"


# A typical fortnight (14 nights) for each schedule: True = the night is with parent B (the "other" parent).
SCHEDULE_FORTNIGHTS: dict[Schedule, tuple[bool, ...]] = {
    # Fri and Sat every other weekend with B: 2 of 14 nights.
    Schedule.EVERY_OTHER_WEEKEND: (False,) * 4 + (True, True) + (False,) * 8,
    # ... plus one weeknight (Wednesday) every week: 4 of 14.
    Schedule.EOW_PLUS_WEEKNIGHT: (False, False, True, False, True, True, False, False, False, True, False, False, False, False),
    # 2-2-3: Mon-Tue A, Wed-Thu B, Fri-Sun A; then swapped: 7 of 14.
    Schedule.TWO_TWO_THREE: (False, False, True, True, False, False, False, True, True, False, False, True, True, True),
    Schedule.WEEK_ON_WEEK_OFF: (False,) * 7 + (True,) * 7,
}


def overnights_from_fortnight(pattern: tuple[bool, ...]) -> int:
    """Overnights a year with parent B for a repeating 14-night pattern (365 nights, rounded half-up)."""
    nights_b = sum(pattern)
    return int((Decimal(nights_b) * DAYS_PER_YEAR / 14).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def overnights_from_percent(percent_with_b: Decimal) -> int:
    """Overnights a year with parent B for a share of time given in percent (rounded half-up)."""
    if not Decimal(0) <= percent_with_b <= Decimal(100):
        raise ValueError("percentage of time must be between 0 and 100")
    return int((percent_with_b * DAYS_PER_YEAR / 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


class ParentingTime(Value):
    """Overnights per year with each parent: the unit most guidelines use. Schedules are only input helpers."""

    overnights_with_a: Annotated[int, Field(ge=0, le=366)] = 365
    overnights_with_b: Annotated[int, Field(ge=0, le=366)] = 0
    schedule: Schedule | None = None  # which helper filled these in, if any
    schedule_b_has_more: bool = False  # the helper's pattern applies with the parents swapped

    @model_validator(mode="after")
    def _whole_year(self) -> ParentingTime:
        total = self.overnights_with_a + self.overnights_with_b
        if total not in (365, 366):
            raise ValueError(
                f"overnights with each parent must add up to a year (365); they add up to {total}"
            )
        return self

    @classmethod
    def from_schedule(cls, schedule: Schedule, *, b_has_more: bool = False) -> ParentingTime:
        nights_b = overnights_from_fortnight(SCHEDULE_FORTNIGHTS[schedule])
        if b_has_more:
            nights_b = DAYS_PER_YEAR - nights_b
        return cls(
            overnights_with_a=DAYS_PER_YEAR - nights_b,
            overnights_with_b=nights_b,
            schedule=schedule,
            schedule_b_has_more=b_has_more,
        )

    @classmethod
    def from_percent_with_b(cls, percent_with_b: Decimal) -> ParentingTime:
        nights_b = overnights_from_percent(percent_with_b)
        return cls(overnights_with_a=DAYS_PER_YEAR - nights_b, overnights_with_b=nights_b, schedule=Schedule.CUSTOM)

    def nights(self, role: ParentRole) -> int:
        return self.overnights_with_a if role == "parent_a" else self.overnights_with_b

    def swapped(self) -> ParentingTime:
        """The same pattern with the parents' nights exchanged."""
        return self.model_copy(update={"overnights_with_a": self.overnights_with_b,
                                       "overnights_with_b": self.overnights_with_a})

    def share(self, role: ParentRole) -> Decimal:
        """Fraction of the year's overnights with ``role`` (exact)."""
        return Decimal(self.nights(role)) / Decimal(self.overnights_with_a + self.overnights_with_b)


class ChildCostKind(StrEnum):
    CHILD_CARE = "child_care"  # work-related child care
    HEALTH_INSURANCE = "health_insurance"  # children's share of health insurance premiums
    UNINSURED_MEDICAL = "uninsured_medical"
    EDUCATION = "education"  # school, special needs, extracurricular
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "child_care": "Child care (for work or training)",
            "health_insurance": "Children's health insurance premium",
            "uninsured_medical": "Uninsured medical or dental costs",
            "education": "School, special needs or activities",
            "other": "Other child costs",
        }[self.value]


class ChildCost(Amount):
    kind: ChildCostKind = ChildCostKind.CHILD_CARE
    paid_by: ParentRole = "parent_a"
    description: ShortText = ""


# --- separation details ---------------------------------------------------------------------------------------------


class SeparationStatus(StrEnum):
    THINKING = "thinking"
    SEPARATED = "separated"
    LEGAL_SEPARATION = "legal_separation"
    DIVORCE_FILED = "divorce_filed"
    DIVORCE_FINAL = "divorce_final"

    @property
    def label(self) -> str:
        return {
            "thinking": "Thinking about separating",
            "separated": "Separated",
            "legal_separation": "Legal separation",
            "divorce_filed": "Divorce or dissolution filed",
            "divorce_final": "Divorce or dissolution final",
        }[self.value]


class Separation(Value):
    status: SeparationStatus = SeparationStatus.THINKING
    married: bool = True
    date_of_marriage: date | None = None
    date_of_separation: date | None = None
    filing_date: date | None = None  # when the case was (or will be) filed: some rules key on it
    next_court_date: date | None = None
    other_party_has_lawyer: bool | None = None  # None: not known
    # For the consultation fact sheet; "" means not answered.
    court_name: ShortText = ""  # the court (or agency) dealing with the case, as its papers name it
    case_number: Annotated[str, Field(max_length=80)] = ""  # as on the court's papers
    region: ShortText = ""  # the part of the jurisdiction whose family law applies (GB: England and Wales, Scotland)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Separation:
        if self.date_of_marriage and self.date_of_separation and self.date_of_separation < self.date_of_marriage:
            raise ValueError("the date of separation is before the date of marriage; check both dates")
        return self


# --- estimate settings ----------------------------------------------------------------------------------------------


class EstimateSettings(Value):
    """Choices for the child-support estimate. Overrides are what-ifs, marked wherever they appear."""

    as_of: date | None = None  # None: today
    overrides: dict[str, str] = Field(default_factory=dict)  # parameter name -> value (as text, read as Decimal)


class Scenario(Value):
    """A named variant of the inputs for side-by-side comparison (e.g. "if I get the job")."""

    name: Annotated[str, Field(min_length=1, max_length=80)]
    parent_a: Parent
    parent_b: Parent
    parenting_time: ParentingTime
    jurisdiction: str | None = None


# --- places for what later parts add ------------------------------------------------------------------------------
# Each is a free-standing value so a later issue can give it real structure without touching the rest.


class Notes(Value):
    """Notes for the professional (the report's last section)."""

    questions: tuple[LongText, ...] = ()
    anything_else: LongText = ""


from casefile.checklist import Checklist  # noqa: E402  (after Value: that module subclasses it)
from casefile.finances import AssetsDebts, Budget, ExpenseLog  # noqa: E402  (same reason)
from casefile.questionnaire import QuestionnaireAnswers  # noqa: E402  (same reason)


class Case(Value):
    """One person's case file."""

    schema_version: Literal[1] = SCHEMA_VERSION
    case_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")] = Field(default_factory=lambda: uuid.uuid4().hex)
    title: ShortText = "My case"
    jurisdiction: str = "GB"  # ISO 3166 code of a rule file: GB, AU, US-CA, CA-ON ...
    you: ParentRole = "parent_a"  # which parent is the person using the app
    separation: Separation = Field(default_factory=Separation)
    parent_a: Parent = Field(default_factory=lambda: Parent(display_name="You"))
    parent_b: Parent = Field(default_factory=lambda: Parent(display_name="Other parent"))
    children: tuple[Child, ...] = ()
    parenting_time: ParentingTime = Field(default_factory=ParentingTime)
    child_costs: tuple[ChildCost, ...] = ()
    estimate: EstimateSettings = Field(default_factory=EstimateSettings)
    scenarios: tuple[Scenario, ...] = ()
    # Later parts (see the issues): free-form until they land, so a file saved now still loads then.
    budget: Budget = Field(default_factory=Budget)
    assets_debts: AssetsDebts = Field(default_factory=AssetsDebts)
    expenses: ExpenseLog = Field(default_factory=ExpenseLog)
    questionnaire: QuestionnaireAnswers = Field(default_factory=QuestionnaireAnswers)
    checklist: Checklist = Field(default_factory=Checklist)
    notes: Notes = Field(default_factory=Notes)

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction_code(cls, v: str, info: ValidationInfo) -> str:
        code = v.strip().upper()
        if not code or len(code) > 10 or not all(c.isalnum() or c == "-" for c in code):
            raise ValueError("jurisdiction must be a code such as GB, AU, US-CA or CA-ON")
        return code

    def parent(self, role: ParentRole) -> Parent:
        return self.parent_a if role == "parent_a" else self.parent_b

    def name(self, role: ParentRole) -> str:
        return self.parent(role).display_name

    def with_parent(self, role: ParentRole, parent: Parent) -> Case:
        return self.model_copy(update={role: parent})

    def swapped(self) -> Case:
        """The same case with the parents' places exchanged (for symmetry checks and "what if they paid").

        Everything tied to a parent's place moves with them: incomes, nights, who paid each cost and expense, the
        expense shares and splits, and saved scenarios. "Mine" and "theirs" (assets, the budget) stay as they are,
        because the person using the app (``you``) moves too."""
        return self.model_copy(
            update={
                "parent_a": self.parent_b,
                "parent_b": self.parent_a,
                "you": other_role(self.you),
                "parenting_time": self.parenting_time.swapped(),
                "children": tuple(
                    c if c.overnights_with_a is None
                    else c.model_copy(update={"overnights_with_a": DAYS_PER_YEAR - c.overnights_with_a})
                    for c in self.children
                ),
                "child_costs": tuple(
                    c.model_copy(update={"paid_by": other_role(c.paid_by)}) for c in self.child_costs
                ),
                "expenses": self.expenses.swapped(),
                "scenarios": tuple(
                    s.model_copy(update={"parent_a": s.parent_b, "parent_b": s.parent_a,
                                         "parenting_time": s.parenting_time.swapped()})
                    for s in self.scenarios
                ),
            }
        )
