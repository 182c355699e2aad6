"""Maryland — income shares (Md. Code, Family Law §§ 12-201 to 12-204), monthly.

    § 12-201(b), (c)  actual income; adjusted actual income = actual income − support and alimony actually paid −
                      multifamily allowance (0.75 × the schedule amount for the other children in the parent's home,
                      on that parent's own income)
    § 12-204(a)       each parent's share in proportion to adjusted actual income
    § 12-204(c), (e)  the basic child support obligation from the schedule (between rows: the rule file's method)
    § 12-204(d)       above $30,000 combined a month: the court's discretion (the top-of-schedule amount is shown)
    § 12-204(g), (h)  add-ons: work-related child care, the children's health insurance, extraordinary medical
                      expenses (uninsured costs above $250 a year, § 12-201(g)), shared by income
    § 12-204(l)       Worksheet A (primary physical custody)
    § 12-204(f), (m)  Worksheet B (shared physical custody, 92+ overnights each): 1.5 × the basic obligation, each
                      share weighted by the time with the other parent, the 92–109-night adjustment, netted, and never
                      more than the Worksheet A amount (§ 12-204(m)(5))
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators.child_support import Worksheet
from calculators.result import Estimate
from casefile.models import PARENT_ROLES, Case, ChildCostKind, DeductionKind, IncomeKind, ParentRole, other_role
from casefile.money import ZERO, per_period
from jurisdictions.loader import RuleView

ONE = Decimal(1)


# --- the schedule (§ 12-204(c), (d), (e)) --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleReading:
    """An amount read from the schedule, with how it was read."""

    amount: Decimal
    income_used: Decimal  # the combined income looked up (capped at the top of the schedule)
    rows: tuple[int, ...]  # the row incomes the amount comes from
    shaded: bool  # a cell used is starred (*): adjusted for the self-support reserve (§ 12-201(n))
    above_top: bool  # the income is above the top of the schedule (§ 12-204(d))


def schedule_column(view: RuleView, children: int) -> int:
    """The schedule's column for the number of children (the last column is '6 or more')."""
    return min(children, int(view.decimal("max_children_column")))


def read_schedule(view: RuleView, income: Decimal, children: int) -> ScheduleReading:
    """§ 12-204(e): the basic obligation for a combined monthly income; between rows per § 12-204(c) as the rule file
    says ('interpolate' or 'next_higher'); the first row covers $0–1,200; above the top, the top row (§ 12-204(d))."""
    table = view.table("schedule")
    n = schedule_column(view, children)
    amount_i, shaded_i = table.index[f"children_{n}"], table.index[f"ssr_shaded_{n}"]
    top = view.decimal("schedule_top")
    used = min(income, top)
    rows = table.rows
    first, step = Decimal(rows[0][0]), table.spec.step or Decimal(50)
    if used <= first:
        low = high = rows[0]
    else:
        index = min(int((used - first) / step), len(rows) - 1)
        low = rows[index]
        high = rows[index] if Decimal(low[0]) == used or index + 1 == len(rows) else rows[index + 1]
    method = view.value("between_rows")
    if method not in ("interpolate", "next_higher"):
        raise ValueError(f"{view.rules.code}: between_rows must be 'interpolate' or 'next_higher', not {method!r}")
    if low is high:
        amount = Decimal(low[amount_i])
        used_rows: tuple[int, ...] = (low[0],)
    elif method == "next_higher":
        amount, used_rows = Decimal(high[amount_i]), (high[0],)
    else:
        fraction = (used - Decimal(low[0])) / (Decimal(high[0]) - Decimal(low[0]))
        amount = Decimal(low[amount_i]) + fraction * (Decimal(high[amount_i]) - Decimal(low[amount_i]))
        used_rows = (low[0], high[0])
    shaded = any(row[shaded_i] for row in (low, high) if row[0] in used_rows)
    return ScheduleReading(amount, used, used_rows, shaded, income > top)


def describe_reading(reading: ScheduleReading) -> str:
    if len(reading.rows) == 2:
        return f"straight line between the ${reading.rows[0]:,} and ${reading.rows[1]:,} rows"
    return f"the ${reading.rows[0]:,} row"


# --- income (§ 12-201(b), (c)) ---------------------------------------------------------------------------------------


