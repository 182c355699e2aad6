"""The separation-types guide: strict loading, every fact sourced or marked not yet verified, lookup by code."""

from __future__ import annotations

import pytest

from checklists.separation_types import (
    FACT_FIELDS,
    NOT_VERIFIED,
    load_separation_types,
    parse_separation_types,
    separation_types_for,
    supported_codes,
)
from jurisdictions.yamlstrict import DataFileError

SECOND_WAVE = {"US-FL", "US-GA", "US-WA", "US-OH", "US-KY", "US-NV", "US-MS", "US-AK", "US-WI", "US-SC", "US-OR",
               "US-MN", "US-UT"}


def test_every_supported_jurisdiction_is_there() -> None:
    assert set(supported_codes()) == {"GB", "AU", "CA", "US-CA", "US-TX", "US-NY", "US-MD"} | SECOND_WAVE


def test_second_wave_states_each_explain_at_least_two_kinds_with_sources() -> None:
    for code in SECOND_WAVE:
        guide = separation_types_for(code)
        assert guide is not None and guide.code == code
        types = [t for region in guide.regions for t in region.types]
        assert len(types) >= 2, code
        assert all(t.id.startswith(code.lower() + "-") for t in types)
        assert all(t.summary.verified for t in types), code  # what each kind is, at least, is cited


def test_every_fact_is_sourced_or_says_not_yet_verified() -> None:
    data = load_separation_types()
    for guide in data.jurisdictions:
        for region in guide.regions:
            for stype in region.types:
                for name in FACT_FIELDS:
                    fact = getattr(stype, name)
                    assert fact.sources or fact.text == NOT_VERIFIED, (stype.id, name)
                    for ref in fact.sources:
                        assert ref in guide.sources
                        assert str(guide.sources[ref].url).startswith(("http://", "https://"))


def test_gb_separates_england_and_wales_from_scotland() -> None:
    guide = separation_types_for("GB")
    assert guide is not None
    assert [r.name for r in guide.regions] == ["England and Wales", "Scotland"]
    ew = {t.id: t for t in guide.regions[0].types}
    assert "20 weeks" in ew["gb-ew-divorce"].waiting.text
    assert "gov.uk" in str(guide.sources["govuk-legal-separation"].url)


def test_statutory_periods_that_were_found() -> None:
    def fact(code: str, type_id: str, name: str) -> str:
        guide = separation_types_for(code)
        assert guide is not None
        t = next(t for r in guide.regions for t in r.types if t.id == type_id)
        return getattr(t, name).text

    assert "12 months" in fact("AU", "au-divorce", "summary")
    assert "one year" in fact("CA", "ca-divorce", "waiting")
    assert "six months" in fact("US-CA", "us-ca-divorce", "waiting") and "2339" in fact("US-CA", "us-ca-divorce", "waiting")
    assert "60th day" in fact("US-TX", "us-tx-divorce", "waiting")
    assert "six months" in fact("US-NY", "us-ny-divorce", "summary")
    assert "6 months" in fact("US-MD", "us-md-divorce", "waiting")
    assert "90 days" in fact("US-WA", "us-wa-dissolution", "waiting") and "26.09.030" in fact(
        "US-WA", "us-wa-dissolution", "waiting")
    assert "60 days" in fact("US-KY", "us-ky-dissolution", "waiting")
    assert "120 days" in fact("US-WI", "us-wi-divorce", "waiting")
    assert "6 weeks" in fact("US-NV", "us-nv-divorce", "summary")
    assert "no 'legal separation'" in fact("US-SC", "us-sc-separate-maintenance", "summary")


def test_lookup_falls_back_to_the_country_only() -> None:
    assert separation_types_for("CA-ON").code == "CA"  # type: ignore[union-attr]
    assert separation_types_for("us-ca").code == "US-CA"  # type: ignore[union-attr]
    assert separation_types_for("US-FL").code == "US-FL"  # type: ignore[union-attr]
    assert separation_types_for("US-PA") is None  # a state without a guide does not fall back to another
    assert separation_types_for("ZZ") is None


GOOD = """last_verified: 2026-01-01
sources:
  s1: {title: A source, url: "https://example.org", confidence: official}
jurisdictions:
  - code: ZZ
    name: Test
    regions:
      - name: Test
        types:
          - id: zz-divorce
            name: Divorce
            summary: {text: Ends the marriage., sources: [s1]}
            money: {text: not yet verified}
            children: {text: not yet verified}
            remarry: {text: Yes., sources: [s1]}
            waiting: {text: not yet verified}
"""


def test_a_minimal_file_parses() -> None:
    data = parse_separation_types(GOOD, "t.yaml")
    assert list(data.jurisdictions[0].sources) == ["s1"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("money: {text: not yet verified}", "money: {text: Half each.}"),
         "t.yaml:13: jurisdictions[0].regions[0].types[0].money: a fact needs sources, or the text 'not yet verified'"),
        (("remarry: {text: Yes., sources: [s1]}", "remarry: {text: Yes., sources: [s9]}"),
         "t.yaml:15: jurisdictions[0].regions[0].types[0].remarry.sources[0]: unknown source 's9': define it under sources"),
        (("    name: Test\n    regions", "    name: Test\n    name: Again\n    regions"),
         "t.yaml:7: jurisdictions[0].name: duplicate key (first defined on line 6)"),
    ],
)
def test_malformed_files_give_file_line_field_message(change: tuple[str, str], expected: str) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(DataFileError) as info:
        parse_separation_types(text, "t.yaml")
    assert expected in [str(p) for p in info.value.problems]
