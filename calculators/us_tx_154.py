"""Texas child-support guidelines: Texas Family Code chapter 154, subchapters B–C (model ``us_tx_154``).

Support is a percentage of the obligor's monthly **net resources** up to the cap (§ 154.125):

    net resources = resources of the counted kinds (§ 154.062(b), less the exclusions of (c)), computed annually and
                    averaged monthly (§ 154.061(a)), minus the deductions of § 154.062(d) the person entered;
    support       = percentage(children before the court) × min(net resources, cap).

Net resources under the low-income threshold use the low-income percentages for suits filed from 1 September 2021
(§ 154.125(c)). When the obligor must support other children, the § 154.129(a) table gives the percentage for net
resources from the threshold up to the cap; otherwise the § 154.128 credit method is used. The OAG tax charts are
not in the data pack, so taxes are taken as entered, never computed. Every figure is read from jurisdictions/US-TX.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from calculators.child_support import Worksheet
from calculators.result import Estimate
from casefile.models import Case, DeductionKind, IncomeKind, Parent, ParentRole, other_role
from casefile.money import ZERO
from jurisdictions.loader import RuleView

MONTHS = Decimal(12)
HUNDRED = Decimal(100)

# § 154.062(d)'s own words for the deductions, for worksheet labels.
DEDUCTION_TERMS: dict[DeductionKind, str] = {
    DeductionKind.SOCIAL_SECURITY: "social security taxes",
    DeductionKind.INCOME_TAX: "federal income tax",
    DeductionKind.STATE_TAX: "state income tax",
    DeductionKind.UNION_DUES: "union dues",
    DeductionKind.HEALTH_INSURANCE: "the child's health and dental insurance or cash medical support",
    DeductionKind.PENSION_CONTRIBUTION: "nondiscretionary retirement plan contributions",
}


@dataclass(frozen=True)
class NetResources:
    """One parent's § 154.062 figures, monthly (exact), plus what must be entered before they are known."""

    counted_annual: Decimal = ZERO
    excluded_annual: Decimal = ZERO
    deductions: dict[DeductionKind, Decimal] = field(default_factory=dict)  # allowed kinds, monthly
    retirement_deducted: bool = False  # § 154.062(d)(6) applied (no social security tax entered)
    ignored: tuple[str, ...] = ()  # entered deductions the statute does not allow here, and why
    missing: tuple[str, ...] = ()

    @property
    def gross_monthly(self) -> Decimal:
        """§ 154.061(a): resources are computed annually and averaged to a monthly figure."""
        return self.counted_annual / MONTHS

    @property
    def total_deductions(self) -> Decimal:
        return sum(self.deductions.values(), ZERO)

    @property
    def monthly(self) -> Decimal:
        """Net resources: gross monthly resources less the § 154.062(d) deductions, never below zero."""
        return max(ZERO, self.gross_monthly - self.total_deductions)



SOCIAL_SECURITY = frozenset({DeductionKind.SOCIAL_SECURITY})


def net_resources(case: Case, role: ParentRole, view: RuleView) -> NetResources:
    """§ 154.062: counted resources (b) less exclusions (c), minus the deductions of (d) that were entered."""
    parent: Parent = case.parent(role)
    name = case.name(role)
    counted = view.kinds("income_kinds_counted", IncomeKind)
    excluded = view.kinds("income_kinds_excluded", IncomeKind)
    missing: list[str] = []
    if not parent.income:
        missing.append(f"Enter {name}'s income before tax (Texas uses the paying parent's net resources; "
                       f"enter 0 if {name} has none).")
    for item in parent.income:
        if item.kind in counted and not item.known:
            what = item.description or item.kind.label
            missing.append(f"Enter the amount of {name}'s income “{what}” (or remove it if there is none).")
    allowed = view.kinds("deductions_allowed", DeductionKind)
    retirement = view.kinds("deductions_allowed_without_social_security", DeductionKind)
    for item in parent.deductions:
        if item.kind in allowed | retirement and not item.known:
            what = item.description or item.kind.label
            missing.append(f"Enter the amount of {name}'s deduction “{what}” (or remove it).")
    if missing:
        return NetResources(missing=tuple(missing))
    pays_social_security = (parent.annual_deductions(SOCIAL_SECURITY) or ZERO) > 0
    usable = allowed if pays_social_security else allowed | retirement
    deductions: dict[DeductionKind, Decimal] = {}
    ignored: list[str] = []
    for item in parent.deductions:
        if item.kind in usable:
            deductions[item.kind] = deductions.get(item.kind, ZERO) + (item.annual() or ZERO) / MONTHS
        elif item.known and item.amount and item.kind in retirement:
            ignored.append(f"“{item.description or item.kind.label}” is deducted only when no social security tax is "
                           "paid (§ 154.062(d)(6)); social security tax is entered, so it was not deducted.")
        elif item.known and item.amount:
            ignored.append(f"“{item.description or item.kind.label}” is not a deduction § 154.062(d) allows; "
                           "it was not deducted.")
    return NetResources(
        counted_annual=parent.annual_income(counted) or ZERO,
        excluded_annual=sum((i.annual() or ZERO for i in parent.income if i.kind in excluded), ZERO),
        deductions=deductions,
        retirement_deducted=not pays_social_security and any(k in retirement for k in deductions),
        ignored=tuple(ignored),
    )


