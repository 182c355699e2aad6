"""AU (CSA 1989 Formula 1): the DSS care -> cost examples, hand-worked end-to-end examples (arithmetic in
au_examples.yaml), the costs table against the official spot values, missing inputs, dates, what-ifs and properties.
Expected figures come from the data pack or hand arithmetic, never from running the engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.au_formula import cost_percentage, round_care
from calculators.child_support import EstimateUnavailable, estimate
from casefile.models import Case, Child, IncomeItem, IncomeKind, OtherChild, Parent, ParentingTime
from casefile.money import Frequency
from jurisdictions.loader import rules_on

DATA = yaml.safe_load((Path(__file__).parent / "au_examples.yaml").read_text(encoding="utf-8"))
EXAMPLES = DATA["examples"]
AS_OF = dt.date(2026, 3, 1)


def au_case(
    ati_a: str | None = "90000",
    ati_b: str | None = "50000",
    nights_with_a: int = 52,
    children: tuple[Child, ...] = (Child(name="Kim", date_of_birth=dt.date(2017, 1, 1)),),
    income_support_a: bool = False,
    other_children_a: int = 0,
) -> Case:
    def parent(name: str, ati: str | None, support: bool = False, others: int = 0) -> Parent:
        return Parent(
            display_name=name,
            income=(IncomeItem(kind=IncomeKind.WAGES, frequency=Frequency.YEARLY,
                               amount=None if ati is None else Decimal(ati)),),
            receives_income_support=support,
            other_children=tuple(OtherChild(label=f"O{i}") for i in range(others)),
        )

    return Case(
        jurisdiction="AU",
        parent_a=parent("Alex", ati_a, income_support_a, other_children_a),
        parent_b=parent("Blake", ati_b),
        children=children,
        parenting_time=ParentingTime(overnights_with_a=nights_with_a, overnights_with_b=365 - nights_with_a),
    )


def case_from_inputs(inputs: dict[str, Any]) -> Case:
    children = tuple(
        Child(name=f"Child{i + 1}", date_of_birth=c["dob"], overnights_with_a=c.get("nights_with_a"))
        for i, c in enumerate(inputs["children"])
    )
    return au_case(str(inputs["ati_a"]), str(inputs["ati_b"]), inputs["nights_with_a"], children,
                   inputs.get("income_support_a", False))


# --- published care -> cost examples and the nights table -----------------------------------------------------------


@pytest.mark.parametrize("example", DATA["care_to_cost"], ids=[e["id"] for e in DATA["care_to_cost"]])
def test_published_care_to_cost(example: dict[str, Any]) -> None:
    view = rules_on("AU", AS_OF)
    assert cost_percentage(example["care"], view) == Decimal(example["cost"])


@pytest.mark.parametrize("row", DATA["nights_to_cost"], ids=[str(r["nights"]) for r in DATA["nights_to_cost"]])
def test_nights_to_care_to_cost_matches_the_dss_nights_table(row: dict[str, Any]) -> None:
    view = rules_on("AU", AS_OF)
    care = round_care(Decimal(row["nights"]) / 365 * 100, view)
    assert care == row["care"]
    assert cost_percentage(care, view) == Decimal(row["cost"])


def test_cost_percentages_of_the_two_parents_add_up_to_100() -> None:
    view = rules_on("AU", AS_OF)
    for nights in range(366):
        a = round_care(Decimal(nights) / 365 * 100, view)
        b = round_care(Decimal(365 - nights) / 365 * 100, view)
        assert a + b == 100
        assert cost_percentage(a, view) + cost_percentage(b, view) == 100


# --- the costs of the children table --------------------------------------------------------------------------------

# Official 2026 spot values (C2025G00638, as listed in AU.md s 3.4): bases of bands 2-5 and the cap.
OFFICIAL_2026 = {
    ("0-12", "1"): [7917, 14902, 20490, 25147, 28407],
    ("0-12", "2"): [11177, 21888, 31202, 39584, 44241],
    ("0-12", "3+"): [12574, 24682, 36324, 47500, 55882],
    ("13+", "1"): [10711, 20956, 26544, 31201, 35392],
}


@pytest.mark.parametrize("group", list(OFFICIAL_2026))
def test_2026_table_matches_official_cells(group: tuple[str, str]) -> None:
    table = rules_on("AU", AS_OF).table("costs_of_children")
    rows = table.where(age_group=group[0], children=group[1])
    assert [int(r[table.index["base_amount"]]) for r in rows[1:]] == OFFICIAL_2026[group]


def test_2025_table_matches_official_cells() -> None:
    table = rules_on("AU", dt.date(2025, 6, 30)).table("costs_of_children")
    rows = table.where(age_group="0-12", children="1")
    assert [int(r[table.index["base_amount"]]) for r in rows[1:3]] == [7610, 14324]  # DSS guide 2.4.2


# --- end-to-end hand-worked examples --------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_examples(example: dict[str, Any]) -> None:
    result = estimate(case_from_inputs(example["inputs"]), jurisdiction="AU", as_of=example["as_of"])
    expected = example["expected"]
    assert result.complete, result.missing
    assert result.amount == Decimal(expected["amount"])
    assert result.payer == expected["payer"]
    assert result.period.value == "year" and result.currency == "AUD"
    if "fortnightly" in expected:
        assert result.line("fortnightly").amount == Decimal(expected["fortnightly"])
        assert result.line("monthly").amount == Decimal(expected["monthly"])
    if "warning" in expected:
        assert any(expected["warning"] in w for w in result.warnings)
    assert all(line.reference.text for line in result.lines)


def test_worksheet_steps_of_the_two_child_example() -> None:
    example = EXAMPLES[1]
    result = estimate(case_from_inputs(example["inputs"]), jurisdiction="AU", as_of=example["as_of"])
    assert result.line("ccsi").amount == Decimal("117908")  # 88,954 + 28,954
    assert result.line("income_pct_parent_a").value == "75.44%"
    assert result.line("care_0_parent_a").value == "40%"
    assert result.line("cost_pct_0_parent_b").value == "65%"
    assert result.line("cotc").amount == Decimal("29789.475")  # 24,216 + 0.225 x 24,771
    assert "mixed" in (result.line("cotc_group").value or "")


def test_more_than_three_children_use_the_three_oldest_for_the_age_group() -> None:
    kids = tuple(Child(name=f"K{i}", date_of_birth=d) for i, d in enumerate(
        [dt.date(2010, 1, 1), dt.date(2011, 1, 1), dt.date(2012, 1, 1), dt.date(2020, 1, 1)]))
    result = estimate(au_case(children=kids), jurisdiction="AU", as_of=AS_OF)
    # ages 16, 15, 14 and 6: the 3 oldest are all 13+, so the 13+ '3+' column (not 'mixed')
    assert "ages 13+, 3+ child(ren)" in (result.line("cotc_group").value or "")


# --- missing inputs, other children ---------------------------------------------------------------------------------


def test_unknown_income_asks_for_it() -> None:
    result = estimate(au_case(ati_b=None), jurisdiction="AU", as_of=AS_OF)
    assert result.amount is None
    assert any("Blake" in m for m in result.missing)


def test_missing_date_of_birth_asks_for_it() -> None:
    result = estimate(au_case(children=(Child(name="Kim"),)), jurisdiction="AU", as_of=AS_OF)
    assert result.amount is None
    assert any("Kim's date of birth" in m for m in result.missing)


def test_no_children_asks_for_them() -> None:
    result = estimate(au_case(children=()), jurisdiction="AU", as_of=AS_OF)
    assert result.amount is None and result.missing


def test_other_children_are_flagged_as_not_modelled() -> None:
    result = estimate(au_case(other_children_a=1), jurisdiction="AU", as_of=AS_OF)
    assert any("relevant dependent child amount" in w for w in result.warnings)
    assert any("Relevant dependent children" in n for n in result.not_modelled)


# --- dates and what-ifs ---------------------------------------------------------------------------------------------


def test_as_of_switches_the_yearly_values() -> None:
    case = au_case()
    old = estimate(case, jurisdiction="AU", as_of=dt.date(2025, 12, 31))
    new = estimate(case, jurisdiction="AU", as_of=dt.date(2026, 1, 1))
    assert old.line("ssa_parent_a").amount == Decimal("29841")
    assert new.line("ssa_parent_a").amount == Decimal("31046")
    assert new.line("ssa_parent_a").reference.confidence == "secondary"
    assert "2025" in (old.line("cotc_group").value or "") and "2026" in (new.line("cotc_group").value or "")


def test_april_2026_change_is_flagged() -> None:
    before = estimate(au_case(), jurisdiction="AU", as_of=dt.date(2026, 4, 22))
    after = estimate(au_case(), jurisdiction="AU", as_of=dt.date(2026, 4, 23))
    assert not any("23 April 2026" in w for w in before.warnings)
    assert any("23 April 2026" in w for w in after.warnings)


@pytest.mark.parametrize("day", [dt.date(2024, 12, 31), dt.date(2027, 1, 1)])
def test_dates_outside_the_data_are_refused(day: dt.date) -> None:
    with pytest.raises(EstimateUnavailable):
        estimate(au_case(), jurisdiction="AU", as_of=day)


def test_override_marks_lines() -> None:
    example = EXAMPLES[0]
    result = estimate(case_from_inputs(example["inputs"]), jurisdiction="AU", as_of=example["as_of"],
                      overrides={"self_support_amount": "30000"})
    assert result.line("ssa_parent_a").overridden and result.line("csi_parent_a").overridden
    assert not result.line("care_0_parent_a").overridden
    assert result.line("csi_parent_a").amount == Decimal("50000")  # 80,000 - 30,000


# --- properties -----------------------------------------------------------------------------------------------------

incomes = st.integers(min_value=0, max_value=400_000).map(str)
nights = st.integers(min_value=0, max_value=365)
births = st.dates(dt.date(2007, 6, 1), dt.date(2025, 12, 31))
kid_lists = st.lists(births, min_size=1, max_size=4).map(
    lambda ds: tuple(Child(name=f"K{i}", date_of_birth=d) for i, d in enumerate(ds)))


@settings(max_examples=150, deadline=None)
@given(incomes, incomes, nights, kid_lists, st.booleans())
def test_never_negative_and_no_crash(a: str, b: str, n: int, kids: tuple[Child, ...], support: bool) -> None:
    result = estimate(au_case(a, b, n, kids, support), jurisdiction="AU", as_of=AS_OF)
    assert result.amount is not None and result.amount >= 0
    assert all(line.reference.text for line in result.lines)


@settings(max_examples=100, deadline=None)
@given(incomes, incomes, nights, kid_lists)
def test_swapping_parents_swaps_payer_and_payee(a: str, b: str, n: int, kids: tuple[Child, ...]) -> None:
    case = au_case(a, b, n, kids)
    result = estimate(case, jurisdiction="AU", as_of=AS_OF)
    swapped = estimate(case.swapped(), jurisdiction="AU", as_of=AS_OF)
    assert swapped.amount == result.amount
    if result.amount:
        assert (swapped.payer, swapped.payee) == (result.payee, result.payer)


@settings(max_examples=100, deadline=None)
@given(incomes, incomes, incomes, st.integers(min_value=0, max_value=127), kid_lists)
def test_monotone_in_paying_parent_income(x: str, y: str, b: str, n: int, kids: tuple[Child, ...]) -> None:
    """With less than shared care Alex can only pay; more income never means paying less."""
    low, high = sorted((int(x), int(y)))
    r_low = estimate(au_case(str(low), b, n, kids), jurisdiction="AU", as_of=AS_OF)
    r_high = estimate(au_case(str(high), b, n, kids), jurisdiction="AU", as_of=AS_OF)
    assert r_low.amount is not None and r_high.amount is not None
    assert r_high.amount >= r_low.amount
