"""Budget totals, net worth, income shares, expense splits and balances - expected figures worked by hand below."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.expenses import (
    balance_text,
    borne_by,
    budget_totals,
    expense_summary,
    income_shares,
    net_worth,
    owed_to_payer,
    share_for,
    summarize,
)
from casefile.finances import (
    Asset,
    AssetCategory,
    AssetsDebts,
    Basis,
    Budget,
    BudgetCategory,
    BudgetLine,
    Debt,
    DebtCategory,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    Owner,
    ReimbursementStatus,
    ShareBasis,
)
from casefile.models import Amount, Case, IncomeItem, Parent
from casefile.money import Frequency
from casefile.storage import case_from_json, case_to_json
from casefile.validation import CaseInvalid, revise

R = ReimbursementStatus


def case_with(*items: Expense, **extra: object) -> Case:
    return Case(parent_a=Parent(display_name="Sam"), parent_b=Parent(display_name="Jordan"),
                expenses=ExpenseLog(items=items), **extra)


def ex(day: str, amount: str, paid_by: str, share_a: str = "50", status: R = R.NOT_REQUESTED,
       category: ExpenseCategory = ExpenseCategory.OTHER) -> Expense:
    return Expense(date=dt.date.fromisoformat(day), amount=D(amount), paid_by=paid_by, share_a=D(share_a),
                   status=status, category=category)


# --- the worked example ---------------------------------------------------------------------------------------------
WORKED = (
    ex("2026-03-01", "100.00", "parent_a", "50", category=ExpenseCategory.CLOTHING),  # B owes A 100 x 50% = 50.00
    ex("2026-03-15", "30.00", "parent_b", "50", category=ExpenseCategory.HEALTH),  # A owes B 30 x 50% = 15.00
    ex("2026-04-02", "60.00", "parent_a", "40", category=ExpenseCategory.CHILD_CARE),  # B bears 60%: 36.00 to A
    ex("2026-04-10", "20.00", "parent_b", "50", R.PAID, ExpenseCategory.HEALTH),  # 10.00 already paid back
    ex("2026-04-20", "10.00", "parent_b", "100", R.DISPUTED),  # A bears all: owes B 10.00, disputed
)


def test_worked_example_balances_in_total_and_by_month() -> None:
    s = expense_summary(case_with(*WORKED))
    assert s.count == 5
    assert s.total == D("220.00")  # 100 + 30 + 60 + 20 + 10
    # owed to A: 50 + 36 = 86; owed to B: 15 + 10 = 25 (the 10 paid back is settled and left out)
    assert s.balance.owed_to_a == D("86.00")
    assert s.balance.owed_to_b == D("25.00")
    assert s.balance.creditor == "parent_a" and s.balance.debtor == "parent_b"
    assert s.balance.amount == D("61.00")  # 86 - 25
    # March: 50 to A, 15 to B -> B owes A 35; April: 36 to A, 10 to B -> 26; 35 + 26 = 61
    assert list(s.balance_by_month) == ["2026-03", "2026-04"]
    assert s.balance_by_month["2026-03"].net_to_a == D("35.00")
    assert s.balance_by_month["2026-04"].net_to_a == D("26.00")
    assert s.by_month == {"2026-03": D("130.00"), "2026-04": D("90.00")}  # 100 + 30; 60 + 20 + 10
    assert s.paid_back == D("10.00") and s.disputed == D("10.00")


def test_worked_example_categories_paid_and_borne() -> None:
    s = expense_summary(case_with(*WORKED))
    assert s.by_category == {
        ExpenseCategory.CHILD_CARE: D("60.00"),
        ExpenseCategory.HEALTH: D("50.00"),  # 30 + 20
        ExpenseCategory.CLOTHING: D("100.00"),
        ExpenseCategory.OTHER: D("10.00"),
    }
    assert s.paid_by == {"parent_a": D("160.00"), "parent_b": D("60.00")}  # 100 + 60; 30 + 20 + 10
    # A bears 50 + 15 + 24 + 10 + 10 = 109; B bears 50 + 15 + 36 + 10 + 0 = 111; together 220
    assert s.borne_by == {"parent_a": D("109.00"), "parent_b": D("111.00")}
    assert s.by_month_category["2026-04"] == {ExpenseCategory.CHILD_CARE: D("60.00"),
                                              ExpenseCategory.HEALTH: D("20.00"), ExpenseCategory.OTHER: D("10.00")}


def test_balance_text_names_who_owes_whom() -> None:
    case = case_with(*WORKED)
    s = expense_summary(case)
    assert balance_text(s.balance, case, "£61.00") == "Jordan owes Sam £61.00"
    even = expense_summary(case_with(ex("2026-01-01", "10", "parent_a"), ex("2026-01-02", "10", "parent_b")))
    assert even.balance.creditor is None
    assert balance_text(even.balance, case, "£0.00") == "Nothing is owed either way"


def test_share_owed_is_rounded_half_up_to_the_cent() -> None:
    assert owed_to_payer(ex("2026-01-01", "10.01", "parent_a", "50")) == D("5.01")  # 5.005 -> 5.01
    assert borne_by(ex("2026-01-01", "10.01", "parent_a", "50"), "parent_a") == D("5.00")  # 10.01 - 5.01
    assert owed_to_payer(ex("2026-01-01", "100", "parent_b", "33.33")) == D("33.33")  # A's 33.33%
    assert owed_to_payer(ex("2026-01-01", "10", "parent_b", "33.335")) == D("3.33")  # 3.3335 -> 3.33
    assert owed_to_payer(ex("2026-01-01", "80", "parent_a", "100")) == D("0.00")  # A bears it all


def test_summary_of_nothing() -> None:
    s = summarize(())
    assert s.count == 0 and s.total == 0 and s.balance.creditor is None and s.by_month == {}


def test_income_shares_are_the_plain_ratio_of_gross_yearly_incomes() -> None:
    a = Parent(display_name="Sam", income=(IncomeItem(amount=D("100"), frequency=Frequency.WEEKLY),))  # 5,200 a year
    b = Parent(display_name="Jordan", income=(IncomeItem(amount=D("1300"), frequency=Frequency.MONTHLY),))  # 15,600
    shares = income_shares(Case(parent_a=a, parent_b=b))
    assert shares is not None
    assert shares.share_a == D("25.00")  # 5,200 / (5,200 + 15,600) = 0.25
    assert shares.share_b == D("75.00")
    assert "plain ratio" in shares.basis
    # 20,000 and 10,000: 66.666...% -> 66.67, and B gets the rest so the two add up to 100
    a2 = Parent(income=(IncomeItem(amount=D("20000"), frequency=Frequency.YEARLY),))
    b2 = Parent(income=(IncomeItem(amount=D("10000"), frequency=Frequency.YEARLY),))
    s2 = income_shares(Case(parent_a=a2, parent_b=b2))
    assert s2 is not None and (s2.share_a, s2.share_b) == (D("66.67"), D("33.33"))


def test_income_shares_need_both_incomes() -> None:
    unknown = Parent(income=(IncomeItem(amount=None),))
    known = Parent(income=(IncomeItem(amount=D("1000")),))
    assert income_shares(Case(parent_a=unknown, parent_b=known)) is None
    assert income_shares(Case(parent_a=Parent(), parent_b=Parent())) is None  # both 0


def test_share_for_each_basis() -> None:
    log = ExpenseLog(category_splits={ExpenseCategory.HEALTH: D(30)})
    assert share_for(log, ExpenseCategory.HEALTH, ShareBasis.CATEGORY, None) == D(30)
    assert share_for(log, ExpenseCategory.TRAVEL, ShareBasis.CATEGORY, None) == D(50)  # never set: even
    assert share_for(log, ExpenseCategory.HEALTH, ShareBasis.CUSTOM, None, D("12.5")) == D("12.5")
    with pytest.raises(ValueError, match="income shares need"):
        share_for(log, ExpenseCategory.HEALTH, ShareBasis.INCOME, None)


def test_budget_totals_convert_each_frequency_to_a_month() -> None:
    budget = Budget(
        lines=(
            BudgetLine(category=BudgetCategory.GROCERIES, amount=D("100"), frequency=Frequency.WEEKLY),  # 5200/12
            BudgetLine(category=BudgetCategory.UTILITIES, amount=D("300"), frequency=Frequency.QUARTERLY,
                       basis=Basis.ACTUAL),  # 1200/12 = 100
            BudgetLine(category=BudgetCategory.UTILITIES, amount=D("1200"), frequency=Frequency.YEARLY,
                       basis=Basis.PROPOSED),  # 100
            BudgetLine(category=BudgetCategory.PHONE, amount=None, description="Phone contract"),  # unknown
        ),
        paid_by_others=Amount(amount=D("26"), frequency=Frequency.FORTNIGHTLY),  # 26 x 26 / 12 = 56.333...
    )
    t = budget_totals(Case(budget=budget, parent_a=Parent(income=(IncomeItem(amount=D("2400")),))))
    assert t.by_category[BudgetCategory.GROCERIES] == D(5200) / 12
    assert t.by_category[BudgetCategory.UTILITIES] == D(200)
    assert BudgetCategory.PHONE not in t.by_category  # an unknown amount is never counted as 0 ...
    assert t.unknown_lines == ("Phone contract",)  # ... it is listed instead
    assert t.total == D(5200) / 12 + D(200)
    assert t.by_basis == {"estimated": D(5200) / 12, "actual": D(100), "proposed": D(100)}
    assert t.paid_by_others == D(676) / 12
    assert t.total_after_others == t.total - D(676) / 12
    assert t.income_monthly == D(2400)


def test_budget_paid_by_others_not_entered_is_not_zero() -> None:
    t = budget_totals(Case())
    assert t.paid_by_others is None and t.total_after_others is None and t.total == 0


def test_net_worth_by_owner() -> None:
    ad = AssetsDebts(
        assets=(
            Asset(category=AssetCategory.CASH, owner=Owner.MINE, value=D("1000"), amount_owed=D("200")),
            Asset(category=AssetCategory.REAL_ESTATE, owner=Owner.JOINT, value=D("5000"), amount_owed=D("4000")),
            Asset(category=AssetCategory.RETIREMENT, owner=Owner.UNSURE, description="Pension", value=None),
        ),
        debts=(
            Debt(category=DebtCategory.CREDIT_CARDS, owner=Owner.THEIRS, amount_owed=D("300")),
            Debt(category=DebtCategory.TAXES, owner=Owner.MINE, amount_owed=None),
        ),
    )
    w = net_worth(Case(assets_debts=ad))
    assert w.by_owner[Owner.MINE].net == D("800")  # 1000 - 200
    assert w.by_owner[Owner.JOINT].net == D("1000")  # 5000 - 4000
    assert w.by_owner[Owner.THEIRS].net == D("-300")
    assert w.by_owner[Owner.UNSURE].net == 0
    assert w.total.net == D("1500")  # 800 + 1000 - 300
    assert w.total.assets == D("6000") and w.total.owed_on_assets == D("4200") and w.total.debts == D("300")
    assert w.unknown_items == ("Pension: value", "Taxes owed: amount owed")


def test_money_fields_round_trip_through_a_case_file() -> None:
    case = case_with(*WORKED, budget=Budget(lines=(BudgetLine(amount=D("12.50"), frequency=Frequency.WEEKLY),)))
    again = case_from_json(case_to_json(case), source="test")
    assert again == case


def test_old_files_without_money_still_load() -> None:
    data = Case().model_dump(mode="json")
    data.update(budget={}, assets_debts={}, expenses={})
    case = Case.model_validate(data)
    assert case.expenses.split_for(ExpenseCategory.HEALTH) == D(50)


def test_invalid_expense_gives_plain_words() -> None:
    case = case_with()
    bad = {"items": [{"date": "2026-01-01", "amount": "-5", "paid_by": "parent_a"}]}
    with pytest.raises(CaseInvalid) as info:
        revise(case, expenses=bad)
    assert "must be more than 0" in str(info.value)
    with pytest.raises(CaseInvalid):
        revise(case, expenses={"items": [{"date": "2026-01-01", "amount": "5", "share_a": "120"}]})


# --- invariants ------------------------------------------------------------------------------------------------------

money = st.decimals(min_value=D("0.01"), max_value=D("5000"), places=2)
percent = st.decimals(min_value=D(0), max_value=D(100), places=2)
expense = st.builds(
    Expense,
    date=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)),
    amount=money, paid_by=st.sampled_from(["parent_a", "parent_b"]), share_a=percent,
    status=st.sampled_from(list(ReimbursementStatus)), category=st.sampled_from(list(ExpenseCategory)),
)


def mirror(e: Expense) -> Expense:
    """The same expense with the parents' places exchanged."""
    return e.model_copy(update={"paid_by": "parent_b" if e.paid_by == "parent_a" else "parent_a",
                                "share_a": e.share_b})


@settings(max_examples=150, deadline=None)
@given(st.lists(expense, max_size=25))
def test_invariants(items: list[Expense]) -> None:
    s = summarize(items)
    assert s.borne_by["parent_a"] + s.borne_by["parent_b"] == s.total  # the shares add up to the spending
    assert s.paid_by["parent_a"] + s.paid_by["parent_b"] == s.total
    assert sum((b.net_to_a for b in s.balance_by_month.values()), D(0)) == s.balance.net_to_a
    assert sum(s.by_month.values(), D(0)) == s.total == sum(s.by_category.values(), D(0))
    for e in items:
        assert D(0) <= owed_to_payer(e) <= e.amount
    swapped = summarize([mirror(e) for e in items])  # swapping the parents swaps who owes whom
    assert (swapped.balance.owed_to_a, swapped.balance.owed_to_b) == (s.balance.owed_to_b, s.balance.owed_to_a)
