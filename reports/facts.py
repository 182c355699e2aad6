"""What the consultation fact sheet says, as plain text: ``fact_sheet(case, results, today=..., include_safety=...)``.

The first page of the pack is what a lawyer reads before anything else: the parties, the children, the key dates, the
court and case number, both incomes and how each is known, the overnights, the estimate with its range and its one
most important caveat, and the flags a lawyer looks for first. Every answer the case does not have says
"not answered". The PDF lays this out (reports/pdf_factsheet.py); the spreadsheet's front sheet reuses the heading
facts. Nothing here computes support: it reads the Case and the CaseResults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from calculators.summary import CaseResults
from casefile.checklist import ItemStatus
from casefile.models import (
    NOT_ANSWERED,
    PARENT_ROLES,
    Case,
    IncomeEvidence,
    IncomeItem,
    ParentRole,
    Schedule,
    other_role,
)
from casefile.money import Period, format_money
from reports.citations import caveat_for_print

# A deadline this close (court date, or a document due) is flagged on the fact sheet.
SOON_DAYS = 28
# Documents without which a first consultation cannot get far: court papers, the evidence of income (tax returns,
# pay, business accounts) and the place's own forms. The other categories are listed in section 5.
KEY_CATEGORIES = ("court", "tax", "employment", "business", "forms")
SAFETY_LEFT_OUT = "Not included in this copy: ask in person"

SCHEDULE_WORDS: dict[Schedule, str] = {
    Schedule.EVERY_OTHER_WEEKEND: "every other weekend",
    Schedule.EOW_PLUS_WEEKNIGHT: "every other weekend plus one weeknight",
    Schedule.TWO_TWO_THREE: "2-2-3 rotation",
    Schedule.WEEK_ON_WEEK_OFF: "week on, week off",
    Schedule.CUSTOM: "set by hand",
}


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    attention: bool = False  # a flag a lawyer should see first (shown highlighted)
    strong: bool = False  # the headline figure (shown in bold)


@dataclass(frozen=True)
class IncomeFact:
    name: str
    monthly: str  # gross a month, formatted, or "not answered" / "not known yet"
    known: str  # how each item is known


@dataclass(frozen=True)
class FactSheet:
    prepared: str  # "Prepared by Sam on 2 December 2026"
    case: tuple[Fact, ...]
    children: tuple[Fact, ...]
    overnights: str
    incomes: tuple[IncomeFact, ...]
    estimate: tuple[Fact, ...]
    flags: tuple[Fact, ...]


def day(value: dt.date | None) -> str:
    """ "2 December 2026" (no leading zero), or "not answered"."""
    return f"{value:%d %B %Y}".lstrip("0") if value else NOT_ANSWERED


def or_not_answered(text: str) -> str:
    return text.strip() or NOT_ANSWERED


def place_name(case: Case) -> str:
    """Where the case is: "England and Wales (Great Britain)", "Ontario", "California" (the rule file's own name
    before its dash, or its region's name; the region of family law when answered)."""
    from jurisdictions.loader import UnknownJurisdiction, resolve
    from jurisdictions.yamlstrict import DataFileError

    try:
        loaded, region = resolve(case.jurisdiction)
    except (UnknownJurisdiction, DataFileError, LookupError, ValueError):
        name = case.jurisdiction
    else:
        name = loaded.rules.regions[region].name if region else loaded.rules.name.split(" — ")[0]
    region_name = case.separation.region
    return f"{region_name} ({name})" if region_name and region_name != name else name


def _children(case: Case, today: dt.date) -> tuple[Fact, ...]:
    if not case.children:
        return (Fact("Children", NOT_ANSWERED),)
    out = []
    for child in case.children:
        age = child.age_on(today)
        born = f"born {day(child.date_of_birth)}" if child.date_of_birth else f"date of birth {NOT_ANSWERED}"
        out.append(Fact(child.name, born + (f" (age {age})" if age is not None else "")))
    return tuple(out)


def _overnights(case: Case) -> str:
    pt = case.parenting_time
    a, b = case.name("parent_a"), case.name("parent_b")
    text = f"{a} {pt.overnights_with_a}, {b} {pt.overnights_with_b} nights a year"
    if pt.schedule is not None:
        text += f" ({SCHEDULE_WORDS[pt.schedule]})"
    own = [f"{c.name}: {c.overnights_with_a} with {a}" for c in case.children if c.overnights_with_a is not None]
    if own:
        text += "; differs for " + "; ".join(own)
    return text


def _known(items: Sequence[IncomeItem]) -> str:
    """How each income item is known: "Salary: the other parent told me; Overtime: my guess"."""
    def what(item: IncomeItem) -> str:
        return item.description or item.kind.label

    def how(item: IncomeItem) -> str:
        return item.known_from.label.split(" (")[0].lower() if item.known_from else NOT_ANSWERED

    if len({how(i) for i in items}) == 1:
        return how(items[0]).capitalize()
    return "; ".join(f"{what(i)}: {how(i)}" for i in items)


def _incomes(case: Case, currency: str) -> tuple[IncomeFact, ...]:
    out = []
    for role in PARENT_ROLES:
        parent = case.parent(role)
        if not parent.income:
            out.append(IncomeFact(parent.display_name, NOT_ANSWERED, NOT_ANSWERED))
            continue
        annual = parent.annual_income()
        monthly = (format_money(annual / Period.MONTH.per_year, currency)
                   if annual is not None else "not known yet (some amounts missing)")
        out.append(IncomeFact(parent.display_name, monthly, _known(parent.income)))
    return tuple(out)


def _undocumented(case: Case, role: ParentRole) -> str:
    """ "what Sam was told and a guess" when some of ``role``'s income is not from a document (else "")."""
    kinds = {i.known_from for i in case.parent(role).income if i.known_from and not i.known_from.from_a_document}
    words = []
    if IncomeEvidence.OTHER_PARENT_SAID in kinds:
        words.append(f"what {case.name(case.you)} was told" if role != case.you else "what the other parent said")
    if IncomeEvidence.MY_GUESS in kinds:
        words.append("a guess")
    return " and ".join(words)


def key_caveat(case: Case, results: CaseResults) -> str:
    """The one caveat a lawyer should read first, in this order: no amount yet; a what-if change in use; the law
    leaves a range or discretion; an income that rests on a guess or on what someone was told; the estimate's first
    warning; the first thing it does not take into account."""
    est = results.estimate
    if est is None:
        return results.reason("estimate") or "There is no estimate for this case yet."
    if est.missing:
        return "No amount yet: " + "; ".join(est.missing) + "."
    if est.overrides:
        return ("This figure uses a what-if change, not the published rule (" + "; ".join(est.overrides) + ").")
    if est.amount_range or est.discretionary:
        return "The guideline leaves the amount to the court's discretion on these figures."
    payer_first = [est.payer, *(r for r in PARENT_ROLES if r != est.payer)] if est.payer else list(PARENT_ROLES)
    for role in payer_first:
        if role is None:
            continue
        basis = _undocumented(case, role)
        if basis:
            return (f"{case.name(role)}'s income is {basis}, not a payslip or tax return: the estimate is only as good "
                    "as that figure.")
    warnings = [c.printed for c in map(caveat_for_print, est.warnings) if c.printed]
    if warnings:
        return warnings[0]
    not_modelled = [c.printed for c in map(caveat_for_print, est.not_modelled) if c.printed]
    if not_modelled:
        return "Not taken into account: " + not_modelled[0]
    return "An estimate from the published guideline and the figures entered, not what a court or agency will order."


def _estimate(case: Case, results: CaseResults) -> tuple[Fact, ...]:
    est = results.estimate
    caveat = Fact("Most important caveat", key_caveat(case, results), attention=True)
    if est is None:
        return (Fact("Estimate", "none yet"), caveat)
    money = est.currency
    if est.amount is None:
        headline = "no amount yet (figures missing)"
    elif not est.payer or est.payee is None:
        headline = "no child support payable on these figures"
    else:
        headline = f"{case.name(est.payer)} pays {case.name(est.payee)} about {format_money(est.amount, money)} " \
                   f"{est.period.label}"
        monthly = est.per(Period.MONTH)
        if est.period is not Period.MONTH and monthly is not None:
            headline += f" (about {format_money(monthly, money)} a month)"
    facts = [Fact("Child support (estimate)", headline, strong=True),
             Fact("Guideline", f"{est.jurisdiction_name}, rules in force on {day(est.as_of)}")]
    if est.amount_range:
        low, high = est.amount_range
        facts.append(Fact("Range", f"{format_money(low, money)} to {format_money(high, money)} {est.period.label} "
                                   "(the law leaves this range open)"))
    elif est.amount is not None:
        facts.append(Fact("Range", "none: the guideline gives one figure on these inputs"))
    return (*facts, caveat)


def _safety(case: Case, results: CaseResults, include: bool) -> Fact:
    if not include:
        return Fact("Safety concerns", SAFETY_LEFT_OUT)
    attorney: Any = results.attorney
    if attorney is not None and attorney.safety_concern:
        return Fact("Safety concerns", "Yes: the safety answers raise a concern (section 4)", attention=True)
    if not any(q.startswith("safety_") for q in case.questionnaire.answers):
        return Fact("Safety concerns", NOT_ANSWERED)
    return Fact("Safety concerns", "None reported in the safety questions")


def _deadlines(case: Case, results: CaseResults, today: dt.date) -> Fact:
    soon: list[tuple[dt.date, str]] = []
    court = case.separation.next_court_date
    if court is not None and today <= court <= today + dt.timedelta(days=SOON_DAYS):
        soon.append((court, "court date"))
    for item in results.checklist or ():
        due = item.state.due
        if item.outstanding and due is not None and today <= due <= today + dt.timedelta(days=SOON_DAYS):
            soon.append((due, f"{item.item.title} due"))
    if not soon:
        what = "none in the next 4 weeks" if court is not None or any(
            i.state.due for i in results.checklist or ()) else f"none entered (next court date {NOT_ANSWERED})"
        return Fact("Deadline soon", what)
    soon.sort()
    text = "; ".join(f"{what} {day(when)} (in {(when - today).days} days)" for when, what in soon)
    return Fact("Deadline soon", text[0].upper() + text[1:], attention=True)


def _missing_key_documents(results: CaseResults, include_private: bool) -> Fact:
    items = results.checklist
    if items is None:
        return Fact("Key documents missing", NOT_ANSWERED)
    key = [i for i in items if i.item.category.value in KEY_CATEGORIES and i.outstanding
           and (include_private or not i.item.private)]
    outstanding = sum(1 for i in items if i.outstanding and (include_private or not i.item.private))
    if not key:
        return Fact("Key documents missing", f"none ({outstanding} other documents still to gather)")
    names = "; ".join(i.item.title + (" (asked for)" if i.state.status is ItemStatus.REQUESTED else "") for i in key)
    return Fact("Key documents missing", f"{names} ({outstanding} documents still to gather in all)",
                attention=True)


def fact_sheet(case: Case, results: CaseResults, *, today: dt.date, include_safety: bool = False) -> FactSheet:
    sep = case.separation
    you, other = case.you, other_role(case.you)
    if not sep.married:
        married = "not married"
    else:
        married = f"married on {day(sep.date_of_marriage)}" if sep.date_of_marriage else f"married (date {NOT_ANSWERED})"
    facts = [
        Fact("Parties", f"{case.name(you)} (prepared this) and {case.name(other)} (the other parent)"),
        Fact("Place", place_name(case)),
        Fact("Court", or_not_answered(sep.court_name)),
        Fact("Case number", or_not_answered(sep.case_number)),
        Fact("Status", f"{sep.status.label}; {married}"),
        Fact("Date of separation", day(sep.date_of_separation)),
        Fact("Case filed", day(sep.filing_date)),
        Fact("Next court date", day(sep.next_court_date)),
    ]
    lawyer = {True: "Yes", False: "No", None: NOT_ANSWERED}[sep.other_party_has_lawyer]
    flags = (
        _safety(case, results, include_safety),
        Fact("Other side has a lawyer", lawyer, attention=sep.other_party_has_lawyer is True),
        _deadlines(case, results, today),
        _missing_key_documents(results, include_safety),
    )
    return FactSheet(
        prepared=f"Prepared by {case.name(you)} on {day(today)}",
        case=tuple(facts), children=_children(case, today), overnights=_overnights(case),
        incomes=_incomes(case, results.currency), estimate=_estimate(case, results), flags=flags,
    )
