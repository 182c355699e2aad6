"""Plain-text rendering of an estimate worksheet (for the command line).

Each line cites the law or official source it follows; where a figure was read (a copy, a transcription, the data
pack ...) is listed at the end, for professionals. Telling the two apart is reports.citations' job (the same split
the PDF and the Child support page use): the CLI passes it in as ``cite`` and ``caveat``, so this module, part of the
domain core, needs no reports import. Without them, references and caveats print as the engine wrote them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from casefile.models import Case
from casefile.money import format_money


class _Split(Protocol):
    citation: str
    provenance: tuple[str, ...]


class _Caveat(Protocol):
    printed: str
    source_note: str | None


def estimate_text(case: Case, result, *, cite: Callable[[str, object], _Split] | None = None,
                  caveat: Callable[[str], _Caveat] | None = None,
                  glossary: Callable[[Sequence[str]], list[tuple[str, str]]] | None = None) -> str:
    """The worksheet as text: amount and direction first, then lines with the law they follow, then caveats, the
    law's shorthand explained, and (for professionals) where the figures were read."""
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
    read_where: list[str] = []
    shown: list[str] = []
    for line in result.lines:
        amount = format_money(line.amount, cur) if line.amount is not None else (line.value or "")
        flag = "  [what-if override]" if line.overridden else ""
        out.append(f"  {line.label}: {amount}{flag}")
        reference = line.reference.text
        if cite is not None:
            split = cite(result.jurisdiction, line.reference)
            reference = split.citation
            if split.provenance:
                read_where.append(f"{line.label}: " + "; ".join(split.provenance))
        out.append(f"      ({reference})")
        shown += [line.label, reference]
    for title, items in (("Assumptions", result.assumptions), ("Warnings", result.warnings),
                         ("Not modelled", result.not_modelled), ("What-if overrides", result.overrides)):
        printed = list(items)
        if caveat is not None and title != "What-if overrides":
            split_caveats = [caveat(i) for i in items]
            printed = [c.printed for c in split_caveats if c.printed]
            read_where += [f"As the estimate states it: {c.source_note}" for c in split_caveats if c.source_note]
        if printed:
            out += ["", f"{title}:"] + [f"  - {i}" for i in printed]
        shown += printed
    terms = glossary(shown) if glossary is not None else []
    if terms:
        out += ["", "Words the law uses here:"] + [f"  - {term}: {meaning}" for term, meaning in terms]
    if read_where:
        out += ["", "For professionals: where the figures were read:"] + [f"  - {w}" for w in read_where]
    return "\n".join(out)
