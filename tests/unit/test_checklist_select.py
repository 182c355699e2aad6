"""Which items a case gets, and why: combinations of case facts written by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from casefile.checklist import Checklist, ChecklistFacts, ItemState, ItemStatus
from casefile.finances import Asset, AssetCategory, AssetsDebts
from casefile.models import Case, Child, ChildCost, ChildCostKind, IncomeItem, IncomeKind, Parent, Separation
from casefile.questionnaire import QuestionnaireAnswers
from casefile.validation import CaseInvalid, build_case
from checklists.select import missing, progress, select_items

# What the base list gives a married person in GB with nothing else entered (worked out from base.yaml by hand):
BASE_EVERYONE = {
    "personal-timeline", "marriage-certificate", "agreements", "tax-returns", "pay-slips", "employment-benefits",
    "bank-statements", "investment-statements", "tenancy", "vehicles-and-valuables", "insurance-policies", "debts",
    "household-bills", "separate-property",
}


def ids(case: Case) -> set[str]:
    return {s.item.id for s in select_items(case)}


def why(case: Case, item_id: str) -> str:
    return next(s.why for s in select_items(case) if s.item.id == item_id)


def test_empty_gb_case_gets_the_base_list_only() -> None:
    case = Case()
    assert ids(case) == BASE_EVERYONE
    assert why(case, "bank-statements") == "Because most people are asked for this."
    assert why(case, "pay-slips").startswith("Because no income is entered yet")
    assert why(case, "tenancy") == "Because you have not said that you own your home."


def test_unmarried_gets_no_marriage_certificate() -> None:
    case = Case(separation=Separation(married=False))
    assert "marriage-certificate" not in ids(case)


def test_children_self_employment_and_home_in_california() -> None:
    case = Case(
        jurisdiction="US-CA",
        parent_a=Parent(display_name="Ana", income=(IncomeItem(kind=IncomeKind.SELF_EMPLOYMENT, amount=Decimal(3000)),)),
        children=(Child(name="B", date_of_birth=date(2018, 1, 1)), Child(name="C")),
        checklist=Checklist(facts=ChecklistFacts(owns_home=True)),
    )
    got = ids(case)
    assert {"birth-certificates", "children-school-medical", "parenting-schedule"} <= got
    assert {"business-accounts", "business-records"} <= got
    assert {"deed-and-mortgage", "property-costs"} <= got
    assert {"us-ca-fl150", "us-ca-fl142", "us-ca-fl140"} <= got
    assert not {"tenancy", "pay-slips", "gb-cms-details", "child-care-costs", "us-fl-financial-affidavit"} & got
    assert why(case, "deed-and-mortgage") == "Because you own a home (you said so on the Documents page)."
    assert why(case, "business-accounts") == "Because your income includes self-employment."
    assert why(case, "birth-certificates") == "Because you have 2 children in this case."


def test_self_employment_of_the_other_parent_is_a_different_item() -> None:
    case = Case(parent_b=Parent(display_name="Jo", income=(IncomeItem(kind=IncomeKind.SELF_EMPLOYMENT),)))
    got = ids(case)
    assert "other-parent-business" in got and "business-accounts" not in got
    assert why(case, "other-parent-business") == "Because Jo's income includes self-employment."


def test_the_persons_answer_wins_over_what_the_money_part_says() -> None:
    home = AssetsDebts(assets=(Asset(category=AssetCategory.REAL_ESTATE, description="Flat"),))
    inferred = Case(assets_debts=home)
    assert why(inferred, "deed-and-mortgage") == "Because your list of assets includes a home or property."
    said_no = Case(assets_debts=home, checklist=Checklist(facts=ChecklistFacts(owns_home=False)))
    assert "deed-and-mortgage" not in ids(said_no)
    assert why(said_no, "tenancy") == "Because you do not own your home (you said so on the Documents page)."


def test_retirement_from_assets_or_questionnaire() -> None:
    pension = AssetsDebts(assets=(Asset(category=AssetCategory.RETIREMENT),))
    assert "retirement-statements" in ids(Case(assets_debts=pension))
    answered = Case(questionnaire=QuestionnaireAnswers(answers={"pensions": "yes"}))
    assert why(answered, "retirement-statements").endswith("(from your answers on 'Do I need a lawyer?').")
    assert "retirement-statements" not in ids(Case(questionnaire=QuestionnaireAnswers(answers={"pensions": "no"})))


def test_gb_pension_valuation_needs_marriage_and_a_pension() -> None:
    facts = ChecklistFacts(retirement_accounts=True)
    assert "gb-pension-cetv" in ids(Case(checklist=Checklist(facts=facts)))
    assert "gb-pension-cetv" not in ids(Case(separation=Separation(married=False), checklist=Checklist(facts=facts)))


def test_form_e_only_when_married_and_a_court_case() -> None:
    court = Separation(married=True, next_court_date=date(2027, 2, 1))
    assert {"gb-form-e", "court-papers"} <= ids(Case(separation=court))
    assert why(Case(separation=court), "court-papers") == "Because you have a court date (01 February 2027)."
    assert "gb-form-e" not in ids(Case(separation=Separation(married=False, next_court_date=date(2027, 2, 1))))
    assert "gb-form-e" not in ids(Case())


def test_safety_items_need_the_opt_in_and_are_private() -> None:
    not_opted = Case(questionnaire=QuestionnaireAnswers(answers={"safety_afraid": "yes"}, safety_opt_in=False))
    assert "safety-records" not in ids(not_opted)
    opted = Case(questionnaire=QuestionnaireAnswers(answers={"safety_afraid": "yes"}, safety_opt_in=True))
    chosen = {s.item.id: s for s in select_items(opted)}
    assert chosen["safety-records"].item.private and chosen["safety-notes"].item.private
    said = Case(checklist=Checklist(facts=ChecklistFacts(safety_concern=True)))
    assert {"safety-records", "safety-notes"} <= ids(said)


def test_existing_orders_from_the_answer_or_the_status() -> None:
    assert "existing-orders" in ids(Case(checklist=Checklist(facts=ChecklistFacts(existing_orders=True))))
    assert "existing-orders" in ids(Case(separation=Separation(status="divorce_final")))
    assert "existing-orders" not in ids(Case())


def test_child_care_and_benefits() -> None:
    case = Case(
        children=(Child(name="A"),),
        child_costs=(ChildCost(kind=ChildCostKind.CHILD_CARE, amount=Decimal(100)),),
        parent_a=Parent(display_name="Sam", income=(IncomeItem(kind=IncomeKind.MEANS_TESTED),)),
    )
    got = ids(case)
    assert {"child-care-costs", "other-income", "gb-cms-details"} <= got
    assert "pay-slips" not in got  # income is entered and has no wages


def test_jurisdiction_files_match_by_prefix_only_downwards() -> None:
    assert "ca-on-form-13" in ids(Case(jurisdiction="CA-ON"))
    assert "ca-on-form-13" not in ids(Case(jurisdiction="CA"))
    assert "us-ca-fl150" not in ids(Case(jurisdiction="CA-ON"))
    assert {"us-fl-financial-affidavit", "us-fl-tax-returns"} <= ids(Case(jurisdiction="US-FL"))


def test_statuses_progress_and_missing() -> None:
    cl = Checklist(items={
        "bank-statements": ItemState(status=ItemStatus.HAVE),
        "tax-returns": ItemState(status=ItemStatus.HAVE),
        "debts": ItemState(status=ItemStatus.REQUESTED, due=date(2026, 12, 1)),
        "tenancy": ItemState(status=ItemStatus.NOT_APPLICABLE),
        "not-on-the-list": ItemState(status=ItemStatus.HAVE),  # kept in the case, not counted
    })
    case = Case(checklist=cl)
    items = select_items(case)
    p = progress(case).overall
    # 14 base items: 2 have, 1 requested, 1 does not apply, 14 - 4 = 10 needed; applicable 14 - 1 = 13.
    assert (p.total, p.have, p.requested, p.not_applicable, p.needed) == (14, 2, 1, 1, 10)
    assert p.applicable == 13
    assert p.percent == 15  # 100 * 2 / 13 = 15.38..., rounded down
    left = {s.item.id for s in missing(items)}
    assert len(left) == 11 and "debts" in left and "bank-statements" not in left and "tenancy" not in left
    by_cat = dict(progress(case).by_category)
    bank = next(t for c, t in by_cat.items() if c.value == "bank")
    assert (bank.total, bank.have, bank.percent) == (1, 1, 100)
    real_estate = next(t for c, t in by_cat.items() if c.value == "real_estate")
    assert (real_estate.applicable, real_estate.percent) == (0, 100)


def test_items_come_in_category_order() -> None:
    order = [s.item.category.value for s in select_items(Case(children=(Child(name="A"),)))]
    assert order.index("personal") < order.index("bank") < order.index("children") < order.index("forms")


def test_checklist_state_round_trip_and_validation() -> None:
    cl = Checklist().with_state("debts", ItemState(status=ItemStatus.REQUESTED, note="asked"))
    assert cl.state("debts").note == "asked"
    assert cl.with_state("debts", ItemState()).items == {}  # back to the default: nothing stored
    with pytest.raises(CaseInvalid):
        build_case({"checklist": {"items": {"Bad Id!": {"status": "have"}}}})
    with pytest.raises(CaseInvalid):
        build_case({"checklist": {"items": {"debts": {"status": "lost"}}}})
    assert build_case({"checklist": {}}).checklist == Checklist()


def test_cli_checklist_text_and_json(tmp_path, capsys) -> None:
    from casefile.storage import save_case
    from cli import main

    case = Case(checklist=Checklist(items={"debts": ItemState(status=ItemStatus.HAVE, note="in the blue folder")}))
    path = tmp_path / "c.case.json"
    save_case(case, path)
    assert main(["checklist", str(path)]) == 0
    out = capsys.readouterr().out
    assert "you have 1 of 14 (7%)" in out  # 100 * 1 / 14 = 7.1..., rounded down
    assert "[Have it] Debts and a credit report" in out and "Note: in the blue folder" in out
    assert main(["checklist", str(path), "--format", "json", "--missing"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["progress"]["overall"]["have"] == 1
    assert "debts" not in {i["id"] for i in data["items"]} and len(data["items"]) == 13
    assert main(["checklist", str(tmp_path / "nope.json")]) == 2


def test_when_any_needs_one_of_its_conditions() -> None:
    """Maryland's general financial statement (CC-DR-031) is for support claims: married people, or parents."""
    unmarried = Separation(married=False)
    assert "us-md-cc-dr-031" not in ids(Case(jurisdiction="US-MD", separation=unmarried))
    parent = Case(jurisdiction="US-MD", separation=unmarried,
                  children=(Child(name="Maya", date_of_birth=date(2016, 4, 2)),))
    assert "us-md-cc-dr-031" in ids(parent)
    assert why(parent, "us-md-cc-dr-031") == "Because you have a child in this case."
    assert "us-md-cc-dr-031" in ids(Case(jurisdiction="US-MD"))  # married (the default), no children


