"""In a real browser: start a new case, fill the intake, reach the estimate and see the what-if chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from jurisdictions.loader import jurisdiction_codes
from tests.e2e.conftest import Server, wait_idle

pytestmark = pytest.mark.e2e


def commit(page: Page, label: str, value: str, nth: int = 0) -> None:
    """Type into a text box and press Enter (Streamlit sends text on Enter or when the box loses focus)."""
    box = page.get_by_label(label, exact=True).nth(nth)
    box.fill(value)
    box.press("Enter")
    wait_idle(page)


@pytest.mark.skipif("GB" not in jurisdiction_codes(), reason="a new case starts under GB")
def test_new_case_from_intake_to_estimate(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", name=re.compile("Get organised"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Start a new case").click()
    wait_idle(page)  # a page link clicked while that rerun is still running can be lost
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile("My case"))).to_be_visible(timeout=15_000)
    page.get_by_role("link", name="Your situation", exact=True).first.click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Your situation")).to_be_visible(timeout=20_000)

    commit(page, "Your name or initials (shown only to you)", "Sam")
    commit(page, "The other parent's name or initials", "Jordan")
    page.get_by_role("button", name="Add a child").click()
    wait_idle(page)
    commit(page, "Child 1: first name or initials", "Maya")
    # A new case has every night with Sam (365 / 0), so Jordan is the paying parent.
    expect(page.get_by_text("365", exact=True).first).to_be_visible(timeout=10_000)

    page.get_by_role("tab", name="Jordan").click()
    page.get_by_role("button", name="Add income").last.click()
    wait_idle(page)
    commit(page, "Amount", "2,600")
    # live conversion: 2,600 a month x 12 = 31,200 a year; / 52 = 600 a week
    expect(page.get_by_text("= £2,600.00 a month (£600.00 a week, £31,200.00 a year)")).to_be_visible(
        timeout=15_000)

    page.get_by_role("link", name="Child support", exact=True).first.click()
    # GB basic rate for one child: 12% of £600 a week = £72.00 (no nights with Jordan: no shared-care cut)
    expect(page.get_by_text("Jordan pays Sam about £72.00 a week")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("not legal advice").first).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
    wait_idle(page)
    # the nights chart is worked out when its tab is opened (the click reruns the page)
    page.get_by_role("tab", name="Nights with each parent").click()
    expect(page.locator(".js-plotly-plot").filter(has_text="Nights a year with")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Traceback")).to_have_count(0)
