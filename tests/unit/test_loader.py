"""Rule-file loader: each malformed kind gives `file:line: field: message`; dates and overrides behave."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jurisdictions.loader import (
    OverrideError,
    RulesNotInForce,
    RuleView,
    load_rule_file,
    parse_overrides,
    parse_rule_text,
    rule_file_json_schema,
    rules_on,
)
from jurisdictions.rules import RoundingMode, RoundingRule
from jurisdictions.yamlstrict import DataFileError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rules" / "ZZ.yaml"
GOOD = FIXTURE.read_text()


def problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as info:
        parse_rule_text(text, "ZZ.yaml")
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[nth - 1]


def test_fixture_is_valid() -> None:
    rules, _ = parse_rule_text(GOOD, "ZZ.yaml")
    assert rules.code == "ZZ"


def test_numbers_are_exact_decimals() -> None:
    loaded = load_rule_file(FIXTURE)
    view = RuleView(loaded, date(2024, 6, 1))
    assert view.value("cap") == Decimal("100.50") and isinstance(view.value("cap"), Decimal)
    assert view.value("rates", "1") == Decimal("0.12")  # not 0.11999999999999999556
    assert RuleView(loaded, date(2025, 6, 1)).value("cap") == Decimal("200.10")  # quoted number: also exact


def test_duplicate_key() -> None:
    text = GOOD.replace("currency: GBP\n", "currency: GBP\ncurrency: USD\n")
    assert problems(text) == [f"ZZ.yaml:{line_of(text, 'currency: USD')}: currency: duplicate key (first defined on line {line_of(text, 'currency: GBP')})"]


def test_unknown_field() -> None:
    text = GOOD.replace("    unit: GBP/week\n", "    unit: GBP/week\n    colour: blue\n", 1)
    got = problems(text)
    assert got[0].startswith(f"ZZ.yaml:{line_of(text, 'colour: blue')}: parameters.cap.colour: unknown field")


def test_missing_reference() -> None:
    text = GOOD.replace("    references: [act]\n    values:\n      - {from: 2020-01-01, to: 2024", "    references: [nowhere]\n    values:\n      - {from: 2020-01-01, to: 2024", 1)
    got = problems(text)
    assert len(got) == 1 and "reference 'nowhere' is not defined" in got[0]


def test_parameter_without_references() -> None:
    text = GOOD.replace("    references: [act]\n    values:\n      - {from: 2020-01-01, to: 2024", "    references: []\n    values:\n      - {from: 2020-01-01, to: 2024", 1)
    got = problems(text)
    assert got[0].startswith(f"ZZ.yaml:{line_of(text, 'references: []')}: parameters.cap.references:")


def test_overlapping_dates() -> None:
    text = GOOD.replace("to: 2024-12-31", "to: 2025-01-01")
    got = problems(text)
    assert got == [f"ZZ.yaml:{line_of(text, '    values:')}: parameters.cap.values: date ranges overlap: 2020-01-01..2025-01-01 and 2025-01-01..open"]


def test_to_before_from() -> None:
    text = GOOD.replace("to: 2024-12-31", "to: 2019-12-31")
    assert "'to' (2019-12-31) is before 'from' (2020-01-01)" in problems(text)[0]


def test_gap_between_bands() -> None:
    text = GOOD.replace("- {lower: 100, upper: null, rate: 0.2}", "- {lower: 150, upper: null, rate: 0.2}")
    assert problems(text) == [f"ZZ.yaml:{line_of(text, 'lower: 150')}: parameters.bands.values[0].value[1].lower: gap between bands: 100 to 150 is not covered"]


def test_overlapping_bands() -> None:
    text = GOOD.replace("- {lower: 100, upper: null, rate: 0.2}", "- {lower: 90, upper: null, rate: 0.2}")
    assert "bands overlap" in problems(text)[0]


def test_not_yaml() -> None:
    assert problems("code: [ZZ\n")[0].startswith("ZZ.yaml:2: not valid YAML")


def test_missing_required_field() -> None:
    text = GOOD.replace("not_modelled:\n  - Everything real.\n", "")
    assert any(p.endswith("not_modelled: required field is missing") for p in problems(text))


def test_table_with_a_gap(tmp_path: Path) -> None:
    shutil.copy(FIXTURE, tmp_path / "ZZ.yaml")
    (tmp_path / "zz-schedule.csv").write_text("income,children_1\n1000,10\n1050,12\n1150,13\n")
    with pytest.raises(DataFileError) as info:
        load_rule_file(tmp_path / "ZZ.yaml")
    assert [str(p) for p in info.value.problems] == [
        "zz-schedule.csv:4: income: gap in the table: 1050 is followed by 1150 (step should be 50)"
    ]


def test_table_with_a_bad_cell_and_bad_header(tmp_path: Path) -> None:
    shutil.copy(FIXTURE, tmp_path / "ZZ.yaml")
    (tmp_path / "zz-schedule.csv").write_text("income,children_1\n1000,10\n1050,twelve\n")
    with pytest.raises(DataFileError, match=r"zz-schedule.csv:3: bad cell"):
        load_rule_file(tmp_path / "ZZ.yaml")
    (tmp_path / "zz-schedule.csv").write_text("income,kids\n1000,10\n")
    with pytest.raises(DataFileError, match=r"zz-schedule.csv:1: header: columns are"):
        load_rule_file(tmp_path / "ZZ.yaml")


def test_as_of_outside_the_data_is_a_clear_error() -> None:
    loaded = load_rule_file(FIXTURE)
    with pytest.raises(RulesNotInForce, match="has no value for 01 March 2019"):
        RuleView(loaded, date(2019, 3, 1)).value("cap")
    with pytest.raises(RulesNotInForce, match="covers 01 January 2020 onwards"):
        rules_on("ZZ", date(2019, 3, 1), extra={"ZZ": loaded})


def test_overrides_apply_and_are_checked() -> None:
    loaded = load_rule_file(FIXTURE)
    view = rules_on("ZZ", date(2025, 1, 1), {"rates.2": "0.5", "cap": "999"}, extra={"ZZ": loaded})
    assert view.value("rates", "2") == Decimal("0.5") and view.value("rates", "1") == Decimal("0.12")
    assert view.value("cap") == Decimal("999") and view.is_overridden("rates") and not view.is_overridden("bands")
    with pytest.raises(OverrideError, match="no parameter called 'nope'"):
        parse_overrides(loaded.rules, {"nope": "1"})
    with pytest.raises(OverrideError, match="must be a number"):
        parse_overrides(loaded.rules, {"cap": "lots"})
    with pytest.raises(OverrideError, match="does not name a part"):
        rules_on("ZZ", date(2025, 1, 1), {"rates.9": "1"}, extra={"ZZ": loaded})


def test_json_schema_is_published() -> None:
    schema = rule_file_json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"code", "model", "parameters", "not_modelled", "references"} <= set(schema["properties"])


def test_every_shipped_rule_file_validates_with_its_tables() -> None:
    from jurisdictions.loader import rule_file_paths

    for path in rule_file_paths():
        loaded = load_rule_file(path)  # raises with file:line messages if anything is wrong
        assert loaded.rules.references and loaded.rules.not_modelled


@pytest.mark.parametrize(
    ("step", "mode", "amount", "expected"),
    [
        # worked by hand: the nearest multiple of the step, ties by the mode
        ("0.01", "half_up", "12.345", "12.35"),  # to the cent
        ("0.01", "half_even", "12.345", "12.34"),  # tie to the even cent
        ("1", "down", "12.99", "12"),  # whole units, always down (AU care below 50%)
        ("1", "up", "12.01", "13"),  # whole units, always up (AU care above 50%)
        ("0.010", "half_up", "12.3449", "12.340"),  # 0.010 is a cent written with three places: 1234.49 -> 1234
        ("0.05", "half_up", "12.324", "12.30"),  # nickels: 12.324 / 0.05 = 246.48 -> 246 x 0.05
        ("5", "half_up", "12.5", "15"),  # fives: 12.5 / 5 = 2.5, half up -> 3 x 5
        ("10", "half_up", "14.99", "10"),  # tens: 1.499 -> 1 x 10
    ],
)
def test_rounding_rule_rounds_to_a_multiple_of_its_step(step: str, mode: str, amount: str, expected: str) -> None:
    """Exact value and written form (the step's decimal places), whichever way the rule computes it."""
    rule = RoundingRule(step=Decimal(step), mode=RoundingMode(mode), applies_to="test")
    assert str(rule.apply(Decimal(amount))) == expected
