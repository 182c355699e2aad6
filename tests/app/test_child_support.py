"""AppTest: the child-support page. The numbers shown must equal `organizer estimate` for the same case file.

Parametrised over every example case in data/examples (found at collection time) plus the demo case, so each
jurisdiction whose rule file and engine exist is covered; the rule-upload error test needs no engine at all.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

import cli
from calculators.child_support import load_custom_rules
from casefile.models import Case, EstimateSettings
from casefile.storage import load_case
from jurisdictions.loader import jurisdiction_codes
from ui.child_support import CUSTOM, one_per_rule_file
from ui.state import CASE_KEY

REPO = Path(__file__).resolve().parents[2]
CASES = [*sorted((REPO / "data" / "examples").glob("*.case.json")), REPO / "data" / "demo-case.json"]
HEADLINE = re.compile(r"^(.+) pays (.+) about (\S+) a (week|fortnight|month|year)\.$", re.MULTILINE)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def open_page(app_test, case: Case):
    at = app_test(case=case, page="child_support", timeout=90)
    assert not at.exception, at.exception
    return at


def markdown(at) -> list[str]:
    return [str(m.value) for m in at.markdown]


def charts(at) -> list[str]:
    """The keys of the charts on the page (Streamlit prefixes each key with an element id)."""
    return [chart.proto.id.rsplit("-", 1)[-1] for chart in at.get("plotly_chart")]


def cli_headline(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["estimate", str(path)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_page_shows_what_the_cli_prints(app_test, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = load_case(path)
    code, printed = cli_headline(path, capsys)
    if code == 2:
        pytest.skip(f"no estimate for {path.name} yet (rule file or engine missing)")
    at = open_page(app_test, case)
    shown = markdown(at)
    match = HEADLINE.search(printed)
    if match:
        payer, payee, amount, period = match.groups()
        assert f"## {payer} pays {payee} about {amount} a {period}" in shown
        assert charts(at) == ["cs_income_chart"]  # only the open tab's chart is worked out
        at.session_state["cs_chart_tab"] = "Nights with each parent"  # what a click on the tab does
        at.run()
        assert charts(at) == ["cs_nights_chart"] and not at.exception
    elif "No amount yet" in printed:
        assert any("What to enter" in str(w.value) for w in at.warning)
    else:
        assert "## On these figures no child support is payable under this guideline." in shown
    table = next(t for t in shown if 'aria-label="The worksheet, step by step"' in t)
    for line in re.findall(r"^  (.+?): ", printed, re.MULTILINE)[:5]:
        assert html.escape(line) in table  # the worksheet's lines, in the table
    assert any("not legal advice" in str(i.value) for i in at.info)  # the estimate notice


def test_choose_jurisdiction_and_date(app_test, demo_case: Case) -> None:
    codes = jurisdiction_codes()
    if len(codes) < 2:
        pytest.skip("needs two rule files")
    at = open_page(app_test, demo_case)
    other = next(c for c in codes if c != demo_case.jurisdiction)
    at.selectbox(key="cs_jur").set_value(other).run()
    assert at.session_state[CASE_KEY].jurisdiction == other
    assert not at.exception
    at.checkbox(key="cs_today").uncheck().run()
    at.date_input(key="cs_asof").set_value(dt.date(2025, 6, 1)).run()
    assert at.session_state[CASE_KEY].estimate.as_of == dt.date(2025, 6, 1)
    assert any("as of 01 June 2025" in str(m.value) for m in at.markdown)


def test_date_outside_the_rules_gives_a_plain_message(app_test, demo_case: Case) -> None:
    case = demo_case.model_copy(update={"estimate": EstimateSettings(as_of=dt.date(1990, 1, 2))})
    at = open_page(app_test, case)
    assert at.error, "expected the plain 'outside the rules' message"
    assert "1990" in str(at.error[0].value)
    assert not at.get("plotly_chart")


def test_missing_income_says_what_to_enter(app_test, demo_case: Case) -> None:
    if demo_case.jurisdiction not in jurisdiction_codes():
        pytest.skip("demo jurisdiction has no rule file yet")
    unknown = demo_case.parent_b.model_copy(update={"income": tuple(
        i.model_copy(update={"amount": None}) for i in demo_case.parent_b.income)})
    at = open_page(app_test, demo_case.with_parent("parent_b", unknown))
    assert "### No amount yet: some information is missing." in markdown(at)
    assert any("What to enter" in str(w.value) for w in at.warning)


@pytest.mark.skipif("GB" not in jurisdiction_codes(), reason="needs the GB rule file")
def test_override_is_marked_and_saved(app_test, demo_case: Case) -> None:
    at = open_page(app_test, demo_case)
    at.selectbox(key="cs_ovr_key").set_value("basic_rate.2")
    at.text_input(key="cs_ovr_value").set_value("abc")
    at.button(key="cs_ovr_apply").click().run()
    assert at.session_state[CASE_KEY].estimate.overrides == {}  # a bad value changes nothing
    assert any("must be a number" in str(e.value) for e in at.error)
    at.text_input(key="cs_ovr_value").set_value("0.20")
    at.button(key="cs_ovr_apply").click().run()
    assert at.session_state[CASE_KEY].estimate.overrides == {"basic_rate.2": "0.20"}
    table = next(t for t in markdown(at) if 'aria-label="The worksheet, step by step"' in t)
    assert "✱ <em>what-if figure</em>" in table
    assert any("what-if figures" in str(w.value) for w in at.warning)
    at.button(key="cs_ovr_rm_basic_rate.2").click().run()
    assert at.session_state[CASE_KEY].estimate.overrides == {}


BAD_RULES = """code: GB
name: Broken copy
code: XX
"""


def test_bad_rule_file_shows_file_line_messages_and_changes_nothing(app_test, demo_case: Case) -> None:
    """Needs no engine: a malformed rule file is rejected with the CLI's file:line messages."""
    at = open_page(app_test, demo_case)
    before = at.session_state[CASE_KEY]
    at.text_area(key="cs_rule_text").set_value(BAD_RULES)
    at.button(key="cs_rule_check").click().run()
    assert not at.exception
    problems = [str(c.value) for c in at.code]
    assert any(re.search(r"pasted-rules\.yaml:3: .*code", p) for p in problems), problems
    assert CUSTOM not in at.session_state
    assert at.session_state[CASE_KEY] == before


