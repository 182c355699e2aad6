"""What-if curves, scenarios and cross-jurisdiction comparison for the child-support page (pure; no streamlit).

    view = rule_view(case)                                  # calculators.child_support: the law in force, built once
    curve = income_curve(case, view, "parent_b", xs)        # the estimate as parent B's pay changes
    curve = overnights_curve(case, view, "parent_b")        # ... as parent B's nights change (0 to 365)
    income_thresholds(view, Period.WEEK)                    # the rule file's income thresholds (caps, bands ...)

Every point runs the jurisdiction's own engine (the same ``compute(case, view)`` that ``estimate()`` calls), on a
copy of the case with one input changed: only that input is built anew, the rest of the (already validated) Case is
reused, and the RuleView is built once per curve. Thresholds come from the rule file's parameters as in force on the
as-of date (with any what-if override), never from figures written here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculators.child_support import EstimateUnavailable, curve_points, estimate, run
from calculators.result import Estimate
from casefile.models import (
    DAYS_PER_YEAR,
    Case,
    IncomeItem,
    IncomeKind,
    ParentingTime,
    ParentRole,
    Scenario,
)
from casefile.money import CENT, ZERO, Frequency, Period
from casefile.validation import revise
from jurisdictions.loader import LoadedRules, RulesNotInForce, RuleView

# The pay frequency that states an amount "per period" (an income of x a week is a weekly wage of x).
PERIOD_FREQUENCY: dict[Period, Frequency] = {
    Period.WEEK: Frequency.WEEKLY,
    Period.FORTNIGHT: Frequency.FORTNIGHTLY,
    Period.MONTH: Frequency.MONTHLY,
    Period.YEAR: Frequency.YEARLY,
}

_MONEY_UNIT = re.compile(r"^([A-Z]{3})/(week|fortnight|month|year)\b")  # "GBP/week", "USD/month (combined)"
# A money parameter marks a point on the income axis when it is about income (not an amount payable, like a flat rate).
_INCOME_WORDS = re.compile(r"\b(income|resources|earnings)\b", re.IGNORECASE)


# --- the law in force, built once ---------------------------------------------------------------------------------


# --- changing one input --------------------------------------------------------------------------------------------


def wages(case: Case, role: ParentRole, period: Period) -> Decimal | None:
    """``role``'s pay from employment (income items of kind wages) per ``period``; None if any is unknown."""
    annual = case.parent(role).annual_income(frozenset({IncomeKind.WAGES}))
    return None if annual is None else annual / period.per_year


def with_wages(case: Case, role: ParentRole, amount: Decimal, period: Period) -> Case:
    """``case`` with ``role``'s wages replaced by one item of ``amount`` per ``period``; other income unchanged.

    Only the new income item is validated: the rest of the Case is the caller's, already valid.
    """
    return wages_setter(case, role, period)(amount)


def wages_setter(case: Case, role: ParentRole, period: Period) -> Callable[[Decimal], Case]:
    """``with_wages`` for many amounts: what stays the same (the other income items) is found once."""
    parent = case.parent(role)
    kept = tuple(item for item in parent.income if item.kind is not IncomeKind.WAGES)
    frequency = PERIOD_FREQUENCY[period]

    def at(amount: Decimal) -> Case:
        item = IncomeItem(kind=IncomeKind.WAGES, amount=amount, frequency=frequency, description="what-if")
        return case.model_copy(update={role: parent.model_copy(update={"income": (item, *kept)})})

    return at


def with_nights(case: Case, role: ParentRole, nights: int) -> Case:
    """``case`` with ``nights`` overnights a year with ``role`` (the rest of 365 with the other parent).

    Children's own overnights are cleared so every child follows the changed family pattern.
    """
    other = DAYS_PER_YEAR - nights
    time = ParentingTime(
        overnights_with_a=nights if role == "parent_a" else other,
        overnights_with_b=other if role == "parent_a" else nights,
    )
    if all(c.overnights_with_a is None for c in case.children):  # keep the same objects: steps reading only the
        return case.model_copy(update={"parenting_time": time})  # children are reused between curve points
    children = tuple(
        c if c.overnights_with_a is None else c.model_copy(update={"overnights_with_a": None}) for c in case.children
    )
    return case.model_copy(update={"parenting_time": time, "children": children})


# --- curves --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CurvePoint:
    """The estimate at one value of the changed input. ``amount`` None: no amount (inputs missing)."""

    x: Decimal
    amount: Decimal | None
    payer: ParentRole | None

    def paid_by(self, role: ParentRole) -> Decimal | None:
        """What ``role`` pays at this point (0 when the other parent pays or nothing is payable)."""
        if self.amount is None:
            return None
        return self.amount if self.payer == role else ZERO


