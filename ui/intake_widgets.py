"""Helpers shared by the intake and child-support pages: rule-file facts for a jurisdiction, money captions, the
fortnight picture, error summaries, and clearing answers a change has made irrelevant.

The pure helpers (no streamlit calls) are kept apart from the few that draw, so tests can call them directly.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import streamlit as st

from casefile.models import (
    DAYS_PER_YEAR,
    SCHEDULE_FORTNIGHTS,
    Case,
    ParentRole,
    Schedule,
)
from casefile.money import Frequency, Period, annualize, format_money
from casefile.validation import FieldError
from jurisdictions.loader import LoadedRules, jurisdiction_codes, jurisdiction_name, resolve
from jurisdictions.rules import RuleFile

SCHEDULE_LABELS: dict[Schedule, str] = {
    Schedule.EVERY_OTHER_WEEKEND: "Every other weekend",
    Schedule.EOW_PLUS_WEEKNIGHT: "Every other weekend plus one weeknight",
    Schedule.TWO_TWO_THREE: "2-2-3 (alternating 2, 2 and 3 nights)",
    Schedule.WEEK_ON_WEEK_OFF: "Week on, week off",
    Schedule.CUSTOM: "Custom share of time",
}

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
COLOUR_A = "#1d70b8"  # GOV.UK blue
COLOUR_B = "#f47738"  # GOV.UK orange


# --- rule-file facts (pure) ----------------------------------------------------------------------------------------


def codes_with(current: str) -> list[str]:
    """Every selectable jurisdiction code, plus ``current`` if no shipped rule file serves it (so it still shows)."""
    codes = jurisdiction_codes()
    return codes if current in codes else [*codes, current]


def code_label(code: str) -> str:
    try:
        return f"{jurisdiction_name(code)} ({code})"
    except LookupError:
        return f"{code} (no rule file yet)"


def rules_for(code: str, extra: Mapping[str, LoadedRules] | None = None) -> RuleFile | None:
    try:
        return resolve(code, extra)[0].rules
    except LookupError:
        return None


def currency_for(code: str) -> str:
    """The currency of ``code``'s rule file ("" when there is none, so amounts show without a symbol)."""
    rules = rules_for(code)
    return rules.currency if rules else ""


def money(amount: Decimal | None, currency: str, *, whole: bool = False) -> str:
    return format_money(amount, currency, whole=whole).strip()


def benefit_options(rules: RuleFile | None) -> dict[str, str]:
    """Benefit codes the rule file lists (parameters whose unit is 'benefit code -> plain name'), code -> name.

    Every dated value is included, so a benefit that existed on any date covered stays selectable.
    """
    out: dict[str, str] = {}
    if rules is None:
        return out
    for param in rules.parameters.values():
        if not param.unit.strip().lower().startswith("benefit code"):
            continue
        for dated in param.values:
            if isinstance(dated.value, dict):
                out.update({str(k): str(v) for k, v in dated.value.items()})
    return out


def asks_about_income_support(rules: RuleFile | None) -> bool:
    """Whether the rule file's inputs ask if a parent received income support (Australia's FAR/MAR rules)."""
    return rules is not None and any("income_support" in k or "income support" in v.lower()
                                     for k, v in rules.inputs.items())


def inputs_about(rules: RuleFile | None, *words: str) -> list[str]:
    """The rule file's one-line explanations of the inputs whose names contain any of ``words``."""
    if rules is None:
        return []
    return [text for name, text in rules.inputs.items() if any(w in name for w in words)]


def drop_irrelevant(case: Case, new_code: str) -> tuple[dict[str, Any], list[str]]:
    """Changes that clear answers a switch of jurisdiction to ``new_code`` makes irrelevant, and what was cleared.

    Benefits the new rule file does not list would otherwise feed its estimate unseen; what-if overrides name the
    old rule file's parameters. Returns (fields for ``revise``, plain notices).
    """
    if new_code == case.jurisdiction:
        return {}, []
    rules = rules_for(new_code)
    offered = benefit_options(rules)
    changes: dict[str, Any] = {}
    notices: list[str] = []
    for role in ("parent_a", "parent_b"):
        parent = case.parent(role)  # type: ignore[arg-type]
        kept = tuple(b for b in parent.benefits if b in offered)
        dropped = [b for b in parent.benefits if b not in offered]
        update: dict[str, Any] = {}
        if dropped:
            update["benefits"] = kept
            notices.append(f"Benefits for {parent.display_name} that {code_label(new_code)} does not use were "
                           f"cleared: {', '.join(dropped)}.")
        if parent.receives_income_support and not asks_about_income_support(rules):
            update["receives_income_support"] = False
            notices.append(f"The income-support answer for {parent.display_name} was cleared: "
                           f"{code_label(new_code)} does not ask it.")
        if update:
            changes[role] = parent.model_copy(update=update)
    if case.estimate.overrides:
        changes["estimate"] = case.estimate.model_copy(update={"overrides": {}})
        notices.append("What-if changes to figures were cleared: they belonged to the previous jurisdiction's rules.")
    return changes, notices


# --- money entry (pure) -------------------------------------------------------------------------------------------


