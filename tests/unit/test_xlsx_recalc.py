"""The spreadsheet recalculates: LibreOffice (headless, Debian's libreoffice-calc) recomputes every formula, and

1. on the workbook as exported, every formula gives the value the app cached in it (so a viewer that does not
   recalculate and one that does show the same figures);
2. after lines are changed in the workbook (an expense's amount and split, a budget line, an income, an asset's
   value), the recalculated totals equal the app's own figures for the case with the same changes.

LibreOffice is told to recalculate on loading (a throw-away profile with OOXMLRecalcMode = always), then saves the
workbook again; openpyxl reads the values it wrote.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from calculators.summary import compute_results
from casefile.models import Case
from casefile.storage import load_case
from casefile.validation import revise
from reports.xlsx import SHEET_ASSETS, SHEET_BUDGET, SHEET_EXPENSES, SHEET_INCOME, SHEET_SUMMARY, build_xlsx
from tests.conftest import DEMO_CASE
from tests.unit.test_pdf_cases import rich_case

TODAY = dt.date(2026, 11, 23)
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        message = "LibreOffice is missing (install libreoffice-calc: scripts/system-deps.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lo-profile")
    (folder / "user").mkdir()
    (folder / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    return folder


def recalculate(soffice: str, profile: Path, workbook: Path) -> openpyxl.Workbook:
    """``workbook`` opened, recalculated and saved by LibreOffice; its values as LibreOffice computed them."""
    out = workbook.parent / "recalculated"
    out.mkdir(exist_ok=True)
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(workbook)],
                   check=True, capture_output=True, timeout=300)
    return openpyxl.load_workbook(out / workbook.name, data_only=True)


def cents(value: object) -> Decimal:
    assert isinstance(value, int | float), value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def by_label(ws) -> dict[object, tuple]:  # type: ignore[no-untyped-def]
    return {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if r and r[0] is not None}


@pytest.mark.parametrize("which", ["demo", "rich"])
def test_libreoffice_computes_what_the_app_cached(which: str, soffice: str, profile: Path, tmp_path: Path) -> None:
    case = load_case(DEMO_CASE)
    if which == "rich":
        case = rich_case(case)
    path = tmp_path / f"{which}.xlsx"
    path.write_bytes(build_xlsx(case, today=TODAY))
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    computed = recalculate(soffice, profile, path)
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                ours, theirs = cached[ws.title][cell.coordinate].value, computed[ws.title][cell.coordinate].value
                where = f"{ws.title}!{cell.coordinate} {cell.value}"
                if isinstance(ours, int | float):
                    assert isinstance(theirs, int | float) and abs(ours - theirs) < 1e-6, (where, ours, theirs)
                else:
                    assert (ours or "") == (theirs or ""), (where, ours, theirs)
                checked += 1
    assert checked > 80  # every sheet with formulas was compared


def _row_of(ws, column: int, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(r[0].row for r in ws.iter_rows() if r[column - 1].value == text)


def test_a_changed_line_updates_the_totals_as_the_app_would(soffice: str, profile: Path, tmp_path: Path) -> None:
    case = load_case(DEMO_CASE)
    path = tmp_path / "edited.xlsx"
    path.write_bytes(build_xlsx(case, today=TODAY))

    # A person corrects lines in the spreadsheet ...
    wb = openpyxl.load_workbook(path)
    expenses = wb[SHEET_EXPENSES]
    expenses.cell(_row_of(expenses, 2, "Dentist (Maya)"), 4).value = 70  # was 58.40, paid by Jordan, 50/50
    expenses.cell(_row_of(expenses, 2, "Holiday club, 3 days"), 7).value = 25  # Sam's share was 40%
    budget = wb[SHEET_BUDGET]
    budget.cell(_row_of(budget, 2, "Rent"), 3).value = 800  # was 725 a month
    income = wb[SHEET_INCOME]
    income.cell(_row_of(income, 2, "Salary, logistics coordinator"), 3).value = 45000  # was 41,500 a year
    assets = wb[SHEET_ASSETS]
    assets.cell(_row_of(assets, 2, "Family home, 14 Elm Road"), 5).value = 280000  # was 265,000
    wb.save(path)
    computed = recalculate(soffice, profile, path)

    # ... and the app, given the same corrections, computes:
    items = tuple(
        e.model_copy(update={"amount": Decimal(70)}) if e.description == "Dentist (Maya)"
        else e.model_copy(update={"share_a": Decimal(25)}) if e.description == "Holiday club, 3 days" else e
        for e in case.expenses.items)
    lines = tuple(b.model_copy(update={"amount": Decimal(800)}) if b.description == "Rent" else b
                  for b in case.budget.lines)
    jordan = case.parent_b.model_copy(update={"income": tuple(
        i.model_copy(update={"amount": Decimal(45000)}) if i.description.startswith("Salary") else i
        for i in case.parent_b.income)})
    home = tuple(a.model_copy(update={"value": Decimal(280000)}) if a.description.startswith("Family home") else a
                 for a in case.assets_debts.assets)
    changed: Case = revise(case, expenses=case.expenses.model_copy(update={"items": items}),
                           budget=case.budget.model_copy(update={"lines": lines}), parent_b=jordan,
                           assets_debts=case.assets_debts.model_copy(update={"assets": home}))
    res = compute_results(changed)
    s = res.expenses
    assert s is not None and res.budget is not None and res.net_worth is not None

    summary = by_label(computed[SHEET_SUMMARY])
    assert cents(summary["Owed to Sam (Jordan's shares of what Sam paid)"][0]) == s.balance.owed_to_a
    assert cents(summary["Owed to Jordan (Sam's shares of what Jordan paid)"][0]) == s.balance.owed_to_b
    result = summary["Result after setting one against the other"]
    assert cents(result[0]) == s.balance.amount and result[1] == "Jordan owes Sam"
    assert cents(summary["All expenses"][0]) == s.total
    for category, total in s.by_category.items():
        assert cents(summary[category.label][0]) == total, category
    months = [r for r in computed[SHEET_SUMMARY].iter_rows(values_only=True) if isinstance(r and r[0], dt.datetime)]
    assert [(f"{m[0]:%Y-%m}", cents(m[1]), cents(m[2]), cents(m[3])) for m in months] == [
        (k, s.by_month[k], s.balance_by_month[k].owed_to_a, s.balance_by_month[k].owed_to_b) for k in s.by_month]
    for role in ("parent_a", "parent_b"):
        paid, borne = summary[changed.name(role)][:2]
        assert (cents(paid), cents(borne)) == (s.paid_by[role], s.borne_by[role])
    # the changes really reached the totals (not the cached figures of the file as exported)
    before = compute_results(case).expenses
    assert before is not None and s.total != before.total and s.balance.amount != before.balance.amount

    budget_values = by_label(computed[SHEET_BUDGET])
    assert cents(budget_values["Total monthly expenses"][4]) == res.budget.total.quantize(Decimal("0.01"))

    totals = [r for r in computed[SHEET_INCOME].iter_rows(values_only=True) if r and r[0] == "Total"]
    jordan_monthly = changed.parent_b.annual_income() / 12  # type: ignore[operator]
    assert cents(totals[1][7]) == jordan_monthly.quantize(Decimal("0.01"))  # (45,000 + 4,420 + 2,600) / 12

    worth = by_label(computed[SHEET_ASSETS])
    for owner, t in res.net_worth.by_owner.items():
        label = {"mine": "Sam", "theirs": "Jordan"}.get(owner.value, owner.label)
        assert [cents(v) for v in worth[label][2:6]] == [t.assets, t.owed_on_assets, t.debts, t.net], owner
    assert cents(worth["Total"][5]) == res.net_worth.total.net


def test_the_recalculated_file_still_opens_as_a_workbook(soffice: str, profile: Path, tmp_path: Path) -> None:
    """A round trip through LibreOffice keeps every sheet (nothing in the export upsets it)."""
    path = tmp_path / "roundtrip.xlsx"
    path.write_bytes(build_xlsx(load_case(DEMO_CASE), today=TODAY))
    computed = recalculate(soffice, profile, path)
    assert computed.sheetnames == openpyxl.load_workbook(io.BytesIO(path.read_bytes())).sheetnames
