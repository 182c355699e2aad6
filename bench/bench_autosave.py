"""Benchmark (issue 20, hot spot 1): autosave of one edit with 10,000 expenses and 50 revisions < 30 ms.

An edit is what a page does: the edited part goes through the Case's validation (casefile.validation.revise) and the
result is autosaved (casefile.revisions.autosave) into a data folder that already holds 50 revisions. Measured three
ways, interleaved round after round so a slow spell on this shared machine touches a few runs of each:

- typing: an edit within 30 s of the last (the newest revision is updated in place);
- a new revision: an edit after a pause (a revision is added and the oldest of 50 pruned);
- adding one expense to the 10,000 (the expense log itself changes, so it is serialised again: no target, shown for
  what it costs).

    .venv/bin/python -m bench autosave          (or: .venv/bin/python -m bench.bench_autosave)

Before this issue (measured by the issue's author): 4.8 s per edit at 10,000 expenses and 50 revisions, because every
save re-read every revision for its summary, three times, and the case was dumped and validated whole.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from decimal import Decimal

from bench.harness import Result, interleaved_median_seconds, ms, timing

EXPENSES = 10_000
REVISIONS = 50


def autosave_edits() -> list[Result]:
    from bench.bench_core import _case_with_expenses
    from casefile import revisions
    from casefile.finances import Expense
    from casefile.validation import revise

    folder = tempfile.mkdtemp(prefix="organizer-bench-autosave-")
    previous_dir = os.environ.get("ORGANIZER_DATA_DIR")
    os.environ["ORGANIZER_DATA_DIR"] = folder
    try:
        case = _case_with_expenses(EXPENSES)
        clock = [dt.datetime(2026, 1, 1)]
        base, saved = None, None
        for i in range(REVISIONS):  # the history: 50 revisions, each after a pause
            case = revise(case, title=f"revision {i}")
            base = revisions.autosave(case, saved, base, now=clock[0]).generation
            saved = case
            clock[0] += dt.timedelta(minutes=1)
        state = {"case": case, "base": base}
        counter = iter(range(10**9))

        def edit(pause: dt.timedelta, change: Callable[[object, int], dict[str, object]]) -> Callable[[], None]:
            def run() -> None:
                now_case, i = state["case"], next(counter)
                new = revise(now_case, **change(now_case, i))
                clock[0] += pause
                state["base"] = revisions.autosave(new, now_case, state["base"], now=clock[0]).generation
                state["case"] = new
            return run

        def income(case: object, i: int) -> dict[str, object]:
            parent = case.parent_a  # type: ignore[attr-defined]
            item = parent.income[0].model_copy(update={"amount": Decimal(30000 + i)})
            return {"parent_a": parent.model_copy(update={"income": (item, *parent.income[1:])})}

        def one_expense(case: object, i: int) -> dict[str, object]:
            log = case.expenses  # type: ignore[attr-defined]
            added = Expense(date=dt.date(2026, 1, 2), amount=Decimal("4.20"), description=f"bus {i}")
            return {"expenses": log.model_copy(update={"items": (*log.items, added)})}

        seconds = interleaved_median_seconds({
            "typing": edit(dt.timedelta(seconds=2), income),
            "new revision": edit(dt.timedelta(minutes=1), income),
            "one expense added": edit(dt.timedelta(minutes=1), one_expense),
        }, runs=15)
        assert len(revisions.list_revisions(case.case_id)) == REVISIONS
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if previous_dir is None:
            os.environ.pop("ORGANIZER_DATA_DIR", None)
        else:
            os.environ["ORGANIZER_DATA_DIR"] = previous_dir
    where = f"{EXPENSES:,} expenses, {REVISIONS} revisions"
    return [
        timing(f"autosave of one edit while typing ({where})", seconds["typing"], 30),
        timing(f"autosave of one edit after a pause: new revision, oldest pruned ({where})", seconds["new revision"],
               30),
        Result(f"autosave of one expense added ({where}; the log is serialised again)",
               ms(seconds["one expense added"]), "-", None, "no target: shown for what it costs"),
    ]


if __name__ == "__main__":
    from bench.harness import machine, table

    print(machine())
    print(table(autosave_edits()))
