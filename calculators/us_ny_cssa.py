"""New York Child Support Standards Act: DRL § 240(1-b) / FCA § 413(1) (model ``us_ny_cssa``).

Computed per year, shown per month (a year ÷ 12):

    income (b)(5)                 = gross income of the counted kinds − the (b)(5)(vii) deductions entered;
    combined parental income (b)(4) = the parents' incomes added;
    basic obligation (c)          = child support percentage (b)(3) × min(combined income, cap);
    non-custodial share (c)(2)    = basic obligation × the non-custodial parent's income ÷ combined income;
    low-income floors (d)         = $25 a month if paying would leave the non-custodial parent below the poverty
                                    guideline; the greater of $50 a month or income − SSR if below the self-support
                                    reserve (SSR = 135% of the poverty guideline, 18 NYCRR 347.10).

Above the cap the court decides (c)(3): the estimate is the capped amount, with the range up to the percentage of
all combined income. Every figure is read from jurisdictions/US-NY.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from calculators.child_support import Worksheet
from calculators.result import Estimate
from casefile.models import PARENT_ROLES, Case, DeductionKind, IncomeKind, ParentRole, other_role
from casefile.money import ZERO
from jurisdictions.loader import RuleView
from jurisdictions.rules import RoundingRule

MONTHS = Decimal(12)
HUNDRED = Decimal(100)

# The statute's words for the (b)(5)(vii) deductions, for worksheet labels.
DEDUCTION_TERMS: dict[DeductionKind, str] = {
    DeductionKind.SOCIAL_SECURITY: "FICA (social security and Medicare) actually paid",
    DeductionKind.SPOUSAL_SUPPORT_PAID: "maintenance actually paid",
    DeductionKind.CHILD_SUPPORT_PAID: "child support actually paid for other children",
}


# Taxes New York does not deduct (explained once in the worksheet rather than warned about per item).
NOT_DEDUCTED_TAXES = frozenset({DeductionKind.INCOME_TAX, DeductionKind.STATE_TAX})


@dataclass(frozen=True)
class CssaIncome:
    """One parent's (b)(5) income for a year: gross of the counted kinds less the allowed deductions."""

    gross: Decimal = ZERO
    excluded: Decimal = ZERO
    deductions: dict[DeductionKind, Decimal] = field(default_factory=dict)  # yearly
    ignored: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def income(self) -> Decimal:
        """(b)(5): gross income less the (vii) deductions, never below zero."""
        return max(ZERO, self.gross - sum(self.deductions.values(), ZERO))



def cssa_income(case: Case, role: ParentRole, view: RuleView) -> CssaIncome:
    """DRL § 240(1-b)(b)(5): gross income as on the federal return, less FICA, maintenance and child support paid
    for other children ((vii), as far as the data pack has it)."""
    parent = case.parent(role)
    name = case.name(role)
    counted = view.kinds("income_kinds_counted", IncomeKind)
    excluded = view.kinds("income_kinds_excluded", IncomeKind)
    allowed = view.kinds("deductions_allowed", DeductionKind)
    missing: list[str] = []
    if not parent.income:
        missing.append(f"Enter {name}'s income before tax (New York adds both parents' incomes; enter 0 if {name} "
                       "has none).")
    missing += [f"Enter the amount of {name}'s income “{i.description or i.kind.label}” (or remove it)."
                for i in parent.income if i.kind in counted and not i.known]
    missing += [f"Enter the amount of {name}'s deduction “{d.description or d.kind.label}” (or remove it)."
                for d in parent.deductions if d.kind in allowed and not d.known]
    if missing:
        return CssaIncome(missing=tuple(missing))
    deductions: dict[DeductionKind, Decimal] = {}
    ignored: list[str] = []
    for item in parent.deductions:
        if item.kind in allowed:
            deductions[item.kind] = deductions.get(item.kind, ZERO) + (item.annual() or ZERO)
        elif item.known and item.amount and item.kind not in NOT_DEDUCTED_TAXES:
            ignored.append(item.description or item.kind.label)
    return CssaIncome(
        gross=parent.annual_income(counted) or ZERO,
        excluded=sum((i.annual() or ZERO for i in parent.income if i.kind in excluded), ZERO),
        deductions=deductions,
        ignored=tuple(ignored),
    )


