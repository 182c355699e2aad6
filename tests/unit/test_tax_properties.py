"""Invariants of the tax component (hypothesis): taxes of the chart method are never negative and never exceed the
income; net income never falls when pay rises (no marginal rate reaches 100 %); Social Security stops at the wage
base; and our payroll taxes equal the library's own employee total (``tfica``), computed independently."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.tax import PRESETS, TaxKind, clear_cache, compute_taxes, compute_taxes_batch, tax_person

TX = PRESETS["us_tx_tax_chart"]
NY = PRESETS["us_ny_cssa"]
amounts = st.decimals(min_value=0, max_value=1_000_000, places=2)
years = st.integers(min_value=2018, max_value=2026)


@given(wages=amounts, profit=st.decimals(min_value=0, max_value=300_000, places=2), rise=amounts)
@settings(max_examples=60, deadline=None)
def test_chart_method_taxes_are_bounded_and_net_rises_with_pay(wages: Decimal, profit: Decimal, rise: Decimal) -> None:
    low = compute_taxes(tax_person(wages=wages, self_employment=profit, state="TX"), TX, 2026)
    high = compute_taxes(tax_person(wages=wages + rise, self_employment=profit, state="TX"), TX, 2026)
    assert all(line.amount >= 0 for line in low.lines)
    assert low.total <= low.gross
    assert high.net >= low.net


@given(year=years, extra=st.decimals(min_value=0, max_value=500_000, places=2))
@settings(max_examples=30, deadline=None)
def test_social_security_stops_at_the_wage_base(year: int, extra: Decimal) -> None:
    base = {2018: 128400, 2019: 132900, 2020: 137700, 2021: 142800, 2022: 147000, 2023: 160200, 2024: 168600,
            2025: 176100, 2026: 184500}[year]  # SSA's contribution and benefit base
    at_base = compute_taxes(tax_person(wages=Decimal(base), state="NY"), NY, year)
    above = compute_taxes(tax_person(wages=Decimal(base) + extra, state="NY"), NY, year)
    assert above.amount(TaxKind.SOCIAL_SECURITY) == at_base.amount(TaxKind.SOCIAL_SECURITY) \
        == (Decimal(base) * Decimal("0.062")).quantize(Decimal("0.01"))


@given(
    year=st.integers(min_value=2018, max_value=2025),
    wages=st.decimals(min_value=0, max_value=400_000, places=2),
    # No profit, or enough for self-employment tax (net earnings of $400 = a profit of 433.14). Below that the
    # library still charges the Additional Medicare Tax on the earnings (a few cents), while Schedule SE line 4c
    # stops there and Form 8959 line 8 takes its line 6, so none is owed: we follow the forms.
    profit=st.one_of(st.just(Decimal(0)), st.decimals(min_value=434, max_value=200_000, places=2)),
    status=st.sampled_from(["single", "married_joint", "married_separate"]),
)
@settings(max_examples=25, deadline=None)
def test_payroll_taxes_equal_the_librarys_employee_total(year: int, wages: Decimal, profit: Decimal, status: str
                                                         ) -> None:
    from taxsim_py import calculate_row

    ours = compute_taxes(tax_person(wages=wages, self_employment=profit, state="NY", filing_status=status), NY, year)
    mstat = {"single": 33, "married_joint": 2, "married_separate": 6}[status]
    theirs = calculate_row({"year": year, "state": 33, "mstat": mstat, "page": 40, "pwages": float(wages),
                            "psemp": float(profit)})["tfica"]
    # Each of our lines is rounded to the cent, the library's total once: allow a cent per line.
    assert abs(ours.total - Decimal(repr(theirs))) <= Decimal("0.04")


@given(st.lists(amounts, min_size=1, max_size=6))
@settings(max_examples=10, deadline=None)
def test_batch_equals_one_by_one_with_the_library(incomes: list[Decimal]) -> None:
    people = [tax_person(wages=w, state="CA", filing_status="head_of_household", dependents=1) for w in incomes]
    method = PRESETS["us_ca_4059"]
    clear_cache()
    batch = compute_taxes_batch(people, method, 2024)
    clear_cache()  # each one-by-one result computed afresh, not read back from the batch
    assert batch == [compute_taxes(p, method, 2024) for p in people]
