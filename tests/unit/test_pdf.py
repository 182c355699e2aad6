"""The consultation report PDF: each section's key facts, escaping, Unicode, masking, safety opt-in, password, and a
rendered page that is not blank.

Expected figures are worked by hand in the comments next to them (or read from the calculators' own results where
the point of the test is that the report prints what was computed).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from calculators.summary import compute_results
from casefile.models import Case
from casefile.money import format_money
from reports.citations import split_cite
from reports.fonts import FontNotFound, find_font_file
from reports.pdf import ReportOptions, build_pdf, build_pdf_report, file_name, unprintable_in_case
from tests.unit.test_pdf_cases import ACCOUNT, LINK_NOTE, MARKUP_NAME, rich_case, unicode_case

TODAY = dt.date(2026, 11, 23)


def text_of(data: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks folded into spaces (sentences wrap across lines)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo() -> Case:
    from casefile.storage import load_case
    from tests.conftest import DEMO_CASE

    return load_case(DEMO_CASE)


@pytest.fixture(scope="module")
def demo_text(demo: Case) -> str:
    return flat(text_of(build_pdf(demo, compute_results(demo), ReportOptions(today=TODAY))))


@pytest.fixture(scope="module")
def rich() -> Case:
    from casefile.storage import load_case
    from tests.conftest import DEMO_CASE

    return unicode_case(rich_case(load_case(DEMO_CASE)))


@pytest.fixture(scope="module")
def rich_report(rich: Case):
    return build_pdf_report(rich, compute_results(rich), ReportOptions(today=TODAY))


@pytest.fixture(scope="module")
def rich_text(rich_report) -> str:
    return flat(text_of(rich_report.data))


# --- each section's key facts for the demo case ------------------------------------------------------------------


def test_first_page_is_the_fact_sheet(demo_text: str) -> None:
    """The full fact sheet is checked in test_pdf_pack.py; here: it comes first, with the disclaimer."""
    assert demo_text.startswith("Fact sheet Prepared by Sam on 23 November 2026")
    assert "not a court form, not legal advice" in demo_text
    assert "Preparation summary · 23 November 2026 · not legal advice" in demo_text  # the footer


def test_situation(demo: Case, demo_text: str) -> None:
    assert "Separated" in demo_text
    assert "19 May 2012" in demo_text and "1 March 2026" in demo_text  # marriage, separation
    # Maya born 14 June 2015 is 11 on 23 Nov 2026; Leo born 3 Feb 2019 is 7.
    assert "Maya 14 June 2015 11" in demo_text and "Leo 3 February 2019 7" in demo_text
    assert "Sam: 261 nights a year. Jordan: 104 nights a year." in demo_text


def test_finances(demo_text: str) -> None:
    # Sam: £14.20 an hour x 30 hours x 52 weeks = £22,152 a year; / 12 = £1,846.00 a month.
    assert "£14.20 an hour, 30 hours a week £1,846.00" in demo_text
    # Jordan: £41,500 a year / 12 = £3,458.33; £85 a week x 52 / 12 = £368.33; £650 a quarter x 4 / 12 = £216.67.
    assert "£41,500.00 a year £3,458.33" in demo_text
    assert "£85.00 a week £368.33" in demo_text
    # Total 3,458.33.. + 368.33.. + 216.66.. = 44,020/12... exactly (41,500 + 4,420 + 2,600) / 12 = 48,520 / 12 = 4,043.33
    assert "£4,043.33" in demo_text
    # Deductions: £96.50 every two weeks x 26 / 12 = £209.08; total 412 + 165 + 209.083.. = £786.08
    assert "£96.50 every two weeks £209.08" in demo_text and "£786.08" in demo_text


def test_child_support(demo: Case, demo_text: str) -> None:
    est = compute_results(demo).estimate
    assert est is not None and est.amount is not None and est.payer == "parent_b"
    # Jordan's gross weekly income: 41,500/52 + 85 = 883.08; less pension 96.50 x 26 / 52 = 48.25 -> 834.83.
    # Basic rate: 16% x 800 + 12% x 34.83 = 128 + 4.18 = 132.18; 104 nights -> cut by 2/7: 132.18 x 5/7 = 94.41
    # -> nearest pound £94 a week.
    assert "Jordan pays Sam about £94.00 a week" in demo_text
    assert format_money(est.amount, "GBP") == "£94.00"
    # £94 a week x 52 / 12 = £407.33 a month
    assert "about £407.33 a month" in demo_text
    assert "Worksheet" in demo_text and "Child Support Act 1991" in demo_text
    for line in est.lines:  # each line's law or official source (where it was read: the appendix, test_pdf_pack.py)
        assert flat(split_cite(est.jurisdiction, line.reference).citation)[:40] in demo_text
    assert "What this estimate does not take into account" in demo_text
    assert "What if pay changed?" in demo_text and "your figures now" in demo_text


def test_lawyer_documents_questions(demo: Case, demo_text: str) -> None:
    res = compute_results(demo)
    assert res.attorney is not None
    assert f"Suggested level of help: {res.attorney.level_label}" in demo_text
    for axis in res.attorney.axes:
        assert f"{axis.score} / 100" in demo_text
    assert res.checklist is not None
    assert "Still missing" in demo_text
    outstanding = [i for i in res.checklist if i.outstanding and not i.item.private]
    assert outstanding and flat(outstanding[0].item.title) in demo_text
    assert "Does the shared-parenting adjustment apply at 104 overnights a year with Jordan" in demo_text
    assert "Can we agree child maintenance between us instead of using the CMS?" in demo_text


def test_money_sections_of_a_filled_in_case(rich_text: str) -> None:
    # Budget: £950 a month + £90 a week x 52 / 12 = £390 -> £1,340.00; the phone line has no amount yet.
    assert "Total a month £1,340.00" in rich_text
    assert "Phone, mobile and internet" in rich_text
    # Net worth: 4,200 + 6,000 - 2,500 owed on the car - 1,300 card = £6,400.00
    assert "£6,400.00" in rich_text
    # Expenses, all split 50/50: A paid 60 + 45 -> B owes 30 + 22.50 = 52.50; B paid 30 -> A owes 15.
    # Net: B owes A 52.50 - 15 = £37.50. Totals: clothing 60, activities 45, health 30; £135 in all.
    assert f"{MARKUP_NAME} owes Zoë Ørsted-Łukasz £37.50" in rich_text
    assert "3 expenses, £135.00 in all" in rich_text
    assert "September 2026 £105.00" in rich_text and "October 2026 £30.00" in rich_text
    assert "By category" in rich_text


def test_empty_case_says_not_filled_in(tmp_path: Path) -> None:
    case = Case()
    text = flat(text_of(build_pdf(case, compute_results(case), ReportOptions(today=TODAY))))
    assert "Not filled in yet: no children entered." in text
    assert "Not filled in yet: no income entered for You." in text
    assert "Not filled in yet: no budget entered." in text
    assert "Not filled in yet: no assets or debts entered." in text
    assert "Not filled in yet: no shared expenses logged." in text
    assert "Not filled in yet: the what-if chart." in text
    assert "Not filled in yet: nothing written here." in text
    assert "Not filled in yet: the questionnaire." in text


# --- escaping, Unicode, masking -----------------------------------------------------------------------------------


def test_markup_in_user_text_prints_literally(rich_report, rich_text: str) -> None:
    assert MARKUP_NAME in rich_text  # <b>Ann & Co</b> as typed, not bold "Ann & Co"
    assert flat(LINK_NOTE) in rich_text
    reader = PdfReader(io.BytesIO(rich_report.data))
    for page in reader.pages:
        assert "/Annots" not in page  # no link took effect
        assert "/XObject" not in page["/Resources"]  # no image took effect


def test_unicode_names_print_with_embedded_font(rich_report, rich_text: str) -> None:
    for name in ("Zoë Ørsted-Łukasz", "Δημήτρης", "Ольга"):
        assert name in rich_text
    reader = PdfReader(io.BytesIO(rich_report.data))
    fonts = [f.get_object() for f in reader.pages[1]["/Resources"]["/Font"].values()]
    embedded = [f for f in fonts if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"]]
    assert embedded and all("DejaVuSans" in str(f["/BaseFont"]) for f in embedded)  # embedded subsets


def test_characters_the_font_lacks_are_reported(rich, rich_report, rich_text: str) -> None:
    assert rich_report.unprintable == ("U+4E2D CJK UNIFIED IDEOGRAPH-4E2D",)
    assert "Text this document cannot show as typed" in rich_text
    assert "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D" in rich_text
    assert "Li \ufffd" in rich_text  # replaced where it was typed, not dropped
    assert unprintable_in_case(rich) == ["U+4E2D CJK UNIFIED IDEOGRAPH-4E2D"]


def test_right_to_left_text_is_named_not_hidden(demo) -> None:
    """reportlab draws Hebrew and Arabic left to right, unjoined: the report, the page and the CLI say so."""
    from reports.pdf import right_to_left_in_case

    assert not right_to_left_in_case(demo) and not build_pdf_report(demo, compute_results(demo)).right_to_left
    notes = demo.notes.model_copy(update={"anything_else": "שלום — مرحبا"})
    case = demo.model_copy(update={"notes": notes})
    report = build_pdf_report(case, compute_results(case), ReportOptions(today=TODAY))
    assert report.right_to_left and right_to_left_in_case(case)
    text = flat(text_of(report.data))
    assert "Text this document cannot show as typed" in text and "right-to-left script" in text
    assert report.unprintable == ()  # DejaVu Sans has the letters: they print, only their order is not right


def test_account_numbers_masked_by_default_and_shown_on_request(rich, rich_text: str) -> None:
    assert ACCOUNT not in rich_text
    assert "Savings account ••••5678" in rich_text and "Bank says account ••••5678" in rich_text
    unmasked = flat(text_of(build_pdf(rich, compute_results(rich), ReportOptions(mask_account_numbers=False))))
    assert f"Savings account {ACCOUNT}" in unmasked


# --- safety details only when chosen ------------------------------------------------------------------------------


def test_safety_details_only_when_chosen(rich: Case, rich_text: str) -> None:
    results = compute_results(rich)
    assert results.attorney is not None and results.attorney.safety_concern
    safety_reason = "behaviour that can affect your safety"
    assert safety_reason not in rich_text
    assert "immediate danger" not in rich_text
    assert "Some answers are not shown in this copy" in rich_text
    shown = flat(text_of(build_pdf(rich, results, ReportOptions(include_safety_details=True))))
    assert safety_reason in shown and "immediate danger" in shown
    assert "Some answers are not shown in this copy" not in shown


# --- password ------------------------------------------------------------------------------------------------------


def test_password_opens_with_it_and_not_without(demo: Case) -> None:
    data = build_pdf(demo, compute_results(demo), ReportOptions(password="correct horse", today=TODAY))
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256 (ISO 32000-2 revision 6)
    assert not reader.decrypt("wrong password")
    with pytest.raises(Exception):  # noqa: B017 - pypdf refuses to read an encrypted page without the password
        PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Preparation summary" in text_of(data, "correct horse")


# --- rendering ------------------------------------------------------------------------------------------------------


def test_a_rendered_page_is_not_blank(demo: Case, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm is missing (install poppler-utils: scripts/system-deps.sh)")
        pytest.skip("pdftoppm is missing (install poppler-utils: scripts/system-deps.sh)")
    from PIL import Image

    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(build_pdf(demo, compute_results(demo), ReportOptions(today=TODAY)))
    subprocess.run([pdftoppm, "-png", "-r", "40", "-f", "4", "-l", "4", str(pdf), str(tmp_path / "page")], check=True,
                   timeout=60)
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:128])  # pixels darker than mid-grey
    assert dark / (image.width * image.height) > 0.01  # text and tables, not an empty page


# --- small parts -----------------------------------------------------------------------------------------------------


def test_neutral_file_name() -> None:
    assert file_name(dt.date(2026, 11, 23)) == "summary-2026-11-23.pdf"


def test_missing_font_fails_with_a_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("reports.fonts.FONT_DIRS", (tmp_path,))
    monkeypatch.delenv("ORGANIZER_FONT_DIR", raising=False)
    with pytest.raises(FontNotFound, match="fonts-dejavu-core"):
        find_font_file("DejaVuSans.ttf")


def test_font_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")
    monkeypatch.setenv("ORGANIZER_FONT_DIR", str(tmp_path))
    assert find_font_file("DejaVuSans.ttf") == tmp_path / "DejaVuSans.ttf"


def test_what_if_overrides_are_marked(demo: Case) -> None:
    from casefile.models import EstimateSettings
    from casefile.validation import revise

    changed = revise(demo, estimate=EstimateSettings(overrides={"basic_plus_from": "700"}))
    results = compute_results(changed)
    assert results.estimate is not None and results.estimate.overrides == ("basic_plus_from = 700",)
    text = flat(text_of(build_pdf(changed, results, ReportOptions(today=TODAY))))
    assert "What-if changes in this estimate" in text and "basic_plus_from = 700" in text
    marked = [line for line in results.estimate.lines if line.overridden]
    assert marked
    for line in marked:
        assert f"{flat(line.label)} [what-if change]" in text
    assert "The estimate uses a what-if change (basic_plus_from = 700)" in text


def test_private_documents_only_when_safety_details_chosen(rich: Case, rich_text: str) -> None:
    results = compute_results(rich)
    private = [i.item.title for i in results.checklist or () if i.item.private]
    assert private  # the safety answer puts them on the list
    for title in private:
        assert flat(title) not in rich_text
    assert "Some private items are not shown in this copy." in rich_text
    from checklists.loader import Category

    documents = rich_text.split("5. Documents")[1].split("6. Shared expenses")[0]
    assert Category.SAFETY.label not in documents
    shown = flat(text_of(build_pdf(rich, results, ReportOptions(include_safety_details=True))))
    for title in private:
        assert flat(title) in shown
