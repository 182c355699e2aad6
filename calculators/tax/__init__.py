"""Gross pay in, a guideline's taxes out: the tax step of every US net-income guideline (pure; no streamlit).

    from calculators.tax import PRESETS, compute_taxes, compute_taxes_batch, tax_person, vary_income

    person = tax_person(wages=Decimal("72000"), state="TX")                 # yearly amounts; TaxInputError if bad
    result = compute_taxes(person, PRESETS["us_tx_tax_chart"], 2026)         # TaxResult: cited TaxLines, .net
    curve = compute_taxes_batch(vary_income(person, "wages", xs), method, 2026)   # one library call for all misses

See README.md in this folder for the library chosen (taxsim-py) and why, what is filled from official sources
instead, and the methods a rule file can declare.
"""

from calculators.tax.compute import clear_cache, compute_taxes, compute_taxes_batch, vary_income
from calculators.tax.methods import PRESETS, method_from
from calculators.tax.model import (
    FilingStatus,
    Locality,
    NetIncomeMethod,
    TaxInputError,
    TaxKind,
    TaxLine,
    TaxPerson,
    TaxResult,
    TaxYearNotAvailable,
    tax_person,
)

__all__ = [
    "PRESETS",
    "FilingStatus",
    "Locality",
    "NetIncomeMethod",
    "TaxInputError",
    "TaxKind",
    "TaxLine",
    "TaxPerson",
    "TaxResult",
    "TaxYearNotAvailable",
    "clear_cache",
    "compute_taxes",
    "compute_taxes_batch",
    "method_from",
    "tax_person",
    "vary_income",
]
