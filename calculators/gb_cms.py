"""Great Britain: Child Maintenance Service, 2012 scheme (Child Support Act 1991 Sch 1 Part 1; SI 2012/2677).

The weekly amount the paying parent (the non-resident parent, s 3) pays, from their gross weekly income:

    nil      income below £7                                 Sch 1 para 5
    flat     £7 to £100, or a prescribed benefit: £7         Sch 1 para 4; reg 44
    reduced  over £100, under £200: £7 + (income - £100) x T  Sch 1 para 3; reg 43
    basic    £200 or more: 12/16/19% to £800, then 9/12/15%  Sch 1 para 2 (income cut for other children first)
    shared care: minus 1/7, 2/7, 3/7 or 1/2 (and £7 a child), not below £7   Sch 1 paras 7-8

Every figure is read from jurisdictions/GB.yaml through the RuleView; rounding follows the file's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from calculators.child_support import Worksheet
from calculators.result import Estimate
from casefile.models import Case, DeductionKind, IncomeKind, Parent, ParentRole, other_role
from casefile.money import WEEKS_PER_YEAR, ZERO
from jurisdictions.loader import RuleView

Rate = Literal["nil", "flat", "reduced", "basic"]
RATE_NAMES: dict[str, str] = {
    "nil": "nil rate",
    "flat": "flat rate",
    "reduced": "reduced rate",
    "basic": "basic rate",
    "basic_plus": "basic plus rate",
}


def compute(case: Case, view: RuleView) -> Estimate:
    """The 2012-scheme weekly estimate for ``case`` (CSA 1991 Sch 1 Part 1)."""
    ws = Worksheet(case, view)
    # steps that read only part of the case are worked out again only when that part changes (what-if curves)
    care = ws.reuse("care", (case.parenting_time, case.children), lambda: paying_parent(case, ws))
    if care is None:
        return ws.result(ZERO, None, None)
    payer, payee = care.payer, other_role(care.payer)
    qualifying = ws.reuse("qualifying", (case.children,), lambda: qualifying_children(case, ws))
    if qualifying == 0:
        return ws.result(None, payer, payee)
    nights = care.nights_a if payer == "parent_a" else care.nights_b
    parent = case.parent(payer)
    if prescribed_benefit(case, payer, ws) is not None:
        return ws.result(flat_rate_for_benefit(case, payer, nights, ws), payer, payee)
    income = gross_weekly_income(case, payer, ws)
    if income is None:
        return ws.result(None, payer, payee)
    capped = capped_income(case, payer, income, ws)
    rate = which_rate(case, payer, income, ws)
    others = relevant_other_children(parent, case.name(payer), ws)
    if rate == "nil":
        amount = ZERO
    elif rate == "flat":
        amount = view.decimal("flat_rate")
        ws.line("flat_rate", "Flat rate", "flat_rate", amount=amount, kind="step")
    else:
        before = reduced_rate(capped, qualifying, others, ws) if rate == "reduced" else basic_rate(
            case, payer, capped, qualifying, others, ws)
        amount = shared_care_reduction(before, nights, qualifying, ws)
    if ws.recording:
        ws.line("weekly_amount", f"Estimated child maintenance {case.name(payer)} pays each week",
                view.citation("sch1"), amount=amount, kind="result", uses=("flat_rate",))
    return ws.result(amount, payer, payee)


# --- who pays (s 3) -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Care:
    payer: ParentRole
    nights_a: int
    nights_b: int


def paying_parent(case: Case, ws: Worksheet) -> Care | None:
    """The non-resident (paying) parent is the parent with fewer nights of care (CSA 1991 s 3). Equal care: None."""
    nights_a, nights_b = family_nights(case, ws)
    view = ws.view
    cite = view.citation("csa1991_s3")
    ws.line("nights_parent_a", f"Nights a year the children stay with {case.name('parent_a')}", cite,
            value=f"{nights_a} nights", kind="input")
    ws.line("nights_parent_b", f"Nights a year the children stay with {case.name('parent_b')}", cite,
            value=f"{nights_b} nights", kind="input")
    if nights_a == nights_b:
        ws.line("paying_parent", "Paying parent", cite, value="none (care shared equally)", kind="step")
        ws.warn("The children spend the same number of nights with each parent. This estimate shows no child "
                "maintenance, but the CMS has its own rules for deciding who pays when care is shared equally: "
                "ask an adviser.")
        return None
    payer: ParentRole = "parent_a" if nights_a < nights_b else "parent_b"
    ws.line("paying_parent", "Paying parent (the parent with fewer nights)", cite, value=case.name(payer),
            kind="step")
    return Care(payer=payer, nights_a=nights_a, nights_b=nights_b)


def family_nights(case: Case, ws: Worksheet) -> tuple[int, int]:
    """Nights with each parent: the children's own figure when they all share one, else the family pattern."""
    pt = case.parenting_time
    total = pt.overnights_with_a + pt.overnights_with_b
    own = {c.overnights_with_a for c in case.children if c.overnights_with_a is not None}
    if own and len(own) == 1 and all(c.overnights_with_a is not None for c in case.children):
        nights_a = own.pop()
        return nights_a, max(total - nights_a, 0)
    if own:
        ws.warn("The children do not all spend the same nights with each parent. This estimate uses the family's "
                "overall pattern; the CMS works out shared care child by child.")
    return pt.overnights_with_a, pt.overnights_with_b


