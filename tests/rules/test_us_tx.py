"""Texas Family Code ch. 154 estimator: the pack's examples, hand-worked examples, dates, overrides, properties.

Expected figures come from tests/rules/us_tx_examples.yaml (published examples with their source, hand-worked ones
with the arithmetic written out) or from arithmetic written out below — never from the program's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
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

EXAMPLES = yaml.safe_load((Path(__file__).parent / "us_tx_examples.yaml").read_text(encoding="utf-8"))
CODE = "US-TX"


def income(kind: str, amount: str | None, frequency: str = "monthly") -> IncomeItem:
    return IncomeItem(kind=IncomeKind(kind), amount=None if amount is None else Decimal(amount),
                      frequency=Frequency(frequency))


def deduction(kind: str, amount: str | None, frequency: str = "monthly") -> Deduction:
    return Deduction(kind=DeductionKind(kind), amount=None if amount is None else Decimal(amount),
                     frequency=Frequency(frequency))


def make_case(
    *,
    children: int = 2,
    jordan_income: tuple[IncomeItem, ...] = (),
    jordan_deductions: tuple[Deduction, ...] = (),
    other_children: int = 0,
    sam_income: tuple[IncomeItem, ...] = (IncomeItem(amount=Decimal(2500)),),
    nights_with_sam: int = 261,
) -> Case:
    """Sam (parent_a) has the children most nights; Jordan (parent_b) is the obligor in the usual case."""
    return Case(
        jurisdiction=CODE,
        parent_a=Parent(display_name="Sam", income=sam_income),
        parent_b=Parent(
            display_name="Jordan",
            income=jordan_income,
            deductions=jordan_deductions,
            other_children=tuple(OtherChild(label=f"Other {i}") for i in range(other_children)),
        ),
        children=tuple(Child(name=f"Child {i + 1}") for i in range(children)),
        parenting_time=ParentingTime(overnights_with_a=nights_with_sam, overnights_with_b=365 - nights_with_sam),
    )


def case_from_example(example: dict[str, Any]) -> Case:
    inputs = example["inputs"]
    return make_case(
        children=inputs["children"],
        other_children=inputs.get("other_children", 0),
        jordan_income=tuple(income(*item) for item in inputs["income"]),
        jordan_deductions=tuple(deduction(*item) for item in inputs.get("deductions", [])),
    )


def monthly_wages(amount: str) -> tuple[IncomeItem, ...]:
    return (income("wages", amount),)


# --- the examples file ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_example(example: dict[str, Any]) -> None:
    assert example["source"] and example.get("working"), "every example states its source and its arithmetic"
    result = estimate(case_from_example(example), jurisdiction=CODE, as_of=example["as_of"])
    expected = example["expected"]
    assert result.complete, result.missing
    assert result.amount == Decimal(expected["amount"])
    assert result.payer == expected.get("payer", "parent_b")
    assert result.payee == "parent_a"
    assert result.currency == "USD" and result.period.value == "month"
    if "percentage" in expected:
        assert result.line("percentage").value == expected["percentage"]
    for key in ("cap", "credit", "adjusted_net_resources", "net_resources"):
        if key in expected:
            assert result.line(key).amount == Decimal(expected[key]), key
    assert result.discretionary is expected.get("discretionary", False)
    assert all(line.reference.text for line in result.lines), "every worksheet line has a reference"


def test_the_table_matches_the_credit_method_in_the_pack() -> None:
    """Pack § 3.2: every § 154.129(a) cell is p(c) × (1 − p(c+n) × n ÷ (c+n)), rounded half-up to 2 decimals."""
    from jurisdictions.loader import rules_on

    view = rules_on(CODE, dt.date(2024, 1, 1))
    p = {1: 20, 2: 25, 3: 30, 4: 35, 5: 40}
    for c in range(1, 8):
        for n in range(8):
            derived = Decimal(p.get(c, 40)) * (1 - Decimal(p.get(c + n, 40)) / 100 * n / (c + n))
            cell = view.decimal("multiple_household_percentages", str(c), str(n))
            assert cell == derived.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"), (c, n)


# --- dates ---------------------------------------------------------------------------------------------------------


def test_cap_switches_on_1_september_2025() -> None:
    case = make_case(children=1, jordan_income=monthly_wages("15000"))
    before = estimate(case, jurisdiction=CODE, as_of=dt.date(2025, 8, 31))
    after = estimate(case, jurisdiction=CODE, as_of=dt.date(2025, 9, 1))
    assert before.line("cap").amount == Decimal(9200)
    assert after.line("cap").amount == Decimal(11700)
    assert before.amount == Decimal("0.20") * 9200  # 1,840
    assert after.amount == Decimal("0.20") * 11700  # 2,340
    assert any("§ 154.126" in w for w in after.warnings)


def test_low_income_schedule_starts_for_suits_filed_from_september_2021() -> None:
    case = make_case(children=1, jordan_income=monthly_wages("600"))
    before = estimate(case, jurisdiction=CODE, as_of=dt.date(2021, 8, 31))
    after = estimate(case, jurisdiction=CODE, as_of=dt.date(2021, 9, 1))
    assert before.amount == Decimal("0.20") * 600  # 120: standard 20%
    assert after.amount == Decimal("0.15") * 600  # 90: low-income 15%
    assert after.line("low_income_schedule").value == "applies"


def test_date_before_the_rule_file_is_a_clear_error() -> None:
    case = make_case(children=1, jordan_income=monthly_wages("3000"))
    with pytest.raises(EstimateUnavailable, match="2012"):
        estimate(case, jurisdiction=CODE, as_of=dt.date(2012, 8, 31))


def test_filing_date_differing_from_as_of_is_flagged() -> None:
    case = make_case(children=1, jordan_income=monthly_wages("3000"))
    case = case.model_copy(update={"separation": case.separation.model_copy(update={"filing_date": dt.date(2020, 5, 1)})})
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert any("filing date" in w for w in result.warnings)


# --- missing inputs ------------------------------------------------------------------------------------------------


def test_unknown_obligor_income_is_never_a_silent_zero() -> None:
    case = make_case(jordan_income=(income("wages", None),))
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert result.amount is None and not result.complete
    assert any("Jordan" in m and "Wages" in m for m in result.missing)


def test_no_income_entered_asks_for_it() -> None:
    result = estimate(make_case(jordan_income=()), jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert result.amount is None
    assert any("Enter Jordan's income" in m for m in result.missing)


def test_unknown_deduction_amount_is_asked_for() -> None:
    case = make_case(jordan_income=monthly_wages("3000"), jordan_deductions=(deduction("income_tax", None),))
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert result.amount is None
    assert any("Income tax" in m for m in result.missing)


def test_no_children_asks_for_them() -> None:
    result = estimate(make_case(children=0, jordan_income=monthly_wages("3000")), jurisdiction=CODE,
                      as_of=dt.date(2026, 1, 1))
    assert result.amount is None and result.missing


def test_the_obligees_income_is_not_needed() -> None:
    """Texas uses only the obligor's net resources: Sam's unknown income does not block the estimate."""
    case = make_case(children=2, jordan_income=monthly_wages("2000"), sam_income=(income("wages", None),))
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert result.amount == Decimal("0.25") * 2000  # 500


def test_missing_taxes_are_warned_about() -> None:
    result = estimate(make_case(jordan_income=monthly_wages("3000")), jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert any("tax" in w and "not compute" in w for w in result.warnings)


# --- who pays ------------------------------------------------------------------------------------------------------


def test_obligor_is_the_parent_with_fewer_overnights() -> None:
    case = make_case(children=1, jordan_income=monthly_wages("3000"), sam_income=monthly_wages("4000"),
                     nights_with_sam=100)
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert result.payer == "parent_a" and result.payee == "parent_b"
    assert result.amount == Decimal("0.20") * 4000  # Sam's 4,000 × 20% = 800


def test_equal_time_treats_the_higher_net_resources_as_obligor() -> None:
    case = make_case(children=1, jordan_income=monthly_wages("3000"), sam_income=monthly_wages("4000"))
    case = case.model_copy(update={"parenting_time": ParentingTime(overnights_with_a=183, overnights_with_b=183)})
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1))
    assert result.payer == "parent_a"
    assert result.amount == Decimal(800)  # 20% × 4,000
    assert any("equally" in a for a in result.assumptions)


# --- what-if overrides ---------------------------------------------------------------------------------------------


def test_override_of_the_cap_marks_the_lines() -> None:
    case = make_case(children=1, jordan_income=monthly_wages("13000"))
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1), overrides={"net_resources_cap": "12000"})
    assert result.line("cap").overridden and result.line("cap").amount == Decimal(12000)
    assert result.amount == Decimal("0.20") * 12000  # 2,400
    assert not result.line("percentage").overridden
    assert result.overrides == ("net_resources_cap = 12000",)
    assert result.line("support").overridden


def test_override_of_one_percentage() -> None:
    case = make_case(children=2, jordan_income=monthly_wages("2000"))
    result = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 1, 1),
                      overrides={"percentage_one_household.2": "30"})
    assert result.line("percentage").overridden
    assert result.amount == Decimal("0.30") * 2000  # 600


# --- properties ----------------------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=40000, places=2, allow_nan=False, allow_infinity=False)
dates = st.sampled_from([dt.date(2015, 1, 1), dt.date(2020, 6, 1), dt.date(2022, 3, 1), dt.date(2025, 9, 1)])
PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(gross=money, tax=money, kids=st.integers(1, 8), others=st.integers(0, 9), nights=st.integers(0, 365),
       sam=money, day=dates)
def test_never_negative_and_no_crash(gross: Decimal, tax: Decimal, kids: int, others: int, nights: int,
                                     sam: Decimal, day: dt.date) -> None:
    case = make_case(children=kids, other_children=others, jordan_income=monthly_wages(str(gross)),
                     jordan_deductions=(deduction("income_tax", str(tax)),), sam_income=monthly_wages(str(sam)),
                     nights_with_sam=nights)
    result = estimate(case, jurisdiction=CODE, as_of=day)
    assert result.complete and result.amount is not None and result.amount >= 0
    if result.amount > 0:
        assert result.payer is not None and result.payer != result.payee


@PROPS
@given(a=money, b=money, kids=st.integers(1, 6), nights=st.integers(0, 365), day=dates)
def test_swapping_parents_swaps_payer_and_payee(a: Decimal, b: Decimal, kids: int, nights: int, day: dt.date) -> None:
    assume(a != b)
    case = make_case(children=kids, jordan_income=monthly_wages(str(b)), sam_income=monthly_wages(str(a)),
                     nights_with_sam=nights)
    result = estimate(case, jurisdiction=CODE, as_of=day)
    swapped = estimate(case.swapped(), jurisdiction=CODE, as_of=day)
    assert swapped.amount == result.amount
    if result.amount:
        assert (swapped.payer, swapped.payee) == (result.payee, result.payer)


@PROPS
@given(low=money, extra=money, kids=st.integers(1, 7), others=st.integers(0, 7), day=dates)
def test_monotone_in_the_obligors_income(low: Decimal, extra: Decimal, kids: int, others: int, day: dt.date) -> None:
    """More net resources never lower support. With other children the rounded § 154.129(a) table (up to the cap)
    and the exact § 154.128 method (above it) can differ by cents at the cap, so that case stays below the cap."""
    high = low + extra
    if others:
        assume(high <= 9200 if day < dt.date(2025, 9, 1) else high <= 11700)
        assume(high <= 8550 or day >= dt.date(2019, 9, 1))
    first = estimate(make_case(children=kids, other_children=others, jordan_income=monthly_wages(str(low))),
                     jurisdiction=CODE, as_of=day)
    second = estimate(make_case(children=kids, other_children=others, jordan_income=monthly_wages(str(high))),
                      jurisdiction=CODE, as_of=day)
    assert second.amount >= first.amount
