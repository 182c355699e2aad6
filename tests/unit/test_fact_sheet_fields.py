"""The fields the consultation fact sheet needs (court, case number, region, how an income is known) are additive:
a case file saved before they existed still opens, and every new field reads as "not answered"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from casefile.models import Case, IncomeEvidence, IncomeItem, Separation
from casefile.storage import case_to_json, load_case

OLD_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "cases" / "v1-before-fact-sheet.case.json"


def test_a_file_saved_before_the_fields_existed_still_loads_with_not_answered_defaults() -> None:
    raw = json.loads(OLD_FILE.read_text(encoding="utf-8"))["case"]
    assert "court_name" not in raw["separation"] and "known_from" not in raw["parent_a"]["income"][0]  # really old
    case = load_case(OLD_FILE)
    sep = case.separation
    assert (sep.court_name, sep.case_number, sep.region) == ("", "", "")
    assert all(item.known_from is None for role in ("parent_a", "parent_b") for item in case.parent(role).income)
    # everything that was there is still there
    assert case.name("parent_b") == "Jordan" and len(case.parent("parent_b").income) == 3


def test_the_new_fields_round_trip_through_a_saved_file(tmp_path: Path) -> None:
    case = Case(separation=Separation(court_name="Family Court at Leeds", case_number="LS26F00123",
                                      region="England and Wales"))
    case = case.with_parent("parent_a", case.parent_a.model_copy(update={"income": (
        IncomeItem(amount=1, known_from=IncomeEvidence.TAX_RETURN),)}))
    path = tmp_path / "c.case.json"
    path.write_text(case_to_json(case), encoding="utf-8")
    again = load_case(path)
    assert again == case
    assert again.parent_a.income[0].known_from is IncomeEvidence.TAX_RETURN


def test_how_an_income_is_known_is_one_of_the_listed_answers() -> None:
    with pytest.raises(ValidationError):
        IncomeItem(amount=1, known_from="a friend said")  # type: ignore[arg-type]
    assert IncomeEvidence.PAYSLIP.from_a_document and not IncomeEvidence.MY_GUESS.from_a_document


def test_case_number_length_is_limited() -> None:
    with pytest.raises(ValidationError):
        Separation(case_number="x" * 81)
