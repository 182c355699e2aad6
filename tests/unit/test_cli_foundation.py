"""The `organizer` command: help lists commands, schema is valid JSON Schema that accepts the demo file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli import main

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_help_lists_the_commands() -> None:
    out = run("--help")
    assert out.returncode == 0
    for command in ("estimate", "rules", "schema"):
        assert command in out.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "organizer"
    assert script.exists(), "pip install -e . declares the `organizer` console script"
    out = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "organizer" in out.stdout


def test_schema_is_json_schema_and_accepts_the_demo_case() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out = run("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    demo = json.loads((REPO / "data" / "demo-case.json").read_text())
    jsonschema.validate(demo, schema)
    bad = json.loads(json.dumps(demo))
    bad["case"]["parent_a"]["income"][0]["frequency"] = "sometimes"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_bad_case_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["estimate", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("organizer: bad.json is damaged")


def test_unknown_jurisdiction_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["estimate", str(REPO / "data" / "demo-case.json"), "--jurisdiction", "XX-NOPE"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No rule file for jurisdiction 'XX-NOPE'" in err[0]


def test_rules_validate_reports_file_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "ZZ.yaml"
    bad.write_text("code: ZZ\ncode: YY\n")
    assert main(["rules", "validate", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == "ZZ.yaml:2: code: duplicate key (first defined on line 1)"
    good = REPO / "tests" / "fixtures" / "rules" / "ZZ.yaml"
    assert main(["rules", "validate", str(good)]) == 0


def test_bad_date_option_exits_2() -> None:
    out = run("estimate", "data/demo-case.json", "--as-of", "31/12/2025")
    assert out.returncode == 2 and "write it as YYYY-MM-DD" in out.stderr and "Traceback" not in out.stderr


def test_broken_data_file_is_bad_input_not_internal_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from jurisdictions.yamlstrict import DataFileError, Problem

    def broken(case: object) -> None:
        raise DataFileError([Problem("base.yaml", 7, "items[2].title", "required field is missing")])

    monkeypatch.setattr("checklists.select.select_items", broken)
    assert main(["checklist", str(REPO / "data" / "demo-case.json")]) == 2
    assert capsys.readouterr().err.strip() == "organizer: base.yaml:7: items[2].title: required field is missing"