def obligor_by_possession(case: Case) -> ParentRole | None:
    """The obligor is the parent with fewer overnights (the non-custodial parent); None when time is equal."""
    pt = case.parenting_time
    if pt.overnights_with_a == pt.overnights_with_b:
        return None
    return "parent_a" if pt.overnights_with_a < pt.overnights_with_b else "parent_b"


def low_income_applies(view: RuleView, net: Decimal) -> bool:
    """§ 154.125(c) (suits filed on or after 1 Sept 2021): net resources *less than* the threshold."""
    return bool(view.value("low_income_schedule_applies")) and net < view.decimal("low_income_threshold")


def one_household_percentage(view: RuleView, children: int, low_income: bool) -> Decimal:
    """§ 154.125(b) (or (c) for low income): the percentage for ``children``; six or more use the "6" entry."""
    name = "percentage_low_income" if low_income else "percentage_one_household"
    return view.decimal(name, str(min(children, 6)))


def uses_multiple_household_table(view: RuleView, net: Decimal, children: int, others: int, low: bool) -> bool:
    """§ 154.129(a): the table covers 1–7 children before the court, 0–7 others, net resources up to the cap
    (and not under the low-income threshold, whose (b) table is not in the data pack)."""
    return not low and net <= view.decimal("net_resources_cap") and 1 <= children <= 7 and others <= 7


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _resources_lines(ws: Worksheet, role: ParentRole, res: NetResources) -> None:
    name = ws.case.name(role)
    ws.line("gross_resources_annual", f"{name}'s resources of the counted kinds, per year",
            "income_kinds_counted", amount=res.counted_annual, kind="input")
    if res.excluded_annual:
        ws.line("excluded_resources_annual", f"{name}'s excluded resources (TANF, SSI and similar), per year — not counted",
                "income_kinds_excluded", amount=res.excluded_annual, kind="input")
    ws.line("gross_resources", f"{name}'s monthly resources (yearly ÷ 12)", ws.view.citation("tfc_154_061"),
            amount=res.gross_monthly)
    for kind, amount in res.deductions.items():
        param = ("deductions_allowed_without_social_security"
                 if kind in ws.view.kinds("deductions_allowed_without_social_security", DeductionKind)
                 else "deductions_allowed")
        ws.line(f"deduction_{kind.value}", f"less {DEDUCTION_TERMS.get(kind, kind.label.lower())}", param,
                amount=-amount, kind="input")
    ws.line("net_resources", f"{name}'s monthly net resources", ws.view.citation("tfc_154_062b", "sb1751_154_062d"),
            amount=res.monthly)


def _resource_notes(ws: Worksheet, role: ParentRole, res: NetResources) -> None:
    name = ws.case.name(role)
    taxes = {DeductionKind.INCOME_TAX, DeductionKind.SOCIAL_SECURITY}
    if res.counted_annual > 0 and not taxes & set(res.deductions):
        ws.warn(f"No federal income tax or social security tax is entered for {name}. Texas deducts them "
                "(§ 154.062(d)) using the Attorney General's tax charts, which this estimate does not compute: "
                "enter the taxes actually paid, or the estimate will be too high.")
    if res.retirement_deducted:
        ws.assume(f"No social security tax is entered for {name}, so required retirement contributions are deducted "
                  f"(§ 154.062(d)(6)); that is right only if {name} pays no social security tax.")
    for reason in res.ignored:
        ws.warn(f"{name}'s {reason}")
    if res.gross_monthly < res.total_deductions:
        ws.warn(f"{name}'s deductions are more than {name}'s resources; net resources are taken as zero.")


