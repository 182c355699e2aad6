"""Decision table for "Do I need a lawyer?": answers (and case facts) -> level of help and overrides.

Every row is written by hand from the rules in calculators/attorney_need.yaml. Where a row checks scores, the
arithmetic is written out: score = 100 x points / maximum, rounded half-up. The maxima, summed by hand from the
question file (the largest weight each question gives the axis, plus the two case-fact overrides):
  complexity    = children 3 + home 2 + business 3 + pensions 3 + debts 1 + other_place 2 + hidden_assets 3
                  + sharing_information 1 + agreement_overall 2 + papers_served 1 + settlement_offer 1
                  + court date fact 1                                                                   = 23
  familiarity   = home 1 + business 1 + pensions 1 + papers_served 1 + know_rights 4 + know_process 4
                  + forms_deadlines 3 + language_support 3 + court date fact 1                          = 19
  communication = children 2 + hidden_assets 1 + sharing_information 3 + talk_calmly 4
                  + agreement_overall 4 + other side's lawyer fact 3                                    = 17
Thresholds: self-help if every score < 34; full representation if complexity or communication >= 67; mediation if
something to agree, communication < 50 and every safety question answered "no".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from calculators.attorney_need import (
    QUESTIONS_FILE,
    Axis,
    HelpLevel,
    QuestionSet,
    assess,
    axis_score,
    contacts_for,
    question_set,
    result_text,
)
from casefile.models import Case, Separation
from casefile.questionnaire import QuestionnaireAnswers
from jurisdictions.yamlstrict import DataFileError

AS_OF = dt.date(2026, 6, 1)

SIMPLE = {
    "children_arrangements": "agree", "home": "no", "business": "no", "pensions": "no", "debts": "no",
    "other_place": "no", "hidden_assets": "no", "sharing_information": "yes", "talk_calmly": "usually",
    "agreement_overall": "most", "papers_served": "no", "settlement_offer": "no", "know_rights": "well",
    "know_process": "well", "forms_deadlines": "comfortable", "language_support": "no", "reconciliation": "no",
}
SAFE_NO = {"safety_hurt": "no", "safety_threats": "no", "safety_control": "no", "safety_afraid": "no",
           "safety_order": "no"}
# complexity: children mostly 1 + home yes 2 + debts yes 1 + agreement some 1 = 5
# familiarity: know_rights not_at_all 4 + know_process somewhat 2 + forms unsure 1 = 7
# communication: children mostly 1 + agreement some 2 + talk sometimes 2 = 5
MODERATE = {**SIMPLE, "children_arrangements": "mostly", "home": "yes", "debts": "yes", "agreement_overall": "some",
            "talk_calmly": "sometimes", "know_rights": "not_at_all", "know_process": "somewhat",
            "forms_deadlines": "unsure"}
HIGH_CONFLICT = {**SIMPLE, "children_arrangements": "disagree", "agreement_overall": "little",
                 "sharing_information": "no", "talk_calmly": "rarely"}
UNFAMILIAR = {"children_arrangements": "no_children", "know_rights": "not_at_all", "know_process": "not_at_all",
              "forms_deadlines": "uncomfortable", "language_support": "yes"}

L = HelpLevel


@dataclass(frozen=True)
class Row:
    name: str
    answers: dict[str, str]
    level: HelpLevel | None
    overrides: tuple[str, ...] = ()
    opt_in: bool = False
    court: dt.date | None = None
    other_lawyer: bool | None = False
    safety_concern: bool = False
    scores: dict[Axis, int] = field(default_factory=dict)  # hand-computed, where the row checks them
    alerts: tuple[str, ...] = ()  # alert kinds that must be present
    ruled_out: tuple[HelpLevel, ...] = ()


ROWS = [
    Row("nothing answered yet", {}, None),
    Row("nothing answered, other side has a lawyer", {}, L.FULL_REPRESENTATION, ("other_side_has_lawyer",),
        other_lawyer=True, scores={Axis.COMMUNICATION: 18}),  # 100*3/17 = 17.6 -> 18
    Row("simple, agreed, confident", SIMPLE, L.SELF_HELP,
        scores={Axis.COMPLEXITY: 0, Axis.FAMILIARITY: 0, Axis.COMMUNICATION: 0}),
    Row("simple, safety questions all no", {**SIMPLE, **SAFE_NO}, L.SELF_HELP, opt_in=True),
    # 100*5/23 = 21.7 -> 22; 100*7/19 = 36.8 -> 37 (>= 34, so not self-help); 100*5/17 = 29.4 -> 29 (< 50)
    Row("moderate, safe: mediation", {**MODERATE, **SAFE_NO}, L.MEDIATION, opt_in=True,
        scores={Axis.COMPLEXITY: 22, Axis.FAMILIARITY: 37, Axis.COMMUNICATION: 29}),
    Row("moderate, safety not answered: no mediation", MODERATE, L.LIMITED_SCOPE, alerts=("mediation_if_safe",)),
    Row("moderate, prefers not to say on fear", {**MODERATE, **SAFE_NO, "safety_afraid": "prefer_not"},
        L.LIMITED_SCOPE, opt_in=True, alerts=("safety_support", "mediation_if_safe")),
    Row("moderate, controlling behaviour", {**MODERATE, **SAFE_NO, "safety_control": "yes"}, L.FULL_REPRESENTATION,
        ("safety",), opt_in=True, safety_concern=True, alerts=("safety",),
        ruled_out=(L.SELF_HELP, L.MEDIATION)),
    Row("simple but physically hurt", {**SIMPLE, **SAFE_NO, "safety_hurt": "yes"}, L.FULL_REPRESENTATION,
        ("safety",), opt_in=True, safety_concern=True, ruled_out=(L.SELF_HELP, L.MEDIATION)),
    Row("simple but a business", {**SIMPLE, "business": "yes"}, L.FULL_REPRESENTATION, ("business_or_pension",),
        scores={Axis.COMPLEXITY: 13}),  # 100*3/23 = 13.04 -> 13: points alone say self-help, the override wins
    Row("simple but a pension", {**SIMPLE, "pensions": "yes"}, L.FULL_REPRESENTATION, ("business_or_pension",)),
    Row("simple but hidden assets suspected", {**SIMPLE, "hidden_assets": "yes"}, L.FULL_REPRESENTATION,
        ("hidden_assets",)),
    # court date 2026-07-01 is 30 days after 2026-06-01: within 30 -> override; complexity 100*1/23 = 4.3 -> 4
    Row("simple, court date in 30 days", SIMPLE, L.LIMITED_SCOPE, ("court_date_soon",), court=dt.date(2026, 7, 1),
        alerts=("court_date_soon",), scores={Axis.COMPLEXITY: 4, Axis.FAMILIARITY: 5}),  # 100*1/19 = 5.3 -> 5
    Row("simple, court date in 31 days", SIMPLE, L.SELF_HELP, court=dt.date(2026, 7, 2)),
    Row("simple, court date today", SIMPLE, L.LIMITED_SCOPE, ("court_date_soon",), court=AS_OF),
    Row("simple, court date passed", SIMPLE, L.SELF_HELP, court=dt.date(2026, 5, 31), alerts=("court_date_passed",)),
    Row("simple, papers served", {**SIMPLE, "papers_served": "yes"}, L.LIMITED_SCOPE, ("papers_served",),
        alerts=("papers_served",)),
    Row("simple, offer to review", {**SIMPLE, "settlement_offer": "yes"}, L.LIMITED_SCOPE, ("offer_to_review",)),
    # communication: disagree 2 + little 4 + sharing no 3 + rarely 4 = 13 -> 100*13/17 = 76.5 -> 76 (>= 67)
    # complexity: disagree 3 + little 2 + sharing no 1 = 6 -> 100*6/23 = 26.1 -> 26
    Row("high conflict by points alone", HIGH_CONFLICT, L.FULL_REPRESENTATION,
        scores={Axis.COMMUNICATION: 76, Axis.COMPLEXITY: 26}),
    Row("high conflict, safe: still full", {**HIGH_CONFLICT, **SAFE_NO}, L.FULL_REPRESENTATION, opt_in=True),
    Row("simple, other side has a lawyer", {**SIMPLE, **SAFE_NO}, L.FULL_REPRESENTATION, ("other_side_has_lawyer",),
        opt_in=True, other_lawyer=True, scores={Axis.COMMUNICATION: 18}),
    Row("everything at once (override order follows the file)", {**SIMPLE, **SAFE_NO, "safety_threats": "yes"},
        L.FULL_REPRESENTATION, ("safety", "court_date_soon", "other_side_has_lawyer"), opt_in=True,
        court=dt.date(2026, 6, 10), other_lawyer=True, safety_concern=True),
    Row("safety answers kept but opted out: ignored", {**SIMPLE, "safety_hurt": "yes"}, L.SELF_HELP, opt_in=False),
    # familiarity 4 + 4 + 3 + 3 = 14 -> 100*14/19 = 73.7 -> 74; nothing to agree -> limited scope, not full
    Row("unfamiliar only", UNFAMILIAR, L.LIMITED_SCOPE,
        scores={Axis.FAMILIARITY: 74, Axis.COMPLEXITY: 0, Axis.COMMUNICATION: 0}, alerts=("incomplete",)),
    Row("unrecognised answers are left out", {"made_up": "x", "home": "maybe"}, None, alerts=("unknown_answers",)),
    Row("other lawyer not known", SIMPLE, L.SELF_HELP, other_lawyer=None, alerts=("other_lawyer_unknown",)),
]


def make_case(row: Row, jurisdiction: str = "GB") -> Case:
    return Case(
        jurisdiction=jurisdiction,
        separation=Separation(next_court_date=row.court, other_party_has_lawyer=row.other_lawyer),
        questionnaire=QuestionnaireAnswers(answers=row.answers, safety_opt_in=row.opt_in),
    )


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_decision_table(row: Row) -> None:
    result = assess(make_case(row), as_of=AS_OF)
    assert result.level == row.level
    assert tuple(o.id for o in result.overrides) == row.overrides
    assert result.safety_concern is row.safety_concern
    for axis, expected in row.scores.items():
        assert getattr(result, axis.value).score == expected, axis
    kinds = {a.kind for a in result.alerts}
    for kind in row.alerts:
        assert kind in kinds
    assert set(row.ruled_out) <= set(result.ruled_out)
    # invariants of every row
    if result.safety_concern:
        assert result.level not in (L.SELF_HELP, L.MEDIATION)
        assert result.safety_contacts and result.beyond_lawyers == ()
        assert "mediation_if_safe" not in kinds  # never suggest mediation where safety is a concern
    for o in result.overrides:
        assert f"Because {o.reason}." in result.reasons


def test_table_has_at_least_twenty_rows() -> None:
    assert len(ROWS) >= 20


def test_reasons_name_the_other_parents_lawyer() -> None:
    row = Row("x", SIMPLE, None, other_lawyer=True)
    result = assess(make_case(row), as_of=AS_OF)
    assert "Because the other parent already has a lawyer." in result.reasons


def test_drivers_explain_each_axis() -> None:
    result = assess(make_case(Row("x", HIGH_CONFLICT, None)), as_of=AS_OF)
    drivers = result.communication.drivers
    assert [d.points for d in drivers] == [4, 4, 3, 2]  # rarely 4, little 4, sharing no 3, disagree 2 (largest first)
    assert sum(d.points for d in drivers) == result.communication.points == 13


def test_beyond_lawyers_only_when_wanted_and_safe() -> None:
    safe = assess(make_case(Row("x", {**SIMPLE, **SAFE_NO, "reconciliation": "yes"}, None, opt_in=True)), as_of=AS_OF)
    assert [b.id for b in safe.beyond_lawyers] == ["couples_therapy", "relationship_coach", "support_group"]
    unknown = assess(make_case(Row("x", {**SIMPLE, "reconciliation": "open"}, None)), as_of=AS_OF)
    assert unknown.beyond_lawyers == () and "relationship_support" in {a.kind for a in unknown.alerts}
    unsafe = assess(make_case(Row("x", {**SIMPLE, **SAFE_NO, "reconciliation": "yes", "safety_afraid": "yes"},
                                  None, opt_in=True)), as_of=AS_OF)
    assert unsafe.beyond_lawyers == () and "relationship_support" not in {a.kind for a in unsafe.alerts}


def test_contacts_by_jurisdiction() -> None:
    us = {c.name: c for c in contacts_for("US-TX")}
    hotline = us["National Domestic Violence Hotline"]
    assert (hotline.number, hotline.tty) == ("1-800-799-7233", "1-800-787-3224")
    assert us["Emergency services"].number == "911"
    gb = {c.name: c.number for c in contacts_for("GB")}
    assert gb["National Domestic Abuse Helpline (run by Refuge)"] == "0808 2000 247" and gb["Emergency services"] == "999"
    au = [c.number for c in contacts_for("AU")]
    assert au == ["000", "1800 737 732"]
    on = contacts_for("CA-ON")
    assert on[0].number == "9-1-1"  # the country's entries come first
    unverified = [c for c in on if not c.verified]
    assert unverified and all(c.number is None for c in unverified)
    assert contacts_for("ZZ") == ()
    for code in ("US", "GB", "AU", "CA", "CA-BC", "CA-ON", "CA-QC"):
        for c in contacts_for(code):
            assert c.source_url.startswith(("https://", "http://")) and c.source


def test_emergency_number_in_the_safety_alert() -> None:
    row = Row("x", {**SIMPLE, "safety_hurt": "yes"}, None, opt_in=True)
    au = assess(make_case(row, "AU"), as_of=AS_OF)
    assert "call 000" in au.alerts[0].message and au.alerts[0].urgent
    nowhere = assess(make_case(row, "ZZ"), as_of=AS_OF)
    assert "your local emergency number" in nowhere.alerts[0].message
    assert "no_contacts" in {a.kind for a in nowhere.alerts}


def test_prefer_not_to_say_offers_contacts_without_a_concern() -> None:
    row = Row("x", {**SIMPLE, "safety_afraid": "prefer_not"}, None, opt_in=True)
    result = assess(make_case(row, "GB"), as_of=AS_OF)
    assert not result.safety_concern and result.level is L.SELF_HELP
    assert any(c.number == "0808 2000 247" for c in result.safety_contacts)


def test_as_of_comes_from_the_case_when_not_given() -> None:
    case = make_case(Row("x", SIMPLE, None, court=dt.date(2026, 7, 1)))
    case = case.model_copy(update={"estimate": case.estimate.model_copy(update={"as_of": AS_OF})})
    assert assess(case).as_of == AS_OF
    assert [o.id for o in assess(case).overrides] == ["court_date_soon"]


def test_axis_score_rounds_half_up() -> None:
    assert axis_score(1, 8) == 13  # 12.5 -> 13
    assert axis_score(0, 0) == 0
    assert axis_score(17, 17) == 100


def test_opting_out_forgets_safety_answers() -> None:
    answers = QuestionnaireAnswers().with_answers({**SIMPLE, "safety_hurt": "yes"}, safety_opt_in=False, on=AS_OF)
    assert "safety_hurt" not in answers.answers and answers.completed_on == AS_OF


def test_text_output_says_it_is_not_advice() -> None:
    text = result_text(assess(make_case(Row("x", {**SIMPLE, "safety_hurt": "yes"}, None, opt_in=True), "US"),
                              as_of=AS_OF))
    assert "not legal advice" in text and "1-800-799-7233" in text and "Full representation" in text


def test_every_safety_question_allows_prefer_not_to_say() -> None:
    qs = question_set()
    safety = [q for q in qs.questions if q.is_safety]
    assert len(safety) >= 4
    assert all(q.option("prefer_not") for q in safety)


def test_a_malformed_question_file_is_reported_with_its_line(tmp_path: Path) -> None:
    text = QUESTIONS_FILE.read_text(encoding="utf-8").replace(
        "        reason: there is a home or other property to deal with\n", "", 1)
    bad = tmp_path / "attorney_need.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        question_set.__wrapped__(bad)  # type: ignore[attr-defined]
    assert "attorney_need.yaml:" in str(err.value) and "needs a reason" in str(err.value)
    assert isinstance(question_set(), QuestionSet)
