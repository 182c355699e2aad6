"""The place's own financial-statement headings (reports/financial_forms.yaml) and whose an item is, by name."""

from __future__ import annotations

import pytest

from casefile.finances import AssetCategory, BudgetCategory, DebtCategory, Owner
from casefile.models import Case, Parent, Separation
from jurisdictions.yamlstrict import DataFileError, load_model
from reports.financial_forms import OWN_CATEGORIES, FormsFile, financial_forms, statement_for, whose


def case_in(code: str, region: str = "") -> Case:
    return Case(jurisdiction=code, separation=Separation(region=region), parent_a=Parent(display_name="Sam"),
                parent_b=Parent(display_name="Jordan"))


def test_california_uses_fl150_and_fl142_headings() -> None:
    forms = statement_for(case_in("US-CA"))
    assert forms.budget.form.startswith("FL-150") and forms.assets.form.startswith("FL-142")
    # the reference pack's FL-150 page 3 and FL-142 lists (checklist-sources.md)
    assert forms.budget.heading(BudgetCategory.PHONE) == "Telephone, cell phone and e-mail"
    assert forms.assets.heading(AssetCategory.CHECKING_ACCOUNTS) == "Checking accounts"
    assert forms.debts.heading(DebtCategory.SUPPORT_ARREARS) == "Support arrearages"
    assert {s.url.host for s in forms.sources} == {"courts.ca.gov"}


def test_england_and_wales_uses_form_e_and_scotland_does_not() -> None:
    for region in ("England and Wales", ""):  # not answered: the form of the place is named, so a reader can tell
        forms = statement_for(case_in("GB", region))
        assert forms.assets.form == "Form E, section 2 (financial details)"
        assert forms.assets.heading(AssetCategory.CHECKING_ACCOUNTS) == forms.assets.heading(
            AssetCategory.SAVINGS_ACCOUNTS) == "Bank, building society and National Savings accounts"
        assert forms.debts.heading(DebtCategory.CREDIT_CARDS) == "Liabilities"
        # Form E has no fixed lines for income needs: the app's names stay, and the pack says why
        assert forms.budget.heading(BudgetCategory.PHONE) == BudgetCategory.PHONE.label and forms.budget.note
    scotland = statement_for(case_in("GB", "Scotland"))
    assert scotland.assets.form == "" and scotland.assets.described == OWN_CATEGORIES
    assert scotland.assets.heading(AssetCategory.CASH) == AssetCategory.CASH.label


def test_form_order_puts_categories_under_their_heading_in_the_forms_sequence() -> None:
    assets = statement_for(case_in("GB")).assets
    ordered = sorted(AssetCategory, key=assets.order)
    headings = list(dict.fromkeys(assets.heading(c) for c in ordered))
    assert headings[:3] == ["Property (family home, other land and property)",
                            "Bank, building society and National Savings accounts", "Investments"]
    assert headings[-1] == "Other assets"


def test_a_place_without_a_form_here_keeps_the_apps_names() -> None:
    forms = statement_for(case_in("US-TX"))
    assert forms.budget.form == forms.assets.form == ""
    assert forms.debts.heading(DebtCategory.TAXES) == DebtCategory.TAXES.label


def test_a_mapping_that_leaves_a_category_out_is_refused_with_its_line() -> None:
    text = """
sources:
  s: {title: A form, url: https://example.org/f.pdf, confidence: official}
places:
  - jurisdiction: US-ZZ
    debts:
      form: Some form
      sources: [s]
      headings:
        taxes: Taxes
"""
    with pytest.raises(DataFileError, match=r"f\.yaml:\d+: .*no heading for student_loans"):
        load_model(text, "f.yaml", FormsFile, "a mapping")


def test_the_shipped_file_is_valid_and_cites_a_source_for_every_part() -> None:
    data = financial_forms()
    for place in data.places:
        for part in (place.budget, place.assets, place.debts):
            assert part is None or all(s in data.sources for s in part.sources)


@pytest.mark.parametrize(("you", "owner", "expected"), [
    ("parent_a", Owner.MINE, "Sam"), ("parent_a", Owner.THEIRS, "Jordan"),
    ("parent_b", Owner.MINE, "Jordan"), ("parent_b", Owner.THEIRS, "Sam"),
    ("parent_a", Owner.JOINT, "Joint"), ("parent_a", Owner.UNSURE, "Not sure"),
])
def test_whose_uses_the_parties_names(you: str, owner: Owner, expected: str) -> None:
    assert whose(case_in("GB").model_copy(update={"you": you}), owner) == expected
