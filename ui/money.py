"""Money: the monthly budget (FL-150 categories), assets and debts (FL-142), the shared-expense log with who owes
whom, charts, and the spreadsheet download.

Tables are edited with st.data_editor inside forms, so nothing changes until "Save"; each row is checked through the
Case's own models and problems are listed by row in plain words (nothing is lost: the table keeps what was typed until
it is fixed). Sums come from calculators/expenses.py; this page only draws them.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import BaseModel, ValidationError

from calculators.expenses import (
    balance_text,
    budget_totals,
    currency_for,
    expense_summary,
    income_shares,
    net_worth,
    owed_to_payer,
    share_for,
)
from casefile.expense_import import (
    DATE_ORDER_WORDS,
    DECIMAL_MARK_WORDS,
    EARLIEST_EXPENSE_DATE,
    CsvImport,
    csv_template,
    imported_size,
    latest_expense_date,
    read_expenses_csv,
    with_imported,
)
from casefile.files import describe_size
from casefile.finances import (
    Asset,
    AssetCategory,
    AssetsDebts,
    Basis,
    Budget,
    BudgetCategory,
    BudgetLine,
    Debt,
    DebtCategory,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    Owner,
    ReimbursementStatus,
    ShareBasis,
)
from casefile.models import Amount, Case, ParentRole
from casefile.money import Frequency, format_money
from casefile.storage import MAX_CASE_BYTES, MAX_FILE_BYTES, case_plain_bytes, size_words
from casefile.validation import CaseInvalid, revise
from casefile.validation import _clean_message as clean_message
from ui import state
from ui.widgets import require_case

K = "money_"  # widget keys
IMPORT_KEY = "moneyx_import"  # the CSV read, waiting for confirmation
UPLOAD_VERSION = "moneyx_upload_v"
FLASH = "moneyx_flash"
FREQUENCIES = [f for f in Frequency if f is not Frequency.HOURLY]
FREQ_WORDS = {f.label: f for f in FREQUENCIES}
SAVED_TABLES = ("budget_editor", "assets_editor", "debts_editor", "log_editor", "splits_editor")


def render() -> None:
    st.title("Money")
    case = require_case()
    st.markdown("Your own records and sums, to take to an adviser. Not legal advice. Amounts stay on this computer.")
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    tabs = st.tabs(["Expense log", "Monthly budget", "Assets and debts", "Charts", "Spreadsheet"])
    with tabs[0]:
        expense_log_tab(case)
    with tabs[1]:
        budget_tab(case)
    with tabs[2]:
        assets_tab(case)
    with tabs[3]:
        charts_tab(case)
    with tabs[4]:
        spreadsheet_tab(case)


# --- helpers ----------------------------------------------------------------------------------------------------------


def label_of(member: Any) -> str:
    """format_func for enum widgets (a module-level function: Streamlit keeps it in session state, which pickles)."""
    return str(member.label)


def money(amount: Decimal | None, case: Case) -> str:
    return format_money(amount, currency_for(case))


def commit(case: Case, message: str, *, then: Any = None, **changes: Any) -> bool:
    """Validate and store (``then()`` runs once it is stored); on success forget the edited tables (they are rebuilt
    from the saved Case) and rerun. A case that would be too large to save is refused here, with nothing changed."""
    try:
        new = revise(case, **changes)
    except CaseInvalid as exc:
        show_problems([e.message.removeprefix("Case: ") for e in exc.errors])
        return False
    state.set_case(new)
    if then is not None:
        then()
    for name in SAVED_TABLES:
        st.session_state.pop(K + name, None)
    st.session_state[FLASH] = message
    st.rerun()
    return True  # not reached: st.rerun() stops this run


def show_problems(problems: list[str]) -> None:
    """GOV.UK-style error summary. Nothing is saved; what was typed stays in the table to fix."""
    st.error("**There is a problem.** Nothing was saved; fix these and save again:\n\n"
             + "\n".join(f"- {p}" for p in problems), icon=":material/error:")


def blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return (isinstance(value, str) and not value.strip()) or value is pd.NaT


def decimal_of(value: Any) -> Decimal | None:
    """A widget number as a Decimal (via its text, never float arithmetic); blank means not known."""
    return None if blank(value) else Decimal(str(value))


def date_of(value: Any) -> dt.date | None:
    if blank(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def text_of(value: Any) -> str:
    return "" if blank(value) else str(value).strip()


def rows_to_models(rows: list[dict[str, Any]], model: type[BaseModel], what: str) -> tuple[list[Any], list[str]]:
    """Validate each row with ``model``; problems say which row ("Budget row 2: amount must be 0 or more")."""
    good: list[Any] = []
    problems: list[str] = []
    for number, row in enumerate(rows, 1):
        try:
            good.append(model.model_validate(row))
        except ValidationError as exc:
            problems.extend(f"{what} {number}: {message}" for message in plain_errors(exc))
        except ValueError as exc:
            problems.append(f"{what} {number}: {exc}")
    return good, problems


FIELD_WORDS = {"date": "date", "amount": "amount", "description": "description", "share_a": "share",
               "receipt_note": "receipt note", "children": "child's name", "value": "value",
               "amount_owed": "amount owed", "date_acquired": "date acquired", "date_incurred": "date incurred"}


def plain_errors(exc: ValidationError) -> list[str]:
    """pydantic's errors for one row, in plain words naming the column ("amount must be more than 0")."""
    out = []
    for err in exc.errors(include_url=False):
        field = next((str(p) for p in err["loc"] if str(p) in FIELD_WORDS), None)
        message = clean_message(str(err["msg"]))
        out.append(f"{FIELD_WORDS[field]} {message}" if field else message)
    return out


