"""Your situation: the intake (where, who, separation details, children, parenting time, income and more).

How this page keeps what people type (see ui/state.py for the Case itself):
1. Every widget's value lives in session state under a ``sit_`` key, set before the widget is drawn (from the
   Case, or from this page's own copy of what was typed, which survives switching pages).
2. Each run first reads every answer and builds a new Case through casefile.validation. Only a valid Case is
   stored; otherwise the errors are shown at the top and beside their fields, and every typed value stays.
3. A change that makes other answers irrelevant clears them and says so (a child's own nights when the family
   pattern changes; benefits and what-ifs the newly chosen jurisdiction does not use).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

import streamlit as st

from casefile.models import (
    DAYS_PER_YEAR,
    Case,
    ChildCostKind,
    DeductionKind,
    IncomeEvidence,
    IncomeKind,
    ParentingTime,
    ParentRole,
    Schedule,
    SeparationStatus,
)
from casefile.money import Frequency, parse_money
from casefile.validation import CaseInvalid, FieldError, build_on
from ui import state
from ui.intake_widgets import (
    SCHEDULE_LABELS,
    asks_about_income_support,
    benefit_options,
    code_label,
    codes_with,
    conversion_caption,
    currency_for,
    date_bounds,
    decimal_text,
    drop_irrelevant,
    error_summary,
    errors_at,
    field_errors,
    fortnight_for,
    fortnight_html,
    inputs_about,
    money,
    rules_for,
)
from ui.widgets import require_case

NOT_EDITED_HERE = {"expenses", "budget", "assets_debts", "questionnaire", "checklist", "notes", "scenarios"}

P = "sit_"  # widget keys (values kept); buttons use "sitbtn_" (Streamlit does not let button values be set)
SHADOW = "sitx_shadow"  # this page's copy of what was typed, tied to the Case it was typed against
NOTICES = "sitx_notices"

FREQUENCY_WORDS: dict[str, str] = {
    "hourly": "Per hour",
    "weekly": "Each week",
    "fortnightly": "Every two weeks",
    "semimonthly": "Twice a month",
    "monthly": "Each month",
    "quarterly": "Each quarter",
    "yearly": "Each year",
}
PT_MODES = {"schedule": "Pick a common schedule", "nights": "Nights a year with each parent",
            "percent": "A share of the time (%)"}
LAWYER = {"yes": "Yes", "no": "No", "unknown": "I don't know"}
ROLES: tuple[ParentRole, ParentRole] = ("parent_a", "parent_b")


# Widget labels: module-level functions (Streamlit keeps format_func in session state, which must pickle).


def enum_label(kind: type, value: str) -> str:
    return kind(value).label


def schedule_label(value: str) -> str:
    return SCHEDULE_LABELS[Schedule(value)]


def benefit_label(offered: dict[str, str], code: str) -> str:
    return offered.get(code, f"{code} (not used by this jurisdiction)")


def evidence_label(value: str) -> str:
    return IncomeEvidence(value).label if value else "Not answered"


def region_label(value: str) -> str:
    return value or "Not answered"


# --- what the consultation fact sheet asks for (court, case number, region, how an income is known) ------------------


def regions_of(code: str) -> list[str]:
    """The parts of a jurisdiction whose family law differs (the separation guide's regions: GB has England and
    Wales, and Scotland); empty when there is only one."""
    from checklists.separation_types import separation_types_for
    from jurisdictions.yamlstrict import DataFileError

    try:
        guide = separation_types_for(code)
    except DataFileError:
        return []
    return [r.name for r in guide.regions] if guide is not None and len(guide.regions) > 1 else []


# --- keeping what was typed -----------------------------------------------------------------------------------------


def _shadow(case: Case) -> dict[str, Any]:
    """This page's memory of typed values, reset when the Case was changed elsewhere (opened, closed, other page)."""
    shadow = st.session_state.get(SHADOW)
    if shadow is None or shadow["case"] != case:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(P)]:
            del st.session_state[key]
        shadow = {"case": case, "values": {}, "rows": {}, "origin": {}, "next": {}}
        st.session_state[SHADOW] = shadow
    return shadow