def actual_income(ws: Worksheet, role: ParentRole) -> Decimal | None:
    """§ 12-201(b): a parent's monthly actual income before taxes, of the kinds the statute counts."""
    parent, name = ws.case.parent(role), ws.case.name(role)
    if not parent.income:
        ws.need(f"Enter {name}'s income before taxes (enter 0 if {name} has none).")
        return None
    kinds = ws.view.kinds("income_kinds_counted", IncomeKind)
    annual = parent.annual_income(kinds)
    if annual is None:
        unknown = ", ".join(item.description or item.kind.label for item in parent.unknown_income())
        ws.need(f"Enter the amount of {name}'s income ({unknown}): it is marked “I don't know yet”.")
        return None
    monthly = per_period(annual, ws.view.rules.period)
    if ws.recording:
        ws.line(f"actual_income_{role}", f"{name}'s monthly actual income (before taxes)", "income_kinds_counted",
                amount=monthly, kind="input")
    return monthly


def support_and_alimony_paid(ws: Worksheet, role: ParentRole) -> Decimal | None:
    """§ 12-201(c)(1): child support actually paid for other children and alimony actually paid, a month."""
    parent, name = ws.case.parent(role), ws.case.name(role)
    kinds = ws.view.kinds("deductions_allowed", DeductionKind)
    annual = parent.annual_deductions(kinds)
    if annual is None:
        ws.need(f"Enter the amount of child support or alimony {name} actually pays: it is marked “I don't know yet”.")
        return None
    monthly = per_period(annual, ws.view.rules.period)
    if monthly:
        ws.line(f"paid_{role}", f"Child support (other children) and alimony {name} actually pays", "deductions_allowed",
                amount=monthly, kind="input")
    return monthly


def multifamily_allowance(ws: Worksheet, role: ParentRole, actual: Decimal) -> Decimal:
    """§ 12-201(c)(1)(iii), (c)(2): 0.75 × the schedule amount for the parent's other children living in their home,
    looked up on that parent's own actual income."""
    children = sum(1 for child in ws.case.parent(role).other_children if child.lives_with_parent)
    if children == 0:
        return ZERO
    name = ws.case.name(role)
    reading = read_schedule(ws.view, actual, children)
    factor = ws.view.decimal("multifamily_factor")
    allowance = factor * reading.amount
    ws.line(f"multifamily_{role}", f"Multifamily allowance for {children} other child{'ren' if children > 1 else ''} "
            f"in {name}'s home: {factor} × ${reading.amount:,.2f} (schedule on {name}'s income alone)",
            "multifamily_factor", amount=allowance, uses=("between_rows",))
    ws.assume(f"{name}'s other children living at home spend more than 92 nights a year there (§ 12-201(c)(1)(iii)).")
    return allowance


def adjusted_actual_income(ws: Worksheet, role: ParentRole) -> Decimal | None:
    """§ 12-201(c): actual income minus support and alimony paid and the multifamily allowance (not below zero)."""
    actual = actual_income(ws, role)
    paid = support_and_alimony_paid(ws, role)
    if actual is None or paid is None:
        return None
    adjusted = actual - paid - multifamily_allowance(ws, role, actual)
    if adjusted < 0:
        ws.assume(f"{ws.case.name(role)}'s deductions exceed their income; their adjusted actual income is taken as $0.")
        adjusted = ZERO
    if ws.recording:
        ws.line(f"aai_{role}", f"{ws.case.name(role)}'s adjusted actual income", ws.view.citation("fl_201_c", "worksheet_a"),
                amount=adjusted)
    return adjusted


# --- add-ons (§ 12-204(g), (h); § 12-201(g)) --------------------------------------------------------------------


@dataclass(frozen=True)
class AddOns:
    """Monthly add-on expenses and what each parent pays directly."""

    total: Decimal
    paid_directly: dict[ParentRole, Decimal]


def monthly_costs(ws: Worksheet, kind: ChildCostKind) -> dict[ParentRole, Decimal] | None:
    """Monthly amounts of one kind of child cost, by the parent who pays it."""
    paid = dict.fromkeys(PARENT_ROLES, ZERO)
    for cost in ws.case.child_costs:
        if cost.kind is not kind:
            continue
        annual = cost.annual()
        if annual is None:
            ws.need(f"Enter the amount of the {kind.label.lower()} cost ({cost.description or 'no description'}).")
            return None
        paid[cost.paid_by] += per_period(annual, ws.view.rules.period)
    return paid


