"""Hostile files through the app's own upload widgets (AppTest): each ends with a plain message on the page, no
exception, within 10 s of CPU time and 500 MB of added memory - and nothing stored changes.

Widgets: "Open a case file" (Start), "Rule file" (Child support, advanced), "CSV file" (Money, import).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile import crypto, revisions
from casefile.models import Case
from casefile.storage import case_file_bytes, load_case
from tests.robustness.conftest import MEMORY_LIMIT_MB, REPO, TIME_LIMIT_S, in_process_bounds
from tests.robustness.test_hostile_files import DEMO, RULE, _crafted_protected, _deep_case

PASSPHRASE = "correct horse battery"


def _messages(at) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.warning, *at.info, *at.success])


def _upload(app_test, page: str | None, key: str, name: str, data: bytes, mime: str,
            case: Case | None = None, after=None) -> tuple[object, float, float]:
    at = app_test(case=case, page=page, timeout=60)
    with in_process_bounds(name) as measured:
        at.file_uploader(key=key).set_value((name, data, mime)).run()
        if after is not None:
            after(at)
        seconds, added_mb = measured()
    return at, seconds, added_mb


CASE_FILES: dict[str, bytes] = {
    "nested 2,000 deep": _deep_case(2000).encode(),
    "integer of 5,000 digits": _deep_case(1).replace('"notes": []', '"notes": ' + "9" * 5000).encode(),
    "duplicate keys": DEMO.replace('"title": ', '"title": "x", "title": ', 1).encode(),
    "schema_version true": DEMO.replace('"schema_version": 1', '"schema_version": true', 1).encode(),
    "not JSON": b"<html>hello</html>",
    "27 MB of zeros": bytes(27 * 1024 * 1024),
    "27 MB of brackets": b"[" * (27 * 1024 * 1024),
    "scrypt n=2**20 r=32 p=16": _crafted_protected(2**20, 32, 16),
}


def test_hostile_case_files_through_the_start_page(tally, app_test) -> None:
    """Before: a file nested 2,000 deep or with a 4,300-digit integer crashed the Start page."""
    failures = []
    for name, data in CASE_FILES.items():
        type_phrase = (lambda at: at.text_input(key="start_upload_phrase").input(PASSPHRASE).run()) \
            if data.lstrip().startswith(b"{") and b"separation-organizer-encrypted" in data[:200] else None
        at, seconds, added = _upload(app_test, None, "start_upload", "case.json", data, "application/json",
                                     after=type_phrase)
        if at.exception or not at.error or seconds > TIME_LIMIT_S or added > MEMORY_LIMIT_MB:
            failures.append(f"{name}: {[e.message for e in at.exception]} {_messages(at)[:200]} "
                            f"{seconds:.1f} s +{added:.0f} MB")
    tally.record("case files (Start: open a case file)", len(CASE_FILES), len(failures))
    assert failures == []


def test_a_protected_upload_is_decrypted_once_not_on_every_rerun(app_test, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the Start page ran scrypt again on every rerun while the protected file stayed in the uploader."""
    data = case_file_bytes(load_case(REPO / "data" / "demo-case.json"), PASSPHRASE)
    derivations: list[int] = []
    real = crypto._derive
    monkeypatch.setattr(crypto, "_derive", lambda *a: derivations.append(1) or real(*a))
    at = app_test()
    at.file_uploader(key="start_upload").set_value(("case.json", data, "application/json")).run()
    at.text_input(key="start_upload_phrase").input(PASSPHRASE).run()
    for _ in range(4):
        at.run()
    assert not at.exception and len(derivations) == 1
    assert at.button(key="start_open_upload").label.startswith("Open")
    # opening it keeps it protected: the working copy's first save is encrypted, never plain text
    at.button(key="start_open_upload").click().run()
    case_id = at.session_state["organizer_case"].case_id
    current = revisions.case_folder(case_id) / revisions.CURRENT
    assert crypto.is_encrypted(current.read_bytes())
    assert "Maya" not in current.read_text(encoding="utf-8", errors="replace")


