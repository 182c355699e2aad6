"""In a real browser: nothing leaves 127.0.0.1, no personal data in URLs or logs, and a killed server loses nothing."""

from __future__ import annotations

import re
import signal
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, start_server, wait_idle
from tests.e2e.test_smoke import PAGES, open_demo

DEMO_NAMES = ("Jordan", "Maya", "Leo")


def test_every_request_goes_to_loopback_and_no_names_in_urls_or_logs(page: Page, server: Server) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_demo(page, server)
    for _url_path, link, heading in PAGES:
        page.get_by_role("link", name=link, exact=True).first.click()
        expect(page.get_by_role("heading", name=re.compile(re.escape(heading))).first).to_be_visible(timeout=15_000)
    page.wait_for_timeout(1000)
    hosts = {urlparse(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert requests and hosts == {"127.0.0.1"}, f"requests left the machine: {sorted(hosts)}"
    for url in requests:
        assert not any(name in url for name in DEMO_NAMES), url
    log = server.log.read_text(errors="replace")
    assert not any(name in log for name in DEMO_NAMES), "personal data in the server log"
    assert "Traceback" not in log


def test_killed_server_mid_edit_loses_nothing(page: Page, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start_server(data, tmp_path / "first.log")
    try:
        open_demo(page, first)
        name = page.get_by_role("textbox", name="Name of this case")
        name.fill("Kill test 4711")
        name.press("Enter")
        expect(page.get_by_test_id("stSidebar").get_by_text(re.compile("Kill test 4711"))).to_be_visible(timeout=15_000)
        port = first.port
    finally:
        first.process.send_signal(signal.SIGKILL)  # no clean shutdown: as a crash or power cut would
        first.process.wait()
    second = start_server(data, tmp_path / "second.log", port=port)
    try:
        page.goto(second.url)
        saved = page.get_by_text(re.compile(r"^Continue where you left off \(1 saved"))
        expect(saved).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile("Kill test 4711"))).not_to_be_visible()  # hidden until asked for
        saved.click()
        expect(page.get_by_text(re.compile("Kill test 4711"))).to_be_visible()
        wait_idle(page)  # the new server's first run (imports, then ui/memory.py's freeze) must end before the click
        page.get_by_role("button", name="Continue").first.click()
        expect(page.get_by_test_id("stSidebar").get_by_text(re.compile("Kill test 4711"))).to_be_visible(timeout=15_000)
    finally:
        second.stop()


def _rename(page: Page, title: str) -> None:
    box = page.get_by_role("textbox", name="Name of this case")
    box.fill(title)
    box.press("Enter")


def test_two_tabs_on_one_case_keep_both_versions(page: Page, server: Server) -> None:
    open_demo(page, server)  # tab A: opens (and autosaves) the demo case
    _rename(page, "Shared case")
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile("Shared case"))).to_be_visible(timeout=15_000)
    tab_b = page.context.new_page()  # tab B: continues the same saved case
    tab_b.goto(server.url)
    tab_b.get_by_text(re.compile(r"^Continue where you left off")).click()
    row = tab_b.get_by_text(re.compile(r"^Shared case · saved"))
    expect(row).to_be_visible(timeout=30_000)
    tab_b.get_by_role("button", name="Continue").first.click()
    expect(tab_b.get_by_test_id("stSidebar").get_by_text(re.compile("Shared case"))).to_be_visible(timeout=15_000)
    _rename(page, "Changed in tab A")
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile("Changed in tab A"))).to_be_visible(timeout=15_000)
    _rename(tab_b, "Changed in tab B")  # B has not seen A's save: it must not silently overwrite it
    expect(tab_b.get_by_text(re.compile("also changed in another tab"))).to_be_visible(timeout=15_000)
    tab_b.get_by_text(re.compile(r"^Revisions \(")).click()
    history = tab_b.get_by_test_id("stExpanderDetails")
    expect(history.get_by_text(re.compile("Saved from another tab"))).to_have_count(1, timeout=10_000)
    expect(history.get_by_text(re.compile("Changed in tab A|Changed the case name"))).not_to_have_count(0)
    tab_b.close()