@dataclass(frozen=True)
class Threshold:
    """A figure from the rule file that marks a change in the law along a chart's axis."""

    x: Decimal
    label: str
    parameter: str


@dataclass(frozen=True)
class Curve:
    """How the estimate changes as one input changes, with the case as it is now and the law's thresholds."""

    role: ParentRole  # whose input changes
    axis: str  # "income" or "nights"
    axis_period: Period | None  # for income: the period the x values are per
    period: Period  # the period of the amounts
    currency: str
    points: tuple[CurvePoint, ...]
    current: CurvePoint | None  # the case as entered (None if its x is unknown)
    thresholds: tuple[Threshold, ...]
    per_child_cleared: bool = False  # some children had their own overnights; the curve uses the family pattern


def _point(case: Case, view: RuleView, x: Decimal) -> CurvePoint:
    """One point, run inside ``curve_points()`` (amounts only, unchanged steps reused from the previous point)."""
    try:
        result = run(case, view)
    except EstimateUnavailable:  # no value in force for this point (a gap in the law's data)
        return CurvePoint(x=x, amount=None, payer=None)
    amount = result.amount if result.complete else None
    return CurvePoint(x=x, amount=amount, payer=result.payer)


def income_axis_period(view: RuleView) -> Period:
    """The period the law states income thresholds in (the commonest money unit among its parameters), else the
    period of its amounts: weekly for GB, monthly net resources for US-TX, yearly income for Canada."""
    counts: dict[Period, int] = {}
    for param in view.rules.parameters.values():
        match = _MONEY_UNIT.match(param.unit.strip())
        if match and match.group(1) == view.rules.currency:
            unit_period = Period(match.group(2))
            counts[unit_period] = counts.get(unit_period, 0) + 1
    if not counts:
        return view.rules.period
    return max(counts, key=lambda p: counts[p])


def income_curve(case: Case, view: RuleView, role: ParentRole, xs: Iterable[Decimal],
                 axis_period: Period | None = None) -> Curve:
    """The estimate with ``role``'s wages at each of ``xs`` (per ``axis_period``), everything else as entered."""
    period = axis_period or income_axis_period(view)
    at = wages_setter(case, role, period)
    with curve_points():
        points = tuple(_point(at(x), view, x) for x in xs)
        now = wages(case, role, period)
        current = None if now is None else _point(case, view, now)
    return Curve(role=role, axis="income", axis_period=period, period=view.rules.period, currency=view.rules.currency,
                 points=points, current=current, thresholds=tuple(income_thresholds(view, period)))


def overnights_curve(case: Case, view: RuleView, role: ParentRole, nights: Iterable[int] | None = None) -> Curve:
    """The estimate with ``role`` having each number of ``nights`` a year (default 0 to 365), family pattern."""
    span = range(DAYS_PER_YEAR + 1) if nights is None else nights
    with curve_points():
        points = tuple(_point(with_nights(case, role, n), view, Decimal(n)) for n in span)
        current = _point(case, view, Decimal(case.parenting_time.nights(role)))
    return Curve(role=role, axis="nights", axis_period=None, period=view.rules.period, currency=view.rules.currency,
                 points=points, current=current, thresholds=tuple(overnight_thresholds(view)),
                 per_child_cleared=any(c.overnights_with_a is not None for c in case.children))


def income_range(current: Decimal | None, thresholds: Sequence[Threshold], points: int = 200) -> list[Decimal]:
    """Evenly spaced incomes from 0 to a round figure beyond today's income and the highest threshold."""
    top = max([Decimal(0), *(t.x for t in thresholds)])
    if current is not None:
        top = max(top, current * 2)
    top = max(top * Decimal("1.2"), Decimal(100))
    magnitude = Decimal(10) ** (len(str(int(top))) - 1)
    top = (top / magnitude).to_integral_value(rounding="ROUND_CEILING") * magnitude
    count = max(points, 2)
    return [(top * i / (count - 1)).quantize(CENT) for i in range(count)]


# --- thresholds from the rule file ---------------------------------------------------------------------------------


def _short(description: str) -> str:
    """The first clause of a parameter's description, for a chart label."""
    text = re.split(r"[:;(.]", description.strip(), maxsplit=1)[0].strip()
    return text if len(text) <= 80 else text[:80].rsplit(" ", 1)[0].rstrip(",") + " …"


def _in_force(view: RuleView, name: str) -> Any:
    try:
        return view.value(name)
    except RulesNotInForce:
        return None


def _band_lowers(value: Any) -> list[Decimal]:
    if isinstance(value, list) and value and all(isinstance(v, dict) and "lower" in v for v in value):
        return [v["lower"] for v in value if isinstance(v.get("lower"), Decimal) and v["lower"] > 0]
    return []


