"""The one escaping helper: markup in text prints literally, unprintable characters are recorded, numbers masked."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from reports.fonts import report_fonts
from reports.pdf_text import TextGuard, mask_account_numbers


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Account 12345678", "Account ••••5678"),
        ("card 1234 5678 9012 3456", "card •••• •••• •••• 3456"),
        ("GB29 NWBK 6016 1331 9268 19", "•••• •••• •••• •••• ••68 19"),
        ("sort code 12-34-56", "sort code 12-34-56"),  # 6 digits: not an account number
        ("on 2026-03-01 we met", "on 2026-03-01 we met"),  # a date
        ("paid 41500 a year", "paid 41500 a year"),  # an amount
        ("ref AB123", "ref AB123"),
    ],
)
def test_mask_account_numbers(typed: str, shown: str) -> None:
    assert mask_account_numbers(typed) == shown


def test_markup_is_escaped_and_parses_as_plain_text() -> None:
    guard = TextGuard(report_fonts(), mask_accounts=False)
    markup = guard.markup('<b>Ann & Co</b> <a href="x">y</a>\nnext')
    assert markup == "&lt;b&gt;Ann &amp; Co&lt;/b&gt; &lt;a href=\"x\"&gt;y&lt;/a&gt;<br/>next"
    para = Paragraph(markup)
    words = "".join(getattr(frag, "text", "") for frag in para.frags)
    assert "<b>Ann & Co</b>" in words


def test_control_characters_removed_and_missing_glyphs_recorded() -> None:
    guard = TextGuard(report_fonts())
    assert guard.plain("A\x00B\x07C") == "ABC"
    assert guard.plain("Li 中") == "Li \ufffd"
    assert guard.missing_descriptions() == ["U+4E2D CJK UNIFIED IDEOGRAPH-4E2D"]
    assert guard.plain("Zoë Δημήτρης Ольга") == "Zoë Δημήτρης Ольга"
    assert len(guard.missing) == 1


def test_combining_accents_are_composed() -> None:
    guard = TextGuard(report_fonts())
    assert guard.plain("Zoe\u0308") == "Zoë"


def test_right_to_left_scripts_are_noticed() -> None:
    from reports.pdf_text import has_right_to_left

    assert has_right_to_left("Maya שלום") and has_right_to_left("مرحبا")  # Hebrew (R), Arabic (AL)
    assert not has_right_to_left("Zoë Ørsted, Ольга, Δημήτρης, 中")  # left-to-right scripts
    assert not has_right_to_left("12 345,67 £ — ok")  # numbers and punctuation have no direction of their own