def _rule_uploads() -> dict[str, tuple[str, bytes]]:
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    escaping = RULE.replace("model: test_model", "model: gb_cms_2012").replace(
        "file: zz-schedule.csv", "file: data/../../tests/fixtures/rules/zz-schedule.csv")
    return {
        "alias bomb": ("rules.yaml", bomb.encode()),
        "alias to itself": ("rules.yaml", b"a: &a [*a]\n"),
        "2 MB list of numbers": ("rules.yaml", ("a: [" + ",".join(["1"] * 900_000) + "]\n").encode()),
        "not UTF-8": ("rules.yaml", RULE.encode().replace(b"Test Act", b"Test \xff Act")),
        "name with ../": ("../../tests/fixtures/rules/ZZ.yaml",
                          RULE.replace("model: test_model", "model: gb_cms_2012").encode()),
        "table path out of jurisdictions/": ("rules.yaml", escaping.encode()),
    }


def test_hostile_rule_files_through_the_child_support_page(tally, app_test, demo_case: Case) -> None:
    """Before: the alias bomb grew past 4 GB in the server, and an uploaded file's ../ reached outside jurisdictions/."""
    uploads = _rule_uploads()
    failures = []
    for name, (file_name, data) in uploads.items():
        at, seconds, added = _upload(app_test, "child_support", "cs_rule_upload_0", file_name, data, "text/yaml",
                                     case=demo_case)
        problems = " ".join(str(c.value) for c in at.code)
        if at.exception or "has problems" not in _messages(at) or seconds > TIME_LIMIT_S or added > MEMORY_LIMIT_MB:
            failures.append(f"{name}: {[e.message for e in at.exception]} {problems[:200]} {seconds:.1f} s "
                            f"+{added:.0f} MB")
    tally.record("rule files (Child support: your own rule file)", len(uploads), len(failures))
    assert failures == []


def _csv_rows(count: int) -> bytes:
    head = b"date,description,category,amount,paid_by\n"
    row = b"2026-01-15,School trip,education,12.50,Sam\n"
    return head + row * count


CSV_FILES: dict[str, bytes] = {
    "a million rows": _csv_rows(1_000_000),
    "an unterminated quote in 1,000 rows": _csv_rows(5) + b'2026-01-15,"School trip,education,12.50,Sam\n'
    + _csv_rows(994)[len(b"date,description,category,amount,paid_by\n"):],
    "binary": bytes(range(256)) * 1000,
    "one 5 MB cell": b"date,description,amount,paid_by\n2026-01-01,\"" + b"x" * (5 * 1024 * 1024) + b"\",5,Sam\n",
    "decimal commas": b"date;amount;paid_by\n2026-01-01;1 234,56;Sam\n2026-01-02;1.234,56;Sam\n",
    "dates far away": b"date,amount,paid_by\n9999-12-31,5,Sam\n1900-01-01,5,Sam\n",
}


def test_hostile_csv_files_through_the_money_page(tally, app_test, demo_case: Case) -> None:
    """Before: a million rows took 39 s and 1.74 GB; one stray quote swallowed the rest of the file."""
    failures = []
    for name, data in CSV_FILES.items():
        at, seconds, added = _upload(app_test, "money", "money_upload_0", "expenses.csv", data, "text/csv",
                                     case=demo_case)
        shown = _messages(at) + " ".join(str(m.value) for m in at.markdown)
        if at.exception or not ("row(s)" in shown or at.error) or seconds > TIME_LIMIT_S or added > MEMORY_LIMIT_MB:
            failures.append(f"{name}: {[e.message for e in at.exception]} {shown[:200]} {seconds:.1f} s "
                            f"+{added:.0f} MB")
        if name == "a million rows":
            assert "Reading stopped at line 100,001" in shown, shown[:500]
        if name == "an unterminated quote in 1,000 rows":
            assert "999 row(s) can be added; 1 row(s) have problems" in shown
    tally.record("CSV imports (Money: import expenses)", len(CSV_FILES), len(failures))
    assert failures == []


def test_stored_cases_are_untouched_by_hostile_uploads(app_test, private_data_dir: Path) -> None:
    """Opening hostile files changes nothing on disk: the saved cases are byte for byte the same afterwards."""
    case = load_case(REPO / "data" / "demo-case.json")
    revisions.autosave(case, None, None)
    before = {p: p.read_bytes() for p in private_data_dir.rglob("*") if p.is_file()}
    for name, data in list(CASE_FILES.items())[:4]:
        _upload(app_test, None, "start_upload", f"{name}.json", data, "application/json")
    after = {p: p.read_bytes() for p in private_data_dir.rglob("*") if p.is_file()}
    assert after == before
    assert json.loads(case_file_bytes(case))["case"]["title"] == case.title
