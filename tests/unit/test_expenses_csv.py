"""Reading expenses from CSV: good rows, bad rows with reasons, and whole-file problems said plainly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from calculators.expenses import csv_template, read_expenses_csv, with_imported
from casefile.finances import Expense, ExpenseCategory, ExpenseLog, ReimbursementStatus, ShareBasis
from casefile.models import Case, Parent


@pytest.fixture
def case() -> Case:
    return Case(
        parent_a=Parent(display_name="Sam"), parent_b=Parent(display_name="Jordan"),
        expenses=ExpenseLog(category_splits={ExpenseCategory.HEALTH: D(30)}),
    )


GOOD = (
    "Date,Description,Category,Amount,Paid by,Children,Share A,Status,Receipt note\n"
    "2026-03-01,Dentist,Medical and dental (not covered),58.40,Jordan,Maya,,Requested,Invoice\n"
    '2026-03-05,"Shoes, school",clothing,£42.00,sam,Leo; Maya,60,paid,\n'
    "2026-03-09,Bus,,3.10,A,,,,\n"
)


def test_good_file(case: Case) -> None:
    result = read_expenses_csv(GOOD.encode(), case)
    assert result.error is None and result.problems == ()
    first, second, third = result.expenses
    assert first == Expense(date=dt.date(2026, 3, 1), description="Dentist", category=ExpenseCategory.HEALTH,
                            amount=D("58.40"), paid_by="parent_b", children=("Maya",), share_a=D(30),
                            share_basis=ShareBasis.CATEGORY, status=ReimbursementStatus.REQUESTED,
                            receipt_note="Invoice")  # no share given: the category's usual split (30)
    assert second.description == "Shoes, school" and second.amount == D("42.00") and second.paid_by == "parent_a"
    assert second.children == ("Leo", "Maya") and second.share_a == D(60) and second.share_basis is ShareBasis.CUSTOM
    assert second.status is ReimbursementStatus.PAID
    assert third.category is ExpenseCategory.OTHER and third.share_a == D(50) and third.paid_by == "parent_a"
    assert result.good_lines == (2, 3, 4)
    assert result.rows_read == 3


def test_bad_rows_are_listed_with_reasons_and_good_rows_kept(case: Case) -> None:
    text = (
        "date,description,category,amount,paid_by\n"
        "2026-03-01,ok,,10.00,Sam\n"  # line 2: good
        "2026-02-30,bad date,,10.00,Sam\n"  # line 3
        "2026-03-02,negative,,-5,Sam\n"  # line 4
        "2026-03-03,who?,,5,Alex\n"  # line 5
        "2026-03-04,cat,Groceries,5,Sam\n"  # line 6: not an expense-log category
        '2026-03-05,comma,,"12,50",Sam\n'  # line 7: a decimal comma is refused, not read as 1250
        "2026-03-06,extra,,5,Sam,oops\n"  # line 8: more cells than columns
        "\n"  # line 9: blank, counted
        "31/03/2026,wrong order,,5,Sam\n"  # line 10: not year-month-day
        "2026-03-07,ok too,,7.5,B\n"  # line 11: good
    )
    result = read_expenses_csv(text.encode(), case)
    assert result.error is None
    assert [e.description for e in result.expenses] == ["ok", "ok too"]
    assert result.good_lines == (2, 11)
    problems = {p.line: " ".join(p.problems) for p in result.problems}
    assert set(problems) == {3, 4, 5, 6, 7, 8, 10}
    assert "not a real date" in problems[3]
    assert "more than 0" in problems[4]
    assert "neither Sam nor Jordan" in problems[5]
    assert "Groceries" in problems[6] and "Child care" in problems[6]  # lists what is allowed
    assert "comma" in problems[7]
    assert "6 cells" in problems[8]
    assert "year-month-day" in problems[10]
    assert result.problems[0].values["description"] == "bad date"  # the row is shown as read
    assert result.blank_lines == 1 and any("blank" in n for n in result.notes)
    # nothing silently dropped: every data line is a good row, a problem, or a counted blank
    assert result.rows_read == 10 == len(result.expenses) + len(result.problems) + result.blank_lines


def test_a_row_can_have_several_problems(case: Case) -> None:
    result = read_expenses_csv(b"date,amount,paid_by\nnot a date,abc,nobody\n", case)
    (problem,) = result.problems
    assert len(problem.problems) == 3


def test_date_order_day_month_year(case: Case) -> None:
    text = b"date,amount,paid_by\n31/03/2026,5,Sam\n01/04/2026,6,Sam\n"
    result = read_expenses_csv(text, case, date_order="dmy")
    assert [e.date for e in result.expenses] == [dt.date(2026, 3, 31), dt.date(2026, 4, 1)]
    us = read_expenses_csv(b"date,amount,paid_by\n03/31/2026,5,Sam\n", case, date_order="mdy")
    assert us.expenses[0].date == dt.date(2026, 3, 31)


def test_semicolons_and_tabs(case: Case) -> None:
    semi = read_expenses_csv(b"date;amount;paid by\n2026-01-02;5.00;Sam\n", case)
    assert len(semi.expenses) == 1 and any("semicolons" in n for n in semi.notes)
    tabs = read_expenses_csv(b"date\tamount\tpaid by\n2026-01-02\t5.00\tJordan\n", case)
    assert tabs.expenses[0].paid_by == "parent_b"


def test_encodings(case: Case) -> None:
    bom = read_expenses_csv("\ufeffdate,amount,paid_by,description\n2026-01-02,5,Sam,Café\n".encode(), case)
    assert bom.expenses[0].description == "Café" and bom.notes == ()
    windows = "date,amount,paid_by,description\n2026-01-02,£5,Sam,Café\n".encode("cp1252")
    legacy = read_expenses_csv(windows, case)
    assert legacy.expenses[0].description == "Café" and legacy.expenses[0].amount == D(5)
    assert any("Windows-1252" in n for n in legacy.notes)  # said, not silent
    utf16 = read_expenses_csv("date\tamount\tpaid_by\n2026-01-02\t5\tSam\n".encode("utf-16"), case)
    assert len(utf16.expenses) == 1


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"PK\x03\x04rest-of-a-zip", "CSV UTF-8"),
        (b"date amount paid_by\n2026-01-01 5 Sam\n", "Only one column"),
        (b"when,how much,who\n2026-01-01,5,Sam\n", "no column for: date, amount, paid by"),
        (b"date,amount\n2026-01-01,5\n", "no column for: paid by"),
        (b"\x00\x01\x02binary", "text (CSV)"),
    ],
)
def test_whole_file_problems(case: Case, data: bytes, words: str) -> None:
    result = read_expenses_csv(data, case)
    assert result.error is not None and words in result.error
    assert result.expenses == () and result.problems == ()


def test_missing_columns_message_lists_what_was_found(case: Case) -> None:
    result = read_expenses_csv(b"when,cost,who\n", case)
    assert result.error is not None and "Columns found: when, cost, who" in result.error


def test_same_names_need_a_or_b() -> None:
    twins = Case(parent_a=Parent(display_name="Alex"), parent_b=Parent(display_name="Alex"))
    result = read_expenses_csv(b"date,amount,paid_by\n2026-01-01,5,Alex\n2026-01-01,5,B\n", twins)
    assert "write A or B" in result.problems[0].problems[0]
    assert result.expenses[0].paid_by == "parent_b"


def test_duplicates_are_flagged_but_kept(case: Case) -> None:
    existing = Expense(date=dt.date(2026, 1, 1), amount=D(5), paid_by="parent_a", description="Bus")
    case = case.model_copy(update={"expenses": ExpenseLog(items=(existing,))})
    result = read_expenses_csv(b"date,amount,paid_by,description\n2026-01-01,5,Sam,Bus\n", case)
    assert len(result.expenses) == 1 and any("already in your log" in n for n in result.notes)


def test_template_reads_back_cleanly(case: Case) -> None:
    result = read_expenses_csv(csv_template(case).encode(), case)
    assert result.error is None and result.problems == () and len(result.expenses) == 2


def test_with_imported_adds_in_date_order(case: Case) -> None:
    log = ExpenseLog(items=(Expense(date=dt.date(2026, 2, 1), amount=D(1)),))
    result = read_expenses_csv(b"date,amount,paid_by\n2026-03-01,5,Sam\n2026-01-01,6,Sam\n", case)
    merged = with_imported(log, result)
    assert [e.date.month for e in merged.items] == [1, 2, 3]


def test_overlong_text_is_a_row_problem_not_truncated(case: Case) -> None:
    long = "x" * 201
    result = read_expenses_csv(f"date,amount,paid_by,description\n2026-01-01,5,Sam,{long}\n".encode(), case)
    assert result.expenses == () and "at most 200" in result.problems[0].problems[0]
