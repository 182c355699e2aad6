"""Canada — Federal Child Support Guidelines (SOR/97-175): table amounts, s 4 over $150,000, s 8 split and s 9 shared.

    s 3   the table amount for the paying parent's province, number of children and yearly income
    s 4   over $150,000: the amount at $150,000 plus a percentage of the income above it (s 4(a)); the court may
          instead set the part above $150,000 itself (s 4(b)) — flagged as discretionary
    s 8   split parenting time (children living mostly with different parents): the difference between the amount
          each parent would pay for the children living with the other
    s 9   shared parenting time (each parent at least 40% of the time): the simple set-off of the two table amounts
          is the starting point; the court also weighs increased costs and means — flagged as discretionary

The tables are Justice Canada's *simplified* tables (income rounded to the nearest $100), a third-party transcription:
see jurisdictions/CA.yaml. Every figure is read through the RuleView, so as-of dates and what-ifs apply.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Literal

from calculators.child_support import Worksheet
from calculators.result import Estimate
from casefile.models import DAYS_PER_YEAR, PARENT_ROLES, Case, Child, IncomeKind, ParentRole, other_role
from casefile.money import ZERO
from jurisdictions.loader import RuleView

Residence = Literal["parent_a", "parent_b", "shared"]
HUNDRED = Decimal(100)


# --- inputs ---------------------------------------------------------------------------------------------------------


def annual_income(ws: Worksheet, role: ParentRole) -> Decimal | None:
    """A parent's yearly income (ss 15–20) from the income entered, or None (with what to enter) if unknown."""
    parent = ws.case.parent(role)
    name = ws.case.name(role)
    if not parent.income:
        ws.need(f"Enter {name}'s income before tax for the year (enter 0 if {name} has none).")
        return None
    income = parent.annual_income(ws.view.kinds("income_kinds_counted", IncomeKind))  # ss 15-16: 'Total income' sources
    if income is None:
        unknown = ", ".join(item.description or item.kind.label for item in parent.unknown_income())
        ws.need(f"Enter the amount of {name}'s income ({unknown}): it is marked “I don't know yet”.")
        return None
    if ws.recording:
        ws.line(f"income_{role}", f"{name}'s yearly income (Guidelines income, before Schedule III adjustments)",
                "income_kinds_counted", amount=income, kind="input")
    return income


def child_nights_with_a(case: Case, child: Child) -> tuple[int, int]:
    """A child's overnights a year with each parent: the child's own figure if given, else the family schedule."""
    if child.overnights_with_a is None:
        return case.parenting_time.overnights_with_a, case.parenting_time.overnights_with_b
    nights_a = min(child.overnights_with_a, DAYS_PER_YEAR)
    return nights_a, DAYS_PER_YEAR - nights_a


def residence(case: Case, child: Child, threshold: Decimal) -> Residence:
    """Shared if each parent has not less than ``threshold`` of the time (s 9), else the parent with more (ss 3, 8)."""
    nights_a, nights_b = child_nights_with_a(case, child)
    share_a = Decimal(nights_a) / Decimal(nights_a + nights_b)
    if share_a >= threshold and 1 - share_a >= threshold:
        return "shared"
    return "parent_a" if nights_a > nights_b else "parent_b"


# --- the table amount (s 3, s 4) ------------------------------------------------------------------------------------


def table_column(view: RuleView, province: str, children: int) -> str:
    """The table's column: the province and the number of children (the last column is for 6 or more)."""
    return f"{province}_{min(children, int(view.decimal('max_children_column')))}"


def simplified_table_amount(ws: Worksheet, key: str, name: str, income: Decimal, province: str, children: int) -> Decimal:
    """s 3(1)(a), Schedule I: the simplified table's amount for the income rounded to the nearest $100."""
    view = ws.view
    rounding = view.rounding("table_income")
    rounded = rounding.apply(income)
    table = view.table("federal_tables")
    first = Decimal(table.rows[0][0])
    step = table.spec.step or HUNDRED
    if rounded < first:
        amount = ZERO
    else:
        row = table.rows[int((rounded - first) / step)]
        if Decimal(row[0]) != rounded:  # the loader checks the steps, so this cannot happen with a valid table
            raise LookupError(f"federal table row for {rounded} not found")
        amount = Decimal(row[table.index[table_column(view, province, children)]])
    if ws.recording:  # the labels cost more than the lookup, and a curve point needs only the amount
        ws.line(f"{key}_rounded", f"{name}'s income rounded to the nearest $100 (simplified tables)",
                view.citation(*rounding.references), amount=rounded)
        label = f"Table amount: {name}, income {rounded:,.0f}, {children} child{'ren' if children > 1 else ''}"
        note = (f"The table starts at ${first:,.0f} a year, where the amount is $0; below it no table amount is "
                "payable (a court may still consider the circumstances)." if rounded < first else "")
        ws.line(key, label, view.table_citation("federal_tables"), amount=amount, note=note)
    return amount


