"""Which documents this person should gather, and why: a pure function of the Case.

    items = select_items(case)        # [SelectedItem(item, reasons, state, ...)] in category order
    progress(case)                    # counts by category and overall
    missing(items)                    # only what is still needed or asked for

Each condition a checklist file may name is a small predicate here. A predicate returns the reason in plain words
("you own a home (you said so on the Documents page)") when it holds, or None. The facts come, in this order, from:
the person's own answer on the Documents page (casefile/checklist.py), then the other parts of the case (income
kinds, children, separation details, the Money part's assets and the questionnaire, read defensively because those
parts may still be plain dictionaries), else the fact is taken as not known and the item stays off the list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from casefile.checklist import ChecklistFacts, ItemState, ItemStatus
from casefile.models import Case, IncomeKind, Parent, SeparationStatus, other_role
from checklists.loader import (
    CATEGORY_ORDER,
    CHECKLIST_DIR,
    Category,
    ChecklistItem,
    LoadedChecklist,
    Source,
    load_checklist_dir,
)

Reason = str | None
Predicate = Callable[[Case], Reason]
SAID_HERE = "you said so on the Documents page"


# --- reading other parts of the case defensively ------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A pydantic model as plain data; anything else unchanged."""
    return value.model_dump(mode="python") if isinstance(value, BaseModel) else value


def _walk(value: Any, depth: int = 0) -> Iterable[tuple[str, Any]]:
    """Every (key, value) pair inside nested dicts and lists (bounded depth: case data is small)."""
    if depth > 6:
        return
    value = _plain(value)
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k), v
            yield from _walk(v, depth + 1)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk(v, depth + 1)


HOME_WORDS = ("home", "house", "real_estate", "realestate", "property", "residence", "flat", "apartment", "condo")
RETIREMENT_WORDS = ("retirement", "pension", "401k", "401(k)", "403b", "ira", "superannuation", "super", "rrsp", "sipp")
KIND_KEYS = ("kind", "category", "type", "asset_type")


def _asset_kinds(case: Case) -> list[str]:
    """The kind/category labels of entries in the Money part's assets (whatever shape it has), lower-cased."""
    kinds = []
    for key, value in _walk(case.assets_debts):
        if key in KIND_KEYS and isinstance(value, str):
            kinds.append(value.strip().lower())
    return kinds


def _has_asset(case: Case, words: tuple[str, ...]) -> bool:
    return any(kind == w or kind.startswith(w + "_") or kind.endswith("_" + w) for kind in _asset_kinds(case)
               for w in words)


def _answer(case: Case, question_id: str) -> bool | None:
    """A yes/no answer from the questionnaire ('Do I need a lawyer?'): True for "yes", False for "no", else None.

    Uses the questionnaire's own ``answer()`` (which drops safety answers unless the person opted in), or, for a
    questionnaire still stored as a plain dictionary, its ``answers`` mapping.
    """
    q = case.questionnaire
    answer = getattr(q, "answer", None)
    if callable(answer):
        value = answer(question_id)
    else:
        data = _plain(q)
        answers = data.get("answers") if isinstance(data, dict) else None
        value = answers.get(question_id) if isinstance(answers, dict) else None
    return {"yes": True, "no": False}.get(value) if isinstance(value, str) else None


SAFETY_QUESTIONS = ("safety_hurt", "safety_threats", "safety_control", "safety_afraid", "safety_order")


def _fact(case: Case, name: str) -> bool | None:
    value = getattr(case.checklist.facts, name)
    return value if isinstance(value, bool) else None


def _you(case: Case) -> Parent:
    return case.parent(case.you)


def _other(case: Case) -> Parent:
    return case.parent(other_role(case.you))


def _has_income(parent: Parent, *kinds: IncomeKind) -> bool:
    return any(item.kind in kinds for item in parent.income)


# --- the predicates (condition names used in checklist files) ------------------------------------------------------


def always(case: Case) -> Reason:
    return "most people are asked for this"


def has_children(case: Case) -> Reason:
    n = len(case.children)
    if n == 0:
        return None
    return "you have a child in this case" if n == 1 else f"you have {n} children in this case"


def married(case: Case) -> Reason:
    return "you are married (or in a civil partnership)" if case.separation.married else None


def has_wages(case: Case) -> Reason:
    """Pay slips: for wages, or (when no income is entered yet) in case there are wages."""
    you = _you(case)
    if _has_income(you, IncomeKind.WAGES):
        return "your income includes wages or salary"
    if not you.income:
        return "no income is entered yet, and most people have pay from work (mark it 'does not apply' if not)"
    return None


