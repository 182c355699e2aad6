"""Australia: Child Support (Assessment) Act 1989 (Cth), Part 5, Formula 1 — the basic formula (s 35; DSS guide 2.2.1).

    1. child support income = adjusted taxable income - self-support amount            s 41
    2. combined child support income (CCSI)                                              s 42
    3. income percentage = own child support income / CCSI                               s 55B
    4. percentage of care (from nights)                                                  s 48, Div 4
    5. cost percentage (care -> cost table)                                              s 55C
    6. child support percentage = income percentage - cost percentage                    s 55D
    7. costs of the children (yearly table by CCSI, number and age of children)          ss 55F-55H, Sch 1
    8. annual rate = positive child support percentage x costs of the child; offset      s 35
    then the minimum annual rate (s 66) where it applies.

Every figure is read from jurisdictions/AU.yaml through the RuleView; rounding follows the file's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators.child_support import Worksheet
from calculators.result import Estimate
from casefile.models import PARENT_ROLES, Case, Child, IncomeKind, ParentRole, other_role
from casefile.money import ZERO
from jurisdictions.loader import RuleView

HUNDRED = Decimal(100)


def compute(case: Case, view: RuleView) -> Estimate:
    """The Formula 1 annual rate for ``case`` (CSA 1989 s 35)."""
    ws = Worksheet(case, view)
    notice = view.value("legislative_change_notice")
    if notice:
        ws.warn(str(notice))
    # steps that read only part of the case are marked for reuse between the points of a what-if curve
    ages = ws.reuse("ages", (case.children,), lambda: children_ages(case, ws))
    ati = {role: ws.reuse(f"ati_{role}", (case.parent(role),), lambda role=role: adjusted_taxable_income(case, role, ws))
           for role in PARENT_ROLES}
    relevant_dependent_children(case, ws)
    if ws.missing or ages is None:
        return ws.result(None, None, None)
    csi = {role: child_support_income(case, role, ati[role], ws) for role in PARENT_ROLES}  # step 1
    ccsi = combined_child_support_income(csi, ws)  # step 2
    income_pct = {role: income_percentage(case, role, csi[role], ccsi, ws) for role in PARENT_ROLES}  # step 3
    care = (case.parenting_time, case.children)
    care_pcts = ws.reuse("care", care, lambda: [care_percentages(case, child, i, ws)  # step 4
                                                for i, child in enumerate(case.children)])
    cost_pcts = ws.reuse("cost_pcts", care, lambda: [{role: cost_percentage(pct[role], view) for role in pct}  # 5
                                                     for pct in care_pcts])
    table = ws.reuse("costs_table", (case.children,), lambda: costs_table(ages, view))
    cost_each = costs_of_each_child(ccsi, table, ws)  # step 7
    owed = {role: ZERO for role in PARENT_ROLES}
    for index, child in enumerate(case.children):  # steps 6 and 8, child by child
        for role, amount in child_liabilities(case, child, index, care_pcts[index], cost_pcts[index], income_pct,
                                              cost_each, ws).items():
            owed[role] += amount
    amount, payer = annual_rate(case, owed, ws)
    amount, payer = minimum_annual_rate(case, amount, payer, care_pcts, ati, ws)
    periodic_equivalents(amount, ws)
    return ws.result(amount, payer, other_role(payer) if payer else None)


# --- inputs ---------------------------------------------------------------------------------------------------------


def children_ages(case: Case, ws: Worksheet) -> list[int] | None:
    """Each child's age on the as-of date (the costs table depends on age: 0-12 or 13 and over)."""
    if not case.children:
        ws.need("Add the children of this case (name and date of birth) to get an estimate.")
        return None
    ages: list[int] = []
    for index, child in enumerate(case.children):
        age = child.age_on(ws.view.as_of)
        if age is None:
            ws.need(f"Enter {child.name}'s date of birth (the costs of the children depend on age).")
            continue
        ages.append(age)
        ws.line(f"age_{index}", f"{child.name}'s age on {ws.view.as_of:%d %B %Y}", "older_child_age",
                value=f"{age}", kind="input")
    return None if len(ages) < len(case.children) else ages