def _sh() -> dict[str, Any]:
    return st.session_state[SHADOW]


def _init(key: str, default: Any) -> Any:
    """The value of widget ``key``: what was typed, else ``default`` (from the Case)."""
    if key not in st.session_state:
        st.session_state[key] = _sh()["values"].get(key, default)
    return st.session_state[key]


def _remember() -> None:
    values = _sh()["values"]
    for key in st.session_state:
        if isinstance(key, str) and key.startswith(P):
            values[key] = st.session_state[key]


def _rows(name: str, count: int) -> list[int]:
    """Stable ids for the rows of a list (income items, children ...); row i starts as the Case's item i."""
    sh = _sh()
    if name not in sh["rows"]:
        ids = list(range(count))
        sh["next"][name] = count
        sh["rows"][name] = ids
        sh["origin"].update({(name, rid): pos for pos, rid in enumerate(ids)})
    return sh["rows"][name]


def _origin(name: str, rid: int, items: tuple[Any, ...]) -> Any:
    pos = _sh()["origin"].get((name, rid))
    return items[pos] if pos is not None and pos < len(items) else None


def _add_row(name: str) -> None:
    sh = _sh()
    sh["rows"][name].append(sh["next"][name])  # ids are never reused, so a removed row's typing never returns
    sh["next"][name] += 1


def _remove_row(name: str, rid: int) -> None:
    sh = _sh()
    sh["rows"][name].remove(rid)
    prefix = f"{P}{name}_{rid}_"
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]
    for key in [k for k in sh["values"] if k.startswith(prefix)]:
        del sh["values"][key]


# --- reading the answers into Case data -----------------------------------------------------------------------------


class Collected:
    """Case data read from the widgets, plus problems found while reading (text that is not an amount)."""

    def __init__(self, case: Case):
        # only what this page edits: the rest (the expense log ...) is kept as it is by build_on, not re-validated
        self.data: dict[str, Any] = case.model_dump(mode="python", exclude=NOT_EDITED_HERE)
        self.errors: list[FieldError] = []
        self.notices: list[str] = []
        self.skipped: set[str] = set()  # rows left blank (widget key prefixes): not in the case yet
        self.positions: dict[str, int] = {}  # row key prefix -> its index in the case's list (for errors)


def _collect_general(case: Case, c: Collected) -> None:
    c.data["you"] = _init(f"{P}you", case.you)
    for role in ROLES:
        c.data[role]["display_name"] = _init(f"{P}{role}_name", case.name(role))
    code = _init(f"{P}jur", case.jurisdiction)
    c.data["jurisdiction"] = code
    changes, notices = drop_irrelevant(case, code)
    for field, value in changes.items():
        c.data[field] = value.model_dump(mode="python")
        if field in ROLES:  # keep the widgets in step with what was cleared
            st.session_state[f"{P}{field}_benefits"] = list(value.benefits)
            st.session_state[f"{P}{field}_incsupp"] = value.receives_income_support
    c.notices += notices


def _collect_separation(case: Case, c: Collected) -> None:
    sep = case.separation
    married = _init(f"{P}married", sep.married)
    lawyer = {True: "yes", False: "no", None: "unknown"}[sep.other_party_has_lawyer]
    c.data["separation"] = {
        "status": _init(f"{P}status", sep.status.value),
        "married": married,
        # the date of marriage is irrelevant when not married: cleared, not kept out of sight
        "date_of_marriage": _init(f"{P}dom", sep.date_of_marriage) if married else None,
        "date_of_separation": _init(f"{P}dos", sep.date_of_separation),
        "filing_date": _init(f"{P}filing", sep.filing_date),
        "next_court_date": _init(f"{P}court", sep.next_court_date),
        "other_party_has_lawyer": {"yes": True, "no": False, "unknown": None}[_init(f"{P}lawyer", lawyer)],
        "court_name": _init(f"{P}court_name", sep.court_name),
        "case_number": _init(f"{P}case_number", sep.case_number),
        "region": _collect_region(sep.region, c.data["jurisdiction"]),
    }


