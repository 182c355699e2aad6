"""Against the real server (`streamlit run serve.py`): after quick exit nothing the session produced is still served,
and the server's own protections are in place (headers, WebSocket origin, Host names).

Issue 19, defect 5: the report PDF's download URL kept serving the PDF, without any cookie, for 7+ minutes after
quick exit (Streamlit keeps a clicked download in its media store until two later script runs of any session).
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import Server, wait_idle
from tests.e2e.test_smoke import open_demo


def _status(url: str, headers: dict[str, str] | None = None) -> int:
    """The HTTP status of a plain GET, with no cookie and no browser (as anyone on this machine could ask)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _download_url(page: Page, button_name: str) -> str:
    """Click a download button; the URL it was served from (checked to be served, with no cookie, right now)."""
    button = page.get_by_role("button", name=re.compile(button_name))
    expect(button.first).to_be_visible(timeout=30_000)
    for attempt in range(3):  # under heavy load a click sent while a rerun starts can be lost: click again
        wait_idle(page)
        try:
            with page.expect_download(timeout=45_000) as info:
                button.first.click()
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    url = info.value.url
    assert "/media/" in url and _status(url) == 200, url
    return url


def test_nothing_the_session_produced_is_served_after_quick_exit(page: Page, server: Server,
                                                                 request: pytest.FixtureRequest) -> None:
    open_demo(page, server)
    urls = {"case file": _download_url(page, "Download the case file")}
    page.get_by_role("link", name="Money", exact=True).first.click()
    expect(page.get_by_text(re.compile("Jordan owes Sam £"))).to_be_visible(timeout=20_000)
    page.get_by_role("tab", name="Spreadsheet").click()
    urls["spreadsheet"] = _download_url(page, "Download the spreadsheet")
    page.get_by_role("link", name="Report", exact=True).first.click()
    wait_idle(page)
    urls["report PDF"] = _download_url(page, "Download the summary")
    # (the earlier downloads may already be gone: Streamlit drops a download two script runs after it was made -
    # which is exactly why the last one, with no run after it, was still served minutes after quick exit)
    assert _status(urls["report PDF"]) == 200

    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(f"{server.url}/_stcore/health", timeout=15_000)
    time.sleep(1)
    served_after = {name: _status(url) for name, url in urls.items()}
    still_served = [name for name, status in served_after.items() if status != 404]
    from tests.robustness.tally import tally_for

    tally_for(request.config).record("quick exit (real server): files still served", len(urls), len(still_served))
    assert still_served == [], served_after


def test_every_response_says_not_to_be_framed(server: Server) -> None:
    for path in ("/", "/_stcore/health", "/_stcore/host-config"):
        with urllib.request.urlopen(server.url + path, timeout=10) as response:
            assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
            assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
            assert response.headers["Referrer-Policy"] == "no-referrer"


def test_only_local_host_names_are_answered(server: Server) -> None:
    """DNS rebinding: a page on another site whose name points at 127.0.0.1 sends its own Host name."""
    assert _status(server.url + "/", {"Host": f"evil.example:{server.port}"}) == 421
    assert _status(server.url + "/", {"Host": f"localhost:{server.port}"}) == 200


def test_the_websocket_opens_only_for_this_apps_own_page(server: Server) -> None:
    """Streamlit accepts any localhost origin (another local web page, any port); serve.py only this one."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    def attempt(origin: str) -> str:
        try:
            with connect(f"ws://127.0.0.1:{server.port}/_stcore/stream", origin=origin,  # type: ignore[arg-type]
                         subprotocols=["streamlit"], open_timeout=10):  # type: ignore[list-item]
                return "open"
        except InvalidStatus as exc:
            return str(exc.response.status_code)

    assert attempt(f"http://127.0.0.1:{server.port}") == "open"
    assert attempt(f"http://localhost:{server.port + 1}") == "403"
    assert attempt("http://evil.example") == "403"
