"""`make bench`: every speed target from issues 10 and 20, measured on this machine, printed with PASS/FAIL.

`.venv/bin/python -m bench autosave csv` runs only the suites named.

Ratios are measured against a baseline in the same run where there is one (XLSX vs pandas). Each figure is a
median of several runs after a warm-up. The table is appended to bench/RESULTS.md.

    python -m bench                     # everything
    python -m bench server              # only the real-server suites (bench_server.py), a few minutes
    python -m bench "server: reruns"    # one suite, by its name
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from bench import bench_autosave, bench_core, bench_csv_import, bench_parts, bench_server, bench_tax
from bench.harness import Result, load, machine, record, table

SUITES: list[tuple[str, Callable[[], list[Result]]]] = [
    ("rule files", bench_core.rule_files),
    ("estimates", bench_core.estimates),
    ("what-if curve", bench_core.whatif_curve),
    ("cold start", bench_core.cold_start),
    ("page reruns", bench_core.page_reruns),
    ("pdf", bench_core.pdf_report),
    ("xlsx", bench_core.xlsx_export),
    ("taxes", bench_tax.taxes),
    ("autosave", bench_autosave.autosave_edits),
    ("csv", bench_csv_import.csv_import),
    ("server: reruns", bench_server.reruns),
    ("server: parts of a 10k rerun", bench_parts.parts),
    ("server: click to idle", bench_server.click_to_idle),
    ("server: gc and pickling", bench_server.gc_and_pickling),
    ("server: memory over 500 reruns", bench_server.memory_over_reruns),
    ("server: many people", bench_server.many_people),
]


def main(argv: list[str]) -> int:
    chosen = [s for s in SUITES if not argv or s[0] in argv or s[0].split(":")[0] in argv]
    results: list[Result] = []
    for name, suite in chosen:
        print(f"measuring {name} ...", flush=True)
        try:
            results.extend(suite())
        except Exception as exc:  # a broken benchmark is reported, not fatal to the others
            traceback.print_exc()
            results.append(Result(name, "error", "-", False, f"{type(exc).__name__}: {exc}"))
    print(f"\n{machine()}; {load()}\n")
    print(table(results))
    record(results)
    return 0 if all(r.passed is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
