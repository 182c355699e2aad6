"""Everything the consultation report shows, computed once: ``compute_results(case) -> CaseResults``.

Reports never recompute (docs: DESIGN.md, "reports never recompute"): the PDF reads a CaseResults. Each section is
either a value or None with a plain reason ("Enter Jordan's income to get an estimate", "not available yet"), so the
report can say honestly what is not filled in yet.

No streamlit, no reportlab here: pure functions over the Case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from calculators.result import Estimate
from casefile.models import Case, IncomeKind, ParentRole, other_role

if TYPE_CHECKING:
    from calculators.whatif import Curve

NOT_AVAILABLE = "not available yet"

# Sections of the report that come from calculators (field names of CaseResults).
SECTIONS = ("estimate", "whatif", "attorney", "checklist", "checklist_progress", "expenses", "budget", "net_worth",
            "separation")


@dataclass(frozen=True)
class CaseResults:
    """The report's inputs from the calculators. A field is None when unavailable; ``reasons`` says why."""

    as_of: dt.date
    currency: str
    estimate: Estimate | None = None
    whatif: Curve | None = None  # calculators.whatif: the estimate as the paying parent's pay changes
    threshold_notes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # parameter -> words
    attorney: Any = None  # calculators.attorney_need.AttorneyNeedResult
    checklist: tuple[Any, ...] | None = None  # checklists.select.SelectedItem, in order
    checklist_progress: Any = None  # checklists.select.progress(case)
    expenses: Any = None  # calculators.expenses.expense_summary(case)
    budget: Any = None  # calculators.expenses.budget_totals(case)
    net_worth: Any = None  # calculators.expenses.net_worth(case)
    separation: Any = None  # checklists.separation_types.separation_types_for(case.jurisdiction)
    questions: tuple[str, ...] = ()  # questions for the professional, generated from the case
    reasons: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def reason(self, section: str) -> str:
        """Why ``section`` is empty (plain words), or "" when it has a value."""
        if getattr(self, section) is not None:
            return ""
        return self.reasons.get(section, "not filled in yet")


# --- one function per section ------------------------------------------------------------------------------------


def _estimate(case: Case) -> Estimate:
    from calculators.child_support import estimate

    return estimate(case)


def _whatif(case: Case, est: Estimate) -> tuple[Curve, Mapping[str, str]]:
    """The estimate as the paying parent's pay changes, from 0 to a round figure above twice their pay now
    (calculators.whatif; the law's income thresholds inside that range are kept for the chart), and each
    threshold parameter's description from the rule file."""
    from calculators.child_support import rule_view
    from calculators.whatif import income_axis_period, income_curve, income_range, income_thresholds, wages

    view = rule_view(case)
    role: ParentRole = est.payer or other_role(case.you)
    period = income_axis_period(view)
    now = wages(case, role, period)
    if now is None:
        raise ValueError(f"{case.name(role)}'s pay is not complete, so there is no curve to draw")
    top = max(now * 2, Decimal(100))
    nearby = [t for t in income_thresholds(view, period) if t.x <= top]
    curve = income_curve(case, view, role, income_range(now, nearby, points=CURVE_POINTS), period)
    descriptions = {t.parameter: view.parameter(t.parameter).description for t in curve.thresholds}
    return curve, MappingProxyType(descriptions)


CURVE_POINTS = 41


def _attorney(case: Case) -> Any:
    from calculators.attorney_need import assess

    return assess(case)


def _checklist(case: Case) -> tuple[Any, ...]:
    from checklists.select import select_items

    return tuple(select_items(case))


def _checklist_progress(case: Case) -> Any:
    from checklists.select import progress

    return progress(case)


def _separation(case: Case) -> Any:
    from checklists.separation_types import separation_types_for

    guide = separation_types_for(case.jurisdiction)
    if guide is None:
        raise LookupError(f"There is no guide to the kinds of separation for {case.jurisdiction} yet.")
    return guide


def _expenses(case: Case) -> Any:
    from calculators.expenses import expense_summary

    return expense_summary(case)


def _budget(case: Case) -> Any:
    from calculators.expenses import budget_totals

    return budget_totals(case)


def _net_worth(case: Case) -> Any:
    from calculators.expenses import net_worth

    return net_worth(case)


def _attempt(fn: Callable[[], Any], reasons: dict[str, str], section: str) -> Any:
    """Run one section; on failure record a plain reason and return None (never a half-built report)."""
    from calculators.child_support import EstimateUnavailable
    from jurisdictions.yamlstrict import DataFileError

    try:
        return fn()
    except ImportError:
        reasons[section] = NOT_AVAILABLE
    except EstimateUnavailable as exc:
        reasons[section] = str(exc)
    except DataFileError:
        reasons[section] = "its data file could not be read, so this part is not available"
    except (ValueError, LookupError) as exc:
        reasons[section] = str(exc) or NOT_AVAILABLE
    return None


def _currency(case: Case, est: Estimate | None) -> str:
    if est is not None:
        return est.currency
    try:
        from jurisdictions.loader import resolve

        loaded, _region = resolve(case.jurisdiction)
        return loaded.rules.currency
    except (LookupError, ValueError):
        return ""


