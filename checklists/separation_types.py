"""The forms separation can take in each supported jurisdiction, as cited data (checklists/separation_types.yaml).

    guide = separation_types_for("US-CA")     # SeparationGuide or None
    for region in guide.regions: for t in region.types: t.remarry.text, t.remarry.sources

Every fact carries its sources; a fact nobody could check says exactly NOT_VERIFIED and has none. The file is
read with the strict YAML loader the rule files use, so mistakes come back as ``file:line: field: message``.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checklists.loader import CHECKLIST_DIR, Id, JurisdictionCode, Source
from jurisdictions.yamlstrict import (
    DataFileError,
    Located,
    Problem,
    field_name,
    load_model,
)

SEPARATION_TYPES_FILE = CHECKLIST_DIR / "separation_types.yaml"
NOT_VERIFIED = "not yet verified"
FACT_FIELDS: dict[str, str] = {
    "summary": "What it is",
    "money": "Money and property",
    "children": "Children",
    "remarry": "Can you marry again?",
    "waiting": "Waiting or separation period",
}


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Fact(_Strict):
    """One statement with the ids of its sources (resolved to ``Source`` objects by the guide)."""

    text: Annotated[str, Field(min_length=1, max_length=1000)]
    sources: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _sourced_or_unverified(self) -> Fact:
        if not self.sources and self.text != NOT_VERIFIED:
            raise ValueError(f"a fact needs sources, or the text {NOT_VERIFIED!r}")
        if self.sources and self.text == NOT_VERIFIED:
            raise ValueError(f"a fact marked {NOT_VERIFIED!r} must not list sources")
        return self

    @property
    def verified(self) -> bool:
        return bool(self.sources)


class SeparationType(_Strict):
    id: Id
    name: Annotated[str, Field(min_length=1, max_length=120)]
    summary: Fact
    money: Fact
    children: Fact
    remarry: Fact
    waiting: Fact

    def facts(self) -> list[tuple[str, Fact]]:
        """(label, fact) pairs in reading order."""
        return [(label, getattr(self, name)) for name, label in FACT_FIELDS.items()]


class Region(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    types: tuple[SeparationType, ...] = Field(min_length=1)


class SeparationGuide(_Strict):
    """One jurisdiction's separation types (regions where the law differs inside it, e.g. GB)."""

    code: JurisdictionCode
    name: Annotated[str, Field(min_length=1, max_length=120)]
    note: Annotated[str, Field(max_length=1000)] = ""
    regions: tuple[Region, ...] = Field(min_length=1)
    sources: dict[str, Source] = Field(default_factory=dict)  # filled from the file's sources (those this guide cites)

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]


class SeparationTypesFile(_Strict):
    last_verified: dt.date
    sources: dict[Id, Source]
    jurisdictions: tuple[SeparationGuide, ...] = Field(min_length=1)


def _check_references(data: SeparationTypesFile, located: Located, file: str) -> list[Problem]:
    problems: list[Problem] = []
    codes: dict[str, int] = {}
    ids: set[str] = set()
    for g, guide in enumerate(data.jurisdictions):
        if guide.code in codes:
            where = ("jurisdictions", g, "code")
            problems.append(Problem(file, located.line_of(where), field_name(where),
                                    f"{guide.code} is listed twice (first as jurisdictions[{codes[guide.code]}])"))
        codes.setdefault(guide.code, g)
        for r, region in enumerate(guide.regions):
            for t, stype in enumerate(region.types):
                base = ("jurisdictions", g, "regions", r, "types", t)
                if stype.id in ids:
                    problems.append(Problem(file, located.line_of((*base, "id")), field_name((*base, "id")),
                                            f"duplicate id {stype.id!r}"))
                ids.add(stype.id)
                for name in FACT_FIELDS:
                    for s, ref in enumerate(getattr(stype, name).sources):
                        if ref not in data.sources:
                            where = (*base, name, "sources", s)
                            problems.append(Problem(file, located.line_of(where), field_name(where),
                                                    f"unknown source {ref!r}: define it under sources"))
    return problems


def parse_separation_types(text: str, file: str) -> SeparationTypesFile:
    """Validate the separation-types file. Raises DataFileError (``file:line: field: message``)."""
    data, located = load_model(text, file, SeparationTypesFile, "a mapping with last_verified, sources, jurisdictions")
    problems = _check_references(data, located, file)
    if problems:
        raise DataFileError(problems)
    guides = []
    for guide in data.jurisdictions:
        cited = {ref for region in guide.regions for t in region.types for name in FACT_FIELDS
                 for ref in getattr(t, name).sources}
        guides.append(guide.model_copy(update={"sources": {k: data.sources[k] for k in sorted(cited)}}))
    return data.model_copy(update={"jurisdictions": tuple(guides)})


def load_separation_types(path: Path = SEPARATION_TYPES_FILE) -> SeparationTypesFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError([Problem(path.name, None, "", f"cannot be read: {exc.strerror or exc}")]) from None
    return parse_separation_types(text, path.name)


@functools.cache
def _shipped() -> SeparationTypesFile:
    return load_separation_types()


def separation_types_for(jurisdiction_code: str) -> SeparationGuide | None:
    """The guide for ``jurisdiction_code``: an exact match first, else its country (``CA-ON`` -> ``CA``); else None."""
    code = jurisdiction_code.strip().upper()
    by_code = {g.code: g for g in _shipped().jurisdictions}
    if code in by_code:
        return by_code[code]
    return by_code.get(code.split("-", 1)[0]) if "-" in code else None


def supported_codes() -> tuple[str, ...]:
    return tuple(g.code for g in _shipped().jurisdictions)
