"""The consultation report: a PDF the person brings to a lawyer or mediator.

    results = compute_results(case)                      # calculators.summary: everything computed once
    data = build_pdf(case, results, ReportOptions())     # bytes
    report = build_pdf_report(case, results, options)    # bytes plus the characters that could not be printed

Pure: no file or network I/O except reading the embedded font. Sections live in reports/pdf_sections.py, charts in
reports/pdf_charts.py, escaping in reports/pdf_text.py (the only place text becomes paragraph markup).

Options: include safety details (off unless the person chooses), mask account numbers (on by default), password
(AES-256 through pypdf: ordinary PDF readers ask for it before opening).

For assistive technology and for a reader in a hurry: the document has a title, subject, author and language, and an
outline (bookmarks) with an entry per section, opened when the file is. Every piece of text is real text in reading
order (tables row by row), so a screen reader can follow it (tests check it with pdftotext). reportlab writes no
structure tags (a "tagged PDF"); that is the limit of what it offers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate

from calculators.summary import CaseResults
from casefile.models import Case
from reports.facts import day
from reports.fonts import report_fonts
from reports.pdf_sections import OUTLINE_ATTR, Ctx, make_styles, story
from reports.pdf_text import TextGuard, describe_char, has_right_to_left
from reports.sanitize import clean_text

MARGIN = 18 * mm
TITLE = "Preparation summary"
SUBJECT = "Fact sheet, finances, child-support estimate and documents for a consultation: not legal advice"
LANGUAGES = {"GB": "en-GB", "AU": "en-AU", "CA": "en-CA", "US": "en-US", "NZ": "en-NZ", "IE": "en-IE"}


@dataclass(frozen=True)
class ReportOptions:
    """What the person chose for this copy of the report."""

    include_safety_details: bool = False  # print the safety answers and alerts (off: only a neutral note)
    mask_account_numbers: bool = True  # long numbers in typed text show only their last four digits
    password: str | None = field(default=None, repr=False)  # encrypt with AES-256 (None or "": no password)
    today: dt.date | None = None  # the date printed on the report (default: today)


@dataclass(frozen=True)
class PdfReport:
    data: bytes
    unprintable: tuple[str, ...]  # characters the font could not draw ("U+4E2D CJK UNIFIED IDEOGRAPH-4E2D")
    pages: int
    right_to_left: bool = False  # some text is in a right-to-left script, printed left to right (see the last page)


def file_name(day: dt.date | None = None) -> str:
    """A neutral file name: summary-2026-11-23.pdf (nothing about separation or the people in it)."""
    return f"summary-{(day or dt.date.today()).isoformat()}.pdf"


def language(case: Case) -> str:
    """The document's language tag (BCP 47): the app writes English; the country gives the spelling convention."""
    return LANGUAGES.get(case.jurisdiction.split("-")[0], "en")


class _PackTemplate(SimpleDocTemplate):
    """A document whose section headings become outline entries (bookmarks), at the heading's place on its page."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._entries = 0
        self.footer = ""

    def afterPage(self) -> None:
        """The footer, drawn after the page's content so that it is read after it, not before."""
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(report_fonts().regular, 7.5)
        canvas.setFillGray(0.35)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, self.footer)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2 * mm, f"Page {self.page}")
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab calls this after drawing each flowable
        entry = getattr(flowable, OUTLINE_ATTR, None)
        if entry is None:
            return
        title, level = entry
        self._entries += 1
        key = f"section-{self._entries}"
        top = self.frame._y + flowable.height + flowable.getSpaceBefore()  # the heading's top edge on this page
        self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)
        if self._entries == 1:
            self.canv.showOutline()  # readers open the outline panel with the file


def build_pdf_report(case: Case, results: CaseResults, options: ReportOptions | None = None) -> PdfReport:
    """Lay out every section and return the PDF bytes with what could not be printed."""
    options = options or ReportOptions()
    fonts = report_fonts()
    guard = TextGuard(fonts, mask_accounts=options.mask_account_numbers)
    today = options.today or dt.date.today()
    ctx = Ctx(case=case, results=results, options=options, guard=guard, styles=make_styles(fonts), today=today,
              width=A4[0] - 2 * MARGIN, fonts=fonts)
    buffer = io.BytesIO()
    doc = _PackTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
        title=TITLE, author=guard.plain(case.name(case.you)), subject=SUBJECT, creator="Separation Organizer",
        producer="", invariant=True, lang=language(case), displayDocTitle=True,
    )
    flowables = story(ctx)
    doc.footer = f"{TITLE} · {day(today)} · not legal advice"
    doc.build(flowables)
    data = buffer.getvalue()
    pages = doc.page
    if options.password:
        data = encrypt(data, options.password)
    return PdfReport(data=data, unprintable=tuple(guard.missing_descriptions()), pages=pages,
                     right_to_left=guard.right_to_left)


def build_pdf(case: Case, results: CaseResults, options: ReportOptions | None = None) -> bytes:
    """The report as PDF bytes (see build_pdf_report for the list of unprintable characters)."""
    return build_pdf_report(case, results, options).data


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def unprintable_in_case(case: Case) -> list[str]:
    """Characters typed anywhere in the case that the report's font cannot show ("U+4E2D CJK ..."), so a page can
    warn before the PDF is built."""
    fonts = report_fonts()
    found: dict[str, None] = {}
    for text in _strings(case.model_dump(mode="json")):
        for char in fonts.missing(clean_text(text, keep_newlines=True)):
            found.setdefault(char, None)
    return [describe_char(c) for c in found]


def right_to_left_in_case(case: Case) -> bool:
    """Whether anything typed in the case is in a right-to-left script (the PDF prints it left to right)."""
    return any(has_right_to_left(text) for text in _strings(case.model_dump(mode="json")))


def encrypt(data: bytes, password: str) -> bytes:
    """Protect a PDF with a password, AES-256 (PDF 2.0 / ISO 32000-2 standard security handler, revision 6)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
