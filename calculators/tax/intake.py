"""From the case's income kinds to the tax component's three income items, for the engines' wiring.

Each kind of income the case records (casefile.models.IncomeKind) is taxed as wages, as self-employment income, as
other ordinary income, or not at all; the reasons are below and in ``NOT_TAXED``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from casefile.models import IncomeKind
from casefile.money import ZERO

TAX_ITEM: dict[IncomeKind, str | None] = {
    IncomeKind.WAGES: "wages",
    IncomeKind.SELF_EMPLOYMENT: "self_employment",
    IncomeKind.RENTAL: "other_income",
    IncomeKind.INVESTMENT: "other_income",  # interest and ordinary dividends; qualified dividends are taxed less
    IncomeKind.PENSION: "other_income",
    IncomeKind.OTHER: "other_income",
    IncomeKind.SOCIAL_INSURANCE: None,
    IncomeKind.MEANS_TESTED: None,
    IncomeKind.SPOUSAL_SUPPORT: None,
}

NOT_TAXED: dict[IncomeKind, str] = {
    IncomeKind.SOCIAL_INSURANCE: "Benefits such as disability or workers' compensation are not counted as taxable "
    "(unemployment benefits are taxable: the estimate does not tax them).",
    IncomeKind.MEANS_TESTED: "Means-tested help (TANF, SSI, SNAP) is not taxable.",
    IncomeKind.SPOUSAL_SUPPORT: "Spousal support received is not taxable under divorce or separation agreements made "
    "after 2018 (26 U.S.C. § 71 repealed for them by Pub. L. 115-97 § 11051); an older agreement's support is not "
    "taxed by the estimate.",
}


def income_items(annual_by_kind: Mapping[IncomeKind, Decimal]) -> dict[str, Decimal]:
    """Yearly amounts by income kind -> ``{"wages": ..., "self_employment": ..., "other_income": ...}`` for
    ``tax_person(**items, ...)``. Kinds that are not taxed are left out (``NOT_TAXED`` says why)."""
    items = {"wages": ZERO, "self_employment": ZERO, "other_income": ZERO}
    for kind, amount in annual_by_kind.items():
        item = TAX_ITEM[kind]
        if item is not None:
            items[item] += amount
    return items
