"""Benchmark (issue 20, hot spot 4): CSV import of 100,000 rows <= 1.5x stdlib csv + pydantic on the same rows, and
peak memory < 100 MB.

The floor is the least any import must do: stdlib ``csv.DictReader`` over the decoded text and
``Expense.model_validate`` of every row (pydantic parsing the date and amount, dictionary look-ups for the names and
labels), with none of the import's checks (date limits, decimal conventions, quote recovery, reasons per row,
duplicates). Both run on the same bytes, interleaved round after round (paired), and the ratio is of the medians.
Peak memory is what the import allocates (tracemalloc), the file's bytes already in memory, as in the app.

    .venv/bin/python -m bench csv               (or: .venv/bin/python -m bench.bench_csv_import)

Before this issue (measured by the issue's author): 4.2 s and 199 MB for 100,000 rows against a 1.3 s floor.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io

from bench.harness import Result, interleaved_median_seconds, peak_python_memory

ROWS = 100_000


def sample_file(rows: int = ROWS) -> bytes:
    """A realistic export: every column, both payers, every category and status, shares on some rows."""
    from casefile.finances import ExpenseCategory, ReimbursementStatus

    categories = [c.label for c in ExpenseCategory]
    statuses = [s.label for s in ReimbursementStatus]
    start = dt.date(2024, 1, 1)
    lines = ["date,description,category,amount,paid_by,children,share_a,status,receipt_note"]
    lines += [f"{start + dt.timedelta(days=i % 700)},Expense number {i},{categories[i % len(categories)]},"
              f"{i % 400 + 1}.{i % 100:02d},{'Sam' if i % 3 else 'Jordan'},Maya,{50 if i % 4 else ''},"
              f"{statuses[i % len(statuses)]},{'receipt' if i % 5 == 0 else ''}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def stdlib_and_pydantic(data: bytes) -> list[object]:
    """The floor: stdlib csv + pydantic validation of the same rows, nothing else."""
    from casefile.finances import Expense, ExpenseCategory, ReimbursementStatus

    payer = {"Sam": "parent_a", "Jordan": "parent_b"}
    categories = {c.label: c for c in ExpenseCategory}
    statuses = {s.label: s for s in ReimbursementStatus}
    out: list[object] = []
    for row in csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")):
        out.append(Expense.model_validate({
            "date": row["date"], "description": row["description"], "category": categories[row["category"]],
            "amount": row["amount"], "paid_by": payer[row["paid_by"]],
            "children": tuple(c.strip() for c in row["children"].split(",") if c.strip()),
            "share_a": row["share_a"] or "50", "status": statuses[row["status"]],
            "receipt_note": row["receipt_note"],
        }))
    return out


def csv_import() -> list[Result]:
    from casefile.expense_import import read_expenses_csv
    from casefile.models import Case, Parent

    case = Case(parent_a=Parent(display_name="Sam"), parent_b=Parent(display_name="Jordan"))
    data = sample_file()
    ours = read_expenses_csv(data, case)
    assert len(ours.rows) == ROWS and ours.problem_count == 0, ours.problems[:3]
    assert len(stdlib_and_pydantic(data)) == ROWS
    seconds = interleaved_median_seconds({"ours": lambda: read_expenses_csv(data, case),
                                          "floor": lambda: stdlib_and_pydantic(data)}, runs=5)
    gc.collect()
    peak = peak_python_memory(lambda: read_expenses_csv(data, case)) / 1e6
    ratio = seconds["ours"] / seconds["floor"]
    return [
        Result(f"CSV import {ROWS:,} rows: ours {seconds['ours']:.2f} s vs stdlib csv + pydantic "
               f"{seconds['floor']:.2f} s", f"{ratio:.2f}x the floor", "<= 1.5x", ratio <= 1.5),
        Result(f"CSV import {ROWS:,} rows: peak memory", f"{peak:.0f} MB", "< 100 MB", peak < 100),
    ]


if __name__ == "__main__":
    from bench.harness import machine, table

    print(machine())
    print(table(csv_import()))