# --- the second-wave US states (issue 16) ----------------------------------------------------------------------------
# For each state: the state's own items (ids starting "us-xx-") for a married parent of one child, and for a married
# person without children - worked out by hand from the `when` / `when_any` of each checklists/US-XX.yaml.
SECOND_WAVE = {
    "US-FL": ({"us-fl-financial-affidavit", "us-fl-tax-returns", "us-fl-child-support-worksheet",
               "us-fl-certificate-of-compliance"},
              {"us-fl-financial-affidavit", "us-fl-tax-returns", "us-fl-certificate-of-compliance"}),
    "US-GA": ({"us-ga-financial-affidavit", "us-ga-child-support-worksheet"}, {"us-ga-financial-affidavit"}),
    "US-WA": ({"us-wa-wscss-worksheets", "us-wa-financial-declaration", "us-wa-sealed-financial-documents"},
              {"us-wa-financial-declaration"}),
    "US-OH": ({"us-oh-child-support-worksheet", "us-oh-parenting-proceeding-affidavit", "us-oh-health-insurance-affidavit",
               "us-oh-financial-affidavits"}, {"us-oh-financial-affidavits"}),
    "US-KY": ({"us-ky-preliminary-disclosure", "us-ky-final-disclosure", "us-ky-child-support-worksheet"},
              {"us-ky-preliminary-disclosure", "us-ky-final-disclosure"}),
    "US-NV": ({"us-nv-general-financial-disclosure", "us-nv-support-motion-disclosure"},
              {"us-nv-general-financial-disclosure"}),
    "US-MS": ({"us-ms-rule-8-05-statement", "us-ms-rule-8-05-attachments"},
              {"us-ms-rule-8-05-statement", "us-ms-rule-8-05-attachments"}),
    "US-AK": ({"us-ak-dr-305", "us-ak-custody-calculation"}, set()),
    "US-WI": ({"us-wi-financial-disclosure-statement"}, {"us-wi-financial-disclosure-statement"}),
    "US-SC": ({"us-sc-financial-declaration"}, {"us-sc-financial-declaration"}),
    "US-OR": ({"us-or-uniform-support-declaration", "us-or-property-statement", "us-or-children-certificates"},
              {"us-or-uniform-support-declaration", "us-or-property-statement"}),
    "US-MN": ({"us-mn-financial-affidavit", "us-mn-tax-return-on-request"}, set()),
    "US-UT": ({"us-ut-financial-declaration", "us-ut-rule-26-1-attachments"},
              {"us-ut-financial-declaration", "us-ut-rule-26-1-attachments"}),
}


