"""Tax arithmetic worked by hand (the working is in the comments), and the two Texas chart rows of the reference pack.

Sources of the figures used in the working: 2024 brackets and standard deduction, IRS Rev. Proc. 2023-34; 2025
brackets, Rev. Proc. 2024-40, with the standard deduction raised to $15,750 / $23,625 (HOH) and the child tax credit
to $2,200 by P.L. 119-21 (July 2025); 2026, Rev. Proc. 2025-32; Social Security wage bases, SSA; rates and the
Additional Medicare thresholds, 26 U.S.C. §§ 3101, 1401, 1402; NYC rates, NY Tax Law § 1304; CA SDI, EDD.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculators.tax import PRESETS, NetIncomeMethod, TaxKind, compute_taxes, tax_person

D = Decimal
TX = PRESETS["us_tx_tax_chart"]
CA = PRESETS["us_ca_4059"]
NY = PRESETS["us_ny_cssa"]


def monthly(amount: Decimal) -> Decimal:
    return (amount / 12).quantize(D("0.01"))


# --- Texas tax charts, 2026 (../shared/reference/US-net-income.md § 2; rows THIRD-PARTY) ---------------------------


@pytest.mark.parametrize(("gross", "oasdi", "medicare", "fit", "net"), [
    # texaschildsupportcalc.com row: $6,000 a month. Working: yearly 72,000; taxable 72,000 - 16,100 = 55,900;
    # tax 10 % x 12,400 = 1,240 + 12 % x (50,400 - 12,400) = 4,560 + 22 % x (55,900 - 50,400) = 1,210 -> 7,010;
    # / 12 = 584.17. OASDI 6.2 % x 6,000 = 372.00; Medicare 1.45 % x 6,000 = 87.00; net 6,000 - 1,043.17.
    ("6000", "372.00", "87.00", "584.17", "4956.83"),
    # calnexa.com row: $5,000 a month. Yearly 60,000; taxable 43,900; 1,240 + 12 % x 31,500 = 3,780 -> 5,020;
    # / 12 = 418.33. OASDI 310.00; Medicare 72.50; net 5,000 - 800.83.
    ("5000", "310.00", "72.50", "418.33", "4199.17"),
])
def test_texas_chart_rows_2026(gross: str, oasdi: str, medicare: str, fit: str, net: str) -> None:
    # The chart method ignores the real status: a parent filing head of household with two children gets the
    # single-filer figures.
    person = tax_person(wages=D(gross) * 12, state="TX", filing_status="head_of_household", dependents=2)
    result = compute_taxes(person, TX, 2026)
    assert monthly(result.amount(TaxKind.SOCIAL_SECURITY)) == D(oasdi)
    assert monthly(result.amount(TaxKind.MEDICARE)) == D(medicare)
    assert monthly(result.amount(TaxKind.FEDERAL_INCOME_TAX)) == D(fit)
    assert D(gross) - monthly(result.amount(TaxKind.SOCIAL_SECURITY)) - monthly(result.amount(TaxKind.MEDICARE)) \
        - monthly(result.amount(TaxKind.FEDERAL_INCOME_TAX)) == D(net)
    assert {line.tax_year for line in result.lines} == {2026}


def test_texas_chart_2025_comes_from_the_library() -> None:
    # 2025, $72,000: taxable 72,000 - 15,750 = 56,250; 10 % x 11,925 = 1,192.50; 12 % x (48,475 - 11,925) =
    # 4,386.00; 22 % x (56,250 - 48,475) = 1,710.50 -> 7,289.00.
    result = compute_taxes(tax_person(wages=D(72000), state="TX"), TX, 2025)
    line = result.line(TaxKind.FEDERAL_INCOME_TAX)
    assert line.amount == D("7289.00")
    assert line.tax_year == 2025 and line.computed_by.startswith("taxsim-py")


def test_texas_chart_2024() -> None:
    # 2024, $50,000: taxable 50,000 - 14,600 = 35,400; 10 % x 11,600 = 1,160; 12 % x 23,800 = 2,856 -> 4,016.
    result = compute_taxes(tax_person(wages=D(50000), state="TX"), TX, 2024)
    assert result.amount(TaxKind.FEDERAL_INCOME_TAX) == D("4016.00")


def test_texas_chart_applies_no_credits() -> None:
    # $15,000 in 2025: taxable 0 (below the 15,750 standard deduction), so no tax, and the earned income credit a
    # real single filer would get is not counted (the chart is withholding for a single filer, not a return).
    result = compute_taxes(tax_person(wages=D(15000), state="TX"), TX, 2025)
    assert result.amount(TaxKind.FEDERAL_INCOME_TAX) == D("0.00")


def test_texas_self_employed_2026() -> None:
    # Net profit 50,000: earnings 50,000 x 92.35 % = 46,175; SE tax 15.3 % x 46,175 = 7,064.775 -> 7,064.78.
    # Federal: taxable 50,000 - 7,064.775 / 2 - 16,100 = 30,367.6125; 1,240 + 12 % x 17,967.6125 = 2,156.1135
    # -> 3,396.1135 -> 3,396.11.
    result = compute_taxes(tax_person(self_employment=D(50000), state="TX"), TX, 2026)
    assert result.amount(TaxKind.SELF_EMPLOYMENT_TAX) == D("7064.78")
    assert result.amount(TaxKind.FEDERAL_INCOME_TAX) == D("3396.11")
    assert result.amount(TaxKind.SOCIAL_SECURITY) == 0


# --- Social Security wage base and Additional Medicare ------------------------------------------------------------


def test_wage_base_2025_and_no_additional_medicare_at_the_threshold() -> None:
    # $200,000 wages, 2025: OASDI 6.2 % x 176,100 = 10,918.20; Medicare 1.45 % x 200,000 = 2,900.00; the Additional
    # Medicare Tax starts above $200,000 (single), so none.
    result = compute_taxes(tax_person(wages=D(200000), state="TX"), NY, 2025)
    assert result.amount(TaxKind.SOCIAL_SECURITY) == D("10918.20")
    assert result.amount(TaxKind.MEDICARE) == D("2900.00")
    assert result.amount(TaxKind.ADDITIONAL_MEDICARE) == 0


def test_wage_base_2026_and_additional_medicare() -> None:
    # $250,000 wages, 2026: OASDI 6.2 % x 184,500 = 11,439.00; Medicare 1.45 % x 250,000 = 3,625.00; Additional
    # 0.9 % x (250,000 - 200,000) = 450.00.
    result = compute_taxes(tax_person(wages=D(250000), state="TX"), TX, 2026)
    assert result.amount(TaxKind.SOCIAL_SECURITY) == D("11439.00")
    assert result.amount(TaxKind.MEDICARE) == D("3625.00")
    assert result.amount(TaxKind.ADDITIONAL_MEDICARE) == D("450.00")


def test_additional_medicare_threshold_depends_on_filing_status() -> None:
    # $260,000 wages, married filing jointly: 0.9 % x (260,000 - 250,000) = 90.00; separately: 0.9 % x 135,000.
    joint = compute_taxes(tax_person(wages=D(260000), state="NY", filing_status="married_joint"), NY, 2025)
    separate = compute_taxes(tax_person(wages=D(260000), state="NY", filing_status="married_separate"), NY, 2025)
    assert joint.amount(TaxKind.ADDITIONAL_MEDICARE) == D("90.00")
    assert separate.amount(TaxKind.ADDITIONAL_MEDICARE) == D("1215.00")


def test_self_employment_above_the_wage_base() -> None:
    # Wages 250,000 and profit 50,000 in 2025: earnings 46,175; no OASDI room (wages above 176,100); SE Medicare
    # 2.9 % x 46,175 = 1,339.075 -> 1,339.08. Additional Medicare: wages 0.9 % x 50,000 = 450; self-employment
    # threshold 200,000 - 250,000 -> 0, so 0.9 % x 46,175 = 415.575; total 865.575 -> 865.58.
    result = compute_taxes(tax_person(wages=D(250000), self_employment=D(50000), state="NY"), NY, 2025)
    assert result.amount(TaxKind.SELF_EMPLOYMENT_TAX) == D("1339.08")
    assert result.amount(TaxKind.ADDITIONAL_MEDICARE) == D("865.58")


def test_self_employment_under_400_bears_no_tax() -> None:
    # Profit 400: earnings 400 x 92.35 % = 369.40, under the $400 floor of § 1402(b)(2).
    result = compute_taxes(tax_person(self_employment=D(400), state="NY"), NY, 2025)
    assert result.amount(TaxKind.SELF_EMPLOYMENT_TAX) == 0


# --- New York City (CSSA) --------------------------------------------------------------------------------------------


def test_new_york_city_2026() -> None:
    # Wages 90,000, profit 30,000, single, 2026. SE: earnings 27,705; OASDI 12.4 % x 27,705 = 3,435.42 (room
    # 184,500 - 90,000); Medicare 2.9 % x 27,705 = 803.445; SE tax 4,238.865 -> 4,238.87, half 2,119.4325.
    # AGI 120,000 - 2,119.4325 = 117,880.5675; NY taxable 117,880.5675 - 8,000 = 109,880.5675.
    # NYC: 3.078 % x 12,000 = 369.36; 3.762 % x 13,000 = 489.06; 3.819 % x 25,000 = 954.75;
    # 3.876 % x 59,880.5675 = 2,320.9708; total 4,134.1408 -> 4,134.14.
    person = tax_person(wages=D(90000), self_employment=D(30000), state="NY", locality="new_york_city")
    result = compute_taxes(person, NY, 2026)
    assert result.amount(TaxKind.LOCAL_INCOME_TAX) == D("4134.14")
    assert result.amount(TaxKind.SELF_EMPLOYMENT_TAX) == D("4238.87")
    assert result.amount(TaxKind.SOCIAL_SECURITY) == D("5580.00")  # 6.2 % x 90,000
    assert result.amount(TaxKind.MEDICARE) == D("1305.00")  # 1.45 % x 90,000
    # The CSSA deducts no federal or state income tax.
    assert {line.kind for line in result.lines}.isdisjoint({TaxKind.FEDERAL_INCOME_TAX, TaxKind.STATE_INCOME_TAX})


def test_new_york_city_head_of_household_with_dependent() -> None:
    # HOH, one dependent, wages 55,000, 2025: NY taxable 55,000 - 11,200 - 1,000 = 42,800.
    # NYC HOH: 3.078 % x 14,400 = 443.232; 3.762 % x 15,600 = 586.872; 3.819 % x 12,800 = 488.832; total
    # 1,518.936 -> 1,518.94.
    person = tax_person(wages=D(55000), state="NY", locality="new_york_city", filing_status="head_of_household",
                        dependents=1)
    assert compute_taxes(person, NY, 2025).amount(TaxKind.LOCAL_INCOME_TAX) == D("1518.94")


def test_new_york_outside_the_cities_deducts_fica_only() -> None:
    result = compute_taxes(tax_person(wages=D(65000), state="NY"), NY, 2025)
    assert [line.kind for line in result.lines] == [TaxKind.SOCIAL_SECURITY, TaxKind.MEDICARE]
    assert result.net == D(65000) - D("4972.50")  # 7.65 % x 65,000


def test_yonkers_is_a_share_of_the_state_tax() -> None:
    # 2025, single, wages 90,000: NY taxable 82,000; NY tax 4 % x 8,500 = 340; 4.5 % x 3,200 = 144; 5.25 % x 2,200
    # = 115.50; 5.5 % x 66,750 = 3,671.25; 6 % x 1,350 = 81 -> 4,351.75 (the library may differ by a cent: it
    # computes in floating point). Yonkers 16.75 % of it: 728.92.
    both = NetIncomeMethod(key="t", label="t", citation="t", state_income_tax=True, local_income_tax=True)
    result = compute_taxes(tax_person(wages=D(90000), state="NY", locality="yonkers"), both, 2025)
    state = result.amount(TaxKind.STATE_INCOME_TAX)
    assert abs(state - D("4351.75")) <= D("0.01")
    assert result.amount(TaxKind.LOCAL_INCOME_TAX) == (state * D("0.1675")).quantize(D("0.01"))


# --- California (§ 4059): actual status, SDI -----------------------------------------------------------------------


def test_california_federal_with_child_tax_credit_2025() -> None:
    # HOH, two children under 17, wages 80,000, 2025: taxable 80,000 - 23,625 = 56,375; HOH brackets 10 % x 17,000
    # = 1,700; 12 % x (56,375 - 17,000) = 4,725 -> 6,425; child tax credit 2 x 2,200 = 4,400 -> 2,025.00.
    person = tax_person(wages=D(80000), state="CA", filing_status="head_of_household", dependents=2)
    result = compute_taxes(person, CA, 2025)
    assert result.amount(TaxKind.FEDERAL_INCOME_TAX) == D("2025.00")
    assert result.amount(TaxKind.STATE_DISABILITY_INSURANCE) == D("960.00")  # 1.2 % x 80,000


@pytest.mark.parametrize(("year", "wages", "sdi"), [
    (2023, "200000", "1378.48"),  # 0.9 % x 153,164 (the 2023 wage limit) = 1,378.476
    (2024, "200000", "2200.00"),  # 1.1 %, no limit from 2024
    (2026, "200000", "2600.00"),  # 1.3 %
])
def test_california_sdi(year: int, wages: str, sdi: str) -> None:
    method = CA.model_copy(update={"federal_income_tax": False, "state_income_tax": False})
    result = compute_taxes(tax_person(wages=D(wages), state="CA"), method, year)
    line = result.line(TaxKind.STATE_DISABILITY_INSURANCE)
    assert line.amount == D(sdi) and line.tax_year == year


def test_sdi_only_in_california() -> None:
    result = compute_taxes(tax_person(wages=D(50000), state="NV"), CA, 2025)
    assert TaxKind.STATE_DISABILITY_INSURANCE not in {line.kind for line in result.lines}