def _collect_region(stored: str, code: str) -> str:
    """The region answer, cleared when the jurisdiction chosen does not have it."""
    regions = regions_of(code)
    region = _init(f"{P}region", stored if stored in regions else "")
    if region not in regions:
        region = st.session_state[f"{P}region"] = ""
    return region


def _amount_rows(c: Collected, name: str, items: tuple[Any, ...], kinds: type, loc: tuple[str, ...],
                 owner: str) -> list[dict[str, Any]]:
    """Rows of amounts as typed (income, deductions, child costs). Blank rows are left out until an amount is
    typed or "I don't know yet" is ticked; text that is not an amount is an error at ``loc`` + (index, "amount")."""
    out: list[dict[str, Any]] = []
    for pos, rid in enumerate(_rows(name, len(items))):
        src = _origin(name, rid, items)
        base = f"{P}{name}_{rid}_"
        row = {
            "kind": _init(base + "kind", src.kind.value if src else next(iter(kinds)).value),
            "description": _init(base + "desc", src.description if src else ""),
            "frequency": _init(base + "freq", src.frequency.value if src else Frequency.MONTHLY.value),
        }
        unknown = _init(base + "unknown", bool(src) and src.amount is None)
        text = _init(base + "amt", decimal_text(src.amount) if src else "")
        hours = _init(base + "hours", float(src.hours_per_week) if src and src.hours_per_week else None)
        if hasattr(src, "paid_by") or "child_costs" in loc:
            row["paid_by"] = _init(base + "paid_by", src.paid_by if src else "parent_a")
        if loc[-1] == "income":  # how the amount is known ("" = not answered)
            known = src.known_from if src is not None else None
            row["known_from"] = _init(base + "known", known.value if known is not None else "") or None
        amount = None
        if not unknown:
            try:
                amount = parse_money(text)
            except ValueError as exc:
                c.errors.append(FieldError((*loc, len(out), "amount"), f"{owner} (item {pos + 1}): {exc}"))
            else:
                if amount is None:  # a blank row: not part of the case until an amount or "I don't know yet"
                    c.skipped.add(base)
                    continue
        c.positions[base] = len(out)
        row["amount"] = amount
        # hours only matter for an hourly rate; otherwise they are cleared
        hourly = row["frequency"] == Frequency.HOURLY.value
        row["hours_per_week"] = Decimal(str(hours)) if hourly and hours is not None else None
        out.append(row)
    return out


def _collect_amounts(case: Case, c: Collected, role: ParentRole, section: str, kinds: type) -> None:
    """Income items or deductions of one parent."""
    owner = ("Income" if section == "income" else "Deduction") + f" for {c.data[role]['display_name']}"
    items = getattr(case.parent(role), section)
    c.data[role][section] = _amount_rows(c, f"{role}_{section}", items, kinds, (role, section), owner)


def _collect_child_costs(case: Case, c: Collected) -> None:
    c.data["child_costs"] = _amount_rows(c, "cost", case.child_costs, ChildCostKind, ("child_costs",), "Child cost")


def _collect_parent_extras(case: Case, c: Collected, role: ParentRole) -> None:
    parent = case.parent(role)
    rules = rules_for(c.data["jurisdiction"])
    if benefit_options(rules):
        c.data[role]["benefits"] = list(_init(f"{P}{role}_benefits", list(parent.benefits)))
    if asks_about_income_support(rules):
        c.data[role]["receives_income_support"] = _init(f"{P}{role}_incsupp", parent.receives_income_support)
    name = f"{role}_oc"
    out = []
    for rid in _rows(name, len(parent.other_children)):
        src = _origin(name, rid, parent.other_children)
        base = f"{P}{name}_{rid}_"
        row = {
            "label": _init(base + "label", src.label if src else ""),
            "date_of_birth": _init(base + "dob", src.date_of_birth if src else None),
            "lives_with_parent": _init(base + "lives", src.lives_with_parent if src else True),
        }
        if src is None and not str(row["label"]).strip() and row["date_of_birth"] is None:
            c.skipped.add(base)  # a new blank row: not counted until something is typed
            continue
        c.positions[base] = len(out)
        out.append(row)
    c.data[role]["other_children"] = out


