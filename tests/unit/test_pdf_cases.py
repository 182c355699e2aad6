"""Cases for the PDF report tests (no tests here): the demo case made richer (budget, assets, expenses, checklist,
questionnaire with a safety answer) and with names that test escaping and Unicode."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from casefile.checklist import Checklist, ItemState, ItemStatus
from casefile.finances import (
    Asset,
    AssetCategory,
    AssetsDebts,
    Budget,
    BudgetCategory,
    BudgetLine,
    Debt,
    DebtCategory,
    Expense,
    ExpenseCategory,
    ExpenseLog,
    Owner,
)
from casefile.models import Case, Child, Notes
from casefile.money import Frequency
from casefile.questionnaire import QuestionnaireAnswers
from casefile.validation import revise

MARKUP_NAME = "<b>Ann & Co</b>"
ACCOUNT = "12345678"
LINK_NOTE = 'Call <a href="http://example.com">me</a> <img src="/etc/passwd"/> & bring <font color="red">x</font>'


def rich_case(base: Case) -> Case:
    """The demo case with every section filled in."""
    return revise(
        base,
        budget=Budget(lines=(
            BudgetLine(category=BudgetCategory.HOME, amount=Decimal("950"), frequency=Frequency.MONTHLY,
                       description="Rent"),
            BudgetLine(category=BudgetCategory.GROCERIES, amount=Decimal("90"), frequency=Frequency.WEEKLY),
            BudgetLine(category=BudgetCategory.PHONE, amount=None),
        )),
        assets_debts=AssetsDebts(
            assets=(Asset(category=AssetCategory.SAVINGS_ACCOUNTS, description=f"Savings account {ACCOUNT}",
                          owner=Owner.JOINT, value=Decimal("4200")),
                    Asset(category=AssetCategory.VEHICLES, description="Car", owner=Owner.MINE,
                          value=Decimal("6000"), amount_owed=Decimal("2500"))),
            debts=(Debt(category=DebtCategory.CREDIT_CARDS, description="Card", owner=Owner.THEIRS,
                        amount_owed=Decimal("1300")),),
        ),
        expenses=ExpenseLog(items=(
            Expense(date=dt.date(2026, 9, 3), description="School shoes", category=ExpenseCategory.CLOTHING,
                    amount=Decimal("60"), paid_by="parent_a"),
            Expense(date=dt.date(2026, 9, 20), description="Football club", category=ExpenseCategory.ACTIVITIES,
                    amount=Decimal("45"), paid_by="parent_a"),
            Expense(date=dt.date(2026, 10, 2), description="Dentist", category=ExpenseCategory.HEALTH,
                    amount=Decimal("30"), paid_by="parent_b"),
        )),
        questionnaire=QuestionnaireAnswers(
            answers={"children_arrangements": "disagree", "talk_calmly": "rarely", "safety_afraid": "yes"},
            safety_opt_in=True,
        ),
        checklist=Checklist(items={"pay-slips": ItemState(status=ItemStatus.HAVE),
                                   "bank-statements": ItemState(status=ItemStatus.REQUESTED,
                                                                note=f"Bank says account {ACCOUNT}")}),
        notes=Notes(questions=("Can we agree child maintenance between us instead of using the CMS?",),
                    anything_else=LINK_NOTE),
    )


def unicode_case(base: Case) -> Case:
    """Names in Latin with accents, Greek and Cyrillic, a markup-like name, and one character DejaVu lacks (中)."""
    return revise(
        base,
        parent_a=base.parent_a.model_copy(update={"display_name": "Zoë Ørsted-Łukasz"}),
        parent_b=base.parent_b.model_copy(update={"display_name": MARKUP_NAME}),
        children=(Child(name="Δημήτρης", date_of_birth=dt.date(2015, 6, 14)),
                  Child(name="Ольга", date_of_birth=dt.date(2019, 2, 3)),
                  Child(name="Li 中", date_of_birth=dt.date(2020, 1, 1))),
    )
