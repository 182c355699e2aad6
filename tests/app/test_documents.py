"""Documents page: renders the checklist and separation types; status changes survive page switches and save/load."""

from __future__ import annotations

from casefile.checklist import ItemStatus
from casefile.models import Case
from casefile.storage import load_case, save_case
from checklists.loader import Category
from ui.documents import group_key
from ui.state import CASE_KEY


def open_groups(at, *categories: Category):
    """Open the checklist's groups (all of them by default): a closed group draws none of its items. (AppTest does
    not carry an expander's open state from one run to the next as a browser does, so tests open them again after
    each change.)"""
    for category in categories or tuple(Category):
        at.session_state[group_key(category)] = True
    return at.run()


def test_renders_checklist_and_separation_types(app_test, demo_case) -> None:
    at = app_test(case=demo_case, page="documents")
    assert not at.exception
    assert not any(s.label == "Status" for s in at.selectbox), "groups start closed: no item is drawn"
    open_groups(at)
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Bank and savings statements" in text
    assert "Because you have 2 children in this case." in text
    assert at.selectbox(key="documents_status_bank-statements").value is ItemStatus.HAVE  # from the demo case
    titles = [e.label for e in at.expander]
    assert "Legal (judicial) separation" in titles and "Divorce (or dissolution of a civil partnership)" in titles
    assert any(s.value == "What to do next" for s in at.header)


def test_status_change_survives_page_switch_and_save_load(app_test, demo_case, tmp_path) -> None:
    at = open_groups(app_test(case=demo_case, page="documents"))
    at.selectbox(key="documents_status_tax-returns").select(ItemStatus.REQUESTED).run()
    open_groups(at).text_input(key="documents_note_tax-returns").input("Asked the accountant").run()
    assert not at.exception
    case: Case = at.session_state[CASE_KEY]
    assert case.checklist.state("tax-returns").status is ItemStatus.REQUESTED
    assert case.checklist.state("tax-returns").note == "Asked the accountant"

    at.switch_page("ui/pages/start.py").run()
    at.switch_page("ui/pages/documents.py").run()
    open_groups(at)
    assert not at.exception
    assert at.selectbox(key="documents_status_tax-returns").value is ItemStatus.REQUESTED
    assert at.text_input(key="documents_note_tax-returns").value == "Asked the accountant"

    path = tmp_path / "saved.case.json"
    save_case(at.session_state[CASE_KEY], path)
    reloaded = load_case(path)
    assert reloaded.checklist.state("tax-returns").status is ItemStatus.REQUESTED
    assert reloaded.checklist.state("tax-returns").note == "Asked the accountant"
    assert reloaded.checklist == at.session_state[CASE_KEY].checklist

    at2 = open_groups(app_test(case=reloaded, page="documents"))
    assert at2.selectbox(key="documents_status_tax-returns").value is ItemStatus.REQUESTED


def test_answering_a_question_changes_the_list_and_filter_hides_done(app_test) -> None:
    at = open_groups(app_test(case=Case(), page="documents"))
    assert not any("Deed and mortgage" in m.value for m in at.markdown)
    at.radio(key="documents_fact_owns_home").set_value("Yes").run()
    open_groups(at)
    assert not at.exception
    assert at.session_state[CASE_KEY].checklist.facts.owns_home is True
    assert any("Deed and mortgage statements" in m.value for m in at.markdown)

    at.selectbox(key="documents_status_bank-statements").select(ItemStatus.HAVE).run()
    open_groups(at).toggle(key="documents_only_missing").set_value(True).run()
    open_groups(at)
    assert not at.exception
    assert not any("Bank and savings statements" in m.value for m in at.markdown)
    assert any("Tax returns" in m.value for m in at.markdown)


def test_a_second_wave_state_shows_its_own_forms_and_kinds_of_separation(app_test, demo_case) -> None:
    """Ohio has no rule file yet, but its checklist items and separation guide show (issue 16)."""
    at = open_groups(app_test(case=demo_case.model_copy(update={"jurisdiction": "US-OH"}), page="documents"))
    assert not at.exception
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Parenting Proceeding Affidavit (Supreme Court of Ohio Affidavit 3)" in text
    assert "Child support computation worksheet (JFS 07768" in text
    titles = [e.label for e in at.expander]
    assert {"Legal separation", "Dissolution of marriage", "Divorce"} <= set(titles)


def test_groups_carry_their_counts_and_open_one_at_a_time(app_test, demo_case) -> None:
    """The demo case (data/demo-case.json) has bank statements "have" and pay slips "asked for": their groups say so
    in their headings, and opening one group draws only its own items."""
    at = app_test(case=demo_case, page="documents")
    labels = [e.label for e in at.expander]
    bank = next(label for label in labels if label.startswith(Category.BANK.label + ":"))
    assert bank.split(": ", 1)[1].startswith("1 of ")
    employment = next(label for label in labels if label.startswith(Category.EMPLOYMENT.label + ":"))
    assert "1 asked for" in employment
    open_groups(at, Category.BANK)
    statuses = [s.key for s in at.selectbox if s.label == "Status"]
    assert "documents_status_bank-statements" in statuses
    assert "documents_status_tax-returns" not in statuses  # tax returns are in another, closed group


def test_group_label_in_words() -> None:
    from checklists.select import Tally
    from ui.documents import group_label

    t = Tally(total=5, have=1, requested=1, needed=2, not_applicable=1)  # 5 - 1 that do not apply = 4 apply
    assert group_label(Category.BANK, t) == f"{Category.BANK.label}: 1 of 4 gathered · 2 still needed · 1 asked for"
    none_apply = Tally(total=1, not_applicable=1)
    assert group_label(Category.INVESTMENTS, none_apply) == f"{Category.INVESTMENTS.label}: does not apply"