def label_column(title: str, labels: list[str], **kw: Any) -> Any:
    return st.column_config.SelectboxColumn(title, options=labels, required=True, **kw)


def money_column(title: str, **kw: Any) -> Any:
    return st.column_config.NumberColumn(title, min_value=0, step=0.01, format="%.2f", **kw)


# --- expense log ------------------------------------------------------------------------------------------------------


def expense_log_tab(case: Case) -> None:
    summary = expense_summary(case)
    st.header("Who owes whom")
    if summary.count:
        headline = balance_text(summary.balance, case, money(summary.balance.amount, case))
        st.markdown(f"### {headline}")
        st.markdown(
            f"Counts every shared expense not yet marked “Paid back”: {money(summary.balance.owed_to_a, case)} "
            f"owed to {case.name('parent_a')} and {money(summary.balance.owed_to_b, case)} owed to "
            f"{case.name('parent_b')}, set against each other. Already paid back: {money(summary.paid_back, case)}. "
            f"Disputed (included): {money(summary.disputed, case)}."
        )
        monthly_balances(case)
    else:
        st.info("No shared expenses yet. Add one below, or import a list from a spreadsheet (CSV).")
    add_expense_form(case)
    with st.expander("Usual split for each kind of expense"):
        splits_editor(case)
    with st.expander("Import expenses from a spreadsheet (CSV)"):
        import_panel(case)
    if case.expenses.items:
        st.header(f"All shared expenses ({len(case.expenses.items)})")
        log_editor(case)


def monthly_balances(case: Case) -> None:
    s = expense_summary(case)
    rows = [{"Month": dt.date(int(m[:4]), int(m[5:]), 1).strftime("%B %Y"), "Spent": money(s.by_month[m], case),
             f"Owed to {case.name('parent_a')}": money(b.owed_to_a, case),
             f"Owed to {case.name('parent_b')}": money(b.owed_to_b, case),
             "Result for the month": balance_text(b, case, money(b.amount, case))}
            for m, b in s.balance_by_month.items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=K + "month_table")


def split_words(case: Case) -> dict[str, str]:
    shares = income_shares(case)
    income = "Income shares (enter both incomes on “Your situation” first)"
    if shares is not None:
        income = (f"Income shares: {case.name('parent_a')} {shares.share_a}% / {case.name('parent_b')} "
                  f"{shares.share_b}% (a plain ratio of gross incomes)")
    return {ShareBasis.CATEGORY.value: "The usual split for this kind of expense (see below)",
            ShareBasis.INCOME.value: income, ShareBasis.CUSTOM.value: "Set it by hand"}


