"""Hostile inputs at every entry point: each gets a clear message, never a traceback, and changes nothing stored.

Entry points: typed amounts (parse_money), the Case (build_case), case files (load_case and `organizer estimate`),
dates in the estimate, rule files (`organizer rules validate`). Other parts add theirs beside their code's tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.child_support import EstimateUnavailable, estimate
from casefile.money import parse_money
from casefile.storage import CaseFileError, case_to_json, load_case, save_case
from casefile.validation import CaseInvalid, build_case
from jurisdictions.loader import parse_rule_text
from jurisdictions.yamlstrict import DataFileError

REPO = Path(__file__).resolve().parents[2]
NUMBERS = ["-1", "-0.01", "NaN", "nan", "Infinity", "-inf", "1e308", "1e-308", "1,000.00", "", " ", "1.2.3",
           "12abc", "٣٤٥", "0x10", "1_000", "+5", "--5", "9" * 400, "1e99999999999", "\u00a0100", "£-5"]
TEXTS = ["Ann \u202eevil", "عائشة", "🙂" * 50, "x" * 100_000, "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
         "<b>Ann & Co</b>", "\x00\x07\x1b[31m", "Zoë Ωmega Дмитрий", "\r\n\t", "'; DROP TABLE cases; --"]
DATES = ["2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "1900-01-01", "2026-13-01", "yesterday", "", "29/02/2024"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_typed_amounts(tally) -> None:
    failures = 0
    for text in NUMBERS:
        try:
            value = parse_money(text)
        except ValueError as exc:
            assert str(exc) and "Traceback" not in str(exc)
            continue
        # accepted values are finite, sane numbers
        if value is not None and (not value.is_finite() or abs(value) >= 10**12):
            failures += 1
    tally.record("typed amounts (parse_money)", len(NUMBERS), failures)
    assert failures == 0


@pytest.mark.parametrize("field", ["amount", "hours_per_week"])
def test_numbers_in_the_case(tally, field: str) -> None:
    tried = 0
    for text in NUMBERS:
        item: dict[str, Any] = {"amount": "10", "frequency": "hourly", "hours_per_week": "30", field: text}
        tried += 1
        try:
            case = build_case({"parent_a": {"display_name": "Alex", "income": [item]}})
        except CaseInvalid as exc:
            assert all(e.message.startswith("Income for Alex (item 1)") for e in exc.errors), exc.errors
            continue
        annual = case.parent_a.annual_income()
        assert annual is None or (annual.is_finite() and annual >= 0)
    tally.record(f"Case numbers ({field})", tried)


def test_texts_in_the_case(tally) -> None:
    for text in TEXTS:
        data = {"title": text[:200], "parent_a": {"display_name": text}, "children": [{"name": text}],
                "notes": {"anything_else": text}}
        try:
            case = build_case(data)
        except CaseInvalid as exc:
            assert all(e.message and "Traceback" not in e.message for e in exc.errors)
            continue
        assert case_to_json(case)  # whatever is accepted can be saved
    tally.record("Case texts (names, notes)", len(TEXTS))


def test_dates_in_the_case(tally) -> None:
    for text in DATES:
        try:
            build_case({"separation": {"date_of_separation": text}, "children": [{"name": "M", "date_of_birth": text}]})
        except CaseInvalid as exc:
            assert all(e.message for e in exc.errors)
    tally.record("Case dates", len(DATES))


@pytest.mark.parametrize("as_of", [date(2024, 2, 29), date(1, 1, 1), date(9999, 12, 31), date(1990, 1, 1)])
def test_estimate_dates(tally, as_of: date) -> None:
    from jurisdictions.loader import jurisdiction_codes

    codes = jurisdiction_codes()
    for code in codes:
        case = load_case(REPO / "data" / "demo-case.json")
        try:
            result = estimate(case, jurisdiction=code, as_of=as_of)
        except EstimateUnavailable as exc:
            assert str(exc) and "Traceback" not in str(exc)
            continue
        assert result.amount is None or result.amount >= 0
    tally.record("estimate as-of dates", len(codes))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(payload=json_values)
def test_case_files_with_wrong_types(payload: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("case") / "hostile.case.json"
    envelope = {"format": "separation-organizer-case", "schema_version": 1, "case": payload}
    path.write_text(json.dumps(envelope))
    try:
        load_case(path)
    except CaseFileError as exc:
        assert str(exc) and "\n" not in str(exc)


@SETTINGS
@given(patch=st.dictionaries(st.sampled_from(["parent_a", "parent_b", "children", "parenting_time", "separation",
                                              "jurisdiction", "estimate", "expenses", "budget", "checklist"]),
                             json_values, max_size=3))
def test_demo_case_with_hostile_fields(patch: dict[str, Any]) -> None:
    data = json.loads((REPO / "data" / "demo-case.json").read_text())["case"]
    data.update(patch)
    try:
        case = build_case(data)
    except CaseInvalid as exc:
        assert exc.errors and all(e.message for e in exc.errors)
        return
    try:
        estimate(case)
    except EstimateUnavailable as exc:
        assert str(exc)


def test_case_file_shapes_and_nothing_changes(tally, tmp_path: Path) -> None:
    good = REPO / "data" / "demo-case.json"
    text = good.read_text()
    stored = tmp_path / "stored.case.json"
    save_case(load_case(good), stored)
    before = stored.read_bytes()
    hostile = {
        "truncated": text[: len(text) // 2],
        "empty": "",
        "future version": text.replace('"schema_version": 1', '"schema_version": 7', 1),
        "wrong types": text.replace('"children": [', '"children": {"a": [', 1),
        "not json": "<html>hello</html>",
        "binary": "\x00\x01\x02",
        "array": "[]",
        "huge number": text.replace('"14.20"', '"1e999999"', 1),
    }
    for name, content in hostile.items():
        path = tmp_path / f"{name}.json"
        path.write_text(content)
        out = subprocess.run([sys.executable, "-m", "cli", "estimate", str(path)], cwd=REPO,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 2, (name, out.stderr)
        assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, (name, out.stderr)
    big = tmp_path / "50mb.json"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(CaseFileError, match="too large"):
        load_case(big)
    assert stored.read_bytes() == before  # the stored case is never touched by a failed open
    tally.record("case files (organizer estimate)", len(hostile) + 1)


RULE = (REPO / "tests" / "fixtures" / "rules" / "ZZ.yaml").read_text()
RULE_BREAKS = {
    "duplicate key": RULE.replace("currency: GBP\n", "currency: GBP\ncurrency: USD\n"),
    "infinity": RULE.replace("value: 100.50", "value: .inf"),
    "not a number": RULE.replace("value: 100.50", "value: .nan"),
    "unknown field": RULE.replace("period: week\n", "period: week\nperiod_extra: 1\n"),
    "missing reference": RULE.replace("references: [act]", "references: [ghost]", 1),
    "overlapping dates": RULE.replace("to: 2024-12-31", "to: 2026-01-01"),
    "bad date": RULE.replace("from: 2025-01-01", "from: 2025-02-30"),
    "band gap": RULE.replace("lower: 100, upper: null", "lower: 120, upper: null"),
    "tabs and junk": "\t\x00code: ZZ",
    "not a mapping": "- a\n- b\n",
    "empty": "",
    "anchors": "a: &x [1]\nb: *x\n<<: {c: 1}\n",
    "billion laughs": "a: &a ['x','x']\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
}


def test_rule_files(tally) -> None:
    for name, text in RULE_BREAKS.items():
        with pytest.raises(DataFileError) as info:
            parse_rule_text(text, "ZZ.yaml")
        for problem in info.value.problems:
            assert str(problem).startswith("ZZ.yaml"), (name, str(problem))
    tally.record("rule files (rules validate)", len(RULE_BREAKS))


@SETTINGS
@given(text=st.text(max_size=400))
def test_rule_file_fuzz(text: str) -> None:
    try:
        parse_rule_text(text, "fuzz.yaml")
    except DataFileError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml") for p in exc.problems)


CHECKLIST = (REPO / "tests" / "fixtures" / "checklists" / "valid.yaml").read_text()


def test_checklist_files(tally) -> None:
    """Every malformed checklist file gives file:line problems, never a traceback."""
    from checklists.loader import parse_checklist_text
    from checklists.select import CONDITIONS

    breaks = {name: CHECKLIST.replace(old, new, 1) for name, (old, new) in {
        "duplicate key": ("items:", "items: []\nitems:"),
        "unknown field": ("items:", "colour: blue\nitems:"),
        "binary junk": ("items:", "\x00\x01items:"),
        "wrong type": ("items:", "items: 5\nignored:"),
    }.items()}
    breaks |= {"empty": "", "not a mapping": "- 1\n- 2\n", "bad yaml": "items: [\n"}
    bad_dir = REPO / "tests" / "fixtures" / "checklists" / "bad"
    breaks |= {path.name: path.read_text() for path in sorted(bad_dir.glob("*.yaml"))}
    for name, text in breaks.items():
        with pytest.raises(DataFileError) as info:
            parse_checklist_text(text, "list.yaml", CONDITIONS)
        assert all(str(p).startswith("list.yaml") for p in info.value.problems), name
    tally.record("checklist files", len(breaks))


def test_report_with_hostile_texts(tally) -> None:
    """Names and notes with markup, right-to-left marks, emoji and huge text print literally; the PDF builds."""
    import io

    from pypdf import PdfReader

    from calculators.summary import compute_results
    from reports.pdf import ReportOptions, build_pdf

    data = json.loads(case_to_json(load_case(REPO / "data" / "demo-case.json")))["case"]
    for text in TEXTS:
        try:
            case = build_case({**data, "parent_b": {**data["parent_b"], "display_name": text[:80]},
                               "notes": {"anything_else": text[:20000], "questions": [text[:20000]]}})
        except CaseInvalid as exc:  # e.g. a name of only spaces: refused with a plain message
            assert all(e.message for e in exc.errors)
            continue
        pdf = build_pdf(case, compute_results(case), ReportOptions())
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) >= 2
        for page in reader.pages:
            assert "/Annots" not in page  # markup in user text never becomes a link
    tally.record("report (names and notes)", len(TEXTS))


CSV_GOOD = "date,description,category,amount,paid by\n2026-03-02,School trip,education,45.00,Sam\n"
CSV_HOSTILE = {
    "wrong delimiter (one column)": CSV_GOOD.replace(",", " "),
    "semicolons": CSV_GOOD.replace(",", ";"),
    "latin-1 bytes": "date,description,category,amount,paid by\n2026-03-02,Caf\xe9,other,3.50,Sam\n",
    "missing columns": "date,description\n2026-03-02,Trip\n",
    "empty": "",
    "header only": "date,description,category,amount,paid by\n",
    "formula text": CSV_GOOD + "2026-03-03,=HYPERLINK(\"http://x\"),other,1,Sam\n",
    "bad numbers": CSV_GOOD + "2026-03-04,Shoes,clothing,NaN,Sam\n2026-03-05,Shoes,clothing,1e308,Sam\n",
    "bad dates": CSV_GOOD + "2023-02-29,Shoes,clothing,5,Sam\n9999-99-99,Shoes,clothing,5,Sam\n",
    "unknown payer": CSV_GOOD + "2026-03-06,Shoes,clothing,5,Somebody\n",
    "ragged rows": CSV_GOOD + "2026-03-07,Shoes\n2026-03-08,a,b,c,d,e,f,g\n",
    "binary": "\x00\x01\x02\x03PK\x03\x04",
    "right-to-left and emoji": CSV_GOOD + "2026-03-09,\u202edrawkcab 🙂,other,2,Sam\n",
}


def test_csv_imports(tally) -> None:
    """Every hostile CSV gives a whole-file error or per-row reasons; no row is dropped without a reason."""
    from casefile.expense_import import read_expenses_csv

    case = load_case(REPO / "data" / "demo-case.json")
    for name, text in CSV_HOSTILE.items():
        data = text.encode("latin-1") if name == "latin-1 bytes" else text.encode("utf-8")
        result = read_expenses_csv(data, case)
        if result.error:
            assert "Traceback" not in result.error and result.error.strip(), name
            continue
        data_lines = [n for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1)
                      if n > 1 and line.strip()]
        accounted = len(result.good_lines) + len(result.problems)
        assert accounted == len(data_lines), (name, accounted, data_lines)  # nothing silently dropped
        assert all(p.problems for p in result.problems), name
    tally.record("CSV expense imports", len(CSV_HOSTILE))
