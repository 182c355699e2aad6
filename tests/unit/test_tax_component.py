"""The tax component's behaviour: bad input and unavailable years get plain messages, the year policy is visible,
the batch call and the cache give the same results as one-by-one calls, and the library is pinned and lazy."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.tax import (
    PRESETS,
    TaxInputError,
    TaxKind,
    TaxYearNotAvailable,
    clear_cache,
    compute_taxes,
    compute_taxes_batch,
    library,
    method_from,
    tax_person,
    vary_income,
)
from calculators.tax.model import STATE_ORDER

D = Decimal
REPO = Path(__file__).resolve().parents[2]


# --- bad input -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fields", "message"), [
    ({"wages": D(-1), "state": "TX"}, "Tax details: wages: cannot be negative."),
    ({"self_employment": D("-0.01"), "state": "TX"}, "Tax details: self-employment income: cannot be negative."),
    ({"wages": D(1000), "state": "XX"},
     "Tax details: 'XX' is not a US state code the tax component knows (use two letters, e.g. TX, CA, DC)."),
    ({"wages": D(1000), "state": "NJ", "locality": "yonkers"},
     "Tax details: Yonkers is in New York, but the state given is NJ."),
    ({"wages": D(1000), "state": "CA", "filing_status": "head_of_household"},
     "Tax details: head of household needs at least one dependent (a qualifying person living with you)."),
    ({"wages": D(1000), "state": "CA", "filing_status": "widowed"},
     "Tax details: filing status: Input should be 'single', 'head_of_household', 'married_joint' or "
     "'married_separate'."),
    ({"wages": D("1e12"), "state": "TX"}, "Tax details: wages: Input should be less than 1E+9."),
    ({"wages": D("NaN"), "state": "TX"}, "Tax details: wages: Input should be a finite number."),
])
def test_bad_input_gets_a_plain_message(fields: dict, message: str) -> None:
    with pytest.raises(TaxInputError) as caught:
        tax_person(**fields)
    assert str(caught.value) == message


def test_a_year_before_2018_is_refused() -> None:
    with pytest.raises(TaxYearNotAvailable, match=r"^Tax year 2017 is not covered: taxes are worked out for 2018 and "
                                                  r"later\. Enter the taxes actually paid\.$"):
        compute_taxes(tax_person(wages=D(50000), state="TX"), PRESETS["us_tx_tax_chart"], 2017)


def test_a_year_the_library_lacks_is_refused_under_the_exact_policy() -> None:
    exact = PRESETS["us_ca_4059"].model_copy(update={"year_policy": "exact"})
    with pytest.raises(TaxYearNotAvailable) as caught:
        compute_taxes(tax_person(wages=D(50000), state="CA"), exact, 2026)
    assert str(caught.value) == (
        "Federal income tax for tax year 2026 cannot be worked out: the tax model has it for 2018 to 2025. "
        "Enter the amount actually paid, or choose a tax year it has."
    )


def test_texas_2027_names_the_years_it_has() -> None:
    with pytest.raises(TaxYearNotAvailable, match=r"single filer, standard deduction\) for tax year 2027 .* 2018 to 2026"):
        compute_taxes(tax_person(wages=D(50000), state="TX"), PRESETS["us_tx_tax_chart"], 2027)


def test_yonkers_2026_is_refused_plainly() -> None:
    with pytest.raises(TaxYearNotAvailable, match=r"^The Yonkers surcharge \(a share of state tax\) for tax year 2026"):
        compute_taxes(tax_person(wages=D(50000), state="NY", locality="yonkers"), PRESETS["us_ny_cssa"], 2026)


def test_latest_available_says_which_year_it_applied() -> None:
    result = compute_taxes(tax_person(wages=D(60000), state="CA"), PRESETS["us_ca_4059"], 2026)
    assert result.warnings == (
        "Tax year 2026 rules for federal income tax are not available yet; 2025 rules are applied instead.",
        "Tax year 2026 rules for state income tax are not available yet; 2025 rules are applied instead.",
    )
    years = {line.kind: line.tax_year for line in result.lines}
    assert years[TaxKind.FEDERAL_INCOME_TAX] == years[TaxKind.STATE_INCOME_TAX] == 2025
    assert years[TaxKind.SOCIAL_SECURITY] == years[TaxKind.STATE_DISABILITY_INSURANCE] == 2026


def test_warnings_name_only_the_taxes_the_person_has() -> None:
    # Florida in 2028: the library's income tax law stops at 2025 and FICA at 2026; a Floridian has no city tax, so
    # no warning about New York City or Yonkers figures.
    result = compute_taxes(tax_person(wages=D(60000), state="FL"), PRESETS["us_fl_61_30"], 2028)
    assert result.warnings == (
        "Tax year 2028 rules for federal income tax are not available yet; 2025 rules are applied instead.",
        "Tax year 2028 rules for state income tax are not available yet; 2025 rules are applied instead.",
        "Tax year 2028 rules for Social Security and Medicare are not available yet; 2026 rules are applied instead.",
    )


def test_the_chart_method_under_latest_available_uses_the_2026_fill() -> None:
    method = PRESETS["us_tx_tax_chart"].model_copy(update={"year_policy": "latest_available"})
    result = compute_taxes(tax_person(wages=D(72000), state="TX"), method, 2027)
    assert result.line(TaxKind.FEDERAL_INCOME_TAX).tax_year == 2026
    assert result.amount(TaxKind.FEDERAL_INCOME_TAX) == D("7010.00")  # as in the 2026 chart row test
    assert "Tax year 2027 rules for federal income tax are not available yet; 2026 rules are applied instead." \
        in result.warnings


def test_every_line_is_cited_and_says_how_it_was_computed() -> None:
    people = {
        "us_tx_tax_chart": tax_person(wages=D(250000), self_employment=D(20000), state="TX"),
        "us_ca_4059": tax_person(wages=D(90000), state="CA", filing_status="head_of_household", dependents=1),
        "us_ny_cssa": tax_person(wages=D(90000), self_employment=D(1000), state="NY", locality="new_york_city"),
        "us_fl_61_30": tax_person(wages=D(40000), state="FL"),
        "us_wa_26_19_071": tax_person(wages=D(40000), state="WA"),
    }
    for key, person in people.items():
        for year in (2025, 2026):
            result = compute_taxes(person, PRESETS[key], year)
            assert result.lines, key
            for line in result.lines:
                assert line.citation and line.label and line.computed_by, (key, line)
                assert line.tax_year in (2025, 2026)
            filled = [line for line in result.lines if line.computed_by.startswith("filled here")]
            assert len(result.gaps_filled) >= 1 if filled else True
            assert result.assumptions[0].startswith("Taxes worked out from the gross income entered")
            assert result.net == result.gross - sum(line.amount for line in result.lines)


# --- batch and cache ---------------------------------------------------------------------------------------------------


def test_batch_equals_one_by_one_and_the_cache_returns_the_same_result() -> None:
    method = PRESETS["us_ca_4059"]
    base = tax_person(wages=D(40000), state="CA", filing_status="head_of_household", dependents=2)
    people = vary_income(base, "wages", [D(0), D("12345.67"), D(40000), D(175000), D(400000)])
    clear_cache()
    batch = compute_taxes_batch(people, method, 2025)
    clear_cache()
    singles = [compute_taxes(person, method, 2025) for person in people]
    assert batch == singles
    assert compute_taxes(people[2], method, 2025) is singles[2]  # a cache hit
    clear_cache()
    assert compute_taxes(people[2], method, 2025) is not singles[2]


def test_vary_income_refuses_a_negative_amount_or_an_unknown_item() -> None:
    base = tax_person(state="TX")
    with pytest.raises(TaxInputError, match=r"^Tax details: wages: -10 is not an amount between 0 and a billion\.$"):
        vary_income(base, "wages", [D(10), D(-10)])
    with pytest.raises(TaxInputError, match="Infinity is not an amount"):
        vary_income(base, "wages", [float("inf")])
    with pytest.raises(TaxInputError, match="'bonus' is not an income item"):
        vary_income(base, "bonus", [D(10)])


def test_method_from_a_preset_a_mapping_or_an_override() -> None:
    assert method_from("us_ny_cssa") is PRESETS["us_ny_cssa"]
    changed = method_from({"preset": "us_ca_4059", "year_policy": "exact"})
    assert changed.year_policy == "exact" and changed.state_disability_insurance
    with pytest.raises(TaxInputError, match=r"^Unknown net-income method 'us_xx' \(known: us_ca_4059, "):
        method_from("us_xx")
    with pytest.raises(TaxInputError, match=r"^Net-income method: filing: "):
        method_from({"key": "k", "label": "l", "citation": "c", "filing": "married"})


# --- the library -------------------------------------------------------------------------------------------------------


def test_the_library_is_the_pinned_version_and_its_last_year_is_known() -> None:
    from taxsim_py.api import LAST_SUPPORTED_YEAR

    pinned = re.search(r'"taxsim-py==([^"]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned and library.version() == pinned.group(1)
    assert library.LAST_YEAR == LAST_SUPPORTED_YEAR


def test_state_numbering_matches_the_library() -> None:
    from taxsim_py.calculators.states import FIPS_TO_TAXSIM

    # Census FIPS codes of a few states (AL 1, CA 6, DC 11, NY 36, TX 48, WY 56) against our alphabetical order.
    for state, fips in {"AL": 1, "CA": 6, "DC": 11, "NY": 36, "TX": 48, "WY": 56}.items():
        assert FIPS_TO_TAXSIM[fips] == STATE_ORDER.index(state) + 1


def test_importing_the_component_does_not_import_the_library() -> None:
    code = ("import sys, calculators.tax\n"
            "assert 'polars' not in sys.modules and 'taxsim_py' not in sys.modules, 'imported eagerly'\n")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_income_kinds_map_to_tax_items() -> None:
    from calculators.tax.intake import NOT_TAXED, TAX_ITEM, income_items
    from casefile.models import IncomeKind

    assert set(TAX_ITEM) == set(IncomeKind)  # every kind the case can hold is decided
    assert {kind for kind, item in TAX_ITEM.items() if item is None} == set(NOT_TAXED)
    items = income_items({IncomeKind.WAGES: D(50000), IncomeKind.SELF_EMPLOYMENT: D(1000),
                          IncomeKind.RENTAL: D(300), IncomeKind.PENSION: D(200), IncomeKind.MEANS_TESTED: D(999),
                          IncomeKind.SPOUSAL_SUPPORT: D(12000)})
    assert items == {"wages": D(50000), "self_employment": D(1000), "other_income": D(500)}
