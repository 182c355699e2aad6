"""Reading expenses from a CSV file: every data row becomes an Expense or a problem with its reasons.

    read_expenses_csv(data, case, date_order, decimal_mark) -> CsvImport   (good rows, problems, notes, how far it got)

Built for what people's spreadsheets really contain, and for files that are hostile or simply huge:

- **Streamed.** The file is decoded and parsed line by line, never copied whole; rows are checked as they come.
  Reading stops after ``MAX_IMPORT_ROWS`` good rows (far more than a case file can hold) and says at which line,
  so a million-row file costs seconds and bounded memory, not minutes and gigabytes.
- **No row is swallowed.** A quote mark that opens a text and never closes it made the CSV reader take every later
  line as part of one cell (989 rows of 1,000 vanished). Here a row may run over at most ``MAX_LINES_PER_ROW`` lines
  (a cell with a line break); a row that runs longer, or that is not a valid expense once joined, is reported as
  "a quote mark on line N is not closed" and the lines after it are read again as rows of their own.
- **Amounts by convention.** "1,234.56" and "1.234,56" are both common; ``decimal_mark`` says which the file uses.
  An amount that can only be the other convention ("12,50", "1.234,56" when the point is chosen) is refused with a
  reason that says how to choose, never misread ("1 234,56" once became 123456, "1.234,56" 1.23456).
- **Dates like the form's:** from ``EARLIEST_EXPENSE_DATE`` to a year from today.
- **Encodings:** UTF-8 (with or without BOM), UTF-16 with a BOM; otherwise the encoding is detected (charset-normalizer)
  so Japanese (Shift-JIS) or Chinese (GB18030) files are read as what they are, and the note says which was used.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from casefile.finances import (
    HUNDRED,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    ReimbursementStatus,
    ShareBasis,
)
from casefile.models import PARENT_ROLES, Case, ParentRole, other_role
from casefile.money import ZERO

DateOrder = Literal["ymd", "dmy", "mdy"]
DecimalMark = Literal[".", ","]
DATE_ORDER_WORDS: dict[str, str] = {"ymd": "year-month-day (2026-03-31)", "dmy": "day/month/year (31/03/2026)",
                                    "mdy": "month/day/year (03/31/2026)"}
DECIMAL_MARK_WORDS: dict[str, str] = {".": "1,234.56 (a point before the pence or cents)",
                                      ",": "1.234,56 or 1 234,56 (a comma before the cents)"}
MARK_WORDS = {".": "a point", ",": "a comma"}
EARLIEST_EXPENSE_DATE = dt.date(1990, 1, 1)  # the expense form's own limits (ui/money.py uses these too)
LATEST_EXPENSE_DAYS = 366


def latest_expense_date(today: dt.date | None = None) -> dt.date:
    return (today or dt.date.today()) + dt.timedelta(days=LATEST_EXPENSE_DAYS)


MAX_IMPORT_ROWS = 100_000  # a case file holds about 85,000 expenses: reading further only costs time and memory
MAX_LINES_PER_ROW = 5  # a cell may hold a line break or two; a quote left open joins far more
MAX_PROBLEMS_KEPT = 1_000  # problems listed row by row; beyond that they are counted
PROGRESS_EVERY = 5_000

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    # field -> accepted header spellings (compared lower-case, with spaces and punctuation as "_")
    "date": ("date", "day", "expense_date", "date_paid"),
    "description": ("description", "details", "item", "what", "expense"),
    "category": ("category", "type", "kind"),
    "amount": ("amount", "cost", "total", "amount_paid", "price"),
    "paid_by": ("paid_by", "payer", "who_paid", "paid"),
    "children": ("children", "child", "kids", "for"),
    "share_a": ("share_a", "share_a_percent", "parent_a_share", "a_share", "share_parent_a"),
    "status": ("status", "reimbursement", "reimbursement_status"),
    "receipt_note": ("receipt_note", "receipt", "note", "notes"),
}
REQUIRED_COLUMNS = ("date", "amount", "paid_by")
FIELD_WORDS = {"date": "date", "description": "description", "category": "category", "amount": "amount",
               "paid_by": "paid by", "children": "children", "share_a": "share A %", "status": "status",
               "receipt_note": "receipt note"}
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
ENCODING_NAMES = {"shift_jis": "Japanese (Shift-JIS)", "cp932": "Japanese (Shift-JIS, Windows)",
                  "euc_jp": "Japanese (EUC-JP)", "gb18030": "Chinese (GB18030)", "gb2312": "Chinese (GB2312)",
                  "gbk": "Chinese (GBK)", "big5": "Chinese (Big5)", "euc_kr": "Korean (EUC-KR)",
                  "cp949": "Korean (Windows)", "koi8_r": "Russian (KOI8-R)", "cp1251": "Cyrillic (Windows-1251)",
                  "cp1250": "Central European (Windows-1250)", "cp1253": "Greek (Windows-1253)",
                  "cp1254": "Turkish (Windows-1254)", "cp1255": "Hebrew (Windows-1255)",
                  "cp1256": "Arabic (Windows-1256)", "iso8859_7": "Greek (ISO-8859-7)",
                  "iso8859_5": "Cyrillic (ISO-8859-5)", "mac_roman": "Mac Roman"}
EXPENSE_FIELDS = tuple(Expense.model_fields)
WESTERN = {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "ascii", "utf_8", "windows_1252"}


@dataclass(frozen=True)
class RowProblem:
    line: int  # line in the file (the header is line 1, unless blank lines come before it)
    values: dict[str, str]  # the row as read, by our field names
    problems: tuple[str, ...]


@dataclass(frozen=True)
class CsvImport:
    """What a CSV file gave. Good rows are kept as the values of validated Expenses (a tuple each, about a third of
    the memory of 100,000 Expense objects); ``expenses`` makes the Expenses when they are needed."""

    rows: tuple[tuple[object, ...], ...] = ()
    good_lines: tuple[int, ...] = ()  # file line of each good row
    problems: tuple[RowProblem, ...] = ()  # the first MAX_PROBLEMS_KEPT, row by row
    problem_count: int = 0  # all rows with problems (also those beyond the list)
    blank_lines: int = 0
    notes: tuple[str, ...] = ()  # how the file was read (delimiter, encoding, columns not used, duplicates)
    stopped: str | None = None  # reading stopped before the end: at which line and why
    error: str | None = None  # the whole file cannot be used: why, and how to fix it

    @property
    def rows_read(self) -> int:
        return len(self.rows) + self.problem_count + self.blank_lines

    def first(self, count: int) -> tuple[Expense, ...]:
        return tuple(_expense(values) for values in self.rows[:count])

    @property
    def expenses(self) -> tuple[Expense, ...]:
        """The good rows as Expenses (each was validated as it was read: rebuilt, not validated again)."""
        return tuple(_expense(values) for values in self.rows)


def _expense(values: tuple[object, ...]) -> Expense:
    return Expense.model_construct(**dict(zip(EXPENSE_FIELDS, values, strict=True)))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


# --- decoding -------------------------------------------------------------------------------------------------------


def _valid(data: bytes, encoding: str) -> bool:
    """Whether all of ``data`` decodes, checked a megabyte at a time (no second copy of the file)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), 1 << 20):
            decoder.decode(view[start:start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _detected(data: bytes) -> str | None:
    """The encoding charset-normalizer finds in the first 256 KB, when it is not a Western one (those read as
    Windows-1252 below)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 256 * 1024]).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    return None if name in WESTERN else name


def detect_encoding(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(encoding, note, error): UTF-8 (with or without BOM), UTF-16 with a BOM, a detected encoding, else
    Windows-1252 with a note."""
    if not data.strip():
        return None, None, "The file is empty."
    if data[:4] == b"PK\x03\x04":
        return None, None, ("This is a spreadsheet workbook (.xlsx), not a CSV file. In your spreadsheet use "
                            "File > Save As (or Download) > CSV UTF-8, then choose that file.")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        if _valid(data, "utf-16"):
            return "utf-16", "Read as UTF-16 text.", None
        return None, None, "The file says it is UTF-16 text but cannot be read as such. Save it as CSV UTF-8."
    if b"\x00" in data[:65536] or b"\x00" in data:
        return None, None, "This does not look like a text (CSV) file. Save it from your spreadsheet as CSV UTF-8."
    if _valid(data, "utf-8"):
        return "utf-8-sig", None, None
    found = _detected(data)
    if found and _valid(data, found):
        words = ENCODING_NAMES.get(found, found.replace("_", "-").upper())
        return found, (f"The file is not UTF-8. Its characters look like {words}, so it was read as that: check "
                       "names and descriptions in the preview (or save it from your spreadsheet as CSV UTF-8)."), None
    if _valid(data, "cp1252"):
        return "cp1252", ("The file is not UTF-8, so it was read as Windows-1252 (Western European). Check accented "
                          "letters and currency signs in the preview."), None
    return None, None, ("The file's characters cannot be read (it is not UTF-8). Save it from your spreadsheet "
                        "as CSV UTF-8 and try again.")


def decode_csv(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, note, error) of a whole file: for small files and tests (the import itself streams)."""
    encoding, note, error = detect_encoding(data)
    return (None, None, error) if encoding is None else (data.decode(encoding), note, None)


# --- cells --------------------------------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?")
_PARTS = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def parse_date(text: str, order: DateOrder, earliest: dt.date, latest: dt.date) -> dt.date:
    text = text.strip()
    iso = _ISO.fullmatch(text)
    parts = None if iso else _PARTS.fullmatch(text)
    try:
        if iso:
            day = dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif parts and order == "dmy":
            day = dt.date(int(parts[3]), int(parts[2]), int(parts[1]))
        elif parts and order == "mdy":
            day = dt.date(int(parts[3]), int(parts[1]), int(parts[2]))
        elif not text:
            raise LookupError("date is missing")
        else:
            raise LookupError(f"date “{text[:40]}” is not in the form {DATE_ORDER_WORDS[order]}")
    except LookupError as exc:
        raise ValueError(str(exc)) from None
    except ValueError:
        raise ValueError(f"date “{text}” is not a real date") from None
    if not earliest <= day <= latest:
        raise ValueError(f"date “{text}” is outside {_day(earliest)} – {_day(latest)}, the dates the expense form "
                         "accepts")
    return day


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


_PLAIN_AMOUNT = re.compile(r"\d{1,12}(?:\.\d{1,2})?")
# an amount as spreadsheets write it: an optional sign or brackets, a currency sign or code before or after, digits
# with thousands separators (point, comma, space of any width, apostrophe) and one decimal mark
_AMOUNT = re.compile(
    r"(?P<open>[(-]?)\s*(?:(?:[$£€¥₹]|[A-Z]{1,2}\$|[A-Z]{3})\s*)?"
    r"(?P<number>\d+(?:[.,\s\u00a0\u202f\u2009']\d+)*)"  # a separator is always followed by digits: no backtracking
    r"\s*(?:(?:[$£€¥₹]|[A-Z]{3}|kr)\s*)?(?P<close>[)-]?)"
)
MAX_AMOUNT_TEXT = 64
_THOUSANDS_SPACE = re.compile(r"[\s\u00a0\u202f\u2009']")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def parse_amount(text: str, mark: DecimalMark) -> Decimal:
    """An amount written with ``mark`` before the cents; currency signs and thousands separators are allowed.
    An amount only the other convention can explain is refused (with how to choose), never misread."""
    cleaned = text.strip()
    if _PLAIN_AMOUNT.fullmatch(cleaned) and (mark == "." or "." not in cleaned):
        value = Decimal(cleaned)  # the common case, quickly
    else:
        value = _amount_by_convention(cleaned, mark)
    if value <= 0:
        raise ValueError("amount must be more than 0 (enter refunds by editing the original expense)")
    return value


def _amount_by_convention(cleaned: str, mark: DecimalMark) -> Decimal:
    if not cleaned:
        raise ValueError("amount is missing")
    found = _AMOUNT.fullmatch(cleaned) if len(cleaned) <= MAX_AMOUNT_TEXT else None
    if found is None:
        raise ValueError(f"amount “{cleaned[:30]}” is not a number")
    negative = bool(found["open"] or found["close"])
    digits = _THOUSANDS_SPACE.sub("", found["number"])
    if len(digits) > 30:
        raise ValueError(f"amount “{cleaned[:30]}…” is too large")
    other = "," if mark == "." else "."
    odd = f"amount “{cleaned[:30]}” has its separators in odd places"
    choose = f"choose “{DECIMAL_MARK_WORDS[other].split(' (')[0]}” under “Amounts are written like” and read it again"
    last = max(digits.rfind("."), digits.rfind(","))
    separators = {c for c in digits if c in ".,"}
    if len(separators) == 2:  # 1.234,56 or 1,234.56: the last one is before the cents
        before_cents = digits[last]
        if before_cents != mark:
            raise ValueError(f"amount “{cleaned[:30]}” has {MARK_WORDS[before_cents]} before the cents: {choose}")
        whole, cents = digits[:last], digits[last + 1:]
        if mark in whole or not _GROUPED.fullmatch(whole):
            raise ValueError(odd)
        number = whole.replace(other, "") + "." + cents
    elif separators:
        sep = separators.pop()
        if digits.count(sep) > 1:  # 1.234.567 or 1,234,567: thousands only
            if sep == mark or not _GROUPED.fullmatch(digits):
                raise ValueError(odd)
            number = digits.replace(sep, "")
        elif sep == mark:
            number = digits.replace(sep, ".")
        elif len(digits) - last - 1 == 3:  # the other mark before three digits: thousands, by this convention
            number = digits.replace(sep, "")
        else:  # "12,50" when the point is chosen: only the other convention explains it
            raise ValueError(f"amount “{cleaned[:30]}” has {MARK_WORDS[sep]} before the cents: {choose}")
    else:
        number = digits
    value = Decimal(number)
    if value >= Decimal(10) ** 12:
        raise ValueError(f"amount “{cleaned[:30]}” is too large")
    return -value if negative else value


def _parse_share(text: str) -> Decimal | None:
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"share A % “{text.strip()[:20]}” is not a number") from None
    if not value.is_finite() or not ZERO <= value <= HUNDRED:
        raise ValueError("share A % must be between 0 and 100")
    return value


def _paid_by_lookup(case: Case) -> dict[str, ParentRole | None]:
    """Accepted "paid by" words: A/B, parent_a/parent_b, each display name, me/you and other/them."""
    table: dict[str, ParentRole | None] = {
        "a": "parent_a", "parent_a": "parent_a", "b": "parent_b", "parent_b": "parent_b",
        "me": case.you, "i": case.you, "you": case.you,
        "other": other_role(case.you), "other_parent": other_role(case.you), "them": other_role(case.you),
    }
    for role in PARENT_ROLES:
        key = _norm(case.name(role))
        if key in table and table[key] != role:
            table[key] = None  # both parents have this name: ambiguous
        else:
            table[key] = role
    return table


def _enum_lookup(enum: type, labels: dict[str, str]) -> dict[str, object]:
    table: dict[str, object] = {}
    for member in enum:  # type: ignore[attr-defined]
        table[member.value] = member
        table[_norm(labels[member.value])] = member
    return table


# --- rows ---------------------------------------------------------------------------------------------------------


class _Reason:
    """Why a cell cannot be read (remembered like a parsed value, so a repeated bad cell is explained once)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class _RowReader:
    """Turns one CSV row into an Expense's values or reasons. Each distinct cell text (a date, a name, a category) is
    read once: spreadsheets repeat them on every row."""

    def __init__(self, case: Case, order: DateOrder, mark: DecimalMark, today: dt.date | None,
                 columns: dict[int, str]):
        self.case, self.order, self.mark = case, order, mark
        self.earliest, self.latest = EARLIEST_EXPENSE_DATE, latest_expense_date(today)
        self.index = {field: i for i, field in columns.items()}
        self.paid_by = _paid_by_lookup(case)
        self.category_labels = {c.value: c.label for c in ExpenseCategory}
        self.status_labels = {s.value: s.label for s in ReimbursementStatus}
        self.categories = _enum_lookup(ExpenseCategory, self.category_labels)
        self.statuses = _enum_lookup(ReimbursementStatus, self.status_labels)
        self.splits = {c: case.expenses.split_for(c) for c in ExpenseCategory}
        self.memo: dict[str, dict[str, object]] = {name: {} for name in ("date", "paid_by", "category", "status",
                                                                          "children", "share_a")}
        self.parsers: dict[str, Callable[[str], object]] = {
            "date": lambda t: parse_date(t, self.order, self.earliest, self.latest),
            "paid_by": self._who_is,
            "category": lambda t: self._member(self.categories, self.category_labels, "category", t)
            if t.strip() else ExpenseCategory.OTHER,
            "status": lambda t: self._member(self.statuses, self.status_labels, "status", t)
            if t.strip() else ReimbursementStatus.NOT_REQUESTED,
            "children": lambda t: tuple(c.strip() for c in re.split(r"[;,/&]", t) if c.strip()),
            "share_a": _parse_share,
        }

    def cell(self, raw: list[str], field: str) -> str:
        i = self.index.get(field)
        return raw[i] if i is not None and i < len(raw) else ""

    def values(self, raw: list[str]) -> dict[str, str]:
        """The row as read, by field (for the problem list)."""
        return {field: self.cell(raw, field)[:200] for field in self.index}

    def _read(self, field: str, text: str, problems: list[str]) -> object:
        memo = self.memo[field]
        found = memo.get(text)
        if found is None:
            try:
                found = self.parsers[field](text)
            except ValueError as exc:
                found = _Reason(str(exc))
            if len(memo) < 20_000:
                memo[text] = found
        if found.__class__ is _Reason:
            problems.append(found.text)  # type: ignore[attr-defined]
            return None
        return found

    def _who_is(self, text: str) -> ParentRole:
        who = _norm(text)
        if not who:
            raise ValueError("paid by is missing")
        if who not in self.paid_by:
            raise ValueError(f"paid by “{text.strip()[:40]}” is neither {self.case.name('parent_a')} nor "
                             f"{self.case.name('parent_b')} (A or B also work)")
        role = self.paid_by[who]
        if role is None:
            raise ValueError("both parents have this name: write A or B in the paid-by column")
        return role

    def _member(self, table: dict[str, object], labels: dict[str, str], what: str, text: str) -> object:
        member = table.get(_norm(text))
        if member is None:
            allowed = ", ".join(labels.values())
            raise ValueError(f"{what} “{text.strip()[:40]}” is not one of: {allowed}")
        return member

    def expense(self, raw: list[str]) -> tuple[tuple[object, ...] | None, list[str]]:
        """The values of a valid Expense (in EXPENSE_FIELDS order: compact, and validated), or the reasons why not."""
        problems: list[str] = []
        cell = self.cell
        day = self._read("date", cell(raw, "date"), problems)
        try:
            amount = parse_amount(cell(raw, "amount"), self.mark)
        except ValueError as exc:
            problems.append(str(exc))
            amount = None
        paid_by = self._read("paid_by", cell(raw, "paid_by"), problems)
        category = self._read("category", cell(raw, "category"), problems)
        status = self._read("status", cell(raw, "status"), problems)
        share = self._read("share_a", cell(raw, "share_a"), problems) if cell(raw, "share_a").strip() else None
        if problems:
            return None, problems
        fields = {"date": day, "amount": amount, "paid_by": paid_by, "category": category, "status": status,
                  "share_a": self.splits[category] if share is None else share,  # type: ignore[index]
                  "share_basis": ShareBasis.CATEGORY if share is None else ShareBasis.CUSTOM,
                  "description": cell(raw, "description"), "receipt_note": cell(raw, "receipt_note")}
        children = cell(raw, "children")
        if children.strip():
            fields["children"] = self._read("children", children, problems)
        try:
            expense = Expense.model_validate(fields)
        except ValidationError as exc:
            from casefile.validation import describe

            return None, [e.message.removeprefix("Case: ") for e in describe(exc)]
        values = expense.__dict__
        return tuple(values[name] for name in EXPENSE_FIELDS), []


# --- lines: what the CSV reader sees ------------------------------------------------------------------------------


class _QuoteLeftOpen(Exception):
    """A row ran over more than MAX_LINES_PER_ROW lines: a quote mark was opened and not closed."""


class _Lines:
    """The file's physical lines for the CSV reader, numbered, keeping the lines of the row being read so they can
    be read again when a quote left open joined them into one row."""

    def __init__(self, source: Iterator[str], first_number: int):
        self.source = source
        self.next_number = first_number
        self.replay: deque[tuple[int, str]] = deque()
        self.pending: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.replay:
            number, line = self.replay.popleft()
        else:
            line = next(self.source)
            number = self.next_number
            self.next_number += 1
        self.pending.append((number, line))
        if len(self.pending) > MAX_LINES_PER_ROW:
            raise _QuoteLeftOpen
        return line

    def read_again(self, lines: list[tuple[int, str]]) -> None:
        self.replay.extendleft(reversed(lines))


def _delimiter(header_line: str) -> str | None:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def _quote_problem(lines: list[tuple[int, str]], why: str = "") -> str:
    return (f"a quote mark (\") on line {lines[0][0]} is never closed{why}: remove it or close it (the lines after it "
            "were read as rows of their own)")


def _joins_rows(rows: _RowReader, lines: list[tuple[int, str]], delimiter: str) -> bool:
    """Whether a row read over several lines swallowed real rows: some line after its first is a valid expense by
    itself (then the quote was a stray one; a cell with a real line break leaves no such line)."""
    for _, line in lines[1:]:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        if rows.expense(cells)[0] is not None:
            return True
    return False


def read_expenses_csv(data: bytes, case: Case, date_order: DateOrder = "ymd", decimal_mark: DecimalMark = ".",
                      *, today: dt.date | None = None, max_rows: int = MAX_IMPORT_ROWS,
                      progress: Callable[[int], None] | None = None) -> CsvImport:
    """Read expenses from CSV bytes, streaming. Every data row ends up either as an Expense or as a problem with
    reasons (all counted; the first ``MAX_PROBLEMS_KEPT`` listed); blank lines are counted; a file that cannot be
    used at all gives ``error`` saying how to fix it. ``progress`` is called with the line reached every few
    thousand rows."""
    encoding, encoding_note, error = detect_encoding(data)
    if error or encoding is None:
        return CsvImport(error=error)
    notes = [encoding_note] if encoding_note else []
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    number = 0
    first_line = ""
    for first_line in text:
        number += 1
        if first_line.strip("\r\n"):
            break
    header_line = first_line.strip("\r\n")
    delimiter = _delimiter(header_line)
    if delimiter is None:
        return CsvImport(error=(f"Only one column was found (“{header_line[:60]}”). Save the file as CSV with commas "
                                "(or semicolons or tabs) between the columns: date, description, category, amount, "
                                "paid by."))
    if delimiter != ",":
        notes.append(f"Columns are separated by {DELIMITERS[delimiter]}.")
    try:
        header = next(csv.reader([first_line], delimiter=delimiter))
    except csv.Error as exc:
        return CsvImport(error=f"The first line (the column names) could not be read: {exc}.")
    columns: dict[int, str] = {}
    unused: list[str] = []
    for index, name in enumerate(header):
        field = next((f for f, names in CSV_COLUMNS.items() if _norm(name) in names), None)
        if field is None or field in columns.values():
            if name.strip():
                unused.append(name.strip()[:60])
            continue
        columns[index] = field
    missing = [FIELD_WORDS[f] for f in REQUIRED_COLUMNS if f not in columns.values()]
    if missing:
        found = ", ".join(h.strip()[:60] for h in header if h.strip())[:600] or "none"
        return CsvImport(error=(f"The file has no column for: {', '.join(missing)}. Columns found: {found}. "
                                "Name the columns as in the template (date, description, category, amount, paid by) "
                                "and try again."))
    if unused:
        notes.append(f"Columns not used: {', '.join(unused[:20])}.")
    return _read_rows(text, number + 1, header, delimiter, _RowReader(case, date_order, decimal_mark, today, columns),
                      case, notes, max_rows, progress)


def _read_rows(text: Iterator[str], first_number: int, header: list[str], delimiter: str,
               rows: _RowReader, case: Case, notes: list[str], max_rows: int,
               progress: Callable[[int], None] | None) -> CsvImport:
    lines = _Lines(text, first_number)
    reader = csv.reader(lines, delimiter=delimiter)
    kept: list[tuple[object, ...]] = []
    good_lines: list[int] = []
    problems: list[RowProblem] = []
    problem_count = blank = 0
    stopped: str | None = None
    width = len(header)
    every = PROGRESS_EVERY

    def problem(line: int, values: dict[str, str], why: list[str]) -> None:
        nonlocal problem_count
        problem_count += 1
        if len(problems) < MAX_PROBLEMS_KEPT:
            problems.append(RowProblem(line=line, values={k: v[:200] for k, v in values.items()},
                                       problems=tuple(why)))

    while True:
        lines.pending = []
        try:
            raw = next(reader)
        except StopIteration:
            break
        except (_QuoteLeftOpen, csv.Error) as exc:
            held = lines.pending
            why = f" ({exc})" if isinstance(exc, csv.Error) else ""
            problem(held[0][0], {"row": held[0][1].strip("\r\n")[:200]}, [_quote_problem(held, why)])
            lines.read_again(held[1:])
            reader = csv.reader(lines, delimiter=delimiter)
            continue
        held = lines.pending
        line = held[0][0] if held else lines.next_number - 1
        if not any(cell.strip() for cell in raw):
            blank += 1
            continue
        expense, why = rows.expense(raw)
        if len(raw) > width and any(cell.strip() for cell in raw[width:]):
            why = [*why, f"the row has {len(raw)} cells but the header has {width} columns "
                         "(a comma inside a description needs quotes)"]
            expense = None
        if len(held) > 1 and (expense is None or _joins_rows(rows, held, delimiter)):
            # a quote joined lines into one row that is not an expense, or that swallowed real rows: report where,
            # and read the other lines again
            problem(line, {"row": held[0][1].strip("\r\n")[:200]}, [_quote_problem(held)])
            lines.read_again(held[1:])
            reader = csv.reader(lines, delimiter=delimiter)
            continue
        if expense is None and any("\n" in cell or "\r" in cell for cell in raw):  # a quote left open at the end
            problem(line, rows.values(raw), [_quote_problem(held), *why])
        elif expense is None:
            problem(line, rows.values(raw), why)
        else:
            kept.append(expense)
            good_lines.append(line)
            if len(kept) >= max_rows:
                stopped = (f"Reading stopped at line {line:,} after {len(kept):,} good rows: a case cannot hold "
                           "more expenses than that. Split the file and import the rest separately if you need it.")
                break
        if progress is not None and line >= every:
            progress(line)
            every = line + PROGRESS_EVERY
    existing = {(e.date, e.amount, e.paid_by, e.description) for e in case.expenses.items}
    at = [EXPENSE_FIELDS.index(name) for name in ("date", "amount", "paid_by", "description")]
    duplicates = [line for values, line in zip(kept, good_lines, strict=True)
                  if tuple(values[i] for i in at) in existing] if existing else []
    if duplicates:
        notes.append(f"{len(duplicates)} row(s) look like expenses already in your log (lines "
                     f"{', '.join(map(str, duplicates[:10]))}{' ...' if len(duplicates) > 10 else ''}).")
    if blank:
        notes.append(f"{blank} blank line(s) had nothing in them.")
    if problem_count > len(problems):
        notes.append(f"{problem_count:,} rows have problems; the first {len(problems):,} are listed.")
    return CsvImport(rows=tuple(kept), good_lines=tuple(good_lines), problems=tuple(problems),
                     problem_count=problem_count, blank_lines=blank, notes=tuple(notes), stopped=stopped)


def csv_template(case: Case) -> str:
    """A small CSV file showing the columns the import reads."""
    a, b = case.name("parent_a"), case.name("parent_b")
    return ("date,description,category,amount,paid_by,children,share_a,status,receipt_note\n"
            f"2026-01-15,School trip,School and education,25.00,{a},,50,Not requested,Letter from school\n"
            f"2026-01-20,Dentist,Medical and dental (not covered),40.00,{b},,,Requested,\n")


def with_imported(log: ExpenseLog, imported: CsvImport) -> ExpenseLog:
    """The log with the imported good rows added (sorted by date, existing order kept for equal dates)."""
    items = sorted((*log.items, *imported.expenses), key=lambda e: e.date)
    return log.model_copy(update={"items": tuple(items)})


def imported_size(imported: CsvImport, sample: int = 2_000) -> int:
    """About how many bytes the imported rows add to a case file (each row as JSON, plus a separator): exact for up
    to ``sample`` rows, else worked out from ``sample`` rows spread evenly through the file (within a few per cent).
    The preview uses it to refuse an import that cannot fit before anything changes; the exact check is made when
    the rows are added (casefile.validation refuses a case too large to save)."""
    rows = imported.rows
    if not rows:
        return 0
    step = max(1, len(rows) // sample)
    chosen = rows[::step]
    measured = sum(len(_ITEMS_ADAPTER.dump_json([_expense(values) for values in chosen[start:start + 500]])) - 1
                   for start in range(0, len(chosen), 500))  # without one bracket: a comma per row instead
    return measured if step == 1 else round(measured * len(rows) / len(chosen))


_ITEMS_ADAPTER: TypeAdapter[list[Expense]] = TypeAdapter(list[Expense])
