"""Making user text safe to put in files other programs open (spreadsheets, PDFs).

Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text begins with = + - @ (or a tab or carriage
return, which some programs skip before reading the rest) may be run as a formula - =HYPERLINK(...) can leak data,
=cmd|... could start programs. ``spreadsheet_text`` prefixes such text with a single quote, so it can never start with
a formula character, and the writer stores it as a text cell; the quote stays visible, which shows the reader the
text was neutralised. Control characters (other than line breaks, where allowed) are removed first: they are never
meaningful in a case file, and XML (xlsx, PDF markup) cannot hold most of them.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# control characters (keeping \t \n \r for the checks below), lone surrogates and the non-characters XML forbids
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def clean_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` without control characters; tabs, CRs (and newlines unless kept) become single spaces."""
    text = _CONTROL.sub("", text)
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        return text
    return _LINE_BREAKS.sub(" ", text)


def spreadsheet_text(text: str, *, keep_newlines: bool = False) -> str:
    """Text that is safe in a spreadsheet cell: cleaned, and quote-prefixed when it could be read as a formula.

    The trigger check looks at the text as typed (so a leading tab or CR counts) and again after cleaning (so text
    that only begins with a formula character once control characters are removed is caught too).
    """
    cleaned = clean_text(text, keep_newlines=keep_newlines)
    if text.startswith(FORMULA_TRIGGERS) or cleaned.startswith(FORMULA_TRIGGERS) or cleaned.lstrip().startswith(
        FORMULA_TRIGGERS
    ):
        return QUOTE + cleaned
    return cleaned


def markup_text(text: str) -> str:
    """Text safe inside reportlab Paragraph markup: cleaned (line breaks kept as <br/>) and XML-escaped."""
    return escape(clean_text(text, keep_newlines=True)).replace("\n", "<br/>")
