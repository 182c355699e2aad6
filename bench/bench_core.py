"""The benchmarks behind issue 10's targets. Each function returns Results; bench/__main__.py prints them."""

from __future__ import annotations

import functools
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from bench.harness import Result, interleaved_median_seconds, median_seconds, ms, peak_python_memory, timing

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo-case.json"
EXAMPLES = sorted((REPO / "data" / "examples").glob("*.case.json"))
PAGES = ["start", "situation", "child_support", "lawyer", "documents", "money", "report"]


def _demo():
    from casefile.storage import load_case

    return load_case(DEMO)


def rule_files() -> list[Result]:
    """Loading and validating every rule file, tables included, with nothing cached: < 200 ms."""
    from jurisdictions.loader import load_rule_file, rule_file_paths

    paths = rule_file_paths()
    seconds = median_seconds(lambda: [load_rule_file(p) for p in paths], runs=5)
    return [timing(f"load + validate all {len(paths)} rule files (with tables)", seconds, 200)]


def estimates() -> list[Result]:
    """One estimate for each jurisdiction's example case (rule files already loaded, as in the app): < 1 ms."""
    from calculators.child_support import estimate
    from casefile.storage import load_case

    results = []
    for path in EXAMPLES:
        case = load_case(path)
        estimate(case)  # warm: rule file and its table loaded once per process, as in the running app
        seconds = median_seconds(lambda case=case: estimate(case), runs=51)
        results.append(timing(f"one estimate, {case.jurisdiction}", seconds, 1))
    return results


def whatif_curve() -> list[Result]:
    """A 1,000-point what-if curve (support against the payer's income), per jurisdiction: < 50 ms.

    The jurisdictions' runs are interleaved (round after round), so a slow spell on this shared machine touches a
    few runs of each rather than every run of one; the median of 11 runs each is reported."""
    from calculators import whatif
    from calculators.child_support import estimate, rule_view
    from casefile.storage import load_case

    top = Decimal(20000)
    xs = [(top * i / 999).quantize(Decimal("0.01")) for i in range(1000)]  # incomes in whole cents
    curves: dict[str, Callable[[], object]] = {}
    for path in EXAMPLES:
        case = load_case(path)
        payer = estimate(case).payer or "parent_b"
        view = rule_view(case)
        curves[case.jurisdiction] = functools.partial(whatif.income_curve, case, view, payer, xs)
    seconds = interleaved_median_seconds(curves, runs=11)
    return [timing(f"1,000-point income curve, {code}", seconds[code], 50) for code in curves]


def cold_start() -> list[Result]:
    """Importing app.py's modules in a fresh interpreter (what a cold start pays): < 2 s."""
    code = (
        "import time; t = time.perf_counter()\n"
        "import streamlit, plotly\n"
        "import ui.chrome, ui.start, ui.situation, ui.child_support, ui.lawyer, ui.documents, ui.money, ui.report\n"
        "print(time.perf_counter() - t)\n"
    )
    times = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return [Result("import app.py's modules (cold, fresh process)", ms(statistics.median(times)), "< 2000 ms",
                   statistics.median(times) < 2)]


def page_reruns() -> list[Result]:
    """A page rerun after an input change: AppTest run of each page with the demo case, server side: < 100 ms."""
    from streamlit.testing.v1 import AppTest

    from ui.state import CASE_KEY

    os.environ.setdefault("ORGANIZER_DATA_DIR", tempfile.mkdtemp(prefix="organizer-bench-"))
    results = []
    # the child-support page works out only the open chart tab: measure it with each tab open
    runs = [(page, page, {}) for page in PAGES]
    runs.insert(PAGES.index("child_support") + 1,
                ("child_support, nights tab", "child_support", {"cs_chart_tab": "Nights with each parent"}))
    for label, page, widgets in runs:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        at.session_state[CASE_KEY] = _demo()
        at.run()
        at.switch_page(f"ui/pages/{page}.py").run()
        for key, value in widgets.items():
            at.session_state[key] = value
        at.run()
        if at.exception:
            results.append(Result(f"rerun: {label}", "error", "< 100 ms", False, at.exception[0].message[:80]))
            continue
        # an input change: touch the case so everything downstream recomputes, then rerun the page
        titles = iter(f"bench {i}" for i in range(10_000))

        def rerun(at: AppTest = at, titles=titles) -> None:
            case = at.session_state[CASE_KEY]
            at.session_state[CASE_KEY] = case.model_copy(update={"title": next(titles)})
            at.run()

        seconds = median_seconds(rerun, runs=9)
        results.append(timing(f"page rerun after a change: {label}", seconds, 100))
    return results


def _case_with_expenses(count: int):
    """The demo case with ``count`` varied expenses (the same rows bench_xlsx builds)."""
    from bench.bench_xlsx import make_case

    return _demo().model_copy(update={"expenses": make_case(count).expenses})


def pdf_report() -> list[Result]:
    """Consultation PDF (results + layout): demo case < 300 ms; with 1,000 expenses < 1 s."""
    from calculators.summary import compute_results
    from reports.pdf import ReportOptions, build_pdf

    out = []
    for label, case, limit in (("demo case", _demo(), 300), ("1,000 expenses", _case_with_expenses(1000), 1000)):
        seconds = median_seconds(lambda case=case: build_pdf(case, compute_results(case), ReportOptions()), runs=5)
        out.append(timing(f"consultation PDF, {label}", seconds, limit))
    return out


def xlsx_export() -> list[Result]:
    """XLSX of 100,000 expenses vs pandas.DataFrame.to_excel (openpyxl engine) on the same rows: >= 3x faster (the
    worst of 3 paired, interleaved rounds: bench_xlsx.paired), lower peak memory (each side in its own fresh process
    so peak memory is comparable)."""
    from bench.bench_xlsx import paired

    rows = 100_000
    runs = paired(rows, rounds=3)
    ours = _xlsx_child("ours", rows)
    theirs = _xlsx_child("pandas", rows)
    ratio = runs.worst_ratio
    return [
        Result(f"XLSX {rows:,} expenses, worst of 3 paired rounds", f"{ratio:.1f}x faster", ">= 3x", ratio >= 3,
               runs.describe()),
        Result(f"XLSX peak memory: ours {ours['peak_mb']:.0f} MB vs pandas {theirs['peak_mb']:.0f} MB",
               f"{ours['peak_mb'] / theirs['peak_mb']:.2f} of pandas", "< 1.00", ours["peak_mb"] < theirs["peak_mb"]),
    ]


def _xlsx_child(which: str, rows: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-m", "bench.bench_core", "xlsx-child", which, str(rows)], cwd=REPO,
                         capture_output=True, text=True, check=True, timeout=900)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _xlsx_child_main(which: str, rows: int) -> None:
    """Build the same expense rows once, then time one export (plain) and measure its peak Python memory (a second
    export under tracemalloc, which would distort the timing). pandas writes the same 12 columns (bench_xlsx)."""
    from bench.bench_xlsx import make_case, with_pandas
    from reports.xlsx import build_xlsx

    case = make_case(rows)
    build = build_xlsx if which == "ours" else with_pandas
    gc.collect()
    start = time.perf_counter()
    build(case)
    seconds = time.perf_counter() - start
    gc.collect()
    peak = peak_python_memory(lambda: build(case))
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1e6}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "xlsx-child":
        _xlsx_child_main(sys.argv[2], int(sys.argv[3]))
