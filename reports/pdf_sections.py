"""The report's sections, each a function ``(ctx) -> list of flowables``, in the order they print.

Every piece of text goes through ``ctx.guard`` (reports/pdf_text.py) before it becomes a Paragraph: ``ctx.para`` and
``ctx.cells`` do that, so no section builds markup from raw text. A section whose data is absent prints an honest
"not filled in yet" with the reason from CaseResults. Sections read the Case and the CaseResults; they never compute
support, scores or balances themselves (calculators/summary.py does, once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from calculators.summary import CaseResults
from casefile.models import NOT_ANSWERED, PARENT_ROLES, Amount, Case, ParentRole
from casefile.money import Frequency, Period, format_money
from reports.citations import caveat_for_print, split_cite
from reports.facts import SCHEDULE_WORDS, day
from reports.financial_forms import FinancialStatement, statement_for, whose
from reports.fonts import Fonts
from reports.pdf_charts import bar_chart, whatif_chart
from reports.pdf_text import RIGHT_TO_LEFT_NOTE, TextGuard

if TYPE_CHECKING:
    from reports.pdf import ReportOptions

INK = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
SHADE = colors.HexColor("#f3f2f1")
NOTE_BG = colors.HexColor("#fff7bf")

NOT_YET = "Not filled in yet"
OUTLINE_ATTR = "_outline_entry"  # (title, level) on a heading paragraph: reports/pdf.py makes it a bookmark


def make_styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": style("title", fontName=fonts.bold, fontSize=24, leading=30, spaceAfter=4),
        "subtitle": style("subtitle", fontSize=13, leading=17, textColor=MUTED, spaceAfter=16),
        "h1": style("h1", fontName=fonts.bold, fontSize=15, leading=19, spaceBefore=6, spaceAfter=8,
                    keepWithNext=1),
        "h2": style("h2", fontName=fonts.bold, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4,
                    keepWithNext=1),
        "small": style("small", fontSize=8, leading=10.5, textColor=MUTED),
        "cell": style("cell", fontSize=8.5, leading=11),
        "cellb": style("cellb", fontName=fonts.bold, fontSize=8.5, leading=11),
        "ref": style("ref", fontSize=7, leading=9, textColor=MUTED),
        "absent": style("absent", textColor=MUTED, leftIndent=8, borderPadding=(4, 6, 4, 6),
                        backColor=SHADE, spaceBefore=2, spaceAfter=6),
        "headline": style("headline", fontName=fonts.bold, fontSize=12.5, leading=17, spaceAfter=4),
        "callout": style("callout", backColor=NOTE_BG, borderPadding=(5, 7, 5, 7), spaceBefore=4, spaceAfter=10),
    }


@dataclass
class Ctx:
    """What every section needs: the case, its results, the person's options, and the safe-text helpers."""

    case: Case
    results: CaseResults
    options: ReportOptions
    guard: TextGuard
    styles: dict[str, ParagraphStyle]
    today: dt.date
    width: float
    fonts: Fonts

    @property
    def forms(self) -> FinancialStatement:
        """The headings of the place's own financial statement (reports/financial_forms.yaml)."""
        return statement_for(self.case)

    # --- text ---------------------------------------------------------------------------------------------------

    def para(self, text: object, style: str = "body", *, bold_lead: str = "") -> Paragraph:
        """A paragraph of ``text`` (escaped); ``bold_lead`` printed before it in bold (also escaped)."""
        lead = f"<b>{self.guard.markup(bold_lead)}</b> " if bold_lead else ""
        return Paragraph(lead + self.guard.markup(text), self.styles[style])

    def heading(self, text: str, style: str = "h1", *, outline: str | None = None, level: int = 0) -> Paragraph:
        """A section heading that is also an entry of the PDF's outline (bookmarks), under ``outline`` if given."""
        heading = self.para(text, style)
        setattr(heading, OUTLINE_ATTR, (self.guard.plain(outline or text), level))
        return heading

    def absent(self, what: str, reason: str = "") -> Paragraph:
        """The honest empty state: "Not filled in yet: <what>." plus why, when known."""
        text = f"{NOT_YET}: {what}."
        if reason and reason != what:
            text += f" {reason[0].upper()}{reason[1:].rstrip('.')}."
        return self.para(text, "absent")

    def bullets(self, items: Iterable[object], style: str = "body") -> ListFlowable:
        return ListFlowable(
            [ListItem(self.para(i, style), leftIndent=12, value="•") for i in items],
            bulletType="bullet", start="•", leftIndent=12, bulletFontName=self.fonts.regular, bulletFontSize=8,
        )

    def money(self, amount: Decimal | None, *, whole: bool = False) -> str:
        return format_money(amount, self.results.currency, whole=whole) if amount is not None else "not known yet"

    def name(self, role: ParentRole) -> str:
        return self.case.name(role)

    # --- tables -------------------------------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        *,
        bold_last: bool = False,
        numeric: Sequence[int] = (),
    ) -> Table:
        """A table of escaped text. ``widths`` are fractions of the page width; ``numeric`` columns align right."""
        cell, cellb = self.styles["cell"], self.styles["cellb"]
        right_b = ParagraphStyle("rb", parent=cellb, alignment=2)
        right = ParagraphStyle("r", parent=cell, alignment=2)

        def make(value: object, col: int, bold: bool) -> Flowable:
            if isinstance(value, Flowable):
                return value
            style = (right_b if bold else right) if col in numeric else (cellb if bold else cell)
            return Paragraph(self.guard.markup(value), style)

        data = [[make(h, i, True) for i, h in enumerate(header)]]
        for r, row in enumerate(rows):
            last = bold_last and r == len(rows) - 1
            data.append([make(v, i, last) for i, v in enumerate(row)])
        table = Table(data, colWidths=[w * self.width for w in widths], repeatRows=1, hAlign="LEFT")
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if bold_last and rows:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
        table.setStyle(TableStyle(commands))
        return table

    def facts(self, pairs: Sequence[tuple[str, object]], label_width: float = 0.32) -> Table:
        """Label: value lines as a two-column table without rules."""
        rows = [[Paragraph(self.guard.markup(k), self.styles["cellb"]), Paragraph(self.guard.markup(v),
                 self.styles["cell"])] for k, v in pairs]
        table = Table(rows, colWidths=[label_width * self.width, (1 - label_width) * self.width], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
        return table


_date = day  # "2 December 2026", or "not answered"


def as_entered(item: Amount, currency: str) -> str:
    """How the person typed an amount: "£14.20 an hour, 30 hours a week"."""
    if item.amount is None:
        return "not known yet"
    text = f"{format_money(item.amount, currency)} {item.frequency.label}"
    if item.frequency is Frequency.HOURLY and item.hours_per_week is not None:
        text += f", {item.hours_per_week.normalize():f} hours a week"
    return text


def monthly(item: Amount) -> Decimal | None:
    """The monthly equivalent of an amount as typed (exact; displayed rounded to the penny)."""
    annual = item.annual()
    return None if annual is None else annual / Period.MONTH.per_year


# --- 2. the situation ----------------------------------------------------------------------------------------------


def situation(ctx: Ctx) -> list[Flowable]:
    """The children, the nights and the children's costs (the key facts and dates are on the fact sheet)."""
    out: list[Flowable] = [ctx.heading("1. The situation")]
    out += _children(ctx)
    out += _parenting_time(ctx)
    out += _child_costs(ctx)
    return out


def _children(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [ctx.para("Children", "h2")]
    if not ctx.case.children:
        return [*out, ctx.absent("no children entered")]
    a, b = ctx.name("parent_a"), ctx.name("parent_b")
    rows = []
    for child in ctx.case.children:
        age = child.age_on(ctx.today)
        nights_a = child.overnights_with_a if child.overnights_with_a is not None else None
        rows.append([
            child.name,
            _date(child.date_of_birth),
            NOT_ANSWERED if age is None else f"{age}",
            "as the family schedule" if nights_a is None else f"{nights_a}",
            "as the family schedule" if nights_a is None else f"{365 - nights_a}",
        ])
    out.append(ctx.table(["Name", "Born", "Age", f"Nights a year with {a}", f"Nights a year with {b}"], rows,
                         [0.22, 0.2, 0.1, 0.24, 0.24], numeric=(2,)))
    return out


def _parenting_time(ctx: Ctx) -> list[Flowable]:
    pt = ctx.case.parenting_time
    a, b = ctx.name("parent_a"), ctx.name("parent_b")
    text = f"{a}: {pt.overnights_with_a} nights a year. {b}: {pt.overnights_with_b} nights a year."
    if pt.schedule is not None:
        text += f" Worked out from the schedule: {SCHEDULE_WORDS[pt.schedule]}."
    return [ctx.para("Parenting time", "h2"), ctx.para(text)]


def _child_costs(ctx: Ctx) -> list[Flowable]:
    costs = [c for c in ctx.case.child_costs if c.amount != 0]
    if not costs:
        return []
    rows = [[c.kind.label, c.description, ctx.name(c.paid_by), as_entered(c, ctx.results.currency),
             ctx.money(monthly(c))] for c in costs]
    return [ctx.para("Costs for the children", "h2"),
            ctx.table(["Kind", "Description", "Paid by", "As entered", "A month"], rows,
                      [0.24, 0.24, 0.14, 0.22, 0.16], numeric=(4,))]


# --- 3. finances ---------------------------------------------------------------------------------------------------


def finances(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(120), ctx.heading("2. Finances")]
    for role in PARENT_ROLES:
        out += _income(ctx, role)
    out += _budget(ctx)
    out += _assets_debts(ctx)
    return out


def _amount_rows(ctx: Ctx, items: Sequence[Any], label: Callable[[Any], str]) -> list[list[object]]:
    rows: list[list[object]] = [[label(i), as_entered(i, ctx.results.currency), ctx.money(monthly(i))] for i in items]
    known = [monthly(i) for i in items]
    total = None if any(m is None for m in known) else sum((m for m in known if m is not None), Decimal(0))
    rows.append(["Total", "", ctx.money(total) if total is not None else "not known yet (some amounts missing)"])
    return rows


def _describe(item: Any) -> str:
    return f"{item.kind.label}: {item.description}" if item.description else item.kind.label


def _income(ctx: Ctx, role: ParentRole) -> list[Flowable]:
    parent = ctx.case.parent(role)
    out: list[Flowable] = [ctx.para(f"Income and deductions: {parent.display_name}", "h2")]
    if not parent.income:
        out.append(ctx.absent(f"no income entered for {parent.display_name}"))
    else:
        rows = _amount_rows(ctx, parent.income, _describe)
        for row, item in zip(rows, parent.income, strict=False):  # the total row has no "how known"
            row.append(item.known_from.label.split(" (")[0] if item.known_from else NOT_ANSWERED)
        rows[-1].append("")
        out.append(ctx.table(["Income", "As entered", "A month", "How it is known"], rows,
                             [0.38, 0.24, 0.16, 0.22], bold_last=True, numeric=(2,)))
    if parent.deductions:
        out += [Spacer(1, 4), ctx.table(["Deduction", "As entered", "A month"],
                                        _amount_rows(ctx, parent.deductions, _describe),
                                        [0.5, 0.3, 0.2], bold_last=True, numeric=(2,))]
    else:
        out.append(ctx.para("No deductions entered.", "small"))
    if parent.benefits:
        out.append(ctx.para(", ".join(parent.benefits), bold_lead="Benefits:"))
    return out


def _budget(ctx: Ctx) -> list[Flowable]:
    """The person's own monthly budget, line by line under the headings of the place's financial statement, each
    marked estimated / actual / proposed (as FL-150 asks); the total from calculators.expenses.budget_totals."""
    scheme = ctx.forms.budget
    out: list[Flowable] = [CondPageBreak(150), ctx.para(f"Monthly budget: {ctx.name(ctx.case.you)}", "h2")]
    if not ctx.case.budget.lines:
        return [*out, ctx.absent("no budget entered")]
    totals = ctx.results.budget
    if totals is None:
        return [*out, ctx.absent("budget totals", ctx.results.reason("budget"))]
    out.append(ctx.para(f"Headings: {scheme.described}." + (f" {scheme.note}" if scheme.note else ""), "small"))
    rows: list[list[object]] = []
    previous = ""
    for line in sorted(ctx.case.budget.lines, key=lambda b: scheme.order(b.category)):
        heading = scheme.heading(line.category)
        shown = ctx.money(monthly(line)) if line.known else "not known yet"
        rows.append([heading if heading != previous else "", line.description, shown, line.basis.label])
        previous = heading
    rows.append(["Total a month", "", ctx.money(totals.total), ""])
    out.append(ctx.table(["Heading", "What", "A month", "Figure is"], rows, [0.4, 0.3, 0.15, 0.15],
                         bold_last=True, numeric=(2,)))
    facts: list[tuple[str, object]] = []
    if totals.paid_by_others is not None:
        facts += [("Paid by others", ctx.money(totals.paid_by_others)),
                  ("Total less what others pay", ctx.money(totals.total_after_others))]
    facts += [("Income a month (before deductions)", ctx.money(totals.income_monthly)),
              ("Income a month after deductions", ctx.money(totals.income_after_deductions_monthly))]
    out += [Spacer(1, 4), ctx.facts(facts, 0.4)]
    if totals.unknown_lines:
        out.append(ctx.para("Amounts not known yet (left out of the total): " + "; ".join(totals.unknown_lines),
                            "small"))
    return out


def _assets_debts(ctx: Ctx) -> list[Flowable]:
    """Assets and debts as entered, and net worth by whose they are (calculators.expenses.net_worth)."""
    ad = ctx.case.assets_debts
    case, forms = ctx.case, ctx.forms
    out: list[Flowable] = [ctx.para("Assets and debts", "h2")]
    if not ad.assets and not ad.debts:
        return [*out, ctx.absent("no assets or debts entered")]
    out.append(ctx.para(f"Headings: {forms.assets.described}. “Whose” is as {ctx.name(case.you)} sees it.",
                        "small"))
    if ad.assets:
        rows = [[forms.assets.heading(a.category), a.description, whose(case, a.owner), ctx.money(a.value),
                 ctx.money(a.amount_owed) if a.amount_owed is not None else "—"]
                for a in sorted(ad.assets, key=lambda a: forms.assets.order(a.category))]
        out.append(ctx.table(["Asset", "Description", "Whose", "Value", "Owed on it"], rows,
                             [0.28, 0.3, 0.12, 0.15, 0.15], numeric=(3, 4)))
    if ad.debts:
        rows = [[forms.debts.heading(d.category), d.description, whose(case, d.owner), ctx.money(d.amount_owed)]
                for d in sorted(ad.debts, key=lambda d: forms.debts.order(d.category))]
        out += [Spacer(1, 4), ctx.table(["Debt", "Description", "Whose", "Owed"], rows, [0.28, 0.45, 0.12, 0.15],
                                        numeric=(3,))]
    worth = ctx.results.net_worth
    if worth is None:
        return [*out, ctx.absent("net worth", ctx.results.reason("net_worth"))]
    rows = [[whose(case, owner), ctx.money(t.assets), ctx.money(t.owed_on_assets), ctx.money(t.debts),
             ctx.money(t.net)] for owner, t in worth.by_owner.items() if t.assets or t.owed_on_assets or t.debts]
    t = worth.total
    rows.append(["Total", ctx.money(t.assets), ctx.money(t.owed_on_assets), ctx.money(t.debts), ctx.money(t.net)])
    out += [ctx.para("Net worth by whose things are", "h2"),
            ctx.table(["Whose", "Assets", "Owed on assets", "Other debts", "Net worth"], rows,
                      [0.2, 0.2, 0.2, 0.2, 0.2], bold_last=True, numeric=(1, 2, 3, 4))]
    if worth.unknown_items:
        out.append(ctx.para("Not known yet (left out of the sums): " + "; ".join(worth.unknown_items), "small"))
    return out


# --- 4. child-support estimate -------------------------------------------------------------------------------------


def child_support(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), ctx.heading("3. Child-support estimate")]
    est = ctx.results.estimate
    if est is None:
        return [*out, ctx.absent("the child-support estimate", ctx.results.reason("estimate"))]
    out.append(ctx.para(f"{est.jurisdiction_name}. Rules as in force on {_date(est.as_of)}. Each line cites the law "
                        "or official source it rests on; where each figure was read is in the appendix.", "small"))
    out.append(_headline(ctx))
    if est.amount_range:
        low, high = est.amount_range
        out.append(ctx.para(f"The law leaves a range open: {ctx.money(low)} to {ctx.money(high)} "
                            f"{est.period.label}."))
    if est.missing:
        out += [ctx.para("To get an amount, enter:", "h2"), ctx.bullets(est.missing)]
    out += _worksheet(ctx)
    for title, items in (("Assumptions", printable(est.assumptions)), ("Warnings", printable(est.warnings)),
                         ("What-if changes in this estimate", est.overrides),
                         ("What this estimate does not take into account", printable(est.not_modelled))):
        if items:  # the heading stays with the first item; the rest may run on to the next page
            out.append(KeepTogether([ctx.para(title, "h2"), ctx.bullets(items[:1], "cell")]))
            if len(items) > 1:
                out.append(ctx.bullets(items[1:], "cell"))
    out += _whatif(ctx)
    return out


def printable(caveats: Sequence[str]) -> list[str]:
    """The estimate's caveats as printed: without clauses about where something was read (those are in the
    appendix, reports/citations.caveat_for_print)."""
    return [c.printed for c in map(caveat_for_print, caveats) if c.printed]


def _headline(ctx: Ctx) -> Paragraph:
    est = ctx.results.estimate
    assert est is not None
    if est.amount is None:
        return ctx.para("No amount yet: some figures are missing (listed below).", "headline")
    if not est.payer or est.payee is None:
        return ctx.para("On these figures the guideline gives no child support to pay (estimate).", "headline")
    monthly_amount = est.per(Period.MONTH)
    text = (f"Estimate: {ctx.name(est.payer)} pays {ctx.name(est.payee)} about {ctx.money(est.amount)} "
            f"{est.period.label}")
    if est.period is not Period.MONTH and monthly_amount is not None:
        text += f" (about {ctx.money(monthly_amount)} a month)"
    return ctx.para(text + ".", "headline")


def _worksheet(ctx: Ctx) -> list[Flowable]:
    est = ctx.results.estimate
    assert est is not None
    if not est.lines:
        return []
    rows = []
    for line in est.lines:
        shown = ctx.money(line.amount) if line.amount is not None else (line.value or "")
        label = line.label + (" [what-if change]" if line.overridden else "")
        ref = split_cite(est.jurisdiction, line.reference).citation
        rows.append([
            Paragraph(ctx.guard.markup(label), ctx.styles["cellb" if line.kind == "result" else "cell"]),
            shown,
            Paragraph(ctx.guard.markup(ref, mask=False), ctx.styles["ref"]),
        ])
    out: list[Flowable] = [ctx.para("Worksheet", "h2"),
                           ctx.table(["Line", "Amount", "Reference"], rows, [0.38, 0.14, 0.48], numeric=(1,))]
    if any(line.overridden for line in est.lines):
        out.append(ctx.para("Lines marked [what-if change] use a figure changed for a what-if, not the "
                            "published one.", "small"))
    return out


def _whatif(ctx: Ctx) -> list[Flowable]:
    """The what-if chart: the estimate as the paying parent's pay changes (calculators.whatif.Curve)."""
    curve = ctx.results.whatif
    title = ctx.para("What if pay changed?", "h2")
    if curve is None:
        return [title, ctx.absent("the what-if chart", ctx.results.reason("whatif"))]
    points = [(p.x, p.paid_by(curve.role)) for p in curve.points]
    drawn = [(x, y) for x, y in points if y is not None]
    if len(drawn) < 2:
        return [title, ctx.absent("the what-if chart", "there are not enough figures to draw it")]
    current = None
    if curve.current is not None and curve.current.paid_by(curve.role) is not None:
        current = (curve.current.x, curve.current.paid_by(curve.role))
    who = ctx.name(curve.role)
    axis_period = (curve.axis_period or curve.period).value
    chart, drawn_marks = whatif_chart(
        drawn, current, currency=curve.currency, font=ctx.fonts.regular, width=ctx.width,
        x_title=ctx.guard.plain(f"{who}'s pay a {axis_period} (before tax)"),
        y_title=ctx.guard.plain(f"Estimate {who} pays {curve.period.label}"),
        marks=[(t.x, _key(i)) for i, t in enumerate(curve.thresholds)],
    )
    notes = [
        f"Each point is the same estimate with only {who}'s pay changed; everything else is as entered. "
        "An estimate, not a prediction."]
    shown = [curve.thresholds[i] for i in drawn_marks]
    if shown:
        notes.append("Dashed lines: where the guideline's rules change.")
    notes_by_name = ctx.results.threshold_notes
    keys = [f"{_key(curve.thresholds.index(t))}: {ctx.money(t.x, whole=True)} a {axis_period} — "
            f"{notes_by_name.get(t.parameter, t.label)}" for t in shown]
    return [KeepTogether([title, chart, ctx.para(" ".join(notes), "small"), *(ctx.para(k, "small") for k in keys)])]


def _key(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


# --- 5. do I need a lawyer? ---------------------------------------------------------------------------------------


def lawyer(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(160), ctx.heading("4. Do I need a lawyer?")]
    result = ctx.results.attorney
    if result is None:
        return [*out, ctx.absent("the questionnaire", ctx.results.reason("attorney"))]
    if result.level is None:
        return [*out, ctx.absent("the questionnaire", "It is on the page “Do I need a lawyer?”")]
    return out + attorney_body(ctx, result)


# Alerts and drivers that reveal safety answers: printed only when the person chooses to include safety details.
SAFETY_ALERT_KINDS = frozenset({"safety", "no_contacts", "safety_support"})
SAFETY_PREFIX = "safety"


def _safety_reasons(result: Any) -> set[str]:
    """The "Because ..." sentences that come from safety answers (their override or their drivers)."""
    texts = {f"Because {o.reason}." for o in result.overrides if o.id.startswith(SAFETY_PREFIX)}
    texts |= {f"Because {d.reason}." for axis in result.axes for d in axis.drivers if d.source.startswith(SAFETY_PREFIX)}
    return texts


def attorney_body(ctx: Ctx, result: Any) -> list[Flowable]:
    """The level of help, the three axis scores with what drove them, reasons and alerts
    (calculators.attorney_need). Safety answers print only if the person chose to include them."""
    show_safety = ctx.options.include_safety_details
    hidden_reasons = set() if show_safety else _safety_reasons(result)
    reasons = [r for r in result.reasons if r not in hidden_reasons]
    alerts = [a for a in result.alerts if show_safety or a.kind not in SAFETY_ALERT_KINDS]
    out: list[Flowable] = [
        ctx.para(f"Suggested level of help: {result.level_label}", "headline"),
        ctx.para(result.level_description),
        ctx.para(f"Based on {result.answered} of {result.total_questions} questions answered. "
                 "A suggestion, not legal advice.", "small"),
    ]
    rows = []
    for axis in result.axes:
        drivers = [d for d in axis.drivers if show_safety or not d.source.startswith(SAFETY_PREFIX)]
        drove = "\n".join(f"{d.question} — {d.answer}" if d.question.endswith("?") else d.answer
                           for d in drivers[:3]) or "—"
        rows.append([axis.label, f"{axis.score} / 100", drove])
    out += [Spacer(1, 4), ctx.table(["Area", "Score", "Mostly from"], rows, [0.22, 0.12, 0.66], numeric=(1,))]
    if reasons:
        out += [ctx.para("Why", "h2"), ctx.bullets(reasons)]
    if show_safety and result.ruled_out:
        out.append(ctx.para("Not suggested: " + ", ".join(lv.value.replace("_", " ") for lv in result.ruled_out)
                            + " (safety comes first)."))
    if alerts:
        out += [ctx.para("Points to raise", "h2"), ctx.bullets(a.message for a in alerts)]
    if show_safety:
        out += _contacts(ctx, result)
    elif hidden_reasons or len(alerts) < len(result.alerts):
        out.append(ctx.para("Some answers are not shown in this copy. They can be discussed in person.", "small"))
    return out


def _contacts(ctx: Ctx, result: Any) -> list[Flowable]:
    contacts = [c for c in result.safety_contacts if c.number]
    if not contacts:
        return []
    rows = [[c.name, c.number, c.note or ""] for c in contacts]
    return [ctx.para("Free, confidential services", "h2"), ctx.table(["Service", "Number", "Note"], rows,
                                                                      [0.4, 0.2, 0.4])]


# --- 6. documents -------------------------------------------------------------------------------------------------


def documents(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(160), ctx.heading("5. Documents")]
    items = ctx.results.checklist
    if items is None:
        out.append(ctx.absent("the document checklist", ctx.results.reason("checklist")))
    elif not items:
        out.append(ctx.absent("no documents selected for this case"))
    else:
        out += checklist_body(ctx, items)
    return out + separation_body(ctx)


SEPARATION_FACTS = (("money", "Money"), ("children", "Children"), ("remarry", "Remarrying"), ("waiting", "Waiting"))


def separation_regions(ctx: Ctx, guide: Any) -> list[Any]:
    """The guide's regions for the case's place: the answered region only, where the guide has it."""
    chosen = [r for r in guide.regions if r.name == ctx.case.separation.region]
    return chosen or list(guide.regions)


def separation_body(ctx: Ctx) -> list[Flowable]:
    """The kinds of separation where the case is (checklists/separation_types.yaml), with only the facts someone
    could check. Official sources are named in the text; the others (law firms' guides) are listed in the appendix."""
    out: list[Flowable] = [CondPageBreak(120), ctx.para("Kinds of separation", "h2")]
    guide = ctx.results.separation
    if guide is None:
        return [*out, ctx.absent("a guide to the kinds of separation", ctx.results.reason("separation"))]
    regions = separation_regions(ctx, guide)
    where = regions[0].name if len(regions) == 1 else guide.name
    out.append(ctx.para(f"{where}. General information, not legal advice. Official sources are named in brackets; "
                        "the law firms' guides the rest comes from are listed in the appendix.", "small"))
    if len(regions) > 1:
        out.append(ctx.para(f"Which part of {guide.name} applies was not answered, so each is shown.", "small"))

    def cited(fact: Any) -> str:
        official = [guide.source(i).title for i in fact.sources if guide.source(i).confidence == "official"]
        return fact.text + (f" ({'; '.join(official)})" if official else "")

    for region in regions:
        if len(regions) > 1:
            out.append(ctx.para(region.name, "headline"))
        for kind in region.types:
            if not kind.summary.verified:
                continue
            rows = [[label, cited(getattr(kind, attr))] for attr, label in SEPARATION_FACTS
                    if getattr(kind, attr).verified]
            out.append(ctx.para(cited(kind.summary), bold_lead=kind.name + "."))
            if rows:
                out.append(ctx.table(["", ""], rows, [0.18, 0.82]))
            out.append(Spacer(1, 6))
    return out


def checklist_body(ctx: Ctx, items: Sequence[Any]) -> list[Flowable]:
    """Progress by category, then what is still missing (checklists.select). Items kept private (safety documents)
    are left out unless the person chose to include safety details."""
    hidden = [i for i in items if i.item.private] if not ctx.options.include_safety_details else []
    shown = [i for i in items if i not in hidden]
    out: list[Flowable] = []
    progress = ctx.results.checklist_progress
    if progress is not None:
        rows: list[list[object]] = []
        for category, tally in progress.by_category:
            if any(i.item.category is category for i in hidden):
                continue  # its counts would reveal the private items
            rows.append([category.label, tally.have, tally.requested, tally.needed, tally.not_applicable])
        o = progress.overall
        if not hidden:
            rows.append(["All documents", o.have, o.requested, o.needed, o.not_applicable])
        out.append(ctx.table(["Category", "Have it", "Asked for it", "Still needed", "Does not apply"], rows,
                             [0.36, 0.16, 0.16, 0.16, 0.16], bold_last=not hidden, numeric=(1, 2, 3, 4)))
    outstanding = [i for i in shown if i.outstanding]
    out.append(ctx.para("Still missing", "h2"))
    if not outstanding:
        out.append(ctx.para("Nothing: every listed document is in hand or does not apply."))
    else:
        rows = []
        previous = None
        for i in outstanding:
            detail = i.state.status.label + (f", by {_date(i.state.due)}" if i.state.due else "")
            what = f"{i.item.title} ({i.item.look_back})"
            category = i.item.category.label if i.item.category is not previous else ""
            previous = i.item.category
            rows.append([category, what, detail, i.state.note])
        out.append(ctx.table(["Category", "Document", "Status", "Note"], rows, [0.2, 0.42, 0.16, 0.22]))
    if hidden:
        out.append(ctx.para("Some private items are not shown in this copy.", "small"))
    return out


# --- 7. expenses --------------------------------------------------------------------------------------------------


def expenses(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(160), ctx.heading("6. Shared expenses")]
    if not ctx.case.expenses.items:
        return [*out, ctx.absent("no shared expenses logged")]
    summary = ctx.results.expenses
    if summary is None:
        return [*out, ctx.absent("expense totals", ctx.results.reason("expenses"))]
    return out + expenses_body(ctx, summary)


def expenses_body(ctx: Ctx, summary: Any) -> list[Flowable]:
    """Totals by category and month, what each parent paid and bears, the balance (calculators.expenses)."""
    a, b = ctx.name("parent_a"), ctx.name("parent_b")
    bal = summary.balance
    if bal.creditor is None or bal.debtor is None:
        headline = "On the logged expenses, nothing is owed either way."
    else:
        headline = f"On the logged expenses, {ctx.name(bal.debtor)} owes {ctx.name(bal.creditor)} {ctx.money(bal.amount)}."
    out: list[Flowable] = [ctx.para(headline, "headline"), ctx.para(
        f"{summary.count} expenses, {ctx.money(summary.total)} in all. Shares already paid back "
        f"({ctx.money(summary.paid_back)}) are left out of the balance; disputed shares "
        f"({ctx.money(summary.disputed)}) are included.", "small")]
    rows: list[list[object]] = [
        ["Paid up front", ctx.money(summary.paid_by["parent_a"]), ctx.money(summary.paid_by["parent_b"])],
        ["Share of the costs", ctx.money(summary.borne_by["parent_a"]), ctx.money(summary.borne_by["parent_b"])],
        ["Owed back to them", ctx.money(bal.owed_to_a), ctx.money(bal.owed_to_b)],
    ]
    out += [Spacer(1, 4), ctx.table(["", a, b], rows, [0.4, 0.2, 0.2], numeric=(1, 2))]
    ordered = sorted(summary.by_category.items(), key=lambda kv: kv[1], reverse=True)
    out.append(ctx.para("By category", "h2"))
    out.append(bar_chart([(ctx.guard.plain(c.label), v) for c, v in ordered], currency=summary.currency or
                         ctx.results.currency, font=ctx.fonts.regular, width=ctx.width))
    out.append(ctx.table(["Category", "Total"], [[c.label, ctx.money(v)] for c, v in ordered], [0.5, 0.2],
                         numeric=(1,)))
    out.append(ctx.para("By month", "h2"))
    rows = []
    for month, total in summary.by_month.items():
        mb = summary.balance_by_month.get(month)
        owed = "—"
        if mb is not None and mb.creditor is not None and mb.debtor is not None:
            owed = f"{ctx.name(mb.debtor)} owes {ctx.name(mb.creditor)} {ctx.money(mb.amount)}"
        rows.append([_month(month), ctx.money(total), owed])
    out.append(ctx.table(["Month", "Total", "Balance that month"], rows, [0.25, 0.2, 0.55], numeric=(1,)))
    return out


def _month(key: str) -> str:
    """ "2026-03" -> "March 2026"."""
    year, month = key.split("-")
    return f"{dt.date(int(year), int(month), 1):%B %Y}"


# --- 8. questions ------------------------------------------------------------------------------------------------


def questions(ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(160), ctx.heading("7. Questions for the professional")]
    generated = ctx.results.questions
    out.append(ctx.para("Suggested by what was entered", "h2"))
    out.append(ctx.bullets(generated) if generated else ctx.absent("no suggested questions for this case"))
    out.append(ctx.para(f"{ctx.name(ctx.case.you)}'s own questions", "h2"))
    own = [q for q in ctx.case.notes.questions if q.strip()]
    out.append(ctx.bullets(own) if own else ctx.absent("no questions of their own written down"))
    out.append(ctx.para("Anything else they should know", "h2"))
    note = ctx.case.notes.anything_else.strip()
    out.append(ctx.para(note) if note else ctx.absent("nothing written here"))
    return out


def closing(ctx: Ctx) -> list[Flowable]:
    """The note on text this document cannot show as typed (built last, after every other section's text)."""
    missing = ctx.guard.missing_descriptions()
    if not missing and not ctx.guard.right_to_left:
        return []
    out: list[Flowable] = [Spacer(1, 14), ctx.para("Text this document cannot show as typed", "h2")]
    if ctx.guard.right_to_left:
        out.append(ctx.para(RIGHT_TO_LEFT_NOTE, "small"))
    if missing:
        out += [ctx.para("The font in this document cannot show the following characters, so they appear as "
                         "\ufffd where they were typed:", "small"),
                ctx.bullets(missing, "small")]
    return out


SECTIONS: tuple[Callable[[Ctx], list[Flowable]], ...] = (
    situation, finances, child_support, lawyer, documents, expenses, questions,
)


def story(ctx: Ctx) -> list[Flowable]:
    """The fact sheet (page 1), the sections, the appendix for professionals, and the closing note."""
    from reports.pdf_appendix import appendix
    from reports.pdf_factsheet import fact_sheet_page

    out: list[Flowable] = fact_sheet_page(ctx)
    for section in SECTIONS:
        out += section(ctx)
    return out + appendix(ctx) + closing(ctx)
