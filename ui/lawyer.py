"""Do I need a lawyer? The questionnaire (questions come from calculators/attorney_need.yaml) and its suggestion.

Widgets: one radio per question inside a form (keys ``lawyer_q_<question id>``), loaded from the Case whenever the
Case's answers differ from what the widgets were loaded from; "Save my answers" commits them through
casefile.validation.revise. The optional safety questions appear only after the person opts in (a toggle outside the
form, saved at once); opting out forgets their answers. The result comes from calculators.attorney_need.assess and
is only displayed here.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from calculators.attorney_need import (
    AttorneyNeedResult,
    Contact,
    HelpLevel,
    Question,
    QuestionSet,
    assess,
    question_set,
)
from casefile.models import Case
from casefile.questionnaire import QuestionnaireAnswers
from casefile.validation import CaseInvalid, revise
from ui import state
from ui.widgets import require_case

P = "lawyer_q_"
OPT_IN = "lawyer_safety_opt_in"
LOADED = "lawyerx_loaded"  # the answers the widgets were last loaded from
NOTICE = "lawyerx_notice"
SAVED = "lawyerx_saved"

LEVEL_STYLE: dict[HelpLevel, str] = {
    HelpLevel.SELF_HELP: ":material/menu_book:",
    HelpLevel.MEDIATION: ":material/handshake:",
    HelpLevel.LIMITED_SCOPE: ":material/support_agent:",
    HelpLevel.FULL_REPRESENTATION: ":material/gavel:",
}

SAFETY_INTRO = (
    "These questions are optional. They matter because negotiating directly, or mediation, is not always safe, and "
    "a court can make orders to protect you and your children. Arguments and disagreements are common when people "
    "separate; these questions are about something different. Answer only what you want to — \"I'd prefer not to say\" "
    "is always fine. If you save or download this case, these answers are saved in it."
)

QUICK_EXIT_HELP = """
**Exit this page** (the red button at the top right of every page), or pressing **Shift three times** within five
seconds:

- hides this app at once and opens a weather website in its place;
- clears everything you entered in this browser session from the app's memory on the server;
- replaces this page in the browser's history, so pressing Back does not return to what you were looking at.

What it does **not** do:

- it does not erase your browser history: the address of this app can still show up there; and someone who opens
  the app again can see the start page;
- it does not delete case files saved on this computer. If "Save on this computer as I go" is on, your case is still
  saved, and can be opened again from the start page (its name shows only when "Continue where you left off" is
  opened; a passphrase hides the name and contents in the files too). On a shared computer, turn saving off, or
  delete what was saved ("Delete everything this app saved on this computer" on the start page);
- it does not delete files you downloaded.

If someone may check your computer or phone, it can be safer to use a device they cannot get to, such as one at
a library or a friend's. Clearing all of your history suddenly can draw attention; some people prefer to delete only
the entries for sites like this one.
"""


def _option_label(question: Question, option_id: str) -> str:
    option = question.option(option_id)
    return option.label if option else option_id


def _load_widgets(answers: QuestionnaireAnswers, qs: QuestionSet) -> None:
    """Put the Case's answers into the widgets (before they are drawn) when the Case changed under them."""
    if st.session_state.get(LOADED) == answers:
        return
    for q in qs.questions:
        st.session_state[P + q.id] = answers.answers.get(q.id)
    st.session_state[OPT_IN] = answers.safety_opt_in
    st.session_state[LOADED] = answers


def _commit(case: Case, answers: QuestionnaireAnswers) -> None:
    try:
        new_case = revise(case, questionnaire=answers)
    except CaseInvalid as exc:  # answers are ids from the question file, so this should not happen
        st.session_state[NOTICE] = "Your answers could not be saved: " + "; ".join(str(e) for e in exc.errors)
        return
    state.set_case(new_case)
    st.session_state[LOADED] = new_case.questionnaire


def _on_opt_in() -> None:
    """Saved at once: opting out forgets the safety answers (and clears their widgets)."""
    case = state.current_case()
    if case is None:
        return
    on = bool(st.session_state.get(OPT_IN))
    qs = question_set()
    current = case.questionnaire
    if not on:
        for q in qs.questions:
            if q.is_safety:
                st.session_state[P + q.id] = None
    _commit(case, current.with_answers(current.answers, safety_opt_in=on, on=current.completed_on))


def _widget_answers(qs: QuestionSet, opt_in: bool) -> dict[str, str]:
    out = {}
    for q in qs.questions:
        value = st.session_state.get(P + q.id)
        if value and (opt_in or not q.is_safety) and q.option(value):
            out[q.id] = value
    return out


def _ask(q: Question) -> None:
    st.radio(
        q.text,
        [o.id for o in q.options],
        index=None,
        key=P + q.id,
        format_func=partial(_option_label, q),
        help=q.help,
    )


def _facts_from_situation(case: Case, result: AttorneyNeedResult) -> None:
    sep = case.separation
    lawyer = {True: "yes", False: "no", None: "not known"}[sep.other_party_has_lawyer]
    court = f"{sep.next_court_date:%d %B %Y}" if sep.next_court_date else "none saved"
    st.markdown(
        f"From **Your situation**: next court date — **{court}**; the other parent has a lawyer — **{lawyer}**. "
        f"These count too (dates are counted from {result.as_of:%d %B %Y})."
    )
    st.page_link("ui/pages/situation.py", label="Change these on Your situation", icon=":material/person:")


