"""AppTest: the intake page ("Your situation").

These tests do not depend on any child-support engine: they check what the page stores in the Case (through
casefile.validation) and what it shows. Expected figures are worked by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from casefile.models import Case, Child, IncomeEvidence, IncomeKind, Parent, ParentingTime, Schedule
from casefile.money import Frequency
from jurisdictions.loader import jurisdiction_codes
from ui.state import CASE_KEY

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def case_of(at) -> Case:
    return at.session_state[CASE_KEY]


def texts(at, kind: str = "markdown") -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def open_intake(app_test, case: Case):
    at = app_test(case=case, page="situation", timeout=60)
    assert not at.exception, at.exception
    return at


def test_demo_case_renders_with_its_answers(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    assert at.text_input(key="sit_parent_a_name").value == "Sam"
    assert at.text_input(key="sit_parent_b_income_0_amt").value == "41500"
    # Sam: 14.20 an hour x 30 hours x 52 weeks = 22,152 a year; / 12 = 1,846 a month; / 52 = 426 a week
    assert "= £1,846.00 a month (£426.00 a week, £22,152.00 a year)" in texts(at, "caption")
    assert case_of(at) == demo_case  # opening the page changes nothing
    assert not at.error


def test_income_at_different_frequencies(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.text_input(key="sit_parent_b_income_0_amt").set_value("2,600").run()
    at.selectbox(key="sit_parent_b_income_0_freq").set_value("monthly").run()
    item = case_of(at).parent_b.income[0]
    assert (item.amount, item.frequency) == (Decimal("2600"), Frequency.MONTHLY)
    # 2,600 a month = 31,200 a year = 600 a week
    assert "= £2,600.00 a month (£600.00 a week, £31,200.00 a year)" in texts(at, "caption")

    at.selectbox(key="sit_parent_b_income_0_freq").set_value("hourly").run()
    # an hourly rate without hours is not stored: the case keeps the last valid answer, the typing stays
    assert case_of(at).parent_b.income[0].frequency is Frequency.MONTHLY
    assert any("hours" in e for e in texts(at, "error"))
    assert at.text_input(key="sit_parent_b_income_0_amt").value == "2,600"
    at.text_input(key="sit_parent_b_income_0_amt").set_value("15").run()
    at.number_input(key="sit_parent_b_income_0_hours").set_value(20.0).run()
    item = case_of(at).parent_b.income[0]
    assert (item.amount, item.frequency, item.hours_per_week) == (Decimal("15"), Frequency.HOURLY, Decimal("20.0"))
    # 15 an hour x 20 hours = 300 a week; x 52 = 15,600 a year; / 12 = 1,300 a month
    assert "= £1,300.00 a month (£300.00 a week, £15,600.00 a year)" in texts(at, "caption")
    assert not at.error

    at.selectbox(key="sit_parent_b_income_0_freq").set_value("fortnightly").run()
    item = case_of(at).parent_b.income[0]
    assert item.hours_per_week is None  # hours only belong to an hourly rate: cleared, not kept out of sight


def test_unknown_amount_is_carried_as_unknown(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.checkbox(key="sit_parent_b_income_0_unknown").check().run()
    item = case_of(at).parent_b.income[0]
    assert item.amount is None and not item.known
    assert case_of(at).parent_b.annual_income() is None  # never a silent zero
    assert "Not known yet: the estimate will tell you if it needs this." in texts(at, "caption")


def test_bad_amount_shows_errors_and_keeps_typing(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.text_input(key="sit_parent_a_income_1_amt").set_value("12O").run()  # letter O typed for zero
    errors = texts(at, "error")
    assert errors[0].startswith("**There is a problem.**")  # the summary at the top
    assert "Income for Sam (item 2): “12O” is not an amount; type a number such as 1250.50" in errors[0]
    assert any(e.startswith("Income for Sam (item 2)") for e in errors[1:])  # and beside the field
    assert case_of(at) == demo_case
    assert at.text_input(key="sit_parent_a_income_1_amt").value == "12O"
    at.text_input(key="sit_parent_a_income_1_amt").set_value("125").run()
    assert not at.error
    assert case_of(at).parent_a.income[1].amount == Decimal("125")


def test_add_and_remove_income(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.button(key="sitbtn_parent_a_income_add").click().run()
    assert len(case_of(at).parent_a.income) == 2  # a blank new row is not part of the case yet
    assert not at.error
    at.selectbox(key="sit_parent_a_income_2_kind").set_value(IncomeKind.PENSION.value).run()
    at.text_input(key="sit_parent_a_income_2_amt").set_value("1200").run()
    at.selectbox(key="sit_parent_a_income_2_freq").set_value("yearly").run()
    added = case_of(at).parent_a.income[2]
    assert (added.kind, added.amount, added.frequency) == (IncomeKind.PENSION, Decimal("1200"), Frequency.YEARLY)
    at.button(key="sitbtn_parent_a_income_0_rm").click().run()
    assert [i.description for i in case_of(at).parent_a.income] == ["Weekend tutoring", ""]


@pytest.mark.parametrize(
    ("schedule", "flip", "nights_b"),
    [
        # nights with B in a 14-night pattern x 365 / 14, rounded half up
        (Schedule.EVERY_OTHER_WEEKEND, False, 52),  # 2 x 365 / 14 = 52.14 -> 52
        (Schedule.EOW_PLUS_WEEKNIGHT, False, 104),  # 4 x 365 / 14 = 104.29 -> 104
        (Schedule.TWO_TWO_THREE, False, 183),  # 7 x 365 / 14 = 182.5 -> 183
        (Schedule.WEEK_ON_WEEK_OFF, True, 182),  # swapped: 365 - 183 = 182 with B
    ],
)
def test_schedule_picker(app_test, demo_case: Case, schedule: Schedule, flip: bool, nights_b: int) -> None:
    at = open_intake(app_test, demo_case)
    at.radio(key="sit_pt_mode").set_value("schedule").run()
    at.selectbox(key="sit_pt_schedule").set_value(schedule.value).run()
    at.checkbox(key="sit_pt_flip").set_value(flip).run()
    pt = case_of(at).parenting_time
    assert (pt.overnights_with_a, pt.overnights_with_b, pt.schedule) == (365 - nights_b, nights_b, schedule)
    pictures = [t for t in texts(at) if "of 14 nights with Jordan" in t]
    assert len(pictures) == 1
    expected_14 = {Schedule.EVERY_OTHER_WEEKEND: 2, Schedule.EOW_PLUS_WEEKNIGHT: 4, Schedule.TWO_TWO_THREE: 7,
                   Schedule.WEEK_ON_WEEK_OFF: 7}[schedule]
    assert f"{expected_14} of 14 nights with Jordan" in pictures[0]


def test_nights_and_percent_entry(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.radio(key="sit_pt_mode").set_value("nights").run()
    assert at.number_input(key="sit_pt_nights_a").value == 261  # starts from the nights already chosen
    at.number_input(key="sit_pt_nights_a").set_value(300).run()
    pt = case_of(at).parenting_time
    assert (pt.overnights_with_a, pt.overnights_with_b, pt.schedule) == (300, 65, None)
    at.radio(key="sit_pt_mode").set_value("percent").run()
    at.number_input(key="sit_pt_percent_b").set_value(30.0).run()
    pt = case_of(at).parenting_time
    # 30% of 365 = 109.5 -> 110 nights with B (half up)
    assert (pt.overnights_with_a, pt.overnights_with_b, pt.schedule) == (255, 110, Schedule.CUSTOM)


def test_changing_the_family_pattern_clears_a_childs_own_nights(app_test, demo_case: Case) -> None:
    children = (demo_case.children[0].model_copy(update={"overnights_with_a": 300}), demo_case.children[1])
    case = demo_case.model_copy(update={"children": children})
    at = open_intake(app_test, case)
    assert at.checkbox(key="sit_child_0_own").value is True
    at.selectbox(key="sit_pt_schedule").set_value(Schedule.WEEK_ON_WEEK_OFF.value).run()
    assert case_of(at).children[0].overnights_with_a is None
    assert at.checkbox(key="sit_child_0_own").value is False
    assert any("Maya's own nights were cleared" in str(i.value) for i in at.info)


def test_children_added_named_and_errors_beside(app_test) -> None:
    at = open_intake(app_test, Case())
    at.button(key="sitbtn_child_add").click().run()
    assert case_of(at).children == ()  # blank: not added yet, and no error shouted
    assert not at.error
    at.text_input(key="sit_child_0_name").set_value("A.B.").run()
    at.date_input(key="sit_child_0_dob").set_value(dt.date(2019, 4, 2)).run()
    assert case_of(at).children == (Child(name="A.B.", date_of_birth=dt.date(2019, 4, 2)),)


def test_separation_form_saves_on_submit(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.date_input(key="sit_court").set_value(dt.date(2027, 1, 15))
    at.radio(key="sit_lawyer").set_value("yes")
    at.button(key="sitbtn_sep_save").click().run()
    sep = case_of(at).separation
    assert (sep.next_court_date, sep.other_party_has_lawyer) == (dt.date(2027, 1, 15), True)
    at.checkbox(key="sit_married").uncheck()
    at.button(key="sitbtn_sep_save").click().run()
    assert case_of(at).separation.date_of_marriage is None  # irrelevant when not married: cleared


def test_names_and_typing_survive_switching_pages(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.text_input(key="sit_parent_b_name").set_value("J").run()
    at.text_input(key="sit_parent_a_income_0_amt").set_value("abc").run()  # invalid: not stored
    at.switch_page("ui/pages/start.py").run()
    at.switch_page("ui/pages/situation.py").run()
    assert case_of(at).parent_b.display_name == "J"
    assert at.text_input(key="sit_parent_a_income_0_amt").value == "abc"  # nothing typed is lost
    assert texts(at, "error")[0].startswith("**There is a problem.**")


def test_empty_name_is_an_error_with_a_fix(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.text_input(key="sit_parent_a_name").set_value("").run()
    assert case_of(at).parent_a.display_name == "Sam"
    assert any("name must not be empty — Type a name or initials." in e for e in texts(at, "error"))


@pytest.mark.skipif("GB" not in jurisdiction_codes(), reason="needs the GB rule file (benefit list)")
def test_jurisdiction_questions_and_stale_benefits(app_test) -> None:
    payer = Parent(display_name="Jordan", benefits=("carers_allowance",))
    case = Case(jurisdiction="GB", parent_a=Parent(display_name="Sam"), parent_b=payer,
                parenting_time=ParentingTime(overnights_with_a=365, overnights_with_b=0))
    at = open_intake(app_test, case)
    assert at.multiselect(key="sit_parent_b_benefits").value == ["carers_allowance"]
    others = [c for c in jurisdiction_codes() if c != "GB"]
    if not others:
        pytest.skip("needs a second jurisdiction")
    at.selectbox(key="sit_jur").set_value(others[0]).run()
    assert case_of(at).jurisdiction == others[0]
    assert case_of(at).parent_b.benefits == ()  # the new law has no such benefit: cleared, and said so
    assert any("carers_allowance" in str(i.value) for i in at.info)


def test_child_costs_with_who_pays(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    at.radio(key="sit_cost_0_paid_by").set_value("parent_b").run()
    at.text_input(key="sit_cost_0_amt").set_value("105").run()
    at.selectbox(key="sit_cost_0_freq").set_value("weekly").run()
    cost = case_of(at).child_costs[0]
    assert (cost.paid_by, cost.amount, cost.frequency) == ("parent_b", Decimal("105"), Frequency.WEEKLY)
    # 105 a week x 52 = 5,460 a year; / 12 = 455 a month
    assert "= £455.00 a month (£105.00 a week, £5,460.00 a year)" in texts(at, "caption")


def test_income_support_question_appears_only_where_asked(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    if "AU" not in jurisdiction_codes():
        pytest.skip("needs the AU rule file, which asks about income support")
    keys = {c.key for c in at.checkbox}
    assert "sit_parent_a_incsupp" not in keys
    at.selectbox(key="sit_jur").set_value("AU").run()
    assert "sit_parent_a_incsupp" in {c.key for c in at.checkbox}
    at.checkbox(key="sit_parent_a_incsupp").check().run()
    assert case_of(at).parent_a.receives_income_support is True


def test_fact_sheet_details_court_case_number_region_and_how_income_is_known(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case)
    assert at.selectbox(key="sit_region").value == "England and Wales"  # GB: family law differs by region
    assert at.selectbox(key="sit_parent_b_income_0_known").value == "other_parent_said"
    at.text_input(key="sit_court_name").set_value("Family Court at Leeds")
    at.text_input(key="sit_case_number").set_value("LS26F00123")
    at.selectbox(key="sit_region").set_value("Scotland")
    at.button(key="sitbtn_sep_save").click().run()
    sep = case_of(at).separation
    assert (sep.court_name, sep.case_number, sep.region) == ("Family Court at Leeds", "LS26F00123", "Scotland")
    at.selectbox(key="sit_parent_b_income_0_known").set_value("tax_return").run()
    assert case_of(at).parent_b.income[0].known_from is IncomeEvidence.TAX_RETURN
    at.selectbox(key="sit_parent_b_income_0_known").set_value("").run()
    assert case_of(at).parent_b.income[0].known_from is None  # "Not answered"
    assert not at.error


def test_region_is_asked_only_where_family_law_differs_inside_the_place(app_test, demo_case: Case) -> None:
    at = open_intake(app_test, demo_case.model_copy(update={"jurisdiction": "US-TX"}))
    assert not [s for s in at.selectbox if s.key == "sit_region"]
    # a region stored for another place is cleared, not kept out of sight
    assert case_of(at).separation.region == ""
