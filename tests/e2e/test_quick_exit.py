"""Quick exit in a real browser: the button and Shift x3 leave for the configured page, Back does not show the case,
and the server session no longer holds it.

The server fixture sets ORGANIZER_EXIT_URL to the server's own health check (no network here). Server-side evidence,
twice over: the frames the server sent after the exit was triggered render the app with no case open (the rerun that
follows clear_session), and the server log records the clear.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from playwright.sync_api import Page, WebSocket, expect

from tests.e2e.conftest import Server
from tests.e2e.test_smoke import open_demo

CASE_TITLE = "Demo case (fictional)"
CLEARED_LINE = "quick exit: session cleared"


def _record_frames(page: Page) -> list[tuple[float, bytes]]:
    frames: list[tuple[float, bytes]] = []

    def on_socket(ws: WebSocket) -> None:
        ws.on("framereceived", lambda f: frames.append((time.monotonic(), f if isinstance(f, bytes) else f.encode())))

    page.on("websocket", on_socket)
    return frames


def _cleared_count(server: Server) -> int:
    return server.log.read_text(encoding="utf-8", errors="replace").count(CLEARED_LINE)


def _exit_and_check(page: Page, server: Server, trigger: Callable[[Page], None]) -> None:
    frames = _record_frames(page)
    open_demo(page, server)
    page.get_by_role("link", name="Do I need a lawyer?", exact=True).first.click()
    expect(page.get_by_text("What your answers suggest")).to_be_visible(timeout=15_000)
    expect(page.get_by_text(f"Open: {CASE_TITLE}")).to_be_visible()
    before = _cleared_count(server)
    started = time.monotonic()

    trigger(page)

    exit_url = f"{server.url}/_stcore/health"
    page.wait_for_url(exit_url, timeout=15_000)
    assert page.url == exit_url
    # the server cleared the session: it logged the clear, and re-rendered the app with no case before we left
    deadline = time.monotonic() + 5
    while _cleared_count(server) <= before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _cleared_count(server) == before + 1
    after = b"".join(data for at, data in frames if at >= started)
    # Nothing the server sent after the exit carries the case. (The re-render with "No case open." usually
    # arrives too, but the page may leave first when the server is busy: the exit waits at most 1.5 s for it,
    # by design, so that check would be racy. The log line above is the proof that the session was cleared.)
    assert CASE_TITLE.encode() not in after

    # Back does not bring the case back: the exit replaced this page's history entry, and a fresh load is a new,
    # empty session
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(server.url) + r"/(start|situation|lawyer)?$"), timeout=15_000)
    expect(page.get_by_text("No case open.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(f"Open: {CASE_TITLE}")).to_have_count(0)
    expect(page.get_by_text("What your answers suggest")).to_have_count(0)


def test_exit_button(page: Page, server: Server) -> None:
    def click(p: Page) -> None:
        p.get_by_role("button", name="Exit this page").click()

    _exit_and_check(page, server, click)


def test_shift_three_times(page: Page, server: Server) -> None:
    def shift_x3(p: Page) -> None:
        p.get_by_role("heading", name="Do I need a lawyer?").click()  # focus the page, not a widget
        for _ in range(3):
            p.keyboard.press("Shift")
            p.wait_for_timeout(150)

    _exit_and_check(page, server, shift_x3)


def test_typing_capitals_does_not_exit(page: Page, server: Server) -> None:
    open_demo(page, server)
    page.get_by_role("heading", name=re.compile("Get organised")).click()
    for _ in range(3):
        page.keyboard.press("Shift+A")  # Shift held while typing: not a quick-exit press (GOV.UK's rule)
        page.wait_for_timeout(150)
    page.keyboard.press("Shift")
    page.wait_for_timeout(1000)
    assert page.url.startswith(server.url) and "/_stcore/health" not in page.url
    expect(page.get_by_text(f"Open: {CASE_TITLE}")).to_be_visible()


# --- keyboard (issue 17): the first Tab stop, pressed with Enter or Space, its focus visible -------------------------


def _focused_name(page: Page) -> str:
    return page.evaluate("() => (document.activeElement.getAttribute('aria-label') || document.activeElement.innerText"
                         " || '').trim()")


def _tab_from_the_top(page: Page) -> None:
    """Tab as from the address bar: focus starts at the top of the document."""
    page.evaluate("() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); }")
    page.keyboard.press("Tab")


def test_exit_is_the_first_tab_stop_with_a_case_open(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page.get_by_role("button", name="Exit this page")).to_be_visible(timeout=30_000)
    page.keyboard.press("Tab")  # straight after the page loads
    assert _focused_name(page) == "Exit this page"
    open_demo(page, server)
    for link in ("Documents", "Child support"):  # the sidebar now holds the case's controls too (it was stop 26)
        page.get_by_role("link", name=link, exact=True).first.click()
        expect(page.get_by_role("heading", name=link).first).to_be_visible(timeout=15_000)
        _tab_from_the_top(page)
        assert _focused_name(page) == "Exit this page"


def _tab_to_exit(page: Page) -> None:
    page.get_by_role("heading", name="Do I need a lawyer?").click()  # a point on the page, not a control
    for _ in range(40):
        page.keyboard.press("Shift+Tab")  # backwards from the page's content: the exit button is the last stop back
        if _focused_name(page) == "Exit this page":
            return
    raise AssertionError("Exit this page was not reached with the keyboard")


def test_enter_on_the_exit_button_leaves(page: Page, server: Server) -> None:
    _exit_and_check(page, server, lambda p: (_tab_to_exit(p), p.keyboard.press("Enter")))


def test_space_on_the_exit_button_leaves(page: Page, server: Server) -> None:
    _exit_and_check(page, server, lambda p: (_tab_to_exit(p), p.keyboard.press(" ")))


def test_the_exit_buttons_focus_is_visible(page: Page, server: Server) -> None:
    page.goto(server.url)
    button = page.get_by_role("button", name="Exit this page")
    expect(button).to_be_visible(timeout=30_000)
    box = button.bounding_box()
    assert box
    clip = {"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16, "height": box["height"] + 16}
    page.mouse.move(5, 890)
    plain = page.screenshot(clip=clip)
    button.focus()
    page.keyboard.press("Shift")  # a key press makes the focus keyboard focus (:focus-visible) ...
    page.keyboard.press("Shift")  # ... two Shifts: one short of quick exit
    assert page.screenshot(clip=clip) != plain
