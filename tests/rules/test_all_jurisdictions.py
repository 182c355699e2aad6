"""Across every shipped jurisdiction: the adapted demo case estimates completely, from Python and from the CLI,
every worksheet line carries a reference, and the published rule-file schema is current."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.child_support import estimate
from casefile.storage import load_case
from jurisdictions.loader import jurisdiction_codes, rule_file_json_schema, shipped_rules

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "data" / "examples").glob("*.case.json"))


def test_every_rule_file_has_an_example_case() -> None:
    covered = {load_case(p).jurisdiction.split("-")[0] if load_case(p).jurisdiction.startswith("CA-") else load_case(p).jurisdiction
               for p in EXAMPLES}
    assert set(shipped_rules()) <= covered | {"CA"}
    assert len(shipped_rules()) == 7


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_estimates_with_every_line_cited(path: Path) -> None:
    case = load_case(path)
    result = estimate(case)
    assert result.complete, result.missing
    assert result.amount is not None and result.amount > 0 and result.payer and result.payee
    assert result.lines and all(line.reference.text.strip() for line in result.lines)
    assert result.not_modelled, "every estimate says what it does not model"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_cli_json_matches_python(path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "cli", "estimate", str(path), "--format", "json"], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    expected = estimate(load_case(path))
    assert data["amount"] == str(expected.amount)  # a decimal string, exactly
    assert data["payer"] == expected.payer and len(data["lines"]) == len(expected.lines)


def test_every_code_resolves() -> None:
    codes = jurisdiction_codes()
    assert {"GB", "AU", "US-CA", "US-TX", "US-NY", "US-MD", "CA-ON", "CA-BC"} <= set(codes)


def test_published_rule_file_schema_is_current() -> None:
    published = json.loads((REPO / "jurisdictions" / "rule-file.schema.json").read_text())
    assert published == rule_file_json_schema(), "run: organizer rules schema > jurisdictions/rule-file.schema.json"


def test_cli_rules_list() -> None:
    out = subprocess.run([sys.executable, "-m", "cli", "rules", "list", "--format", "json"], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    rows = json.loads(out.stdout)
    assert {r["model"] for r in rows} == {"gb_cms_2012", "au_formula_1", "ca_fcsg", "us_ca_4055", "us_tx_154",
                                          "us_ny_cssa", "us_md_income_shares"}
    assert all(r["confidence"] and r["effective"] and r["period"] for r in rows)


def test_every_model_has_a_plain_description() -> None:
    from calculators.child_support import ENGINES, MODEL_DESCRIPTIONS

    assert set(MODEL_DESCRIPTIONS) == set(ENGINES)