def add_expense_form(case: Case) -> None:
    st.header("Add an expense")
    names = {"parent_a": case.name("parent_a"), "parent_b": case.name("parent_b")}
    words = split_words(case)
    with st.form(K + "add_form", clear_on_submit=False):
        c1, c2, c3 = st.columns([1, 2, 1])
        day = c1.date_input("Date", value=dt.date.today(), key=K + "add_date", format="YYYY-MM-DD",
                            min_value=EARLIEST_EXPENSE_DATE, max_value=latest_expense_date())
        description = c2.text_input("What was it for?", key=K + "add_description", max_chars=200)
        amount = c3.number_input("Amount", min_value=0.0, step=0.01, format="%.2f", key=K + "add_amount")
        c4, c5 = st.columns(2)
        category = c4.selectbox("Kind of expense", list(ExpenseCategory), format_func=label_of,
                                key=K + "add_category")
        paid_by = c5.radio("Who paid?", list(names), format_func=names.__getitem__, horizontal=True,
                           key=K + "add_paid_by")
        children = st.multiselect("For which children?", [c.name for c in case.children], key=K + "add_children")
        basis = st.radio("How to split it", list(words), format_func=words.__getitem__, key=K + "add_basis")
        custom = st.number_input(f"If set by hand: {names['parent_a']}'s share (%) — {names['parent_b']} pays the "
                                 "rest", min_value=0.0, max_value=100.0, value=50.0, step=1.0, key=K + "add_custom")
        c6, c7 = st.columns(2)
        status = c6.selectbox("Paying back", list(ReimbursementStatus), format_func=label_of,
                              key=K + "add_status")
        note = c7.text_input("Receipt or note", key=K + "add_note", max_chars=200)
        submitted = st.form_submit_button("Add expense", type="primary")
    if submitted:
        add_expense(case, day, description, amount, category, paid_by, children, ShareBasis(basis), custom, status,
                    note)


def add_expense(case: Case, day: dt.date, description: str, amount: float, category: ExpenseCategory,
                paid_by: ParentRole, children: list[str], basis: ShareBasis, custom: float,
                status: ReimbursementStatus, note: str) -> None:
    try:
        share = share_for(case.expenses, category, basis, income_shares(case), decimal_of(custom))
    except ValueError as exc:
        show_problems([str(exc).capitalize()])
        return
    row = {"date": day, "description": description, "category": category, "amount": decimal_of(amount),
           "paid_by": paid_by, "children": tuple(children), "share_a": share, "share_basis": basis,
           "status": status, "receipt_note": note}
    items, problems = rows_to_models([row], Expense, "New expense")
    if problems:
        show_problems(problems)
        return
    log = case.expenses.model_copy(update={"items": tuple(sorted((*case.expenses.items, *items),
                                                                  key=lambda e: e.date))})
    commit(case, f"Added: {description or category.label}, {money(items[0].amount, case)}.", expenses=log)


def splits_editor(case: Case) -> None:
    a, b = case.name("parent_a"), case.name("parent_b")
    st.caption(f"New expenses of each kind start with this split ({a}'s share; {b} pays the rest). "
               "Changing it does not change expenses already in the log.")
    frame = pd.DataFrame([{"Kind": c.label, "share": float(case.expenses.split_for(c))} for c in ExpenseCategory])
    with st.form(K + "splits_form"):
        edited = st.data_editor(
            frame, key=K + "splits_editor", hide_index=True, num_rows="fixed", disabled=["Kind"],
            column_config={"share": st.column_config.NumberColumn(f"{a}'s share (%)", min_value=0, max_value=100,
                                                                  step=1, required=True)},
        )
        saved = st.form_submit_button("Save the usual splits")
    if saved:
        splits = {c: decimal_of(v) for c, v in zip(ExpenseCategory, edited["share"], strict=True)}
        commit(case, "Usual splits saved.", expenses=case.expenses.model_copy(update={"category_splits": splits}))


def log_frame(case: Case) -> pd.DataFrame:
    names = {"parent_a": case.name("parent_a"), "parent_b": case.name("parent_b")}
    return pd.DataFrame(
        [{"date": e.date, "description": e.description, "category": e.category.label, "amount": float(e.amount),
          "paid_by": names[e.paid_by], "children": ", ".join(e.children), "share_a": float(e.share_a),
          "basis": e.share_basis.label, "owed": float(owed_to_payer(e)), "status": e.status.label,
          "note": e.receipt_note} for e in case.expenses.items],
        columns=["date", "description", "category", "amount", "paid_by", "children", "share_a", "basis", "owed",
                 "status", "note"],
    )