def _collect_children(case: Case, c: Collected) -> list[int]:
    ids = _rows("child", len(case.children))
    out = []
    kept = []
    for rid in ids:
        src = _origin("child", rid, case.children)
        base = f"{P}child_{rid}_"
        own = _init(base + "own", bool(src) and src.overnights_with_a is not None)
        nights = _init(base + "nights", src.overnights_with_a if src and src.overnights_with_a is not None
                       else case.parenting_time.overnights_with_a)
        name = _init(base + "name", src.name if src else "")
        dob = _init(base + "dob", src.date_of_birth if src else None)
        if not str(name).strip() and dob is None:  # a blank row: not part of the case until something is typed
            c.skipped.add(base)
            continue
        c.positions[base] = len(out)
        kept.append(rid)
        out.append({"name": name, "date_of_birth": dob,
                    "overnights_with_a": int(nights) if own and nights is not None else None})
    c.data["children"] = out
    return kept


def _pt_defaults(pt: ParentingTime) -> dict[str, Any]:
    schedule = pt.schedule
    mode = "nights" if schedule is None else ("percent" if schedule is Schedule.CUSTOM else "schedule")
    return {
        "mode": mode,
        "schedule": schedule.value if schedule and schedule is not Schedule.CUSTOM else Schedule.EVERY_OTHER_WEEKEND.value,
        "flip": pt.schedule_b_has_more,
        "nights_a": pt.overnights_with_a,
        "percent_b": round(pt.overnights_with_b * 100 / (pt.overnights_with_a + pt.overnights_with_b), 1),
    }


def _collect_parenting(case: Case, c: Collected, child_ids: list[int]) -> None:
    d = _pt_defaults(case.parenting_time)
    mode = _init(f"{P}pt_mode", d["mode"])
    schedule = _init(f"{P}pt_schedule", d["schedule"])
    flip = _init(f"{P}pt_flip", d["flip"])
    nights_a = _init(f"{P}pt_nights_a", d["nights_a"])
    percent_b = _init(f"{P}pt_percent_b", d["percent_b"])
    if mode == "schedule":
        pt = ParentingTime.from_schedule(Schedule(schedule), b_has_more=bool(flip))
    elif mode == "percent":
        pt = ParentingTime.from_percent_with_b(Decimal(str(percent_b if percent_b is not None else 0)))
    else:
        a = int(nights_a if nights_a is not None else DAYS_PER_YEAR)
        pt = ParentingTime(overnights_with_a=a, overnights_with_b=DAYS_PER_YEAR - a)
    c.data["parenting_time"] = pt.model_dump(mode="python")
    # the entry modes not in use follow the nights chosen, so switching mode starts from the same nights
    if mode != "nights":
        st.session_state[f"{P}pt_nights_a"] = pt.overnights_with_a
    if mode != "percent":
        st.session_state[f"{P}pt_percent_b"] = _pt_defaults(pt)["percent_b"]
    old = case.parenting_time
    if (pt.overnights_with_a, pt.overnights_with_b) != (old.overnights_with_a, old.overnights_with_b):
        for rid, child in zip(child_ids, c.data["children"], strict=True):
            if child["overnights_with_a"] is not None:  # the family pattern changed: a child's own nights are stale
                child["overnights_with_a"] = None
                st.session_state[f"{P}child_{rid}_own"] = False
                c.notices.append(f"{child['name'] or 'A child'}'s own nights were cleared because the family's "
                                 "nights changed. Tick “nights differ” again if they still do.")


