"""Documents: the checklist for this case (why each item is there, its status) and the kinds of separation.

Widgets hold what is being typed; each change builds a new validated Case through casefile.validation.revise and
stores it with state.set_case, so a status survives page switches and is saved with the case. Selection and
progress come from checklists.select (pages never decide what is on the list themselves).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from casefile.checklist import Checklist, ChecklistFacts, ItemState, ItemStatus
from casefile.models import Case
from casefile.validation import CaseInvalid, revise
from checklists.loader import Category
from checklists.select import FACT_QUESTIONS, SelectedItem, Tally, missing, select_items, tally
from checklists.separation_types import NOT_VERIFIED, SeparationGuide, separation_types_for
from jurisdictions.yamlstrict import DataFileError
from ui import state
from ui.widgets import require_case

KEY = "documents_"
STATUSES = list(ItemStatus)
FACT_CHOICES = ("Not answered", "Yes", "No")
ERROR_KEY = KEY + "error"
OPEN_GROUPS = KEY + "open_groups"


def _status_label(status: ItemStatus) -> str:
    return status.label


# --- committing changes ------------------------------------------------------------------------------------------


def _commit(checklist: Checklist) -> None:
    case = state.current_case()
    if case is None:
        return
    try:
        state.set_case(revise(case, checklist=checklist))
        st.session_state.pop(ERROR_KEY, None)
    except CaseInvalid as exc:
        st.session_state[ERROR_KEY] = [e.message for e in exc.errors]


def _on_item_change(item_id: str) -> None:
    case = state.current_case()
    if case is None:
        return
    old = case.checklist.state(item_id)
    status = st.session_state.get(f"{KEY}status_{item_id}", old.status)
    note = st.session_state.get(f"{KEY}note_{item_id}", old.note)
    due = st.session_state.get(f"{KEY}due_{item_id}", old.due)
    try:
        new = ItemState(status=ItemStatus(status), note=note or "", due=due)
    except ValueError as exc:
        st.session_state[ERROR_KEY] = [f"{item_id}: {exc}"]
        return
    _commit(case.checklist.with_state(item_id, new))


def _on_fact_change(name: str) -> None:
    case = state.current_case()
    if case is None:
        return
    choice = st.session_state.get(f"{KEY}fact_{name}", FACT_CHOICES[0])
    value = {"Yes": True, "No": False}.get(choice)
    facts = case.checklist.facts.model_copy(update={name: value})
    _commit(case.checklist.with_facts(ChecklistFacts.model_validate(facts.model_dump())))


# --- panels --------------------------------------------------------------------------------------------------------


def _facts_panel(case: Case) -> None:
    with st.expander("A few questions that shape this list", expanded=False, icon=":material/tune:"):
        st.markdown("Your answers here are used only for this checklist. Leave any as 'Not answered'.")
        for name, question in FACT_QUESTIONS.items():
            value = getattr(case.checklist.facts, name)
            index = 0 if value is None else (1 if value else 2)
            st.radio(question, FACT_CHOICES, index=index, horizontal=True, key=f"{KEY}fact_{name}",
                     on_change=_on_fact_change, args=(name,))


def _progress_panel(items: list[SelectedItem]) -> None:
    """One sentence and a bar (four large figures stacked 350 pixels high on a phone)."""
    o = tally(items).overall
    st.markdown(f"You have **{o.have} of {o.applicable}** documents that apply to you. "
                f"Asked for: {o.requested}. Still needed: {o.needed}. Do not apply: {o.not_applicable}.")
    st.progress(o.percent / 100, text=f"{o.percent}% of the documents that apply to you")


def _sources_text(s: SelectedItem) -> str:
    return "  \n".join(f"[{src.title}]({src.url}) ({src.confidence})" for src in s.sources)


def _item_row(s: SelectedItem) -> None:
    item = s.item
    with st.container(border=True):
        left, right = st.columns([3, 2])
        with left:
            title = f"**{item.title}**" + (f" &nbsp;`{item.form}`" if item.form else "")
            st.markdown(title)
            st.markdown(f"{s.why} Look-back: {item.look_back}.")
            if item.private:
                st.markdown(":material/lock: Keep these somewhere only you can reach, not on a shared device.")
            with st.expander("What it is and where to find it"):
                st.write(item.what)
                st.write(f"**Where to find it:** {item.where}")
                if s.sources:
                    st.markdown("**Based on:**  \n" + _sources_text(s))
        with right:
            st.selectbox("Status", STATUSES, index=STATUSES.index(s.status), format_func=_status_label,
                         key=f"{KEY}status_{item.id}", on_change=_on_item_change, args=(item.id,))
            st.text_input("Note", value=s.state.note, max_chars=2000, key=f"{KEY}note_{item.id}",
                          on_change=_on_item_change, args=(item.id,), placeholder="e.g. asked the bank on Monday")
            st.date_input("Want it by (optional)", value=s.state.due, key=f"{KEY}due_{item.id}",
                          on_change=_on_item_change, args=(item.id,), format="DD/MM/YYYY",
                          min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def group_label(category: Category, t: Tally) -> str:
    """'Bank and cash: 1 of 3 gathered · 2 still needed' (pure: tests read it)."""
    if t.applicable == 0:
        return f"{category.label}: does not apply"
    parts = [f"{t.have} of {t.applicable} gathered"]
    if t.needed:
        parts.append(f"{t.needed} still needed")
    if t.requested:
        parts.append(f"{t.requested} asked for")
    return f"{category.label}: " + " · ".join(parts)


def group_key(category: Category) -> str:
    return f"{KEY}group_{category.value}"


def _on_group(category: Category) -> None:
    """Remember which groups are open: a group's heading carries its counts, so a status change redraws it as a new
    element, which would otherwise start closed again under the person's finger."""
    opened = set(st.session_state.get(OPEN_GROUPS, ()))
    if st.session_state.get(group_key(category)):
        opened.add(category.value)
    else:
        opened.discard(category.value)
    st.session_state[OPEN_GROUPS] = sorted(opened)