def log_editor(case: Case) -> None:
    a, b = case.name("parent_a"), case.name("parent_b")
    st.markdown("Change any cell, tick rows and press Delete to remove them, then save. "
                "“Owed back” is the other parent's part, owed to whoever paid.")
    with st.container(key="narrow_hint_expenses"):  # shown on a narrow screen only (ui/theme.py)
        st.markdown(":material/swipe: Swipe the table sideways to see every column.")
    with st.form(K + "log_form"):
        edited = st.data_editor(
            log_frame(case), key=K + "log_editor", num_rows="dynamic", hide_index=True, width="stretch",
            disabled=["basis", "owed"],
            column_config={
                "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
                "description": st.column_config.TextColumn("Description", max_chars=200),
                "category": label_column("Kind", [c.label for c in ExpenseCategory], default="Other"),
                "amount": money_column("Amount", required=True),
                "paid_by": label_column("Paid by", [a, b] if a != b else [a], default=a),
                "children": st.column_config.TextColumn("Children", help="Names, separated by commas"),
                "share_a": st.column_config.NumberColumn(f"{a}'s share %", min_value=0, max_value=100, step=1),
                "basis": st.column_config.TextColumn("Split from"),
                "owed": money_column("Owed back"),
                "status": label_column("Paying back", [s.label for s in ReimbursementStatus],
                                       default=ReimbursementStatus.NOT_REQUESTED.label),
                "note": st.column_config.TextColumn("Receipt or note", max_chars=200),
            },
        )
        saved = st.form_submit_button("Save changes to the log")
    if saved:
        save_log(case, edited)


def save_log(case: Case, edited: pd.DataFrame) -> None:
    by_label = {c.label: c for c in ExpenseCategory}
    statuses = {s.label: s for s in ReimbursementStatus}
    payer = {case.name("parent_b"): "parent_b", case.name("parent_a"): "parent_a"}
    old = case.expenses.items
    rows = []
    for index, row in zip(edited.index, edited.to_dict("records"), strict=True):
        category = by_label.get(text_of(row["category"]), ExpenseCategory.OTHER)
        share = decimal_of(row["share_a"])
        before = old[index] if isinstance(index, int) and 0 <= index < len(old) else None
        if share is None:
            share, basis = case.expenses.split_for(category), ShareBasis.CATEGORY
        elif before is not None and before.share_a == share:
            basis = before.share_basis
        else:
            basis = ShareBasis.CUSTOM
        rows.append({
            "date": date_of(row["date"]), "description": text_of(row["description"]), "category": category,
            "amount": decimal_of(row["amount"]), "paid_by": payer.get(text_of(row["paid_by"]), "parent_a"),
            "children": tuple(c.strip() for c in text_of(row["children"]).split(",") if c.strip()),
            "share_a": share, "share_basis": basis,
            "status": statuses.get(text_of(row["status"]), ReimbursementStatus.NOT_REQUESTED),
            "receipt_note": text_of(row["note"]),
        })
    items, problems = rows_to_models(rows, Expense, "Expense row")
    if problems:
        show_problems(problems)
        return
    log = case.expenses.model_copy(update={"items": tuple(sorted(items, key=lambda e: e.date))})
    commit(case, f"Expense log saved ({len(items)} expenses).", expenses=log)


UPLOAD_MB = math.ceil(MAX_FILE_BYTES / (1024 * 1024))