def compute_results(case: Case, *, today: dt.date | None = None) -> CaseResults:
    """Run every calculator the report needs, once. Sections that cannot be computed are None with a reason."""
    reasons: dict[str, str] = {}
    est = _attempt(lambda: _estimate(case), reasons, "estimate")
    if est is None or est.amount is None:
        reasons["whatif"] = "There is no estimate yet, so there is nothing to compare."
        curve, threshold_notes = None, MappingProxyType({})
    else:
        found = _attempt(lambda: _whatif(case, est), reasons, "whatif")
        curve, threshold_notes = found if found is not None else (None, MappingProxyType({}))
    parts = {
        "attorney": _attempt(lambda: _attorney(case), reasons, "attorney"),
        "checklist": _attempt(lambda: _checklist(case), reasons, "checklist"),
        "checklist_progress": _attempt(lambda: _checklist_progress(case), reasons, "checklist_progress"),
        "expenses": _attempt(lambda: _expenses(case), reasons, "expenses"),
        "budget": _attempt(lambda: _budget(case), reasons, "budget"),
        "net_worth": _attempt(lambda: _net_worth(case), reasons, "net_worth"),
        "separation": _attempt(lambda: _separation(case), reasons, "separation"),
    }
    day = today or dt.date.today()
    return CaseResults(
        as_of=est.as_of if est is not None else (case.estimate.as_of or day),
        currency=_currency(case, est),
        estimate=est,
        whatif=curve,
        threshold_notes=threshold_notes,
        questions=questions_for_professional(case, est),
        reasons=MappingProxyType(reasons),
        **parts,
    )


# --- questions for the professional --------------------------------------------------------------------------------


def questions_for_professional(case: Case, est: Estimate | None) -> tuple[str, ...]:
    """Questions worth asking, generated from what the case holds (the person's own questions are added by the
    report from case.notes). Each rule is one short function; the order is the order they print."""
    found: list[str] = []
    for rule in QUESTION_RULES:
        found.extend(rule(case, est))
    return tuple(dict.fromkeys(found))


def _q_shared_care(case: Case, est: Estimate | None) -> list[str]:
    if est is None or est.payer is None:
        return []
    nights = case.parenting_time.nights(est.payer)
    if nights == 0:
        return []
    name = case.name(est.payer)
    return [f"Does the shared-parenting adjustment apply at {nights} overnights a year with {name}, "
            "and what evidence of the nights is needed?"]


def _q_missing_inputs(case: Case, est: Estimate | None) -> list[str]:
    if est is None or not est.missing:
        return []
    return ["The estimate is missing some figures (" + "; ".join(est.missing) + "). How should they be worked out?"]


def _q_unknown_income(case: Case, est: Estimate | None) -> list[str]:
    out = []
    for role in ("parent_a", "parent_b"):
        if case.parent(role).unknown_income():
            out.append(f"Some of {case.name(role)}'s income is not known yet. How can it be found out or proved?")
    return out


def _q_self_employment(case: Case, est: Estimate | None) -> list[str]:
    out = []
    for role in ("parent_a", "parent_b"):
        if any(i.kind is IncomeKind.SELF_EMPLOYMENT for i in case.parent(role).income):
            out.append(f"How is {case.name(role)}'s self-employment income assessed, and which business expenses count?")
    return out


def _q_unearned_income(case: Case, est: Estimate | None) -> list[str]:
    out = []
    unearned = {IncomeKind.RENTAL: "rent received", IncomeKind.INVESTMENT: "interest or dividends"}
    for role in ("parent_a", "parent_b"):
        kinds = sorted({unearned[i.kind] for i in case.parent(role).income if i.kind in unearned})
        if kinds:
            out.append(f"Is {case.name(role)}'s {' and '.join(kinds)} counted for child support, "
                       "and if not, can it be added?")
    return out


def _q_discretion(case: Case, est: Estimate | None) -> list[str]:
    if est is None or not (est.discretionary or est.amount_range):
        return []
    return ["The guideline leaves the amount to the court's discretion on these figures. What is a likely range?"]


def _q_overrides(case: Case, est: Estimate | None) -> list[str]:
    if est is None or not est.overrides:
        return []
    return ["The estimate uses a what-if change (" + "; ".join(est.overrides) + "). Is that change realistic?"]


def _q_other_children(case: Case, est: Estimate | None) -> list[str]:
    out = []
    for role in ("parent_a", "parent_b"):
        if case.parent(role).other_children:
            out.append(f"How do {case.name(role)}'s other children affect the amount?")
    return out


def _q_child_costs(case: Case, est: Estimate | None) -> list[str]:
    kinds = sorted({c.kind.label.split(" (")[0].lower() for c in case.child_costs if c.amount})
    if not kinds:
        return []
    return [f"How are extra child costs ({', '.join(kinds)}) shared between us?"]


def _q_court_and_lawyer(case: Case, est: Estimate | None) -> list[str]:
    out = []
    sep = case.separation
    if sep.next_court_date:
        out.append(f"What do I need to have ready before the court date on {sep.next_court_date:%d %B %Y}?")
    if sep.other_party_has_lawyer:
        out.append("The other parent has a lawyer. What should I do before we discuss anything directly?")
    if sep.married and sep.date_of_separation:
        out.append("Are there time limits that run from the date of separation that I should know about?")
    return out


QUESTION_RULES: tuple[Callable[[Case, Estimate | None], list[str]], ...] = (
    _q_shared_care,
    _q_missing_inputs,
    _q_unknown_income,
    _q_self_employment,
    _q_unearned_income,
    _q_discretion,
    _q_overrides,
    _q_other_children,
    _q_child_costs,
    _q_court_and_lawyer,
)
