"""In a real browser: a case with 10,000 expenses opens, and editing it on Money and Your situation finishes (issue 20).

Speed itself is measured in bench/ (bench_server.py); this test checks that a big case works at all through the real
server, its autosave and the browser's rendering of a 10,000-row table, with each step bounded (no step may wait
more than two minutes, however slow the shared test machine is).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.bench_xlsx import make_case
from casefile.storage import case_file_bytes, load_case
from tests.e2e.conftest import REPO, Server, start_server, wait_idle

pytestmark = pytest.mark.e2e

STEP_MS = 120_000
EXPENSES = 10_000


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of its own: the big case it saves never shows in other tests' lists of saved cases."""
    base = tmp_path_factory.mktemp("e2e-big")
    srv = start_server(base / "data", base / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def big_case_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo = load_case(REPO / "data" / "demo-case.json")
    case = demo.model_copy(update={"title": "Ten thousand expenses", "expenses": make_case(EXPENSES).expenses})
    path = tmp_path_factory.mktemp("big-case") / "big.case.json"
    path.write_bytes(case_file_bytes(case))
    return path


def balance_to_sam(page: Page) -> Decimal:
    """The Money page's headline as an amount owed to Sam (negative when Sam owes Jordan)."""
    heading = page.get_by_role("heading", name=re.compile(r"owes .* £"))
    expect(heading).to_be_visible(timeout=STEP_MS)
    match = re.search(r"(Jordan|Sam) owes (Sam|Jordan) £([\d,]+\.\d\d)", heading.inner_text())
    assert match, heading.inner_text()
    amount = Decimal(match.group(3).replace(",", ""))
    return amount if match.group(2) == "Sam" else -amount


def test_a_case_with_ten_thousand_expenses_opens_and_edits(page: Page, own_server: Server,
                                                           big_case_file: Path) -> None:
    page.set_default_timeout(STEP_MS)
    page.goto(own_server.url)
    expect(page.get_by_role("heading", name=re.compile("Get organised"))).to_be_visible(timeout=STEP_MS)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(big_case_file))
    page.get_by_role("button", name="Open “Ten thousand expenses”").click()
    wait_idle(page, timeout=STEP_MS)
    expect(page.get_by_text("Open now:")).to_be_visible(timeout=STEP_MS)

    page.get_by_role("link", name="Money", exact=True).first.click()
    wait_idle(page, timeout=STEP_MS)
    before = balance_to_sam(page)
    # Sam pays £100.00 for a new expense, split by hand 50/50: Jordan owes Sam half, £50.00, more than before
    page.locator(".st-key-money_add_description input").fill("Swimming lessons")
    page.locator(".st-key-money_add_amount input").fill("100.00")
    page.locator(".st-key-money_add_basis").get_by_text("Set it by hand").click()
    expect(page.locator(".st-key-money_add_custom input")).to_have_value("50.00")
    page.get_by_role("button", name="Add expense").click()
    wait_idle(page, timeout=STEP_MS)
    expect(page.get_by_text("Added: Swimming lessons, £100.00.")).to_be_visible(timeout=STEP_MS)
    assert balance_to_sam(page) - before == Decimal("50.00")

    page.get_by_role("link", name="Your situation", exact=True).first.click()
    wait_idle(page, timeout=STEP_MS)
    box = page.locator(".st-key-sit_parent_a_income_0_amt input")
    box.fill("15.00")
    box.press("Enter")
    wait_idle(page, timeout=STEP_MS)
    # £15.00 an hour for 30 hours a week: 15 x 30 = £450.00 a week; x 52 = £23,400.00 a year; / 12 = £1,950.00 a month
    expect(page.get_by_text("= £1,950.00 a month (£450.00 a week, £23,400.00 a year)")).to_be_visible(
        timeout=STEP_MS)
    expect(page.get_by_text("Traceback")).to_have_count(0)