def _questions(case: Case, qs: QuestionSet) -> None:
    st.toggle(
        "Show the optional questions about safety",
        key=OPT_IN,
        on_change=_on_opt_in,
        help="Off by default. Turning this off forgets any safety answers.",
    )
    opt_in = bool(st.session_state.get(OPT_IN))
    with st.form("lawyer_form", border=False):
        section = None
        for q in qs.questions:
            if q.is_safety and not opt_in:
                continue
            if q.section != section:
                section = q.section
                st.header(section)
                if q.is_safety:
                    st.info(SAFETY_INTRO, icon=":material/shield:")
            _ask(q)
        saved = st.form_submit_button("Save my answers and see the suggestion", type="primary")
    if saved:
        answers = case.questionnaire.with_answers(_widget_answers(qs, opt_in), safety_opt_in=opt_in,
                                                  on=dt.date.today())
        _commit(case, answers)
        st.session_state[SAVED] = True
        st.rerun()
    if st.button("Clear all my answers", key="lawyerbtn_clear"):
        for q in qs.questions:
            st.session_state.pop(P + q.id, None)
        _commit(case, QuestionnaireAnswers())
        st.rerun()


def axes_figure(result: AttorneyNeedResult) -> go.Figure:
    """The three scores as horizontal bars on a 0-100 scale."""
    axes = question_set().axes
    labels = [axes[s.axis].short for s in result.axes]
    scores = [s.score for s in result.axes]
    fig = go.Figure(go.Bar(
        x=scores, y=labels, orientation="h", text=[str(v) for v in scores], textposition="outside",
        customdata=[s.label for s in result.axes], marker={"color": ["#1d70b8", "#4c2c92", "#f47738"]},
        hovertemplate="%{customdata}: %{x} of 100<extra></extra>",
    ))
    fig.update_layout(
        height=200, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"range": [0, 110], "tickvals": [0, 25, 50, 75, 100], "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True},
    )
    return fig


def _contact_line(c: Contact) -> str:
    if c.number is None:
        return f"- **{c.name}** — number not yet verified. {c.note or ''} ([source checked]({c.source_url}))"
    extra = "".join(f" · {x}" for x in (f"TTY {c.tty}" if c.tty else None, c.text) if x)
    note = f" {c.note}" if c.note else ""
    return f"- **{c.name}: {c.number}**{extra}.{note} ([source]({c.source_url}))"


def _result(result: AttorneyNeedResult) -> None:
    st.header("What your answers suggest")
    urgent = [a for a in result.alerts if a.urgent]
    for alert in urgent:
        st.error(alert.message, icon=":material/priority_high:")
    if result.safety_contacts:
        with st.container(border=True):
            st.markdown("**Free, confidential help**")
            st.markdown("\n".join(_contact_line(c) for c in result.safety_contacts))
    if result.level is None:
        st.info(result.level_description, icon=":material/info:")
    else:
        with st.container(border=True):
            st.markdown(f"### {result.level_label}")
            st.markdown(result.level_description)
            if result.reasons:
                st.markdown("\n".join(f"- {r}" for r in result.reasons))
            if result.ruled_out:
                st.markdown("Not suggested while safety is a concern: "
                            + ", ".join(question_set().levels[lv].label.lower() for lv in result.ruled_out) + ".")
    st.markdown("**Three reasons people get help** — 0 means no reason, 100 a strong one:")
    st.plotly_chart(axes_figure(result), key="lawyer_axes_chart", config={"displayModeBar": False})
    st.caption(" · ".join(f"{question_set().axes[s.axis].short}: {s.label.lower()}" for s in result.axes))
    with st.expander("What added to each score"):
        for s in result.axes:
            st.markdown(f"**{s.label}: {s.score} of 100** ({s.points} of {s.max_points} points)")
            st.markdown("\n".join(f"- +{d.points}: {d.reason}" for d in s.drivers) or "- Nothing so far.")
    for alert in result.alerts:
        if not alert.urgent and alert.kind not in ("safety",):
            st.info(alert.message, icon=":material/info:")
    if result.beyond_lawyers:
        st.subheader("Other kinds of help")
        st.markdown("You said you would like to try to repair the relationship. These are kinds of help people use; "
                    "this app does not recommend any particular one.")
        for b in result.beyond_lawyers:
            st.markdown(f"**{b.title}.** {b.what_for} *How to find one:* {b.how_to_find}")
    st.markdown(f"{result.disclaimer} Answered {result.answered} of {result.total_questions} questions.")


def render() -> None:
    st.title("Do I need a lawyer?")
    st.markdown(
        "Answer what you can — you can skip any question and come back later. Your answers give a **suggestion** "
        "of the kind of help that might suit you, and why. It is not legal advice."
    )
    with st.expander("About the Exit this page button (quick exit)", icon=":material/logout:"):
        st.markdown(QUICK_EXIT_HELP)
    case = require_case()
    qs = question_set()
    _load_widgets(case.questionnaire, qs)
    if st.session_state.pop(SAVED, False):
        st.toast("Saved. The suggestion beside the questions is up to date.", icon=":material/check:")
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.error(notice)
    result = assess(case)
    _facts_from_situation(case, result)
    left, right = st.columns([3, 2], gap="large")
    with left:
        _questions(case, qs)
    with right:
        _result(result)