def over_150k_amount(ws: Worksheet, key: str, name: str, income: Decimal, province: str, children: int) -> Decimal:
    """s 4(a): the amount at $150,000 plus the table's percentage of the income over $150,000 (rounded to the dollar).

    s 4(b) lets the court set the part above $150,000 itself: the estimate is marked discretionary."""
    view = ws.view
    table = view.table("over_150k")
    column = table_column(view, province, children)
    n = int(column.rsplit("_", 1)[1])
    (row,) = table.where(jurisdiction=province, children=n)
    basic, pct, over = (Decimal(row[table.index[c]]) for c in ("basic_amount", "plus_pct", "of_income_over"))
    cite = view.table_citation("over_150k")
    excess = income - over
    plus = pct / HUNDRED * excess
    ws.line(f"{key}_base", f"Table amount at ${over:,.0f} ({children} child{'ren' if children > 1 else ''})",
            cite, amount=basic)
    ws.line(f"{key}_excess", f"{name}'s income over ${over:,.0f}", "over_150k_threshold", amount=excess)
    ws.line(f"{key}_plus", f"{pct}% of the income over ${over:,.0f}", cite, amount=plus, value=f"{pct}%")
    final = view.rounding("final")
    amount = final.apply(basic + plus)
    ws.line(key, f"Table amount (s 4(a)): {name}, rounded to the dollar", view.citation(*final.references),
            amount=amount, uses=("over_150k_threshold",))
    ws.discretionary = True
    ws.warn(f"{name}'s income is over ${over:,.0f}. Section 4(b) lets the court set the amount for the income above "
            f"${over:,.0f} differently if the table amount is inappropriate: this figure is a starting point.")
    return amount


def table_amount(ws: Worksheet, key: str, role: ParentRole, income: Decimal, province: str, children: int) -> Decimal:
    """The amount a parent would pay under the table for ``children`` children (s 3, or s 4 over $150,000)."""
    name = ws.case.name(role)
    if children == 0:
        return ZERO
    if income > ws.view.decimal("over_150k_threshold"):
        return over_150k_amount(ws, key, name, income, province, children)
    return simplified_table_amount(ws, key, name, income, province, children)


# --- the arrangements (ss 3, 8, 9) ---------------------------------------------------------------------------------


def parenting_time_lines(ws: Worksheet, residences: list[Residence]) -> None:
    """Input lines: overnights with each parent and where each child lives for the Guidelines."""
    case, view = ws.case, ws.view
    for role in PARENT_ROLES:
        ws.line(f"nights_{role}", f"Overnights a year with {case.name(role)}", "shared_parenting_threshold",
                value=f"{case.parenting_time.nights(role)} nights", kind="input")
    threshold = view.decimal("shared_parenting_threshold")
    words = {"shared": f"shared (each parent at least {threshold * 100:.0f}% of the time)",
             "parent_a": f"mostly with {case.name('parent_a')}", "parent_b": f"mostly with {case.name('parent_b')}"}
    for index, (child, where) in enumerate(zip(case.children, residences, strict=True)):
        nights_a, _ = child_nights_with_a(case, child)
        ws.line(f"child_{index}", f"{child.name}: {nights_a} nights a year with {case.name('parent_a')}",
                "shared_parenting_threshold", value=words[where], kind="input")


def ordinary_case(ws: Worksheet, payer: ParentRole, province: str, children: int) -> Estimate:
    """s 3(1): the parent the children do not mostly live with pays the table amount."""
    income = annual_income(ws, payer)
    if income is None:
        return ws.result(None, None, None)
    amount = table_amount(ws, "table_amount", payer, income, province, children)
    if ws.recording:
        ws.line("amount", f"Monthly child support {ws.case.name(payer)} pays (estimate)",
                ws.view.citation("fcsg_s3"), amount=amount, kind="result")
    return ws.result(amount, payer, other_role(payer))


