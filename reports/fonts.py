"""The Unicode font embedded in the PDF report (DejaVu Sans), found at run time, and its glyph coverage.

The PDF's built-in fonts (Helvetica ...) only cover Latin-1, so names such as "Zoë", "Δημήτρης" or "Ольга" need an
embedded TrueType font. DejaVu Sans is installed by ``scripts/system-deps.sh`` (Debian package fonts-dejavu-core).
Set ORGANIZER_FONT_DIR to a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf to use another copy.

Characters the font has no glyph for are never dropped silently: ``Fonts.missing(text)`` lists them so the report can
say which ones could not be printed.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"
REGULAR = "OrganizerSans"
BOLD = "OrganizerSans-Bold"

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
    Path("/usr/share/fonts/TTF"),  # Arch (older)
    Path("/usr/local/share/fonts"),
    Path("/usr/local/share/fonts/dejavu"),
    Path("/opt/homebrew/share/fonts"),
    Path("/Library/Fonts"),
    Path.home() / "Library" / "Fonts",
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
)

# Shown in place of a character the font cannot draw (the report lists what it stood for).
REPLACEMENT = "\ufffd"


class FontNotFound(RuntimeError):
    """The Unicode font is not installed: a message that says how to install it."""


def font_dirs() -> list[Path]:
    custom = os.environ.get("ORGANIZER_FONT_DIR")
    return ([Path(custom)] if custom else []) + list(FONT_DIRS)


def find_font_file(name: str) -> Path:
    """The first ``name`` found in the standard font folders (ORGANIZER_FONT_DIR first)."""
    for folder in font_dirs():
        candidate = folder / name
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(d) for d in font_dirs())
    raise FontNotFound(
        f"The report needs the DejaVu Sans font ({name}) and it was not found (looked in: {searched}). "
        "Install it with scripts/system-deps.sh (Debian/Ubuntu: apt-get install fonts-dejavu-core), "
        "or set ORGANIZER_FONT_DIR to a folder that holds DejaVuSans.ttf and DejaVuSans-Bold.ttf."
    )


@dataclass(frozen=True)
class Fonts:
    """The registered regular and bold faces, and the characters both can draw."""

    regular: str
    bold: str
    coverage: frozenset[int]

    def can_draw(self, char: str) -> bool:
        return char in "\n\t" or ord(char) in self.coverage

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` with no glyph in the font, in order of first appearance."""
        seen: dict[str, None] = {}
        for char in text:
            if char not in seen and not self.can_draw(char):
                seen[char] = None
        return list(seen)


@functools.cache
def report_fonts() -> Fonts:
    """Register DejaVu Sans (regular and bold) with reportlab once per process and return them."""
    regular = TTFont(REGULAR, str(find_font_file(REGULAR_FILE)))
    bold = TTFont(BOLD, str(find_font_file(BOLD_FILE)))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    # <b> inside a paragraph picks the bold face; there is no italic face, so italic falls back to regular.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    coverage = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
    return Fonts(regular=REGULAR, bold=BOLD, coverage=coverage)