def non_custodial_parent(case: Case, incomes: dict[ParentRole, Decimal]) -> tuple[ParentRole, bool]:
    """The custodial parent has the majority of overnights; the other is non-custodial. With exactly equal time
    the higher earner is treated as non-custodial (case law, e.g. Baraby v Baraby). Returns (role, equal_time)."""
    pt = case.parenting_time
    if pt.overnights_with_a != pt.overnights_with_b:
        return ("parent_a" if pt.overnights_with_a < pt.overnights_with_b else "parent_b"), False
    return ("parent_a" if incomes["parent_a"] > incomes["parent_b"] else "parent_b"), True


def child_support_percentage(view: RuleView, children: int) -> Decimal:
    """(b)(3): 17 / 25 / 29 / 31% for 1–4 children, and no less than 35% for five or more."""
    return view.decimal("child_support_percentage", str(min(children, 5)))


def pro_rata_share(basic: Decimal, income: Decimal, combined: Decimal) -> Decimal:
    """(c)(2): the non-custodial parent's share = basic obligation × own income ÷ combined parental income."""
    return ZERO if combined == 0 else basic * income / combined


def self_support_reserve(poverty_guideline: Decimal, rate: Decimal, rounding: RoundingRule) -> Decimal:
    """18 NYCRR 347.10(a)(9): SSR = 135% of the poverty guideline for one person (published as whole dollars)."""
    return rounding.apply(poverty_guideline * rate)


def low_income_obligation(
    income: Decimal, share: Decimal, poverty: Decimal, ssr: Decimal, poverty_floor: Decimal, ssr_floor: Decimal
) -> tuple[Decimal, str]:
    """(d), yearly figures: if paying ``share`` would leave ``income`` below the poverty guideline, the obligation
    is the poverty floor; below the SSR, the greater of the SSR floor or income − SSR; otherwise ``share``."""
    left = income - share
    if left < poverty:
        return poverty_floor, "poverty"
    if left < ssr:
        return max(ssr_floor, income - ssr), "ssr"
    return share, "none"


def _income_lines(ws: Worksheet, role: ParentRole, inc: CssaIncome) -> None:
    name = ws.case.name(role)
    if ws.recording:
        ws.line(f"gross_income_{role}", f"{name}'s gross income, per year", "income_kinds_counted",
                amount=inc.gross, kind="input")
        if inc.excluded:
            ws.line(f"excluded_income_{role}", f"{name}'s public assistance / SSI, per year — not counted",
                    "income_kinds_excluded", amount=inc.excluded, kind="input")
        for kind, amount in inc.deductions.items():
            ws.line(f"deduction_{kind.value}_{role}", f"less {DEDUCTION_TERMS.get(kind, kind.label.lower())}",
                    "deductions_allowed", amount=-amount, kind="input")
        ws.line(f"income_{role}", f"{name}'s income for child support, per year",
                ws.view.citation("drl_240_1b_b5"), amount=inc.income)
    for label in inc.ignored:
        ws.warn(f"{name}'s “{label}” is not a deduction New York allows (DRL § 240(1-b)(b)(5)(vii)); it was not "
                "deducted.")
    kinds = {d.kind for d in ws.case.parent(role).deductions}
    if DeductionKind.INCOME_TAX in kinds:
        ws.assume("Income tax is not deducted: New York starts from gross income and deducts FICA, not income tax.")
    if DeductionKind.STATE_TAX in kinds:
        ws.warn(f"{name}'s state or local tax was not deducted: New York deducts only New York City or Yonkers "
                "income tax actually paid, which this estimate cannot tell apart from state tax.")


def _monthly(ws: Worksheet, yearly: Decimal) -> Decimal:
    return ws.view.rounding("final").apply(yearly / MONTHS)


