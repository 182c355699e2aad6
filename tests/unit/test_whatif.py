"""calculators/whatif.py: curves, thresholds from the rule file, scenarios and comparisons.

Most tests use the fictional ZZ rule file (tests/fixtures/rules/ZZ.yaml) with a small engine defined in this module
(registered for the test only), so they do not depend on any shipped engine. Expected figures are worked by hand
below. The last tests run over every shipped example case and check the curve agrees with ``estimate()``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import whatif
from calculators.child_support import ENGINES, EstimateUnavailable, Worksheet, estimate, rule_view
from calculators.result import Estimate
from casefile.models import (
    Case,
    Child,
    IncomeItem,
    IncomeKind,
    Parent,
    ParentingTime,
    ParentRole,
    other_role,
)
from casefile.money import Frequency, Period, round_money
from casefile.storage import load_case
from jurisdictions.loader import LoadedRules, RuleView, load_rule_file, parse_rule_text, rules_on

REPO = Path(__file__).resolve().parents[2]
ZZ_FILE = REPO / "tests" / "fixtures" / "rules" / "ZZ.yaml"
EXAMPLES = [*sorted((REPO / "data" / "examples").glob("*.case.json")), REPO / "data" / "demo-case.json"]


# --- a tiny engine for the fictional ZZ law: 12% of the payer's weekly wages up to the cap --------------------------


def compute(case: Case, view: RuleView) -> Estimate:
    """Test engine (model test_model): the parent with fewer nights pays rates["1"] x min(weekly income, cap)."""
    ws = Worksheet(case, view)
    pt = case.parenting_time
    if pt.overnights_with_a == pt.overnights_with_b:
        return ws.result(Decimal(0), None, None)
    payer: ParentRole = "parent_a" if pt.overnights_with_a < pt.overnights_with_b else "parent_b"
    annual = case.parent(payer).annual_income()
    if annual is None:
        ws.need(f"Enter {case.name(payer)}'s income")
        return ws.result(None, payer, other_role(payer))
    capped = min(annual / 52, view.decimal("cap"))
    amount = round_money(capped * view.decimal("rates", "1"))
    ws.line("amount", "Amount", "cap", amount=amount, uses=("rates",), kind="result")
    return ws.result(amount, payer, other_role(payer))


@pytest.fixture
def zz(monkeypatch: pytest.MonkeyPatch) -> dict[str, LoadedRules]:
    monkeypatch.setitem(ENGINES, "test_model", __name__)
    return {"ZZ": load_rule_file(ZZ_FILE)}


def zz_case(weekly_b: str | None = "500", nights_b: int = 100) -> Case:
    """Parent B ("Blake") earns ``weekly_b`` a week in wages and has ``nights_b`` nights; A ("Alex") earns nothing."""
    return Case(
        jurisdiction="ZZ",
        parent_a=Parent(display_name="Alex"),
        parent_b=Parent(display_name="Blake", income=(
            IncomeItem(kind=IncomeKind.WAGES, frequency=Frequency.WEEKLY,
                       amount=None if weekly_b is None else Decimal(weekly_b)),
            IncomeItem(kind=IncomeKind.RENTAL, frequency=Frequency.YEARLY, amount=Decimal("520")),
        )),
        children=(Child(name="C", date_of_birth=dt.date(2018, 1, 1), overnights_with_a=300),),
        parenting_time=ParentingTime(overnights_with_a=365 - nights_b, overnights_with_b=nights_b),
    )


def view_on(extra: dict[str, LoadedRules], day: dt.date, overrides: dict[str, str] | None = None) -> RuleView:
    return rule_view(zz_case(), as_of=day, overrides=overrides, extra_rules=extra)


# --- changing one input --------------------------------------------------------------------------------------------


def test_with_wages_replaces_only_the_wages() -> None:
    changed = whatif.with_wages(zz_case("500"), "parent_b", Decimal("300"), Period.WEEK)
    income = changed.parent_b.income
    assert [(i.kind, i.amount, i.frequency) for i in income] == [
        (IncomeKind.WAGES, Decimal("300"), Frequency.WEEKLY),
        (IncomeKind.RENTAL, Decimal("520"), Frequency.YEARLY),  # other income as entered
    ]
    assert changed.parent_a == zz_case().parent_a


def test_with_nights_sets_the_year_and_clears_childrens_own_nights() -> None:
    changed = whatif.with_nights(zz_case(), "parent_b", 120)
    assert (changed.parenting_time.overnights_with_a, changed.parenting_time.overnights_with_b) == (245, 120)
    assert changed.children[0].overnights_with_a is None


def test_wages_per_period() -> None:
    # 500 a week -> 500 x 52 = 26,000 a year -> 26,000 / 12 = 2,166.67 a month (exact division)
    assert whatif.wages(zz_case("500"), "parent_b", Period.WEEK) == Decimal("500")
    assert whatif.wages(zz_case("500"), "parent_b", Period.YEAR) == Decimal("26000")
    assert whatif.wages(zz_case(None), "parent_b", Period.WEEK) is None


# --- curves with the ZZ law ---------------------------------------------------------------------------------------


def test_income_curve_follows_the_law_by_hand(zz: dict[str, LoadedRules]) -> None:
    view = view_on(zz, dt.date(2025, 6, 1))  # cap 200.10 from 2025-01-01, rate for one child 0.12
    curve = whatif.income_curve(zz_case(), view, "parent_b", [Decimal(0), Decimal(100), Decimal(300)], Period.WEEK)
    # rent 520 a year = 10 a week is other income, kept: weekly income = wages + 10
    # 0:   (0 + 10) x 0.12 = 1.20
    # 100: (100 + 10) x 0.12 = 13.20
    # 300: min(310, 200.10) x 0.12 = 24.012 -> 24.01
    assert [p.amount for p in curve.points] == [Decimal("1.20"), Decimal("13.20"), Decimal("24.01")]
    assert all(p.payer == "parent_b" for p in curve.points)
    # today: wages 500 -> capped at 200.10 -> 24.01, at x = 500
    assert curve.current == whatif.CurvePoint(x=Decimal(500), amount=Decimal("24.01"), payer="parent_b")
    assert curve.current.paid_by("parent_a") == Decimal(0)


def test_curve_uses_the_as_of_date_and_overrides(zz: dict[str, LoadedRules]) -> None:
    before = view_on(zz, dt.date(2024, 6, 1))  # cap 100.50 until 2024-12-31
    point = whatif.income_curve(zz_case(), before, "parent_b", [Decimal(300)], Period.WEEK).points[0]
    assert point.amount == Decimal("12.06")  # 100.50 x 0.12 = 12.06
    overridden = view_on(zz, dt.date(2025, 6, 1), {"cap": "150"})
    point = whatif.income_curve(zz_case(), overridden, "parent_b", [Decimal(300)], Period.WEEK).points[0]
    assert point.amount == Decimal("18.00")  # 150 x 0.12 = 18.00


def test_overnights_curve_switches_payer(zz: dict[str, LoadedRules]) -> None:
    view = view_on(zz, dt.date(2025, 6, 1))
    case = zz_case("500", nights_b=100)
    curve = whatif.overnights_curve(case, view, "parent_b", [100, 182, 183, 300])
    # B has fewer nights up to 182 (A 183): B pays 24.01; from 183 A has fewer and pays 12% of nothing = 0.00
    assert [(p.x, p.payer, p.paid_by("parent_b")) for p in curve.points] == [
        (Decimal(100), "parent_b", Decimal("24.01")),
        (Decimal(182), "parent_b", Decimal("24.01")),
        (Decimal(183), None, Decimal(0)),
        (Decimal(300), None, Decimal(0)),
    ]
    assert curve.per_child_cleared  # the case's child had her own nights
    assert len(whatif.overnights_curve(case, view, "parent_b").points) == 366  # 0..365


def test_missing_income_gives_no_amount_not_zero(zz: dict[str, LoadedRules]) -> None:
    view = view_on(zz, dt.date(2025, 6, 1))
    curve = whatif.overnights_curve(zz_case(None), view, "parent_b", [100])
    assert curve.points[0].amount is None and curve.points[0].paid_by("parent_b") is None
    assert curve.current is not None and curve.current.amount is None


def test_curve_builds_no_rule_view_per_point(zz: dict[str, LoadedRules], monkeypatch: pytest.MonkeyPatch) -> None:
    view = view_on(zz, dt.date(2025, 6, 1))

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("rules_on called while drawing a curve")

    import calculators.child_support as child_support

    monkeypatch.setattr(child_support, "rules_on", fail)  # where rule_view builds views
    monkeypatch.setattr(Case, "model_validate", fail)  # the case is not re-validated per point either
    xs = whatif.income_range(Decimal(500), [], 1000)
    curve = whatif.income_curve(zz_case(), view, "parent_b", xs, Period.WEEK)
    assert len(curve.points) == 1000


def test_income_range() -> None:
    xs = whatif.income_range(Decimal("883.08"), [whatif.Threshold(Decimal(3000), "cap", "capped_amount")], 5)
    # top = max(3000, 2 x 883.08) x 1.2 = 3600, rounded up to a whole thousand = 4000; 5 points 0..4000
    assert xs == [Decimal("0.00"), Decimal("1000.00"), Decimal("2000.00"), Decimal("3000.00"), Decimal("4000.00")]
    assert whatif.income_range(None, [], 3)[-1] == Decimal("100.00")  # nothing known: the floor of 100


# --- thresholds come from the rule file --------------------------------------------------------------------------


def test_income_thresholds_from_zz(zz: dict[str, LoadedRules]) -> None:
    # ZZ's "Income cap" is GBP/week: 100.50 before 2025, 200.10 after; its "Bands" are not about income
    assert [(t.x, t.parameter) for t in whatif.income_thresholds(view_on(zz, dt.date(2024, 6, 1)), Period.WEEK)] == [
        (Decimal("100.50"), "cap")]
    after = whatif.income_thresholds(view_on(zz, dt.date(2025, 6, 1)), Period.WEEK)
    assert [(t.x, t.parameter) for t in after] == [(Decimal("200.10"), "cap")]
    # a weekly cap on a yearly axis: 200.10 x 52 = 10,405.20
    assert whatif.income_thresholds(view_on(zz, dt.date(2025, 6, 1)), Period.YEAR)[0].x == Decimal("10405.20")
    overridden = whatif.income_thresholds(view_on(zz, dt.date(2025, 6, 1), {"cap": "150"}), Period.WEEK)
    assert overridden[0].x == Decimal("150")
    assert whatif.income_axis_period(view_on(zz, dt.date(2025, 6, 1))) is Period.WEEK


NIGHTS_RULES = """
code: ZN
name: Nights test (fictional)
model: test_model
currency: USD
period: month
summary: A fictional file with care bands and a shared-time share.
effective: {from: 2020-01-01, date_basis: date of the calculation}
last_verified: 2026-11-23
confidence: official
references:
  act: {title: Test Act 2020, section: s 2}
