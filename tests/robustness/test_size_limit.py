"""Saving and loading share one size limit: the largest case the app accepts is saved, reopened and exported; one
expense more is refused before anything is written; an import that would pass the limit is refused before anything
changes; and a case whose latest copy cannot be opened still has its revisions within reach on the Start page.

Issue 19, defect 1: a 4.1 MB CSV of 100,000 expenses imported without warning, autosaved a 33 MB file that loading
refused (over 20 MB), and the earlier revisions were reachable only from an open case.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from casefile import revisions, storage
from casefile.finances import Expense, ExpenseCategory, ExpenseLog
from casefile.models import Case
from casefile.storage import (
    MAX_CASE_BYTES,
    CaseTooLarge,
    case_file_bytes,
    case_plain_bytes,
    load_case,
    save_case,
)
from casefile.validation import CaseInvalid, revise
from tests.robustness.conftest import REPO, organizer

PASSPHRASE = "correct horse battery"


def _expense(i: int) -> Expense:
    return Expense(date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 700), description=f"School trip {i:07d}",
                   category=ExpenseCategory.EDUCATION, amount=Decimal("12.50"), paid_by="parent_a")


def largest_case() -> Case:
    """The demo case with as many expenses as fit in a case file: one more would not."""
    demo = load_case(REPO / "data" / "demo-case.json")
    base = len(case_plain_bytes(demo.model_copy(update={"expenses": ExpenseLog(items=(_expense(0),))})))
    per_row = len(case_plain_bytes(demo.model_copy(update={"expenses": ExpenseLog(items=(_expense(0), _expense(1)))})))
    per_row -= base  # every expense here serialises to the same length (same shape, fixed-width description)
    count = 1 + (MAX_CASE_BYTES - base) // per_row
    return demo.model_copy(update={"expenses": ExpenseLog(items=tuple(_expense(i) for i in range(count)))})


@pytest.fixture(scope="module")
def biggest() -> Case:
    return largest_case()


def test_the_largest_case_is_saved_reopened_and_exported(tally, biggest: Case, tmp_path: Path) -> None:
    plain = case_plain_bytes(biggest)
    one_more = biggest.expenses.model_copy(update={"items": (*biggest.expenses.items, _expense(10**6))})
    assert len(plain) <= MAX_CASE_BYTES < len(case_plain_bytes(biggest.model_copy(update={"expenses": one_more})))
    # (the very largest: one expense more does not fit)
    # autosave and reopen, plain
    revisions.autosave(biggest, None, None)
    assert revisions.load_current(biggest.case_id) == biggest
    # saved and reopened, protected (the file is larger than the case's JSON: the load limit allows for it)
    protected = save_case(biggest, tmp_path / "protected.json", PASSPHRASE)
    assert protected.stat().st_size > MAX_CASE_BYTES
    assert load_case(protected, PASSPHRASE) == biggest
    # the protected file fits the upload widget, so it can be opened again in the app
    from ui.start import UPLOAD_MB

    assert protected.stat().st_size <= UPLOAD_MB * 1024 * 1024
    # exported from the command line
    plain_file = save_case(biggest, tmp_path / "plain.json")
    out = organizer("export", str(plain_file), "-o", str(tmp_path / "money.xlsx"), timeout=120)
    assert out.code == 0, out.describe()
    assert f"({len(biggest.expenses.items)} expenses)" in out.stderr
    assert (tmp_path / "money.xlsx").stat().st_size > 1_000_000
    tally.record("the largest case (save, reopen, protect, export)", 4)


def test_one_expense_more_is_refused_before_anything_is_written(biggest: Case, private_data_dir: Path) -> None:
    """Before: saving had no limit (a 33 MB file was written, and could not be opened)."""
    revisions.autosave(biggest, None, None)
    before = {p: p.read_bytes() for p in private_data_dir.rglob("*") if p.is_file()}
    one_more = biggest.expenses.model_copy(update={"items": (*biggest.expenses.items, _expense(10**6))})
    with pytest.raises(CaseInvalid, match="more than the 20 MB a case file can hold"):
        revise(biggest, expenses=one_more)
    unchecked = biggest.model_copy(update={"expenses": one_more})  # even if a caller skipped validation
    with pytest.raises(CaseTooLarge):
        case_file_bytes(unchecked)
    with pytest.raises(CaseTooLarge):
        revisions.autosave(unchecked, biggest, revisions.current_generation(biggest.case_id))
    with pytest.raises(CaseTooLarge):
        save_case(unchecked, private_data_dir / "elsewhere.json")
    after = {p: p.read_bytes() for p in private_data_dir.rglob("*") if p.is_file()}
    assert after == before  # nothing was written, nothing was replaced
    assert revisions.load_current(biggest.case_id) == biggest


def test_load_refuses_only_what_save_would_refuse(tmp_path: Path) -> None:
    """The same limit on both sides: a file one byte over is refused by loading, one at the limit is not."""
    at_limit = tmp_path / "at.json"
    over = tmp_path / "over.json"
    for path, size in ((at_limit, MAX_CASE_BYTES), (over, MAX_CASE_BYTES + 1)):
        text = case_plain_bytes(Case())
        filler = size - len(text) - len(b', "padding": ""')
        path.write_bytes(text.replace(b'"case": {', b'"padding": "' + b"x" * filler + b'", "case": {', 1))
        assert path.stat().st_size == size
    assert load_case(at_limit).title == "My case"  # (an unknown envelope field is ignored)
    with pytest.raises(storage.CaseFileError, match="too large"):
        load_case(over)


def test_an_import_that_would_pass_the_limit_is_refused_before_anything_changes(
        app_test, demo_case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the Money page's own upload widget. The limit is lowered for the test (the real one needs 85,000
    rows); the code path is the same."""
    import ui.money

    limit = len(case_plain_bytes(demo_case)) + 4_000
    monkeypatch.setattr(storage, "MAX_CASE_BYTES", limit)
    monkeypatch.setattr(ui.money, "MAX_CASE_BYTES", limit)
    rows = b"date,description,amount,paid_by\n" + b"".join(
        f"2026-01-{i % 28 + 1:02d},Bus fare number {i},2.40,Sam\n".encode() for i in range(200))
    at = app_test(case=demo_case, page="money")
    at.file_uploader(key="money_upload_0").set_value(("expenses.csv", rows, "text/csv")).run()
    assert not at.exception
    assert any("a case file can hold" in e.value for e in at.error)
    assert at.button(key="money_import_add").disabled
    assert at.session_state["organizer_case"] == demo_case
    # a part of the file fits: it can be added
    part = b"".join(rows.splitlines(keepends=True)[:6])  # the header and 5 rows
    at.file_uploader(key="money_upload_0").set_value(("part.csv", part, "text/csv")).run()
    assert not at.button(key="money_import_add").disabled
    at.button(key="money_import_add").click().run()
    assert not at.exception
    assert len(at.session_state["organizer_case"].expenses.items) > len(demo_case.expenses.items)


