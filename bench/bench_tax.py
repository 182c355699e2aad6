"""The tax component (issue 15): one computation, an estimate-sized call (two parents) and a 1,000-income batch,
each with the cache cold (miss) and warm (hit), and the one-off cost of the library's first use.

Targets are the issue's: an estimate < 1 ms, a 1,000-point curve < 50 ms (the tax part alone is measured here; the
engine's own arithmetic comes on top), cold start < 2 s (the library is imported lazily, so it is not in the app's
start-up; its first use is measured on its own).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from decimal import Decimal

from bench.bench_core import REPO
from bench.harness import Result, median_seconds, ms


def timing(name: str, seconds: float, limit_ms: float, note: str = "") -> Result:
    """As bench.harness.timing, with three decimals: a cache hit takes microseconds."""
    return Result(name, f"{seconds * 1000:.3f} ms", f"< {limit_ms:g} ms", seconds * 1000 < limit_ms, note)


def _people():
    from calculators.tax import tax_person, vary_income

    payer = tax_person(wages=Decimal(85000), state="CA", filing_status="single")
    payee = tax_person(wages=Decimal(42000), state="CA", filing_status="head_of_household", dependents=2)
    xs = [Decimal(200) * i for i in range(1000)]
    return payer, payee, vary_income(payer, "wages", xs), vary_income(tax_person(state="TX"), "wages", xs)


def taxes() -> list[Result]:
    from calculators.tax import PRESETS, clear_cache, compute_taxes, compute_taxes_batch

    ca, tx = PRESETS["us_ca_4059"], PRESETS["us_tx_tax_chart"]
    payer, payee, ca_curve, tx_curve = _people()

    def miss(fn):
        def run() -> None:
            clear_cache()
            fn()
        return run

    one_ca = lambda: compute_taxes(payer, ca, 2025)  # noqa: E731
    one_tx = lambda: compute_taxes(tx_curve[425], tx, 2026)  # noqa: E731
    both = lambda: compute_taxes_batch((payer, payee), ca, 2025)  # noqa: E731
    curve_ca = lambda: compute_taxes_batch(ca_curve, ca, 2025)  # noqa: E731
    curve_tx = lambda: compute_taxes_batch(tx_curve, tx, 2026)  # noqa: E731
    one_ca()  # the library imported and warm, as after the first estimate in the running app
    results = [
        timing("tax: one person, TX chart 2026 (filled), cache miss", median_seconds(miss(one_tx), runs=51), 1),
        timing("tax: one person, CA 2025 (taxsim-py), cache miss", median_seconds(miss(one_ca), runs=21), 1,
               "the library's fixed cost per call (Polars plans, 4 collects), whatever the rows"),
        timing("tax: estimate-sized call, 2 parents CA 2025, cache miss", median_seconds(miss(both), runs=21), 1,
               "once per new input; the app's reruns hit the cache"),
        timing("tax: estimate-sized call, 2 parents CA 2025, cache hit", median_seconds(both, runs=201), 1),
        timing("tax: 1,000-income batch, CA 2025, cache miss", median_seconds(miss(curve_ca), runs=11), 50),
        timing("tax: 1,000-income batch, CA 2025, cache hit", median_seconds(curve_ca, runs=11), 50),
        timing("tax: 1,000-income batch, TX chart 2026, cache miss", median_seconds(miss(curve_tx), runs=11), 50),
    ]
    return [*results, *first_use()]


def first_use() -> list[Result]:
    """A fresh interpreter: import the component (what the app's start pays) and then work out one tax (what the
    first estimate with taxes pays: the library and Polars imported), with the peak memory after it."""
    code = (
        "import time, resource\n"
        "from decimal import Decimal\n"
        "import pydantic, yaml, jurisdictions.yamlstrict, casefile.models  # the app imports these anyway\n"
        "t = time.perf_counter()\n"
        "import calculators.tax as tax\n"
        "t1 = time.perf_counter()\n"
        "tax.compute_taxes(tax.tax_person(wages=Decimal(85000), state='CA'), tax.PRESETS['us_ca_4059'], 2025)\n"
        "t2 = time.perf_counter()\n"
        "print(t1 - t, t2 - t1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
        runs.append([float(x) for x in out.stdout.split()])
    imported, first, rss = (statistics.median(column) for column in zip(*runs, strict=True))
    return [
        timing("tax: import calculators.tax, after pydantic (fresh process)", imported, 2000,
               "what the component adds to the app's start; the library is not imported"),
        Result("tax: first tax in a fresh process (imports taxsim-py, Polars)", ms(first), "n/a", None,
               "paid once, at the first estimate with taxes, not at app start"),
        Result("tax: peak memory of that process (RSS)", f"{rss:.0f} MB", "n/a", None, "Python + Polars + taxsim-py"),
    ]
