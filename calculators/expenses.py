"""Money sums: budget totals, net worth by owner, expense shares and who owes whom.

Pure functions, no I/O and no streamlit. Amounts stay exact Decimals; the only rounding is the one a person makes when
asking to be paid back: each expense's share owed to the parent who paid is rounded half-up to the cent (so the
balance is the sum of the amounts actually asked for, and every total in the app and the spreadsheet agrees).

    budget_totals(case)    monthly budget by FL-150 category, at the frequency each line was typed in
    net_worth(case)        FL-142 assets minus amounts owed on them minus debts, by whose they are
    income_shares(case)    each parent's percentage of the two incomes (a plain ratio, labelled as such)
    expense_summary(case)  totals by category and month, what each parent paid and bears, balances by month and total

Reading expenses from a CSV file is casefile.expense_import (a file format, not a sum).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from casefile.finances import (
    HUNDRED,
    BudgetCategory,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    Owner,
    ReimbursementStatus,
    ShareBasis,
)
from casefile.models import PARENT_ROLES, Amount, Case, ParentRole, other_role
from casefile.money import CENT, ZERO, Period, per_period, round_money

COUNTRY_CURRENCY = {"GB": "GBP", "US": "USD", "AU": "AUD", "CA": "CAD", "NZ": "NZD", "IE": "EUR"}


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


def currency_for(case: Case) -> str:
    """The currency of the case's jurisdiction: its rule file's, else by country code ("" if unknown)."""
    from jurisdictions.loader import resolve

    try:
        return resolve(case.jurisdiction)[0].rules.currency
    except (LookupError, ValueError):
        return COUNTRY_CURRENCY.get(case.jurisdiction.split("-")[0], "")


def monthly(amount: Amount) -> Decimal | None:
    """An amount typed at any frequency, per month (exact: yearly equivalent / 12); None if not known."""
    annual = amount.annual()
    return None if annual is None else per_period(annual, Period.MONTH)


# --- budget (FL-150) ---------------------------------------------------------------------------------------------


class BudgetTotals(Result):
    currency: str
    by_category: dict[BudgetCategory, Decimal]  # monthly, known lines only, categories with lines
    by_basis: dict[str, Decimal]  # monthly total of estimated / actual / proposed lines
    total: Decimal  # monthly, known lines only
    unknown_lines: tuple[str, ...]  # lines without an amount yet (never counted as 0)
    paid_by_others: Decimal | None  # monthly; None if not entered
    total_after_others: Decimal | None
    income_monthly: Decimal | None  # your gross income per month (None if any item is unknown)
    income_after_deductions_monthly: Decimal | None


def budget_totals(case: Case) -> BudgetTotals:
    """Monthly totals of the budget: each line converted from its own frequency (yearly equivalent / 12)."""
    by_category: dict[BudgetCategory, Decimal] = {}
    by_basis: dict[str, Decimal] = {}
    unknown: list[str] = []
    for line in case.budget.lines:
        value = monthly(line)
        if value is None:
            unknown.append(line.description or line.category.label)
            continue
        by_category[line.category] = by_category.get(line.category, ZERO) + value
        by_basis[line.basis.value] = by_basis.get(line.basis.value, ZERO) + value
    total = sum(by_category.values(), ZERO)
    others = monthly(case.budget.paid_by_others)
    you = case.parent(case.you)
    annual_income = you.annual_income()
    annual_deductions = you.annual_deductions()
    income = None if annual_income is None else per_period(annual_income, Period.MONTH)
    after = None
    if annual_income is not None and annual_deductions is not None:
        after = per_period(annual_income - annual_deductions, Period.MONTH)
    ordered = {c: by_category[c] for c in BudgetCategory if c in by_category}
    return BudgetTotals(
        currency=currency_for(case), by_category=ordered, by_basis=by_basis, total=total,
        unknown_lines=tuple(unknown), paid_by_others=others,
        total_after_others=None if others is None else total - others,
        income_monthly=income, income_after_deductions_monthly=after,
    )


# --- assets and debts (FL-142) -------------------------------------------------------------------------------------


class OwnerTotals(Result):
    assets: Decimal = ZERO  # gross fair market value
    owed_on_assets: Decimal = ZERO  # loans secured on those assets
    debts: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        """Net worth: value minus what is owed on the assets minus other debts (FL-142's columns)."""
        return self.assets - self.owed_on_assets - self.debts


class NetWorth(Result):
    currency: str
    by_owner: dict[Owner, OwnerTotals]  # every owner, in Owner order
    total: OwnerTotals
    unknown_items: tuple[str, ...]  # items with a value or amount owed not known yet (left out of the sums)


def net_worth(case: Case) -> NetWorth:
    """Totals and net worth by whose the items are (mine / theirs / joint / not sure)."""
    sums: dict[Owner, dict[str, Decimal]] = {o: {"assets": ZERO, "owed_on_assets": ZERO, "debts": ZERO} for o in Owner}
    unknown: list[str] = []
    for asset in case.assets_debts.assets:
        name = asset.description or asset.category.label
        if asset.value is None:
            unknown.append(f"{name}: value")
        else:
            sums[asset.owner]["assets"] += asset.value
        if asset.amount_owed is not None:
            sums[asset.owner]["owed_on_assets"] += asset.amount_owed
    for debt in case.assets_debts.debts:
        if debt.amount_owed is None:
            unknown.append(f"{debt.description or debt.category.label}: amount owed")
        else:
            sums[debt.owner]["debts"] += debt.amount_owed
    by_owner = {o: OwnerTotals(**sums[o]) for o in Owner}
    total = OwnerTotals(
        assets=sum((t.assets for t in by_owner.values()), ZERO),
        owed_on_assets=sum((t.owed_on_assets for t in by_owner.values()), ZERO),
        debts=sum((t.debts for t in by_owner.values()), ZERO),
    )
    return NetWorth(currency=currency_for(case), by_owner=by_owner, total=total, unknown_items=tuple(unknown))


# --- splitting expenses ----------------------------------------------------------------------------------------------


class IncomeShares(Result):
    share_a: Decimal  # percent, to 0.01
    share_b: Decimal
    basis: str  # plain words: where the shares come from


def income_shares(case: Case) -> IncomeShares | None:
    """Each parent's share of the two gross yearly incomes (Parent.annual_income()), as percentages to 0.01.

    The child-support estimates do not publish income shares, so this is the plain ratio of incomes, said so in
    ``basis``. None when either income is unknown or both are 0.
    """
    a, b = case.parent_a.annual_income(), case.parent_b.annual_income()
    if a is None or b is None or a + b <= 0:
        return None
    share_a = round_money(a / (a + b) * HUNDRED)
    return IncomeShares(
        share_a=share_a, share_b=HUNDRED - share_a,
        basis="plain ratio of the two parents' gross yearly incomes (not a guideline calculation)",
    )


def owed_to_payer(expense: Expense) -> Decimal:
    """The other parent's part of an expense, which they owe the parent who paid: rounded half-up to the cent."""
    other_share = expense.share_b if expense.paid_by == "parent_a" else expense.share_a
    return round_money(expense.amount * other_share / HUNDRED, CENT)


def borne_by(expense: Expense, role: ParentRole) -> Decimal:
    """What ``role`` bears of the expense under its split (the payer bears the amount less what is owed back)."""
    owed = owed_to_payer(expense)
    return expense.amount - owed if role == expense.paid_by else owed


class Balance(Result):
    """Amounts owed between the parents. ``owed_to_a``: B's shares of expenses A paid (and vice versa)."""

    owed_to_a: Decimal = ZERO
    owed_to_b: Decimal = ZERO

    @property
    def net_to_a(self) -> Decimal:
        return self.owed_to_a - self.owed_to_b

    @property
    def creditor(self) -> ParentRole | None:
        """Who is owed money after setting the two directions off; None when they cancel out."""
        if self.net_to_a > 0:
            return "parent_a"
        if self.net_to_a < 0:
            return "parent_b"
        return None

    @property
    def debtor(self) -> ParentRole | None:
        return None if self.creditor is None else other_role(self.creditor)

    @property
    def amount(self) -> Decimal:
        return abs(self.net_to_a)


def balance_text(balance: Balance, case: Case, money: str) -> str:
    """"Jordan owes Sam £12.50" or "Nothing is owed either way" (``money`` is the formatted amount)."""
    if balance.creditor is None or balance.debtor is None:
        return "Nothing is owed either way"
    return f"{case.name(balance.debtor)} owes {case.name(balance.creditor)} {money}"


class ExpenseSummary(Result):
    currency: str
    count: int
    total: Decimal
    by_category: dict[ExpenseCategory, Decimal]
    by_month: dict[str, Decimal]  # "YYYY-MM" -> total, in date order
    by_month_category: dict[str, dict[ExpenseCategory, Decimal]]
    paid_by: dict[ParentRole, Decimal]  # what each parent paid up front
    borne_by: dict[ParentRole, Decimal]  # what each parent's share of all the expenses comes to
    balance: Balance  # everything not yet paid back (disputed amounts included)
    balance_by_month: dict[str, Balance]  # same, month by month (only months with expenses)
    paid_back: Decimal  # shares already paid back (status "paid"): settled, left out of the balance
    disputed: Decimal  # shares marked disputed (included in the balance)
    by_status: dict[ReimbursementStatus, Decimal]  # shares owed back, by status


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def summarize(items: Iterable[Expense], currency: str = "") -> ExpenseSummary:
    """Totals and balances for a list of expenses (see expense_summary)."""
    count = 0
    total = ZERO
    by_category: dict[ExpenseCategory, Decimal] = defaultdict(lambda: ZERO)
    by_month: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_month_category: dict[str, dict[ExpenseCategory, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    paid = dict.fromkeys(PARENT_ROLES, ZERO)
    borne = dict.fromkeys(PARENT_ROLES, ZERO)
    by_status = dict.fromkeys(ReimbursementStatus, ZERO)
    owed_to = dict.fromkeys(PARENT_ROLES, ZERO)  # outstanding, by the parent who paid
    owed_to_by_month: dict[str, dict[ParentRole, Decimal]] = defaultdict(lambda: dict.fromkeys(PARENT_ROLES, ZERO))
    for e in items:
        count += 1
        total += e.amount
        month = month_key(e.date)
        by_category[e.category] += e.amount
        by_month[month] += e.amount
        by_month_category[month][e.category] += e.amount
        paid[e.paid_by] += e.amount
        owed = owed_to_payer(e)
        borne[e.paid_by] += e.amount - owed
        borne[other_role(e.paid_by)] += owed
        by_status[e.status] += owed
        month_owed = owed_to_by_month[month]
        if e.status is not ReimbursementStatus.PAID:
            owed_to[e.paid_by] += owed
            month_owed[e.paid_by] += owed
    months = sorted(by_month)
    return ExpenseSummary(
        currency=currency, count=count, total=total,
        by_category={c: by_category[c] for c in ExpenseCategory if c in by_category},
        by_month={m: by_month[m] for m in months},
        by_month_category={m: {c: by_month_category[m][c] for c in ExpenseCategory if c in by_month_category[m]}
                           for m in months},
        paid_by=paid, borne_by=borne,
        balance=Balance(owed_to_a=owed_to["parent_a"], owed_to_b=owed_to["parent_b"]),
        balance_by_month={m: Balance(owed_to_a=owed_to_by_month[m]["parent_a"],
                                     owed_to_b=owed_to_by_month[m]["parent_b"]) for m in months},
        paid_back=by_status[ReimbursementStatus.PAID], disputed=by_status[ReimbursementStatus.DISPUTED],
        by_status=by_status,
    )


def expense_summary(case: Case) -> ExpenseSummary:
    """Totals by category and month, what each parent paid and bears, and who owes whom (by month and in total).

    An expense's share owed back counts towards the balance until it is marked paid back; disputed shares still
    count (and are also shown on their own)."""
    return summarize(case.expenses.items, currency_for(case))


def share_for(log: ExpenseLog, category: ExpenseCategory, basis: ShareBasis, shares: IncomeShares | None,
              custom: Decimal | None = None) -> Decimal:
    """Parent A's percentage for a new expense: the category's usual split, the income shares, or a typed figure."""
    if basis is ShareBasis.INCOME:
        if shares is None:
            raise ValueError("income shares need both parents' incomes: enter them on 'Your situation'")
        return shares.share_a
    if basis is ShareBasis.CUSTOM:
        if custom is None:
            raise ValueError("type the percentage for this expense")
        return custom
    return log.split_for(category)
