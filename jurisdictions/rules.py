"""Rule files as typed, immutable objects: the law as data, with dates and citations.

A rule file (jurisdictions/<CODE>.yaml) states one jurisdiction's guideline: its model, currency, period, rounding,
the sources' confidence, what the estimate does not model, and every parameter with dated values and references.
See jurisdictions/README.md for the format and how to add a jurisdiction.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator
from typing_extensions import TypeAliasType

from casefile.money import Period


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Confidence(StrEnum):
    """The data pack's confidence tags (../shared/reference/README.md)."""

    OFFICIAL = "official"
    SECONDARY = "secondary"
    THIRD_PARTY = "third-party"
    UNVERIFIED = "unverified"

    @property
    def label(self) -> str:
        return {
            "official": "Official source",
            "secondary": "Reputable copy of the official text",
            "third-party": "Single unofficial source (third-party)",
            "unverified": "Not verified",
        }[self.value]


CONFIDENCE_ORDER = [Confidence.OFFICIAL, Confidence.SECONDARY, Confidence.THIRD_PARTY, Confidence.UNVERIFIED]


class Reference(Strict):
    """Where a figure comes from: a statute, regulation, form, or the page it was read on."""

    title: Annotated[str, Field(min_length=3)]
    section: str | None = None
    url: HttpUrl | None = None
    note: str | None = None

    def cite(self) -> str:
        return f"{self.title}, {self.section}" if self.section else self.title


# A parameter's value: a number, text, a yes/no, a list, or a mapping of those (e.g. rates by number of children).
ParamValue = TypeAliasType(
    "ParamValue", "Decimal | bool | str | list[ParamValue] | dict[str, ParamValue] | None"  # type: ignore[misc]
)


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _numbers_to_decimal(value: Any) -> Any:
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        return Decimal(value.strip())
    if isinstance(value, float):  # never reached from YAML (the strict loader makes Decimals); guard anyway
        raise ValueError("numbers must be exact decimals, not binary floats")
    if isinstance(value, list):
        return [_numbers_to_decimal(v) for v in value]
    if isinstance(value, dict):
        return {k: _numbers_to_decimal(v) for k, v in value.items()}
    return value


class DatedValue(Strict):
    """A value in force from ``from`` to ``to`` (inclusive); ``to`` None means until the next value or still in force."""

    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    value: ParamValue
    references: tuple[str, ...] = ()  # extra references for this period's value
    confidence: Confidence | None = None  # when it differs from the parameter's
    note: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _numbers_exact(cls, value: Any) -> Any:
        """Quoted numbers ("0.10") are numbers too: read every numeric text as an exact Decimal."""
        return _numbers_to_decimal(value)

    @model_validator(mode="after")
    def _to_after_from(self) -> DatedValue:
        if self.to is not None and self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self


class Parameter(Strict):
    description: Annotated[str, Field(min_length=3)]
    unit: Annotated[str, Field(min_length=1)]
    references: Annotated[tuple[str, ...], Field(min_length=1)]
    confidence: Confidence
    values: Annotated[tuple[DatedValue, ...], Field(min_length=1)]
    overridable: bool = True

    @field_validator("values")
    @classmethod
    def _no_overlap(cls, values: tuple[DatedValue, ...]) -> tuple[DatedValue, ...]:
        ordered = sorted(values, key=lambda v: v.from_)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.from_ == later.from_:
                raise ValueError(f"two values start on the same date {later.from_}")
            if earlier.to is not None and earlier.to >= later.from_:
                raise ValueError(
                    f"date ranges overlap: {earlier.from_}..{earlier.to} and {later.from_}..{later.to or 'open'}"
                )
        return tuple(ordered)

    def in_force(self, as_of: dt.date) -> DatedValue | None:
        """The value in force on ``as_of``, or None if the data does not cover that date."""
        found = None
        for item in self.values:
            if item.from_ <= as_of:
                found = item
        if found is None or (found.to is not None and as_of > found.to):
            return None
        return found


class RoundingMode(StrEnum):
    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"
    UP = "up"


_DECIMAL_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}
_ONE = Decimal(1)


class RoundingRule(Strict):
    """How and where the law (or, failing the law, our documented choice) rounds."""

    step: Annotated[Decimal, Field(gt=0)]
    mode: RoundingMode = RoundingMode.HALF_UP
    applies_to: str
    references: tuple[str, ...] = ()
    sourced: bool = True  # False: a documented choice where the law is silent (say so in `note`)
    note: str | None = None

    def apply(self, amount: Decimal) -> Decimal:
        mode = _DECIMAL_MODES[self.mode]  # by the member itself (a str): Enum's .value is slow and this runs often
        return (amount / self.step).quantize(_ONE, rounding=mode) * self.step


