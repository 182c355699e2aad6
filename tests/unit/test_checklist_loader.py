"""Checklist files are loaded strictly: every mistake comes back as ``file:line: field: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklists.loader import load_checklist_dir, load_checklist_file, parse_checklist_text
from checklists.select import CONDITIONS, shipped_checklists
from jurisdictions.yamlstrict import DataFileError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "checklists"


def problems(path: Path) -> list[str]:
    with pytest.raises(DataFileError) as info:
        load_checklist_file(path, CONDITIONS)
    return [str(p) for p in info.value.problems]


def test_valid_fixture_loads() -> None:
    loaded = load_checklist_file(FIXTURES / "valid.yaml", CONDITIONS)
    assert [i.id for i in loaded.checklist.items] == ["zz-everyone", "zz-children"]
    assert loaded.checklist.items[0].when == ("always",)  # the default: everyone
    assert loaded.id_lines == {"zz-everyone": 7, "zz-children": 14}


def test_unknown_condition_names_file_line_and_field() -> None:
    (msg,) = problems(FIXTURES / "bad" / "unknown_condition.yaml")
    assert msg.startswith("unknown_condition.yaml:11: items[0].when[1]: unknown condition 'owns_a_yacht'")


def test_duplicate_key_is_rejected_with_its_line() -> None:
    (msg,) = problems(FIXTURES / "bad" / "duplicate_key.yaml")
    assert msg == "duplicate_key.yaml:7: items[0].title: duplicate key (first defined on line 6)"


def test_unknown_field_and_bad_category_are_both_reported() -> None:
    msgs = problems(FIXTURES / "bad" / "unknown_field_and_category.yaml")
    assert any(m.startswith("unknown_field_and_category.yaml:9: items[0].category:") for m in msgs)
    assert any(m.startswith("unknown_field_and_category.yaml:11: items[0].colour: unknown field") for m in msgs)


def test_unknown_source_reference() -> None:
    (msg,) = problems(FIXTURES / "bad" / "unknown_source.yaml")
    assert msg.startswith("unknown_source.yaml:11: items[0].sources[0]: unknown source 'nowhere'")


def test_item_id_used_in_two_files() -> None:
    with pytest.raises(DataFileError) as info:
        load_checklist_dir(FIXTURES / "dup", CONDITIONS)
    (msg,) = [str(p) for p in info.value.problems]
    assert msg == "two.yaml:7: id: item id 'zz-everyone' is also used in one.yaml"


def test_missing_required_fields_and_empty_when() -> None:
    text = "title: T\njurisdictions: [ZZ]\nlast_verified: 2026-01-01\nitems:\n  - id: a\n    title: A\n    when: []\n"
    with pytest.raises(DataFileError) as info:
        parse_checklist_text(text, "t.yaml", CONDITIONS)
    msgs = [str(p) for p in info.value.problems]
    assert "t.yaml:5: items[0].what: required field is missing" in msgs
    assert any(m.startswith("t.yaml:7: items[0].when: list at least one condition") for m in msgs)


def test_not_yaml_and_not_a_mapping() -> None:
    with pytest.raises(DataFileError, match=r"t.yaml:2: not valid YAML"):
        parse_checklist_text("title: [a\nb: c\n", "t.yaml", CONDITIONS)
    with pytest.raises(DataFileError, match=r"t.yaml:1: the file must be a mapping with title, jurisdictions, items"):
        parse_checklist_text("- a\n- b\n", "t.yaml", CONDITIONS)


def test_shipped_files_load_and_every_item_has_a_known_condition() -> None:
    loaded = shipped_checklists()
    names = {lc.file for lc in loaded}
    assert {"base.yaml", "US-CA.yaml", "GB.yaml", "US-FL.yaml", "CA-ON.yaml"} <= names
    states = ("FL", "GA", "WA", "OH", "KY", "NV", "MS", "AK", "WI", "SC", "OR", "MN", "UT")
    second_wave = {f"US-{s}.yaml" for s in states}
    assert second_wave <= names
    forms = {i.form for lc in loaded for i in lc.checklist.items if i.form}
    assert {"FL-150", "FL-142", "FL-140", "Form E", "12.902(b)/(c)"} <= forms
    assert {"12.902(e)", "12.932", "AOC-238", "AOC-239", "JFS 07768", "FL All Family 131", "GFDF (Form 4)",
            "DR-305", "FA-4139V", "SCCA 430", "FAM102", "USD", "UCCR 8.05"} <= forms
    for lc in loaded:
        if lc.file in second_wave:  # each new state file covers only its own code and cites every item
            assert lc.checklist.jurisdictions == (lc.file.removesuffix(".yaml"),)
            assert all(item.sources for item in lc.checklist.items), lc.file
    for lc in loaded:
        for item in lc.checklist.items:
            assert set(item.when) <= set(CONDITIONS)
            if item.category.value == "safety":
                assert item.private, item.id