def extraordinary_medical(ws: Worksheet) -> dict[ParentRole, Decimal] | None:
    """§ 12-201(g), § 12-204(h)(2): uninsured medical costs above $250 a year, a month; each parent's direct payment
    is credited in proportion to what they pay of the uninsured costs."""
    yearly = dict.fromkeys(PARENT_ROLES, ZERO)
    for cost in ws.case.child_costs:
        if cost.kind is ChildCostKind.UNINSURED_MEDICAL:
            annual = cost.annual()
            if annual is None:
                ws.need(f"Enter the amount of the uninsured medical cost ({cost.description or 'no description'}).")
                return None
            yearly[cost.paid_by] += annual
    uninsured = sum(yearly.values(), ZERO)
    if uninsured == 0:
        return yearly
    threshold = ws.view.decimal("extraordinary_medical_threshold")
    extraordinary = per_period(max(uninsured - threshold, ZERO), ws.view.rules.period)
    ws.line("uninsured_medical", "Uninsured medical costs a year (all entered)", ws.view.citation("fl_201_g"),
            amount=uninsured, kind="input")
    ws.assume("The $250 threshold for extraordinary medical expenses is applied to the year's total of the "
              "uninsured medical costs entered.")
    return {role: extraordinary * yearly[role] / uninsured for role in PARENT_ROLES}


def add_ons(ws: Worksheet) -> AddOns | None:
    """Child care (§ 12-204(g)), children's health insurance (§ 12-204(h)(1)) and extraordinary medical (§ 12-204(h)(2))."""
    parts = {
        "child_care": ("Work-related child care", monthly_costs(ws, ChildCostKind.CHILD_CARE), ("fl_204_g",)),
        "health_insurance": ("Children's health insurance", monthly_costs(ws, ChildCostKind.HEALTH_INSURANCE),
                             ("fl_204_h",)),
        "extraordinary_medical": ("Extraordinary medical expenses (uninsured costs above $250 a year)",
                                  extraordinary_medical(ws), ("fl_201_g", "fl_204_h")),
    }
    if any(paid is None for _, paid, _ in parts.values()):
        return None
    total = ZERO
    direct = dict.fromkeys(PARENT_ROLES, ZERO)
    for key, (label, paid, refs) in parts.items():
        assert paid is not None
        amount = sum(paid.values(), ZERO)
        if amount:
            ws.line(key, label, ws.view.citation(*refs),
                    amount=amount, uses=("extraordinary_medical_threshold",) if key == "extraordinary_medical" else ())
        total += amount
        for role in PARENT_ROLES:
            direct[role] += paid[role]
    if any(c.kind in (ChildCostKind.EDUCATION, ChildCostKind.OTHER) for c in ws.case.child_costs):
        ws.warn("School, activity and other child costs are not added: under § 12-204(i) the court may add school "
                "and transportation costs at its discretion.")
    return AddOns(total, direct)


# --- worksheets ------------------------------------------------------------------------------------------------------


def is_shared_custody(ws: Worksheet) -> bool:
    """§ 12-201(o): each parent keeps the children overnight at least the threshold number of nights a year."""
    minimum = ws.view.decimal("shared_custody_overnights")
    return all(ws.case.parenting_time.nights(role) >= minimum for role in PARENT_ROLES)


def obligation_under_worksheet_a(obligor_share: Decimal, bcso: Decimal, extras: AddOns, obligor: ParentRole) -> Decimal:
    """§ 12-204(l): the obligor's share of the basic obligation and add-ons, less the add-ons they pay directly."""
    return obligor_share * (bcso + extras.total) - extras.paid_directly[obligor]


