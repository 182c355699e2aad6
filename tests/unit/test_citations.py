"""The printed pack cites the law and official sources only; where a figure was read goes to the appendix.

reports/citations.yaml says which rule-file references are provenance and how mixed ones print; these tests check it
against every shipped rule file and every example case, so a new reference that reads like provenance is caught with
its id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculators.result import Cite
from calculators.summary import compute_results
from casefile.storage import load_case
from jurisdictions.loader import shipped_rules
from reports.citations import _decompose, caveat_for_print, citation_entries, references_for, split_cite

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = [REPO / "data" / "demo-case.json", *sorted((REPO / "data" / "examples").glob("*.case.json"))]

# What provenance looks like: web sites and repositories, commits, the data pack, doubts about the text.
PROVENANCE = re.compile(
    r"commit|github|data pack|text not seen|not retrieved|not verified|content not seen|\bcopies\b|\bcopy of\b|"
    r"(statute|partial|legal-aid|archived) copy|as copied|transcription|law-firm|blog|"
    r"\.(com|org|net|ai|ca|app|dev)\b|SECONDARY|THIRD-PARTY|UNVERIFIED|third-party|"
    r"single (non-official|unofficial)|as quoted|per [a-z]+\.",
    re.IGNORECASE,
)


def _one_reference_per_code() -> list[tuple[str, str]]:
    return [(code, ref_id) for code, loaded in sorted(shipped_rules().items()) for ref_id in loaded.rules.references]


@pytest.mark.parametrize(("code", "ref_id"), _one_reference_per_code(), ids=lambda v: str(v))
def test_no_printed_reference_reads_like_provenance(code: str, ref_id: str) -> None:
    ref = next(r for r in references_for(code).values() if r.id == ref_id)
    if ref.kind == "provenance":
        assert ref.printed == ""
        return
    assert not PROVENANCE.search(ref.printed), (
        f"{code} reference {ref_id!r} would print as {ref.printed!r}: mark it as provenance in reports/citations.yaml "
        "or give it a `print:` without where it was read")


def test_every_entry_in_the_citations_file_names_a_real_reference() -> None:
    rules = shipped_rules()
    for code, entries in citation_entries().items():
        assert code in rules, f"reports/citations.yaml: no rule file {code}"
        unknown = set(entries) - set(rules[code].rules.references)
        assert not unknown, f"reports/citations.yaml: {code} has no references {sorted(unknown)}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_worksheet_line_of_the_examples_cites_law_and_splits_cleanly(path: Path) -> None:
    case = load_case(path)
    est = compute_results(case).estimate
    assert est is not None and est.lines
    known = references_for(est.jurisdiction)
    for line in est.lines:
        parts = _decompose(line.reference.text, known)
        unmatched = [p for p in parts if isinstance(p, str)]
        assert not unmatched, f"{line.key}: not a reference of the rule file: {unmatched}"
        split = split_cite(est.jurisdiction, line.reference)
        assert split.citation, f"{line.key} would print with no law or official source"
        assert not PROVENANCE.search(split.citation), (line.key, split.citation)


def test_a_mixed_reference_prints_the_law_and_keeps_the_rest_for_the_appendix() -> None:
    refs = shipped_rules()["GB"].rules.references
    text = f"{refs['sch1_para7_8'].cite()}; {refs['smart_answers'].cite()}"
    split = split_cite("GB", Cite(text=text, confidence="official"))
    assert split.printed == ("Child Support Act 1991, Schedule 1, paras 7-8 (shared care)",
                             "GOV.UK child maintenance calculator")
    assert len(split.provenance) == 1 and "commit 39cd0dbf" in split.provenance[0]
    assert split.confidence == "official"


def test_a_provenance_only_reference_and_a_doubt_in_a_section_stay_out_of_print() -> None:
    refs = shipped_rules()["GB"].rules.references
    split = split_cite("GB", Cite(text=refs["regs2012_reg6"].cite()))
    assert split.citation == "Child Support Maintenance Calculation Regulations 2012 (SI 2012/2677), reg 6 (rounding)"
    assert split.provenance == (refs["regs2012_reg6"].cite(),)  # "(rounding; text not seen)": the appendix says so
    tx = shipped_rules()["US-TX"].rules.references
    split = split_cite("US-TX", Cite(text=f"{tx['tfc_154_125'].cite()}; {tx['cap_2025'].cite()}"))
    assert split.citation == "Texas Family Code, § 154.125"
    assert any("dentonfamilyattorneys" in p for p in split.provenance)


def test_text_that_is_no_reference_of_the_rule_file_prints_as_it_is() -> None:
    """A custom rule file's references cannot be classified: they print as written, never vanish."""
    split = split_cite("GB", Cite(text="My own note; Child Support Act 1991, s 3 (meaning of \"non-resident "
                                       "parent\" and \"person with care\")"))
    assert split.printed[0] == "My own note" and len(split.printed) == 2
    assert split_cite("ZZ", Cite(text="Anything")).citation == "Anything"


@pytest.mark.parametrize(("text", "printed"), [
    # the meaning for the case stays; the clause about where something was read goes to the appendix
    ("Federal income tax and social security taxes are NOT computed (the OAG tax charts of § 154.061(b) are not in "
     "the data pack); enter the taxes actually paid, or the estimate will be too high.",
     "Federal income tax and social security taxes are NOT computed; enter the taxes actually paid, or the estimate "
     "will be too high."),
    ("Add-ons (child care, health insurance) — not in the data pack in detail.", "Add-ons (child care, health insurance)."),
    ("A change recorded by the DSS guide in April 2026 (content not seen).", "A change recorded by the DSS guide in "
                                                                            "April 2026."),
    ("Read at commit 39cd0dbf6350055b40cb5f2dd767228479f03c03", ""),  # nothing left: appendix only
    ("Taxes are not computed (§ 4059).", "Taxes are not computed (§ 4059)."),  # nothing to take out
])
def test_caveats_print_without_where_they_were_read(text: str, printed: str) -> None:
    caveat = caveat_for_print(text)
    assert caveat.printed == printed
    assert caveat.source_note == (None if printed == text else text)
