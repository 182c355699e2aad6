"""The appendix for professionals: where each figure was read and how sure it is, one line a figure.

The worksheet (section 3) cites only the law and official sources. What a professional checking the figures also
wants - that a table was transcribed by a third party, that a statute was read through a copy, that a regulation's
text was not seen - is here, from the rule file (its confidence note and each reference's own words and note) and
from reports/citations.py. Also listed: the law cited with its official address, the guides the kinds of
separation come from, and the sources of the financial-statement headings.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from reports.citations import caveat_for_print, references_for, split_cite
from reports.pdf_sections import Ctx, separation_regions

CONFIDENCE_WORDS = ("Confidence: official = read in the official text; secondary = a reliable copy or several "
                    "agreeing sources; third-party = a single unofficial source; unverified = not confirmed.")


def appendix(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(200), ctx.heading("Appendix for professionals: where the figures were read",
                                                           outline="Appendix: where the figures were read")]
    out.append(ctx.para("The worksheet in section 3 cites the law and official sources only. This appendix says "
                        "where each figure was read and how sure that reading is. " + CONFIDENCE_WORDS, "small"))
    out += _figures(ctx)
    out += _caveat_sources(ctx)
    out += _law_online(ctx)
    out += _separation_sources(ctx)
    out += _form_sources(ctx)
    return out


def _rule_file(ctx: Ctx) -> Any:
    from jurisdictions.loader import resolve

    est = ctx.results.estimate
    try:
        return resolve(est.jurisdiction)[0].rules if est is not None else None
    except (LookupError, ValueError):
        return None


def _figures(ctx: Ctx) -> list[Flowable]:
    est = ctx.results.estimate
    out: list[Flowable] = [ctx.para("Child-support figures", "h2")]
    if est is None:
        return [*out, ctx.absent("the child-support estimate", ctx.results.reason("estimate"))]
    rules = _rule_file(ctx)
    if rules is not None:
        note = f" {rules.confidence_note}" if rules.confidence_note else ""
        out.append(ctx.para(f"{est.jurisdiction_name}: rule file last checked {rules.last_verified:%d %B %Y}; "
                            f"overall confidence {rules.confidence.value}.{note}", "cell"))
    rows: list[list[object]] = []
    official: list[str] = []
    for line in est.lines:
        split = split_cite(est.jurisdiction, line.reference)
        if not split.has_provenance and split.confidence in (None, "official"):
            if split.confidence:
                official.append(line.label)
            continue  # worked out from the inputs and the law cited, or read in the official text: said below
        shown = ctx.money(line.amount) if line.amount is not None else (line.value or "")
        where = "; ".join(split.provenance) or "the law cited in the worksheet"
        where_cell = Paragraph(ctx.guard.markup(where, mask=False), ctx.styles["ref"])
        rows.append([line.label, shown, split.confidence or "—", where_cell])
    if rows:
        out.append(ctx.table(["Figure", "Amount", "Confidence", "Where it was read"], rows,
                             [0.27, 0.12, 0.14, 0.47], numeric=(1,)))
    if official:
        out.append(Spacer(1, 4))
        out.append(ctx.para("Read in the official text of the law cited: " + "; ".join(official) + ".", "cell"))
    if not rows and not official:
        out.append(ctx.para("Every figure is worked out from the inputs and the law cited in the worksheet.", "cell"))
    return out


def _caveat_sources(ctx: Ctx) -> list[Flowable]:
    """The estimate's caveats that also said where something was read, in the engine's own words."""
    est = ctx.results.estimate
    if est is None:
        return []
    notes = [c.source_note for c in map(caveat_for_print, (*est.assumptions, *est.warnings, *est.not_modelled))
             if c.source_note]
    if not notes:
        return []
    return [ctx.para("Caveats in section 3, as the estimate states them with their sources", "h2"),
            ctx.bullets(notes, "cell")]


def _law_online(ctx: Ctx) -> list[Flowable]:
    """The law and official sources the worksheet cites, with their official address (where the rule file has one
    and it is not the address of a copy)."""
    est = ctx.results.estimate
    if est is None:
        return []
    known = references_for(est.jurisdiction)
    cited = {p for line in est.lines for p in split_cite(est.jurisdiction, line.reference).printed}
    rows = sorted({(r.printed, r.url) for r in known.values()
                   if r.kind != "provenance" and r.url and r.printed == r.source_text and r.printed in cited})
    if not rows:
        return []
    return [ctx.para("The law cited, online", "h2"), *_source_lines(ctx, [f"{text}: {url}" for text, url in rows])]


def _source_lines(ctx: Ctx, lines: list[str]) -> list[Flowable]:
    """One line a source, its address in full (a table column would break every address mid-word)."""
    return [ctx.bullets(lines, "ref")]


def _separation_sources(ctx: Ctx) -> list[Flowable]:
    guide = ctx.results.separation
    if guide is None:
        return []
    used: dict[str, None] = {}
    for region in separation_regions(ctx, guide):
        for kind in region.types:
            if not kind.summary.verified:
                continue
            for fact in (kind.summary, kind.money, kind.children, kind.remarry, kind.waiting):
                for source_id in fact.sources:
                    used.setdefault(source_id, None)
    if not used:
        return []
    lines = [f"{guide.source(i).title} ({guide.source(i).confidence}): {guide.source(i).url}" for i in used]
    return [ctx.para("Kinds of separation (section 5): sources", "h2"), *_source_lines(ctx, lines)]


def _form_sources(ctx: Ctx) -> list[Flowable]:
    forms = ctx.forms
    if not forms.sources:
        return []
    lines = [f"{s.title} ({s.confidence}): {s.url}" for s in forms.sources]
    return [ctx.para("Financial-statement headings (section 2): sources", "h2"), *_source_lines(ctx, lines)]