def worksheet_a(ws: Worksheet, shares: dict[ParentRole, Decimal], bcso: Decimal, extras: AddOns) -> Estimate:
    """Worksheet A (primary physical custody): the non-custodial parent pays their share less direct payments;
    a negative result means the custodial parent reimburses the other (§ 12-204(l))."""
    case, view = ws.case, ws.view
    custodial: ParentRole = max(PARENT_ROLES, key=case.parenting_time.nights)
    obligor = other_role(custodial)
    cite = view.citation("fl_204_l", "worksheet_a")
    total = bcso + extras.total
    ws.line("total_obligation", "Total child support obligation (basic obligation plus add-ons)", cite, amount=total)
    for role in PARENT_ROLES:
        ws.line(f"obligation_{role}", f"{case.name(role)}'s share of the total obligation", cite,
                amount=shares[role] * total)
    ws.line(f"direct_{obligor}", f"Add-ons {case.name(obligor)} pays directly", cite,
            amount=extras.paid_directly[obligor])
    owed = obligation_under_worksheet_a(shares[obligor], bcso, extras, obligor)
    payer, payee = (obligor, custodial) if owed >= 0 else (custodial, obligor)
    amount = view.rounding("final").apply(abs(owed))
    if ws.recording:
        ws.line("amount", f"Monthly child support {case.name(payer)} pays (estimate, Worksheet A)", cite,
                amount=amount, kind="result")
    return ws.result(amount, payer, payee)


def shared_adjustment(ws: Worksheet, nights: int) -> Decimal:
    """§ 12-204(m)(2)(ii)2: the increase for a parent with 92–109 overnights (bands: lower included, upper excluded)."""
    for band in ws.view.value("shared_adjustment"):
        if band["lower"] <= nights and (band["upper"] is None or nights < band["upper"]):
            return Decimal(band["rate"])
    return ZERO


def worksheet_b(ws: Worksheet, shares: dict[ParentRole, Decimal], bcso: Decimal, extras: AddOns) -> Estimate:
    """Worksheet B (shared physical custody), § 12-204(f), (m)."""
    case, view = ws.case, ws.view
    cite = view.citation("fl_204_m", "worksheet_b")
    multiplier = view.decimal("shared_multiplier")
    adjusted = bcso * multiplier
    if ws.recording:
        ws.line("adjusted_bcso", f"Shared custody basic obligation: {multiplier} × basic obligation",
                "shared_multiplier", amount=adjusted)
    theoretical: dict[ParentRole, Decimal] = {}
    time = ws.reuse("time_shares", (case.parenting_time,), lambda: {  # nights only: reused along an income curve
        role: (case.parenting_time.share(other_role(role)), shared_adjustment(ws, case.parenting_time.nights(role)))
        for role in PARENT_ROLES})
    for role in PARENT_ROLES:
        other = other_role(role)
        time_with_other, rate = time[role]
        theoretical[role] = adjusted * shares[role] * time_with_other
        if ws.recording:
            ws.line(f"theoretical_{role}", f"{case.name(role)}'s theoretical obligation: share × "
                    f"{time_with_other * 100:.1f}% of nights with {case.name(other)}", cite, amount=theoretical[role])
        if rate:
            theoretical[role] *= ONE + rate
            if ws.recording:
                ws.line(f"adjustment_{role}", f"{case.name(role)} has {case.parenting_time.nights(role)} "
                        f"overnights: theoretical obligation increased by {rate * 100:.0f}%", "shared_adjustment",
                        amount=theoretical[role])
    net_basic = theoretical["parent_a"] - theoretical["parent_b"]  # positive: parent A pays parent B
    add_on_net = shares["parent_a"] * extras.total - extras.paid_directly["parent_a"]
    if extras.total and ws.recording:
        ws.line("add_ons_net", f"Add-ons shared by income, less what each pays directly ({case.name('parent_a')} to "
                f"{case.name('parent_b')}; negative the other way)", view.citation("fl_204_m", "fl_204_g", "fl_204_h"),
                amount=add_on_net)
    a_to_b = net_basic + add_on_net
    payer: ParentRole = "parent_a" if a_to_b >= 0 else "parent_b"
    owed = abs(a_to_b)
    cap = max(obligation_under_worksheet_a(shares[payer], bcso, extras, payer), ZERO)
    if ws.recording:
        ws.line("worksheet_a_cap", f"Most {case.name(payer)} would owe under Worksheet A (the cap, § 12-204(m)(5))",
                view.citation("fl_204_m", "worksheet_a"), amount=cap)
    if owed > cap:
        ws.assume("The shared-custody amount is capped at what the paying parent would owe under Worksheet A "
                  "(§ 12-204(m)(5)).")
        owed = cap
    ws.assume("Both parents contribute to the children's expenses beyond child support (§ 12-201(o)).")
    amount = view.rounding("final").apply(owed)
    if ws.recording:
        ws.line("amount", f"Monthly child support {case.name(payer)} pays (estimate, Worksheet B)", cite,
                amount=amount, kind="result")
    return ws.result(amount, payer, other_role(payer))


