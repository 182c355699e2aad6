"""The tax component against an independent golden set: households computed once with a second tax model,
PolicyEngine-US (name and version in the file), by scripts/make_tax_golden.py. Never our own output.

Compared within one cent (both models compute in floating point or round at different steps):
* tax years the library has (2024, 2025): federal income tax after credits, state income tax, the employee's Social
  Security and Medicare, the Additional Medicare Tax and the self-employment tax, under the actual-status method;
  New York City tax against PolicyEngine's tax *before* city credits (the component does not model the city's
  credits: README.md); the Yonkers surcharge.
* the Texas chart method (single filer, standard deduction, no credits) for single wage earners, every year including
  2026, where the federal figure is the component's own fill from Rev. Proc. 2025-32.
* 2026 New York (CSSA) households: FICA and New York City tax, all filled by the component.
Not compared: California SDI, because PolicyEngine-US 2.68 applies the 2026 rate (1.3 %) to every year, while EDD's
rate was 1.1 % in 2024 and 1.2 % in 2025 (params.yaml); SDI is checked by hand in test_tax_arithmetic.py.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.tax import PRESETS, NetIncomeMethod, TaxKind, TaxResult, compute_taxes, tax_person

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "data" / "tax_golden.json").read_text(encoding="utf-8"))
CASES = GOLDEN["cases"]
CENT = Decimal("0.01")
EVERY_TAX = NetIncomeMethod(key="every_tax", label="every tax", citation="test", state_income_tax=True,
                            local_income_tax=True)
PAYROLL = {"social_security": TaxKind.SOCIAL_SECURITY, "medicare": TaxKind.MEDICARE,
           "additional_medicare": TaxKind.ADDITIONAL_MEDICARE, "self_employment_tax": TaxKind.SELF_EMPLOYMENT_TAX}
INCOME_TAX = {"federal_income_tax": TaxKind.FEDERAL_INCOME_TAX, "state_income_tax": TaxKind.STATE_INCOME_TAX}


def person(case: dict):
    return tax_person(
        wages=Decimal(str(case["wages"])), self_employment=Decimal(str(case["self_employment"])),
        other_income=Decimal(str(case["other_income"])), filing_status=case["filing_status"],
        dependents=case["dependents"], state=case["state"], locality=case["locality"],
    )


def assert_close(result: TaxResult, kind: TaxKind, expected: float, what: str) -> None:
    ours = result.amount(kind)
    assert abs(ours - Decimal(str(expected))) <= CENT, f"{what}: ours {ours}, {GOLDEN['model']} {expected}"


def test_the_golden_set_names_its_model_and_is_not_ours() -> None:
    assert GOLDEN["model"] == "policyengine-us" and GOLDEN["version"]
    assert GOLDEN["script"] == "scripts/make_tax_golden.py"
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", [c for c in CASES if c["year"] <= 2025], ids=lambda c: c["id"])
def test_library_years_match_the_second_model(case: dict) -> None:
    result = compute_taxes(person(case), EVERY_TAX, case["year"])
    expected = case["expected"]
    for name, kind in {**INCOME_TAX, **PAYROLL}.items():
        assert_close(result, kind, expected[name], name)
    if case["locality"] == "new_york_city":
        assert_close(result, TaxKind.LOCAL_INCOME_TAX, expected["nyc_income_tax_before_credits"], "NYC")
    if case["locality"] == "yonkers":
        assert_close(result, TaxKind.LOCAL_INCOME_TAX, expected["yonkers_income_tax"], "Yonkers")


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["filing_status"] == "single" and not c["self_employment"] and c["state"] == "TX"],
    ids=lambda c: c["id"])
def test_texas_chart_method_matches_tax_before_credits(case: dict) -> None:
    result = compute_taxes(person(case), PRESETS["us_tx_tax_chart"], case["year"])
    assert_close(result, TaxKind.FEDERAL_INCOME_TAX, case["expected"]["federal_income_tax_before_credits"], "federal")
    for name, kind in PAYROLL.items():
        assert_close(result, kind, case["expected"][name], name)


@pytest.mark.parametrize("case", [c for c in CASES if c["year"] == 2026 and c["state"] == "NY"],
                         ids=lambda c: c["id"])
def test_new_york_2026_fills_match(case: dict) -> None:
    result = compute_taxes(person(case), PRESETS["us_ny_cssa"], 2026)
    for name, kind in PAYROLL.items():
        assert_close(result, kind, case["expected"][name], name)
    assert_close(result, TaxKind.LOCAL_INCOME_TAX, case["expected"]["nyc_income_tax_before_credits"], "NYC")
