"""Writes data/demo-case.json: a realistic, fictional case that exercises every page.

Run again after changing the Case model: `python scripts/make_demo_case.py`. The values are fictional.
"""

from datetime import date
from decimal import Decimal as D
from pathlib import Path

from casefile.models import (
    Case,
    Child,
    ChildCost,
    ChildCostKind,
    Deduction,
    DeductionKind,
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
from casefile.storage import case_to_json

demo = Case(
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
    ),
    parent_a=Parent(
        display_name="Sam",
        income=(
            IncomeItem(kind=IncomeKind.WAGES, amount=D("14.20"), frequency=Frequency.HOURLY,
                       hours_per_week=D("30"), description="Pharmacy assistant"),
            IncomeItem(kind=IncomeKind.OTHER, amount=D("120"), frequency=Frequency.MONTHLY,
                       description="Weekend tutoring"),
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
                       description="Salary, logistics coordinator"),
            IncomeItem(kind=IncomeKind.WAGES, amount=D("85"), frequency=Frequency.WEEKLY,
                       description="Regular overtime"),
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
    notes=Notes(questions=("Can we agree child maintenance between us instead of using the CMS?",)),
)

if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "data" / "demo-case.json"
    out.write_text(case_to_json(demo), encoding="utf-8")
    print(f"wrote {out}")
