"""Every page at phone size (390x844), with no case open and with the demo case open: no serious or critical
axe-core violations, the open menu included; and on a phone quick exit covers no other control (issue 17)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import audit, failing, go_to, open_menu, page_height
from tests.e2e.conftest import Server, wait_idle
from tests.e2e.test_accessibility_laptop import check_every_page
from tests.e2e.test_smoke import open_demo


@pytest.mark.parametrize("with_case", [False, True], ids=["no-case", "demo-case"])
def test_every_page_passes_axe_at_phone_size(page: Page, server: Server, with_case: bool) -> None:
    check_every_page(page, server, "phone", with_case)


def test_the_open_menu_passes_axe_and_exit_covers_nothing(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_demo(page, server)
    open_menu(page)
    bad, _ = failing(audit(page, "phone-demo-case-menu"), "menu")
    assert not bad, "\n".join(map(str, bad))
    exit_box = page.get_by_role("button", name="Exit this page").bounding_box()
    close_box = page.get_by_role("button", name="Close the menu").bounding_box()
    assert exit_box and close_box
    overlap_x = min(exit_box["x"] + exit_box["width"], close_box["x"] + close_box["width"]) - max(exit_box["x"], close_box["x"])
    overlap_y = min(exit_box["y"] + exit_box["height"], close_box["y"] + close_box["height"]) - max(exit_box["y"], close_box["y"])
    assert overlap_x <= 0 or overlap_y <= 0, f"Exit this page {exit_box} covers the menu's close control {close_box}"
    # tapping the close control closes the menu (and does not leave the app)
    page.get_by_role("button", name="Close the menu").click()
    page.wait_for_timeout(500)
    assert page.url.startswith(server.url) and "_stcore/health" not in page.url
    assert page.get_by_role("button", name="Menu", exact=True).is_visible()


def test_documents_come_in_groups_that_stay_open_while_you_work(page: Page, server: Server) -> None:
    """The Documents page was a 12,000-pixel scroll on a phone: the list is now in closed groups with their counts,
    and a group stays open while its items are changed."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_demo(page, server)
    go_to(page, "Documents", "Documents")
    assert page_height(page) < 4000, "the Documents page is still very long on a phone"
    group = page.get_by_text(re.compile(r"^Bank and cash: 1 of \d+ gathered"))
    expect(group).to_be_visible()
    group.click()
    wait_idle(page)
    status = page.get_by_role("combobox", name=re.compile("Status")).first
    expect(status).to_be_visible(timeout=15_000)
    status.click()
    page.get_by_role("option", name="Still needed").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"^Bank and cash: 0 of \d+ gathered"))).to_be_visible(timeout=15_000)
    expect(page.get_by_role("combobox", name=re.compile("Status")).first).to_be_visible()  # still open


_SCROLLS_SIDEWAYS = """(selector) => [...document.querySelectorAll(selector)].map((e) => {
  const wider = e.scrollWidth > e.clientWidth + 2;
  e.scrollLeft = 120;
  const moved = e.scrollLeft > 0;
  e.scrollLeft = 0;
  return {wider: wider, moved: moved, clipped: wider && getComputedStyle(e).overflowX === 'hidden'};
})"""


def test_wide_tables_scroll_sideways_on_a_phone(page: Page, server: Server) -> None:
    """The worksheet and the expense log are wider than a phone: each scrolls sideways instead of being cut off."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_demo(page, server)
    go_to(page, "Child support", "Child support")
    worksheet = page.evaluate(_SCROLLS_SIDEWAYS, ".organizer-scroll")
    assert worksheet and all(t["wider"] and t["moved"] for t in worksheet), worksheet
    expect(page.get_by_text("Swipe the table sideways to see the law each step follows.")).to_be_visible()
    go_to(page, "Money", "Money")
    expect(page.get_by_text("Swipe the table sideways to see every column.")).to_be_visible(timeout=15_000)
    grids = page.evaluate(_SCROLLS_SIDEWAYS, '[data-testid="stDataFrame"] .dvn-scroller')
    assert len(grids) >= 2, grids  # the months' balances and the expense log
    assert all(g["moved"] for g in grids if g["wider"]) and any(g["wider"] for g in grids), grids


def test_narrow_screen_hints_stay_hidden_on_a_laptop(page: Page, server: Server) -> None:
    open_demo(page, server)
    go_to(page, "Child support", "Child support")
    expect(page.get_by_text("Swipe the table sideways to see the law each step follows.")).to_be_hidden()
