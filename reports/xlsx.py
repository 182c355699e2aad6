"""The spreadsheet export: build_xlsx(case, results) -> bytes (openpyxl for the workbook, rows written by us).

Sheets, in order:
  About           who prepared it, the place, the date, the parties' names, "an estimate, not legal advice"
  Income          each income item and deduction as entered, how often, a year and a month, how it is known
  Child support   the estimate's worksheet: each line, its amount, the law or official source, where it was read
  Budget          monthly budget under the place's financial-statement headings, marked estimated/actual/proposed
  Assets & debts  under the place's headings, whose by name, and net worth by whose
  Expenses        the shared-expense log (an Excel table with filters)
  Summary         balances between the parents, totals by category and month, what each paid and bears

Totals, balances, shares and conversions are live formulas, so a corrected line updates them in Excel and
LibreOffice; each formula also carries the value the app computed (calculators/), so a viewer that does not
recalculate shows the same figures. openpyxl writes formulas without a cached value, so openpyxl writes the workbook
(styles, column widths, frozen panes, the table) and this module writes every sheet's rows itself (``_fill``) in
the XML openpyxl would write, adding the cached ``<v>``. That also keeps the export fast: openpyxl's per-cell Python
costs ~10 microseconds a cell and 100,000 expenses are 1.3 million cells, so the Expenses rows are streamed in chunks
(bench/bench_xlsx.py compares it with pandas.DataFrame.to_excel).

Safety: every piece of text the person typed goes through reports.sanitize.spreadsheet_text and is written as an
inline string (``t="inlineStr"``), which Excel never evaluates; formulas contain only cell references and the app's
own words, never typed text (names are compared through the About sheet's cells).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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

from calculators.expenses import currency_for, monthly, owed_to_payer
from calculators.summary import CaseResults
from casefile.finances import Owner, ReimbursementStatus
from casefile.models import PARENT_ROLES, Amount, Case, Deduction, IncomeItem, ParentRole, other_role
from casefile.money import CURRENCY_SYMBOLS, Frequency, Period, format_money
from reports.citations import split_cite
from reports.facts import day, place_name
from reports.financial_forms import statement_for, whose
from reports.sanitize import spreadsheet_text

SHEET_FRONT = "About"
SHEET_INCOME = "Income"
SHEET_SUPPORT = "Child support"
SHEET_BUDGET = "Budget"
SHEET_ASSETS = "Assets & debts"
SHEET_EXPENSES = "Expenses"
SHEET_SUMMARY = "Summary"
SHEETS = (SHEET_FRONT, SHEET_INCOME, SHEET_SUPPORT, SHEET_BUDGET, SHEET_ASSETS, SHEET_EXPENSES, SHEET_SUMMARY)

DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "mmm yyyy"
NOTICE = "An estimate and an organiser's record, not legal advice. Amounts are as entered; check them against " \
         "receipts and statements."
FORMULAS_NOTE = "Totals, balances, shares and conversions are formulas: correct a line and they update."
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 0 in the 1900 date system (serials from 1900-03-01 on)
ROWS_PER_CHUNK = 2000
PAID_BACK = ReimbursementStatus.PAID.label
DISPUTED = ReimbursementStatus.DISPUTED.label
JOINT, NOT_SURE = Owner.JOINT.label, Owner.UNSURE.label


def money_format(currency: str) -> str:
    """Excel number format for the currency: "£"#,##0.00 with negatives as -"£"1.00."""
    symbol = CURRENCY_SYMBOLS.get(currency)
    if not symbol:
        return "#,##0.00"
    return f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'


def party_labels(case: Case) -> dict[ParentRole, str]:
    """The parties' names as the workbook writes them: sanitised, and told apart with (A) and (B) when they would
    otherwise be the same (the same name, or a name such as "Joint"), so that every formula that matches on a name
    counts the right rows."""
    names = {role: spreadsheet_text(case.name(role)) for role in PARENT_ROLES}
    taken = {JOINT.casefold(), NOT_SURE.casefold()}
    if names["parent_a"].casefold() == names["parent_b"].casefold() or taken & {n.casefold() for n in names.values()}:
        return {"parent_a": f"{names['parent_a']} (A)", "parent_b": f"{names['parent_b']} (B)"}
    return names


def owner_label(case: Case, labels: dict[ParentRole, str], owner: Owner) -> str:
    """Whose, by the workbook's party labels (reports.financial_forms.whose for the PDF)."""
    if owner is Owner.MINE:
        return labels[case.you]
    if owner is Owner.THEIRS:
        return labels[other_role(case.you)]
    return whose(case, owner)