def self_employed(case: Case) -> Reason:
    said = _fact(case, "self_employed")
    if said is not None:
        return f"you are self-employed ({SAID_HERE})" if said else None
    if _has_income(_you(case), IncomeKind.SELF_EMPLOYMENT):
        return "your income includes self-employment"
    return None


def other_parent_self_employed(case: Case) -> Reason:
    if _has_income(_other(case), IncomeKind.SELF_EMPLOYMENT):
        return f"{_other(case).display_name}'s income includes self-employment"
    return None


def rental_or_investment_income(case: Case) -> Reason:
    if _has_income(_you(case), IncomeKind.RENTAL):
        return "your income includes rent"
    if _has_income(_you(case), IncomeKind.INVESTMENT):
        return "your income includes interest, dividends or royalties"
    return None


def receives_benefits(case: Case) -> Reason:
    you = _you(case)
    kinds = (IncomeKind.MEANS_TESTED, IncomeKind.SOCIAL_INSURANCE, IncomeKind.PENSION, IncomeKind.SPOUSAL_SUPPORT)
    if you.benefits or you.receives_income_support or _has_income(you, *kinds):
        return "you receive benefits, a pension or support payments"
    return None


def owns_home(case: Case) -> Reason:
    said = _fact(case, "owns_home")
    if said is not None:
        return f"you own a home ({SAID_HERE})" if said else None
    if _has_asset(case, HOME_WORDS):
        return "your list of assets includes a home or property"
    if _answer(case, "home") is True:
        return "you own a home (from your answers on 'Do I need a lawyer?')"
    return None


def not_home_owner(case: Case) -> Reason:
    """Renting (or not said): the opposite of ``owns_home``, worded for a tenancy item."""
    if owns_home(case) is not None:
        return None
    if _fact(case, "owns_home") is False:
        return f"you do not own your home ({SAID_HERE})"
    return "you have not said that you own your home"


def retirement_accounts(case: Case) -> Reason:
    said = _fact(case, "retirement_accounts")
    if said is not None:
        return f"you have a pension or retirement savings ({SAID_HERE})" if said else None
    if _has_asset(case, RETIREMENT_WORDS):
        return "your list of assets includes a pension or retirement account"
    if _answer(case, "pensions") is True:
        return "you have a pension or retirement savings (from your answers on 'Do I need a lawyer?')"
    return None


def existing_orders(case: Case) -> Reason:
    said = _fact(case, "existing_orders")
    if said is not None:
        return f"there are court orders or agreements already ({SAID_HERE})" if said else None
    if case.separation.status in (SeparationStatus.LEGAL_SEPARATION, SeparationStatus.DIVORCE_FINAL):
        return f"your situation is '{case.separation.status.label}', which usually comes with a court order"
    if _answer(case, "safety_order") is True:
        return "there is a protective order or one has been asked for (from your answers on 'Do I need a lawyer?')"
    return None


def court_case(case: Case) -> Reason:
    said = _fact(case, "court_case")
    if said is not None:
        return f"a court case has started or is planned ({SAID_HERE})" if said else None
    sep = case.separation
    if sep.next_court_date is not None:
        return f"you have a court date ({sep.next_court_date:%d %B %Y})"
    if sep.filing_date is not None or sep.status is SeparationStatus.DIVORCE_FILED:
        return "a case has been filed with the court"
    if _answer(case, "papers_served") is True:
        return "you have been given court papers (from your answers on 'Do I need a lawyer?')"
    return None


def safety_concern(case: Case) -> Reason:
    said = _fact(case, "safety_concern")
    if said is not None:
        return f"you told us safety is a concern ({SAID_HERE})" if said else None
    if any(_answer(case, q) is True for q in SAFETY_QUESTIONS):
        return "you told us safety is a concern (on 'Do I need a lawyer?')"
    return None


def pays_child_care(case: Case) -> Reason:
    if any(cost.kind.value == "child_care" for cost in case.child_costs):
        return "there are child-care costs in this case"
    return None


CONDITIONS: dict[str, Predicate] = {
    f.__name__: f
    for f in (always, has_children, married, has_wages, self_employed, other_parent_self_employed,
              rental_or_investment_income, receives_benefits, owns_home, not_home_owner, retirement_accounts, existing_orders,
              court_case, safety_concern, pays_child_care)
}

# The facts the Documents page asks directly (ChecklistFacts field -> question), in the order it asks them.
FACT_QUESTIONS: dict[str, str] = {
    "owns_home": "Do you (or you and the other person) own a home or other property?",
    "retirement_accounts": "Do either of you have a pension or retirement savings?",
    "self_employed": "Are you self-employed or do you run a business?",
    "existing_orders": "Are there court orders or signed agreements already (about children, money or protection)?",
    "court_case": "Has a court case started, or is one planned?",
    "safety_concern": "Do you have worries about your safety or your children's safety?",
}
assert set(FACT_QUESTIONS) == set(ChecklistFacts.model_fields)