def income_thresholds(view: RuleView, axis_period: Period) -> list[Threshold]:
    """Income thresholds in the rule file (money parameters about income, unit such as GBP/week: single amounts and
    band edges), converted to ``axis_period``: caps, rate boundaries, low-income limits."""
    out: list[Threshold] = []
    for name, param in view.rules.parameters.items():
        match = _MONEY_UNIT.match(param.unit.strip())
        if not match or match.group(1) != view.rules.currency or not _INCOME_WORDS.search(param.description):
            continue
        factor = Decimal(Period(match.group(2)).per_year) / axis_period.per_year
        value = _in_force(view, name)
        label = _short(param.description)
        if isinstance(value, Decimal) and value > 0:
            out.append(Threshold(x=value * factor, label=label, parameter=name))
        for lower in _band_lowers(value):
            out.append(Threshold(x=lower * factor, label=f"{label} (band from {lower})", parameter=name))
    return sorted(out, key=lambda t: t.x)


def overnight_thresholds(view: RuleView) -> list[Threshold]:
    """Overnight thresholds in the rule file, as nights a year with the parent on the chart's axis.

    Parameters in nights a year (single values and band edges); percentages of care (Australia: 14%, 35% ... of
    365 nights); shares of the year's overnights (a 40% share is about 146 nights). A rule that applies to each
    parent ("each parent", or a share) is marked on both sides: 40% is 146 nights with either parent, so 219 too.
    """
    out: list[Threshold] = []
    for name, param in view.rules.parameters.items():
        unit = param.unit.strip().lower()
        if unit.startswith(("nights", "overnights")):
            scale = Decimal(1)
        elif unit.startswith("percent of care"):
            scale = Decimal(DAYS_PER_YEAR) / 100
        elif "share" in unit or "fraction of the year" in unit:
            scale = Decimal(DAYS_PER_YEAR)
        else:
            continue
        value = _in_force(view, name)
        label = _short(param.description)
        points = [value] if isinstance(value, Decimal) and value > 0 else []
        points += _band_lowers(value)
        both_sides = "each parent" in unit or scale == DAYS_PER_YEAR
        for point in points:
            nights = point * scale
            if not 0 < nights < DAYS_PER_YEAR:
                continue
            out.append(Threshold(x=nights, label=label, parameter=name))
            if both_sides:
                out.append(Threshold(x=DAYS_PER_YEAR - nights, label=f"{label} (the other parent)", parameter=name))
    return sorted(out, key=lambda t: t.x)


# --- scenarios and comparisons -------------------------------------------------------------------------------------


def scenario_of(case: Case, name: str) -> Scenario:
    """The case's current inputs saved as a named variant."""
    return Scenario(name=name, parent_a=case.parent_a, parent_b=case.parent_b,
                    parenting_time=case.parenting_time, jurisdiction=case.jurisdiction)


def apply_scenario(case: Case, scenario: Scenario) -> Case:
    """``case`` with a scenario's inputs in place (validated, so a scenario can never make an invalid case)."""
    return revise(case, parent_a=scenario.parent_a, parent_b=scenario.parent_b,
                  parenting_time=scenario.parenting_time, jurisdiction=scenario.jurisdiction or case.jurisdiction)


@dataclass(frozen=True)
class Outcome:
    """An estimate, or the plain reason there is none (for side-by-side tables)."""

    label: str
    estimate: Estimate | None
    problem: str = ""


def compare_scenarios(case: Case, as_of: dt.date | None = None,
                      extra_rules: Mapping[str, LoadedRules] | None = None) -> list[Outcome]:
    """The case as entered, then each saved scenario, each estimated under its own jurisdiction."""
    out = [_outcome("As entered now", case, case.jurisdiction, as_of, extra_rules)]
    for scenario in case.scenarios:
        same_law = (scenario.jurisdiction or case.jurisdiction) == case.jurisdiction
        out.append(_outcome(scenario.name, apply_scenario(case, scenario), None, as_of, extra_rules,
                            overrides=None if same_law else {}))
    return out


def compare_jurisdictions(case: Case, codes: Iterable[str], as_of: dt.date | None = None) -> list[Outcome]:
    """The same case under several jurisdictions' guidelines (a learning aid: the law that applies is not a
    choice). What-if overrides belong to one rule file, so none are applied here."""
    return [_outcome(code, case, code, as_of, None, overrides={}) for code in codes]


def _outcome(label: str, case: Case, code: str | None, as_of: dt.date | None,
             extra_rules: Mapping[str, LoadedRules] | None, overrides: Mapping[str, str] | None = None) -> Outcome:
    try:
        result = estimate(case, jurisdiction=code, as_of=as_of, overrides=overrides, extra_rules=extra_rules)
    except EstimateUnavailable as exc:
        return Outcome(label=label, estimate=None, problem=str(exc))
    return Outcome(label=label, estimate=result)
