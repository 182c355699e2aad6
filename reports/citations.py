"""Citation or provenance: what the printed pack cites beside a figure, and what goes to the professionals' appendix.

A worksheet line's reference (calculators.result.Cite) is the rule file's references for that line, each written as
``title, section`` and joined with "; ". Some of those are the law or an official source; others say where a figure
was read (a statute copy on a law firm's page, a transcription and its commit, the data pack). ``split_cite`` takes
the Cite apart again using the rule file's own references and reports/citations.yaml (which says, per reference,
which kind it is and how a mixed one prints), so that

    split = split_cite(estimate.jurisdiction, line.reference)
    split.citation      # "Child Support Act 1991, Schedule 1, paras 7-8 (shared care); GOV.UK child maintenance calculator"
    split.provenance    # ("GOV.UK child maintenance calculator (alphagov/smart-answers, ...), commit 39cd0db...",)

Nothing is recomputed: this reads the Estimate's Cite objects and the rule file's reference list.
A reference text that matches none of the rule file's references (a custom rule file, say) is printed as it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from calculators.result import Cite
from jurisdictions.yamlstrict import DataFileError, load_model

CITATIONS_FILE = Path(__file__).resolve().parent / "citations.yaml"
SEPARATOR = "; "

Kind = Literal["law", "official", "provenance"]


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind
    print: Annotated[str, Field(min_length=3)] | None = None


class CitationsFile(RootModel[dict[str, dict[str, Entry]]]):
    """rule-file code -> reference id -> how it is cited."""


@dataclass(frozen=True)
class Reference:
    """One rule-file reference as the pack uses it."""

    id: str
    kind: Kind
    printed: str  # how it reads beside a figure ("" for provenance)
    source_text: str  # the rule file's own words (title, section)
    note: str = ""  # the rule file's note: where and how it was read
    url: str | None = None


@dataclass(frozen=True)
class SplitCite:
    """A worksheet line's reference, split: ``printed`` beside the figure, the rest for the appendix."""

    printed: tuple[str, ...]
    provenance: tuple[str, ...]  # each provenance reference's own words, and every note, in order
    confidence: str | None = None

    @property
    def citation(self) -> str:
        return SEPARATOR.join(self.printed)

    @property
    def has_provenance(self) -> bool:
        return bool(self.provenance)


@functools.cache
def citation_entries() -> Mapping[str, Mapping[str, Entry]]:
    """reports/citations.yaml, validated (DataFileError with ``file:line: field: message`` when it is wrong)."""
    text = CITATIONS_FILE.read_text(encoding="utf-8")
    data, _ = load_model(text, CITATIONS_FILE.name, CitationsFile, "a mapping of rule-file codes")
    return data.root


def _rule_code(jurisdiction: str) -> str | None:
    from jurisdictions.loader import UnknownJurisdiction, resolve

    try:
        return resolve(jurisdiction)[0].rules.code
    except (UnknownJurisdiction, LookupError, ValueError, DataFileError):
        return None


@functools.cache
def references_for(jurisdiction: str) -> Mapping[str, Reference]:
    """The rule file's references for ``jurisdiction`` (CA-ON -> the CA file), keyed by how they are written in a
    Cite (``title, section``); empty when there is no shipped rule file for it."""
    from jurisdictions.loader import resolve

    code = _rule_code(jurisdiction)
    if code is None:
        return {}
    rules = resolve(jurisdiction)[0].rules
    entries = citation_entries().get(code, {})
    out: dict[str, Reference] = {}
    for ref_id, ref in rules.references.items():
        entry = entries.get(ref_id)
        kind: Kind = entry.kind if entry else "law"
        text = ref.cite()
        printed = "" if kind == "provenance" else (entry.print if entry and entry.print else text)
        out[text] = Reference(id=ref_id, kind=kind, printed=printed, source_text=text, note=ref.note or "",
                              url=str(ref.url) if ref.url else None)
    return out


