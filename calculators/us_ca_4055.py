"""California statewide uniform guideline: Family Code § 4055 (model ``us_ca_4055``).

    CS = K × [HN − (H%)(TN)]                                   § 4055(a)

    HN  the high earner's net monthly disposable income        (b)(1)(A)
    TN  both parents' net monthly disposable income            (b)(1)(B)
    H%  the high earner's share of time with the children      (b)(1)(D) (averaged when it differs by child)
    K   (1 + H%) × fraction if H% ≤ 50%, else (2 − H%) × fraction, the fraction from the TN table (b)(3)

The one-child amount is multiplied for more children (b)(4). A positive CS is paid by the high earner, a negative CS
by the low earner, as its absolute value (b)(5). Net disposable income is gross income less the deductions entered
(§ 4059 is not in the data pack: nothing is computed). The low-income adjustment (b)(7) is not computed; the estimate
warns when it may apply. Every figure is read from jurisdictions/US-CA.yaml.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from calculators.child_support import Worksheet
from calculators.result import Estimate
from casefile.models import PARENT_ROLES, Case, DeductionKind, IncomeKind, ParentRole, other_role
from casefile.money import ZERO
from jurisdictions.loader import RuleView

MONTHS = Decimal(12)
HALF = Decimal("0.5")
ONE = Decimal(1)
TWO = Decimal(2)
HUNDRED = Decimal(100)

# Plain words for the deductions on the worksheet.
DEDUCTION_TERMS: dict[DeductionKind, str] = {
    DeductionKind.INCOME_TAX: "federal income tax",
    DeductionKind.STATE_TAX: "state income tax",
    DeductionKind.SOCIAL_SECURITY: "social security and Medicare (FICA)",
    DeductionKind.PENSION_CONTRIBUTION: "mandatory retirement contributions",
    DeductionKind.HEALTH_INSURANCE: "health insurance premiums",
    DeductionKind.UNION_DUES: "union dues",
    DeductionKind.CHILD_SUPPORT_PAID: "child support paid for other children",
    DeductionKind.SPOUSAL_SUPPORT_PAID: "spousal support paid",
}


@dataclass(frozen=True)
class NetDisposableIncome:
    """One parent's net monthly disposable income: gross income of the counted kinds less the deductions entered."""

    gross: Decimal = ZERO  # monthly
    deductions: dict[DeductionKind, Decimal] = field(default_factory=dict)  # monthly
    ignored: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @functools.cached_property  # read several times per estimate; the value never changes
    def net(self) -> Decimal:
        return max(ZERO, self.gross - sum(self.deductions.values(), ZERO))



def net_disposable_income(case: Case, role: ParentRole, view: RuleView) -> NetDisposableIncome:
    """§§ 4058–4059 (lists not verified): monthly gross income of the counted kinds less the allowed deductions."""
    parent = case.parent(role)
    name = case.name(role)
    counted = view.kinds("income_kinds_counted", IncomeKind)
    allowed = view.kinds("deductions_allowed", DeductionKind)
    missing: list[str] = []
    if not parent.income:
        missing.append(f"Enter {name}'s income before tax (California uses both parents' net disposable income; "
                       f"enter 0 if {name} has none).")
    missing += [f"Enter the amount of {name}'s income “{i.description or i.kind.label}” (or remove it)."
                for i in parent.income if i.kind in counted and not i.known]
    missing += [f"Enter the amount of {name}'s deduction “{d.description or d.kind.label}” (or remove it)."
                for d in parent.deductions if d.kind in allowed and not d.known]
    if missing:
        return NetDisposableIncome(missing=tuple(missing))
    deductions: dict[DeductionKind, Decimal] = {}
    for item in parent.deductions:
        if item.kind in allowed:
            deductions[item.kind] = deductions.get(item.kind, ZERO) + (item.annual() or ZERO) / MONTHS
    ignored = tuple(d.description or d.kind.label for d in parent.deductions
                    if d.kind not in allowed and d.known and d.amount)
    return NetDisposableIncome(gross=(parent.annual_income(counted) or ZERO) / MONTHS, deductions=deductions,
                               ignored=ignored)