def adjusted_taxable_income(case: Case, role: ParentRole, ws: Worksheet) -> Decimal | None:
    """Adjusted taxable income (s 43), approximated by the income kinds the rule file lists."""
    view = ws.view
    parent, name = case.parent(role), case.name(role)
    counted = view.kinds("income_kinds_counted", IncomeKind)
    items = [i for i in parent.income if i.kind in counted]
    for item in items:
        if not item.known:
            ws.need(f"Enter the amount of {name}'s income '{item.description or item.kind.label}'.")
    if not items:
        ws.need(f"Enter {name}'s income for the last tax year (enter 0 if there was none).")
    left_out = sorted({i.kind.label.lower() for i in parent.income if i.kind not in counted})
    if left_out:
        ws.warn(f"{name}'s {', '.join(left_out)} is not counted as adjusted taxable income; if it is taxable, "
                "enter it as other income.")
    total = parent.annual_income(counted)
    if total is None or not items:
        return None
    if ws.recording:
        ws.line(f"ati_{role}", f"{name}'s adjusted taxable income", "income_kinds_counted", amount=total, kind="input")
    return total


def relevant_dependent_children(case: Case, ws: Worksheet) -> None:
    """The relevant dependent child amount (s 46) is not modelled: say so when a parent has other children."""
    for role in PARENT_ROLES:
        if case.parent(role).other_children:
            ws.warn(f"{case.name(role)} has other children. In Australia a relevant dependent child amount "
                    "(s 46) lowers that parent's child support income; this estimate does not work it out, so "
                    f"it may overstate what {case.name(role)} pays (or understate what they receive).")


# --- steps 1 to 3: income -------------------------------------------------------------------------------------------


def child_support_income(case: Case, role: ParentRole, ati: Decimal | None, ws: Worksheet) -> Decimal:
    """Step 1 (s 41): adjusted taxable income less the self-support amount; not below nil."""
    ssa = ws.view.decimal("self_support_amount")
    csi = max((ati or ZERO) - ssa, ZERO)
    if (ati or ZERO) < ssa:
        ws.assume("A child support income below nil is counted as nil (the data pack could not confirm this).")
    if ws.recording:
        ws.line(f"ssa_{role}", f"Less {case.name(role)}'s self-support amount", "self_support_amount", amount=ssa)
        ws.line(f"csi_{role}", f"{case.name(role)}'s child support income", ws.view.citation("csa_s41"), amount=csi,
                uses=("self_support_amount", "income_kinds_counted"))
    return csi


def combined_child_support_income(csi: dict[ParentRole, Decimal], ws: Worksheet) -> Decimal:
    """Step 2 (s 42): the parents' child support incomes added together."""
    ccsi = sum(csi.values(), ZERO)
    if ws.recording:
        ws.line("ccsi", "Combined child support income", ws.view.citation("csa_s42"), amount=ccsi,
                uses=("self_support_amount",))
    return ccsi


def income_percentage(case: Case, role: ParentRole, csi: Decimal, ccsi: Decimal, ws: Worksheet) -> Decimal:
    """Step 3 (s 55B): own child support income as a percentage of the combined income (2 decimal places)."""
    pct = ws.view.rounding("income_percentage").apply(csi / ccsi * HUNDRED) if ccsi else ZERO
    if ws.recording:
        ws.line(f"income_pct_{role}", f"{case.name(role)}'s income percentage",
                ws.view.citation("csa_s55b", "gizmo_55b"), value=f"{pct}%")
    return pct


# --- steps 4 to 6: care ---------------------------------------------------------------------------------------------


def care_percentages(case: Case, child: Child, index: int, ws: Worksheet) -> dict[ParentRole, int]:
    """Step 4 (s 48): nights of care as a percentage, rounded down below 50% and up above (DSS guide 1.4.3.20)."""
    pt = case.parenting_time
    total = pt.overnights_with_a + pt.overnights_with_b
    nights_a = child.overnights_with_a if child.overnights_with_a is not None else pt.overnights_with_a
    nights = {"parent_a": nights_a, "parent_b": max(total - nights_a, 0)}
    care: dict[ParentRole, int] = {}
    for role in PARENT_ROLES:
        care[role] = round_care(Decimal(nights[role]) / Decimal(total) * HUNDRED, ws.view)
        ws.line(f"care_{index}_{role}", f"{child.name}: {case.name(role)}'s care ({nights[role]} nights)",
                ws.view.citation("csa_s48", "dss_1_4_3_20"), value=f"{care[role]}%", kind="input")
    return care


def round_care(percent: Decimal, view: RuleView) -> int:
    """Whole-number care percentage: below 50 rounded down, above 50 rounded up, exactly 50 stays."""
    if percent < 50:
        return int(view.rounding("care_below_half").apply(percent))
    if percent > 50:
        return int(view.rounding("care_above_half").apply(percent))
    return 50


