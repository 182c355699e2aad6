"""The Case: validation in plain words, frequency-aware totals, JSON round trip, schedules."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest

from casefile.models import (
    Amount,
    Case,
    Child,
    IncomeItem,
    IncomeKind,
    Parent,
    ParentingTime,
    Schedule,
    overnights_from_percent,
)
from casefile.money import Frequency
from casefile.storage import case_from_json, case_to_json
from casefile.validation import CaseInvalid, build_case, revise


def messages(data: dict) -> list[str]:
    with pytest.raises(CaseInvalid) as info:
        build_case(data)
    return [e.message for e in info.value.errors]


def test_negative_income_is_named_in_plain_words() -> None:
    got = messages({"parent_a": {"display_name": "Alex", "income": [{"amount": "-5"}]}})
    assert got == ["Income for Alex (item 1): amount must be 0 or more"]


def test_amount_that_is_not_a_number() -> None:
    got = messages({"parent_b": {"display_name": "Jo", "income": [{}, {"amount": "lots"}]}})
    assert got == ["Income for Jo (item 2): amount must be a number, such as 1250.50"]


def test_hourly_rate_needs_hours() -> None:
    got = messages({"parent_a": {"display_name": "Alex", "income": [{"amount": "12", "frequency": "hourly"}]}})
    assert got == ["Income for Alex (item 1): an hourly rate needs the hours worked per week"]


def test_overnights_must_make_a_year() -> None:
    got = messages({"parenting_time": {"overnights_with_a": 200, "overnights_with_b": 100}})
    assert got == ["Parenting time: overnights with each parent must add up to a year (365); they add up to 300"]


def test_separation_before_marriage_is_rejected() -> None:
    got = messages({"separation": {"date_of_marriage": "2020-01-01", "date_of_separation": "2019-01-01"}})
    assert got == ["Separation details: the date of separation is before the date of marriage; check both dates"]


def test_empty_child_name() -> None:
    got = messages({"children": [{"name": ""}]})
    assert got == ["Child 1: name must not be empty"]


def test_unknown_income_is_not_zero() -> None:
    parent = Parent(display_name="Sam", income=(IncomeItem(amount=D("100"), frequency=Frequency.WEEKLY), IncomeItem()))
    assert parent.annual_income() is None  # unknown, never silently 0
    assert len(parent.unknown_income()) == 1
    known = Parent(display_name="Sam", income=(IncomeItem(amount=D("100"), frequency=Frequency.WEEKLY),))
    assert known.annual_income() == D("5200")  # 100 x 52


def test_income_by_kind() -> None:
    parent = Parent(
        display_name="Sam",
        income=(
            IncomeItem(kind=IncomeKind.WAGES, amount=D("2000"), frequency=Frequency.MONTHLY),  # 24,000
            IncomeItem(kind=IncomeKind.MEANS_TESTED, amount=D("50"), frequency=Frequency.WEEKLY),  # 2,600
        ),
    )
    assert parent.annual_income() == D("26600")
    assert parent.annual_income(frozenset({IncomeKind.WAGES})) == D("24000")


def test_json_round_trip_keeps_everything(demo_case: Case) -> None:
    text = case_to_json(demo_case)
    assert case_from_json(text) == demo_case
    raw = json.loads(text)
    # money is stored as decimal strings exactly as typed, with its frequency
    first = raw["case"]["parent_a"]["income"][0]
    assert (first["amount"], first["frequency"], first["hours_per_week"]) == ("14.20", "hourly", "30")


def test_schedules_fill_in_overnights() -> None:
    # every other weekend: 2 of 14 nights with B -> 2/14 x 365 = 52.14 -> 52
    assert ParentingTime.from_schedule(Schedule.EVERY_OTHER_WEEKEND).overnights_with_b == 52
    # + one weeknight each week: 4/14 x 365 = 104.29 -> 104
    assert ParentingTime.from_schedule(Schedule.EOW_PLUS_WEEKNIGHT).overnights_with_b == 104
    # 2-2-3 and week on / week off: 7/14 x 365 = 182.5 -> 183 (half up)
    assert ParentingTime.from_schedule(Schedule.TWO_TWO_THREE).overnights_with_b == 183
    assert ParentingTime.from_schedule(Schedule.WEEK_ON_WEEK_OFF).overnights_with_a == 182
    swapped = ParentingTime.from_schedule(Schedule.EVERY_OTHER_WEEKEND, b_has_more=True)
    assert (swapped.overnights_with_a, swapped.overnights_with_b) == (52, 313)
    assert overnights_from_percent(D("40")) == 146  # 0.40 x 365 = 146


def test_revise_validates() -> None:
    case = Case()
    with pytest.raises(CaseInvalid):
        revise(case, parenting_time={"overnights_with_a": 1, "overnights_with_b": 1})
    changed = revise(case, children=[Child(name="Maya", date_of_birth=date(2015, 6, 14))])
    assert changed.children[0].age_on(date(2026, 6, 13)) == 10
    assert changed.children[0].age_on(date(2026, 6, 14)) == 11


def test_swapped_exchanges_parents(demo_case: Case) -> None:
    swapped = demo_case.swapped()
    assert swapped.parent_a == demo_case.parent_b
    assert swapped.parenting_time.overnights_with_a == demo_case.parenting_time.overnights_with_b
    assert swapped.parenting_time.schedule == demo_case.parenting_time.schedule
    assert swapped.swapped() == demo_case  # swapping twice gives the case back, every part of it


def test_swapped_moves_expenses_and_scenarios_with_the_parents() -> None:
    from calculators.expenses import expense_summary
    from casefile.finances import Expense, ExpenseCategory, ExpenseLog
    from casefile.models import Scenario

    # A paid 100.00 of which A bears 30%: B owes A 70.00. B paid 40.00 split evenly: A owes B 20.00. Net: B owes 50.
    log = ExpenseLog(items=(
        Expense(date=date(2026, 1, 5), amount=D("100.00"), paid_by="parent_a", share_a=D(30)),
        Expense(date=date(2026, 1, 9), amount=D("40.00"), paid_by="parent_b", share_a=D(50)),
    ), category_splits={ExpenseCategory.HEALTH: D(80)})
    scenario = Scenario(name="new job", parent_a=Parent(display_name="Sam"), parent_b=Parent(display_name="Jo"),
                        parenting_time=ParentingTime(overnights_with_a=300, overnights_with_b=65))
    case = Case(expenses=log, scenarios=(scenario,))
    before, after = expense_summary(case).balance, expense_summary(case.swapped()).balance
    assert (before.creditor, before.amount) == ("parent_a", D("50.00"))
    assert (after.creditor, after.amount) == ("parent_b", D("50.00"))  # the same debt, the places exchanged
    assert case.swapped().expenses.split_for(ExpenseCategory.HEALTH) == D(20)  # A bore 80%: now B does
    moved = case.swapped().scenarios[0]
    assert moved.parent_a.display_name == "Jo" and moved.parenting_time.overnights_with_a == 65


def test_values_are_frozen() -> None:
    amount = Amount(amount=D("1"))
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError for frozen instances
        amount.amount = D("2")  # type: ignore[misc]
