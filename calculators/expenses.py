"""Money sums: budget totals, net worth by owner, expense shares and who owes whom, and reading expenses from CSV.

Pure functions, no I/O and no streamlit. Amounts stay exact Decimals; the only rounding is the one a person makes when
asking to be paid back: each expense's share owed to the parent who paid is rounded half-up to the cent (so the
balance is the sum of the amounts actually asked for, and every total in the app and the spreadsheet agrees).

    budget_totals(case)    monthly budget by FL-150 category, at the frequency each line was typed in
    net_worth(case)        FL-142 assets minus amounts owed on them minus debts, by whose they are
    income_shares(case)    each parent's percentage of the two incomes (a plain ratio, labelled as such)
    expense_summary(case)  totals by category and month, what each parent paid and bears, balances by month and total
    read_expenses_csv(...) a CSV file -> good rows + a per-row problem list (nothing is dropped silently)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from casefile.finances import (
    HUNDRED,
    BudgetCategory,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    Owner,
    ReimbursementStatus,
    ShareBasis,
)
from casefile.models import PARENT_ROLES, Amount, Case, ParentRole, other_role
from casefile.money import CENT, ZERO, Period, parse_money, per_period, round_money

COUNTRY_CURRENCY = {"GB": "GBP", "US": "USD", "AU": "AUD", "CA": "CAD", "NZ": "NZD", "IE": "EUR"}


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


def currency_for(case: Case) -> str:
    """The currency of the case's jurisdiction: its rule file's, else by country code ("" if unknown)."""
    from jurisdictions.loader import resolve

    try:
        return resolve(case.jurisdiction)[0].rules.currency
    except (LookupError, ValueError):
        return COUNTRY_CURRENCY.get(case.jurisdiction.split("-")[0], "")


def monthly(amount: Amount) -> Decimal | None:
    """An amount typed at any frequency, per month (exact: yearly equivalent / 12); None if not known."""
    annual = amount.annual()
    return None if annual is None else per_period(annual, Period.MONTH)


# --- budget (FL-150) ---------------------------------------------------------------------------------------------


class BudgetTotals(Result):
    currency: str
    by_category: dict[BudgetCategory, Decimal]  # monthly, known lines only, categories with lines
    by_basis: dict[str, Decimal]  # monthly total of estimated / actual / proposed lines
    total: Decimal  # monthly, known lines only
    unknown_lines: tuple[str, ...]  # lines without an amount yet (never counted as 0)
    paid_by_others: Decimal | None  # monthly; None if not entered
    total_after_others: Decimal | None
    income_monthly: Decimal | None  # your gross income per month (None if any item is unknown)
    income_after_deductions_monthly: Decimal | None


def budget_totals(case: Case) -> BudgetTotals:
    """Monthly totals of the budget: each line converted from its own frequency (yearly equivalent / 12)."""
    by_category: dict[BudgetCategory, Decimal] = {}
    by_basis: dict[str, Decimal] = {}
    unknown: list[str] = []
    for line in case.budget.lines:
        value = monthly(line)
        if value is None:
            unknown.append(line.description or line.category.label)
            continue
        by_category[line.category] = by_category.get(line.category, ZERO) + value
        by_basis[line.basis.value] = by_basis.get(line.basis.value, ZERO) + value
    total = sum(by_category.values(), ZERO)
    others = monthly(case.budget.paid_by_others)
    you = case.parent(case.you)
    annual_income = you.annual_income()
    annual_deductions = you.annual_deductions()
    income = None if annual_income is None else per_period(annual_income, Period.MONTH)
    after = None
    if annual_income is not None and annual_deductions is not None:
        after = per_period(annual_income - annual_deductions, Period.MONTH)
    ordered = {c: by_category[c] for c in BudgetCategory if c in by_category}
    return BudgetTotals(
        currency=currency_for(case), by_category=ordered, by_basis=by_basis, total=total,
        unknown_lines=tuple(unknown), paid_by_others=others,
        total_after_others=None if others is None else total - others,
        income_monthly=income, income_after_deductions_monthly=after,
    )


# --- assets and debts (FL-142) -------------------------------------------------------------------------------------


class OwnerTotals(Result):
    assets: Decimal = ZERO  # gross fair market value
    owed_on_assets: Decimal = ZERO  # loans secured on those assets
    debts: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        """Net worth: value minus what is owed on the assets minus other debts (FL-142's columns)."""
        return self.assets - self.owed_on_assets - self.debts


class NetWorth(Result):
    currency: str
    by_owner: dict[Owner, OwnerTotals]  # every owner, in Owner order
    total: OwnerTotals
    unknown_items: tuple[str, ...]  # items with a value or amount owed not known yet (left out of the sums)


def net_worth(case: Case) -> NetWorth:
    """Totals and net worth by whose the items are (mine / theirs / joint / not sure)."""
    sums: dict[Owner, dict[str, Decimal]] = {o: {"assets": ZERO, "owed_on_assets": ZERO, "debts": ZERO} for o in Owner}
    unknown: list[str] = []
    for asset in case.assets_debts.assets:
        name = asset.description or asset.category.label
        if asset.value is None:
            unknown.append(f"{name}: value")
        else:
            sums[asset.owner]["assets"] += asset.value
        if asset.amount_owed is not None:
            sums[asset.owner]["owed_on_assets"] += asset.amount_owed
    for debt in case.assets_debts.debts:
        if debt.amount_owed is None:
            unknown.append(f"{debt.description or debt.category.label}: amount owed")
        else:
            sums[debt.owner]["debts"] += debt.amount_owed
    by_owner = {o: OwnerTotals(**sums[o]) for o in Owner}
    total = OwnerTotals(
        assets=sum((t.assets for t in by_owner.values()), ZERO),
        owed_on_assets=sum((t.owed_on_assets for t in by_owner.values()), ZERO),
        debts=sum((t.debts for t in by_owner.values()), ZERO),
    )
    return NetWorth(currency=currency_for(case), by_owner=by_owner, total=total, unknown_items=tuple(unknown))


# --- splitting expenses ----------------------------------------------------------------------------------------------


class IncomeShares(Result):
    share_a: Decimal  # percent, to 0.01
    share_b: Decimal
    basis: str  # plain words: where the shares come from


def income_shares(case: Case) -> IncomeShares | None:
    """Each parent's share of the two gross yearly incomes (Parent.annual_income()), as percentages to 0.01.

    The child-support estimates do not publish income shares, so this is the plain ratio of incomes, said so in
    ``basis``. None when either income is unknown or both are 0.
    """
    a, b = case.parent_a.annual_income(), case.parent_b.annual_income()
    if a is None or b is None or a + b <= 0:
        return None
    share_a = round_money(a / (a + b) * HUNDRED)
    return IncomeShares(
        share_a=share_a, share_b=HUNDRED - share_a,
        basis="plain ratio of the two parents' gross yearly incomes (not a guideline calculation)",
    )


def owed_to_payer(expense: Expense) -> Decimal:
    """The other parent's part of an expense, which they owe the parent who paid: rounded half-up to the cent."""
    other_share = expense.share_b if expense.paid_by == "parent_a" else expense.share_a
    return round_money(expense.amount * other_share / HUNDRED, CENT)


def borne_by(expense: Expense, role: ParentRole) -> Decimal:
    """What ``role`` bears of the expense under its split (the payer bears the amount less what is owed back)."""
    owed = owed_to_payer(expense)
    return expense.amount - owed if role == expense.paid_by else owed


class Balance(Result):
    """Amounts owed between the parents. ``owed_to_a``: B's shares of expenses A paid (and vice versa)."""

    owed_to_a: Decimal = ZERO
    owed_to_b: Decimal = ZERO

    @property
    def net_to_a(self) -> Decimal:
        return self.owed_to_a - self.owed_to_b

    @property
    def creditor(self) -> ParentRole | None:
        """Who is owed money after setting the two directions off; None when they cancel out."""
        if self.net_to_a > 0:
            return "parent_a"
        if self.net_to_a < 0:
            return "parent_b"
        return None

    @property
    def debtor(self) -> ParentRole | None:
        return None if self.creditor is None else other_role(self.creditor)

    @property
    def amount(self) -> Decimal:
        return abs(self.net_to_a)


def balance_text(balance: Balance, case: Case, money: str) -> str:
    """"Jordan owes Sam £12.50" or "Nothing is owed either way" (``money`` is the formatted amount)."""
    if balance.creditor is None or balance.debtor is None:
        return "Nothing is owed either way"
    return f"{case.name(balance.debtor)} owes {case.name(balance.creditor)} {money}"


class ExpenseSummary(Result):
    currency: str
    count: int
    total: Decimal
    by_category: dict[ExpenseCategory, Decimal]
    by_month: dict[str, Decimal]  # "YYYY-MM" -> total, in date order
    by_month_category: dict[str, dict[ExpenseCategory, Decimal]]
    paid_by: dict[ParentRole, Decimal]  # what each parent paid up front
    borne_by: dict[ParentRole, Decimal]  # what each parent's share of all the expenses comes to
    balance: Balance  # everything not yet paid back (disputed amounts included)
    balance_by_month: dict[str, Balance]  # same, month by month (only months with expenses)
    paid_back: Decimal  # shares already paid back (status "paid"): settled, left out of the balance
    disputed: Decimal  # shares marked disputed (included in the balance)
    by_status: dict[ReimbursementStatus, Decimal]  # shares owed back, by status


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def summarize(items: Iterable[Expense], currency: str = "") -> ExpenseSummary:
    """Totals and balances for a list of expenses (see expense_summary)."""
    count = 0
    total = ZERO
    by_category: dict[ExpenseCategory, Decimal] = defaultdict(lambda: ZERO)
    by_month: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_month_category: dict[str, dict[ExpenseCategory, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    paid = dict.fromkeys(PARENT_ROLES, ZERO)
    borne = dict.fromkeys(PARENT_ROLES, ZERO)
    by_status = dict.fromkeys(ReimbursementStatus, ZERO)
    owed_to = dict.fromkeys(PARENT_ROLES, ZERO)  # outstanding, by the parent who paid
    owed_to_by_month: dict[str, dict[ParentRole, Decimal]] = defaultdict(lambda: dict.fromkeys(PARENT_ROLES, ZERO))
    for e in items:
        count += 1
        total += e.amount
        month = month_key(e.date)
        by_category[e.category] += e.amount
        by_month[month] += e.amount
        by_month_category[month][e.category] += e.amount
        paid[e.paid_by] += e.amount
        owed = owed_to_payer(e)
        borne[e.paid_by] += e.amount - owed
        borne[other_role(e.paid_by)] += owed
        by_status[e.status] += owed
        month_owed = owed_to_by_month[month]
        if e.status is not ReimbursementStatus.PAID:
            owed_to[e.paid_by] += owed
            month_owed[e.paid_by] += owed
    months = sorted(by_month)
    return ExpenseSummary(
        currency=currency, count=count, total=total,
        by_category={c: by_category[c] for c in ExpenseCategory if c in by_category},
        by_month={m: by_month[m] for m in months},
        by_month_category={m: {c: by_month_category[m][c] for c in ExpenseCategory if c in by_month_category[m]}
                           for m in months},
        paid_by=paid, borne_by=borne,
        balance=Balance(owed_to_a=owed_to["parent_a"], owed_to_b=owed_to["parent_b"]),
        balance_by_month={m: Balance(owed_to_a=owed_to_by_month[m]["parent_a"],
                                     owed_to_b=owed_to_by_month[m]["parent_b"]) for m in months},
        paid_back=by_status[ReimbursementStatus.PAID], disputed=by_status[ReimbursementStatus.DISPUTED],
        by_status=by_status,
    )


def expense_summary(case: Case) -> ExpenseSummary:
    """Totals by category and month, what each parent paid and bears, and who owes whom (by month and in total).

    An expense's share owed back counts towards the balance until it is marked paid back; disputed shares still
    count (and are also shown on their own)."""
    return summarize(case.expenses.items, currency_for(case))


def share_for(log: ExpenseLog, category: ExpenseCategory, basis: ShareBasis, shares: IncomeShares | None,
              custom: Decimal | None = None) -> Decimal:
    """Parent A's percentage for a new expense: the category's usual split, the income shares, or a typed figure."""
    if basis is ShareBasis.INCOME:
        if shares is None:
            raise ValueError("income shares need both parents' incomes: enter them on 'Your situation'")
        return shares.share_a
    if basis is ShareBasis.CUSTOM:
        if custom is None:
            raise ValueError("type the percentage for this expense")
        return custom
    return log.split_for(category)


# --- reading expenses from a CSV file -------------------------------------------------------------------------------

DateOrder = Literal["ymd", "dmy", "mdy"]
DATE_ORDER_WORDS: dict[str, str] = {"ymd": "year-month-day (2026-03-31)", "dmy": "day/month/year (31/03/2026)",
                                    "mdy": "month/day/year (03/31/2026)"}

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


class RowProblem(Result):
    line: int  # line in the file (the header is line 1)
    values: dict[str, str]  # the row as read, by our field names
    problems: tuple[str, ...]


class CsvImport(Result):
    expenses: tuple[Expense, ...] = ()
    good_lines: tuple[int, ...] = ()  # file line of each good row
    problems: tuple[RowProblem, ...] = ()
    blank_lines: int = 0
    notes: tuple[str, ...] = ()  # how the file was read (delimiter, encoding, columns not used, duplicates)
    error: str | None = None  # the whole file cannot be used: why, and how to fix it

    @property
    def rows_read(self) -> int:
        return len(self.expenses) + len(self.problems) + self.blank_lines


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


def decode_csv(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, note, error): UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 with a note."""
    if not data.strip():
        return None, None, "The file is empty."
    if data[:4] == b"PK\x03\x04":
        return None, None, ("This is a spreadsheet workbook (.xlsx), not a CSV file. In your spreadsheet use "
                            "File > Save As (or Download) > CSV UTF-8, then choose that file.")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "Read as UTF-16 text.", None
        except UnicodeDecodeError:
            return None, None, "The file says it is UTF-16 text but cannot be read as such. Save it as CSV UTF-8."
    if b"\x00" in data:
        return None, None, "This does not look like a text (CSV) file. Save it from your spreadsheet as CSV UTF-8."
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, None, ("The file's characters cannot be read (it is not UTF-8). Save it from your spreadsheet "
                            "as CSV UTF-8 and try again.")
    return text, ("The file is not UTF-8, so it was read as Windows-1252 (Western European). Check accented "
                  "letters and currency signs in the preview."), None


def _delimiter(header_line: str) -> str | None:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def _parse_date(text: str, order: DateOrder) -> dt.date:
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    parts = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if parts and order == "dmy":
            return dt.date(int(parts[3]), int(parts[2]), int(parts[1]))
        if parts and order == "mdy":
            return dt.date(int(parts[3]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"date “{text}” is not a real date") from None
    if not text:
        raise ValueError("date is missing")
    raise ValueError(f"date “{text[:40]}” is not in the form {DATE_ORDER_WORDS[order]}")


def _parse_amount(text: str) -> Decimal:
    cleaned = text.strip()
    # "12,50": a decimal comma; parse_money would read the comma as a thousands separator (1250) - refuse to guess
    if re.fullmatch(r"[^\d.]*\d+,\d{1,2}", cleaned):
        raise ValueError(f"amount “{cleaned}” uses a comma for pence/cents; write it with a point (12.50)")
    negative = cleaned.startswith("-") or (cleaned.startswith("(") and cleaned.endswith(")"))
    value = parse_money(cleaned.strip("()-"))
    if value is None:
        raise ValueError("amount is missing")
    if negative or value <= 0:
        raise ValueError("amount must be more than 0 (enter refunds by editing the original expense)")
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


def _lookup_enum(text: str, enum: type, labels: dict[str, str], what: str) -> object:
    key = _norm(text)
    for member in enum:  # type: ignore[attr-defined]
        if key in (member.value, _norm(labels[member.value])):
            return member
    allowed = ", ".join(labels[m.value] for m in enum)  # type: ignore[attr-defined]
    raise ValueError(f"{what} “{text.strip()[:40]}” is not one of: {allowed}")


def _parse_share(text: str) -> Decimal | None:
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"share A % “{text.strip()[:20]}” is not a number") from None
    if not value.is_finite() or not ZERO <= value <= HUNDRED:
        raise ValueError("share A % must be between 0 and 100")
    return value


def _row_to_expense(row: dict[str, str], case: Case, order: DateOrder,
                    paid_by: dict[str, ParentRole | None]) -> tuple[Expense | None, list[str]]:
    problems: list[str] = []
    fields: dict[str, object] = {}

    def attempt(name: str, parse: object) -> None:
        try:
            fields[name] = parse()  # type: ignore[operator]
        except ValueError as exc:
            problems.append(str(exc))

    attempt("date", lambda: _parse_date(row.get("date", ""), order))
    attempt("amount", lambda: _parse_amount(row.get("amount", "")))
    who = _norm(row.get("paid_by", ""))
    if not who:
        problems.append("paid by is missing")
    elif who not in paid_by:
        problems.append(f"paid by “{row['paid_by'].strip()[:40]}” is neither {case.name('parent_a')} nor "
                        f"{case.name('parent_b')} (A or B also work)")
    elif paid_by[who] is None:
        problems.append("both parents have this name: write A or B in the paid-by column")
    else:
        fields["paid_by"] = paid_by[who]
    category_labels = {c.value: c.label for c in ExpenseCategory}
    if row.get("category", "").strip():
        attempt("category", lambda: _lookup_enum(row["category"], ExpenseCategory, category_labels, "category"))
    else:
        fields["category"] = ExpenseCategory.OTHER
    status_labels = {s.value: s.label for s in ReimbursementStatus}
    if row.get("status", "").strip():
        attempt("status", lambda: _lookup_enum(row["status"], ReimbursementStatus, status_labels, "status"))
    attempt("share_a", lambda: _parse_share(row.get("share_a", "")))
    if problems:
        return None, problems
    share = fields.pop("share_a")
    category = fields["category"]
    fields["share_a"] = case.expenses.split_for(category) if share is None else share  # type: ignore[arg-type]
    fields["share_basis"] = ShareBasis.CATEGORY if share is None else ShareBasis.CUSTOM
    fields["description"] = row.get("description", "")
    fields["receipt_note"] = row.get("receipt_note", "")
    fields["children"] = tuple(c.strip() for c in re.split(r"[;,/&]", row.get("children", "")) if c.strip())
    try:
        return Expense.model_validate(fields), []
    except ValidationError as exc:
        from casefile.validation import describe

        return None, [e.message.removeprefix("Case: ") for e in describe(exc)]


def read_expenses_csv(data: bytes, case: Case, date_order: DateOrder = "ymd") -> CsvImport:
    """Read expenses from CSV bytes. Every data row ends up either as an Expense or as a RowProblem with reasons;
    blank lines are counted; a file that cannot be used at all gives ``error`` saying how to fix it."""
    text, encoding_note, error = decode_csv(data)
    if error or text is None:
        return CsvImport(error=error)
    notes = [encoding_note] if encoding_note else []
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = _delimiter(first_line)
    if delimiter is None:
        return CsvImport(error=(f"Only one column was found (“{first_line[:60]}”). Save the file as CSV with commas "
                                "(or semicolons or tabs) between the columns: date, description, category, amount, "
                                "paid by."))
    if delimiter != ",":
        notes.append(f"Columns are separated by {DELIMITERS[delimiter]}.")
    reader = csv.reader(io.StringIO(text.lstrip("\r\n"), newline=""), delimiter=delimiter)
    header = next(reader)
    columns: dict[int, str] = {}
    unused: list[str] = []
    for index, name in enumerate(header):
        field = next((f for f, names in CSV_COLUMNS.items() if _norm(name) in names), None)
        if field is None or field in columns.values():
            if name.strip():
                unused.append(name.strip())
            continue
        columns[index] = field
    missing = [FIELD_WORDS[f] for f in REQUIRED_COLUMNS if f not in columns.values()]
    if missing:
        found = ", ".join(h.strip() for h in header if h.strip()) or "none"
        return CsvImport(error=(f"The file has no column for: {', '.join(missing)}. Columns found: {found}. "
                                "Name the columns as in the template (date, description, category, amount, paid by) "
                                "and try again."))
    if unused:
        notes.append(f"Columns not used: {', '.join(unused)}.")
    lookup = _paid_by_lookup(case)
    expenses: list[Expense] = []
    good_lines: list[int] = []
    problems: list[RowProblem] = []
    blank = 0
    try:
        for raw in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in raw):
                blank += 1
                continue
            row = {field: raw[i] if i < len(raw) else "" for i, field in columns.items()}
            expense, why = _row_to_expense(row, case, date_order, lookup)
            if len(raw) > len(header) and any(cell.strip() for cell in raw[len(header):]):
                why = [*why, f"the row has {len(raw)} cells but the header has {len(header)} columns "
                             "(a comma inside a description needs quotes)"]
                expense = None
            if expense is None:
                problems.append(RowProblem(line=line, values=row, problems=tuple(why)))
            else:
                expenses.append(expense)
                good_lines.append(line)
    except csv.Error as exc:
        return CsvImport(error=f"The file could not be read past line {reader.line_num}: {exc}. Check its quotes.")
    existing = {(e.date, e.amount, e.paid_by, e.description) for e in case.expenses.items}
    duplicates = [line for e, line in zip(expenses, good_lines, strict=True)
                  if (e.date, e.amount, e.paid_by, e.description) in existing]
    if duplicates:
        notes.append(f"{len(duplicates)} row(s) look like expenses already in your log (lines "
                     f"{', '.join(map(str, duplicates[:10]))}{' ...' if len(duplicates) > 10 else ''}).")
    if blank:
        notes.append(f"{blank} blank line(s) had nothing in them.")
    return CsvImport(expenses=tuple(expenses), good_lines=tuple(good_lines), problems=tuple(problems),
                     blank_lines=blank, notes=tuple(notes))


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
