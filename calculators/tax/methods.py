"""What each US net-income guideline deducts from gross income, as NetIncomeMethod presets a rule file can name.

The deduction lists come from ../shared/reference/US-net-income.md (with its confidence tags). A rule file either
names a preset (``net_income_method: us_tx_tax_chart``) or declares the fields itself (NetIncomeMethod).
Only taxes are worked out here; the guideline's other deductions (union dues, health insurance, support paid for
other children ...) are entered by the person and listed in ``not_modelled``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from calculators.tax.model import NetIncomeMethod, TaxInputError, plain_message

US_TX_TAX_CHART = NetIncomeMethod(
    key="us_tx_tax_chart",
    label="as the Texas tax charts assume: a single filer with one personal exemption and the standard deduction, "
    "whatever the real filing status, plus Social Security and Medicare",
    citation="Tex. Fam. Code § 154.061(b) (OAG tax charts) and § 154.062(d)",
    filing="single_standard_deduction",
    state_income_tax=False,
    unconfirmed=(
        "Self-employed: Social Security and Medicare at both halves (12.4 % and 2.9 %) on 92.35 % of net profit, and "
        "half of that tax deducted before federal income tax, as the Internal Revenue Code does. The Attorney "
        "General's self-employed chart was not seen, so whether it does the same is not confirmed.",
        "The Additional Medicare Tax (0.9 % of wages above $200,000) is included, as it is withheld; the charts do "
        "not say how they treat it.",
        "The tax year is the chart year, with that year's law (for 2025 the $15,750 standard deduction enacted in "
        "July 2025; the Attorney General's 2025 chart, published earlier, may have used $15,000).",
    ),
    not_modelled=(
        "State income tax of a parent living outside Texas (§ 154.062(d)): enter it as paid.",
        "Union dues, the children's health and dental insurance, and retirement contributions of a parent who pays "
        "no Social Security tax (§ 154.062(d)): entered separately.",
    ),
)

US_CA_4059 = NetIncomeMethod(
    key="us_ca_4059",
    label="tax actually payable under the parent's own filing status and dependents, with California SDI and FICA",
    citation="Cal. Fam. Code § 4059(a), (b), (d)",
    filing="actual",
    state_income_tax=True,
    state_disability_insurance=True,
    year_policy="latest_available",
    unconfirmed=(
        "Refundable credits (earned income credit, additional child tax credit, CalEITC, young child tax credit) "
        "are counted, as § 4059(a) says to use all available credits; they can make an income tax negative, "
        "which raises net disposable income.",
    ),
    not_modelled=(
        "Itemized deductions and credits that need more than income, status and dependents (child care, "
        "education, renter's credit ...).",
        "Mandatory union dues and retirement, health insurance premiums, support paid for other children, "
        "job-related expenses and hardship deductions (§ 4059(c)-(g)): entered separately.",
    ),
)

US_NY_CSSA = NetIncomeMethod(
    key="us_ny_cssa",
    label="FICA (Social Security and Medicare) and New York City or Yonkers income tax only; the CSSA deducts no "
    "federal or New York State income tax",
    citation="N.Y. Dom. Rel. Law § 240(1-b)(b)(5)(vii)(G)-(H); Fam. Ct. Act § 413(1)(b)(5)(vii)",
    federal_income_tax=False,
    state_income_tax=False,
    local_income_tax=True,
    not_modelled=(
        "The Yonkers nonresident earnings tax (for people who work in Yonkers but live elsewhere).",
        "The other CSSA deductions (unreimbursed employee business expenses, maintenance and child support paid, "
        "public assistance, SSI): entered separately.",
    ),
)

US_FL_61_30 = NetIncomeMethod(
    key="us_fl_61_30",
    label="federal, state and local income tax under the parent's own filing status and dependents, and FICA or "
    "self-employment tax",
    citation="Fla. Stat. § 61.30(3)(a)-(b)",
    filing="actual",
    state_income_tax=True,
    local_income_tax=True,
    year_policy="latest_available",
    not_modelled=(
        "Mandatory union dues and retirement, health insurance (not the child's), and support paid "
        "(§ 61.30(3)(c)-(g)): entered separately.",
    ),
)

US_WA_26_19_071 = NetIncomeMethod(
    key="us_wa_26_19_071",
    label="federal and state income tax and FICA (or self-employment tax)",
    citation="RCW 26.19.071(5)",
    filing="actual",
    state_income_tax=True,
    year_policy="latest_available",
    unconfirmed=(
        "How the statute says income taxes are determined (actual liability or another basis) was not retrieved; "
        "the tax actually payable under the parent's own status is used.",
    ),
    not_modelled=(
        "Paid Family and Medical Leave and WA Cares premiums (deductible from 2026, HB 1014): rates not retrieved.",
        "Industrial insurance, mandatory pension and dues, maintenance paid, voluntary retirement up to $5,000 and "
        "business expenses: entered separately.",
    ),
)

PRESETS: dict[str, NetIncomeMethod] = {
    method.key: method for method in (US_TX_TAX_CHART, US_CA_4059, US_NY_CSSA, US_FL_61_30, US_WA_26_19_071)
}


def method_from(declared: str | Mapping[str, Any]) -> NetIncomeMethod:
    """The method a rule file declares: a preset's key, or a mapping of NetIncomeMethod fields (optionally
    ``preset: KEY`` plus the fields that differ from it)."""
    if isinstance(declared, str):
        if declared not in PRESETS:
            raise TaxInputError(f"Unknown net-income method '{declared}' (known: {', '.join(sorted(PRESETS))}).")
        return PRESETS[declared]
    fields = dict(declared)
    preset = fields.pop("preset", None)
    try:
        base = {} if preset is None else method_from(str(preset)).model_dump()
        return NetIncomeMethod(**{**base, **fields})
    except ValidationError as exc:
        raise TaxInputError(plain_message(exc).replace("Tax details", "Net-income method")) from None