def test_uploaded_rule_file_checks_match_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_RULES, encoding="utf-8")
    assert cli.main(["rules", "validate", str(path)]) == 2
    cli_lines = capsys.readouterr().err.strip().splitlines()
    with pytest.raises(Exception) as raised:
        load_custom_rules(BAD_RULES, "bad.yaml")
    assert [str(p) for p in raised.value.problems] == cli_lines  # type: ignore[attr-defined]
    fixture = (REPO / "tests" / "fixtures" / "rules" / "ZZ.yaml").read_text(encoding="utf-8")
    with pytest.raises(Exception, match="no calculator for the model 'test_model'"):
        load_custom_rules(fixture, "ZZ.yaml")


@pytest.mark.skipif("GB" not in jurisdiction_codes(), reason="needs the GB rule file")
def test_custom_rule_file_is_used_when_chosen(app_test, demo_case: Case) -> None:
    text = (REPO / "jurisdictions" / "GB.yaml").read_text(encoding="utf-8")
    changed = text.replace('value: {"1": 0.12, "2": 0.16, "3": 0.19}', 'value: {"1": 0.12, "2": 0.26, "3": 0.19}')
    assert changed != text
    at = open_page(app_test, demo_case)
    shown_before = [t for t in markdown(at) if t.startswith("## ")]
    at.text_area(key="cs_rule_text").set_value(changed)
    at.button(key="cs_rule_check").click().run()
    assert CUSTOM in at.session_state
    at.toggle(key="cs_use_custom").set_value(True).run()
    assert any("your uploaded rule file" in str(w.value) for w in at.warning)
    assert [t for t in markdown(at) if t.startswith("## ")] != shown_before
    assert at.session_state[CASE_KEY] == demo_case  # never saved into the case