def import_panel(case: Case) -> None:
    st.markdown("Choose a CSV file with one expense per row. It needs columns for **date**, **amount** and **paid "
                "by** (a name, or A / B); description, category, children, share A %, status and receipt note are "
                "optional. Nothing is added until you confirm.")
    st.download_button("Download an example file", data=lambda: csv_template(case).encode("utf-8"),
                       file_name="expenses-example.csv", mime="text/csv", key=K + "template")
    us = case.jurisdiction.startswith("US")
    c1, c2 = st.columns(2)
    order = c1.radio("Dates like 03/04/2026 mean", ["dmy", "mdy"], index=1 if us else 0,
                     format_func=DATE_ORDER_WORDS.__getitem__, key=K + "date_order",
                     help="Dates written 2026-04-03 always work.")
    mark = c2.radio("Amounts are written like", [".", ","], format_func=DECIMAL_MARK_WORDS.__getitem__,
                    key=K + "decimal_mark",
                    help="An amount that only the other way explains (such as 12,50 when the first is chosen) is "
                         "listed as a problem, never guessed.")
    version = st.session_state.get(UPLOAD_VERSION, 0)
    upload = st.file_uploader("CSV file", type=["csv", "txt"], key=f"{K}upload_{version}", max_upload_size=UPLOAD_MB)
    if upload is not None:
        read_upload(case, upload, order, mark)
    held = st.session_state.get(IMPORT_KEY)
    if isinstance(held, PendingImport):
        import_preview(case, held)


class PendingImport:
    """A CSV read, waiting for confirmation: read once per file and choice of conventions (not on every rerun), with
    the size the case would have once it is added."""

    def __init__(self, source: tuple[str, str, str], result: CsvImport, size: int | None):
        self.source, self.result, self.size = source, result, size


def read_upload(case: Case, upload: Any, order: str, mark: str) -> None:
    source = (upload.file_id, order, mark)
    held = st.session_state.get(IMPORT_KEY)
    if isinstance(held, PendingImport) and held.source == source:
        return
    bar = st.progress(0.0, text="Reading the file …")
    total = max(1, upload.getvalue().count(b"\n"))

    def progress(line: int) -> None:
        bar.progress(min(line / total, 1.0), text=f"Reading the file … line {line:,} of about {total:,}")

    result = read_expenses_csv(upload.getvalue(), case, order, mark, progress=progress)  # type: ignore[arg-type]
    bar.empty()
    size = None
    if result.rows:  # the size the case would have: refused before anything changes if it would not fit
        size = len(case_plain_bytes(case)) + imported_size(result)
    st.session_state[IMPORT_KEY] = PendingImport(source, result, size)


def import_preview(case: Case, held: PendingImport) -> None:
    result = held.result
    if result.error:
        st.error(result.error, icon=":material/error:")
        return
    for note in result.notes:
        st.info(note, icon=":material/info:")
    if result.stopped:
        st.warning(result.stopped, icon=":material/block:")
    good, bad = len(result.rows), result.problem_count
    st.markdown(f"**{good:,} row(s) can be added; {bad:,} row(s) have problems.**")
    too_large = held.size is not None and held.size > MAX_CASE_BYTES
    if too_large:
        st.error(f"Adding these rows would make the case about {size_words(held.size or 0)}, more than the "
                 f"{describe_size(MAX_CASE_BYTES)} a case file can hold (it could not be saved and opened again), so "
                 "nothing can be added from this file. Import a smaller part of it.", icon=":material/error:")
    if good:
        preview = ExpenseLog(items=result.first(200))
        st.dataframe(log_frame(case.model_copy(update={"expenses": preview})), hide_index=True,
                     width="stretch", key=K + "import_good")
        if good > 200:
            st.caption(f"Showing the first 200 of {good:,}.")
    if result.problems:
        st.markdown("**Rows with problems** (line numbers as in the file):")
        st.dataframe(pd.DataFrame([{"Line": p.line, "Problem": "; ".join(p.problems),
                                    "Row as read": ", ".join(v for v in p.values.values() if v)}
                                   for p in result.problems]),
                     hide_index=True, width="stretch", key=K + "import_bad",
                     column_config={"Line": st.column_config.NumberColumn(width="small"),
                                    "Problem": st.column_config.TextColumn(width="large")})
    agreed = True
    if bad:
        agreed = st.checkbox(f"Skip the {bad:,} row(s) with problems and add only the {good:,} good row(s)",
                             key=K + "import_skip_ok")
    c1, c2 = st.columns(2)
    if c1.button(f"Add {good:,} expense(s)", type="primary", disabled=not good or not agreed or too_large,
                 key=K + "import_add"):
        skipped = f" {bad:,} row(s) with problems were skipped." if bad else ""
        commit(case, f"Imported {good:,} expense(s).{skipped}", then=forget_import,
               expenses=with_imported(case.expenses, result))
    if c2.button("Cancel the import", key=K + "import_cancel"):
        forget_import()
        st.rerun()