def _choose_obligor(ws: Worksheet) -> tuple[ParentRole, NetResources] | None:
    """The parent with fewer overnights pays; with exactly equal time, the parent with more net resources."""
    case, view = ws.case, ws.view
    pt = case.parenting_time
    if ws.recording:
        for role in ("parent_a", "parent_b"):
            ws.line(f"overnights_{role}", f"Overnights a year with {case.name(role)}", view.citation("tfc_ch154"),
                    value=f"{pt.nights(role)} nights", kind="input")
    obligor = obligor_by_possession(case)
    if obligor is not None:
        res = _net_resources(ws, obligor)
        ws.assume(f"{case.name(obligor)} has the children fewer nights and is treated as the obligor (the parent "
                  f"who pays); the court decides who is the obligor.")
        return (obligor, res) if not _report_missing(ws, res) else None
    both = {role: _net_resources(ws, role) for role in ("parent_a", "parent_b")}
    if any(_report_missing(ws, res) for res in both.values()):
        return None
    obligor = "parent_b" if both["parent_b"].monthly > both["parent_a"].monthly else "parent_a"
    ws.assume(f"The parents have the children equally; this estimate treats {case.name(obligor)}, who has more net "
              "resources, as the obligor. The data pack gives no Texas rule for equal time: the court decides.")
    return obligor, both[obligor]


def _net_resources(ws: Worksheet, role: ParentRole) -> NetResources:
    """A parent's net resources, worked out again only when that parent changes (between what-if curve points)."""
    return ws.reuse(f"net_resources_{role}", (ws.case.parent(role),), lambda: net_resources(ws.case, role, ws.view))


def _report_missing(ws: Worksheet, res: NetResources) -> bool:
    for message in res.missing:
        ws.need(message)
    return bool(res.missing)


def _filing_date_note(ws: Worksheet) -> None:
    filed = ws.case.separation.filing_date
    ws.assume(f"The as-of date ({ws.view.as_of:%d %B %Y}) is taken as the date the suit was filed: it picks the cap "
              "and whether the low-income schedule applies.")
    if filed is not None and filed != ws.view.as_of:
        ws.warn(f"The case's filing date is {filed:%d %B %Y} but this estimate uses the law as of "
                f"{ws.view.as_of:%d %B %Y}; set the as-of date to the filing date to use the law for that suit.")


def single_household_support(ws: Worksheet, net: Decimal, children: int, low: bool) -> Decimal:
    """§ 154.125: percentage for the children before the court × net resources up to the cap."""
    view = ws.view
    name = "percentage_low_income" if low else "percentage_one_household"
    pct = one_household_percentage(view, children, low)
    if ws.recording:
        ws.line("percentage", f"Guideline percentage for {children} child{'ren' if children > 1 else ''}", name,
                value=_percent(pct))
    applied = _capped(ws, net)
    return pct / HUNDRED * applied


def table_support(ws: Worksheet, net: Decimal, children: int, others: int) -> Decimal:
    """§ 154.129(a): the table percentage for children before the court and other children × net resources."""
    pct = ws.view.decimal("multiple_household_percentages", str(children), str(others))
    ws.line("percentage", f"§ 154.129(a) table: {children} before the court, {others} other "
            f"child{'ren' if others != 1 else ''}", "multiple_household_percentages", value=_percent(pct))
    applied = _capped(ws, net)
    return pct / HUNDRED * applied


def credit_method_support(ws: Worksheet, net: Decimal, children: int, others: int, low: bool) -> Decimal:
    """§ 154.128: (1) support as if all the obligor's children lived in one household; (2) credit = that ÷ all
    children × children not before the court; (3) adjusted net resources = net resources − credit; (4) the
    one-household percentage for the children before the court × adjusted net resources.

    The guidelines apply to net resources up to the cap (§ 154.125(a)), so every step uses the capped figure."""
    view = ws.view
    name = "percentage_low_income" if low else "percentage_one_household"
    total = children + others
    applied = _capped(ws, net)
    pct_all = one_household_percentage(view, total, low)
    support_all = pct_all / HUNDRED * applied
    ws.line("support_all_children", f"(1) Support as if all {total} children lived in one household "
            f"({_percent(pct_all)})", view.citation("tfc_154_128"), amount=support_all, uses=(name,))
    credit = support_all / total * others
    ws.line("credit", f"(2) Credit for {others} child{'ren' if others != 1 else ''} not before the court "
            f"(÷ {total} × {others})", view.citation("tfc_154_128"), amount=credit, uses=(name,))
    adjusted = applied - credit
    ws.line("adjusted_net_resources", "(3) Adjusted net resources (net resources − credit)",
            view.citation("tfc_154_128"), amount=adjusted, uses=(name, "net_resources_cap"))
    pct = one_household_percentage(view, children, low)
    ws.line("percentage", f"(4) One-household percentage for {children} child{'ren' if children > 1 else ''}",
            name, value=_percent(pct))
    return pct / HUNDRED * adjusted