def high_earner(nets: dict[ParentRole, Decimal]) -> ParentRole:
    """(b)(1)(A): the parent with the higher net monthly disposable income (parent A when they are equal)."""
    return "parent_b" if nets["parent_b"] > nets["parent_a"] else "parent_a"


def time_share(case: Case, role: ParentRole) -> Decimal:
    """H%: ``role``'s share of overnights; averaged over the children when a child has its own schedule
    ((b)(1)(D))."""
    pt = case.parenting_time
    year = Decimal(pt.overnights_with_a + pt.overnights_with_b)
    shares = []
    for child in case.children:
        with_a = pt.overnights_with_a if child.overnights_with_a is None else child.overnights_with_a
        nights = with_a if role == "parent_a" else year - with_a
        shares.append(Decimal(nights) / year)
    return sum(shares, ZERO) / len(shares) if shares else pt.share(role)


def band_for(bands: list[dict[str, Any]], tn: Decimal) -> dict[str, Any]:
    """The (b)(3) band for TN: above ``lower``, up to and including ``upper`` (the first band starts at 0)."""
    for band in bands:
        if band["upper"] is None or tn <= band["upper"]:
            return band
    raise ValueError("the fraction table has no open top band")  # the rule file's last band is open


def fraction(bands: list[dict[str, Any]], tn: Decimal) -> Decimal:
    """(b)(3): the band's fraction = base + TN ÷ tn_divisor + numerator ÷ TN (the parts the band has)."""
    band = band_for(bands, tn)
    value: Decimal = band["base"]
    if band.get("tn_divisor") is not None:
        value += tn / band["tn_divisor"]
    if band.get("numerator") is not None:
        value += band["numerator"] / tn
    return value


def k_factor(h: Decimal, frac: Decimal) -> Decimal:
    """(b)(3): K = (1 + H%) × fraction if H% ≤ 50%, otherwise (2 − H%) × fraction."""
    return (ONE + h) * frac if h <= HALF else (TWO - h) * frac


def guideline_cs(k: Decimal, hn: Decimal, h: Decimal, tn: Decimal) -> Decimal:
    """(a): CS = K × [HN − (H%)(TN)], for one child."""
    return k * (hn - h * tn)


def _band_text(band: dict[str, Any]) -> str:
    parts = [f"{band['base']}"]
    if band.get("tn_divisor") is not None:
        parts.append(f"TN ÷ {band['tn_divisor']}")
    if band.get("numerator") is not None:
        parts.append(f"{band['numerator']} ÷ TN")
    upper = "and over" if band["upper"] is None else f"to ${band['upper']:,}"
    return f"TN over ${band['lower']:,} {upper}: {' + '.join(parts)}"


def _income_lines(ws: Worksheet, role: ParentRole, inc: NetDisposableIncome) -> None:
    name = ws.case.name(role)
    if ws.recording:
        ws.line(f"gross_income_{role}", f"{name}'s gross income, per month", "income_kinds_counted",
                amount=inc.gross, kind="input")
        for kind, amount in inc.deductions.items():
            ws.line(f"deduction_{kind.value}_{role}", f"less {DEDUCTION_TERMS.get(kind, kind.label.lower())}",
                    "deductions_allowed", amount=-amount, kind="input")
        ws.line(f"net_{role}", f"{name}'s net monthly disposable income", ws.view.citation("fc_4058_4059"),
                amount=inc.net)
    for label in inc.ignored:
        ws.warn(f"{name}'s “{label}” is not among the deductions used here; it was not deducted.")
    if inc.gross > 0 and not {DeductionKind.INCOME_TAX, DeductionKind.SOCIAL_SECURITY} & set(inc.deductions):
        ws.warn(f"No income tax or social security is entered for {name}. California uses income after tax; this "
                "estimate does not compute taxes, so enter the taxes actually paid.")


def _low_income_warning(ws: Worksheet, payer: ParentRole, net: Decimal) -> None:
    """(b)(7): not computed; warn when the paying parent's net income is under the threshold in force."""
    threshold = ws.view.decimal("low_income_warning_threshold")
    if net < threshold:
        ws.warn(f"{ws.case.name(payer)}'s net income is low (under about ${threshold:,.0f} a month): a low-income "
                "adjustment (§ 4055(b)(7)) may reduce this amount. It is not computed in this estimate.")


