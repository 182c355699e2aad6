"""The one place where text becomes PDF paragraph markup: escaping, unprintable characters, account-number masking.

reportlab's Paragraph parses a small XML markup (<b>, <a href>, <img src> ...). Every piece of text the report prints
(the person's names and notes, and also the app's own labels) passes through ``TextGuard.markup`` (or ``plain`` for
chart labels, which are not parsed) so that markup in
user text prints literally and never takes effect: ``<b>Ann & Co</b>`` appears exactly as typed.

Characters the embedded font cannot draw are replaced with U+FFFD and recorded, so the report can list them in a
closing note instead of dropping them silently; right-to-left text (which reportlab neither reorders nor shapes) is
noticed the same way and named in that note. Control characters and XML escaping are reports/sanitize.py's
(shared with the spreadsheet export); this module adds what only the PDF needs: glyph coverage and masking.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from reports.fonts import REPLACEMENT, Fonts
from reports.sanitize import clean_text, markup_text

# Account-like numbers: 8 or more digits (optionally in groups split by spaces or dashes), or an IBAN-shaped code.
_ACCOUNT = re.compile(
    r"(?<![\w])(?:[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}|\d(?:[ -]?\d){7,})(?![\w])"
)
# Dates and money-like figures look like long numbers but are not account numbers.
_DATE = re.compile(r"^(?:\d{4}[-/. ]\d{1,2}[-/. ]\d{1,2}|\d{1,2}[-/. ]\d{1,2}[-/. ]\d{4})$")
MASK = "•"
KEEP_LAST = 4


def mask_account_numbers(text: str) -> str:
    """Replace all but the last four letters/digits of account-like numbers with •, keeping separators.

    "Account 12345678" -> "Account ••••5678"; "GB29 NWBK 6016 1331 9268 19" -> "•••• •••• •••• •••• ••68 19".
    Dates such as 2026-03-01 and short numbers are left alone.
    """

    def hide(match: re.Match[str]) -> str:
        token = match.group(0)
        if _DATE.match(token):
            return token
        total = sum(ch.isalnum() for ch in token)
        out, seen = [], 0
        for ch in token:
            if ch.isalnum():
                seen += 1
                out.append(ch if seen > total - KEEP_LAST else MASK)
            else:
                out.append(ch)
        return "".join(out)

    return _ACCOUNT.sub(hide, text)


RIGHT_TO_LEFT_NOTE = (
    "Some text is in a right-to-left script (such as Arabic or Hebrew). This document prints it from left to right "
    "with its letters unjoined, so it may be hard to read here. The app and the case file keep it exactly as typed."
)


def has_right_to_left(text: str) -> bool:
    """Whether ``text`` has letters of a right-to-left script (Hebrew, Arabic, Syriac, Thaana ...: Unicode bidi class
    R or AL). reportlab draws every line left to right without joining letters, so such text can be hard to read in
    the PDF; the report says so rather than pretend."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text if ord(char) >= 0x0590)


def describe_char(char: str) -> str:
    """ "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D" — how the report names a character it could not print."""
    name = unicodedata.name(char, "unnamed character")
    return f"U+{ord(char):04X} {name}"


@dataclass
class TextGuard:
    """Escapes text for Paragraph markup, replaces characters the font lacks (recording them), masks numbers."""

    fonts: Fonts
    mask_accounts: bool = True
    missing: dict[str, None] = field(default_factory=dict)  # characters replaced, in order of first appearance
    right_to_left: bool = False  # some text was in a right-to-left script (drawn left to right, unjoined)

    def plain(self, text: object, *, mask: bool = True) -> str:
        """``text`` ready to draw where markup is not parsed (chart labels): control characters removed, composed
        (NFC: "e" + combining accent becomes "é"), account-like numbers masked if chosen, characters the font lacks
        replaced (and recorded)."""
        cleaned = unicodedata.normalize("NFC", clean_text(str(text), keep_newlines=True))
        if not self.right_to_left and has_right_to_left(cleaned):
            self.right_to_left = True
        if self.mask_accounts and mask:
            cleaned = mask_account_numbers(cleaned)
        for char in self.fonts.missing(cleaned):
            self.missing.setdefault(char, None)
            cleaned = cleaned.replace(char, REPLACEMENT)
        return cleaned

    def markup(self, text: object, *, mask: bool = True) -> str:
        """Any text (typed by the person or written by the app) as safe Paragraph markup: as ``plain``, then
        XML-escaped so that <, > and & print literally; line breaks kept. ``mask=False`` for text that is never
        the person's (a citation's register number is not an account number)."""
        return markup_text(self.plain(text, mask=mask))

    def missing_descriptions(self) -> list[str]:
        return [describe_char(c) for c in self.missing]