def cost_percentage(care: int, view: RuleView) -> Decimal:
    """Step 5 (s 55C): the cost percentage for a whole-number care percentage."""
    for band in view.value("cost_percentage_bands"):
        if band["lower"] <= care and (band["upper"] is None or care < band["upper"]):
            return band["base"] + band["per_point"] * (care - band["over"]) if band["per_point"] else band["base"]
    raise ValueError(f"no cost percentage for {care}% care")  # the bands start at 0 and the last is open


def child_liabilities(case: Case, child: Child, index: int, care: dict[ParentRole, int],
                      cost_pct: dict[ParentRole, Decimal], income_pct: dict[ParentRole, Decimal], cost_each: Decimal,
                      ws: Worksheet) -> dict[ParentRole, Decimal]:
    """Steps 6 and 8 for one child (with its step 5 cost percentages): a positive child support percentage x the
    costs of the child, unless the parent has more than 65% care (DSS guide 4.1.2)."""
    view = ws.view
    primary = view.decimal("primary_care_above")
    owed: dict[ParentRole, Decimal] = {}
    for role in PARENT_ROLES:
        cs_pct = income_pct[role] - cost_pct[role]  # step 6 (s 55D): income percentage minus cost percentage
        if ws.recording:  # the labels cost more than the arithmetic, and a curve point needs only the amount
            ws.line(f"cost_pct_{index}_{role}", f"{child.name}: {case.name(role)}'s cost percentage",
                    "cost_percentage_bands", value=f"{cost_pct[role]}%")
            ws.line(f"cs_pct_{index}_{role}", f"{child.name}: {case.name(role)}'s child support percentage",
                    view.citation("csa_s55d"), value=f"{cs_pct}%", uses=("cost_percentage_bands",))
        if cs_pct <= 0:
            continue
        if care[role] > primary:
            if ws.recording:
                ws.line(f"primary_{index}_{role}", f"{child.name}: {case.name(role)} has more than {primary}% "
                        "care, so pays nothing for this child", "primary_care_above", amount=ZERO)
            continue
        owed[role] = cs_pct / HUNDRED * cost_each
        if ws.recording:
            ws.line(f"owed_{index}_{role}", f"{child.name}: {case.name(role)} pays {cs_pct}% of the "
                    "costs of this child", view.citation("csa1989", "dss_2_2_1"), amount=owed[role])
    return owed


# --- step 7: costs of the children ----------------------------------------------------------------------------------


def age_group(ages: list[int], view: RuleView) -> str:
    """'0-12', '13+' or 'mixed' from the ages of the (3 oldest) children (s 55G)."""
    counted = sorted(ages, reverse=True)[: int(view.decimal("most_children_counted"))]
    older = view.decimal("older_child_age")
    if all(age >= older for age in counted):
        return "13+"
    if all(age < older for age in counted):
        return "0-12"
    return "mixed"


def children_column(count: int, view: RuleView) -> str:
    most = int(view.decimal("most_children_counted"))
    return f"{most}+" if count >= most else str(count)


@dataclass(frozen=True)
class CostsTable:
    """The rows of the costs of the children table for these children's ages and number (Sch 1), as
    (band_from, base_amount, marginal_rate), rising."""

    group: str
    column: str
    count: int
    bands: tuple[tuple[Decimal, Decimal, Decimal], ...]


def costs_table(ages: list[int], view: RuleView) -> CostsTable:
    """The costs of the children table's rows for the age group and number of children (ss 55F-55G)."""
    group, column = age_group(ages, view), children_column(len(ages), view)
    table = view.table("costs_of_children")
    rows = table.where(age_group=group, children=column)
    idx = table.index
    if not rows or any(row[idx["year"]] != view.table_spec("costs_of_children").from_.year for row in rows):
        raise ValueError(f"costs of the children table has no rows for {group}, {column} children")
    bands = tuple((Decimal(r[idx["band_from"]]), r[idx["base_amount"]], r[idx["marginal_rate"]]) for r in rows)
    return CostsTable(group=group, column=column, count=len(ages), bands=bands)


def costs_of_the_children(ccsi: Decimal, table: CostsTable, ws: Worksheet) -> Decimal:
    """Step 7 (ss 55F-55G, Sch 1): the yearly table's cost for the CCSI band: base + marginal rate x the
    income above the band's start (the capped top row has rate 0)."""
    view = ws.view
    band_from, base, rate = [band for band in table.bands if band[0] <= ccsi][-1]
    cost = base + rate * (ccsi - (band_from - 1)) if band_from > 0 else rate * ccsi
    if ws.recording:
        cite = view.table_citation("costs_of_children")
        ws.line("cotc_group", "Costs of the children table used", cite,
                value=f"{view.as_of.year}, ages {table.group}, {table.column} child(ren), income from ${band_from:,}",
                kind="input")
        cap = view.decimal("cost_cap_multiple") * view.decimal("mtawe")
        if ccsi > cap:
            ws.line("cotc_cap", f"Costs stop rising above {view.decimal('cost_cap_multiple')} x MTAWE", "mtawe",
                    amount=cap, uses=("cost_cap_multiple",))
        ws.line("cotc", "Costs of the children", cite, amount=cost)
    return cost