@dataclass(frozen=True)
class Floors:
    """The (d) figures in force, yearly: poverty guideline, self-support reserve and the two floors."""

    poverty: Decimal
    ssr: Decimal
    poverty_floor: Decimal
    ssr_floor: Decimal

    def apply(self, income: Decimal, share: Decimal) -> tuple[Decimal, str]:
        return low_income_obligation(income, share, self.poverty, self.ssr, self.poverty_floor, self.ssr_floor)


def floors_in_force(view: RuleView) -> Floors:
    poverty = view.decimal("poverty_guideline", "amount")
    rate = view.decimal("self_support_reserve_rate")
    return Floors(
        poverty=poverty,
        ssr=self_support_reserve(poverty, rate, view.rounding("self_support_reserve")),
        poverty_floor=view.decimal("poverty_floor") * MONTHS,
        ssr_floor=view.decimal("self_support_floor") * MONTHS,
    )


def _above_cap(ws: Worksheet, pct: Decimal, combined: Decimal, income: Decimal, capped: Decimal, floors: Floors) -> None:
    """(c)(3): above the cap the court may apply the percentage to more income, or not, giving reasons."""
    view = ws.view
    all_basic = pct / HUNDRED * combined
    all_share = pro_rata_share(all_basic, income, combined)
    ws.line("basic_obligation_all_income", "Percentage of all combined income (the other end of the range), per year",
            view.citation("drl_240_1b_c3"), amount=all_basic, uses=("child_support_percentage",))
    all_obligation, _ = floors.apply(income, all_share)
    ws.line("share_all_income", "Non-custodial share on all income (after any low-income floor), per year",
            view.citation("drl_240_1b_c3"), amount=all_obligation, uses=("child_support_percentage",))
    ends = sorted((_monthly(ws, capped), _monthly(ws, all_obligation)))
    ws.discretionary = True
    ws.amount_range = (ends[0], ends[1])
    ws.warn("Combined income is above the cap. The court decides, giving reasons, whether to apply the percentage "
            "to income above the cap (DRL § 240(1-b)(c)(3)); the estimate shows the capped amount and the range up "
            "to the percentage of all income.")


def _floors(ws: Worksheet, income: Decimal, share: Decimal, floors: Floors) -> Decimal:
    """(d): the low-income floors, with their figures on the worksheet."""
    view = ws.view
    if ws.recording:
        ws.line("poverty_guideline", "Poverty guideline for one person, per year", "poverty_guideline",
                amount=floors.poverty)
    if view.value("poverty_guideline", "carried_forward"):
        ws.reuse("floors_not_verified", (), lambda: ws.warn(
            f"The poverty guideline and self-support reserve for {view.as_of:%B %Y} are not verified; the "
            f"{view.value('poverty_guideline', 'chart_year')} figures are used. Check the current OTDA chart."))
    if ws.recording:
        ws.line("self_support_reserve", "Self-support reserve (135% of the poverty guideline, whole dollars), "
                "per year", "self_support_reserve_rate", amount=floors.ssr, uses=("poverty_guideline",))
        ws.line("income_after_share", "Non-custodial parent's income after paying the share, per year",
                view.citation("drl_240_1b_d"), amount=income - share)
    obligation, rule = floors.apply(income, share)
    if rule == "poverty" and ws.recording:
        ws.line("low_income_floor", f"Below the poverty guideline: ${floors.poverty_floor / MONTHS:,.2f} a month",
                "poverty_floor", amount=obligation)
    elif rule == "ssr" and ws.recording:
        ws.line("low_income_floor", f"Below the self-support reserve: the greater of "
                f"${floors.ssr_floor / MONTHS:,.2f} a month or income − SSR", "self_support_floor",
                amount=obligation, uses=("poverty_guideline", "self_support_reserve_rate"))
    if rule != "none":
        ws.warn("A low-income floor applies (DRL § 240(1-b)(d)). Its current wording may let the court order a "
                "different amount if this one is unjust (not verified).")
    return obligation


