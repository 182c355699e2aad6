"""Reading expenses from CSV: good rows, bad rows with reasons, and whole-file problems said plainly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from casefile.expense_import import csv_template, read_expenses_csv, with_imported
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


# --- issue 19, defect 11: rows dropped or misread ------------------------------------------------------------------


def _rows(count: int, broken: dict[int, str] | None = None) -> bytes:
    lines = ["date,description,amount,paid_by"]
    lines += [f"2026-01-{i % 28 + 1:02d},row {i},5.00,Sam" for i in range(count)]
    for index, text in (broken or {}).items():
        lines[index] = text
    return ("\n".join(lines) + "\n").encode()


def test_an_unterminated_quote_costs_one_row_and_says_so(case: Case) -> None:
    """Before: one stray quote in a 1,000-row file swallowed 989 rows, and the reason did not mention the quote."""
    data = _rows(1000, {10: '2026-01-05,"broken quote,5.00,Sam'})  # file line 11
    result = read_expenses_csv(data, case)
    assert len(result.expenses) == 999 and result.problem_count == 1
    (problem,) = result.problems
    assert problem.line == 11 and "quote mark" in problem.problems[0] and "line 11" in problem.problems[0]
    assert result.good_lines[8:10] == (10, 12)  # the line after it is read as a row of its own


def test_a_stray_quote_closed_rows_later_does_not_merge_rows(case: Case) -> None:
    data = b'date,description,amount,paid_by\n2026-01-01,"open,5,Sam\n2026-01-02,Bus "ticket",3,Sam\n2026-01-03,ok,4,Sam\n'
    result = read_expenses_csv(data, case)
    assert [e.description for e in result.expenses] == ['Bus "ticket"', "ok"] and result.good_lines == (3, 4)
    assert result.problems[0].line == 2 and "quote mark" in result.problems[0].problems[0]


def test_a_cell_with_a_real_line_break_is_kept(case: Case) -> None:
    result = read_expenses_csv(b'date,description,amount,paid_by\n2026-01-01,"two\nlines",5,Sam\n2026-01-02,x,6,B\n',
                               case)
    assert [e.description for e in result.expenses] == ["two\nlines", "x"] and result.good_lines == (2, 4)


def test_a_quote_left_open_on_the_last_line_is_named(case: Case) -> None:
    result = read_expenses_csv(b'date,description,amount,paid_by\n2026-01-01,ok,4,Sam\n2026-01-03,"open,4,Sam\n', case)
    assert result.problems[0].line == 3 and "quote mark" in result.problems[0].problems[0]


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("1 234,56", ",", D("1234.56")),  # before: 123456
        ("1.234,56", ",", D("1234.56")),  # before: 1.23456
        ("1\u202f234,56", ",", D("1234.56")),  # a narrow no-break space between the thousands
        ("1,234.56", ".", D("1234.56")),
        ("€1.234", ",", D("1234")),  # three digits after the other mark: thousands, by the convention chosen
        ("1,234", ".", D("1234")),
        ("12,5", ",", D("12.5")),
        ("USD 1,000.50", ".", D("1000.50")),
        ("1'234.50", ".", D("1234.50")),
    ],
)
def test_amounts_are_read_by_the_convention_chosen(case: Case, text: str, mark: str, expected: D) -> None:
    result = read_expenses_csv(f'date;amount;paid_by\n2026-01-01;"{text}";Sam\n'.encode(), case, decimal_mark=mark)
    assert result.problems == () and result.expenses[0].amount == expected


@pytest.mark.parametrize(("text", "mark"), [("1 234,56", "."), ("1.234,56", "."), ("12,50", "."), ("1,234.56", ","),
                                            ("12.50", ",")])
def test_an_amount_only_the_other_convention_explains_is_refused_not_misread(case: Case, text: str, mark: str) -> None:
    result = read_expenses_csv(f'date;amount;paid_by\n2026-01-01;"{text}";Sam\n'.encode(), case, decimal_mark=mark)
    assert result.expenses == ()
    assert "before the cents: choose" in result.problems[0].problems[0]
    assert "under “Amounts are written like”" in result.problems[0].problems[0]


@pytest.mark.parametrize("text", ["1..2", "1,23,456", "12abc", "1e308", "NaN", "9" * 400, "1" + " " * 5000 + "x"])
def test_malformed_amounts_are_refused(case: Case, text: str) -> None:
    result = read_expenses_csv(f'date,amount,paid_by\n2026-01-01,"{text}",Sam\n'.encode(), case)
    assert result.expenses == () and result.problems[0].problems[0].startswith("amount")


def test_dates_are_limited_like_the_form(case: Case) -> None:
    """The form accepts 1 January 1990 to a year (366 days) from today; before, 9999-12-31 and 1900-01-01 passed."""
    today = dt.date(2026, 11, 23)
    text = "date,amount,paid_by\n9999-12-31,5,Sam\n1900-01-01,5,Sam\n1989-12-31,5,Sam\n1990-01-01,5,Sam\n"
    text += f"{today + dt.timedelta(days=366)},5,Sam\n{today + dt.timedelta(days=367)},5,Sam\n"
    result = read_expenses_csv(text.encode(), case, today=today)
    assert result.good_lines == (5, 6)
    assert {p.line for p in result.problems} == {2, 3, 4, 7}
    assert all("outside 1 January 1990 – 24 November 2027" in p.problems[0] for p in result.problems)


def test_reading_stops_at_the_row_limit_and_says_how_far_it_got(case: Case) -> None:
    result = read_expenses_csv(_rows(5000), case, max_rows=1000)
    assert len(result.expenses) == 1000 and result.good_lines[-1] == 1001
    assert result.stopped is not None and "line 1,001" in result.stopped


def test_problems_beyond_the_list_are_counted(case: Case) -> None:
    bad = b"date,amount,paid_by\n" + b"2026-01-01,oops,Sam\n" * 1500
    result = read_expenses_csv(bad, case)
    assert result.problem_count == 1500 and len(result.problems) == 1000
    assert any("1,500 rows have problems" in n for n in result.notes)


@pytest.mark.parametrize(("encoding", "words"), [("shift_jis", "Japanese"), ("gb18030", "Chinese")])
def test_east_asian_encodings_are_detected_and_said(case: Case, encoding: str, words: str) -> None:
    """Before: read as Windows-1252 (mojibake) with only a general note."""
    text = "date,description,amount,paid_by\n2026-01-01,東京の学校の制服と教科書,5,Sam\n2026-01-02,病院の診察料と薬代,6,B\n"
    result = read_expenses_csv(text.encode(encoding), case)
    assert [e.description for e in result.expenses] == ["東京の学校の制服と教科書", "病院の診察料と薬代"]
    assert any(words in note for note in result.notes)


def test_progress_is_reported_while_reading(case: Case) -> None:
    seen: list[int] = []
    read_expenses_csv(_rows(12_000), case, progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] >= 10_000


def test_good_rows_are_the_same_expenses_whether_kept_compact_or_not(case: Case) -> None:
    result = read_expenses_csv(GOOD.encode(), case)
    for expense in result.expenses:
        assert Expense.model_validate(expense.model_dump()) == expense
    assert result.first(1) == result.expenses[:1]
