"""Money in the Case: the monthly budget, the assets-and-debts inventory and the shared-expense log.

The categories follow the California Judicial Council forms people are asked to fill in (see the reference pack,
checklist-sources.md; item numbers reconstructed from secondary copies, so the product quotes no item numbers):

- FL-150 Income and Expense Declaration, page 3: average monthly expenses, each marked estimated / actual / proposed,
  a total, and the amount of expenses paid by others.
- FL-142 Schedule of Assets and Debts: per item a description, whose it is (separate-property claim), date acquired,
  current gross fair market value and amount owed; asset and debt categories as on the form.

The expense log follows the shared-expense logs of co-parenting tools (date, description, category, amount, who paid,
for which children, each parent's share, reimbursement status, receipt note). Amounts are stored as typed (amount and
frequency, via casefile.models.Amount); monthly figures are derived (calculators/expenses.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from casefile.models import Amount, Money, ParentRole, ShortText, Value

HUNDRED = Decimal(100)
Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False, max_digits=9, decimal_places=6)]


def _not_negative(v: Decimal | None) -> Decimal | None:
    if v is not None and v < 0:
        raise ValueError("must be 0 or more")
    return v


# --- monthly budget (FL-150 page 3) ---------------------------------------------------------------------------------


class BudgetCategory(StrEnum):
    """FL-150 average monthly expense categories."""

    HOME = "home"  # rent or mortgage (principal and interest), property tax, home/renter's insurance, maintenance
    HEALTH_CARE = "health_care"  # health care costs not paid by insurance
    CHILD_CARE = "child_care"
    GROCERIES = "groceries"  # groceries and household supplies
    EATING_OUT = "eating_out"
    UTILITIES = "utilities"  # gas, electricity, water
    PHONE = "phone"  # telephone, cell phone, email
    LAUNDRY = "laundry"  # laundry and cleaning
    CLOTHES = "clothes"
    EDUCATION = "education"
    ENTERTAINMENT = "entertainment"  # entertainment, gifts and vacation
    TRANSPORT = "transport"  # auto expenses and transportation (insurance, gas, repairs, bus ...)
    INSURANCE = "insurance"  # life, accident etc. (not auto, home or health)
    SAVINGS = "savings"  # savings and investments
    CHARITY = "charity"  # charitable contributions
    INSTALLMENTS = "installments"  # monthly payments listed as installment debts
    OTHER = "other"

    @property
    def label(self) -> str:
        return BUDGET_CATEGORY_LABELS[self]


BUDGET_CATEGORY_LABELS: dict[BudgetCategory, str] = {
    BudgetCategory.HOME: "Home (rent or mortgage, property tax, insurance, upkeep)",
    BudgetCategory.HEALTH_CARE: "Health care not paid by insurance",
    BudgetCategory.CHILD_CARE: "Child care",
    BudgetCategory.GROCERIES: "Groceries and household supplies",
    BudgetCategory.EATING_OUT: "Eating out",
    BudgetCategory.UTILITIES: "Utilities (gas, electricity, water)",
    BudgetCategory.PHONE: "Phone, mobile and internet",
    BudgetCategory.LAUNDRY: "Laundry and cleaning",
    BudgetCategory.CLOTHES: "Clothes",
    BudgetCategory.EDUCATION: "Education",
    BudgetCategory.ENTERTAINMENT: "Entertainment, gifts and holidays",
    BudgetCategory.TRANSPORT: "Car and transport",
    BudgetCategory.INSURANCE: "Insurance (life, accident; not car, home or health)",
    BudgetCategory.SAVINGS: "Savings and investments",
    BudgetCategory.CHARITY: "Charitable giving",
    BudgetCategory.INSTALLMENTS: "Monthly instalment payments (loans, cards)",
    BudgetCategory.OTHER: "Other",
}


class Basis(StrEnum):
    """FL-150 asks whether each expense figure is estimated, actual, or proposed (what it will be)."""

    ESTIMATED = "estimated"
    ACTUAL = "actual"
    PROPOSED = "proposed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class BudgetLine(Amount):
    """One budget line: an amount at any frequency (casefile.models.Amount), its category and basis."""

    category: BudgetCategory = BudgetCategory.OTHER
    basis: Basis = Basis.ESTIMATED
    description: ShortText = ""


class Budget(Value):
    """The person's own monthly budget. ``paid_by_others``: expenses someone else pays (FL-150)."""

    lines: tuple[BudgetLine, ...] = ()
    paid_by_others: Amount = Field(default_factory=Amount)