def _capped(ws: Worksheet, net: Decimal) -> Decimal:
    """§ 154.125(a): the percentage applies to net resources up to the cap."""
    cap = ws.view.decimal("net_resources_cap")
    applied = min(net, cap)
    if ws.recording:
        ws.line("cap", "Cap on monthly net resources", "net_resources_cap", amount=cap)
        ws.line("net_resources_applied", "Net resources the guideline applies to", "net_resources_cap",
                amount=applied)
    return applied


def _above_cap(ws: Worksheet, net: Decimal) -> None:
    """§ 154.126: above the cap a court may add support only on proof of the child's needs (discretion)."""
    cap = ws.view.decimal("net_resources_cap")
    if net > cap:
        ws.discretionary = True
        ws.warn(f"Net resources are above the cap of ${cap:,.0f} a month. The guideline stops at the cap; under "
                "§ 154.126 a court may order more only on proof of the children's needs — that is at its discretion.")


def compute(case: Case, view: RuleView) -> Estimate:
    """Estimate monthly child support under Texas Family Code ch. 154 (an estimate, not a court order)."""
    ws = Worksheet(case, view)
    children = len(case.children)
    if ws.recording:
        ws.line("children_before_court", "Children before the court", view.citation("tfc_154_125"),
                value=str(children), kind="input")
    if children == 0:
        ws.need("Add the children this case is about.")
        return ws.result(None, None, None)
    ws.reuse("filing_date", (case.separation,), lambda: _filing_date_note(ws))
    if any(c.overnights_with_a is not None for c in case.children):
        ws.warn("Some children have their own overnights: split arrangements are not modelled here; the family's "
                "overnights decide who pays.")
    chosen = _choose_obligor(ws)
    if chosen is None:
        return ws.result(None, None, None)
    obligor, res = chosen
    name = case.name(obligor)
    if ws.recording:
        ws.line("obligor", "Obligor (the parent who pays)", view.citation("tfc_ch154"), value=name)
        _resources_lines(ws, obligor, res)
    ws.reuse(f"resource_notes_{obligor}", (case.parent(obligor),), lambda: _resource_notes(ws, obligor, res))
    net = res.monthly
    others = len(case.parent(obligor).other_children)
    if ws.recording:
        ws.line("other_children", f"Other children {name} must support", view.citation("tfc_154_128"),
                value=str(others), kind="input")
    low = low_income_applies(view, net)
    _low_income_lines(ws, low)
    _above_cap(ws, net)
    if others == 0:
        support = single_household_support(ws, net, children, low)
    elif uses_multiple_household_table(view, net, children, others, low):
        support = table_support(ws, net, children, others)
    else:
        ws.assume("The § 154.129(a) table covers 1–7 children before the court and up to 7 other children, for net "
                  "resources from the low-income threshold up to the cap; outside it the § 154.128 credit method is "
                  "used, on net resources up to the cap.")
        if low:
            ws.assume("The § 154.129(b) low-income table for other children is not in the data pack; the § 154.128 "
                      "credit method is used with the low-income percentages.")
        support = credit_method_support(ws, net, children, others, low)
    amount = view.rounding("final").apply(support)
    if ws.recording:
        every = tuple(view.rules.parameters)  # the result rests on every parameter: any what-if marks it
        ws.line("support_exact", "Support before rounding", view.citation("tfc_154_125"), amount=support, uses=every)
        ws.line("support", "Estimated monthly child support", view.citation("tfc_154_125"), amount=amount,
                kind="result", uses=every)
    return ws.result(amount, obligor, other_role(obligor))


def _low_income_lines(ws: Worksheet, low: bool) -> None:
    """Explanation only: whether the § 154.125(c) low-income schedule applies, and its threshold."""
    view = ws.view
    if not ws.recording:
        return
    if not view.value("low_income_schedule_applies"):
        ws.line("low_income_schedule", "Low-income schedule (suits filed from 1 Sept 2021 only)",
                "low_income_schedule_applies", value="does not apply")
        return
    threshold = view.decimal("low_income_threshold")
    ws.line("low_income_threshold", "Low-income threshold (net resources less than this)", "low_income_threshold",
            amount=threshold)
    ws.line("low_income_schedule", "Low-income schedule", "low_income_threshold",
            value="applies" if low else "does not apply")
