"""Report: the preparation summary PDF to take to a lawyer or mediator, and the notes that end it.

The PDF builds only when the download button is clicked (callable ``data``); nothing is cached between sessions.
The file name is neutral (summary-YYYY-MM-DD.pdf).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from casefile.models import Case, Notes
from casefile.validation import CaseInvalid, revise
from ui import state
from ui.widgets import require_case

KEY = "report_"
MAX_QUESTIONS = 50


def render() -> None:
    st.title("Report")
    case = require_case()
    st.write(
        "A summary of what you have entered, to take to a lawyer, mediator or adviser. It is **not a court form "
        "and not legal advice**; any amounts in it are **estimates**."
    )
    _what_is_in_it(case)
    _notes_form(case)
    _download(state.current_case() or case)


def _what_is_in_it(case: Case) -> None:
    """Which parts of the summary have something in them (from the case itself; nothing is computed here)."""
    sep = case.separation
    incomes = [i for role in ("parent_a", "parent_b") for i in case.parent(role).income]
    parts = [
        ("Your situation", bool(case.children) or sep.date_of_separation is not None),
        ("Court and case number (if a case is filed)", bool(sep.court_name or sep.case_number)),
        ("Income", bool(incomes)),
        ("How each income is known (payslip, tax return ...)", bool(incomes) and all(i.known_from for i in incomes)),
        ("Budget", bool(case.budget.lines)),
        ("Assets and debts", bool(case.assets_debts.assets or case.assets_debts.debts)),
        ("Do I need a lawyer? answers", bool(case.questionnaire.answers)),
        ("Documents you have marked", bool(case.checklist.items)),
        ("Shared expenses", bool(case.expenses.items)),
        ("Your questions and notes", bool(case.notes.questions or case.notes.anything_else)),
    ]
    with st.expander("What the summary will contain", expanded=False):
        for label, filled in parts:
            mark = ":material/check_circle:" if filled else ":material/radio_button_unchecked:"
            st.markdown(f"{mark} {label}" + ("" if filled else " — *not filled in yet; the summary says so*"))
        st.markdown("Its first page is a fact sheet a lawyer can read in a minute; anything not answered says "
                    "“not answered”. The summary also includes the child-support estimate with the law each line "
                    "rests on, the list of documents to gather and questions suggested by what you entered.")


def _notes_form(case: Case) -> None:
    """The person's own questions (one a line) and anything else the professional should know."""
    st.header("Questions for the professional")
    with st.form(key=f"{KEY}notes"):
        questions = st.text_area(
            "Your questions (one on each line)", value="\n".join(case.notes.questions), key=f"{KEY}questions",
            height=140,
        )
        anything = st.text_area(
            "Anything else they should know", value=case.notes.anything_else, key=f"{KEY}anything_else",
            height=110,
        )
        saved = st.form_submit_button("Save notes")
    if saved:
        lines = tuple(line.strip() for line in questions.splitlines() if line.strip())
        if len(lines) > MAX_QUESTIONS:
            st.error(f"There is room for {MAX_QUESTIONS} questions; you have {len(lines)}. Combine some of them.")
            return
        try:
            state.set_case(revise(case, notes=Notes(questions=lines, anything_else=anything)))
        except (CaseInvalid, ValueError) as exc:
            errors = getattr(exc, "errors", None)
            messages = [str(e) for e in errors] if errors else ["The notes are too long; shorten them."]
            st.error("The notes were not saved: " + "; ".join(messages))
        else:
            st.success("Notes saved. They are at the end of the summary.")


def _download(case: Case) -> None:
    from reports.pdf import file_name

    st.header("Download the summary")
    include_safety = st.checkbox(
        "Include my answers to the safety questions", value=False, key=f"{KEY}safety",
        help="Left out unless you tick this. Think about who might see the file before you include them.",
    )
    mask = st.checkbox(
        "Show only the last 4 digits of long numbers, such as account numbers", value=True, key=f"{KEY}mask",
    )
    protect = st.checkbox("Protect the file with a password", value=False, key=f"{KEY}protect")
    password, problem = None, ""
    if protect:
        col1, col2 = st.columns(2)
        first = col1.text_input("Password", type="password", key=f"{KEY}password")
        second = col2.text_input("Type it again", type="password", key=f"{KEY}password2")
        if not first:
            problem = "Type a password, or untick “Protect the file with a password”."
        elif first != second:
            problem = "The two passwords are different."
        else:
            password = first
        st.markdown("Anyone with the password can open the file. Ordinary PDF readers will ask for it.")
        if problem:
            st.error(problem)
    _font_warning(case)
    today = dt.date.today()
    st.download_button(
        "Download the summary (PDF)",
        data=_builder(case, include_safety, mask, password, today),
        file_name=file_name(today),
        mime="application/pdf",
        key=f"{KEY}download",
        type="primary",
        icon=":material/download:",
        disabled=bool(problem),
        on_click="ignore",
    )


def _builder(case: Case, include_safety: bool, mask: bool, password: str | None, today: dt.date) -> Callable[[], bytes]:
    """The PDF, built only when the button is clicked."""

    def build() -> bytes:
        from calculators.summary import compute_results
        from reports.pdf import ReportOptions, build_pdf

        options = ReportOptions(include_safety_details=include_safety, mask_account_numbers=mask,
                                password=password, today=today)
        return build_pdf(case, compute_results(case), options)

    return build


def _font_warning(case: Case) -> None:
    """Say which typed characters the PDF's font cannot show, before the person downloads it."""
    from reports.fonts import FontNotFound
    from reports.pdf import right_to_left_in_case, unprintable_in_case
    from reports.pdf_text import RIGHT_TO_LEFT_NOTE

    try:
        missing = unprintable_in_case(case)
    except FontNotFound as exc:
        st.error(str(exc))
        return
    if missing:
        st.warning(
            "Some characters you typed cannot be shown in the PDF and will appear as \ufffd (they are listed at "
            "the end of the summary): " + ", ".join(missing)
        )
    if right_to_left_in_case(case):
        st.info(RIGHT_TO_LEFT_NOTE)