# --- assets and debts (FL-142) --------------------------------------------------------------------------------------


class Owner(StrEnum):
    """Whose an item is, from the point of view of the person using the app."""

    MINE = "mine"
    THEIRS = "theirs"
    JOINT = "joint"
    UNSURE = "unsure"

    @property
    def label(self) -> str:
        return {"mine": "Mine", "theirs": "Theirs", "joint": "Joint", "unsure": "Not sure"}[self.value]


class AssetCategory(StrEnum):
    """FL-142 asset categories."""

    REAL_ESTATE = "real_estate"
    HOUSEHOLD = "household"
    VALUABLES = "valuables"
    VEHICLES = "vehicles"
    SAVINGS_ACCOUNTS = "savings_accounts"
    CHECKING_ACCOUNTS = "checking_accounts"
    OTHER_DEPOSIT_ACCOUNTS = "other_deposit_accounts"
    CASH = "cash"
    TAX_REFUNDS = "tax_refunds"
    LIFE_INSURANCE = "life_insurance"
    INVESTMENTS = "investments"
    RETIREMENT = "retirement"
    PROFIT_SHARING = "profit_sharing"
    RECEIVABLES = "receivables"
    BUSINESS = "business"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ASSET_CATEGORY_LABELS[self]


ASSET_CATEGORY_LABELS: dict[AssetCategory, str] = {
    AssetCategory.REAL_ESTATE: "Real estate (home, land)",
    AssetCategory.HOUSEHOLD: "Household furniture and appliances",
    AssetCategory.VALUABLES: "Jewellery, antiques, art, collections",
    AssetCategory.VEHICLES: "Vehicles, boats, trailers",
    AssetCategory.SAVINGS_ACCOUNTS: "Savings accounts",
    AssetCategory.CHECKING_ACCOUNTS: "Checking / current accounts",
    AssetCategory.OTHER_DEPOSIT_ACCOUNTS: "Credit union and other deposit accounts",
    AssetCategory.CASH: "Cash",
    AssetCategory.TAX_REFUNDS: "Tax refunds",
    AssetCategory.LIFE_INSURANCE: "Life insurance with cash value",
    AssetCategory.INVESTMENTS: "Stocks, bonds, secured notes, mutual funds",
    AssetCategory.RETIREMENT: "Retirement and pensions",
    AssetCategory.PROFIT_SHARING: "Profit-sharing, annuities, IRAs, deferred compensation",
    AssetCategory.RECEIVABLES: "Money owed to you (accounts receivable, unsecured notes)",
    AssetCategory.BUSINESS: "Partnerships and other business interests",
    AssetCategory.OTHER: "Other assets",
}


class DebtCategory(StrEnum):
    """FL-142 debt categories."""

    STUDENT_LOANS = "student_loans"
    TAXES = "taxes"
    SUPPORT_ARREARS = "support_arrears"
    UNSECURED_LOANS = "unsecured_loans"
    CREDIT_CARDS = "credit_cards"
    OTHER = "other"

    @property
    def label(self) -> str:
        return DEBT_CATEGORY_LABELS[self]


DEBT_CATEGORY_LABELS: dict[DebtCategory, str] = {
    DebtCategory.STUDENT_LOANS: "Student loans",
    DebtCategory.TAXES: "Taxes owed",
    DebtCategory.SUPPORT_ARREARS: "Support arrears",
    DebtCategory.UNSECURED_LOANS: "Unsecured loans",
    DebtCategory.CREDIT_CARDS: "Credit cards",
    DebtCategory.OTHER: "Other debts",
}


class Asset(Value):
    """An FL-142 asset line. ``value`` is the current gross fair market value; None = not known yet."""

    category: AssetCategory = AssetCategory.OTHER
    description: ShortText = ""
    owner: Owner = Owner.UNSURE
    date_acquired: dt.date | None = None
    value: Money | None = None
    amount_owed: Money | None = None  # loans secured on it (mortgage, car loan)

    _check_value = field_validator("value", "amount_owed")(_not_negative)


class Debt(Value):
    """An FL-142 debt line (total owing; date incurred)."""

    category: DebtCategory = DebtCategory.OTHER
    description: ShortText = ""
    owner: Owner = Owner.UNSURE
    date_incurred: dt.date | None = None
    amount_owed: Money | None = None

    _check_owed = field_validator("amount_owed")(_not_negative)


