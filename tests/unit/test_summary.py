"""compute_results: every section computed once, each None with a plain reason when it cannot be."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal

import pytest

from calculators.summary import NOT_AVAILABLE, compute_results, questions_for_professional
from casefile.models import Case, IncomeItem, IncomeKind
from casefile.validation import revise


def test_demo_case_has_every_section(demo_case: Case) -> None:
    res = compute_results(demo_case)
    assert res.estimate is not None and res.estimate.payer == "parent_b"
    assert res.currency == "GBP"
    assert res.whatif is not None and res.whatif.role == "parent_b" and len(res.whatif.points) > 10
    assert res.attorney is not None and res.checklist and res.checklist_progress is not None
    assert res.expenses is not None and res.budget is not None and res.net_worth is not None
    assert dict(res.reasons) == {}
    assert res.reason("estimate") == ""


def test_whatif_curve_passes_through_the_case_as_entered(demo_case: Case) -> None:
    res = compute_results(demo_case)
    assert res.whatif is not None and res.whatif.current is not None and res.estimate is not None
    # Jordan's wages a week: 41,500 / 52 + 85 = 883.0769...; the point there is the estimate itself.
    assert res.whatif.current.x == Decimal(41500) / 52 + 85
    assert res.whatif.current.paid_by("parent_b") == res.estimate.amount
    amounts = [p.paid_by("parent_b") for p in res.whatif.points]
    assert all(a is not None for a in amounts)
    assert amounts == sorted(amounts)  # more pay never lowers the GB estimate (Sch 1 para 2 rates are positive)


def test_unknown_jurisdiction_gives_reasons_not_errors() -> None:
    res = compute_results(Case(jurisdiction="ZZ-QQ"))
    assert res.estimate is None and res.reason("estimate")
    assert res.whatif is None and "no estimate yet" in res.reason("whatif")


def test_module_not_there_yet_is_not_available(demo_case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "calculators.attorney_need", None)  # import raises ImportError
    res = compute_results(demo_case)
    assert res.attorney is None and res.reason("attorney") == NOT_AVAILABLE
    assert res.estimate is not None


def test_results_are_frozen(demo_case: Case) -> None:
    res = compute_results(demo_case)
    with pytest.raises(AttributeError):
        res.estimate = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        res.reasons["x"] = "y"  # type: ignore[index]


def test_questions_follow_the_case(demo_case: Case) -> None:
    res = compute_results(demo_case)
    assert res.questions[0].startswith("Does the shared-parenting adjustment apply at 104 overnights a year with Jordan")
    assert any("rent received" in q for q in res.questions)
    changed = revise(
        demo_case,
        separation=demo_case.separation.model_copy(update={"other_party_has_lawyer": True,
                                                           "next_court_date": dt.date(2027, 1, 15)}),
        parent_a=demo_case.parent_a.model_copy(update={"income": (
            IncomeItem(kind=IncomeKind.SELF_EMPLOYMENT, amount=None),)}),
    )
    questions = questions_for_professional(changed, compute_results(changed).estimate)
    text = " ".join(questions)
    assert "court date on 15 January 2027" in text
    assert "The other parent has a lawyer" in text
    assert "Sam's self-employment income" in text
    assert "Some of Sam's income is not known yet" in text


def test_no_shared_care_question_without_overnights(demo_case: Case) -> None:
    from casefile.models import ParentingTime

    sole = revise(demo_case, parenting_time=ParentingTime(overnights_with_a=365, overnights_with_b=0))
    est = compute_results(sole).estimate
    assert not any("shared-parenting" in q for q in questions_for_professional(sole, est))


def test_summary_needs_neither_reportlab_nor_streamlit() -> None:
    import subprocess

    from tests.conftest import DEMO_CASE

    code = (
        "import sys; from pathlib import Path; from casefile.storage import load_case; "
        "from calculators.summary import compute_results; "
        f"compute_results(load_case(Path({str(DEMO_CASE)!r}))); "
        "bad = [m for m in ('reportlab', 'streamlit') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_report_explains_the_kinds_of_separation_with_sources() -> None:
    """Issue 6: the kinds of separation are shown in the report too; issue 18: only for the case's part of the
    country, only the facts someone could check, official sources named (the others are in the appendix)."""
    import io

    from pypdf import PdfReader

    from casefile.storage import load_case
    from reports.pdf import ReportOptions, build_pdf
    from tests.conftest import DEMO_CASE

    case = load_case(DEMO_CASE)  # GB
    results = compute_results(case)
    assert results.separation is not None and results.separation.code == "GB"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(build_pdf(case, results, ReportOptions()))).pages)
    section = text.split("Kinds of separation", 1)[1].split("6. Shared expenses", 1)[0]
    assert case.separation.region == "England and Wales" and "England and Wales" in section
    assert "Scotland" not in section and "not yet verified" not in text
    assert "(GOV.UK, Get a legal separation)" in " ".join(section.split())
    pennsylvania = compute_results(case.model_copy(update={"jurisdiction": "US-PA"}))  # no guide (issue 16 added FL)
    assert pennsylvania.separation is None and "no guide" in pennsylvania.reason("separation")