def test_revisions_stay_reachable_when_the_latest_copy_cannot_be_opened(app_test, private_data_dir: Path) -> None:
    """Before: the Revisions list was reachable only from an open case, so a case whose current file could not be
    opened hid its history too."""
    t0 = dt.datetime(2026, 11, 1, 9, 0)
    first = Case(title="Family budget")
    g = revisions.autosave(first, None, None, now=t0).generation
    second = first.model_copy(update={"title": "Family budget, March"})
    revisions.autosave(second, first, g, now=t0 + dt.timedelta(minutes=5))
    folder = revisions.case_folder(first.case_id)
    (folder / revisions.CURRENT).unlink()  # the latest copy is replaced by garbage (a failing disk, a bad tool)
    (folder / revisions.CURRENT).write_bytes(b"\x00garbage" * 100)
    at = app_test()
    at.button(key=f"start_resume_{first.case_id}").click().run()
    assert not at.exception
    assert any("latest copy of this case cannot be opened" in e.value for e in at.error)
    at.button(key=f"start_open_rev_{first.case_id}_2").click().run()
    assert not at.exception
    opened = at.session_state["organizer_case"]
    assert opened.title == "Family budget, March"
    # and what was opened is the latest copy again
    assert revisions.load_current(first.case_id).title == "Family budget, March"
    assert json.loads((folder / revisions.INDEX).read_text())["revisions"]
