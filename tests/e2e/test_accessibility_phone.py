"""Every page at phone size (390x844), with no case open and with the demo case open: no serious or critical
axe-core violations, the open menu included; and on a phone quick exit covers no other control (issue 17)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.accessibility import audit, failing, open_menu
from tests.e2e.conftest import Server
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
