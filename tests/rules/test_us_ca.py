"""California Family Code § 4055 estimator: the statute's K example, hand-worked examples, dates, overrides,
properties.

Expected figures come from tests/rules/us_ca_examples.yaml (the statute's example with its source, hand-worked ones
with the arithmetic written out) or from arithmetic written out below — never from the program's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.child_support import EstimateUnavailable, estimate
from calculators.us_ca_4055 import fraction, k_factor
from casefile.models import Case, Child, Deduction, DeductionKind, IncomeItem, IncomeKind, Parent, ParentingTime
from casefile.money import Frequency
from jurisdictions.loader import rules_on

EXAMPLES = yaml.safe_load((Path(__file__).parent / "us_ca_examples.yaml").read_text(encoding="utf-8"))
CODE = "US-CA"
DAY = dt.date(2025, 1, 1)
CENT = Decimal("0.01")


def items(cls: type, enum: type, pairs: list[list[Any]] | None) -> tuple[Any, ...]:
    return tuple(cls(kind=enum(k), amount=None if a is None else Decimal(a), frequency=Frequency.MONTHLY)
                 for k, a in pairs or [])


def make_case(
    *,
    children: int = 1,
    jordan: list[list[Any]] | None = None,
    sam: list[list[Any]] | None = None,
    jordan_deductions: list[list[Any]] | None = None,
    jordan_nights: int = 73,
    equal_time: bool = False,
    child_nights_with_sam: list[int] | None = None,
) -> Case:
    time = (ParentingTime(overnights_with_a=183, overnights_with_b=183) if equal_time
            else ParentingTime(overnights_with_a=365 - jordan_nights, overnights_with_b=jordan_nights))
    per_child = child_nights_with_sam or [None] * children
    return Case(
        jurisdiction=CODE,
        parent_a=Parent(display_name="Sam", income=items(IncomeItem, IncomeKind, sam)),
        parent_b=Parent(display_name="Jordan", income=items(IncomeItem, IncomeKind, jordan),
                        deductions=items(Deduction, DeductionKind, jordan_deductions)),
        children=tuple(Child(name=f"Child {i + 1}", overnights_with_a=per_child[i]) for i in range(children)),
        parenting_time=time,
    )


# --- the statute's K example ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES["k_factor"], ids=lambda e: e["id"])
def test_k_example(example: dict[str, Any]) -> None:
    assert example["source"] and example["working"]
    view = rules_on(CODE, example["as_of"])
    k = k_factor(Decimal(example["h"]), fraction(view.value("fraction_bands"), Decimal(example["tn"])))
    assert k.quantize(CENT, rounding=ROUND_HALF_UP) == Decimal(example["expected_2dp"])
    # and exactly as the statute writes it: (1 + 0.20) × (0.165 + 1,000 ÷ 82,857)
    assert k == (1 + Decimal("0.20")) * (Decimal("0.165") + Decimal(1000) / Decimal(82857))


# --- hand-worked estimates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES["estimates"], ids=lambda e: e["id"])
def test_example(example: dict[str, Any]) -> None:
    assert example["source"] and example["working"]
    inputs = example["inputs"]
    case = make_case(children=inputs["children"], jordan=inputs["jordan"], sam=inputs["sam"],
                     jordan_deductions=inputs.get("jordan_deductions"), jordan_nights=example.get("jordan_nights", 73),
                     equal_time=example.get("equal_time", False),
                     child_nights_with_sam=example.get("child_nights_with_sam"))
    result = estimate(case, jurisdiction=CODE, as_of=example["as_of"])
    expected = example["expected"]
    assert result.complete, result.missing
    assert result.amount == Decimal(expected["amount"])
    assert result.payer == expected["payer"]
    assert result.payee == ("parent_a" if expected["payer"] == "parent_b" else "parent_b")
    if "k" in expected:
        assert result.line("k").value == expected["k"]
    if "cs_one_child" in expected:
        assert result.line("cs_one_child").amount == Decimal(expected["cs_one_child"])
    for role in ("parent_a", "parent_b"):
        if f"net_{role}" in expected:
            assert result.line(f"net_{role}").amount == Decimal(expected[f"net_{role}"])
    low_income_warned = any("low-income adjustment" in w for w in result.warnings)
    assert low_income_warned is example.get("warns_low_income", False)
    assert all(line.reference.text for line in result.lines)


def test_current_first_band_by_hand() -> None:
    """TN 2,000 in the current $0–2,900 band: fraction 0.165 + 2,000 ÷ 82,857, H% 0.2, HN 1,500."""
    case = make_case(jordan=[["wages", "1500"]], sam=[["wages", "500"]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY)
    k = (1 + Decimal("0.2")) * (Decimal("0.165") + Decimal(2000) / Decimal(82857))
    expected = (k * (1500 - Decimal("0.2") * 2000)).quantize(CENT, rounding=ROUND_HALF_UP)  # 0.226966 × 1,100
    assert result.amount == expected == Decimal("249.66")
    assert any("low-income adjustment" in w for w in result.warnings)  # Jordan's 1,500 < the $2,929 trigger


def test_current_second_band_by_hand() -> None:
    """TN 4,000 in the current $2,901–5,000 band: fraction 0.131 + 4,000 ÷ 42,149, H% 0.2, HN 3,000."""
    case = make_case(jordan=[["wages", "3000"]], sam=[["wages", "1000"]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY)
    k = (1 + Decimal("0.2")) * (Decimal("0.131") + Decimal(4000) / Decimal(42149))
    assert result.amount == (k * (3000 - Decimal("0.2") * 4000)).quantize(CENT, rounding=ROUND_HALF_UP)


def test_band_edge_in_whole_dollars() -> None:
    """TN exactly 2,900 is in the first band; 2,900.01 in the second (pack: edges are whole dollars)."""
    bands = rules_on(CODE, DAY).value("fraction_bands")
    assert fraction(bands, Decimal(2900)) == Decimal("0.165") + Decimal(2900) / Decimal(82857)
    assert fraction(bands, Decimal("2900.01")) == Decimal("0.131") + Decimal("2900.01") / Decimal(42149)


# --- dates ---------------------------------------------------------------------------------------------------------


def test_fraction_table_switches_on_1_september_2024() -> None:
    case = make_case(children=2, jordan=[["wages", "6000"]], sam=[["wages", "4000"]])
    before = estimate(case, jurisdiction=CODE, as_of=dt.date(2024, 8, 31))
    after = estimate(case, jurisdiction=CODE, as_of=dt.date(2024, 9, 1))
    assert before.amount == Decimal("0.24") * 4000 * Decimal("1.6")  # 1,536
    assert after.amount == Decimal("0.30") * 4000 * Decimal("1.6")  # 1,920
    assert "SB 343" in after.line("fraction").reference.text


def test_date_before_the_file_is_a_clear_error() -> None:
    case = make_case(jordan=[["wages", "6000"]], sam=[["wages", "4000"]])
    with pytest.raises(EstimateUnavailable, match="2013"):
        estimate(case, jurisdiction=CODE, as_of=dt.date(2012, 12, 31))


# --- missing inputs ------------------------------------------------------------------------------------------------


def test_both_incomes_are_needed() -> None:
    result = estimate(make_case(jordan=[["wages", "6000"]], sam=[["wages", None]]), jurisdiction=CODE, as_of=DAY)
    assert result.amount is None and any("Sam" in m for m in result.missing)
    result = estimate(make_case(jordan=[], sam=[["wages", "4000"]]), jurisdiction=CODE, as_of=DAY)
    assert result.amount is None and any("Enter Jordan's income" in m for m in result.missing)


def test_unknown_deduction_and_no_children() -> None:
    case = make_case(jordan=[["wages", "6000"]], sam=[["wages", "4000"]], jordan_deductions=[["income_tax", None]])
    assert estimate(case, jurisdiction=CODE, as_of=DAY).amount is None
    case = make_case(children=0, jordan=[["wages", "6000"]], sam=[["wages", "4000"]])
    assert estimate(case, jurisdiction=CODE, as_of=DAY).missing


def test_more_than_ten_children_is_not_guessed() -> None:
    case = make_case(children=11, jordan=[["wages", "6000"]], sam=[["wages", "4000"]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY)
    assert result.amount is None and any("ten children" in m for m in result.missing)


def test_no_taxes_entered_is_warned() -> None:
    result = estimate(make_case(jordan=[["wages", "6000"]], sam=[["wages", "4000"]]), jurisdiction=CODE, as_of=DAY)
    assert any("No income tax" in w and "Jordan" in w for w in result.warnings)


# --- overrides -----------------------------------------------------------------------------------------------------


def test_override_of_a_multiplier_is_marked() -> None:
    case = make_case(children=2, jordan=[["wages", "6000"]], sam=[["wages", "4000"]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY, overrides={"children_multiplier.2": "2"})
    assert result.line("multiplier").overridden and result.line("cs").overridden
    assert not result.line("k").overridden
    assert result.line("support").overridden
    assert result.amount == Decimal(1200) * 2  # one-child CS 1,200 × 2


def test_override_of_a_band_base_is_marked() -> None:
    case = make_case(children=1, jordan=[["wages", "6000"]], sam=[["wages", "4000"]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY, overrides={"fraction_bands.2.base": "0.3"})
    assert result.line("k").overridden
    assert result.amount == Decimal("1.2") * Decimal("0.3") * 4000  # 1,440


# --- properties ----------------------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=60000, places=2, allow_nan=False, allow_infinity=False)
dates = st.sampled_from([dt.date(2016, 1, 1), dt.date(2024, 8, 31), dt.date(2024, 9, 1), dt.date(2026, 6, 1)])
PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(a=money, b=money, tax=money, kids=st.integers(1, 10), nights=st.integers(0, 365), day=dates)
def test_never_negative_and_no_crash(a: Decimal, b: Decimal, tax: Decimal, kids: int, nights: int,
                                     day: dt.date) -> None:
    case = make_case(children=kids, jordan=[["wages", str(b)]], sam=[["wages", str(a)]],
                     jordan_deductions=[["income_tax", str(tax)]], jordan_nights=nights)
    result = estimate(case, jurisdiction=CODE, as_of=day)
    assert result.complete and result.amount is not None and result.amount >= 0
    if result.amount > 0:
        assert {result.payer, result.payee} == {"parent_a", "parent_b"}


@PROPS
@given(a=money, b=money, kids=st.integers(1, 10), nights=st.integers(0, 365), day=dates)
def test_swapping_parents_swaps_payer_and_payee(a: Decimal, b: Decimal, kids: int, nights: int, day: dt.date) -> None:
    case = make_case(children=kids, jordan=[["wages", str(b)]], sam=[["wages", str(a)]], jordan_nights=nights)
    result = estimate(case, jurisdiction=CODE, as_of=day)
    swapped = estimate(case.swapped(), jurisdiction=CODE, as_of=day)
    assert swapped.amount == result.amount
    assert (swapped.payer, swapped.payee) == (result.payee, result.payer)


@PROPS
@given(low=money, extra=money, other=money, kids=st.integers(1, 10), nights=st.integers(0, 182), day=dates)
def test_monotone_in_the_payers_income(low: Decimal, extra: Decimal, other: Decimal, kids: int, nights: int,
                                       day: dt.date) -> None:
    """With Jordan the higher earner both times and under half the time, Jordan pays, and pays more as Jordan's
    income rises. The current bands step down slightly at $2,900 and $10,000 (pack § 3.1: continuous to within about
    0.0003), which can cost up to about 1.5 × 0.0001 × 10,000 = $1.50; within a band CS rises by at least
    K × (1 − H%) ≥ 0.25 × 0.5 a dollar, so a rise of $20 or more (worth at least $2.50) is compared."""
    low = max(low, other) + 1
    high = low + extra + 20
    first = estimate(make_case(children=kids, jordan=[["wages", str(low)]], sam=[["wages", str(other)]],
                               jordan_nights=nights), jurisdiction=CODE, as_of=day)
    second = estimate(make_case(children=kids, jordan=[["wages", str(high)]], sam=[["wages", str(other)]],
                                jordan_nights=nights), jurisdiction=CODE, as_of=day)
    assert first.payer == second.payer == "parent_b"
    assert second.amount >= first.amount