def set_off(ws: Worksheet, owed_a: Decimal, owed_b: Decimal, label: str, *refs: str) -> Estimate:
    """The difference of the two amounts; the parent who would owe more pays the difference (ss 8, 9(a))."""
    payer: ParentRole = "parent_a" if owed_a >= owed_b else "parent_b"
    amount = abs(owed_a - owed_b)
    ws.line("amount", f"{label}: {ws.case.name(payer)} pays the difference (estimate)", ws.view.citation(*refs),
            amount=amount, kind="result")
    return ws.result(amount, payer, other_role(payer))


def both_table_amounts(ws: Worksheet, province: str, paid_by_a_for: int,
                       paid_by_b_for: int) -> tuple[Decimal, Decimal] | None:
    """Each parent's table amount (A's for ``paid_by_a_for`` children, B's for ``paid_by_b_for``), or None (with
    what to enter) when either income is unknown."""
    incomes = {role: annual_income(ws, role) for role in PARENT_ROLES}
    income_a, income_b = incomes["parent_a"], incomes["parent_b"]
    if income_a is None or income_b is None:
        return None
    return (table_amount(ws, "table_amount_parent_a", "parent_a", income_a, province, paid_by_a_for),
            table_amount(ws, "table_amount_parent_b", "parent_b", income_b, province, paid_by_b_for))


def split_custody(ws: Worksheet, province: str, with_a: int, with_b: int) -> Estimate:
    """s 8: each parent's table amount for the children living mostly with the other parent; the difference."""
    owed = both_table_amounts(ws, province, with_b, with_a)
    if owed is None:
        return ws.result(None, None, None)
    return set_off(ws, *owed, "Split parenting time (s 8)", "fcsg_s8")


def shared_custody(ws: Worksheet, province: str, children: int) -> Estimate:
    """s 9: the simple set-off of both parents' table amounts for all the children (the usual starting point)."""
    owed = both_table_amounts(ws, province, children, children)
    if owed is None:
        return ws.result(None, None, None)
    owed_a, owed_b = owed
    ws.discretionary = True
    ws.warn("Shared parenting (s 9): this is only the simple set-off of the two table amounts. The court also "
            "takes into account the increased costs of shared parenting and each parent's and child's conditions, "
            "means, needs and other circumstances, so the amount ordered can differ.")
    return set_off(ws, owed_a, owed_b, "Shared parenting, simple set-off (s 9)", "fcsg_s9", "setoff")


def compute(case: Case, view: RuleView) -> Estimate:
    """The monthly table amount (or set-off) under the Federal Child Support Guidelines, with its worksheet."""
    ws = Worksheet(case, view)
    ws.assume("The table amounts are from a third-party copy of Justice Canada's simplified tables (income rounded "
              "to the nearest $100); the official tables can differ slightly.")
    province = view.region
    if province is None:
        ws.need("Choose the province or territory where the paying parent lives (for example CA-ON for Ontario).")
        return ws.result(None, None, None)
    if ws.recording:
        ws.line("province", "Province or territory whose table is used", view.citation("fcsg_s3"),
                value=view.rules.regions[province].name, kind="input")
    ws.reuse("province", (), lambda: ws.assume(
        f"The paying parent lives in {view.rules.regions[province].name}: the table of the province where the "
        "paying parent ordinarily lives is used (s 3(3))."))
    if not case.children:
        ws.need("Add the children this support is for.")
        return ws.result(None, None, None)
    if ws.recording:
        ws.line("children", "Number of children", view.citation("fcsg_s3", "fcsg_sch1"),
                value=str(len(case.children)), kind="input", uses=("max_children_column",))
    threshold = view.decimal("shared_parenting_threshold")
    # where the children live depends on the nights only: worked out again only when they change (what-if curves)
    residences = ws.reuse("residences", (case.parenting_time, case.children),
                          lambda: [residence(case, child, threshold) for child in case.children])
    if ws.recording:
        parenting_time_lines(ws, residences)
    counts = Counter(residences)
    if counts["shared"] == len(residences):
        return shared_custody(ws, province, len(residences))
    if counts["shared"]:
        ws.warn("Some children are shared (each parent at least 40% of the time) and others live mostly with one "
                "parent. The Guidelines leave this mix to the court; this estimate does not compute an amount.")
        return ws.result(None, None, None)
    if counts["parent_a"] and counts["parent_b"]:
        return split_custody(ws, province, counts["parent_a"], counts["parent_b"])
    payer: ParentRole = "parent_b" if counts["parent_a"] else "parent_a"
    return ordinary_case(ws, payer, province, len(residences))