parameters:
  care_bands:
    description: Care bands by nights a year
    unit: nights a year
    confidence: official
    references: [act]
    values:
      - from: 2020-01-01
        value:
          - {lower: 0, upper: 92, factor: 0}
          - {lower: 92, upper: null, factor: 1}
  shared_share:
    description: Shared parenting threshold
    unit: fraction of the year's overnights
    confidence: official
    references: [act]
    values:
      - {from: 2020-01-01, value: 0.40}
  income_floor:
    description: Monthly income below this is low income
    unit: USD/month
    confidence: official
    references: [act]
    values:
      - {from: 2020-01-01, value: 1000}
not_modelled: [Everything real.]
"""


def test_overnight_thresholds_from_a_rule_file() -> None:
    rules, located = parse_rule_text(NIGHTS_RULES, "ZN.yaml")
    loaded = LoadedRules(rules=rules, path=REPO / "ZN.yaml", lines=located.lines)
    view = rules_on("ZN", dt.date(2025, 1, 1), extra={"ZN": loaded})
    found = [t.x for t in whatif.overnight_thresholds(view)]
    # band edge 92; 40% of 365 = 146 with either parent, so also 365 - 146 = 219
    assert found == [Decimal(92), Decimal("146.00"), Decimal("219.00")]
    # income thresholds on a yearly axis: 1,000 a month x 12 = 12,000 a year
    assert [t.x for t in whatif.income_thresholds(view, Period.YEAR)] == [Decimal(12000)]
    assert whatif.income_axis_period(view) is Period.MONTH


# --- scenarios and comparisons --------------------------------------------------------------------------------------


def test_scenario_round_trip() -> None:
    case = zz_case("500")
    saved = whatif.scenario_of(case, "now")
    changed = whatif.with_wages(case, "parent_b", Decimal(800), Period.WEEK)
    restored = whatif.apply_scenario(changed, saved)
    assert restored.parent_b == case.parent_b and restored.parenting_time == case.parenting_time


def test_compare_scenarios_and_places(zz: dict[str, LoadedRules]) -> None:
    case = zz_case("500").model_copy(update={"estimate": zz_case().estimate.model_copy(
        update={"as_of": dt.date(2025, 6, 1)})})
    richer = whatif.scenario_of(whatif.with_wages(case, "parent_b", Decimal(100), Period.WEEK), "less work")
    case = case.model_copy(update={"scenarios": (richer,)})
    outcomes = whatif.compare_scenarios(case, extra_rules=zz)
    assert [o.label for o in outcomes] == ["As entered now", "less work"]
    # now: 24.01 (capped); less work: (100 + 10) x 0.12 = 13.20
    assert [o.estimate.amount for o in outcomes if o.estimate] == [Decimal("24.01"), Decimal("13.20")]
    places = whatif.compare_jurisdictions(case, ["XX-NOWHERE"])
    assert places[0].estimate is None and "No rule file" in places[0].problem


def test_rule_view_reports_plain_problems() -> None:
    with pytest.raises(EstimateUnavailable, match="No rule file"):
        rule_view(zz_case(), jurisdiction="XX")


# --- every shipped example: the curve agrees with estimate() -----------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_curve_agrees_with_estimate_for_examples(path: Path) -> None:
    case = load_case(path)
    try:
        view = rule_view(case)
        today = estimate(case)
    except EstimateUnavailable as exc:
        pytest.skip(f"no estimate for {path.name} yet: {exc}")
    role = today.payer or "parent_b"
    period = whatif.income_axis_period(view)
    curve = whatif.income_curve(case, view, role, [Decimal(0), Decimal(1000), Decimal(5000)], period)
    for point in curve.points:
        direct = estimate(whatif.with_wages(case, role, point.x, period))
        assert point.amount == (direct.amount if direct.complete else None)
        assert point.payer == direct.payer
    assert curve.current is not None
    assert curve.current.amount == (today.amount if today.complete else None)
    nights = whatif.overnights_curve(case, view, role, [case.parenting_time.nights(role)])
    if not any(c.overnights_with_a is not None for c in case.children):
        assert nights.points[0].amount == curve.current.amount


def test_amounts_only_mode_gives_the_same_amounts_as_the_full_worksheet() -> None:
    """Curves run the engines without building worksheet lines; the amount and direction must not change."""
    from pathlib import Path

    from calculators.child_support import amounts_only, estimate
    from casefile.storage import load_case

    for path in sorted((Path(__file__).resolve().parents[2] / "data" / "examples").glob("*.case.json")):
        case = load_case(path)
        full = estimate(case)
        with amounts_only():
            lean = estimate(case)
        assert (lean.amount, lean.payer, lean.missing) == (full.amount, full.payer, full.missing), path.name
        assert full.lines and not lean.lines
    assert estimate(load_case(path)).lines, "the mode ends with the block"


# --- curves reuse unchanged steps between points: never a different answer -----------------------------------------


def _variants(case: Case) -> list[tuple[str, Case]]:
    """The example, plus the shapes a reused step could get wrong: the other parent's income unknown (the curve
    must show no amount anywhere), and one child with their own overnights (care differs per child)."""
    out = [("as entered", case)]
    for role in ("parent_a", "parent_b"):
        parent = case.parent(role)
        if parent.income:
            unknown = tuple(i.model_copy(update={"amount": None}) for i in parent.income)
            out.append((f"{role} income unknown", case.model_copy(update={role: parent.model_copy(
                update={"income": unknown})})))
    if len(case.children) > 1:
        first = case.children[0].model_copy(update={"overnights_with_a": 300})
        out.append(("per-child nights", case.model_copy(update={"children": (first, *case.children[1:])})))
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_curve_point_equals_a_fresh_estimate(path: Path) -> None:
    """Each point of an income curve (either parent's pay) and of an overnights curve equals estimate() run afresh
    on the same changed case: same amount, same payer, and no amount where inputs are missing."""
    for label, case in _variants(load_case(path)):
        try:
            view = rule_view(case)
        except EstimateUnavailable:
            continue
        period = whatif.income_axis_period(view)
        incomes = [Decimal(x) for x in (0, 1, 150, 400, 999, 1500, 2600, 4000, 7500, 12000, 30000, 250000)]
        for role in ("parent_a", "parent_b"):
            curve = whatif.income_curve(case, view, role, incomes, period)
            for point in curve.points:
                direct = estimate(whatif.with_wages(case, role, point.x, period))
                assert (point.amount, point.payer) == (direct.amount if direct.complete else None, direct.payer), (
                    f"{path.name} {label}: {role} earning {point.x}")
        nights = [0, 1, 36, 51, 52, 53, 90, 127, 128, 138, 146, 150, 182, 183, 200, 235, 240, 300, 364, 365]
        curve = whatif.overnights_curve(case, view, "parent_b", nights)
        for point in curve.points:
            direct = estimate(whatif.with_nights(case, "parent_b", int(point.x)))
            assert (point.amount, point.payer) == (direct.amount if direct.complete else None, direct.payer), (
                f"{path.name} {label}: {point.x} nights")


def test_reuse_recomputes_when_an_input_changes_and_replays_what_the_step_recorded(zz: dict[str, LoadedRules]) -> None:
    from calculators.child_support import curve_points

    view = rules_on("ZZ", dt.date(2025, 6, 1), extra=zz)
    case, other = zz_case(), zz_case(Decimal(200))
    calls: list[str] = []

    def step(ws: Worksheet, tag: str) -> str:
        calls.append(tag)
        ws.warn(f"warned by {tag}")
        ws.need("an input")
        return tag

    def point(c: Case, tag: str) -> Worksheet:
        ws = Worksheet(c, view)
        assert ws.reuse("step", (c.parent_b,), lambda: step(ws, tag)) == (calls[-1] if calls else tag)
        return ws

    outside = Worksheet(case, view)  # outside a curve: always computed
    outside.reuse("step", (case.parent_b,), lambda: step(outside, "a"))
    outside.reuse("step", (case.parent_b,), lambda: step(outside, "b"))
    assert calls == ["a", "b"] and outside.recording
    calls.clear()
    with curve_points():
        first = point(case, "first")
        again = point(case, "again")  # same parent object: reused, its warning and missing input recorded again
        changed = point(other, "changed")  # another parent: computed
        assert not first.recording
    assert calls == ["first", "changed"]
    assert again.warnings == ["warned by first"] and again.missing == ["an input"]
    assert changed.warnings == ["warned by changed"]