def qualifying_children(case: Case, ws: Worksheet) -> int:
    """Qualifying children: the children of this case (CSA 1991 s 3; Sch 1 para 10C)."""
    count = len(case.children)
    if count == 0:
        ws.need("Add the children of this case (name and date of birth) to get an estimate.")
        return 0
    ws.line("qualifying_children", "Qualifying children", ws.view.citation("sch1_para10c"),
            value=str(count), kind="input")
    as_of = ws.view.as_of
    if any((age := c.age_on(as_of)) is not None and age >= 16 for c in case.children):
        ws.assume("Children aged 16 to 19 count only while in full-time non-advanced education; this estimate "
                  "counts every child entered.")
    return count


def children_key(count: int) -> str:
    """The rates go up to '3 or more' children."""
    return str(min(count, 3))


# --- flat rate for benefits (Sch 1 para 4(1)(b)-(c); reg 44) ---------------------------------------------------


def benefit_names(view: RuleView) -> dict[str, str]:
    """Every flat-rate benefit code in the rule file with its plain name (reg 44(1) and (2))."""
    names: dict[str, str] = {}
    for param in ("flat_rate_benefits_paying_parent", "flat_rate_benefits_parent_or_partner"):
        value = view.value(param)
        names.update({str(k): str(v) for k, v in value.items()})
    return names


def prescribed_benefit(case: Case, payer: ParentRole, ws: Worksheet) -> str | None:
    """The first prescribed benefit the paying parent (or partner) gets, if any (reg 44)."""
    names = ws.view.derived("benefit_names", lambda: benefit_names(ws.view))
    parent = case.parent(payer)
    unknown = [code for code in parent.benefits if code not in names]
    if unknown:
        ws.warn(f"{case.name(payer)}'s benefits {', '.join(unknown)} are not on the flat-rate benefit list "
                "(reg 44) and are ignored.")
    found = next((code for code in parent.benefits if code in names), None)
    if found is None:
        return None
    param = ("flat_rate_benefits_paying_parent" if found in ws.view.value("flat_rate_benefits_paying_parent")
             else "flat_rate_benefits_parent_or_partner")
    ws.line("prescribed_benefit", f"{case.name(payer)} (or partner) receives a prescribed benefit", param,
            value=names[found], kind="input")
    return found


def flat_rate_for_benefit(case: Case, payer: ParentRole, nights: int, ws: Worksheet) -> Decimal:
    """Flat rate for a benefit; nil if the paying parent shares care for 52+ nights (Sch 1 para 8)."""
    view = ws.view
    flat = view.decimal("flat_rate")
    ws.line("flat_rate", "Flat rate (paying parent receives a prescribed benefit)", "flat_rate", amount=flat)
    threshold = view.decimal("benefit_shared_care_nil_nights")
    if nights >= threshold:
        ws.line("benefit_shared_care", f"Shared care of {nights} nights (at least {threshold}) with a flat-rate "
                "benefit: nil rate", "benefit_shared_care_nil_nights", amount=ZERO)
        amount = ZERO
    else:
        amount = flat
    ws.line("weekly_amount", f"Estimated child maintenance {case.name(payer)} pays each week",
            view.citation("sch1"), amount=amount, kind="result", uses=("flat_rate", "benefit_shared_care_nil_nights"))
    return amount


# --- gross weekly income (regs 34-40) --------------------------------------------------------------------------


def percent(fraction: Decimal) -> str:
    """0.16 -> '16%' (for labels)."""
    return f"{(fraction * 100).normalize():f}%"


def penny(amount: Decimal, view: RuleView) -> Decimal:
    return view.rounding("penny").apply(amount)