def own_items(case: Case) -> set[str]:
    prefix = case.jurisdiction.lower() + "-"
    return {i for i in ids(case) if i.startswith(prefix)}


@pytest.mark.parametrize("code", sorted(SECOND_WAVE))
def test_second_wave_state_items_for_a_parent_and_for_a_spouse_without_children(code: str) -> None:
    with_child, without = SECOND_WAVE[code]
    parent = Case(jurisdiction=code, children=(Child(name="Maya", date_of_birth=date(2016, 4, 2)),))
    assert own_items(parent) == with_child
    assert own_items(Case(jurisdiction=code)) == without  # married (the default), no children
    chosen = {s.item.id: s for s in select_items(parent)}
    for item_id in with_child:
        assert chosen[item_id].sources, item_id  # every state item is cited
        assert all(str(src.url).startswith(("http://", "https://")) for src in chosen[item_id].sources)
    assert "base.yaml" in {s.file for s in chosen.values()}  # the general list still comes with the state's own


def test_second_wave_conditions_beyond_marriage_and_children() -> None:
    unmarried = Separation(married=False)
    child = (Child(name="Maya", date_of_birth=date(2016, 4, 2)),)
    # when_any [married, has_children]: an unmarried parent gets Georgia's affidavit, an unmarried childless person not
    assert "us-ga-financial-affidavit" in ids(Case(jurisdiction="US-GA", separation=unmarried, children=child))
    assert own_items(Case(jurisdiction="US-UT", separation=unmarried)) == set()
    # Nevada's detailed disclosure needs marriage and self-employment
    business = Case(jurisdiction="US-NV", checklist=Checklist(facts=ChecklistFacts(self_employed=True)))
    assert "us-nv-detailed-financial-disclosure" in ids(business)
    assert "us-nv-detailed-financial-disclosure" not in ids(Case(jurisdiction="US-NV"))
    # Wisconsin's yearly exchange once a support order exists
    ordered = Case(jurisdiction="US-WI", children=child,
                   checklist=Checklist(facts=ChecklistFacts(existing_orders=True)))
    assert "us-wi-yearly-financial-exchange" in ids(ordered)
    assert why(ordered, "us-wi-yearly-financial-exchange") == (
        "Because you have a child in this case and there are court orders or agreements already "
        "(you said so on the Documents page).")