def collect(case: Case) -> Collected:
    c = Collected(case)
    _collect_general(case, c)
    _collect_separation(case, c)
    child_ids = _collect_children(case, c)
    _collect_parenting(case, c, child_ids)
    for role in ROLES:
        _collect_amounts(case, c, role, "income", IncomeKind)
        _collect_amounts(case, c, role, "deductions", DeductionKind)
        _collect_parent_extras(case, c, role)
    _collect_child_costs(case, c)
    return c


def commit(case: Case, c: Collected) -> list[FieldError]:
    """Store the new Case if everything is valid; return every error (reading and validation)."""
    errors = list(c.errors)
    try:
        new = build_on(case, c.data)
    except CaseInvalid as exc:
        errors += exc.errors
    else:
        if not errors and new != case:
            state.set_case(new)
            _sh()["case"] = new
            if c.notices:
                st.session_state[NOTICES] = c.notices
            elif NOTICES in st.session_state:
                del st.session_state[NOTICES]
    c.errors = errors
    return errors


# --- drawing ----------------------------------------------------------------------------------------------------------


def _explain(rules: Any, *words: str) -> None:
    for text in inputs_about(rules, *words):
        st.caption(f":material/info: {text}")


def _row_errors(c: Collected, base: str, *where: str | int) -> list[FieldError]:
    """Errors for the row drawn with widget keys ``base`` (its index in the case may differ: blank rows skip)."""
    pos = c.positions.get(base)
    return [] if pos is None else errors_at(c.errors, *where, pos)


def _render_general(c: Collected) -> None:
    errors = c.errors
    st.subheader("Where and who")
    codes = codes_with(st.session_state[f"{P}jur"])
    st.selectbox("Where do you live? (the law of this place is used for the estimate)", codes,
                 format_func=code_label, key=f"{P}jur")
    rules = rules_for(st.session_state[f"{P}jur"])
    if rules is None:
        st.warning("There is no rule file for this jurisdiction yet, so no estimate can be made for it.")
    else:
        with st.expander(f"What {rules.name} asks for, in plain words"):
            st.markdown(rules.summary)
            st.markdown("\n".join(f"- **{name.replace('_', ' ').capitalize()}**: {text}"
                                  for name, text in rules.inputs.items()))
    c1, c2 = st.columns(2)
    c1.text_input("Your name or initials (shown only to you)", key=f"{P}parent_a_name", max_chars=80,
                  help="A first name or initials is enough. No surnames, addresses or ID numbers are needed.")
    c2.text_input("The other parent's name or initials", key=f"{P}parent_b_name", max_chars=80)
    field_errors(errors_at(errors, "parent_a", "display_name") + errors_at(errors, "parent_b", "display_name"))
    names = {r: st.session_state[f"{P}{r}_name"] or "?" for r in ROLES}
    st.radio("Which of these is you?", list(ROLES), format_func=names.__getitem__, key=f"{P}you", horizontal=True)
    st.caption("The case's name is on Start, with its saved versions.")


def _render_separation(c: Collected) -> None:
    errors = c.errors
    st.subheader("Your separation")
    low, high = date_bounds("event")
    with st.form("sit_separation_form", border=True):
        c1, c2 = st.columns(2)
        c1.selectbox("Where things are now", [s.value for s in SeparationStatus],
                     format_func=partial(enum_label, SeparationStatus), key=f"{P}status")
        c2.radio("Has the other parent got a lawyer?", list(LAWYER), format_func=LAWYER.__getitem__,
                 key=f"{P}lawyer", horizontal=True)
        st.checkbox("We are (or were) married or in a civil partnership", key=f"{P}married")
        c1, c2 = st.columns(2)
        c1.date_input("Date of marriage (if married)", key=f"{P}dom", min_value=low, max_value=high,
                      format="DD/MM/YYYY")
        c2.date_input("Date you separated", key=f"{P}dos", min_value=low, max_value=high, format="DD/MM/YYYY")
        c1.date_input("Date a case was (or will be) filed, if any", key=f"{P}filing", min_value=low,
                      max_value=high, format="DD/MM/YYYY")
        c2.date_input("Next court date, if any", key=f"{P}court", min_value=low, max_value=high,
                      format="DD/MM/YYYY")
        c1, c2 = st.columns(2)  # a row of their own, so on a phone the court comes just before its case number
        c1.text_input("Court dealing with the case, if any", key=f"{P}court_name", max_chars=200,
                      help="As the court's letters or papers name it. Leave it empty if nothing is filed.")
        c2.text_input("Case number, if any", key=f"{P}case_number", max_chars=80,
                      help="The number on the court's papers.")
        regions = regions_of(st.session_state[f"{P}jur"])
        if regions:
            st.columns(2)[0].selectbox("Which part of the country's family law applies to you?", ["", *regions],
                                       format_func=region_label, key=f"{P}region",
                                       help="Family law differs between these places, so the report shows only "
                                            "yours.")
        st.form_submit_button("Save these details", key="sitbtn_sep_save")
    field_errors(errors_at(errors, "separation"))


