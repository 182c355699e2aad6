"""Checklist definition files: strict loading into typed, frozen items.

    defs = load_checklist_file(path, conditions={"always", "has_children", ...})   # raises DataFileError
    every = load_checklist_dir(CHECKLIST_DIR, conditions=...)                      # all files, ids unique

A checklist file (checklists/<name>.yaml) says which jurisdictions it covers, the sources it relies on, and its items.
Each item names the conditions (predicates in checklists/select.py) that must all hold for it to be on a person's list
(``when``), and may name more of which at least one must hold too (``when_any``: [married, has_children]).
Files are read with the same strict YAML loader as the rule files (jurisdictions/yamlstrict.py): duplicate keys,
unknown fields, unknown conditions and unknown references are errors reported as ``file:line: field: message``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from jurisdictions.yamlstrict import (
    DataFileError,
    Located,
    Problem,
    field_name,
    load_model,
)

CHECKLIST_DIR = Path(__file__).resolve().parent
NOT_CHECKLIST_FILES = frozenset({"separation_types.yaml"})
MAX_CHECKLIST_FILE_BYTES = 512 * 1024
EVERYWHERE = "*"

Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
JurisdictionCode = Annotated[str, Field(pattern=r"^(\*|[A-Z]{2}(-[A-Z0-9]{1,3})?)$")]


class Category(StrEnum):
    """Checklist categories, in the order a consultation usually goes through them (checklist-sources.md)."""

    PERSONAL = "personal"
    COURT = "court"
    TAX = "tax"
    EMPLOYMENT = "employment"
    OTHER_INCOME = "other_income"
    BUSINESS = "business"
    BANK = "bank"
    INVESTMENTS = "investments"
    RETIREMENT = "retirement"
    REAL_ESTATE = "real_estate"
    VEHICLES = "vehicles"
    INSURANCE = "insurance"
    DEBTS = "debts"
    HOUSEHOLD = "household"
    CHILDREN = "children"
    SEPARATE_PROPERTY = "separate_property"
    SAFETY = "safety"
    FORMS = "forms"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: dict[Category, str] = {
    Category.PERSONAL: "About you and the relationship",
    Category.COURT: "Court and legal papers",
    Category.TAX: "Tax",
    Category.EMPLOYMENT: "Pay from work",
    Category.OTHER_INCOME: "Other income and benefits",
    Category.BUSINESS: "Self-employment and business",
    Category.BANK: "Bank and cash",
    Category.INVESTMENTS: "Investments",
    Category.RETIREMENT: "Pensions and retirement",
    Category.REAL_ESTATE: "Home and property",
    Category.VEHICLES: "Vehicles and valuables",
    Category.INSURANCE: "Insurance",
    Category.DEBTS: "Debts",
    Category.HOUSEHOLD: "Household spending",
    Category.CHILDREN: "Children",
    Category.SEPARATE_PROPERTY: "What was yours before",
    Category.SAFETY: "Safety (kept private)",
    Category.FORMS: "Official forms for your jurisdiction",
}
CATEGORY_ORDER: dict[Category, int] = {c: i for i, c in enumerate(Category)}


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(_Strict):
    """Where an item (or its look-back period) comes from. ``confidence`` uses the data pack's tags."""

    title: Text
    url: HttpUrl
    confidence: Literal["official", "secondary", "third-party", "unverified"]
    note: Annotated[str, Field(max_length=2000)] = ""


