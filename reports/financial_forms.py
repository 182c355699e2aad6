"""The place's own financial-statement headings for the budget and the assets and debts (reports/financial_forms.yaml).

    forms = statement_for(case)            # FinancialStatement: budget, assets, debts
    forms.assets.heading(asset.category)   # "Real estate" (FL-142), "Property (family home, ...)" (Form E) ...
    forms.assets.form                      # "FL-142 Schedule of Assets and Debts" ("" when the place has none here)
    whose(case, asset.owner)               # "Sam", "Jordan", "Joint", "Not sure" - never "Mine" / "Theirs"

The PDF and the spreadsheet print the same headings, in the form's order. Nothing here computes a figure.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from casefile.finances import AssetCategory, BudgetCategory, DebtCategory, Owner
from casefile.models import Case, other_role
from jurisdictions.yamlstrict import DataFileError, Problem, load_model

FORMS_FILE = Path(__file__).resolve().parent / "financial_forms.yaml"

OWN_CATEGORIES = "The app's own categories (after California's FL-150 and FL-142)"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(_Strict):
    title: Annotated[str, Field(min_length=3)]
    url: HttpUrl
    confidence: Literal["official", "secondary", "third-party", "unverified"]
    note: str = ""


class _Part(_Strict):
    form: Annotated[str, Field(min_length=3)]
    sources: tuple[str, ...] = Field(min_length=1)
    note: str = ""


class BudgetPart(_Part):
    headings: dict[BudgetCategory, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _all_or_none(self) -> BudgetPart:
        _check_complete(self.headings, BudgetCategory)
        return self


class AssetPart(_Part):
    headings: dict[AssetCategory, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _all_or_none(self) -> AssetPart:
        _check_complete(self.headings, AssetCategory)
        return self


class DebtPart(_Part):
    headings: dict[DebtCategory, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _all_or_none(self) -> DebtPart:
        _check_complete(self.headings, DebtCategory)
        return self


def _check_complete(headings: Mapping[StrEnum, str], kinds: type[StrEnum]) -> None:
    """Every category gets a heading, or none does (then the app's names stay): never a mix of two schemes."""
    missing = [k.value for k in kinds if k not in headings]
    if headings and missing:
        raise ValueError(f"no heading for {', '.join(missing)} (give every category a heading, or none)")


class Place(_Strict):
    jurisdiction: Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
    regions: tuple[str, ...] = ()  # the parts of the jurisdiction the form belongs to (empty: all of it)
    budget: BudgetPart | None = None
    assets: AssetPart | None = None
    debts: DebtPart | None = None


class FormsFile(_Strict):
    sources: dict[str, Source]
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Scheme:
    """One part of a financial statement as the pack prints it."""

    form: str  # the form and part, printed as a heading ("" when the place has no form here)
    headings: Mapping[StrEnum, str] = field(default_factory=dict)
    note: str = ""
    sources: tuple[Source, ...] = ()

    def heading(self, category: StrEnum) -> str:
        """The form's heading for an app category (the app's own name when the form has none)."""
        return self.headings.get(category) or category.label  # type: ignore[attr-defined]

    def order(self, category: StrEnum) -> int:
        """Sort key: the form's order of headings (the app's order for categories sharing one)."""
        names = list(dict.fromkeys(self.headings.values()))
        position = names.index(self.headings[category]) if category in self.headings else 0
        return position * 100 + list(type(category)).index(category)

    @property
    def described(self) -> str:
        return self.form or OWN_CATEGORIES


@dataclass(frozen=True)
class FinancialStatement:
    budget: Scheme
    assets: Scheme
    debts: Scheme

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(dict.fromkeys((*self.budget.sources, *self.assets.sources, *self.debts.sources)))


@functools.cache
def financial_forms() -> FormsFile:
    """reports/financial_forms.yaml, validated (DataFileError ``file:line: field: message`` when it is wrong)."""
    text = FORMS_FILE.read_text(encoding="utf-8")
    data, located = load_model(text, FORMS_FILE.name, FormsFile, "a mapping with sources and places")
    problems = []
    for p, place in enumerate(data.places):
        for part_name in ("budget", "assets", "debts"):
            part = getattr(place, part_name)
            for s, source in enumerate(part.sources if part else ()):
                if source not in data.sources:
                    where = ("places", p, part_name, "sources", s)
                    problems.append(Problem(FORMS_FILE.name, located.line_of(where), ".".join(map(str, where)),
                                            f"unknown source {source!r}: define it under sources"))
    if problems:
        raise DataFileError(problems)
    return data


def _scheme(part: _Part | None, sources: Mapping[str, Source]) -> Scheme:
    if part is None:
        return Scheme(form="")
    return Scheme(form=part.form, headings=dict(part.headings), note=part.note,  # type: ignore[attr-defined]
                  sources=tuple(sources[s] for s in part.sources))


def _place_for(case: Case, places: Sequence[Place]) -> Place | None:
    code = case.jurisdiction
    for place in places:
        if place.jurisdiction in (code, code.split("-")[0]) and (
                not place.regions or not case.separation.region or case.separation.region in place.regions):
            return place
    return None


def statement_for(case: Case) -> FinancialStatement:
    """The headings of the financial statement of the case's place (and region, where it matters): a region not
    answered counts as the one the form belongs to, and the pack names the form, so a reader can tell."""
    data = financial_forms()
    place = _place_for(case, data.places)
    if place is None:
        return FinancialStatement(Scheme(""), Scheme(""), Scheme(""))
    return FinancialStatement(_scheme(place.budget, data.sources), _scheme(place.assets, data.sources),
                              _scheme(place.debts, data.sources))


def whose(case: Case, owner: Owner) -> str:
    """Whose an item is, with the parties' names: "Mine" and "Theirs" are the person's own point of view, which a
    reader of the pack does not share."""
    if owner is Owner.MINE:
        return case.name(case.you)
    if owner is Owner.THEIRS:
        return case.name(other_role(case.you))
    return owner.label