def _render_children(c: Collected) -> None:
    ids = _sh()["rows"]["child"]
    st.subheader("Children")
    st.caption("The children this case is about. A first name or initials is enough.")
    low, high = date_bounds("birth")
    for pos, rid in enumerate(ids):
        base = f"{P}child_{rid}_"
        c1, c2, c3 = st.columns([3, 3, 1], vertical_alignment="bottom")
        c1.text_input(f"Child {pos + 1}: first name or initials", key=base + "name", max_chars=80)
        c2.date_input("Date of birth", key=base + "dob", min_value=low, max_value=high, format="DD/MM/YYYY")
        c3.button("Remove", key=f"sitbtn_child_{rid}_rm", on_click=_remove_row, args=("child", rid))
        field_errors([e for e in _row_errors(c, base, "children") if e.loc[2:3] != ("overnights_with_a",)])
        if base in c.skipped:
            st.caption("Type a name or initials to add this child.")
    st.button("Add a child", key="sitbtn_child_add", on_click=_add_row, args=("child",), icon=":material/add:")


def _render_parenting(c: Collected) -> None:
    errors = c.errors
    pt = ParentingTime.model_validate(c.data["parenting_time"])
    ids = [rid for rid in _sh()["rows"]["child"] if f"{P}child_{rid}_" in c.positions]
    st.subheader("Parenting time")
    rules = rules_for(st.session_state[f"{P}jur"])
    _explain(rules, "overnight", "parenting")
    names = {r: st.session_state[f"{P}{r}_name"] or "?" for r in ROLES}
    st.radio("How would you like to say where the children sleep?", list(PT_MODES),
             format_func=PT_MODES.__getitem__, key=f"{P}pt_mode", horizontal=True)
    mode = st.session_state[f"{P}pt_mode"]
    if mode == "schedule":
        c1, c2 = st.columns([2, 2], vertical_alignment="bottom")
        c1.selectbox("Schedule", [s.value for s in Schedule if s is not Schedule.CUSTOM],
                     format_func=schedule_label, key=f"{P}pt_schedule")
        c2.checkbox(f"The children live mainly with {names['parent_b']} (swap the pattern)", key=f"{P}pt_flip")
    elif mode == "percent":
        st.number_input(f"Share of nights with {names['parent_b']} (%)", min_value=0.0, max_value=100.0, step=0.5,
                        key=f"{P}pt_percent_b")
    else:
        st.number_input(f"Nights a year with {names['parent_a']}", min_value=0, max_value=DAYS_PER_YEAR, step=1,
                        key=f"{P}pt_nights_a")
    field_errors(errors_at(errors, "parenting_time"))
    st.markdown(f"**{pt.overnights_with_a}** nights a year with {names['parent_a']}, "
                f"**{pt.overnights_with_b}** with {names['parent_b']}. A typical fortnight:")
    pattern = fortnight_for(pt.overnights_with_b, pt.schedule, pt.schedule_b_has_more)
    st.markdown(fortnight_html(pattern, names["parent_a"], names["parent_b"]), unsafe_allow_html=True)
    if ids:
        with st.expander("If a child's nights differ from this"):
            for pos, rid in enumerate(ids):
                base = f"{P}child_{rid}_"
                child = st.session_state.get(base + "name") or f"Child {pos + 1}"
                c1, c2 = st.columns([2, 2], vertical_alignment="bottom")
                c1.checkbox(f"{child}'s nights differ", key=base + "own")
                if st.session_state[base + "own"]:
                    c2.number_input(f"{child}: nights a year with {names['parent_a']}", min_value=0,
                                    max_value=DAYS_PER_YEAR, step=1, key=base + "nights")
                field_errors(errors_at(_row_errors(c, base, "children"), "children", c.positions[base],
                                       "overnights_with_a"))