class AssetsDebts(Value):
    assets: tuple[Asset, ...] = ()
    debts: tuple[Debt, ...] = ()


# --- shared-expense log ---------------------------------------------------------------------------------------------


class ExpenseCategory(StrEnum):
    """Kinds of shared child expenses (FL-150 page 4's additional child expenses, plus everyday ones)."""

    CHILD_CARE = "child_care"
    HEALTH = "health"  # uninsured medical, dental, optical, prescriptions
    EDUCATION = "education"  # school fees, trips, books, special needs
    ACTIVITIES = "activities"  # clubs, sports, lessons
    CLOTHING = "clothing"
    TRAVEL = "travel"  # travel for visitation / handovers
    HOUSEHOLD = "household"  # shared household bills
    OTHER = "other"

    @property
    def label(self) -> str:
        return EXPENSE_CATEGORY_LABELS[self]


EXPENSE_CATEGORY_LABELS: dict[ExpenseCategory, str] = {
    ExpenseCategory.CHILD_CARE: "Child care",
    ExpenseCategory.HEALTH: "Medical and dental (not covered)",
    ExpenseCategory.EDUCATION: "School and education",
    ExpenseCategory.ACTIVITIES: "Activities and clubs",
    ExpenseCategory.CLOTHING: "Clothing",
    ExpenseCategory.TRAVEL: "Travel for handovers or visits",
    ExpenseCategory.HOUSEHOLD: "Shared household bills",
    ExpenseCategory.OTHER: "Other",
}


class ReimbursementStatus(StrEnum):
    NOT_REQUESTED = "not_requested"
    REQUESTED = "requested"
    PAID = "paid"  # the other parent has paid their share back: settled
    DISPUTED = "disputed"

    @property
    def label(self) -> str:
        return {
            "not_requested": "Not requested",
            "requested": "Requested",
            "paid": "Paid back",
            "disputed": "Disputed",
        }[self.value]


class ShareBasis(StrEnum):
    """Where an expense's split came from (shown beside it so a reader knows why)."""

    CATEGORY = "category"  # the usual split for its category
    INCOME = "income"  # the parents' income shares
    CUSTOM = "custom"  # typed for this expense

    @property
    def label(self) -> str:
        return {"category": "Usual split", "income": "Income shares", "custom": "Set by hand"}[self.value]


class Expense(Value):
    """One shared expense. ``share_a`` is the percentage of the cost that is parent A's part; B's is the rest."""

    date: dt.date
    description: ShortText = ""
    category: ExpenseCategory = ExpenseCategory.OTHER
    amount: Money
    paid_by: ParentRole = "parent_a"
    children: tuple[Annotated[str, Field(max_length=80)], ...] = ()
    share_a: Percent = Decimal(50)
    share_basis: ShareBasis = ShareBasis.CATEGORY
    status: ReimbursementStatus = ReimbursementStatus.NOT_REQUESTED
    receipt_note: ShortText = ""

    @field_validator("amount")
    @classmethod
    def _positive(cls, v: Decimal) -> Decimal:
        if v <= 0:
            raise ValueError("must be more than 0")
        return v

    @property
    def share_b(self) -> Decimal:
        return HUNDRED - self.share_a

    def swapped(self) -> Expense:
        """The same expense with the parents' places exchanged: the other parent paid, and the shares follow."""
        return self.model_copy(update={"paid_by": "parent_b" if self.paid_by == "parent_a" else "parent_a",
                                       "share_a": self.share_b})


def _even_splits() -> dict[ExpenseCategory, Decimal]:
    return {category: Decimal(50) for category in ExpenseCategory}


class ExpenseLog(Value):
    """The shared-expense log and the usual split per category (percent borne by parent A)."""

    items: tuple[Expense, ...] = ()
    category_splits: dict[ExpenseCategory, Percent] = Field(default_factory=_even_splits)

    def split_for(self, category: ExpenseCategory) -> Decimal:
        """The usual percentage parent A bears for ``category`` (50 if never set)."""
        return self.category_splits.get(category, Decimal(50))

    def swapped(self) -> ExpenseLog:
        """The log with the parents' places exchanged: payers, each expense's shares and the usual splits."""
        return ExpenseLog(items=tuple(e.swapped() for e in self.items),
                          category_splits={c: HUNDRED - split for c, split in self.category_splits.items()})
