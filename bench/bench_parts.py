"""Where a rerun with 10,000 expenses goes (issue 20, hot spots 2 and 3): the parts each page redoes on every rerun.

The page-level figures (and their targets) are in bench_server.py; these are the pieces found by profiling those
reruns (py-spy on the server), timed alone on the same case, so a fix to one of them shows here at once. The note of
each says which page calls it and how often per rerun.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

from bench.harness import Result, load_text, median_seconds, ms

EXPENSES = 10_000


def parts() -> list[Result]:
    from bench.bench_core import _case_with_expenses
    from calculators.expenses import expense_summary
    from casefile.validation import build_case
    from reports.pdf import right_to_left_in_case, unprintable_in_case
    from ui.money import log_frame

    case = _case_with_expenses(EXPENSES)
    data = case.model_dump(mode="python")
    pieces: list[tuple[str, Callable[[], object], str]] = [
        ("expense_summary(case)", lambda: expense_summary(case),
         "Money: three times a rerun (the log tab, its monthly table, the charts tab)"),
        ("ui.money.log_frame(case)", lambda: log_frame(case),
         "Money: the expense log's DataFrame, rebuilt every rerun"),
        ("unprintable_in_case(case)", lambda: unprintable_in_case(case),
         "Report: every rerun (the font warning), dumps the case to JSON and checks every character"),
        ("right_to_left_in_case(case)", lambda: right_to_left_in_case(case),
         "Report: every rerun, dumps the case to JSON again"),
        ("case.model_dump(mode='python')", lambda: case.model_dump(mode="python"),
         "Your situation: every rerun (Collected), although the page edits none of the expenses"),
        ("build_case(data), nothing changed", lambda: build_case(data),
         "Your situation: every rerun re-validates the whole case, expenses included"),
        ("pickle.dumps(case)", lambda: pickle.dumps(case),
         "enforceSerializableSessionState: once per key holding the case (three), every rerun, when on"),
    ]
    load = load_text()
    results = []
    for name, fn, where in pieces:
        seconds = median_seconds(fn, runs=5)
        results.append(Result(f"{EXPENSES:,} expenses: {name}", ms(seconds), "-", None, f"load {load}; {where}"))
    return results