def _render_amounts(name: str, kinds: type, currency: str, c: Collected, loc: tuple[str, ...],
                    add_label: str, names: dict[str, str] | None = None) -> None:
    """Rows of amount entry with a live conversion; ``names`` adds a "paid by" choice (child costs)."""
    for rid in _sh()["rows"][name]:
        base = f"{P}{name}_{rid}_"
        cols = st.columns([1.8, 2.0, 1.2, 1.8, 1.0, 1.9, 0.5], vertical_alignment="bottom")
        cols[0].text_input("What is it? (optional)", key=base + "desc", max_chars=200)
        cols[1].selectbox("Kind", [k.value for k in kinds], format_func=partial(enum_label, kinds),
                          key=base + "kind")
        unknown = st.session_state[base + "unknown"]
        cols[2].text_input("Amount", key=base + "amt", disabled=unknown, placeholder="e.g. 2,600")
        cols[3].selectbox("How often", list(FREQUENCY_WORDS), format_func=FREQUENCY_WORDS.__getitem__,
                          key=base + "freq")
        hourly = st.session_state[base + "freq"] == Frequency.HOURLY.value
        if hourly:
            cols[4].number_input("Hours a week", min_value=0.0, max_value=168.0, step=0.5, key=base + "hours")
        cols[5].checkbox("I don't know yet", key=base + "unknown")
        cols[6].button("", icon=":material/delete:", key=f"sitbtn_{name}_{rid}_rm", on_click=_remove_row,
                       args=(name, rid), help="Remove this item")
        if names is not None:
            st.radio("Paid by", list(names), format_func=names.__getitem__, key=base + "paid_by", horizontal=True)
        if loc[-1] == "income":
            st.columns([2, 3])[0].selectbox("How do you know this amount?", ["", *(e.value for e in IncomeEvidence)],
                                            format_func=evidence_label, key=base + "known",
                                            help="A lawyer will want to know what each figure rests on.")
        mine = _row_errors(c, base, *loc)
        if mine:
            field_errors(mine)
        else:
            st.caption(_row_caption(base, currency))
    st.button(add_label, key=f"sitbtn_{name}_add", on_click=_add_row, args=(name,), icon=":material/add:")


def _row_caption(base: str, currency: str) -> str:
    if st.session_state[base + "unknown"]:
        return conversion_caption(None, Frequency.MONTHLY, None, currency)
    try:
        amount = parse_money(st.session_state[base + "amt"])
    except ValueError:
        return ""
    freq = Frequency(st.session_state[base + "freq"])
    hours = st.session_state.get(base + "hours")
    if amount is None:
        return "Left blank: not included until you type an amount or tick “I don't know yet”."
    return conversion_caption(amount, freq, Decimal(str(hours)) if hours is not None else None, currency)