def gross_weekly_income(case: Case, payer: ParentRole, ws: Worksheet) -> Decimal | None:
    """Gross weekly income: employment, self-employment and pension income (reg 37), less pension
    contributions relievable at source (reg 40). None (with what to enter) when an amount is unknown."""
    view = ws.view
    parent, name = case.parent(payer), case.name(payer)
    counted = view.kinds("income_kinds_counted", IncomeKind)
    allowed = view.kinds("deductions_allowed", DeductionKind)
    unknown = [i for i in parent.income if i.kind in counted and not i.known]
    unknown_deductions = [d for d in parent.deductions if d.kind in allowed and not d.known]
    for item in unknown:
        ws.need(f"Enter the amount of {name}'s income '{item.description or item.kind.label}' "
                "(the CMS uses the paying parent's gross income).")
    for item in unknown_deductions:
        ws.need(f"Enter the amount of {name}'s deduction '{item.description or item.kind.label}'.")
    if not any(i.kind in counted for i in parent.income):
        ws.need(f"Enter {name}'s gross income: pay before tax, self-employment profit or pension "
                "(enter 0 if there is none).")
    if ws.missing:
        return None
    note_excluded_income(parent, name, counted, ws)
    gross = penny((parent.annual_income(counted) or ZERO) / WEEKS_PER_YEAR, view)
    if ws.recording:
        ws.line("gross_income", f"{name}'s gross weekly income from work and pensions", "income_kinds_counted",
                amount=gross, kind="input")
    deducted = penny((parent.annual_deductions(allowed) or ZERO) / WEEKS_PER_YEAR, view)
    if deducted:
        ws.line("pension_contributions", f"Less {name}'s pension contributions", "deductions_allowed",
                amount=deducted, kind="input")
    income = max(gross - deducted, ZERO)
    if ws.recording:
        ws.line("gross_weekly_income", f"{name}'s gross weekly income", view.citation("regs2012_reg37", "regs2012_reg40"),
                amount=income, uses=("income_kinds_counted", "deductions_allowed"))
    ws.assume("Yearly and monthly amounts are turned into weekly ones as the yearly total divided by 52; the CMS "
              "may instead use its HMRC figure for the latest tax year.")
    return income


def note_excluded_income(parent: Parent, name: str, counted: frozenset[IncomeKind], ws: Worksheet) -> None:
    """Say which income is left out (unearned income only counts through a variation; benefits -> flat rate)."""
    left_out = sorted({i.kind.label for i in parent.income if i.kind not in counted})
    if left_out:
        ws.warn(f"{name}'s {', '.join(left_out).lower()} is not counted as gross weekly income. Unearned income "
                "can only be added by a variation; if any of it is really pay or self-employment profit, enter it "
                "as that.")


def capped_income(case: Case, payer: ParentRole, income: Decimal, ws: Worksheet) -> Decimal:
    """Income above the capped amount (£3,000 a week) is ignored (Sch 1 para 10(3); reg 2)."""
    cap = ws.view.decimal("capped_amount")
    if income <= cap:
        return income
    ws.line("capped_income", f"Income counted, up to the £{cap:,} a week cap", "capped_amount", amount=cap)
    ws.warn(f"{case.name(payer)}'s income is above £{cap:,} a week. The CMS ignores the part above the cap; the "
            "receiving parent may ask a court for a top-up, which is at the court's discretion.")
    ws.discretionary = True
    return cap


def which_rate(case: Case, payer: ParentRole, income: Decimal, ws: Worksheet) -> Rate:
    """The rate band from unreduced gross weekly income (Sch 1 paras 2-5)."""
    view = ws.view
    if income < view.decimal("nil_rate_below"):
        rate: Rate = "nil"
        cite = "nil_rate_below"
    elif income <= view.decimal("flat_rate_max_income"):
        rate, cite = "flat", "flat_rate_max_income"
    elif income < view.decimal("basic_rate_from"):
        rate, cite = "reduced", "basic_rate_from"
    else:
        rate, cite = "basic", "basic_rate_from"
    if ws.recording:
        ws.line("rate", "Rate that applies to this income", cite, value=RATE_NAMES[rate],
                uses=("nil_rate_below", "flat_rate_max_income", "basic_rate_from"))
    return rate


def relevant_other_children(parent: Parent, name: str, ws: Worksheet) -> int:
    """Relevant other children: other children living with the paying parent (Sch 1 para 10C)."""
    count = sum(1 for c in parent.other_children if c.lives_with_parent)
    if ws.recording:
        ws.line("relevant_other_children", f"Other children living with {name}", ws.view.citation("sch1_para10c"),
                value=str(count), kind="input")
    return count


