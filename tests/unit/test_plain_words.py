"""Plain words (issue 17): the law's shorthand is explained, the command line cites the law and official sources and
keeps where figures were read for a closing section, and the emergency number is right for each place."""

from __future__ import annotations

import re
from pathlib import Path

from calculators.child_support import estimate
from casefile.storage import load_case
from casefile.textreport import estimate_text
from reports.citations import caveat_for_print, split_cite
from reports.plain_words import terms_in
from ui.safety import emergency_text

REPO = Path(__file__).resolve().parents[2]
PROVENANCE = re.compile(r"data pack|\bcommit\b|[0-9a-f]{40}|text not seen|content not seen|alphagov", re.IGNORECASE)


def test_terms_are_found_as_words_only() -> None:
    found = dict(terms_in(["K = (1 + H%) × fraction", "Obligor (the parent who pays)"]))
    assert found == {"obligor": "the parent who pays child support", "H%": GLOSSARY_H, "K": GLOSSARY_K}
    assert terms_in(["TNT", "Kent", "HNS", "cost"]) == []  # not inside other words


GLOSSARY_H = "the share of time the parent who earns more has the children"
GLOSSARY_K = "the part of both parents' income the law sets aside for child support"


def _text(path: Path) -> str:
    case = load_case(path)
    return estimate_text(case, estimate(case), cite=split_cite, caveat=caveat_for_print, glossary=terms_in)


def test_cli_text_cites_the_law_and_keeps_provenance_for_the_end() -> None:
    """The demo (GB): its shared-care lines cite Schedule 1 and the GOV.UK calculator; the smart-answers commit the
    calculator's figures were read at appears only in the closing section for professionals."""
    text = _text(REPO / "data" / "demo-case.json")
    body, _, professional = text.partition("For professionals: where the figures were read:")
    assert professional, "no section for professionals"
    assert not PROVENANCE.search(body), PROVENANCE.search(body)
    assert "GOV.UK child maintenance calculator" in body
    assert "commit 39cd0dbf6350055b40cb5f2dd767228479f03c03" in professional
    assert "text not seen" in professional  # reg 6 (rounding), as jurisdictions/GB.yaml says


def test_cli_text_explains_californias_shorthand() -> None:
    text = _text(REPO / "data" / "examples" / "US-CA.case.json")
    assert f"  - H%: {GLOSSARY_H}" in text and f"  - K: {GLOSSARY_K}" in text


def test_cli_text_without_the_splitter_prints_references_as_written() -> None:
    case = load_case(REPO / "data" / "demo-case.json")
    result = estimate(case)
    assert result.lines[0].reference.text in estimate_text(case, result)


def test_the_emergency_number_for_each_place() -> None:
    # calculators/safety_contacts.yaml: 999 (GB), 911 (every US state), 9-1-1 (Canada), 000 (Australia)
    assert emergency_text("GB") == "In immediate danger? Call **999**."
    assert emergency_text("US-TX") == "In immediate danger? Call **911**."
    assert emergency_text("CA-ON") == "In immediate danger? Call **9-1-1**."
    assert emergency_text("AU") == "In immediate danger? Call **000**."
    assert emergency_text("NZ") == "In immediate danger? Call the emergency number where you are."
    no_place = emergency_text(None)
    for number, country in (("911", "the United States"), ("999", "Great Britain"), ("000", "Australia"),
                            ("9-1-1", "Canada")):
        assert f"**{number}** in {country}" in no_place