def build_xlsx(case: Case, results: CaseResults | None = None, *, today: dt.date | None = None) -> bytes:
    """The workbook as bytes (for a download button or a file). ``results`` as computed for the report
    (calculators.summary.compute_results); computed here when not given."""
    buffer = io.BytesIO()
    write_xlsx(case, buffer, results, today=today)
    return buffer.getvalue()


def write_xlsx(case: Case, target: str | IO[bytes], results: CaseResults | None = None, *,
               today: dt.date | None = None) -> None:
    """Write the workbook to a path or a binary file object."""
    if results is None:
        from calculators.summary import compute_results

        results = compute_results(case, today=today)
    book = _Book(case, results, today or dt.date.today())
    _front_sheet(book)
    _income_sheet(book)
    _support_sheet(book)
    _budget_sheet(book)
    _assets_sheet(book)
    _expenses_sheet(book)
    _summary_sheet(book)
    book.save(target)


# --- cells and rows ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class C:
    """One cell: a value of a kind (text, bold, title, head, wrap, money, money_bold, number, date, month), or a
    formula (without "=") with the value the app computed for it."""

    value: Any = None
    kind: str = "text"
    formula: str | None = None


TEXT_KINDS = frozenset({"text", "bold", "title", "head", "wrap"})
WRAPPED = frozenset({"head", "wrap"})
TOP = Alignment(vertical="top")  # a row with a wrapped cell reads from its top line
WRAP = Alignment(wrap_text=True, vertical="top")
STYLES: dict[str, dict[str, Any]] = {
    "text": {"alignment": TOP},
    "bold": {"font": Font(bold=True), "alignment": TOP},
    "head": {"font": Font(bold=True), "alignment": WRAP},
    "title": {"font": Font(bold=True, size=14)},
    "wrap": {"alignment": WRAP},
    "money": {"number_format": "MONEY", "alignment": TOP},
    "money_bold": {"number_format": "MONEY", "font": Font(bold=True), "alignment": TOP},
    "number": {"number_format": "0.##", "alignment": TOP},
    "date": {"number_format": DATE_FORMAT, "alignment": TOP},
    "month": {"number_format": MONTH_FORMAT, "alignment": TOP},
}