def _checklist_panel(items: list[SelectedItem]) -> None:
    """The list in groups that open one at a time (their counts in the heading); a closed group's items are not
    drawn at all, so the page stays short on a phone (it was 12,000 pixels of items) and quick to rerun."""
    st.header("Your list")
    only_missing = st.toggle("Show only what is still missing", key=f"{KEY}only_missing")
    shown = missing(items) if only_missing else items
    if not shown:
        st.success("Nothing is missing. Well done.", icon=":material/check_circle:")
        return
    by_category: dict[Category, list[SelectedItem]] = {}
    for s in shown:
        by_category.setdefault(s.item.category, []).append(s)
    opened = set(st.session_state.get(OPEN_GROUPS, ()))
    for category, t in tally(items).by_category:
        group = by_category.get(category)
        if not group:
            continue
        with st.expander(group_label(category, t), expanded=category.value in opened, key=group_key(category),
                         on_change=_on_group, args=(category,)) as section:
            if section.open:
                for s in group:
                    _item_row(s)


def _next_steps(items: list[SelectedItem]) -> None:
    st.header("What to do next")
    todo = missing(items)
    if not todo:
        st.write("You have everything on the list. Take it to your appointment, or add notes for the professional.")
        return
    dated = sorted((s for s in todo if s.state.due), key=lambda s: s.state.due or dt.date.max)
    steps = []
    if dated:
        first = dated[0]
        steps.append(f"Next date: **{first.item.title}** by {first.state.due:%d %B %Y}.")
    needed = [s for s in todo if s.status is ItemStatus.NEEDED]
    if needed:
        names = ", ".join(s.item.title for s in needed[:3])
        steps.append(f"Start with what you can get yourself today: {names}.")
    requested = [s for s in todo if s.status is ItemStatus.REQUESTED]
    if requested:
        steps.append(f"Follow up the {len(requested)} you have asked for if they have not arrived within two weeks.")
    steps.append("Mark anything that does not fit your situation as 'Does not apply'.")
    st.markdown("\n".join(f"{i}. {text}" for i, text in enumerate(steps, 1)))


def _separation_types(code: str) -> None:
    st.header("Kinds of separation")
    try:
        guide = separation_types_for(code)
    except DataFileError as exc:
        st.error("The separation guide could not be read: " + "; ".join(str(p) for p in exc.problems))
        return
    if guide is None:
        st.info(f"There is no guide to the kinds of separation for {code} yet.", icon=":material/info:")
        return
    _guide(guide)


def _guide(guide: SeparationGuide) -> None:
    st.markdown(f"{guide.name}. General information with its sources, not legal advice. "
                f"Facts marked *{NOT_VERIFIED}* could not be checked yet.")
    if guide.note:
        st.markdown(guide.note)
    numbers: dict[str, int] = {sid: i for i, sid in enumerate(guide.sources, 1)}
    for region in guide.regions:
        if len(guide.regions) > 1:
            st.markdown(f"**{region.name}**")
        for stype in region.types:
            with st.expander(stype.name):
                for label, fact in stype.facts():
                    if fact.verified:
                        refs = " ".join(f"[{numbers[s]}]" for s in fact.sources)
                        st.markdown(f"**{label}:** {fact.text} {refs}")
                    else:
                        st.markdown(f"**{label}:** *{NOT_VERIFIED}*")
    with st.expander("Sources"):
        st.markdown("\n".join(f"{numbers[sid]}. [{src.title}]({src.url}) ({src.confidence})"
                              for sid, src in guide.sources.items()))


def render() -> None:
    st.title("Documents")
    case = require_case()
    st.write("What to gather before you see a lawyer or mediator, and why each item is on your list. "
             "Tick things off as you go; your progress is kept with the case.")
    for message in st.session_state.get(ERROR_KEY, []):
        st.error(message)
    try:
        items = select_items(case)
    except DataFileError as exc:
        st.error("The checklist files could not be read: " + "; ".join(str(p) for p in exc.problems))
        return
    _progress_panel(items)
    _next_steps(items)
    _facts_panel(case)
    _checklist_panel(items)
    _separation_types(case.jurisdiction)
