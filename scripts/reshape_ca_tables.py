"""Reshape the data pack's Canadian Federal Child Support Tables into the compact wide CSVs in jurisdictions/data/.

    .venv/bin/python scripts/reshape_ca_tables.py [PACK_DATA_DIR]   # default ../shared/reference/data

The pack's tables (ca-fcsg-{2017,2025}.csv) are long: one row per (province, children, income), ~2 MB each. We write
one row per income with one column per province and number of children (AB_1 .. AB_6, ..., YT_6):

* the pack's ``Children = 7`` column is dropped after checking it equals ``Children = 6`` in every row (both are
  the "6 or more children" column of the official tables);
* amounts are kept exactly (the 2017 file writes "461.0"; we write 461 only when the value is a whole number,
  otherwise the run stops);
* every province must have the same incomes, rising by $100.

The over-$150,000 files (ca-fcsg-{2017,2025}-over-150k.csv) keep their long form (84 rows), minus the 7-children
duplicate, with snake_case column names. The test tests/rules/test_ca.py re-checks every cell against the pack.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "SK", "YT")
CHILDREN = (1, 2, 3, 4, 5, 6)
DUPLICATE_CHILDREN = 7  # the pack's copy of the "6 or more" column
OUT = Path(__file__).resolve().parent.parent / "jurisdictions" / "data"


def whole(text: str) -> str:
    value = Decimal(text)
    if value != value.to_integral_value():
        raise SystemExit(f"not a whole-dollar amount: {text!r}")
    return str(int(value))


def wide_columns() -> list[str]:
    return [f"{p}_{c}" for p in PROVINCES for c in CHILDREN]


def reshape_table(source: Path, target: Path) -> None:
    cells: dict[tuple[str, int, int], str] = {}
    with source.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cells[(row["Jurisdiction"], int(row["Children"]), int(row["Income"]))] = whole(row["Amount"])
    incomes = sorted({income for (_, _, income) in cells})
    for p in PROVINCES:
        for income in incomes:
            if cells[(p, DUPLICATE_CHILDREN, income)] != cells[(p, 6, income)]:
                raise SystemExit(f"{source.name}: {p} {income}: 7-children column differs from 6")
    expected = {(p, c, i) for p in PROVINCES for c in (*CHILDREN, DUPLICATE_CHILDREN) for i in incomes}
    if set(cells) != expected:
        raise SystemExit(f"{source.name}: provinces/children do not all cover the same incomes")
    with target.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["income", *wide_columns()])
        for income in incomes:
            out.writerow([income, *(cells[(p, c, income)] for p in PROVINCES for c in CHILDREN)])


def reshape_over_150k(source: Path, target: Path) -> None:
    with source.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_key = {(r["Jurisdiction"], int(r["Children"])): r for r in rows}
    for p in PROVINCES:
        six, seven = by_key[(p, 6)], by_key[(p, DUPLICATE_CHILDREN)]
        if (six["BasicAmount"], six["PlusPct"]) != (seven["BasicAmount"], seven["PlusPct"]):
            raise SystemExit(f"{source.name}: {p}: 7-children row differs from 6")
    with target.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["jurisdiction", "children", "basic_amount", "plus_pct", "of_income_over"])
        for p in PROVINCES:
            for c in CHILDREN:
                r = by_key[(p, c)]
                out.writerow([p, c, whole(r["BasicAmount"]), r["PlusPct"], r["OfIncomeOver"]])


def main(pack: Path) -> None:
    for year in ("2017", "2025"):
        reshape_table(pack / f"ca-fcsg-{year}.csv", OUT / f"ca-fcsg-{year}.csv")
        reshape_over_150k(pack / f"ca-fcsg-{year}-over-150k.csv", OUT / f"ca-fcsg-{year}-over-150k.csv")


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "data"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
