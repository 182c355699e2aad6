"""Every page renders without exception, with and without a case open; the case survives page switches."""

from __future__ import annotations

import pytest

from casefile.models import Case

PAGES = ["start", "situation", "child_support", "lawyer", "documents", "money", "report"]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_the_demo_case(app_test, demo_case: Case, page: str) -> None:
    at = app_test(case=demo_case, page=page)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title, f"{page} has a heading"


@pytest.mark.parametrize("page", PAGES[1:])
def test_page_without_a_case_offers_to_open_one(app_test, page: str) -> None:
    at = app_test(page=page)
    assert not at.exception
    assert any("No case is open" in w.value for w in at.warning)
    at.button(key="need_case_demo").click().run()
    assert not at.exception
    assert not any("No case is open" in w.value for w in at.warning)


def test_demo_case_opens_from_start_and_survives_navigation(app_test) -> None:
    from ui.state import CASE_KEY

    at = app_test()
    at.button(key="start_demo").click().run()
    opened = at.session_state[CASE_KEY]
    assert opened.title == "Demo case (fictional)"
    for page in PAGES:
        at.switch_page(f"ui/pages/{page}.py").run()
        assert not at.exception
        assert at.session_state[CASE_KEY] == opened