def forget_import() -> None:
    st.session_state.pop(IMPORT_KEY, None)
    st.session_state.pop(K + "import_skip_ok", None)
    st.session_state[UPLOAD_VERSION] = st.session_state.get(UPLOAD_VERSION, 0) + 1


# --- budget -----------------------------------------------------------------------------------------------------------


def budget_tab(case: Case) -> None:
    you = case.name(case.you)
    st.markdown(f"{you}'s own average monthly spending, by the categories courts' financial forms use (California "
                "form FL-150). Enter each amount however often you pay it; it is converted to a month. Mark each "
                "figure as **estimated**, **actual** or **proposed** (what it will be). Leave an amount blank if you "
                "do not know it yet — it is listed, not counted as 0.")
    frame = pd.DataFrame(
        [{"category": line.category.label, "description": line.description,
          "amount": None if line.amount is None else float(line.amount), "frequency": line.frequency.label,
          "basis": line.basis.label} for line in case.budget.lines],
        columns=["category", "description", "amount", "frequency", "basis"],
    )
    others = case.budget.paid_by_others
    with st.form(K + "budget_form"):
        edited = st.data_editor(
            frame, key=K + "budget_editor", num_rows="dynamic", hide_index=True, width="stretch",
            column_config={
                "category": label_column("Category", [c.label for c in BudgetCategory], default="Other"),
                "description": st.column_config.TextColumn("Description", max_chars=200),
                "amount": money_column("Amount"),
                "frequency": label_column("How often", list(FREQ_WORDS), default=Frequency.MONTHLY.label),
                "basis": label_column("Figure is", [b.label for b in Basis], default=Basis.ESTIMATED.label),
            },
        )
        c1, c2 = st.columns(2)
        others_amount = c1.number_input("Paid for you by others (if any)", min_value=0.0, step=0.01, format="%.2f",
                                        value=None if others.amount is None else float(others.amount),
                                        key=K + "others_amount", placeholder="Leave blank if none")
        others_freq = c2.selectbox("How often", FREQUENCIES, format_func=label_of,
                                   index=FREQUENCIES.index(others.frequency) if others.frequency in FREQUENCIES
                                   else FREQUENCIES.index(Frequency.MONTHLY), key=K + "others_freq")
        saved = st.form_submit_button("Save budget", type="primary")
    if saved:
        save_budget(case, edited, others_amount, others_freq)
    budget_summary(case)


def save_budget(case: Case, edited: pd.DataFrame, others_amount: float | None, others_freq: Frequency) -> None:
    categories = {c.label: c for c in BudgetCategory}
    bases = {b.label: b for b in Basis}
    rows = [{"category": categories.get(text_of(r["category"]), BudgetCategory.OTHER),
             "description": text_of(r["description"]), "amount": decimal_of(r["amount"]),
             "frequency": FREQ_WORDS.get(text_of(r["frequency"]), Frequency.MONTHLY),
             "basis": bases.get(text_of(r["basis"]), Basis.ESTIMATED)} for r in edited.to_dict("records")]
    lines, problems = rows_to_models(rows, BudgetLine, "Budget row")
    if problems:
        show_problems(problems)
        return
    budget = Budget(lines=tuple(lines), paid_by_others=Amount(amount=decimal_of(others_amount),
                                                              frequency=others_freq))
    commit(case, "Budget saved.", budget=budget)


def budget_summary(case: Case) -> None:
    t = budget_totals(case)
    if not case.budget.lines:
        return
    c1, c2, c3 = st.columns(3)
    c1.metric("Spending a month", money(t.total, case))
    c2.metric("Paid by others a month", "not entered" if t.paid_by_others is None else money(t.paid_by_others, case))
    c3.metric("Your gross income a month", "not known" if t.income_monthly is None else money(t.income_monthly, case))
    if t.unknown_lines:
        st.warning("Not counted yet (no amount): " + "; ".join(t.unknown_lines), icon=":material/help:")
    parts = ", ".join(f"{Basis(k).label.lower()} {money(v, case)}" for k, v in t.by_basis.items())
    st.caption(f"Of the monthly total: {parts}. Monthly figure = yearly amount ÷ 12.")
    st.dataframe(pd.DataFrame([{"Category": c.label, "A month": money(v, case)} for c, v in t.by_category.items()]),
                 hide_index=True, key=K + "budget_table")


