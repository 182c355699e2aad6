"""Maryland income shares: the pack's schedule figure and hand-worked Worksheet A / B examples (us_md_examples.yaml),
the between-rows option, dates, missing inputs, overrides and properties."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.child_support import EstimateUnavailable, estimate
from calculators.result import Estimate
from casefile.models import (
    Case,
    Child,
    ChildCost,
    ChildCostKind,
    Deduction,
    DeductionKind,
    IncomeItem,
    IncomeKind,
    OtherChild,
    Parent,
    ParentingTime,
)
from casefile.money import Frequency
from casefile.storage import load_case
from jurisdictions.loader import load_rule_file

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RULE_FILE = REPO / "jurisdictions" / "US-MD.yaml"
PACK_SCHEDULE = REPO.parent / "shared" / "reference" / "data" / "us-md-schedule.csv"
EXAMPLES = yaml.safe_load((HERE / "us_md_examples.yaml").read_text(encoding="utf-8"))
ALL = EXAMPLES["published"] + EXAMPLES["hand_worked"]
D = Decimal


def parent(name: str, income: Any, deductions: Sequence[dict[str, Any]] = (), other_children: int = 0) -> Parent:
    return Parent(
        display_name=name,
        income=() if income is None else (IncomeItem(amount=D(str(income)), frequency=Frequency.MONTHLY),),
        deductions=tuple(Deduction(kind=DeductionKind(d["kind"]), amount=D(str(d["amount"])),
                                   frequency=Frequency.MONTHLY) for d in deductions),
        other_children=tuple(OtherChild(label=f"Other {i}") for i in range(other_children)),
    )


def make_case(inputs: dict[str, Any]) -> Case:
    nights_a = inputs["nights_a"]
    return Case(
        jurisdiction="US-MD",
        parent_a=parent("Alex", inputs.get("income_a")),
        parent_b=parent("Blake", inputs.get("income_b"), inputs.get("deductions_b", []),
                        inputs.get("other_children_b", 0)),
        children=tuple(Child(name=f"Child {i + 1}") for i in range(inputs["children"])),
        parenting_time=ParentingTime(overnights_with_a=nights_a, overnights_with_b=365 - nights_a),
        child_costs=tuple(
            ChildCost(kind=ChildCostKind(c["kind"]), amount=D(str(c["amount"])),
                      frequency=Frequency(c.get("frequency", "monthly")), paid_by=c["paid_by"])
            for c in inputs.get("costs", [])
        ),
    )


def run(inputs: dict[str, Any], **kw: Any) -> Estimate:
    return estimate(make_case(inputs), as_of=inputs.get("as_of", dt.date(2026, 1, 1)), **kw)


def example(example_id: str) -> dict[str, Any]:
    return next(e for e in ALL if e["id"] == example_id)


@pytest.mark.parametrize("ex", ALL, ids=[e["id"] for e in ALL])
def test_example(ex: dict[str, Any]) -> None:
    result = run(ex["inputs"])
    expected = ex["expected"]
    assert not result.missing, result.missing
    assert result.amount == D(str(expected["amount"]))
    assert result.payer == expected["payer"]
    assert result.line("bcso").amount == D(str(expected["bcso"]))
    assert result.discretionary == expected.get("discretionary", False)
    assert ("self-support reserve" in result.line("bcso").note) == expected.get("shaded", False)
    assert all(line.reference.text for line in result.lines)


def test_worksheet_b_lines() -> None:
    # MD-H2: 1.5 x 1,748 = 2,622; B's theoretical 983.25 x 265/365 x 1.06 (hand: 756.6984).
    result = run(example("MD-H2-worksheet-b")["inputs"])
    assert result.line("adjusted_bcso").amount == D("2622")
    assert result.line("adjustment_parent_b").amount.quantize(D("0.0001")) == D("756.6984")
    assert result.line("theoretical_parent_a").amount.quantize(D("0.0001")) == D("448.9726")
    assert result.line("worksheet_a_cap").amount == D("655.5")


def test_multifamily_line() -> None:
    result = run(example("MD-H8-multifamily-and-deductions")["inputs"])
    assert result.line("multifamily_parent_b").amount == D("437.25")  # 0.75 x 583
    assert result.line("aai_parent_b").amount == D("2262.75")


def test_means_tested_income_is_not_counted() -> None:
    case = make_case(example("MD-S1")["inputs"])
    b = case.parent_b.model_copy(update={"income": (
        *case.parent_b.income, IncomeItem(kind=IncomeKind.MEANS_TESTED, amount=D(500), frequency=Frequency.MONTHLY))})
    result = estimate(case.with_parent("parent_b", b), as_of=dt.date(2026, 1, 1))
    assert result.amount == D("369.60")  # as MD-S1: TCA/SSI/SNAP-type help is excluded (§ 12-201(b))


def test_next_higher_option(tmp_path: Path) -> None:
    # The rule-file option "next_higher": combined 5,020 reads the 5,050 row (932); 932 x 2,000 / 5,020 = 371.3147.
    (tmp_path / "data").mkdir()
    shutil.copy(REPO / "jurisdictions" / "data" / "us-md-schedule.csv", tmp_path / "data" / "us-md-schedule.csv")
    text = RULE_FILE.read_text(encoding="utf-8").replace("value: interpolate}", "value: next_higher}")
    assert "next_higher}" in text
    (tmp_path / "US-MD.yaml").write_text(text, encoding="utf-8")
    loaded = load_rule_file(tmp_path / "US-MD.yaml")
    inputs = example("MD-H5-interpolation")["inputs"]
    result = estimate(make_case(inputs), as_of=dt.date(2026, 1, 1), extra_rules={"US-MD": loaded})
    assert result.line("bcso").amount == D("932")
    assert result.amount == D("371.31")


# --- dates ----------------------------------------------------------------------------------------------------------


def test_before_2022_schedule_is_a_clear_error() -> None:
    inputs = {**example("MD-S1")["inputs"], "as_of": dt.date(2022, 6, 30)}
    with pytest.raises(EstimateUnavailable, match="1 July 2022"):
        run(inputs)
    assert run({**inputs, "as_of": dt.date(2022, 7, 1)}).amount == D("369.60")


def test_shared_threshold_is_dated() -> None:
    param = load_rule_file(RULE_FILE, check_tables=False).rules.parameters["shared_custody_overnights"]
    assert param.in_force(dt.date(2020, 9, 30)).value == D(128)  # type: ignore[union-attr]
    assert param.in_force(dt.date(2020, 10, 1)).value == D(92)  # type: ignore[union-attr]


@pytest.mark.skipif(not PACK_SCHEDULE.is_file(), reason="the data pack is not available")
def test_schedule_is_the_pack_copy() -> None:
    ours = (REPO / "jurisdictions" / "data" / "us-md-schedule.csv").read_bytes()
    assert ours == PACK_SCHEDULE.read_bytes()


# --- missing inputs ---------------------------------------------------------------------------------------------


def test_unknown_income_and_cost_are_asked_for() -> None:
    case = make_case({**example("MD-S1")["inputs"], "income_b": None})
    result = estimate(case, as_of=dt.date(2026, 1, 1))
    assert result.amount is None and any("Blake" in m for m in result.missing)
    case = make_case(example("MD-S1")["inputs"])
    unknown = case.parent_b.model_copy(update={"income": (IncomeItem(amount=None, description="Bonus"),)})
    result = estimate(case.with_parent("parent_b", unknown), as_of=dt.date(2026, 1, 1))
    assert any("Bonus" in m for m in result.missing)
    cost = ChildCost(kind=ChildCostKind.CHILD_CARE, amount=None, paid_by="parent_a", description="Nursery")
    result = estimate(case.model_copy(update={"child_costs": (cost,)}), as_of=dt.date(2026, 1, 1))
    assert result.amount is None and any("Nursery" in m for m in result.missing)
    unknown_paid = case.parent_b.model_copy(update={"deductions": (Deduction(kind=DeductionKind.SPOUSAL_SUPPORT_PAID),)})
    result = estimate(case.with_parent("parent_b", unknown_paid), as_of=dt.date(2026, 1, 1))
    assert result.amount is None and any("alimony" in m for m in result.missing)
    result = estimate(case.model_copy(update={"children": ()}), as_of=dt.date(2026, 1, 1))
    assert any("children" in m for m in result.missing)


# --- overrides --------------------------------------------------------------------------------------------------


def test_override_multiplier_marks_line_and_cap_applies() -> None:
    # What-if multiplier 5 on MD-H2: 5 x 1,748 = 8,740; A 5,462.50 x 100/365 = 1,496.58; B 3,277.50 x 265/365 x 1.06
    # = 2,522.33; net 1,025.75 is more than the Worksheet A amount 0.375 x 1,748 = 655.50, so the cap gives 655.50.
    result = run(example("MD-H2-worksheet-b")["inputs"], overrides={"shared_multiplier": "5"})
    assert result.line("adjusted_bcso").overridden
    assert not result.line("bcso").overridden
    assert result.amount == D("655.50") and result.payer == "parent_b"


# --- properties -------------------------------------------------------------------------------------------------

money = st.integers(min_value=0, max_value=40_000)


@st.composite
def md_cases(draw: st.DrawFn) -> Case:
    costs = draw(st.lists(st.fixed_dictionaries({
        "kind": st.sampled_from(["child_care", "health_insurance", "uninsured_medical", "education"]),
        "amount": st.integers(0, 3000), "paid_by": st.sampled_from(["parent_a", "parent_b"])}), max_size=3))
    return make_case({
        "income_a": draw(money), "income_b": draw(money), "nights_a": draw(st.integers(0, 365)),
        "children": draw(st.integers(1, 7)), "costs": costs, "other_children_b": draw(st.integers(0, 2)),
        "deductions_b": [{"kind": "spousal_support_paid", "amount": draw(st.integers(0, 2000))}],
    })


PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(case=md_cases())
def test_never_negative_and_swap_swaps_payer(case: Case) -> None:
    result = estimate(case, as_of=dt.date(2026, 1, 1))
    if result.amount is None:
        assert result.missing or result.warnings
        return
    assert result.amount >= 0
    swapped = estimate(case.swapped(), as_of=dt.date(2026, 1, 1))
    assert swapped.amount == result.amount
    if result.amount > 0:
        assert (swapped.payer, swapped.payee) == (result.payee, result.payer)


@PROPS
@given(income_a=money, low=money, raise_by=st.integers(0, 20_000), children=st.integers(1, 7),
       nights_a=st.integers(274, 365))
def test_monotone_in_payer_income_worksheet_a(income_a: int, low: int, raise_by: int, children: int,
                                               nights_a: int) -> None:
    base = {"income_a": income_a, "nights_a": nights_a, "children": children}
    lower = run({**base, "income_b": low})
    higher = run({**base, "income_b": low + raise_by})
    if lower.amount is None:  # both incomes zero: no shares
        return
    assert higher.amount is not None and lower.amount <= higher.amount


def test_example_case_file_estimates() -> None:
    case = load_case(REPO / "data" / "examples" / "US-MD.case.json")
    result = estimate(case, as_of=dt.date(2026, 1, 1))
    assert result.complete and result.payer == "parent_b"
    # Jordan has 104 overnights (92 or more): Worksheet B, with the 103-105-night adjustment of +4%.
    assert result.line("adjusted_bcso").amount == result.line("bcso").amount * Decimal("1.5")
    assert "increased by 4%" in result.line("adjustment_parent_b").label
