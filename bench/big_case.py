"""The big case of issue 20: the demo case with 10,000 expenses and 50 revisions, saved as the app saves it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIG_EXPENSES = 10_000
BIG_REVISIONS = 50


def big_case_data(into: Path) -> str:
    """Copy into ``into`` (a data folder) the saved demo case with 10,000 expenses and 50 revisions; returns its
    case id (the Start page's "Continue" button key ends with it).

    Building it goes through the app's own autosave 50 times, which before the revision index took minutes on this
    machine, so it is built once and kept in a cache folder named after the code that writes it (casefile/, the demo
    case and the expense generator): a change to any of them builds it afresh."""
    sources = [*sorted((REPO / "casefile").glob("*.py")), REPO / "data" / "demo-case.json",
               REPO / "bench" / "bench_xlsx.py", Path(__file__)]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "organizer-bench" / f"big-{digest}"
    if not (cache / "case_id").exists():
        shutil.rmtree(cache, ignore_errors=True)
        (cache / "data").mkdir(parents=True)
        (cache / "case_id").write_text(build_big_case(cache / "data"))
    shutil.copytree(cache / "data", into, dirs_exist_ok=True)
    return (cache / "case_id").read_text().strip()


def build_big_case(data_dir: Path) -> str:
    """Save, in ``data_dir``, the demo case with 10,000 expenses and 50 revisions (the log growing over the
    revisions, as it would), through the app's own autosave. Returns its case id."""
    from bench.bench_xlsx import make_case
    from casefile import revisions
    from casefile.storage import load_case

    previous = os.environ.get("ORGANIZER_DATA_DIR")
    os.environ["ORGANIZER_DATA_DIR"] = str(data_dir)
    try:
        demo = load_case(REPO / "data" / "demo-case.json")
        expenses = make_case(BIG_EXPENSES).expenses
        case_id = uuid.uuid4().hex
        start = dt.datetime.now() - dt.timedelta(days=60)
        saved = None
        for number in range(1, BIG_REVISIONS + 1):
            count = BIG_EXPENSES * number // BIG_REVISIONS
            case = demo.model_copy(update={
                "case_id": case_id, "title": "Bench case, 10,000 expenses",
                "expenses": expenses.model_copy(update={"items": expenses.items[:count]}),
            })
            revisions.autosave(case, saved, None, now=start + dt.timedelta(days=number))
            saved = case
        return case_id
    finally:
        if previous is None:
            del os.environ["ORGANIZER_DATA_DIR"]
        else:
            os.environ["ORGANIZER_DATA_DIR"] = previous
