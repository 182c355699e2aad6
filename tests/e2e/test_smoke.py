"""In a real browser: the app starts, the demo case opens with one click, and every page renders."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server

# (url path, navigation link, page heading)
PAGES = [
    ("situation", "Your situation", "Your situation"),
    ("child-support", "Child support", "Child support"),
    ("lawyer", "Do I need a lawyer?", "Do I need a lawyer?"),
    ("documents", "Documents", "Documents"),
    ("money", "Money", "Money"),
    ("report", "Report", "Report"),
    ("start", "Start", "Get organised"),
]


def open_demo(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", name=re.compile("Get organised"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Open the demo case").click()
    expect(page.get_by_text("Open now:")).to_be_visible(timeout=15_000)


def test_tab_title_is_neutral(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", name=re.compile("Get organised"))).to_be_visible(timeout=30_000)
    expect(page).to_have_title("Organizer")


def test_demo_case_opens_and_every_page_renders(page: Page, server: Server) -> None:
    open_demo(page, server)
    for url_path, link, heading in PAGES:
        page.get_by_role("link", name=link, exact=True).first.click()
        # the default page (Start) is served at "/"
        expected = r"/(start)?$" if url_path == "start" else f"/{url_path}$"
        expect(page).to_have_url(re.compile(expected), timeout=15_000)
        expect(page.get_by_role("heading", name=re.compile(re.escape(heading))).first).to_be_visible(timeout=15_000)
        expect(page.get_by_text("Traceback")).to_have_count(0)
        # the case stays open across pages (session state survives navigation)
        expect(page.get_by_text("No case is open yet.")).to_have_count(0)
