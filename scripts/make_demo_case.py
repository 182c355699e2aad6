"""Writes data/demo-case.json: a realistic, fictional case that exercises every page.

Run again after changing the Case model: `python scripts/make_demo_case.py`. The values are fictional.
"""

from datetime import date
from decimal import Decimal as D
from pathlib import Path

from casefile.checklist import Checklist
from casefile.finances import (
    Asset,
    AssetCategory,
    AssetsDebts,
    Basis,
    Budget,
    BudgetCategory,
    BudgetLine,
    Debt,
    DebtCategory,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    Owner,
    ReimbursementStatus,
    ShareBasis,
)
from casefile.models import (
    Case,
    Child,
    ChildCost,
    ChildCostKind,
    Deduction,
    DeductionKind,
    IncomeEvidence,
    IncomeItem,
    IncomeKind,
    Notes,
    Parent,
    ParentingTime,
    Schedule,
    Separation,
    SeparationStatus,
)
from casefile.money import Frequency
from casefile.questionnaire import QuestionnaireAnswers
from casefile.storage import case_to_json

demo = Case(
    case_id="d74b406caaf446cdaa00ed34ce1d38c0",  # fixed, so running this again changes only what was edited
    title="Demo case (fictional)",
    jurisdiction="GB",
    you="parent_a",
    separation=Separation(
        status=SeparationStatus.SEPARATED,
        married=True,
        date_of_marriage=date(2012, 5, 19),
        date_of_separation=date(2026, 3, 1),
        next_court_date=None,
        other_party_has_lawyer=False,
        region="England and Wales",  # no case filed yet: court and case number not answered
    ),
    parent_a=Parent(
        display_name="Sam",
        income=(
            IncomeItem(kind=IncomeKind.WAGES, amount=D("14.20"), frequency=Frequency.HOURLY,
                       hours_per_week=D("30"), description="Pharmacy assistant", known_from=IncomeEvidence.PAYSLIP),
            IncomeItem(kind=IncomeKind.OTHER, amount=D("120"), frequency=Frequency.MONTHLY,
                       description="Weekend tutoring", known_from=IncomeEvidence.MY_GUESS),
        ),
        deductions=(
            Deduction(kind=DeductionKind.INCOME_TAX, amount=D("95"), frequency=Frequency.MONTHLY),
            Deduction(kind=DeductionKind.SOCIAL_SECURITY, amount=D("38"), frequency=Frequency.MONTHLY),
        ),
    ),
    parent_b=Parent(
        display_name="Jordan",
        income=(
            IncomeItem(kind=IncomeKind.WAGES, amount=D("41500"), frequency=Frequency.YEARLY,
                       description="Salary, logistics coordinator", known_from=IncomeEvidence.OTHER_PARENT_SAID),
            IncomeItem(kind=IncomeKind.WAGES, amount=D("85"), frequency=Frequency.WEEKLY,
                       description="Regular overtime", known_from=IncomeEvidence.MY_GUESS),
            IncomeItem(kind=IncomeKind.RENTAL, amount=D("650"), frequency=Frequency.QUARTERLY,
                       description="Garage rented out, after costs"),
        ),
        deductions=(
            Deduction(kind=DeductionKind.INCOME_TAX, amount=D("412"), frequency=Frequency.MONTHLY),
            Deduction(kind=DeductionKind.SOCIAL_SECURITY, amount=D("165"), frequency=Frequency.MONTHLY),
            Deduction(kind=DeductionKind.PENSION_CONTRIBUTION, amount=D("96.50"), frequency=Frequency.FORTNIGHTLY),
        ),
    ),
    children=(
        Child(name="Maya", date_of_birth=date(2015, 6, 14)),
        Child(name="Leo", date_of_birth=date(2019, 2, 3)),
    ),
    parenting_time=ParentingTime.from_schedule(Schedule.EOW_PLUS_WEEKNIGHT),
    child_costs=(
        ChildCost(kind=ChildCostKind.CHILD_CARE, amount=D("420"), frequency=Frequency.MONTHLY, paid_by="parent_a",
                  description="After-school club"),
        ChildCost(kind=ChildCostKind.HEALTH_INSURANCE, amount=D("0"), frequency=Frequency.MONTHLY, paid_by="parent_b"),
    ),
    questionnaire=QuestionnaireAnswers(answers={  # a moderate case, no safety concern: suggests a limited-scope consultation
        "children_arrangements": "mostly", "home": "yes", "business": "no", "pensions": "not_sure", "debts": "yes",
        "other_place": "no", "hidden_assets": "no", "sharing_information": "partly", "talk_calmly": "sometimes",
        "agreement_overall": "some", "papers_served": "no", "settlement_offer": "no", "know_rights": "somewhat",
        "know_process": "not_at_all", "forms_deadlines": "unsure", "language_support": "no", "reconciliation": "no",
    }, completed_on=date(2026, 4, 2)),
    notes=Notes(questions=("Can we agree child maintenance between us instead of using the CMS?",)),
    **{  # money page (issue 7): Sam's budget, a few assets and debts, three months of shared child expenses
        "budget": Budget(
            lines=(
                BudgetLine(category=BudgetCategory.HOME, amount=D("725"), description="Rent", basis=Basis.ACTUAL),
                BudgetLine(category=BudgetCategory.HOME, amount=D("112"), description="Council tax",
                           basis=Basis.ACTUAL),
                BudgetLine(category=BudgetCategory.GROCERIES, amount=D("85"), frequency=Frequency.WEEKLY,
                           basis=Basis.ESTIMATED),
                BudgetLine(category=BudgetCategory.UTILITIES, amount=D("390"), frequency=Frequency.QUARTERLY,
                           description="Gas and electricity", basis=Basis.ACTUAL),
                BudgetLine(category=BudgetCategory.PHONE, amount=D("38"), basis=Basis.ACTUAL),
                BudgetLine(category=BudgetCategory.CHILD_CARE, amount=D("420"), description="After-school club",
                           basis=Basis.ACTUAL),
                BudgetLine(category=BudgetCategory.TRANSPORT, amount=D("60"), frequency=Frequency.FORTNIGHTLY,
                           description="Bus passes", basis=Basis.ESTIMATED),
                BudgetLine(category=BudgetCategory.CLOTHES, amount=D("600"), frequency=Frequency.YEARLY,
                           basis=Basis.ESTIMATED),
                BudgetLine(category=BudgetCategory.SAVINGS, amount=D("50"), description="Saving for school costs",
                           basis=Basis.PROPOSED),
                BudgetLine(category=BudgetCategory.INSTALLMENTS, amount=None, description="Car loan share"),
            ),
        ),
        "assets_debts": AssetsDebts(
            assets=(
                Asset(category=AssetCategory.REAL_ESTATE, description="Family home, 14 Elm Road", owner=Owner.JOINT,
                      date_acquired=date(2014, 8, 1), value=D("265000"), amount_owed=D("148500")),
                Asset(category=AssetCategory.VEHICLES, description="Ford Focus 2017", owner=Owner.THEIRS,
                      date_acquired=date(2020, 3, 15), value=D("6500"), amount_owed=D("2100")),
                Asset(category=AssetCategory.SAVINGS_ACCOUNTS, description="Joint savings", owner=Owner.JOINT,
                      value=D("4200")),
                Asset(category=AssetCategory.RETIREMENT, description="Jordan's workplace pension", owner=Owner.THEIRS,
                      value=None),
                Asset(category=AssetCategory.CHECKING_ACCOUNTS, description="My current account", owner=Owner.MINE,
                      value=D("640")),
            ),
            debts=(
                Debt(category=DebtCategory.CREDIT_CARDS, description="Joint credit card", owner=Owner.JOINT,
                     amount_owed=D("2350")),
                Debt(category=DebtCategory.STUDENT_LOANS, description="My student loan", owner=Owner.MINE,
                     amount_owed=D("9800"), date_incurred=date(2009, 9, 1)),
            ),
        ),
        "expenses": ExpenseLog(
            category_splits={**{c: D(50) for c in ExpenseCategory}, ExpenseCategory.CHILD_CARE: D(40)},
            items=tuple(
                Expense(date=day, description=what, category=cat, amount=D(amount), paid_by=who, children=kids,
                        share_a=D(share), share_basis=basis, status=status, receipt_note=note)
                for day, what, cat, amount, who, kids, share, basis, status, note in (
                    (date(2026, 3, 4), "School shoes", ExpenseCategory.CLOTHING, "42.00", "parent_a", ("Leo",),
                     50, ShareBasis.CATEGORY, ReimbursementStatus.PAID, "Card receipt"),
                    (date(2026, 3, 9), "Dentist (Maya)", ExpenseCategory.HEALTH, "58.40", "parent_b", ("Maya",),
                     50, ShareBasis.CATEGORY, ReimbursementStatus.PAID, "Invoice by email"),
                    (date(2026, 3, 12), "Swimming lessons, spring term", ExpenseCategory.ACTIVITIES, "96.00",
                     "parent_a", ("Maya", "Leo"), 50, ShareBasis.CATEGORY, ReimbursementStatus.REQUESTED, ""),
                    (date(2026, 3, 20), "Holiday club, 3 days", ExpenseCategory.CHILD_CARE, "135.00", "parent_a",
                     ("Leo",), 40, ShareBasis.CATEGORY, ReimbursementStatus.REQUESTED, "Booking confirmation"),
                    (date(2026, 3, 27), "School trip to the museum", ExpenseCategory.EDUCATION, "18.50", "parent_b",
                     ("Maya",), 50, ShareBasis.CATEGORY, ReimbursementStatus.NOT_REQUESTED, "Letter from school"),
                    (date(2026, 4, 2), "Winter coat", ExpenseCategory.CLOTHING, "54.99", "parent_b", ("Leo",),
                     50, ShareBasis.CATEGORY, ReimbursementStatus.DISPUTED, "Jordan says it was a gift"),
                    (date(2026, 4, 8), "Glasses (not covered)", ExpenseCategory.HEALTH, "89.00", "parent_a",
                     ("Maya",), "32.72", ShareBasis.INCOME, ReimbursementStatus.REQUESTED, "Optician receipt"),
                    (date(2026, 4, 14), "Train fares for handover weekend", ExpenseCategory.TRAVEL, "31.60",
                     "parent_a", ("Maya", "Leo"), 50, ShareBasis.CATEGORY, ReimbursementStatus.NOT_REQUESTED, ""),
                    (date(2026, 4, 22), "Football boots", ExpenseCategory.ACTIVITIES, "39.99", "parent_b",
                     ("Leo",), 50, ShareBasis.CATEGORY, ReimbursementStatus.PAID, ""),
                    (date(2026, 4, 28), "School uniform", ExpenseCategory.CLOTHING, "72.45", "parent_a",
                     ("Maya", "Leo"), 50, ShareBasis.CATEGORY, ReimbursementStatus.REQUESTED, "Shop receipt"),
                    (date(2026, 5, 5), "Birthday party for Leo's class", ExpenseCategory.OTHER, "120.00",
                     "parent_a", ("Leo",), 50, ShareBasis.CATEGORY, ReimbursementStatus.NOT_REQUESTED, ""),
                    (date(2026, 5, 11), "Prescription", ExpenseCategory.HEALTH, "9.90", "parent_b", ("Leo",),
                     50, ShareBasis.CATEGORY, ReimbursementStatus.NOT_REQUESTED, ""),
                    (date(2026, 5, 15), "Swimming lessons, summer term", ExpenseCategory.ACTIVITIES, "96.00",
                     "parent_b", ("Maya", "Leo"), 50, ShareBasis.CATEGORY, ReimbursementStatus.REQUESTED, ""),
                    (date(2026, 5, 21), "After-school club extra week", ExpenseCategory.CHILD_CARE, "105.00",
                     "parent_a", ("Maya", "Leo"), 40, ShareBasis.CATEGORY, ReimbursementStatus.NOT_REQUESTED, ""),
                    (date(2026, 5, 29), "School books", ExpenseCategory.EDUCATION, "23.75", "parent_a", ("Maya",),
                     60, ShareBasis.CUSTOM, ReimbursementStatus.NOT_REQUESTED, "Agreed 60/40 by text"),
                )
            ),
        ),
    },
    checklist=Checklist.model_validate({
        "facts": {"owns_home": True, "retirement_accounts": True},
        "items": {"bank-statements": {"status": "have"}, "birth-certificates": {"status": "have"},
                  "pay-slips": {"status": "requested", "note": "Asked payroll for the last three months",
                                "due": "2026-12-05"},
                  "investment-statements": {"status": "not_applicable"}},
    }),
)

if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "data" / "demo-case.json"
    out.write_text(case_to_json(demo), encoding="utf-8")
    print(f"wrote {out}")