def compute(case: Case, view: RuleView) -> Estimate:
    """Estimate monthly child support under California Family Code § 4055 (an estimate, not a court order)."""
    ws = Worksheet(case, view)
    children = len(case.children)
    if ws.recording:
        ws.line("children", "Children of this case", "children_multiplier", value=str(children), kind="input")
    if children == 0:
        ws.need("Add the children this case is about.")
    elif str(children) not in view.value("children_multiplier"):
        ws.need("The § 4055(b)(4) multiplier table stops at ten children; this estimate cannot go further.")
    # each parent's income is worked out again only when that parent changes (between what-if curve points)
    incomes = {role: ws.reuse(f"income_{role}", (case.parent(role),),
                              lambda role=role: net_disposable_income(case, role, view)) for role in PARENT_ROLES}
    for inc in incomes.values():
        for message in inc.missing:
            ws.need(message)
    if ws.missing:
        return ws.result(None, None, None)
    for role in PARENT_ROLES:
        ws.reuse(f"income_lines_{role}", (case.parent(role),), lambda role=role: _income_lines(ws, role, incomes[role]))
    high = high_earner({r: incomes[r].net for r in PARENT_ROLES})
    low = other_role(high)
    hn, tn = incomes[high].net, incomes["parent_a"].net + incomes["parent_b"].net
    h = ws.reuse(f"time_share_{high}", (case.parenting_time, case.children), lambda: time_share(case, high))
    if ws.recording:
        ws.line("hn", f"HN — high earner's ({case.name(high)}) net monthly disposable income",
                view.citation("fc_4055_b1"), amount=hn)
        ws.line("tn", "TN — total net monthly disposable income", view.citation("fc_4055_b1"), amount=tn)
        ws.line("h_percent", f"H% — {case.name(high)}'s share of time with the children",
                view.citation("fc_4055_b1"), value=f"{h * HUNDRED:.2f}%", kind="input")
    if tn == 0:
        ws.line("support", "Estimated monthly child support (no income)", view.citation("fc_4055"), amount=ZERO,
                kind="result")
        return ws.result(ZERO, None, None)
    bands = view.value("fraction_bands")
    frac = fraction(bands, tn)
    k = k_factor(h, frac)
    one_child = guideline_cs(k, hn, h, tn)
    multiplier = view.decimal("children_multiplier", str(children))
    if ws.recording:  # the labels cost more than the arithmetic, and a curve point needs only the amount
        ws.line("fraction", f"Fraction for TN ({_band_text(band_for(bands, tn))})", "fraction_bands",
                value=f"{frac:.6f}")
        ws.line("k", f"K = ({'1 + H%' if h <= HALF else '2 − H%'}) × fraction", "fraction_bands", value=f"{k:.6f}")
        ws.line("cs_one_child", "CS for one child = K × (HN − H% × TN)", view.citation("fc_4055"), amount=one_child,
                uses=("fraction_bands",))
        ws.line("multiplier", f"Multiplier for {children} child{'ren' if children > 1 else ''}",
                "children_multiplier", value=f"× {multiplier}")
    cs = one_child * multiplier
    if ws.recording:
        ws.line("cs", "CS for all the children", view.citation("fc_4055"), amount=cs,
                uses=("fraction_bands", "children_multiplier"))
    payer, payee = (high, low) if cs >= 0 else (low, high)
    if ws.recording:
        ws.line("payer", "Who pays (positive: the high earner; negative: the low earner)", view.citation("fc_4055_b5"),
                value=case.name(payer))
    amount = view.rounding("final").apply(abs(cs))
    if ws.recording:
        ws.line("support", "Estimated monthly child support", view.citation("fc_4055"), amount=amount, kind="result",
                uses=tuple(view.rules.parameters))  # the result rests on every parameter: any what-if marks it
    _low_income_warning(ws, payer, incomes[payer].net)
    ws.assume("Net disposable income is gross income less the deductions entered: taxes are not computed and the "
              "§ 4059 list of deductions is not verified.")
    return ws.result(amount, payer, payee)