def test_save_and_compare_scenarios(app_test, demo_case: Case) -> None:
    at = open_page(app_test, demo_case)
    at.text_input(key="cs_scen_name").set_value("if I get the job")
    at.button(key="cs_scen_save").click().run()
    scenarios = at.session_state[CASE_KEY].scenarios
    assert [s.name for s in scenarios] == ["if I get the job"]
    assert scenarios[0].parent_b == demo_case.parent_b
    assert not at.exception
    assert at.dataframe  # the side-by-side table
    at.button(key="cs_scen_del_0").click().run()
    assert at.session_state[CASE_KEY].scenarios == ()


def test_compare_across_jurisdictions_is_labelled_a_learning_aid(app_test, demo_case: Case) -> None:
    at = open_page(app_test, demo_case)
    assert any("it is not a choice" in str(w.value) for w in at.warning)
    table = at.dataframe[-1].value  # one row per rule file (Canada's provinces share one law)
    assert len(table) == len(one_per_rule_file(jurisdiction_codes(), demo_case.jurisdiction))
    assert table["Place"].iloc[0].endswith(f"({demo_case.jurisdiction})")


def test_chart_for_the_other_parent(app_test, demo_case: Case) -> None:
    at = open_page(app_test, demo_case)
    if not at.get("plotly_chart"):
        pytest.skip("no estimate for the demo case yet")
    other = "parent_a" if at.radio(key="cs_chart_role").value == "parent_b" else "parent_b"
    at.radio(key="cs_chart_role").set_value(other).run()
    assert not at.exception
    assert charts(at) == ["cs_income_chart"]
    name = demo_case.name(other)
    assert f"{name}'s pay from work" in at.get("plotly_chart")[0].proto.spec


PROVENANCE_ON_SCREEN = re.compile(r"data pack|\bcommit\b|[0-9a-f]{40}|text not seen|content not seen|lexace|casetext|"
                                  r"findlaw|github|alphagov", re.IGNORECASE)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_plain_words_outside_the_professionals_view(app_test, path: Path) -> None:
    """Issue 17: the worksheet cites the law and official sources; where a figure was read (a commit, a copy, the
    data pack, "text not seen") is only in the professionals' view; the law's shorthand is explained."""
    at = open_page(app_test, load_case(path))
    professional = next((e for e in at.expander if e.label.startswith("For professionals")), None)
    inside = {id(m) for m in professional.markdown} if professional is not None else set()
    outside = [str(m.value) for m in at.markdown if id(m) not in inside]
    outside += [str(w.value) for w in at.warning] + [str(i.value) for i in at.info]
    for text in outside:
        assert not PROVENANCE_ON_SCREEN.search(text), text[:300]
    shown = " ".join(outside)
    for term, meaning in (("H%", "the share of time the parent who earns more has the children"),
                          ("Obligor", "the parent who pays child support")):
        if term in shown:
            assert meaning in shown, f"{term} on screen without its plain meaning"


def test_the_professionals_view_keeps_where_figures_were_read(app_test, demo_case: Case) -> None:
    """The demo (GB) cites the GOV.UK calculator; where it was read (smart-answers at a commit) is kept for
    professionals, as is reg 6's "text not seen" (jurisdictions/GB.yaml)."""
    at = open_page(app_test, demo_case)
    professional = next(e for e in at.expander if e.label.startswith("For professionals"))
    kept = " ".join(str(m.value) for m in professional.markdown)
    assert "alphagov/smart-answers" in kept and "commit 39cd0dbf" in kept
    assert "text not seen" in kept
