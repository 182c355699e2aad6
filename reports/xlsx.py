"""The spreadsheet export: build_xlsx(case) -> bytes (openpyxl, write-only mode).

Sheets: "Expenses" (an Excel table with filters, one row per expense, dates as dates, money in the case's currency
format, header frozen), "Summary" (balances between the parents, totals by category and by month, paid and borne by
each parent), "Budget" (FL-150 lines with monthly equivalents) and "Assets & debts" (FL-142 lines, net worth by
owner). Everything is written as values - no formulas - so it needs no recalculation and looks the same everywhere.

Every piece of user text goes through reports.sanitize.spreadsheet_text (formula-injection safe, control characters
removed) and is stored as a string cell (never a formula cell). openpyxl's write-only mode writes the workbook; the
Expenses sheet's data rows - the only part that grows with the log - are streamed into the saved worksheet part in
chunks (_RowStream), because openpyxl's per-cell Python costs ~10 microseconds a cell. 100,000 expenses export in
about 2.5 s with ~11 MB of extra memory, against ~23 s for pandas.DataFrame.to_excel (bench/bench_xlsx.py).
openpyxl's docs warn that in write-only mode a table's column headings must be set by hand and match the header
cells, which ``_expenses_table`` does.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from calculators.expenses import (
    ExpenseSummary,
    balance_text,
    budget_totals,
    currency_for,
    monthly,
    net_worth,
    owed_to_payer,
    summarize,
)
from casefile.finances import Owner
from casefile.models import PARENT_ROLES, Case
from casefile.money import CURRENCY_SYMBOLS, format_money, round_money
from reports.sanitize import spreadsheet_text

SHEET_EXPENSES = "Expenses"
SHEET_SUMMARY = "Summary"
SHEET_BUDGET = "Budget"
SHEET_ASSETS = "Assets & debts"
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "mmm yyyy"
PERCENT_FORMAT = "0.00%"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
NOTICE = "An organiser's record, not legal advice. Amounts are as entered; check them against receipts and statements."


def money_format(currency: str) -> str:
    """Excel number format for the currency: "£"#,##0.00 with negatives as -"£"1.00."""
    symbol = CURRENCY_SYMBOLS.get(currency)
    if not symbol:
        return "#,##0.00"
    return f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'


def build_xlsx(case: Case) -> bytes:
    """The workbook as bytes (for a download button or a file)."""
    buffer = io.BytesIO()
    write_xlsx(case, buffer)
    return buffer.getvalue()


def write_xlsx(case: Case, target: str | IO[bytes]) -> None:
    """Write the workbook to a path or a binary file object."""
    currency = currency_for(case)
    summary = summarize(case.expenses.items, currency)
    wb = Workbook(write_only=True)
    book = _Book(wb, money_format(currency))
    rows = _expenses_sheet(book, case)
    _summary_sheet(book, case, summary)
    _budget_sheet(book, case)
    _assets_sheet(book, case)
    if rows is None:
        wb.save(target)
        return
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as skeleton:
        wb.save(skeleton)
        skeleton.seek(0)
        rows.fill(skeleton, target)


class _Book:
    """Cell factories for one workbook (write-only cells carry their own style)."""

    def __init__(self, wb: Workbook, money_fmt: str):
        self.wb = wb
        self.money_fmt = money_fmt

    def sheet(self, title: str, widths: Sequence[float]) -> WriteOnlyWorksheet:
        ws = self.wb.create_sheet(title)
        for index, width in enumerate(widths, 1):  # column sizes must be set before any row is written
            ws.column_dimensions[get_column_letter(index)].width = width
        return ws

    def cell(self, ws: WriteOnlyWorksheet, value: Any, kind: str = "text") -> WriteOnlyCell:
        c = WriteOnlyCell(ws)
        _put(c, value, kind, self.money_fmt)
        return c

    def row(self, ws: WriteOnlyWorksheet, values: Iterable[tuple[Any, str]]) -> None:
        ws.append([self.cell(ws, value, kind) for value, kind in values])

    def text_row(self, ws: WriteOnlyWorksheet, *texts: str, kind: str = "text") -> None:
        self.row(ws, ((t, kind) for t in texts))


