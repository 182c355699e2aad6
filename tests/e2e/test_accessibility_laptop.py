"""Every page at laptop size (1280x900), with no case open and with the demo case open: no serious or critical
axe-core violations (issue 17). Phone size: test_accessibility_phone.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.accessibility import SIZES, audit, failing, go_to
from tests.e2e.conftest import Server
from tests.e2e.test_smoke import PAGES, open_demo


@pytest.mark.parametrize("with_case", [False, True], ids=["no-case", "demo-case"])
def test_every_page_passes_axe_at_laptop_size(page: Page, server: Server, with_case: bool) -> None:
    check_every_page(page, server, "laptop", with_case)


def check_every_page(page: Page, server: Server, size: str, with_case: bool) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    if with_case:
        open_demo(page, server)
    else:
        page.goto(server.url)
    unexpected, known = [], []
    for url_path, link, heading in PAGES:
        go_to(page, link, heading)
        found = audit(page, f"{size}-{'demo-case' if with_case else 'no-case'}-{url_path}")
        bad, expected = failing(found, url_path)
        unexpected += bad
        known += expected
    assert not unexpected, "serious or critical axe-core violations:\n" + "\n".join(map(str, unexpected))
    if known:
        pytest.xfail("known violations on pages other work owns:\n" + "\n".join(known))
