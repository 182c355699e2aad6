"""New York CSSA estimator: published SSR figures, hand-worked examples, dates and gaps, overrides, properties.

Expected figures come from tests/rules/us_ny_examples.yaml (published figures with their source, hand-worked ones
with the arithmetic written out) or from arithmetic written out below — never from the program's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.child_support import EstimateUnavailable, estimate
from calculators.us_ny_cssa import low_income_obligation, self_support_reserve
from casefile.models import Case, Child, Deduction, DeductionKind, IncomeItem, IncomeKind, Parent, ParentingTime
from casefile.money import Frequency
from jurisdictions.loader import rules_on
from jurisdictions.rules import RoundingMode, RoundingRule

EXAMPLES = yaml.safe_load((Path(__file__).parent / "us_ny_examples.yaml").read_text(encoding="utf-8"))
CODE = "US-NY"
DAY = dt.date(2025, 6, 1)


def items(cls: type, enum: type, pairs: list[list[str]]) -> tuple[Any, ...]:
    return tuple(cls(kind=enum(k), amount=None if a is None else Decimal(a), frequency=Frequency.YEARLY)
                 for k, a in pairs)


def make_case(
    *,
    children: int = 1,
    jordan: list[list[Any]] | None = None,
    sam: list[list[Any]] | None = None,
    jordan_deductions: list[list[Any]] | None = None,
    sam_deductions: list[list[Any]] | None = None,
    nights_with_sam: int = 261,
    equal_time: bool = False,
) -> Case:
    time = (ParentingTime(overnights_with_a=183, overnights_with_b=183) if equal_time
            else ParentingTime(overnights_with_a=nights_with_sam, overnights_with_b=365 - nights_with_sam))
    return Case(
        jurisdiction=CODE,
        parent_a=Parent(display_name="Sam", income=items(IncomeItem, IncomeKind, sam or []),
                        deductions=items(Deduction, DeductionKind, sam_deductions or [])),
        parent_b=Parent(display_name="Jordan", income=items(IncomeItem, IncomeKind, jordan or []),
                        deductions=items(Deduction, DeductionKind, jordan_deductions or [])),
        children=tuple(Child(name=f"Child {i + 1}") for i in range(children)),
        parenting_time=time,
    )


# --- published self-support reserve figures ----------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES["self_support_reserve"], ids=lambda e: e["id"])
def test_self_support_reserve(example: dict[str, Any]) -> None:
    assert example["source"] and example["working"]
    view = rules_on(CODE, example.get("as_of", DAY))
    rate = view.decimal("self_support_reserve_rate")
    poverty = Decimal(example["poverty_guideline"])
    if example.get("rounding") == "down":  # NY-2, 2007: before the file; the Register dropped the half dollar
        assert poverty * rate == Decimal(example["product"])
        rule = RoundingRule(step=Decimal(1), mode=RoundingMode.DOWN, applies_to="2007 Register figure")
        assert self_support_reserve(poverty, rate, rule) == Decimal(example["expected"])
        return
    assert view.decimal("poverty_guideline", "amount") == poverty
    assert self_support_reserve(poverty, rate, view.rounding("self_support_reserve")) == Decimal(example["expected"])


# --- hand-worked estimates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES["estimates"], ids=lambda e: e["id"])
def test_example(example: dict[str, Any]) -> None:
    assert example["source"] and example["working"]
    inputs = example["inputs"]
    case = make_case(children=inputs["children"], jordan=inputs["jordan"], sam=inputs["sam"],
                     jordan_deductions=inputs.get("jordan_deductions"), equal_time=example.get("equal_time", False))
    result = estimate(case, jurisdiction=CODE, as_of=example["as_of"])
    expected = example["expected"]
    assert result.complete, result.missing
    assert result.amount == Decimal(expected["amount"])
    assert result.line("obligation_yearly").amount == Decimal(expected["yearly"])
    payer = expected.get("payer", "parent_b")
    assert result.payer == payer and result.payee == ("parent_a" if payer == "parent_b" else "parent_b")
    for key in ("combined_income", "cap"):
        if key in expected:
            assert result.line(key).amount == Decimal(expected[key]), key
    if "percentage" in expected:
        assert result.line("percentage").value == expected["percentage"]
    if "range" in expected:
        assert result.amount_range == tuple(Decimal(x) for x in expected["range"])
    else:
        assert result.amount_range is None
    assert result.discretionary is expected.get("discretionary", False)
    assert all(line.reference.text for line in result.lines)


def test_low_income_rule_by_hand() -> None:
    """(d) with 2025 figures (poverty 15,650, SSR 21,128, floors 25 × 12 and 50 × 12)."""
    args = (Decimal(15650), Decimal(21128), Decimal(300), Decimal(600))
    assert low_income_obligation(Decimal(60000), Decimal(15000), *args) == (Decimal(15000), "none")
    assert low_income_obligation(Decimal(16000), Decimal(4000), *args) == (Decimal(300), "poverty")
    assert low_income_obligation(Decimal(24000), Decimal(4080), *args) == (Decimal(24000 - 21128), "ssr")


# --- dates, gaps and the carried-forward poverty guideline ----------------------------------------------------------


# Jordan has all the income (300,000, above every cap) and one child: the yearly obligation is 17% x the cap, so the
# monthly amount is 17% x cap / 12, to the cent half up. Worked by hand for each side of each 1 March change:
#   141,000 (from 31 Jan 2014): 23,970 / 12 = 1,997.50
#   143,000 (from 1 Mar 2016):  24,310 / 12 = 2,025.833... -> 2,025.83
#   148,000 (from 1 Mar 2018):  25,160 / 12 = 2,096.666... -> 2,096.67
#   154,000 (from 1 Mar 2020):  26,180 / 12 = 2,181.666... -> 2,181.67
#   163,000 (from 1 Mar 2022):  27,710 / 12 = 2,309.166... -> 2,309.17
CAP_DAYS = [
    (dt.date(2016, 2, 29), 141000, "1997.50"),
    (dt.date(2016, 3, 1), 143000, "2025.83"),
    (dt.date(2018, 2, 28), 143000, "2025.83"),
    (dt.date(2018, 3, 1), 148000, "2096.67"),
    (dt.date(2020, 2, 29), 148000, "2096.67"),
    (dt.date(2020, 3, 1), 154000, "2181.67"),
    (dt.date(2022, 2, 28), 154000, "2181.67"),
    (dt.date(2022, 3, 1), 163000, "2309.17"),
]


@pytest.mark.parametrize(("day", "cap", "monthly"), CAP_DAYS, ids=[str(d) for d, _, _ in CAP_DAYS])
def test_the_cap_has_no_holes_from_2014(day: dt.date, cap: int, monthly: str) -> None:
    """The former holes (March 2016 - February 2018, March 2020 - February 2022) now have the pack's values."""
    case = make_case(jordan=[["wages", "300000"]], sam=[["wages", "0"]])
    result = estimate(case, jurisdiction=CODE, as_of=day)
    assert result.line("cap").amount == cap
    assert result.amount == Decimal(monthly)