def _number(value: Decimal | int | float) -> str:
    """A number in plain notation ("1250.5", never "1.2505E+3"), trailing zeros dropped."""
    text = format(Decimal(value) if not isinstance(value, Decimal) else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _inline(text: str) -> str:
    """User text for an inline string cell: sanitised and XML-escaped ("" for nothing)."""
    return escape(spreadsheet_text(text))


@dataclass
class _Sheet:
    """A worksheet's layout (through openpyxl) and its rows (XML written by us, see _fill)."""

    ws: WriteOnlyWorksheet
    book: _Book
    widths: Sequence[float] = ()
    rows: list[str] = field(default_factory=list)
    stream: Iterable[str] | None = None  # the Expenses rows: generated while the file is written
    count: int = 0

    @property
    def next_row(self) -> int:
        return self.count + 1

    def add(self, *cells: C | None) -> int:
        """Append a row; returns its number (1-based)."""
        self.count += 1
        r = self.count
        xml = "".join(self.book.cell_xml(f"{get_column_letter(i)}{r}", c) for i, c in enumerate(cells, 1) if c)
        lines = max((self._lines(c, i) for i, c in enumerate(cells) if c and c.kind in WRAPPED), default=1)
        height = f' ht="{15 * lines}" customHeight="1"' if lines > 1 else ""
        self.rows.append(f'<row r="{r}"{height}>{xml}</row>')
        return r

    def _lines(self, c: C, index: int) -> int:
        """Lines a wrapped cell needs at its column's width (a row's height is not worked out by every program)."""
        width = self.widths[index] if index < len(self.widths) else 10
        return max(1, -(-len(str(c.value or "")) // max(1, int(width * 1.05))))

    def blank(self) -> None:
        self.count += 1

    def texts(self, *texts: str, kind: str = "text") -> int:
        return self.add(*(C(t, kind) if t else None for t in texts))


class _Book:
    """The workbook being built: openpyxl's skeleton, the style ids, the sheets' rows, and the facts they share."""

    def __init__(self, case: Case, results: CaseResults, today: dt.date):
        self.case = case
        self.results = results
        self.today = today
        self.currency = results.currency or currency_for(case)
        self.labels = party_labels(case)
        self.forms = statement_for(case)
        self.wb = Workbook(write_only=True)
        self.wb.calculation.fullCalcOnLoad = True  # Excel recalculates on opening; the cached values are the app's
        self.sheets: dict[str, _Sheet] = {}
        self.style: dict[str, int] = {}
        self.name_cell: dict[ParentRole, str] = {}  # the About cells holding the parties' names (formulas use them)
        self.monthly_cell: dict[tuple[str, ParentRole], str] = {}  # ("income" | "deductions", role) -> Income cell

    def sheet(self, title: str, widths: Sequence[float], freeze: str | None = None) -> _Sheet:
        ws = self.wb.create_sheet(title)
        for index, width in enumerate(widths, 1):  # column sizes must be set before any row is written
            ws.column_dimensions[get_column_letter(index)].width = width
        if freeze:
            ws.freeze_panes = freeze
        if not self.style:
            self._register_styles(ws)
        ws.page_setup.orientation = "landscape"  # printed: one page wide, as many long as it takes
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheets[title] = sheet = _Sheet(ws=ws, book=self, widths=widths)
        return sheet

    def _register_styles(self, ws: WriteOnlyWorksheet) -> None:
        """Each kind of cell's style, registered in the workbook's stylesheet the way openpyxl registers its own."""
        for kind, attrs in STYLES.items():
            cell = WriteOnlyCell(ws)
            for name, value in attrs.items():
                setattr(cell, name, money_format(self.currency) if value == "MONEY" else value)
            self.style[kind] = cell.style_id

    def cell_xml(self, ref: str, c: C) -> str:
        style = self.style.get(c.kind, 0)
        s = f' s="{style}"' if style else ""
        if c.formula is not None:
            formula = escape(c.formula)
            if c.value is None or c.value == "":
                return f'<c r="{ref}"{s} t="str"><f>{formula}</f><v></v></c>'
            if isinstance(c.value, str):
                return f'<c r="{ref}"{s} t="str"><f>{formula}</f><v>{escape(c.value)}</v></c>'
            return f'<c r="{ref}"{s}><f>{formula}</f><v>{_cached(c.value, c.kind)}</v></c>'
        if c.value is None or c.value == "":
            return f'<c r="{ref}"{s}/>' if style else ""
        if c.kind in TEXT_KINDS:
            return (f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_inline(str(c.value))}</t></is>'
                    "</c>")
        return f'<c r="{ref}"{s}><v>{_cached(c.value, c.kind)}</v></c>'

    def money(self, amount: Decimal | None) -> str:
        return format_money(amount, self.currency)

    def save(self, target: str | IO[bytes]) -> None:
        with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as skeleton:
            self.wb.save(skeleton)
            skeleton.seek(0)
            _fill(skeleton, target, {s.ws.path.lstrip("/"): s for s in self.sheets.values()})


def _cached(value: Any, kind: str) -> str:
    if kind in ("date", "month"):
        return str((value - EXCEL_EPOCH).days)
    if isinstance(value, bool):
        return "1" if value else "0"
    return _number(value)


def _fill(skeleton: IO[bytes], target: str | IO[bytes], sheets: dict[str, _Sheet]) -> None:
    """Copy the saved skeleton into ``target``, putting each sheet's rows inside its ``<sheetData>``."""
    with zipfile.ZipFile(skeleton) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            sheet = sheets.get(info.filename)
            if sheet is None:
                out.writestr(info, data)
                continue
            head, tail = data.decode("utf-8").split("</sheetData>", 1)
            part_info = zipfile.ZipInfo(info.filename, info.date_time)
            part_info.compress_type = zipfile.ZIP_DEFLATED
            with out.open(part_info, "w") as part:
                part.write(head.encode("utf-8"))
                part.write("".join(sheet.rows).encode("utf-8"))
                for chunk in sheet.stream or ():
                    part.write(chunk.encode("utf-8"))
                part.write(("</sheetData>" + tail).encode("utf-8"))


def _sheet_ref(title: str) -> str:
    """How a formula names a sheet: quoted when the name has spaces or symbols."""
    return title if title.isalnum() else "'" + title.replace("'", "''") + "'"


# --- About ---------------------------------------------------------------------------------------------------------


def _front_sheet(book: _Book) -> None:
    case = book.case
    sh = book.sheet(SHEET_FRONT, [30, 70])
    sh.texts("Money record for a consultation", kind="title")
    sh.add(C("An estimate, not legal advice", "bold"))
    sh.blank()
    sh.add(C("Prepared by"), C(case.name(case.you)))
    sh.add(C("Place"), C(place_name(case)))
    sh.add(C("Date"), C(book.today, "date"))
    sh.add(C("Currency"), C(book.currency or "not known"))
    for role, title in (("parent_a", "Party A"), ("parent_b", "Party B")):
        r = sh.add(C(title), C(book.labels[role], "bold"))
        book.name_cell[role] = f"{SHEET_FRONT}!$B${r}"
    sh.blank()
    sh.add(C(NOTICE))
    sh.add(C(FORMULAS_NOTE))
    sh.blank()
    sh.texts("Sheet", "What it holds", kind="head")
    for title, what in (
        (SHEET_INCOME, "Each income and deduction as entered, how often, a year and a month, and how it is known"),
        (SHEET_SUPPORT, "The child-support estimate line by line, with the law each line rests on"),
        (SHEET_BUDGET, f"{case.name(case.you)}'s monthly budget ({book.forms.budget.described})"),
        (SHEET_ASSETS, f"Assets and debts ({book.forms.assets.described}) and net worth by whose they are"),
        (SHEET_EXPENSES, "The shared-expense log, one row an expense"),
        (SHEET_SUMMARY, "Who owes whom for the shared expenses, by category and by month"),
    ):
        sh.add(C(title, "bold"), C(what, "wrap"))


# --- Income --------------------------------------------------------------------------------------------------------


def _times_a_year(item: Amount, hours_cell: str | None = None) -> C:
    """How many times a year the amount comes: a number; for an hourly rate, hours a week x 52 (a formula on
    ``hours_cell`` when the sheet has the hours)."""
    if item.frequency is Frequency.HOURLY:
        hours = item.hours_per_week
        value = hours * 52 if hours is not None else None
        if hours_cell is None:
            return C(value, "number")
        return C(value, "number", formula=f'IF({hours_cell}="","",{hours_cell}*52)')
    return C(item.frequency.periods_per_year, "number")


def _amount_block(book: _Book, sh: _Sheet, role: ParentRole, title: str, items: Sequence[IncomeItem | Deduction],
                  known: bool) -> None:
    parent = book.case.parent(role)
    sh.add(C(f"{title}: {book.labels[role]}", "bold"))
    if not items:
        sh.add(C("None entered"))
        return
    first = sh.next_row
    for item in items:
        r = sh.next_row
        annual = item.annual()
        how = (item.known_from.label if item.known_from else "not answered") if known else None  # type: ignore[union-attr]
        sh.add(
            C(item.kind.label), C(item.description),
            C(item.amount, "money"), C(item.frequency.label),
            C(item.hours_per_week, "number"), _times_a_year(item, f"E{r}"),
            C(annual, "money", formula=f'IF(C{r}="","",C{r}*F{r})'),
            C(None if annual is None else annual / Period.MONTH.per_year, "money", formula=f'IF(G{r}="","",G{r}/12)'),
            C(how) if known else None,
        )
    last = sh.next_row - 1
    total = parent.annual_income() if known else parent.annual_deductions()
    unknown = f'COUNTBLANK(C{first}:C{last})>0'
    book.monthly_cell["income" if known else "deductions", role] = f"{SHEET_INCOME}!$H${sh.next_row}"
    sh.add(C("Total", "bold"), None, None, None, None, None,
           C(total if total is not None else "not known yet", "money_bold",
             formula=f'IF({unknown},"not known yet",SUM(G{first}:G{last}))'),
           C(total / 12 if total is not None else "not known yet", "money_bold",
             formula=f'IF({unknown},"not known yet",SUM(H{first}:H{last}))'))


def _income_sheet(book: _Book) -> None:
    case = book.case
    sh = book.sheet(SHEET_INCOME, [34, 30, 14, 16, 10, 12, 16, 14, 40], freeze="A4")
    sh.texts("Income and deductions, as entered", kind="title")
    sh.add(C("A year = amount x times a year; a month = a year / 12. " + NOTICE))
    sh.texts("Kind", "What", "Amount entered", "How often", "Hours a week", "Times a year", "A year", "A month",
             "How it is known", kind="head")
    for role in PARENT_ROLES:
        _amount_block(book, sh, role, "Income", case.parent(role).income, known=True)
        sh.blank()
    for role in PARENT_ROLES:
        _amount_block(book, sh, role, "Deductions", case.parent(role).deductions, known=False)
        sh.blank()


# --- Child support -------------------------------------------------------------------------------------------------


def _support_sheet(book: _Book) -> None:
    case, est = book.case, book.results.estimate
    sh = book.sheet(SHEET_SUPPORT, [46, 16, 18, 70, 70], freeze="A5")
    sh.texts("Child-support estimate: the worksheet", kind="title")
    if est is None:
        sh.add(C("No estimate: " + (book.results.reason("estimate") or "not available yet"), "wrap"))
        return
    if est.amount is None:
        headline = "No amount yet: " + "; ".join(est.missing)
    elif not est.payer or est.payee is None:
        headline = "On these figures the guideline gives no child support to pay (estimate)."
    else:
        headline = (f"Estimate: {case.name(est.payer)} pays {case.name(est.payee)} about {book.money(est.amount)} "
                    f"{est.period.label}.")
    sh.add(C(headline, "bold"))
    sh.add(C(f"{est.jurisdiction_name}; rules in force on {day(est.as_of)}. The figures are the app's calculation "
             "(the law's steps are not spreadsheet formulas). An estimate, not legal advice."))
    sh.texts("Line", "Amount", "Value", "Law or official source", "Where the figure was read (for professionals)",
             kind="head")
    for line in est.lines:
        split = split_cite(est.jurisdiction, line.reference)
        where = "; ".join(split.provenance)
        if split.confidence:
            where = f"Confidence: {split.confidence}. {where}".strip()
        sh.add(C(line.label, "bold" if line.kind == "result" else "wrap"), C(line.amount, "money"),
               C(line.value), C(split.citation, "wrap"), C(where, "wrap"))


# --- Budget --------------------------------------------------------------------------------------------------------


def _budget_sheet(book: _Book) -> None:
    case, scheme = book.case, book.forms.budget
    totals = book.results.budget
    sh = book.sheet(SHEET_BUDGET, [50, 30, 14, 16, 12, 14, 12], freeze="A4")
    sh.texts(f"Monthly budget: {case.name(case.you)}", kind="title")
    sh.add(C(f"Headings: {scheme.described}. {scheme.note} A month = amount x times a year / 12. {NOTICE}".replace(
        "  ", " ")))
    sh.texts("Heading", "What", "Amount entered", "How often", "Times a year", "A month", "Figure is", kind="head")
    lines = sorted(case.budget.lines, key=lambda b: scheme.order(b.category))
    first = sh.next_row
    for line in lines:
        r = sh.next_row
        sh.add(C(scheme.heading(line.category)), C(line.description), C(line.amount, "money"),
               C(line.frequency.label), _times_a_year(line), C(monthly(line), "money",
                                                               formula=f'IF(C{r}="","",C{r}*E{r}/12)'),
               C(line.basis.label))
    last = sh.next_row - 1
    if not lines:
        sh.add(C("No budget entered yet."))
        return
    col = f"$F${first}:$F${last}"
    sh.blank()
    sh.texts("A month by heading", "", "", "", "", "A month", kind="head")
    by_heading: dict[str, Decimal] = {}
    for category, value in (totals.by_category.items() if totals else ()):
        heading = scheme.heading(category)
        by_heading[heading] = by_heading.get(heading, Decimal(0)) + value
    for heading, value in by_heading.items():
        r = sh.next_row
        sh.add(C(heading), None, None, None, None,
               C(value, "money", formula=f"SUMPRODUCT(--($A${first}:$A${last}=A{r}),{col})"))
    total_row = sh.add(C("Total monthly expenses", "bold"), None, None, None, None,
                       C(totals.total if totals else None, "money_bold", formula=f"SUM({col})"))
    for basis in ("Estimated", "Actual", "Proposed"):
        r = sh.next_row
        value = totals.by_basis.get(basis.lower(), Decimal(0)) if totals else None
        sh.add(C(f"  of which marked {basis.lower()}"), None, None, None, None,
               C(value, "money", formula=f'SUMPRODUCT(--($G${first}:$G${last}="{basis}"),{col})'))
    others = totals.paid_by_others if totals else None
    r = sh.add(C("Paid by others"), None, None, None, None, C(others, "money") if others is not None
               else C("not entered"))
    if others is not None:
        sh.add(C("Total less what others pay", "bold"), None, None, None, None,
               C(totals.total_after_others if totals else None, "money_bold", formula=f"F{total_row}-F{r}"))
    if totals and totals.unknown_lines:
        sh.add(C("Not counted (amount not known yet): " + "; ".join(totals.unknown_lines), "wrap"))
    _budget_income(book, sh)


def _budget_income(book: _Book, sh: _Sheet) -> None:
    """The person's own income a month, before and after deductions, from the Income sheet."""
    totals, you = book.results.budget, book.case.you
    income = book.monthly_cell.get(("income", you))
    deductions = book.monthly_cell.get(("deductions", you))
    unknown = "not known yet"
    before = totals.income_monthly if totals and totals.income_monthly is not None else unknown
    after = (totals.income_after_deductions_monthly if totals and totals.income_after_deductions_monthly is not None
             else unknown)
    if income is None:
        sh.add(C("Income a month, before deductions"), None, None, None, None, C("none entered"))
        return
    r = sh.add(C("Income a month, before deductions"), None, None, None, None,
               C(before, "money", formula=f"{income}"))
    # a deduction not known makes the figure unknown, as the app says
    after_formula = (f'IF(AND(ISNUMBER(F{r}),ISNUMBER({deductions})),F{r}-{deductions},"{unknown}")'
                     if deductions else f"F{r}")
    sh.add(C("Income a month, after deductions"), None, None, None, None,
           C(after, "money", formula=after_formula))


# --- Assets & debts ------------------------------------------------------------------------------------------------


def _assets_sheet(book: _Book) -> None:
    case, forms = book.case, book.forms
    ad, worth = case.assets_debts, book.results.net_worth
    sh = book.sheet(SHEET_ASSETS, [46, 34, 16, 14, 16, 16, 16])
    sh.texts("Assets and debts", kind="title")
    sh.add(C(f"Headings: {forms.assets.described}. Whose is as {case.name(case.you)} sees it. {NOTICE}"))
    sh.blank()
    sh.texts("Assets", kind="bold")
    sh.texts("Heading", "Description", "Whose", "Date acquired", "Value", "Amount owed", "Value less owed",
             kind="head")
    a_first = sh.next_row
    for asset in sorted(ad.assets, key=lambda a: forms.assets.order(a.category)):
        r = sh.next_row
        equity = None if asset.value is None else asset.value - (asset.amount_owed or Decimal(0))
        sh.add(C(forms.assets.heading(asset.category)), C(asset.description),
               C(owner_label(case, book.labels, asset.owner)), C(asset.date_acquired, "date"),
               C(asset.value, "money"), C(asset.amount_owed, "money"),
               C(equity, "money", formula=f'IF(E{r}="","",E{r}-N(F{r}))'))
    a_last = max(sh.next_row - 1, a_first)
    sh.blank()
    sh.texts("Debts", kind="bold")
    sh.texts("Heading", "Description", "Whose", "Date incurred", "", "Amount owed", kind="head")
    d_first = sh.next_row
    for debt in sorted(ad.debts, key=lambda d: forms.debts.order(d.category)):
        sh.add(C(forms.debts.heading(debt.category)), C(debt.description),
               C(owner_label(case, book.labels, debt.owner)), C(debt.date_incurred, "date"), None,
               C(debt.amount_owed, "money"))
    d_last = max(sh.next_row - 1, d_first)
    sh.blank()
    sh.texts("Net worth by whose", "", "", "Assets", "Owed on assets", "Debts", "Net", kind="head")
    owners = [Owner.MINE, Owner.THEIRS, Owner.JOINT, Owner.UNSURE]
    first = sh.next_row
    for owner in owners:
        r = sh.next_row
        t = worth.by_owner[owner] if worth else None
        match_a, match_d = f"($C${a_first}:$C${a_last}=A{r})", f"($C${d_first}:$C${d_last}=A{r})"
        sh.add(C(owner_label(case, book.labels, owner)), None, None,
               C(t.assets if t else None, "money", formula=f"SUMPRODUCT(--{match_a},$E${a_first}:$E${a_last})"),
               C(t.owed_on_assets if t else None, "money",
                 formula=f"SUMPRODUCT(--{match_a},$F${a_first}:$F${a_last})"),
               C(t.debts if t else None, "money", formula=f"SUMPRODUCT(--{match_d},$F${d_first}:$F${d_last})"),
               C(t.net if t else None, "money", formula=f"D{r}-E{r}-F{r}"))
    last = sh.next_row - 1
    t = worth.total if worth else None
    sh.add(C("Total", "bold"), None, None,
           *(C(getattr(t, name) if t else None, "money_bold", formula=f"SUM({col}{first}:{col}{last})")
             for name, col in (("assets", "D"), ("owed_on_assets", "E"), ("debts", "F"), ("net", "G"))))
    if worth and worth.unknown_items:
        sh.add(C("Not counted (not known yet): " + "; ".join(worth.unknown_items), "wrap"))


# --- Expenses ------------------------------------------------------------------------------------------------------


def expense_headers(case: Case) -> list[str]:
    labels = party_labels(case)
    return [
        "Date", "Description", "Category", "Amount", "Paid by", "Children",
        f"{labels['parent_a']}'s share (%)", f"{labels['parent_b']}'s share (%)", "Split from",
        "Owed to the one who paid", "Reimbursement", "Receipt note",
    ]


def _width(texts: Iterable[str], header: str, low: int = 10, high: int = 50) -> float:
    longest = max((len(t) for t in texts), default=0)
    return float(max(low, min(high, max(longest, len(header)) + 2)))


# The Expenses columns the Summary's formulas use.
E_DATE, E_CATEGORY, E_AMOUNT, E_PAID_BY, E_OWED, E_STATUS = "A", "C", "D", "E", "J", "K"


def _expenses_sheet(book: _Book) -> None:
    """The log's header and table through openpyxl; its rows streamed while the file is written (_expense_rows)."""
    case = book.case
    items = case.expenses.items
    headers = expense_headers(case)
    widths = [12, _width((e.description for e in items), "Description", 20), 30, 14,
              _width(book.labels.values(), "Paid by"), _width((", ".join(e.children) for e in items), "Children"),
              len(headers[6]) + 2, len(headers[7]) + 2, 14, 15, 15,
              _width((e.receipt_note for e in items), "Receipt note", 16)]
    sh = book.sheet(SHEET_EXPENSES, widths, freeze="A2")
    if items:
        _expenses_table(sh.ws, headers, len(items))
    sh.add(*(C(h, "head") for h in headers))
    if not items:
        sh.texts("No expenses recorded yet.")
        return
    sh.count += len(items)
    sh.stream = _expense_rows(book)


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


def _expense_rows(book: _Book) -> Iterator[str]:
    """The expense rows as sheet XML, in chunks. B's share and what is owed to the one who paid are formulas (the
    share owed back rounded to the cent, as calculators.expenses.owed_to_payer does) with the app's values cached."""
    case = book.case
    names = {role: _inline(book.labels[role]) for role in PARENT_ROLES}
    labels: dict[Any, str] = {}

    def label(member: Any) -> str:
        if member not in labels:
            labels[member] = _inline(member.label)
        return labels[member]

    sd, sm, sn = book.style["date"], book.style["money"], book.style["number"]
    name_a = book.name_cell["parent_a"]
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
            f'<c r="G{r}" s="{sn}"><v>{_number(e.share_a)}</v></c>'
            f'<c r="H{r}" s="{sn}"><f>100-G{r}</f><v>{_number(e.share_b)}</v></c>'
            f"{_str_cell('I', r, label(e.share_basis))}"
            f'<c r="J{r}" s="{sm}"><f>ROUND(D{r}*IF(E{r}={name_a},H{r},G{r})/100,2)</f>'
            f"<v>{_number(owed_to_payer(e))}</v></c>"
            f"{_str_cell('K', r, label(e.status))}"
            f"{_str_cell('L', r, _inline(e.receipt_note))}"
            "</row>"
        )
        if len(buffer) >= ROWS_PER_CHUNK:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


def _str_cell(column: str, row: int, escaped: str) -> str:
    if not escaped:
        return ""
    return f'<c r="{column}{row}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


# --- Summary -------------------------------------------------------------------------------------------------------


def _summary_sheet(book: _Book) -> None:
    case, s = book.case, book.results.expenses
    a, b = book.labels["parent_a"], book.labels["parent_b"]
    sh = book.sheet(SHEET_SUMMARY, [46, 16, 16, 16, 40])
    sh.texts("Shared expenses: summary", kind="title")
    sh.add(C(f"Amounts in {book.currency or 'the local currency'}. {FORMULAS_NOTE} {NOTICE}"))
    sh.blank()
    n = max(len(case.expenses.items), 1) + 1  # the Expenses rows (at least one, so the ranges are valid)
    ex = _sheet_ref(SHEET_EXPENSES)

    def col(letter: str) -> str:
        return f"{ex}!${letter}$2:${letter}${n}"

    open_ = f'({col(E_STATUS)}<>"{PAID_BACK}")'

    def owed_to(role: ParentRole, extra: str = "") -> str:
        return f"SUMPRODUCT(({col(E_PAID_BY)}={book.name_cell[role]})*{open_}{extra}*{col(E_OWED)})"

    zero = Decimal(0)
    balance = s.balance if s else None
    sh.texts("Balance between the parents", kind="bold")
    ra = sh.add(C(f"Owed to {a} ({b}'s shares of what {a} paid)"),
                C(balance.owed_to_a if balance else zero, "money", formula=owed_to("parent_a")))
    rb = sh.add(C(f"Owed to {b} ({a}'s shares of what {b} paid)"),
                C(balance.owed_to_b if balance else zero, "money", formula=owed_to("parent_b")))
    text = _balance_words(book, balance.creditor if balance else None, balance.amount if balance else zero)
    result_formula = _owes_formula(book, f"B{ra}", f"B{rb}")
    sh.add(C("Result after setting one against the other", "bold"),
           C(balance.amount if balance else zero, "money_bold", formula=f"ABS(B{ra}-B{rb})"),
           C(text, "bold", formula=result_formula))
    sh.add(C("Already paid back (not in the balance)"),
           C(s.paid_back if s else zero, "money", formula=f'SUMPRODUCT(({col(E_STATUS)}="{PAID_BACK}")*{col(E_OWED)})'))
    sh.add(C("Disputed (included in the balance)"),
           C(s.disputed if s else zero, "money", formula=f'SUMPRODUCT(({col(E_STATUS)}="{DISPUTED}")*{col(E_OWED)})'))
    sh.blank()
    sh.texts("Totals by category", "Total", kind="head")
    for category, total in (s.by_category.items() if s else ()):
        r = sh.next_row
        sh.add(C(category.label), C(total, "money", formula=f"SUMPRODUCT(({col(E_CATEGORY)}=A{r})*{col(E_AMOUNT)})"))
    sh.add(C("Number of expenses", "bold"), C(s.count if s else 0, "number", formula=f"COUNT({col(E_DATE)})"))
    sh.add(C("All expenses", "bold"), C(s.total if s else zero, "money_bold", formula=f"SUM({col(E_AMOUNT)})"))
    sh.blank()
    sh.texts("Totals by month", "Total", f"Owed to {a}", f"Owed to {b}", "Result for the month", "Amount",
             kind="head")
    for month, total in (s.by_month.items() if s else ()):
        r = sh.next_row
        bal = s.balance_by_month[month]  # type: ignore[union-attr]
        first = dt.date(int(month[:4]), int(month[5:]), 1)
        in_month = f"({col(E_DATE)}>=$A{r})*({col(E_DATE)}<DATE(YEAR($A{r}),MONTH($A{r})+1,1))"
        words = _balance_words(book, bal.creditor, bal.amount)
        sh.add(C(first, "month"),
               C(total, "money", formula=f"SUMPRODUCT({in_month}*{col(E_AMOUNT)})"),
               C(bal.owed_to_a, "money", formula=owed_to("parent_a", "*" + in_month)),
               C(bal.owed_to_b, "money", formula=owed_to("parent_b", "*" + in_month)),
               C(words, formula=_owes_formula(book, f"C{r}", f"D{r}")),
               C(bal.amount, "money", formula=f"ABS(C{r}-D{r})"))
    sh.blank()
    sh.texts("Each parent", "Paid up front", "Share of the costs", kind="head")
    for role in PARENT_ROLES:
        r = sh.next_row
        paid_by_them = f"({col(E_PAID_BY)}={book.name_cell[role]})"
        paid_by_other = f"({col(E_PAID_BY)}={book.name_cell[other_role(role)]})"
        sh.add(C(book.labels[role]),
               C(s.paid_by[role] if s else zero, "money", formula=f"SUMPRODUCT({paid_by_them}*{col(E_AMOUNT)})"),
               C(s.borne_by[role] if s else zero, "money",
                 formula=(f"SUMPRODUCT({paid_by_them}*({col(E_AMOUNT)}-{col(E_OWED)}))"
                          f"+SUMPRODUCT({paid_by_other}*{col(E_OWED)})")))


def _owes_formula(book: _Book, owed_to_a: str, owed_to_b: str) -> str:
    """Words for who owes whom, from the two cells of what is owed to each; the names come from the About sheet."""
    name_a, name_b = book.name_cell["parent_a"], book.name_cell["parent_b"]
    return (f'IF({owed_to_a}>{owed_to_b},{name_b}&" owes "&{name_a},'
            f'IF({owed_to_b}>{owed_to_a},{name_a}&" owes "&{name_b},"Nothing is owed either way"))')


def _balance_words(book: _Book, creditor: ParentRole | None, amount: Decimal) -> str:
    """"Jordan owes Sam" (the amount is in the next cell), as the formula beside it writes it."""
    if creditor is None:
        return "Nothing is owed either way"
    return f"{book.labels[other_role(creditor)]} owes {book.labels[creditor]}"
