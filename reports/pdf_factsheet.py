"""Page 1 of the pack: the fact sheet a lawyer reads in a minute (its content comes from reports/facts.py).

One page, in the order a first consultation goes: who and where, the children and the nights, both incomes and how
each is known, the estimate with its range and its most important caveat, then the flags to see first. Every row is
a table row (label, then value), so the text reads in that order aloud and in a text extraction.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from reports.facts import Fact, fact_sheet
from reports.pdf_sections import INK, NOTE_BG, RULE, SHADE, Ctx

LABEL_WIDTH = 0.27
IN_THIS_PACK = ("1 The situation · 2 Finances · 3 Child-support estimate · 4 Do I need a lawyer? · 5 Documents · "
                "6 Shared expenses · 7 Questions · Appendix: where the figures were read")


def _rows(ctx: Ctx, facts: tuple[Fact, ...] | list[Fact]) -> Table:
    """Label / value rows; a fact that needs attention is shaded."""
    cell, bold = ctx.styles["cell"], ctx.styles["cellb"]
    data = [[Paragraph(ctx.guard.markup(f.label), bold), Paragraph(ctx.guard.markup(f.value), bold if f.strong else cell)]
            for f in facts]
    table = Table(data, colWidths=[LABEL_WIDTH * ctx.width, (1 - LABEL_WIDTH) * ctx.width], hAlign="LEFT")
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)]
    commands += [("BACKGROUND", (0, i), (-1, i), NOTE_BG) for i, f in enumerate(facts) if f.attention]
    table.setStyle(TableStyle(commands))
    return table


def _incomes(ctx: Ctx, sheet: object) -> Table:
    cell, bold = ctx.styles["cell"], ctx.styles["cellb"]
    incomes = sheet.incomes  # type: ignore[attr-defined]
    data = [[Paragraph(h, bold) for h in ("", "A month, before tax", "How it is known")]]
    data += [[Paragraph(ctx.guard.markup(i.name), bold), Paragraph(ctx.guard.markup(i.monthly), cell),
              Paragraph(ctx.guard.markup(i.known), cell)] for i in incomes]
    widths = [LABEL_WIDTH, 0.28, 1 - LABEL_WIDTH - 0.28]
    table = Table(data, colWidths=[w * ctx.width for w in widths], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK), ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    return table


def fact_sheet_page(ctx: Ctx) -> list[Flowable]:
    sheet = fact_sheet(ctx.case, ctx.results, today=ctx.today, include_safety=ctx.options.include_safety_details)
    subtitle = (f"{sheet.prepared} for a first consultation. A summary of what was entered and an estimate from the "
                "published guideline: not a court form, not legal advice.")
    out: list[Flowable] = [
        ctx.heading("Fact sheet", "title", outline="Fact sheet"),
        ctx.para(subtitle, "small"),
        Spacer(1, 6),
        _rows(ctx, sheet.case),
        ctx.para("Children and nights", "h2"),
        _rows(ctx, [*sheet.children, Fact("Overnights", sheet.overnights)]),
        ctx.para("Incomes", "h2"),
        _incomes(ctx, sheet),
        ctx.para("Child support", "h2"),
        _rows(ctx, sheet.estimate),
        ctx.para("Look at first", "h2"),
        _rows(ctx, sheet.flags),
        Spacer(1, 8),
        ctx.para("In this pack: " + IN_THIS_PACK + ".", "small"),
    ]
    if ctx.options.mask_account_numbers:
        out.append(ctx.para("Long numbers in typed text (such as account numbers) show only their last four digits.",
                            "small"))
    return [*out, PageBreak()]