def test_as_of_before_the_file_is_a_clear_error() -> None:
    case = make_case(jordan=[["wages", "60000"]], sam=[["wages", "40000"]])
    with pytest.raises(EstimateUnavailable, match="2014"):
        estimate(case, jurisdiction=CODE, as_of=dt.date(2014, 1, 30))


def test_cap_switches_on_1_march_2026() -> None:
    case = make_case(jordan=[["wages", "300000"]], sam=[["wages", "0"]])
    before = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 2, 28))
    after = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 3, 1))
    assert before.line("cap").amount == 183000 and after.line("cap").amount == 193000
    # Jordan has all the income: 17% × cap ÷ 12
    assert before.amount == (Decimal("0.17") * 183000 / 12).quantize(Decimal("0.01"))  # 2,592.50
    assert after.amount == (Decimal("0.17") * 193000 / 12).quantize(Decimal("0.01"))  # 2,734.166… → 2,734.17


def test_poverty_guideline_after_the_last_verified_chart_is_carried_with_a_warning() -> None:
    case = make_case(jordan=[["wages", "60000"]], sam=[["wages", "40000"]])
    verified = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 2, 28))
    carried = estimate(case, jurisdiction=CODE, as_of=dt.date(2026, 3, 1))
    assert not any("not verified" in w for w in verified.warnings)
    assert any("2025 figures are used" in w for w in carried.warnings)
    assert carried.line("poverty_guideline").reference.confidence == "unverified"
    with pytest.raises(EstimateUnavailable, match="no value for"):
        estimate(case, jurisdiction=CODE, as_of=dt.date(2027, 3, 1))


def test_poverty_guideline_changes_with_the_chart_year() -> None:
    case = make_case(jordan=[["wages", "60000"]], sam=[["wages", "40000"]])
    assert estimate(case, jurisdiction=CODE, as_of=dt.date(2025, 2, 28)).line("poverty_guideline").amount == 15060
    assert estimate(case, jurisdiction=CODE, as_of=dt.date(2025, 3, 1)).line("poverty_guideline").amount == 15650


# --- missing inputs ------------------------------------------------------------------------------------------------


def test_both_incomes_are_needed() -> None:
    result = estimate(make_case(jordan=[["wages", "60000"]], sam=[["wages", None]]), jurisdiction=CODE, as_of=DAY)
    assert result.amount is None and any("Sam" in m for m in result.missing)
    result = estimate(make_case(jordan=[], sam=[["wages", "40000"]]), jurisdiction=CODE, as_of=DAY)
    assert result.amount is None and any("Enter Jordan's income" in m for m in result.missing)


