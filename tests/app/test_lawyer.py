"""AppTest for "Do I need a lawyer?": renders, answers save into the Case, safety opt-in, quick exit clears the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from casefile.models import Case, Separation
from casefile.questionnaire import QuestionnaireAnswers
from ui.quick_exit import ACK_KEY, CLEAR_BUTTON_KEY, CLEARED_MARKER
from ui.state import CASE_KEY


def _case(at: Any) -> Case:
    return at.session_state[CASE_KEY]


def _texts(at: Any) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [i.value for i in at.info]
    parts += [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def test_demo_case_shows_a_suggestion(app_test: Callable[..., Any], demo_case: Case) -> None:
    at = app_test(case=demo_case, page="lawyer")
    assert not at.exception
    assert at.title[0].value == "Do I need a lawyer?"
    text = _texts(at)
    # the demo case is moderate and has no safety answers: a limited-scope consultation, mediation only if safe
    assert "A limited-scope (unbundled) consultation" in text
    assert "Mediation may also suit you" in text
    assert "not legal advice" in text
    assert at.radio(key="lawyer_q_home").value == "yes"  # loaded from the case
    assert not at.toggle(key="lawyer_safety_opt_in").value
    assert len([r for r in at.radio if r.key.startswith("lawyer_q_safety_")]) == 0  # opt-in only


def test_answers_save_into_the_case(app_test: Callable[..., Any]) -> None:
    at = app_test(case=Case(jurisdiction="US-TX"), page="lawyer")
    assert "Not enough answers yet" not in _texts(at)  # the level box is not drawn; the info says what to do
    assert "Answer some of the questions to see a suggestion." in _texts(at)
    at.radio(key="lawyer_q_business").set_value("yes")
    at.radio(key="lawyer_q_talk_calmly").set_value("usually")
    at.button(key="FormSubmitter:lawyer_form-Save my answers and see the suggestion").click().run()
    assert not at.exception
    saved = _case(at).questionnaire
    assert saved.answers == {"business": "yes", "talk_calmly": "usually"}
    assert saved.completed_on == dt.date.today()
    text = _texts(at)
    assert "Full representation by a lawyer" in text
    assert "Because there is a business or a pension to value and divide" in text


def test_safety_opt_in_shows_questions_and_contacts(app_test: Callable[..., Any]) -> None:
    at = app_test(case=Case(jurisdiction="GB"), page="lawyer")
    at.toggle(key="lawyer_safety_opt_in").set_value(True).run()
    assert _case(at).questionnaire.safety_opt_in
    at.radio(key="lawyer_q_safety_afraid").set_value("yes")
    at.button(key="FormSubmitter:lawyer_form-Save my answers and see the suggestion").click().run()
    assert not at.exception
    text = _texts(at)
    assert "0808 2000 247" in text and "999" in text
    assert "Full representation by a lawyer" in text
    assert "Not suggested while safety is a concern" in text
    # opting out forgets the safety answers
    at.toggle(key="lawyer_safety_opt_in").set_value(False).run()
    q = _case(at).questionnaire
    assert not q.safety_opt_in and "safety_afraid" not in q.answers
    assert "0808 2000 247" not in _texts(at)


def test_clear_answers(app_test: Callable[..., Any], demo_case: Case) -> None:
    at = app_test(case=demo_case, page="lawyer")
    at.button(key="lawyerbtn_clear").click().run()
    assert _case(at).questionnaire == QuestionnaireAnswers()
    assert at.radio(key="lawyer_q_home").value is None


def test_quick_exit_is_on_every_page_and_clears_the_session(app_test: Callable[..., Any], demo_case: Case) -> None:
    at = app_test(case=demo_case, page="situation")
    assert any("Exit this page" in str(h.proto.body) for h in at.get("html"))
    at.button(key=CLEAR_BUTTON_KEY).click().run()
    assert not at.exception
    assert CASE_KEY not in at.session_state
    assert at.session_state[ACK_KEY] is True
    # the rerun renders the marker the browser waits for before it leaves
    assert any(CLEARED_MARKER in str(h.proto.body) for h in at.get("html"))


def test_quick_exit_shows_without_a_case(app_test: Callable[..., Any]) -> None:
    at = app_test()
    assert not at.exception
    assert any("Exit this page" in str(h.proto.body) for h in at.get("html"))
    assert not any(CLEARED_MARKER in str(h.proto.body) for h in at.get("html"))


def test_court_date_soon_is_urgent(app_test: Callable[..., Any]) -> None:
    soon = dt.date.today() + dt.timedelta(days=10)
    case = Case(jurisdiction="GB", separation=Separation(next_court_date=soon, other_party_has_lawyer=False))
    at = app_test(case=case, page="lawyer")
    assert not at.exception
    errors = "\n".join(e.value for e in at.error)
    assert f"Your next court date is {soon:%d %B %Y} — in 10 days." in errors
    assert "Because there is a court date within 30 days" in _texts(at)


def test_exit_url_comes_from_the_environment(monkeypatch: Any) -> None:
    from ui.quick_exit import DEFAULT_EXIT_URL, exit_url, page_html

    monkeypatch.setenv("ORGANIZER_EXIT_URL", "http://127.0.0.1:9/neutral")
    assert exit_url() == "http://127.0.0.1:9/neutral"
    monkeypatch.setenv("ORGANIZER_EXIT_URL", "javascript:alert(1)")
    assert exit_url() == DEFAULT_EXIT_URL
    monkeypatch.delenv("ORGANIZER_EXIT_URL")
    assert exit_url() == DEFAULT_EXIT_URL == "https://www.bbc.co.uk/weather"
    body = page_html("https://example.org/a?b=1&c=</script>", cleared=False)
    assert "</script>\"" not in body and 'qe.url = "https://example.org/a?b=1&c=\\u003c/script>";' in body


def test_quick_exit_drops_this_sessions_uploaded_files(monkeypatch: Any) -> None:
    """Files a person uploaded (a case file, a CSV) leave Streamlit's memory at once, not when the session ends;
    another session's files stay."""
    from types import SimpleNamespace

    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    from ui import state

    files = MemoryUploadedFileManager("/upload")
    files.add_file("mine", UploadedFileRec(file_id="f1", name="case.json", type="application/json", data=b"{}"))
    files.add_file("other", UploadedFileRec(file_id="f2", name="x.csv", type="text/csv", data=b"a"))
    monkeypatch.setattr(state, "get_script_run_ctx", lambda: SimpleNamespace(uploaded_file_mgr=files,
                                                                             session_id="mine"))
    state._forget_uploaded_files()
    assert files.get_files("mine", ["f1"]) == []
    assert [f.name for f in files.get_files("other", ["f2"])] == ["x.csv"]


def test_no_tag_like_text_in_the_pages_scripts_and_styles() -> None:
    """Streamlit's HTML sanitiser drops a whole script or style element whose text looks like it holds a tag (found
    when quick exit vanished from every page): the quick exit and theme elements must never contain one."""
    import re

    from ui import quick_exit, theme

    tag = re.compile(r"<[/\w]")
    for body in (quick_exit.page_html("https://example.org/a?b=<x>&c=</script>", cleared=False),
                 theme._CSS + theme._JS):
        for inner in re.findall(r"<(script|style)>(.*?)</\1>", body, re.DOTALL):
            assert not tag.search(inner[1]), tag.search(inner[1])
