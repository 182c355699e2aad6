"""GB (CMS 2012 scheme): published and hand-worked examples as data, plus missing inputs, dates, what-ifs and
properties. Expected figures come from the CMS guide examples (data pack GB.md s 6) or arithmetic written out in
gb_examples.yaml / below, never from running the engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.child_support import EstimateUnavailable, estimate
from casefile.models import (
    Case,
    Child,
    Deduction,
    DeductionKind,
    IncomeItem,
    IncomeKind,
    OtherChild,
    Parent,
    ParentingTime,
)
from casefile.money import Frequency

EXAMPLES = yaml.safe_load((Path(__file__).parent / "gb_examples.yaml").read_text(encoding="utf-8"))["examples"]
AS_OF = dt.date(2026, 1, 1)


def gb_case(
    gross_weekly_income: str | None = "500",
    qualifying_children: int = 1,
    relevant_other_children: int = 0,
    nights_with_payer: int = 0,
    benefits: tuple[str, ...] = (),
    pension_weekly: str | None = None,
    nights_total: int = 365,
) -> Case:
    """A GB case in which parent A ("Alex") is the paying parent with ``nights_with_payer`` nights."""
    income = () if gross_weekly_income == "none" else (
        IncomeItem(kind=IncomeKind.WAGES, frequency=Frequency.WEEKLY,
                   amount=None if gross_weekly_income is None else Decimal(gross_weekly_income)),
    )
    deductions = () if pension_weekly is None else (
        Deduction(kind=DeductionKind.PENSION_CONTRIBUTION, frequency=Frequency.WEEKLY, amount=Decimal(pension_weekly)),
    )
    payer = Parent(display_name="Alex", income=income, deductions=deductions, benefits=benefits,
                   other_children=tuple(OtherChild(label=f"O{i}") for i in range(relevant_other_children)))
    return Case(
        jurisdiction="GB",
        parent_a=payer,
        parent_b=Parent(display_name="Blake"),
        children=tuple(Child(name=f"C{i}", date_of_birth=dt.date(2018, 1, 1)) for i in range(qualifying_children)),
        parenting_time=ParentingTime(overnights_with_a=nights_with_payer,
                                     overnights_with_b=nights_total - nights_with_payer),
    )


def case_from_inputs(inputs: dict[str, Any]) -> Case:
    return gb_case(
        gross_weekly_income=str(inputs["gross_weekly_income"]),
        qualifying_children=inputs["qualifying_children"],
        relevant_other_children=inputs["relevant_other_children"],
        nights_with_payer=inputs["nights_with_payer"],
        benefits=tuple(inputs.get("benefits", ())),
        pension_weekly=inputs.get("pension_weekly"),
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_examples(example: dict[str, Any]) -> None:
    result = estimate(case_from_inputs(example["inputs"]), jurisdiction="GB", as_of=example["as_of"])
    expected = example["expected"]
    assert result.complete, result.missing
    assert result.amount == Decimal(expected["amount"])
    assert result.period.value == "week" and result.currency == "GBP"
    if result.amount:
        assert (result.payer, result.payee) == ("parent_a", "parent_b")
    else:
        assert result.payer is None
    if expected.get("rate"):
        assert result.line("rate").value == expected["rate"]
    assert result.discretionary is bool(expected.get("discretionary", False))


def test_published_examples_are_all_present() -> None:
    published = {e["id"] for e in EXAMPLES if e["kind"] == "published"}
    assert published == {"guide-p23", "guide-p20", "guide-p30"}
    assert all(e.get("source") and e.get("working") for e in EXAMPLES)


def test_every_line_has_a_reference() -> None:
    for example in EXAMPLES:
        result = estimate(case_from_inputs(example["inputs"]), jurisdiction="GB", as_of=example["as_of"])
        assert result.lines
        assert all(line.reference.text for line in result.lines), example["id"]


def test_p30_uses_exact_sevenths_in_the_worksheet() -> None:
    result = estimate(case_from_inputs(EXAMPLES[2]["inputs"]), jurisdiction="GB", as_of=AS_OF)
    # 460.85 x 19% = 87.5615 -> 87.56; 87.56 x 5/7 = 62.542857... -> 62.54 (GOV.UK's 0.286 gave 62.52)
    assert result.line("roc_income").amount == Decimal("460.85")
    assert result.line("basic_rate").amount == Decimal("87.56")
    assert result.line("shared_care_fraction").amount == Decimal("62.54")


def test_cap_warns_of_court_top_up() -> None:
    result = estimate(gb_case("4000"), jurisdiction="GB", as_of=AS_OF)
    assert result.discretionary
    assert any("court" in w for w in result.warnings)
    assert result.line("capped_income").amount == Decimal("3000")


def test_paying_parent_is_the_one_with_fewer_nights() -> None:
    # Parent A has 300 nights, B 65: B pays. B has no income entered: the estimate asks for it.
    case = gb_case("500", nights_with_payer=300)
    result = estimate(case, jurisdiction="GB", as_of=AS_OF)
    assert result.line("paying_parent").value == "Blake"
    assert result.amount is None
    assert any("Blake's gross income" in m for m in result.missing)


def test_equal_care_gives_no_liability_with_a_warning() -> None:
    result = estimate(gb_case("900", nights_with_payer=183, nights_total=366), jurisdiction="GB", as_of=AS_OF)
    assert result.amount == 0 and result.payer is None
    assert any("same number of nights" in w for w in result.warnings)


# --- missing inputs: never a silent zero ----------------------------------------------------------------------------


def test_unknown_income_asks_for_it() -> None:
    result = estimate(gb_case(None), jurisdiction="GB", as_of=AS_OF)
    assert result.amount is None and not result.complete
    assert any("Alex" in m for m in result.missing)


def test_no_income_entered_asks_for_it() -> None:
    result = estimate(gb_case("none"), jurisdiction="GB", as_of=AS_OF)
    assert result.amount is None
    assert any("Enter Alex's gross income" in m for m in result.missing)


def test_no_children_asks_for_them() -> None:
    result = estimate(gb_case("500", qualifying_children=0), jurisdiction="GB", as_of=AS_OF)
    assert result.amount is None
    assert any("children" in m for m in result.missing)


def test_benefit_needs_no_income() -> None:
    result = estimate(gb_case(None, benefits=("income_support",)), jurisdiction="GB", as_of=AS_OF)
    assert result.amount == Decimal("7")  # flat rate, reg 44(2)


def test_rental_income_is_not_counted_and_is_flagged() -> None:
    case = gb_case("500")
    payer = case.parent_a.model_copy(update={"income": (
        *case.parent_a.income,
        IncomeItem(kind=IncomeKind.RENTAL, amount=Decimal("1000"), frequency=Frequency.WEEKLY),
    )})
    result = estimate(case.with_parent("parent_a", payer), jurisdiction="GB", as_of=AS_OF)
    assert result.amount == Decimal("60")  # 500 x 12% = 60; rent is not gross weekly income (reg 37)
    assert any("not counted" in w for w in result.warnings)


# --- dates and what-ifs ---------------------------------------------------------------------------------------------


def test_as_of_switches_the_reduced_rate_table() -> None:
    case = gb_case("150")
    before = estimate(case, jurisdiction="GB", as_of=dt.date(2013, 11, 21))
    after = estimate(case, jurisdiction="GB", as_of=dt.date(2013, 11, 22))
    assert before.line("reduced_t").value == "19%"  # superseded table: 7 + 50 x 19% = 16.50 -> 17
    assert before.amount == Decimal("17")
    assert after.line("reduced_t").value == "17.0%"  # current table: 7 + 50 x 17% = 15.50 -> 16
    assert after.amount == Decimal("16")
    assert before.line("reduced_t").reference.confidence == "unverified"


def test_before_the_2012_scheme_is_refused() -> None:
    with pytest.raises(EstimateUnavailable, match="10 December 2012"):
        estimate(gb_case("500"), jurisdiction="GB", as_of=dt.date(2012, 12, 9))


def test_override_marks_the_line_and_changes_the_amount() -> None:
    case = case_from_inputs(EXAMPLES[1]["inputs"])  # guide p20: 1000 a week, 2 children
    result = estimate(case, jurisdiction="GB", as_of=AS_OF, overrides={"basic_rate.2": "0.20"})
    assert result.amount == Decimal("184")  # 800 x 20% = 160; 200 x 12% = 24; 160 + 24 = 184
    assert result.line("basic_part").overridden
    assert not result.line("basic_plus_part").overridden
    assert result.overrides == ("basic_rate.2 = 0.20",)


# --- properties -----------------------------------------------------------------------------------------------------

incomes = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
children = st.integers(min_value=1, max_value=4)
others = st.integers(min_value=0, max_value=4)
payer_nights = st.integers(min_value=0, max_value=182)
benefit_lists = st.sampled_from([(), (), (), ("carers_allowance",), ("pension_credit",), ("unknown_code",)])


@settings(max_examples=150, deadline=None)
@given(incomes, children, others, payer_nights, benefit_lists, st.dates(dt.date(2012, 12, 10), dt.date(2030, 1, 1)))
def test_never_negative_and_no_crash(income: Decimal, qc: int, roc: int, nights: int, benefits: tuple[str, ...],
                                     as_of: dt.date) -> None:
    result = estimate(gb_case(str(income), qc, roc, nights, benefits), jurisdiction="GB", as_of=as_of)
    assert result.amount is not None and result.amount >= 0
    assert result.amount == result.amount.to_integral_value()  # whole pounds (or the £7 flat rate)
    assert all(line.reference.text for line in result.lines)


@settings(max_examples=100, deadline=None)
@given(incomes, children, others, payer_nights)
def test_swapping_parents_swaps_payer_and_payee(income: Decimal, qc: int, roc: int, nights: int) -> None:
    case = gb_case(str(income), qc, roc, nights)
    result = estimate(case, jurisdiction="GB", as_of=AS_OF)
    swapped = estimate(case.swapped(), jurisdiction="GB", as_of=AS_OF)
    assert swapped.amount == result.amount
    if result.amount:
        assert (swapped.payer, swapped.payee) == (result.payee, result.payer)


@settings(max_examples=150, deadline=None)
@given(incomes, incomes, children, others, payer_nights)
def test_monotone_in_paying_parent_income(a: Decimal, b: Decimal, qc: int, roc: int, nights: int) -> None:
    """From 22 Nov 2013 the reduced-rate table meets the basic rate at £200, so more income never means less."""
    low, high = sorted((a, b))
    r_low = estimate(gb_case(str(low), qc, roc, nights), jurisdiction="GB", as_of=AS_OF)
    r_high = estimate(gb_case(str(high), qc, roc, nights), jurisdiction="GB", as_of=AS_OF)
    assert r_high.amount is not None and r_low.amount is not None
    assert r_high.amount >= r_low.amount