class ChecklistItem(_Strict):
    """One document (or set of documents) to gather."""

    id: Id
    title: Annotated[str, Field(min_length=1, max_length=200)]
    what: Text  # what it is, in plain words
    where: Text  # where to find it or whom to ask
    category: Category
    look_back: Annotated[str, Field(min_length=1, max_length=100)]  # "last 2 years", "current", "as available"
    when: tuple[Id, ...] = ("always",)  # condition names: all must hold
    when_any: tuple[Id, ...] = ()  # condition names: at least one must hold too (e.g. [married, has_children])
    private: bool = False  # safety documents: keep somewhere only you can reach
    sources: tuple[Id, ...] = ()
    form: Annotated[str, Field(max_length=40)] = ""  # official form number, when the item is a form

    @field_validator("when")
    @classmethod
    def _some_condition(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("list at least one condition (use [always] for everyone)")
        if len(set(v)) != len(v):
            raise ValueError("a condition is listed twice")
        return v


class ChecklistFile(_Strict):
    """A checklist definition file."""

    title: Annotated[str, Field(min_length=1, max_length=200)]
    jurisdictions: tuple[JurisdictionCode, ...] = Field(min_length=1)
    last_verified: dt.date
    sources: dict[Id, Source] = Field(default_factory=dict)
    items: tuple[ChecklistItem, ...] = Field(min_length=1)

    def applies_to(self, code: str) -> bool:
        """True if this file covers jurisdiction ``code``: "*" covers all; "US" covers "US-CA"; "US-CA" only itself."""
        code = code.strip().upper()
        return any(j == EVERYWHERE or code == j or code.startswith(j + "-") for j in self.jurisdictions)


class LoadedChecklist(BaseModel):
    """A validated checklist file and where it came from (for messages)."""

    model_config = ConfigDict(frozen=True)

    file: str
    checklist: ChecklistFile
    id_lines: dict[str, int] = Field(default_factory=dict)  # item id -> line of its ``id:`` key


def _cross_checks(cl: ChecklistFile, located: Located, file: str, conditions: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(cl.items):
        here = ("items", i)
        if item.id in seen:
            problems.append(Problem(file, located.line_of((*here, "id")), field_name((*here, "id")),
                                    f"duplicate item id {item.id!r} (first used in items[{seen[item.id]}])"))
        seen.setdefault(item.id, i)
        for field in ("when", "when_any"):
            for j, name in enumerate(getattr(item, field)):
                if name not in conditions:
                    where = (*here, field, j)
                    known = ", ".join(sorted(conditions))
                    problems.append(Problem(file, located.line_of(where), field_name(where),
                                            f"unknown condition {name!r} (known: {known})"))
        for j, ref in enumerate(item.sources):
            if ref not in cl.sources:
                where = (*here, "sources", j)
                problems.append(Problem(file, located.line_of(where), field_name(where),
                                        f"unknown source {ref!r}: define it under the file's sources"))
    return problems


def parse_checklist_text(text: str, file: str, conditions: Collection[str]) -> ChecklistFile:
    """Validate checklist-file text. Raises DataFileError with every problem as ``file:line: field: message``."""
    return _parse(text, file, conditions)[0]


def _parse(text: str, file: str, conditions: Collection[str]) -> tuple[ChecklistFile, Located]:
    cl, located = load_model(text, file, ChecklistFile, "a mapping with title, jurisdictions, items")
    problems = _cross_checks(cl, located, file, conditions)
    if problems:
        raise DataFileError(problems)
    return cl, located


def load_checklist_file(path: Path, conditions: Collection[str]) -> LoadedChecklist:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CHECKLIST_FILE_BYTES:
            raise DataFileError([Problem(path.name, None, "", f"the file is too large ({size} bytes)")])
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError([Problem(path.name, None, "", f"cannot be read: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError:
        raise DataFileError([Problem(path.name, None, "", "is not UTF-8 text")]) from None
    cl, located = _parse(text, path.name, conditions)
    lines = {item.id: located.line_of(("items", i, "id")) or 0 for i, item in enumerate(cl.items)}
    return LoadedChecklist(file=path.name, checklist=cl, id_lines=lines)


def load_checklist_dir(folder: Path, conditions: Collection[str]) -> tuple[LoadedChecklist, ...]:
    """Every checklist file in ``folder`` (sorted by name), with item ids unique across all of them."""
    loaded: list[LoadedChecklist] = []
    problems: list[Problem] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        if path.name in NOT_CHECKLIST_FILES:
            continue
        try:
            loaded.append(load_checklist_file(path, conditions))
        except DataFileError as exc:
            problems += exc.problems
    owner: dict[str, str] = {}
    for lc in loaded:
        for item in lc.checklist.items:
            if item.id in owner:
                problems.append(Problem(lc.file, lc.id_lines.get(item.id) or None, "id",
                                        f"item id {item.id!r} is also used in {owner[item.id]}"))
            owner.setdefault(item.id, lc.file)
    if problems:
        raise DataFileError(problems)
    return tuple(loaded)