def _decompose(text: str, known: Mapping[str, Reference]) -> list[Reference | str]:
    """``text`` as the references it was joined from (longest match first); unmatched stretches as plain strings."""
    parts: list[Reference | str] = []
    candidates = sorted(known, key=len, reverse=True)
    rest = text
    while rest:
        match = next((c for c in candidates if rest.startswith(c) and (len(rest) == len(c)
                                                                        or rest[len(c):].startswith(SEPARATOR))),
                     None)
        if match is None:
            cut = rest.find(SEPARATOR)
            head = rest if cut < 0 else rest[:cut]
            parts.append(head)
            rest = "" if cut < 0 else rest[cut + len(SEPARATOR):]
            continue
        parts.append(known[match])
        rest = rest[len(match) + len(SEPARATOR):] if len(rest) > len(match) else ""
    return parts


def split_cite(jurisdiction: str, cite: Cite) -> SplitCite:
    """Split a worksheet line's reference into what the printed pack cites and what goes to the appendix."""
    printed: list[str] = []
    provenance: list[str] = []
    for part in _decompose(cite.text, references_for(jurisdiction)):
        if isinstance(part, str):
            printed.append(part)  # not a reference of the shipped rule file: printed as it is
            continue
        if part.kind == "provenance":
            provenance.append(part.source_text)
        else:
            printed.append(part.printed)
            if part.printed != part.source_text:
                provenance.append(part.source_text)
        if part.note:
            provenance.append(part.note)
    return SplitCite(printed=tuple(dict.fromkeys(printed)), provenance=tuple(dict.fromkeys(provenance)),
                     confidence=cite.confidence)


# --- caveats (assumptions, warnings, what is not modelled) that mention where something was read -------------------

# How provenance shows in an engine's caveat text: the data pack, a commit, a web site, text not seen.
PROVENANCE_MARKERS = re.compile(
    r"data pack|\bcommit\b|\b[0-9a-f]{40}\b|github|text not seen|content not seen|"
    r"\b[\w-]+\.(com|org|net|ai|app|dev|co\.uk)\b",
    re.IGNORECASE,
)
_DASH_CLAUSE = re.compile(r" — [^.;]*")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the top-level bracketed asides (brackets may nest: "(the charts of § 154.061(b) ...)") and of
    dash clauses (" — not in ... ") in ``text``."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = i - 1 if i and text[i - 1] == " " else i
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans + [m.span() for m in _DASH_CLAUSE.finditer(text)]


@dataclass(frozen=True)
class Caveat:
    printed: str  # what the pack prints ("" when nothing is left once provenance is taken out)
    source_note: str | None = None  # the caveat as the engine wrote it, for the appendix (None: printed whole)


def caveat_for_print(text: str) -> Caveat:
    """A caveat without the clause that says where something was read ("(not in the data pack)", "(content not
    seen)"): the meaning for the case stays in print, the original words go to the appendix. A caveat that is
    provenance through and through is left to the appendix entirely. Until the engines write such caveats without
    provenance, this keeps the printed pack to the law, the official sources and the case."""
    if not PROVENANCE_MARKERS.search(text):
        return Caveat(text)
    cut: list[list[int]] = []  # the clauses that say where something was read, overlapping ones merged
    for begin, end in sorted(span for span in _clauses(text) if PROVENANCE_MARKERS.search(text[span[0]:span[1]])):
        if cut and begin <= cut[-1][1]:
            cut[-1][1] = max(cut[-1][1], end)
        else:
            cut.append([begin, end])
    trimmed = text
    for begin, end in reversed(cut):
        trimmed = trimmed[:begin] + trimmed[end:]
    trimmed = trimmed.strip()
    trimmed = re.sub(r"\s+([.;,])", r"\1", trimmed)
    if PROVENANCE_MARKERS.search(trimmed) or len(trimmed) < 12:
        return Caveat("", text)
    return Caveat(trimmed, text)