def test_unknown_deduction_is_asked_for() -> None:
    case = make_case(jordan=[["wages", "60000"]], sam=[["wages", "40000"]], jordan_deductions=[["social_security", None]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY)
    assert result.amount is None and any("deduction" in m for m in result.missing)


def test_no_children() -> None:
    result = estimate(make_case(children=0, jordan=[["wages", "1"]], sam=[["wages", "1"]]), jurisdiction=CODE,
                      as_of=DAY)
    assert result.amount is None and result.missing


# --- overrides -----------------------------------------------------------------------------------------------------


def test_override_of_the_cap_is_marked() -> None:
    case = make_case(jordan=[["wages", "150000"]], sam=[["wages", "50000"]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY, overrides={"combined_income_cap": "200000"})
    assert result.line("cap").overridden and result.line("basic_obligation").overridden
    assert result.amount == (Decimal("0.17") * 200000 * Decimal("0.75") / 12).quantize(Decimal("0.01"))  # 2,125.00
    assert result.amount_range is None  # combined income is no longer above the cap
    assert result.line("support").overridden and result.line("obligation_yearly").overridden


def test_override_of_the_poverty_guideline_changes_the_ssr() -> None:
    case = make_case(jordan=[["wages", "24000"]], sam=[["wages", "36000"]])
    result = estimate(case, jurisdiction=CODE, as_of=DAY, overrides={"poverty_guideline.amount": "16000"})
    assert result.line("self_support_reserve").amount == 21600  # 16,000 × 1.35
    assert result.line("self_support_reserve").overridden
    assert result.line("obligation_yearly").amount == 24000 - 21600  # 2,400 > 600


# --- properties ----------------------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=400000, places=2, allow_nan=False, allow_infinity=False)
dates = st.sampled_from([dt.date(2014, 6, 1), dt.date(2019, 6, 1), dt.date(2023, 6, 1), dt.date(2025, 6, 1),
                         dt.date(2026, 6, 1)])
PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(a=money, b=money, fica=money, kids=st.integers(1, 7), nights=st.integers(0, 365), day=dates)
def test_never_negative_and_no_crash(a: Decimal, b: Decimal, fica: Decimal, kids: int, nights: int,
                                     day: dt.date) -> None:
    case = make_case(children=kids, jordan=[["wages", str(b)]], sam=[["wages", str(a)]],
                     jordan_deductions=[["social_security", str(fica)]], nights_with_sam=nights)
    result = estimate(case, jurisdiction=CODE, as_of=day)
    assert result.complete and result.amount is not None and result.amount > 0  # the floor is at least $25
    if result.amount_range:
        assert 0 <= result.amount_range[0] <= result.amount_range[1]


@PROPS
@given(a=money, b=money, kids=st.integers(1, 6), nights=st.integers(0, 365), day=dates)
def test_swapping_parents_swaps_payer_and_payee(a: Decimal, b: Decimal, kids: int, nights: int, day: dt.date) -> None:
    case = make_case(children=kids, jordan=[["wages", str(b)]], sam=[["wages", str(a)]], nights_with_sam=nights)
    result = estimate(case, jurisdiction=CODE, as_of=day)
    swapped = estimate(case.swapped(), jurisdiction=CODE, as_of=day)
    assert swapped.amount == result.amount and swapped.amount_range == result.amount_range
    assert (swapped.payer, swapped.payee) == (result.payee, result.payer)


above_floors = st.decimals(min_value=40000, max_value=400000, places=2, allow_nan=False, allow_infinity=False)


@PROPS
@given(low=above_floors, extra=money, other=money, kids=st.integers(1, 6), day=dates)
def test_monotone_in_the_payers_income_outside_the_floors(low: Decimal, extra: Decimal, other: Decimal, kids: int,
                                                         day: dt.date) -> None:
    """The pro-rata share rises with the payer's income. The (d) floors are not monotone by design (the $25 floor
    can exceed a tiny share), so the payer earns at least 40,000: after a share of at most 35% that leaves 26,000,
    above every self-support reserve in the file (at most 21,128)."""
    high = low + extra
    first = estimate(make_case(children=kids, jordan=[["wages", str(low)]], sam=[["wages", str(other)]]),
                     jurisdiction=CODE, as_of=day)
    second = estimate(make_case(children=kids, jordan=[["wages", str(high)]], sam=[["wages", str(other)]]),
                      jurisdiction=CODE, as_of=day)
    assert not any(line.key == "low_income_floor" for r in (first, second) for line in r.lines)
    assert second.amount >= first.amount