# --- selection -----------------------------------------------------------------------------------------------------


@functools.cache
def shipped_checklists() -> tuple[LoadedChecklist, ...]:
    """The checklist files shipped in checklists/ (validated once per process)."""
    return load_checklist_dir(CHECKLIST_DIR, CONDITIONS)


class SelectedItem(BaseModel):
    """One item on this person's list: the definition, why it is there, and what they recorded about it."""

    model_config = ConfigDict(frozen=True)

    item: ChecklistItem
    reasons: tuple[str, ...]
    state: ItemState
    file: str
    sources: tuple[Source, ...] = ()

    @property
    def why(self) -> str:
        """"Because you own a home and ..." (a sentence)."""
        return "Because " + " and ".join(self.reasons) + "."

    @property
    def status(self) -> ItemStatus:
        return self.state.status

    @property
    def outstanding(self) -> bool:
        return self.state.status in (ItemStatus.NEEDED, ItemStatus.REQUESTED)


def _reasons(item: ChecklistItem, case: Case) -> tuple[str, ...] | None:
    """Why ``item`` is on this case's list (every ``when`` condition and the first ``when_any`` one that holds), or
    None when it is not."""
    reasons = []
    for name in item.when:
        reason = CONDITIONS[name](case)
        if reason is None:
            return None
        reasons.append(reason)
    if item.when_any:
        reason = next((r for name in item.when_any if (r := CONDITIONS[name](case)) is not None), None)
        if reason is None:
            return None
        reasons.append(reason)
    if len(reasons) > 1 and "most people are asked for this" in reasons:
        reasons.remove("most people are asked for this")
    return tuple(reasons)


def select_items(case: Case, checklists: Iterable[LoadedChecklist] | None = None) -> list[SelectedItem]:
    """The items whose conditions all hold for ``case``, for its jurisdiction, in category then file order."""
    chosen: list[SelectedItem] = []
    for lc in shipped_checklists() if checklists is None else checklists:
        cl = lc.checklist
        if not cl.applies_to(case.jurisdiction):
            continue
        for item in cl.items:
            reasons = _reasons(item, case)
            if reasons is None:
                continue
            chosen.append(SelectedItem(item=item, reasons=reasons, state=case.checklist.state(item.id), file=lc.file,
                                       sources=tuple(cl.sources[s] for s in item.sources)))
    order = {id(s): i for i, s in enumerate(chosen)}
    return sorted(chosen, key=lambda s: (CATEGORY_ORDER[s.item.category], order[id(s)]))


def missing(items: Iterable[SelectedItem]) -> list[SelectedItem]:
    """Only the items still needed or asked for (the "what is still missing" filter)."""
    return [s for s in items if s.outstanding]


class Tally(BaseModel):
    """Counts for a group of items. ``done`` counts "have it"; items that do not apply are left out of ``percent``."""

    model_config = ConfigDict(frozen=True)

    total: int = 0
    have: int = 0
    requested: int = 0
    needed: int = 0
    not_applicable: int = 0

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def percent(self) -> int:
        """Whole percent of applicable items you have (rounded down, so 100 means everything); 100 if none apply."""
        if self.applicable == 0:
            return 100
        return int(Decimal(100 * self.have) / Decimal(self.applicable))

    def add(self, status: ItemStatus) -> Tally:
        field = {ItemStatus.HAVE: "have", ItemStatus.REQUESTED: "requested", ItemStatus.NEEDED: "needed",
                 ItemStatus.NOT_APPLICABLE: "not_applicable"}[status]
        return self.model_copy(update={"total": self.total + 1, field: getattr(self, field) + 1})


class ChecklistProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    overall: Tally
    by_category: tuple[tuple[Category, Tally], ...]


def tally(items: Iterable[SelectedItem]) -> ChecklistProgress:
    overall = Tally()
    groups: dict[Category, Tally] = {}
    for s in items:
        overall = overall.add(s.status)
        groups[s.item.category] = groups.get(s.item.category, Tally()).add(s.status)
    ordered = tuple(sorted(groups.items(), key=lambda kv: CATEGORY_ORDER[kv[0]]))
    return ChecklistProgress(overall=overall, by_category=ordered)


def progress(case: Case) -> ChecklistProgress:
    """Progress by category and overall for ``case``'s list."""
    return tally(select_items(case))