def compute(case: Case, view: RuleView) -> Estimate:
    """Estimate monthly child support under New York's CSSA (an estimate, not a court order)."""
    ws = Worksheet(case, view)
    children = len(case.children)
    if ws.recording:
        ws.line("children", "Children of this case", "child_support_percentage", value=str(children), kind="input")
    if children == 0:
        ws.need("Add the children this case is about.")
        return ws.result(None, None, None)
    if any(c.overnights_with_a is not None for c in case.children):
        ws.warn("Some children have their own overnights: split custody is not modelled here; the family's "
                "overnights decide who pays.")
    # each parent's income is worked out again only when that parent changes (between what-if curve points)
    incomes = {role: ws.reuse(f"income_{role}", (case.parent(role),), lambda role=role: cssa_income(case, role, view))
               for role in PARENT_ROLES}
    for inc in incomes.values():
        for message in inc.missing:
            ws.need(message)
    if ws.missing:
        return ws.result(None, None, None)
    pt = case.parenting_time
    if ws.recording:
        for role in PARENT_ROLES:
            ws.line(f"overnights_{role}", f"Overnights a year with {case.name(role)}",
                    view.citation("custodial_case_law"), value=f"{pt.nights(role)} nights", kind="input")
    ncp, equal = non_custodial_parent(case, {r: incomes[r].income for r in PARENT_ROLES})
    if ws.recording:
        ws.line("non_custodial_parent", "Non-custodial parent (pays)", view.citation("custodial_case_law"),
                value=case.name(ncp))
    if equal:
        ws.assume(f"The parents have the children equally; {case.name(ncp)}, the higher earner, is treated as the "
                  "non-custodial parent, as New York case law does. A court may see it differently.")
    for role in PARENT_ROLES:
        ws.reuse(f"income_lines_{role}", (case.parent(role),), lambda role=role: _income_lines(ws, role, incomes[role]))
    combined = incomes["parent_a"].income + incomes["parent_b"].income
    pct = child_support_percentage(view, children)
    cap = view.decimal("combined_income_cap")
    basic = pct / HUNDRED * min(combined, cap)
    ncp_income = incomes[ncp].income
    share = pro_rata_share(basic, ncp_income, combined)
    if ws.recording:  # (c)(1)-(2) on the worksheet; a what-if curve point needs only the amount
        ws.line("combined_income", "Combined parental income, per year", view.citation("drl_240_1b_b4"),
                amount=combined)
        ws.line("percentage", f"Child support percentage for {children} child{'ren' if children > 1 else ''}",
                "child_support_percentage", value=f"{pct.normalize():f}%")
        ws.line("cap", "Combined parental income cap", "combined_income_cap", amount=cap)
        ws.line("basic_obligation", "Basic child support obligation (percentage × combined income up to the cap), "
                "per year", view.citation("drl_240_1b_c2"), amount=basic,
                uses=("child_support_percentage", "combined_income_cap"))
        ws.line("ncp_proportion", f"{case.name(ncp)}'s share of combined income", view.citation("drl_240_1b_c2"),
                value=f"{(ncp_income / combined * HUNDRED if combined else ZERO):.2f}%")
        ws.line("ncp_share", f"{case.name(ncp)}'s pro-rata share, per year", view.citation("drl_240_1b_c2"),
                amount=share, uses=("child_support_percentage", "combined_income_cap"))
    floors = view.derived("floors", lambda: floors_in_force(view))
    yearly = _floors(ws, ncp_income, share, floors)
    if combined > cap:
        _above_cap(ws, pct, combined, ncp_income, yearly, floors)
    amount = _monthly(ws, yearly)
    if ws.recording:
        every = tuple(view.rules.parameters)  # the result rests on every parameter: any what-if marks it
        ws.line("obligation_yearly", "Estimated child support, per year", view.citation("drl_240_1b"),
                amount=yearly, uses=every)
        ws.line("support", "Estimated child support, per month (a year ÷ 12)", view.citation("drl_240_1b"),
                amount=amount, kind="result", uses=every)
    return ws.result(amount, ncp, other_role(ncp))