# --- the estimate ----------------------------------------------------------------------------------------------------


def basic_obligation(ws: Worksheet, combined: Decimal, children: int) -> Decimal:
    """§ 12-204(e): the schedule amount for the combined adjusted actual income, with shading and top noted."""
    view = ws.view
    reading = read_schedule(view, combined, children)
    if len(reading.rows) == 2:
        ws.assume("For a combined income between two rows of the schedule, the amount is interpolated in a straight "
                  "line (§ 12-204(c) says 'extrapolated to the next higher amount'; the official method is not "
                  "confirmed).")
    if reading.above_top:
        ws.discretionary = True
        ws.warn(f"Combined income is above the schedule's top (${reading.income_used:,.0f} a month). The court may "
                "use its discretion (§ 12-204(d)); the amount shown is the top-of-schedule amount.")
    if ws.recording:
        column = schedule_column(view, children)
        notes = [f"Read as {describe_reading(reading)}, {column}{' or more' if column == 6 else ''} "
                 f"child{'ren' if column > 1 else ''}."]
        if reading.shaded:
            notes.append("The schedule marks this amount with * : it is adjusted for the self-support reserve "
                         "(§ 12-201(n)).")
        ws.line("bcso", "Basic child support obligation (schedule)", view.table_citation("schedule"),
                amount=reading.amount, note=" ".join(notes), uses=("schedule_top", "max_children_column"))
    return reading.amount


def income_shares(ws: Worksheet, aai: dict[ParentRole, Decimal]) -> dict[ParentRole, Decimal] | None:
    """§ 12-204(a): combined adjusted actual income and each parent's share of it."""
    combined = aai["parent_a"] + aai["parent_b"]
    cite = ws.view.citation("fl_204_a", "worksheet_a")
    if ws.recording:
        ws.line("combined", "Combined adjusted actual income", cite, amount=combined)
    if combined == 0:
        ws.warn("Neither parent has any adjusted actual income, so the income shares cannot be worked out; "
                "the court sets support in this situation.")
        return None
    shares = {role: aai[role] / combined for role in PARENT_ROLES}
    if ws.recording:
        for role in PARENT_ROLES:
            ws.line(f"share_{role}", f"{ws.case.name(role)}'s share of combined income", cite,
                    value=f"{shares[role] * 100:.1f}%")
    return shares


def compute(case: Case, view: RuleView) -> Estimate:
    """The Maryland guideline amount a month, with Worksheet A or B."""
    ws = Worksheet(case, view)
    ws.reuse("filing_date", (), lambda: ws.assume(
        f"The as-of date ({view.as_of.day} {view.as_of:%B %Y}) is taken as the date the case is filed: Maryland "
        "applies the 2022 schedule to cases filed on or after 1 July 2022."))
    if not case.children:
        ws.need("Add the children this support is for.")
        return ws.result(None, None, None)
    if ws.recording:
        ws.line("children", "Children of this case", view.citation("fl_204_e"), value=str(len(case.children)),
                kind="input")
        for role in PARENT_ROLES:
            ws.line(f"nights_{role}", f"Overnights a year with {case.name(role)}", "shared_custody_overnights",
                    value=f"{case.parenting_time.nights(role)} nights", kind="input")
    if any(c.overnights_with_a not in (None, case.parenting_time.overnights_with_a) for c in case.children):
        ws.warn("Some children have their own overnight figures; Maryland's worksheets use one schedule for all the "
                "children, so the family's overnights are used.")
    # parts worked out again only when what they read changes (between what-if curve points)
    aai = {role: ws.reuse(f"aai_{role}", (case.parent(role),), lambda role=role: adjusted_actual_income(ws, role))
           for role in PARENT_ROLES}
    extras = ws.reuse("add_ons", (case.child_costs,), lambda: add_ons(ws))
    if ws.missing or extras is None:
        return ws.result(None, None, None)
    known = {role: value for role, value in aai.items() if value is not None}
    shares = income_shares(ws, known)
    if shares is None:
        return ws.result(None, None, None)
    bcso = basic_obligation(ws, sum(known.values(), ZERO), len(case.children))
    if is_shared_custody(ws):
        return worksheet_b(ws, shares, bcso, extras)
    return worksheet_a(ws, shares, bcso, extras)