# --- assets and debts ------------------------------------------------------------------------------------------------


def assets_tab(case: Case) -> None:
    st.markdown("What you and the other parent own and owe, by the categories of California form FL-142. "
                "“Whose” is what you believe; choose “Not sure” when you do not know. Values are today's "
                "estimated worth; leave blank if you do not know yet.")
    owners = [o.label for o in Owner]
    ad = case.assets_debts
    assets = pd.DataFrame(
        [{"category": a.category.label, "description": a.description, "owner": a.owner.label,
          "date": a.date_acquired, "value": None if a.value is None else float(a.value),
          "owed": None if a.amount_owed is None else float(a.amount_owed)} for a in ad.assets],
        columns=["category", "description", "owner", "date", "value", "owed"],
    )
    debts = pd.DataFrame(
        [{"category": d.category.label, "description": d.description, "owner": d.owner.label,
          "date": d.date_incurred, "owed": None if d.amount_owed is None else float(d.amount_owed)}
         for d in ad.debts],
        columns=["category", "description", "owner", "date", "owed"],
    )
    common = {"description": st.column_config.TextColumn("Description", max_chars=200),
              "owner": label_column("Whose", owners, default=Owner.UNSURE.label)}
    with st.form(K + "assets_form"):
        st.markdown("**Assets**")
        edited_assets = st.data_editor(
            assets, key=K + "assets_editor", num_rows="dynamic", hide_index=True, width="stretch",
            column_config={**common,
                           "category": label_column("Category", [c.label for c in AssetCategory], default="Other assets"),
                           "date": st.column_config.DateColumn("Date acquired", format="YYYY-MM-DD"),
                           "value": money_column("Value"), "owed": money_column("Owed on it")},
        )
        st.markdown("**Debts**")
        edited_debts = st.data_editor(
            debts, key=K + "debts_editor", num_rows="dynamic", hide_index=True, width="stretch",
            column_config={**common,
                           "category": label_column("Category", [c.label for c in DebtCategory], default="Other debts"),
                           "date": st.column_config.DateColumn("Date incurred", format="YYYY-MM-DD"),
                           "owed": money_column("Amount owed")},
        )
        saved = st.form_submit_button("Save assets and debts", type="primary")
    if saved:
        save_assets(case, edited_assets, edited_debts)
    net_worth_summary(case)


def save_assets(case: Case, assets: pd.DataFrame, debts: pd.DataFrame) -> None:
    owners = {o.label: o for o in Owner}
    asset_cats = {c.label: c for c in AssetCategory}
    debt_cats = {c.label: c for c in DebtCategory}
    asset_rows = [{"category": asset_cats.get(text_of(r["category"]), AssetCategory.OTHER),
                   "description": text_of(r["description"]), "owner": owners.get(text_of(r["owner"]), Owner.UNSURE),
                   "date_acquired": date_of(r["date"]), "value": decimal_of(r["value"]),
                   "amount_owed": decimal_of(r["owed"])} for r in assets.to_dict("records")]
    debt_rows = [{"category": debt_cats.get(text_of(r["category"]), DebtCategory.OTHER),
                  "description": text_of(r["description"]), "owner": owners.get(text_of(r["owner"]), Owner.UNSURE),
                  "date_incurred": date_of(r["date"]), "amount_owed": decimal_of(r["owed"])}
                 for r in debts.to_dict("records")]
    good_assets, problems = rows_to_models(asset_rows, Asset, "Asset row")
    good_debts, more = rows_to_models(debt_rows, Debt, "Debt row")
    if problems or more:
        show_problems(problems + more)
        return
    commit(case, "Assets and debts saved.", assets_debts=AssetsDebts(assets=tuple(good_assets),
                                                                     debts=tuple(good_debts)))