def _put(c: WriteOnlyCell, value: Any, kind: str, money_fmt: str) -> None:
    """Set a cell: user text as a sanitised string cell, money rounded to the cent, dates as dates."""
    if value is None or value == "":
        c.value = None
    elif kind in ("text", "bold", "title", "head", "wrap"):
        c.value = spreadsheet_text(str(value))
        c.data_type = "s"  # never a formula, whatever the text
    elif kind == "money":
        c.value = round_money(value)
    elif kind == "percent":
        c.value = value / 100
    else:  # dates, months, plain numbers
        c.value = value
    fmt = {"money": money_fmt, "date": DATE_FORMAT, "month": MONTH_FORMAT, "percent": PERCENT_FORMAT}.get(kind)
    if fmt:
        c.number_format = fmt
    if kind in ("bold", "head"):
        c.font = BOLD
    elif kind == "title":
        c.font = TITLE
    if kind == "wrap":
        c.alignment = WRAP


# --- Expenses ----------------------------------------------------------------------------------------------------


def expense_headers(case: Case) -> list[str]:
    a, b = case.name("parent_a"), case.name("parent_b")
    return [
        "Date", "Description", "Category", "Amount", "Paid by", "Children",
        spreadsheet_text(f"Share {a} (A) %"), spreadsheet_text(f"Share {b} (B) %"), "Split from",
        "Owed to payer", "Reimbursement", "Receipt note",
    ]


def _width(texts: Iterable[str], header: str, low: int = 10, high: int = 50) -> float:
    longest = max((len(t) for t in texts), default=0)
    return float(max(low, min(high, max(longest, len(header)) + 2)))


def _expenses_sheet(book: _Book, case: Case) -> _RowStream | None:
    """The Expenses sheet's header, table and column layout through openpyxl; its data rows are streamed into the
    saved file afterwards (see _RowStream) - or, when there are none, a one-line note."""
    items = case.expenses.items
    headers = expense_headers(case)
    names = {role: case.name(role) for role in PARENT_ROLES}
    widths = [12, _width((e.description for e in items), "Description", 20), 30, 14,
              _width(names.values(), "Paid by"), _width((", ".join(e.children) for e in items), "Children"),
              len(headers[6]) + 2, len(headers[7]) + 2, 14, 15, 15,
              _width((e.receipt_note for e in items), "Receipt note", 16)]
    ws = book.sheet(SHEET_EXPENSES, widths)
    ws.freeze_panes = "A2"
    if items:
        _expenses_table(ws, headers, len(items))
    book.text_row(ws, *headers, kind="head")
    if not items:
        book.text_row(ws, "No expenses recorded yet.")
        return None
    # the styles the streamed cells use, registered in the workbook's stylesheet like any openpyxl cell's
    date_style = book.cell(ws, None, "date").style_id
    money_style = book.cell(ws, None, "money").style_id
    return _RowStream(sheet=ws, case=case, date_style=date_style, money_style=money_style)