def costs_of_each_child(ccsi: Decimal, table: CostsTable, ws: Worksheet) -> Decimal:
    """Costs of each child: the costs of the children shared equally (s 55H, as the data pack reads it)."""
    total = costs_of_the_children(ccsi, table, ws)
    each = total / table.count
    if table.count > 1:
        if ws.recording:
            ws.line("cotc_each", f"Costs of each child (divided by {table.count})", ws.view.citation("csa_s55g"),
                    amount=each)
        ws.assume("The costs of the children are shared equally between the children (s 55H; the text of s 55H "
                  "was not checked).")
    return each


# --- step 8 and the minimum annual rate ----------------------------------------------------------------------------


def annual_rate(case: Case, owed: dict[ParentRole, Decimal], ws: Worksheet) -> tuple[Decimal, ParentRole | None]:
    """Step 8: each parent's amounts added up; when both owe, the smaller is offset against the larger."""
    view = ws.view
    final = view.rounding("final")
    if all(owed.get(role) for role in PARENT_ROLES):
        ws.line("offset", "Both parents owe for different children: the amounts are offset",
                view.citation("csa1989", "dss_2_2_1"), amount=abs(owed["parent_a"] - owed["parent_b"]))
    net = owed["parent_a"] - owed["parent_b"]
    payer: ParentRole | None = "parent_a" if net > 0 else "parent_b" if net < 0 else None
    amount = final.apply(abs(net))
    label = f"Annual rate {case.name(payer)} pays" if payer else "Annual rate (no one pays under the formula)"
    if ws.recording:
        ws.line("annual_rate", label, view.citation("csa1989", "dss_2_2_1"), amount=amount, kind="result",
                note=final.note or "")
    return amount, payer


def minimum_annual_rate(case: Case, amount: Decimal, payer: ParentRole | None, care: list[dict[ParentRole, int]],
                        ati: dict[ParentRole, Decimal | None], ws: Worksheet) -> tuple[Decimal, ParentRole | None]:
    """The minimum annual rate (s 66) for a parent with less than regular care whose formula rate is lower, when the
    fixed annual rate (s 65A) cannot apply because the parent received income support. Otherwise a warning."""
    view = ws.view
    regular, shared = view.decimal("regular_care_from"), view.decimal("shared_care_from")
    mar, far = view.decimal("minimum_annual_rate"), view.decimal("fixed_annual_rate")
    for role in PARENT_ROLES:
        name, parent = case.name(role), case.parent(role)
        own = amount if payer == role else ZERO
        if all(c[role] < regular for c in care) and own < mar:
            if parent.receives_income_support:
                ws.line("mar", f"Minimum annual rate: {name} has less than regular care and received income "
                        "support", "minimum_annual_rate", amount=mar, kind="result", uses=("regular_care_from",))
                return mar, role
            ws.warn(f"{name} has less than regular care and the formula gives less than the minimum annual rate "
                    f"(${mar:,} a year). The minimum annual rate or the fixed annual rate (${far:,} a child, up to "
                    "3 children) may apply instead; the fixed rate's income test is not modelled.")
        elif (all(c[role] < shared for c in care) and not parent.receives_income_support
              and (ati[role] or ZERO) < view.decimal("self_support_amount")):
            ws.warn(f"{name}'s income is low and they have less than shared care: the fixed annual rate "
                    f"(${far:,} a child, up to 3 children) may apply instead of the formula; its income test is "
                    "not modelled.")
    return amount, payer


def periodic_equivalents(amount: Decimal, ws: Worksheet) -> None:
    """The annual rate per fortnight and per month (annual / 26 and / 12; the official conversion was not found)."""
    if not ws.recording:  # explanation only
        return
    final = ws.view.rounding("final")
    cite = ws.view.citation("csa1989")
    note = "Annual rate divided by 26 and 12; the official conversion rule was not found."
    ws.line("fortnightly", "About this much a fortnight", cite, amount=final.apply(amount / 26), kind="note",
            note=note)
    ws.line("monthly", "About this much a month", cite, amount=final.apply(amount / 12), kind="note", note=note)
