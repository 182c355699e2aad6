"""How long the consultation report takes for the demo case (issue 8: "well under a second").

    .venv/bin/python bench/bench_pdf.py [RUNS]

Prints the median and worst time of compute_results + build_pdf, after one warm-up run (font loading, imports).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from calculators.summary import compute_results
from casefile.storage import load_case
from reports.pdf import ReportOptions, build_pdf

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo-case.json"


def main(runs: int = 10) -> None:
    case = load_case(DEMO)
    build_pdf(case, compute_results(case), ReportOptions())  # warm-up
    results_s, pdf_s = [], []
    for _ in range(runs):
        start = time.perf_counter()
        results = compute_results(case)
        middle = time.perf_counter()
        data = build_pdf(case, results, ReportOptions())
        results_s.append(middle - start)
        pdf_s.append(time.perf_counter() - middle)
    total = [a + b for a, b in zip(results_s, pdf_s, strict=True)]
    print(f"demo case, {runs} runs, {len(data):,} bytes")
    print(f"  compute_results  median {statistics.median(results_s) * 1000:6.0f} ms")
    print(f"  build_pdf        median {statistics.median(pdf_s) * 1000:6.0f} ms")
    print(f"  total            median {statistics.median(total) * 1000:6.0f} ms, worst {max(total) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