def conversion_caption(amount: Decimal | None, frequency: Frequency, hours: Decimal | None, currency: str) -> str:
    """'= £2,600 a month (£600 a week, £31,200 a year)' for an amount as typed; plain words when it cannot be shown."""
    if amount is None:
        return "Not known yet: the estimate will tell you if it needs this."
    if frequency is Frequency.HOURLY and hours is None:
        return "Enter the hours worked per week to see what this comes to."
    annual = annualize(amount, frequency, hours)
    month = annual / Period.MONTH.per_year
    week = annual / Period.WEEK.per_year
    return (f"= {money(month, currency)} a month ({money(week, currency)} a week, "
            f"{money(annual, currency)} a year)")


def decimal_text(value: Decimal | None) -> str:
    """An amount as a person would type it back ('41500', '14.20'); blank for unknown."""
    return "" if value is None else format(value, "f")


# --- parenting time (pure) ----------------------------------------------------------------------------------------


def fortnight_for(nights_b: int, schedule: Schedule | None = None, b_has_more: bool = False) -> tuple[bool, ...]:
    """A typical fortnight (True = a night with parent B): the schedule's own pattern, or for plain night counts
    the nearest whole number of nights out of 14, spread evenly."""
    if schedule is not None and schedule in SCHEDULE_FORTNIGHTS:
        pattern = SCHEDULE_FORTNIGHTS[schedule]
        return tuple(not n for n in pattern) if b_has_more else pattern
    count = int((Decimal(nights_b) * 14 / DAYS_PER_YEAR).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    return tuple((i + 1) * count // 14 > i * count // 14 for i in range(14))


def fortnight_html(pattern: tuple[bool, ...], name_a: str, name_b: str) -> str:
    """Two rows of seven nights, coloured and lettered by parent (letters too, so colour is not the only cue)."""
    def cell(with_b: bool) -> str:
        who = name_b if with_b else name_a
        colour = COLOUR_B if with_b else COLOUR_A
        return (f'<td title="{html.escape(who)}" style="background:{colour};color:#fff;text-align:center;'
                f'padding:6px 10px;border:2px solid #fff;font-weight:bold">{html.escape(who[:1].upper())}</td>')

    head = "".join(f'<th style="padding:2px 10px;font-weight:normal">{d}</th>' for d in DAY_NAMES)
    rows = "".join(
        f'<tr><th style="padding:2px 8px;font-weight:normal;text-align:left">Week {w + 1}</th>'
        + "".join(cell(b) for b in pattern[w * 7:(w + 1) * 7]) + "</tr>"
        for w in range(2)
    )
    legend = (f'<span style="color:{COLOUR_A}">■</span> {html.escape(name_a)} &nbsp; '
              f'<span style="color:{COLOUR_B}">■</span> {html.escape(name_b)}')
    return (f'<table style="border-collapse:collapse;margin:4px 0"><tr><th></th>{head}</tr>{rows}</table>'
            f'<div style="font-size:0.9em">{legend} — {sum(pattern)} of 14 nights with {html.escape(name_b)}</div>')


# --- errors (pure) ------------------------------------------------------------------------------------------------

FIXES: tuple[tuple[str, str], ...] = (
    ("must be 0 or more", "Enter 0 or more (leave it blank or tick “I don't know yet” if you are not sure)."),
    ("hourly rate needs the hours", "Enter the hours worked per week, or choose another “how often”."),
    ("must not be empty", "Type a name or initials."),
    ("add up to a year", "Change the nights so the two parents' nights add up to 365."),
    ("must be at most", "Make it shorter or smaller."),
    ("must be greater than 0", "Enter a number above 0."),
    ("must be a whole number", "Enter a whole number."),
)


def how_to_fix(message: str) -> str:
    """A short 'how to fix' for an error that does not already say it ('' when the message does)."""
    lowered = message.lower()
    if any(word in lowered for word in ("type ", "enter ", "check ", "choose ")):
        return ""
    return next((fix for needle, fix in FIXES if needle in lowered), "")


def errors_at(errors: Iterable[FieldError], *prefix: str | int) -> list[FieldError]:
    return [e for e in errors if e.loc[: len(prefix)] == prefix]


# --- drawing ------------------------------------------------------------------------------------------------------


def error_summary(errors: list[FieldError]) -> None:
    """GOV.UK-style: 'There is a problem' with each error and how to fix it. Nothing is saved until they are fixed."""
    if not errors:
        return
    lines = []
    for err in errors:
        fix = how_to_fix(err.message)
        lines.append(f"- {err.message}" + (f" — {fix}" if fix else ""))
    st.error("**There is a problem.** Your other answers are kept, but these changes are not saved until fixed:\n\n"
             + "\n".join(lines), icon=":material/error:")


def field_errors(errors: list[FieldError]) -> None:
    """Errors beside the field they belong to."""
    for err in errors:
        fix = how_to_fix(err.message)
        st.error(err.message + (f" {fix}" if fix else ""))


def date_bounds(kind: str) -> tuple[dt.date, dt.date]:
    """Sensible date ranges for date pickers (Streamlit's default is only ten years back)."""
    today = dt.date.today()
    if kind == "birth":
        return dt.date(1900, 1, 1), today
    return dt.date(1950, 1, 1), dt.date(today.year + 10, 12, 31)


def role_names(case: Case) -> dict[ParentRole, str]:
    return {"parent_a": case.name("parent_a"), "parent_b": case.name("parent_b")}
