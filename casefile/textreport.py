"""Plain-text rendering of an estimate worksheet (for the command line)."""

from __future__ import annotations

from casefile.models import Case
from casefile.money import format_money


def estimate_text(case: Case, result) -> str:
    """The worksheet as text: amount and direction first, then lines with references, then caveats."""
    cur = result.currency
    out = [f"ESTIMATE (not legal advice): {result.jurisdiction_name}", f"As of {result.as_of:%d %B %Y}", ""]
    if result.missing:
        out.append("No amount yet. To get an estimate:")
        out += [f"  - {m}" for m in result.missing]
    elif result.amount is not None and result.payer:
        out.append(
            f"{case.name(result.payer)} pays {case.name(result.payee)} about "
            f"{format_money(result.amount, cur)} {result.period.label}."
        )
    else:
        out.append("Under this guideline no child support is payable on these figures.")
    if result.amount_range:
        low, high = result.amount_range
        out.append(f"Range the law leaves open: {format_money(low, cur)} to {format_money(high, cur)} {result.period.label}.")
    out += ["", "Worksheet:"]
    for line in result.lines:
        shown = format_money(line.amount, cur) if line.amount is not None else (line.value or "")
        flag = "  [what-if override]" if line.overridden else ""
        out.append(f"  {line.label}: {shown}{flag}")
        out.append(f"      ({line.reference.text})")
    for title, items in (("Assumptions", result.assumptions), ("Warnings", result.warnings),
                         ("Not modelled", result.not_modelled), ("What-if overrides", result.overrides)):
        if items:
            out += ["", f"{title}:"] + [f"  - {i}" for i in items]
    return "\n".join(out)