def _expenses_table(ws: WriteOnlyWorksheet, headers: list[str], rows: int) -> None:
    """An Excel table (with filter buttons) over the header and data rows. Write-only mode cannot read the header
    back, so the columns are named here, exactly as the header cells are written."""
    ref = f"A1:{get_column_letter(len(headers))}{rows + 1}"
    table = Table(displayName="Expenses", ref=ref)
    table.tableColumns = [TableColumn(id=i, name=name) for i, name in enumerate(headers, 1)]
    table.autoFilter = AutoFilter(ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # openpyxl always warns in write-only mode; the columns are set above
        warnings.filterwarnings("ignore", message="In write-only mode you must add table columns manually")
        ws.add_table(table)


# --- Summary -----------------------------------------------------------------------------------------------------


def _summary_sheet(book: _Book, case: Case, s: ExpenseSummary) -> None:
    a, b = case.name("parent_a"), case.name("parent_b")
    ws = book.sheet(SHEET_SUMMARY, [44, 16, 16, 16, 40])
    book.text_row(ws, "Shared expenses: summary", kind="title")
    book.text_row(ws, f"Prepared {dt.date.today():%Y-%m-%d}. Amounts in {s.currency or 'the local currency'}. "
                      f"{NOTICE}")
    book.text_row(ws, "")
    book.text_row(ws, "Balance between the parents", kind="bold")
    book.row(ws, [(f"Owed to {a} ({b}'s shares of what {a} paid)", "text"), (s.balance.owed_to_a, "money")])
    book.row(ws, [(f"Owed to {b} ({a}'s shares of what {b} paid)", "text"), (s.balance.owed_to_b, "money")])
    result = balance_text(s.balance, case, format_money(s.balance.amount, s.currency))
    book.row(ws, [("Result after setting one against the other", "bold"), (s.balance.amount, "money"),
                  (result, "bold")])
    book.row(ws, [("Already paid back (not in the balance)", "text"), (s.paid_back, "money")])
    book.row(ws, [("Disputed (included in the balance)", "text"), (s.disputed, "money")])
    book.text_row(ws, "")
    book.text_row(ws, "Totals by category", "Total", kind="head")
    for category, total in s.by_category.items():
        book.row(ws, [(category.label, "text"), (total, "money")])
    book.row(ws, [(f"All expenses ({s.count})", "bold"), (s.total, "money")])
    book.text_row(ws, "")
    book.text_row(ws, "Totals by month", "Total", f"Owed to {a}", f"Owed to {b}", "Result for the month",
                  kind="head")
    for month, total in s.by_month.items():
        bal = s.balance_by_month[month]
        first = dt.date(int(month[:4]), int(month[5:]), 1)
        book.row(ws, [(first, "month"), (total, "money"), (bal.owed_to_a, "money"), (bal.owed_to_b, "money"),
                      (balance_text(bal, case, format_money(bal.amount, s.currency)), "text")])
    book.text_row(ws, "")
    book.text_row(ws, "Each parent", "Paid up front", "Share of the costs", kind="head")
    for role in PARENT_ROLES:
        book.row(ws, [(case.name(role), "text"), (s.paid_by[role], "money"), (s.borne_by[role], "money")])


# --- Budget ------------------------------------------------------------------------------------------------------


def _budget_sheet(book: _Book, case: Case) -> None:
    totals = budget_totals(case)
    ws = book.sheet(SHEET_BUDGET, [48, 30, 14, 16, 16, 12])
    book.text_row(ws, f"Monthly budget: {case.name(case.you)}", kind="title")
    book.text_row(ws, "Categories as on California form FL-150 (average monthly expenses). Monthly equivalent = "
                      "yearly amount / 12. " + NOTICE)
    book.text_row(ws, "")
    book.text_row(ws, "Category", "Description", "Amount entered", "How often", "Per month", "Figure is",
                  kind="head")
    for line in case.budget.lines:
        book.row(ws, [(line.category.label, "text"), (line.description, "text"), (line.amount, "money"),
                      (line.frequency.label, "text"), (monthly(line), "money"), (line.basis.label, "text")])
    book.text_row(ws, "")
    book.text_row(ws, "Per month by category", "", "", "", "Per month", kind="head")
    for category, value in totals.by_category.items():
        book.row(ws, [(category.label, "text"), (None, ""), (None, ""), (None, ""), (value, "money")])
    book.row(ws, [("Total monthly expenses", "bold"), (None, ""), (None, ""), (None, ""), (totals.total, "money")])
    book.row(ws, [("Paid by others", "text"), (None, ""), (None, ""), (None, ""),
                  (totals.paid_by_others, "money") if totals.paid_by_others is not None else ("not entered", "text")])
    if totals.unknown_lines:
        book.text_row(ws, "Not counted (amount not known yet): " + "; ".join(totals.unknown_lines))
    book.row(ws, [("Your gross income per month", "text"), (None, ""), (None, ""), (None, ""),
                  (totals.income_monthly, "money") if totals.income_monthly is not None else ("not known", "text")])


# --- Assets & debts ----------------------------------------------------------------------------------------------


def _assets_sheet(book: _Book, case: Case) -> None:
    ad = case.assets_debts
    worth = net_worth(case)
    ws = book.sheet(SHEET_ASSETS, [44, 34, 12, 14, 16, 16, 16])
    book.text_row(ws, "Assets and debts", kind="title")
    book.text_row(ws, "Categories as on California form FL-142. 'Whose' is as the person entering them sees it. "
                      + NOTICE)
    book.text_row(ws, "")
    book.text_row(ws, "Assets", kind="bold")
    book.text_row(ws, "Category", "Description", "Whose", "Date acquired", "Value", "Amount owed", "Value less owed",
                  kind="head")
    for asset in ad.assets:
        equity = None if asset.value is None else asset.value - (asset.amount_owed or Decimal(0))
        book.row(ws, [(asset.category.label, "text"), (asset.description, "text"), (asset.owner.label, "text"),
                      (asset.date_acquired, "date"), (asset.value, "money"), (asset.amount_owed, "money"),
                      (equity, "money")])
    book.text_row(ws, "")
    book.text_row(ws, "Debts", kind="bold")
    book.text_row(ws, "Category", "Description", "Whose", "Date incurred", "", "Amount owed", kind="head")
    for debt in ad.debts:
        book.row(ws, [(debt.category.label, "text"), (debt.description, "text"), (debt.owner.label, "text"),
                      (debt.date_incurred, "date"), (None, ""), (debt.amount_owed, "money")])
    book.text_row(ws, "")
    book.text_row(ws, "Net worth by whose", "", "", "Assets", "Owed on assets", "Debts", "Net", kind="head")
    for owner in Owner:
        t = worth.by_owner[owner]
        book.row(ws, [(owner.label, "text"), (None, ""), (None, ""), (t.assets, "money"), (t.owed_on_assets, "money"),
                      (t.debts, "money"), (t.net, "money")])
    t = worth.total
    book.row(ws, [("Total", "bold"), (None, ""), (None, ""), (t.assets, "money"), (t.owed_on_assets, "money"),
                  (t.debts, "money"), (t.net, "money")])
    if worth.unknown_items:
        book.text_row(ws, "Not counted (not known yet): " + "; ".join(worth.unknown_items))


# --- streaming the expense rows ----------------------------------------------------------------------------------

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 0 in the 1900 date system (serials from 1900-03-01 on)
ROWS_PER_CHUNK = 2000


class _RowStream:
    """Writes the Expenses sheet's data rows straight into the worksheet part of the saved workbook.

    openpyxl's per-cell machinery costs ~10 microseconds a cell in pure Python; 100,000 expenses are 1.2 million
    cells. So openpyxl writes the workbook (styles, the header, the table, the other sheets) and this class copies
    that file into the target, inserting the rows - serialised exactly as openpyxl would, with inline strings - before
    ``</sheetData>`` in chunks, so memory stays bounded. Text cells are sanitised (formula-safe, control characters
    removed) and XML-escaped; they are typed ``inlineStr``, which Excel never evaluates as a formula.
    """

    def __init__(self, *, sheet: WriteOnlyWorksheet, case: Case, date_style: int, money_style: int):
        self.sheet = sheet
        self.case = case
        self.date_style = date_style
        self.money_style = money_style

    def fill(self, skeleton: IO[bytes], target: str | IO[bytes]) -> None:
        part = self.sheet.path.lstrip("/")  # known once the workbook is saved
        with zipfile.ZipFile(skeleton) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename != part:
                    out.writestr(info, data)
                    continue
                head, tail = data.decode("utf-8").split("</sheetData>", 1)
                part_info = zipfile.ZipInfo(info.filename, info.date_time)
                part_info.compress_type = zipfile.ZIP_DEFLATED
                with out.open(part_info, "w") as sheet:
                    sheet.write(head.encode("utf-8"))
                    for chunk in self._chunks():
                        sheet.write(chunk.encode("utf-8"))
                    sheet.write(("</sheetData>" + tail).encode("utf-8"))

    def _chunks(self) -> Iterable[str]:
        case = self.case
        names = {role: _inline(case.name(role)) for role in PARENT_ROLES}
        labels: dict[Any, str] = {}

        def label(member: Any) -> str:
            if member not in labels:
                labels[member] = _inline(member.label)
            return labels[member]

        sd, sm = self.date_style, self.money_style
        buffer: list[str] = []
        for r, e in enumerate(case.expenses.items, 2):
            buffer.append(
                f'<row r="{r}">'
                f'<c r="A{r}" s="{sd}"><v>{(e.date - EXCEL_EPOCH).days}</v></c>'
                f"{_str_cell('B', r, _inline(e.description))}"
                f"{_str_cell('C', r, label(e.category))}"
                f'<c r="D{r}" s="{sm}"><v>{_number(e.amount)}</v></c>'
                f"{_str_cell('E', r, names[e.paid_by])}"
                f"{_str_cell('F', r, _inline(', '.join(e.children)))}"
                f'<c r="G{r}"><v>{_number(e.share_a)}</v></c>'
                f'<c r="H{r}"><v>{_number(e.share_b)}</v></c>'
                f"{_str_cell('I', r, label(e.share_basis))}"
                f'<c r="J{r}" s="{sm}"><v>{_number(owed_to_payer(e))}</v></c>'
                f"{_str_cell('K', r, label(e.status))}"
                f"{_str_cell('L', r, _inline(e.receipt_note))}"
                "</row>"
            )
            if len(buffer) >= ROWS_PER_CHUNK:
                yield "".join(buffer)
                buffer.clear()
        if buffer:
            yield "".join(buffer)


def _inline(text: str) -> str:
    """User text for an inline string cell: sanitised and XML-escaped ("" for nothing)."""
    return escape(spreadsheet_text(text))


def _str_cell(column: str, row: int, escaped: str) -> str:
    if not escaped:
        return ""
    return f'<c r="{column}{row}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def _number(value: Decimal) -> str:
    """A Decimal in plain notation ("1250.5", never "1.2505E+3"), trailing zeros dropped."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