class TableColumn(Strict):
    name: str
    kind: Literal["int", "decimal", "text", "flag"] = "decimal"


class TableSpec(Strict):
    """A large table kept as CSV beside the rule file (schedules, federal tables)."""

    description: Annotated[str, Field(min_length=3)]
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9._/-]+\.csv$")]
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    unit: str
    references: Annotated[tuple[str, ...], Field(min_length=1)]
    confidence: Confidence
    columns: Annotated[tuple[TableColumn, ...], Field(min_length=1)]
    key: str  # the column that must rise in equal steps (income)
    step: Annotated[Decimal, Field(gt=0)] | None = None  # if set, consecutive keys differ by exactly this
    group_by: tuple[str, ...] = ()  # keys rise within each group (e.g. province, children)
    first_step: Annotated[Decimal, Field(gt=0)] | None = None  # the first row may be a wider band (MD: 0-1,200)
    note: str | None = None

    @model_validator(mode="after")
    def _columns_named(self) -> TableSpec:
        names = [c.name for c in self.columns]
        for needed in (self.key, *self.group_by):
            if needed not in names:
                raise ValueError(f"column {needed!r} is not among the declared columns {names}")
        return self


class Effective(Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    date_basis: str = Field(
        description="What the as-of date means for this jurisdiction (e.g. 'date the suit was filed')."
    )


class Region(Strict):
    """A sub-jurisdiction sharing the rule file (Canada's provinces share the federal guidelines)."""

    name: str
    note: str | None = None


class RuleFile(Strict):
    """The top level of a rule file."""

    code: Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
    name: Annotated[str, Field(min_length=3)]
    model: str  # the guideline model (engine) name: gb_cms_2012, au_formula_1, ca_fcsg, us_ca_4055 ...
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    period: Period
    effective: Effective
    last_verified: dt.date
    confidence: Confidence  # the weakest confidence among the figures the estimate relies on
    confidence_note: str | None = None
    summary: Annotated[str, Field(min_length=10)]
    regions: dict[str, Region] = Field(default_factory=dict)
    references: Annotated[dict[str, Reference], Field(min_length=1)]
    rounding: dict[str, RoundingRule] = Field(default_factory=dict)
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    tables: dict[str, tuple[TableSpec, ...]] = Field(default_factory=dict)
    not_modelled: Annotated[tuple[str, ...], Field(min_length=1)]
    inputs: dict[str, str] = Field(default_factory=dict)  # input name -> one-line plain explanation (UI help)

    @model_validator(mode="after")
    def _references_exist(self) -> RuleFile:
        known = set(self.references)
        missing: list[str] = []
        for name, param in self.parameters.items():
            for ref in param.references:
                if ref not in known:
                    missing.append(f"parameters.{name}: reference {ref!r} is not defined under 'references'")
            for index, value in enumerate(param.values):
                for ref in value.references:
                    if ref not in known:
                        missing.append(f"parameters.{name}.values[{index}]: reference {ref!r} is not defined")
        for name, rule in self.rounding.items():
            for ref in rule.references:
                if ref not in known:
                    missing.append(f"rounding.{name}: reference {ref!r} is not defined")
        for name, specs in self.tables.items():
            for spec in specs:
                for ref in spec.references:
                    if ref not in known:
                        missing.append(f"tables.{name}: reference {ref!r} is not defined")
            ordered = sorted(specs, key=lambda s: s.from_)
            for earlier, later in itertools.pairwise(ordered):
                if earlier.to is None or earlier.to >= later.from_:
                    raise ValueError(f"tables.{name}: date ranges overlap ({earlier.from_} and {later.from_})")
        if missing:
            raise ValueError("; ".join(missing))
        return self


class Table:
    """A loaded CSV table: rows as tuples of typed values, with the column index by name."""

    def __init__(self, spec: TableSpec, header: tuple[str, ...], rows: list[tuple[Any, ...]]):
        self.spec = spec
        self.header = header
        self.rows = rows
        self.index = {name: i for i, name in enumerate(header)}
        self._selections: dict[tuple[tuple[str, Any], ...], list[tuple[Any, ...]]] = {}

    def column(self, name: str) -> list[Any]:
        i = self.index[name]
        return [row[i] for row in self.rows]

    def where(self, **equals: Any) -> list[tuple[Any, ...]]:
        """Rows whose named columns equal the given values (remembered: tables never change once loaded)."""
        key = tuple(sorted(equals.items()))
        found = self._selections.get(key)
        if found is None:
            idx = [(self.index[k], v) for k, v in equals.items()]
            found = self._selections[key] = [row for row in self.rows if all(row[i] == v for i, v in idx)]
        return found