def net_worth_summary(case: Case) -> None:
    w = net_worth(case)
    if not (case.assets_debts.assets or case.assets_debts.debts):
        return
    st.metric("Net worth, everything listed", money(w.total.net, case),
              help="Values, less what is owed on them, less debts.")
    st.dataframe(pd.DataFrame([{"Whose": o.label, "Assets": money(t.assets, case),
                                "Owed on assets": money(t.owed_on_assets, case), "Debts": money(t.debts, case),
                                "Net": money(t.net, case)} for o, t in w.by_owner.items()]),
                 hide_index=True, key=K + "worth_table")
    if w.unknown_items:
        st.warning("Not counted yet (not known): " + "; ".join(w.unknown_items), icon=":material/help:")


# --- charts -----------------------------------------------------------------------------------------------------------


def charts_tab(case: Case) -> None:
    s = expense_summary(case)
    cur = currency_for(case)
    if s.count:
        st.header("Shared spending by month")
        fig = go.Figure()
        for category in ExpenseCategory:
            values = [float(s.by_month_category[m].get(category, 0)) for m in s.by_month]
            if any(values):
                fig.add_bar(name=category.label, x=[month_label(m) for m in s.by_month], y=values)
        fig.update_layout(barmode="stack", yaxis_title=cur, legend_title="Kind", height=380)
        st.plotly_chart(fig, width="stretch", key=K + "chart_months")
        st.header("Paid by each parent")
        names = [case.name("parent_a"), case.name("parent_b")]
        fig2 = go.Figure()
        fig2.add_bar(name="Paid up front", x=names, y=[float(s.paid_by[r]) for r in ("parent_a", "parent_b")])
        fig2.add_bar(name="Their share of the costs", x=names,
                     y=[float(s.borne_by[r]) for r in ("parent_a", "parent_b")])
        fig2.update_layout(barmode="group", yaxis_title=cur, height=340)
        st.plotly_chart(fig2, width="stretch", key=K + "chart_parents")
        st.caption("The gap between the two bars for a parent is what the other parent owes them (or they owe), "
                   "before anything already paid back.")
    else:
        st.info("Charts of shared spending appear once the expense log has entries.")
    budget_chart(case)


def month_label(key: str) -> str:
    return dt.date(int(key[:4]), int(key[5:]), 1).strftime("%b %Y")


def budget_chart(case: Case) -> None:
    t = budget_totals(case)
    if not case.budget.lines:
        st.info("A chart of your budget against your income appears once the monthly budget has entries.")
        return
    st.header("Monthly budget and income")
    fig = go.Figure()
    for category, value in t.by_category.items():
        fig.add_bar(name=category.label, x=["Spending"], y=[float(value)])
    if t.income_monthly is not None:
        fig.add_bar(name="Gross income", x=["Income"], y=[float(t.income_monthly)])
    if t.income_after_deductions_monthly is not None:
        fig.add_bar(name="Income after deductions", x=["After deductions"],
                    y=[float(t.income_after_deductions_monthly)])
    fig.update_layout(barmode="stack", yaxis_title=f"{currency_for(case)} a month", height=400)
    st.plotly_chart(fig, width="stretch", key=K + "chart_budget")
    if t.income_monthly is None:
        st.caption("Income is not shown: some income amounts are not known yet (see “Your situation”).")


# --- spreadsheet ------------------------------------------------------------------------------------------------------


def spreadsheet_tab(case: Case) -> None:
    from reports.xlsx import build_xlsx

    st.markdown(
        "A spreadsheet (Excel .xlsx) for you or a professional: **About** (who, where, when), **Income**, **Child "
        "support** (the estimate line by line), **Budget**, **Assets & debts**, **Expenses** (a filterable table) "
        "and **Summary** (who owes whom, totals by kind and by month). Totals are formulas, so correcting a line "
        "updates them in Excel, LibreOffice or Numbers. Text you typed is saved as plain text, so nothing in it can "
        "run as a formula."
    )
    st.download_button(
        "Download the spreadsheet", data=lambda: build_xlsx(state.current_case() or case),
        file_name=f"spreadsheet-{dt.date.today():%Y-%m-%d}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=K + "xlsx_download", icon=":material/download:", type="primary",
    )
    st.caption("The file name says nothing about what is in it. Keep the file somewhere private.")