def _render_parent(case: Case, role: ParentRole, c: Collected) -> None:
    errors = c.errors
    code = st.session_state[f"{P}jur"]
    rules = rules_for(code)
    currency = currency_for(code)
    who = st.session_state[f"{P}{role}_name"] or "this parent"
    st.markdown(f"#### Income for {who}")
    st.caption("Enter each kind of income the way you know it: an hourly rate, a weekly wage, a yearly salary. "
               "If you do not know an amount (for example the other parent's), tick “I don't know yet”: it is "
               "never counted as zero.")
    _explain(rules, "income", "resources")
    _render_amounts(f"{role}_income", IncomeKind, currency, c, (role, "income"), "Add income")
    total = case.parent(role).annual_income() if not errors else None
    if total is not None:
        st.markdown(f"Total income entered: **{money(total / 12, currency)} a month** "
                    f"({money(total, currency)} a year)")
    st.markdown(f"#### Deductions for {who}")
    st.caption("Tax, National Insurance or social security, pension contributions and similar amounts taken off.")
    _explain(rules, "deduction", "pension_contribution")
    _render_amounts(f"{role}_deductions", DeductionKind, currency, c, (role, "deductions"), "Add a deduction")
    offered = benefit_options(rules)
    if offered:
        st.markdown(f"#### Benefits {who} gets")
        _explain(rules, "benefit")
        current = st.session_state[f"{P}{role}_benefits"]
        options = list(offered) + [b for b in current if b not in offered]
        st.multiselect("Benefits (choose any that apply)", options, key=f"{P}{role}_benefits",
                       format_func=partial(benefit_label, offered))
    if asks_about_income_support(rules):
        st.checkbox(f"{who} received income support in the last relevant year", key=f"{P}{role}_incsupp")
    st.markdown(f"#### Other children {who} supports")
    _explain(rules, "other_children")
    low, high = date_bounds("birth")
    name = f"{role}_oc"
    for pos, rid in enumerate(_sh()["rows"][name]):
        base = f"{P}{name}_{rid}_"
        c1, c2, c3, c4 = st.columns([3, 3, 2, 1], vertical_alignment="bottom")
        c1.text_input(f"Other child {pos + 1}: name or initials", key=base + "label", max_chars=200)
        c2.date_input("Date of birth (if known)", key=base + "dob", min_value=low, max_value=high,
                      format="DD/MM/YYYY")
        c3.checkbox(f"Lives with {who}", key=base + "lives")
        c4.button("Remove", key=f"sitbtn_{name}_{rid}_rm", on_click=_remove_row, args=(name, rid))
        field_errors(_row_errors(c, base, role, "other_children"))
    st.button("Add another child", key=f"sitbtn_{name}_add", on_click=_add_row, args=(name,), icon=":material/add:")


def _render_child_costs(c: Collected) -> None:
    st.subheader("Regular costs for the children")
    st.caption("Child care for work, the children's health insurance, medical, school or activity costs. Some "
               "guidelines share these between the parents; others leave them out (the estimate says which).")
    code = st.session_state[f"{P}jur"]
    _explain(rules_for(code), "cost", "child_care", "health")
    names = {r: st.session_state[f"{P}{r}_name"] or r for r in ROLES}
    _render_amounts("cost", ChildCostKind, currency_for(code), c, ("child_costs",), "Add a cost", names)


def render() -> None:
    st.title("Your situation")
    case = require_case()
    _shadow(case)
    collected = collect(case)
    errors = commit(case, collected)
    shown = state.current_case() or case
    st.markdown("Answer what you can; you can come back at any time. Everything stays on this computer. "
                "Changes are kept as you type.")
    error_summary(errors)
    for notice in st.session_state.get(NOTICES, []):
        st.info(notice, icon=":material/refresh:")
    _render_general(collected)
    _render_separation(collected)
    _render_children(collected)
    _render_parenting(collected)
    st.subheader("Income, deductions and other children")
    tabs = st.tabs([st.session_state[f"{P}{r}_name"] or r for r in ROLES])
    for tab, role in zip(tabs, ROLES, strict=True):
        with tab:
            _render_parent(shown, role, collected)
    _render_child_costs(collected)
    st.divider()
    if errors:
        st.warning("Fix the problems listed at the top to update your estimate.")
    st.page_link("ui/pages/child_support.py", label="See the child-support estimate", icon=":material/calculate:")
    _remember()

