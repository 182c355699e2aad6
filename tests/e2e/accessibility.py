"""What the accessibility tests share: moving between pages as a person would (on a phone through the menu), running
axe-core over a whole page, and keeping a screenshot of what was checked.

axe-core comes bundled in axe-playwright-python (pinned in the test extras): it is injected into the page from the
package's own file, so nothing is fetched. Streamlit scrolls an inner element, not the document, and axe cannot judge
the colour of text outside the viewport; so each check runs with the viewport stretched to the page's full height
(same width, so the layout is the phone's or the laptop's), which is also what the screenshot shows.

Set ORGANIZER_SCREENSHOTS=/some/folder to keep the screenshots (one PNG per page, size and case state).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_idle

SIZES = {"laptop": (1280, 900), "phone": (390, 844)}
PHONE_MAX_WIDTH = 640  # below this the app's layout is the phone's (columns stack, the menu covers the page)
FAILING_IMPACTS = ("serious", "critical")
SCREENSHOTS = os.environ.get("ORGANIZER_SCREENSHOTS", "")

# Violations on pages other engineers own, each named with its file and reason; the lead clears them after merging.
# (url path, axe rule id) -> reason. Anything else that is serious or critical fails.
KNOWN: dict[tuple[str, str], str] = {
    ("situation", "scrollable-region-focusable"): (
        "ui/intake_widgets.py (intake): the fortnight picture is wider than a phone; it now scrolls sideways, so its "
        "scroll area needs keyboard access: draw it inside ui.theme.scroll_region, or narrow its cells to fit"),
}

_AXE = Axe()


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}) {self.help}: " + " | ".join(self.targets[:4])


def is_phone(page: Page) -> bool:
    size = page.viewport_size
    return bool(size) and size["width"] <= PHONE_MAX_WIDTH


def menu_is_open(page: Page) -> bool:
    return page.locator('[data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]').count() > 0


def open_menu(page: Page) -> None:
    """On a phone: press the labelled menu button (the menu starts closed)."""
    if not menu_is_open(page):
        page.get_by_role("button", name="Menu", exact=True).click()
        page.wait_for_timeout(400)  # the menu slides in


def go_to(page: Page, link: str, heading: str) -> None:
    """Choose a page from the menu, as a person would; on a phone the menu is opened first and must close after."""
    phone = is_phone(page)
    if phone:
        open_menu(page)
    page.get_by_test_id("stSidebar").get_by_role("link", name=link, exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("heading", name=re.compile(re.escape(heading))).first).to_be_visible(timeout=20_000)
    if phone:
        page.wait_for_timeout(400)  # the menu slides out
        assert not menu_is_open(page), f"the menu stayed open over {heading!r} after choosing it"


def page_height(page: Page) -> int:
    return int(page.evaluate("""() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]')]
        .map((e) => e.scrollHeight))"""))


def audit(page: Page, name: str) -> list[Violation]:
    """axe-core over the whole page (the viewport stretched to its full height), and the screenshot of it."""
    size = page.viewport_size
    assert size is not None
    wait_idle(page)
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], page_height(page))})
    try:
        page.wait_for_timeout(500)  # charts and tables lay themselves out again
        wait_idle(page)
        found = _AXE.run(page).response["violations"]
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))
            (Path(SCREENSHOTS) / f"{name}.axe.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    finally:
        page.set_viewport_size(size)
    return [Violation(page=name, rule=v["id"], impact=v["impact"] or "", help=v["help"],
                      targets=tuple(" ".join(map(str, n["target"])) for n in v["nodes"]))
            for v in found]


def failing(found: list[Violation], url_path: str) -> tuple[list[Violation], list[str]]:
    """The serious and critical violations, split into unexpected ones and known ones (with their reasons)."""
    serious = [v for v in found if v.impact in FAILING_IMPACTS]
    known = [f"{v} -- {KNOWN[(url_path, v.rule)]}" for v in serious if (url_path, v.rule) in KNOWN]
    return [v for v in serious if (url_path, v.rule) not in KNOWN], known