# --- reduced and basic rates ------------------------------------------------------------------------------------


def reduced_rate(income: Decimal, qualifying: int, others: int, ws: Worksheet) -> Decimal:
    """Reduced rate = F + (A x T): F the flat rate, A income above £100, T from the reg 43 table."""
    view = ws.view
    flat = view.decimal("flat_rate")
    above = income - view.decimal("flat_rate_max_income")
    t = view.decimal("reduced_rate_t", children_key(others), children_key(qualifying))
    if ws.recording:
        ws.line("reduced_a", "A: income above £100", "flat_rate_max_income", amount=above)
        ws.line("reduced_t", f"T for {qualifying} qualifying and {others} other children", "reduced_rate_t",
                value=f"{t}%")
    amount = penny(flat + above * t / 100, view)
    ws.line("reduced_rate", "Reduced rate: £7 + A x T", "reduced_rate_t", amount=amount, uses=("flat_rate",))
    return amount


def basic_rate(case: Case, payer: ParentRole, income: Decimal, qualifying: int, others: int,
               ws: Worksheet) -> Decimal:
    """Basic rate (Sch 1 para 2): income cut for relevant other children, then 12/16/19% up to £800 and
    9/12/15% (basic plus) above."""
    view = ws.view
    key = children_key(qualifying)
    reduced = income
    if others:
        cut = view.decimal("roc_reduction", children_key(others))
        reduced = penny(income * (1 - cut), view)
        if ws.recording:
            ws.line("roc_income", f"Income less {percent(cut)} for {others} other child(ren)", "roc_reduction",
                    amount=reduced)
    threshold = view.decimal("basic_plus_from")
    rate, plus = view.decimal("basic_rate", key), view.decimal("basic_plus_rate", key)
    first = penny(min(reduced, threshold) * rate, view)
    second = penny((reduced - threshold) * plus, view) if reduced > threshold else None
    amount = first + (second or ZERO)
    if ws.recording:  # the labels cost more than the arithmetic, and a curve point needs only the amount
        ws.line("basic_part", f"{percent(rate)} of income up to £{threshold:,}", "basic_rate", amount=first,
                uses=("basic_plus_from",))
        if second is not None:
            ws.line("basic_plus_part", f"{percent(plus)} of income above £{threshold:,} (basic plus)",
                    "basic_plus_rate", amount=second, uses=("basic_plus_from",))
        ws.line("basic_rate", f"Basic rate for {qualifying} qualifying child(ren)", "basic_rate", amount=amount)
    return amount


# --- shared care (Sch 1 paras 7-8) --------------------------------------------------------------------------------


def shared_care_band(nights: int, view: RuleView) -> dict[str, Decimal]:
    """The band (lower included, upper excluded) that ``nights`` falls in."""
    for band in view.value("shared_care_bands"):
        upper = band["upper"]
        if band["lower"] <= nights and (upper is None or nights < upper):
            return band
    raise ValueError(f"no shared-care band for {nights} nights")  # bands start at 0 and the last is open


def shared_care_reduction(amount: Decimal, nights: int, qualifying: int, ws: Worksheet) -> Decimal:
    """Cut the basic or reduced rate by the band's fraction (and £7 a child at 175+ nights), not below £7;
    then round to the pound."""
    view = ws.view
    band = shared_care_band(nights, view)
    fraction = band["numerator"] / band["denominator"]
    if ws.recording:
        ws.line("shared_care_nights", "Nights a year with the paying parent", "shared_care_bands",
                value=f"{nights} nights: cut by {band['numerator']}/{band['denominator']}", kind="input")
    after = amount
    if fraction:
        after = penny(amount * (1 - fraction), view)
        if ws.recording:
            ws.line("shared_care_fraction", f"After the {band['numerator']}/{band['denominator']} shared-care cut",
                    "shared_care_bands", amount=after)
    if band["per_child"]:
        after = penny(after - band["per_child"] * qualifying, view)
        if ws.recording:
            ws.line("shared_care_per_child", f"Less £{band['per_child']} for each of {qualifying} child(ren)",
                    "shared_care_bands", amount=after)
    floor = view.decimal("shared_care_floor")
    if after < floor:
        after = floor
        ws.line("shared_care_floor", f"Not below £{floor} a week", "shared_care_floor", amount=floor)
    rounded = view.rounding("final").apply(after)
    if ws.recording:
        ws.line("rounded", "Rounded to the nearest pound", view.citation("regs2012_reg6", "regs2000_reg2"),
                amount=rounded, note=view.rounding("final").note or "")
    return rounded
