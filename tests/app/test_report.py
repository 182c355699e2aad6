"""Report page: renders, saves the person's own questions and note, checks the password, offers the download."""

from __future__ import annotations

from casefile.models import Case
from tests.unit.test_pdf_cases import unicode_case
from ui.state import CASE_KEY


def _download(at):
    """The report's download button (the sidebar has its own, for the case file)."""
    (button,) = [b for b in at.get("download_button") if b.key == "report_download"]
    return button


def test_report_page_renders_with_the_demo_case(app_test, demo_case: Case) -> None:
    at = app_test(case=demo_case, page="report")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "not a court form and not legal advice" in text
    assert at.checkbox(key="report_safety").value is False
    assert at.checkbox(key="report_mask").value is True
    button = _download(at)
    assert button.label == "Download the summary (PDF)"
    assert button.proto.deferred_file_id  # callable data: the PDF is built only when clicked


def test_notes_are_saved_into_the_case(app_test, demo_case: Case) -> None:
    at = app_test(case=demo_case, page="report")
    at.text_area(key="report_questions").set_value("First question?\n\n  Second question?  ")
    at.text_area(key="report_anything_else").set_value("We share a <b>dog</b> & a car.")
    at.button(key="FormSubmitter:report_notes-Save notes").click().run()
    assert not at.exception
    case = at.session_state[CASE_KEY]
    assert case.notes.questions == ("First question?", "Second question?")
    assert case.notes.anything_else == "We share a <b>dog</b> & a car."
    assert any("Notes saved" in s.value for s in at.success)


def test_password_must_match(app_test, demo_case: Case) -> None:
    at = app_test(case=demo_case, page="report")
    at.checkbox(key="report_protect").check().run()
    at.text_input(key="report_password").input("one").run()
    at.text_input(key="report_password2").input("two").run()
    assert any("different" in e.value for e in at.error)
    assert _download(at).proto.disabled
    at.text_input(key="report_password2").input("one").run()
    assert not at.error
    assert not _download(at).proto.disabled


def test_unprintable_characters_are_warned_about(app_test, demo_case: Case) -> None:
    at = app_test(case=unicode_case(demo_case), page="report")
    assert not at.exception
    assert any("U+4E2D" in w.value for w in at.warning)
