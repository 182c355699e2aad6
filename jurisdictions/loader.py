"""Loading and validating rule files, and the view of one jurisdiction's law on an as-of date.

    rules = load_rule_file(path)                        # strict: raises DataFileError with file:line messages
    view = rules_on("CA-ON", date(2026, 1, 1))          # the values in force, tables loaded, overrides applied
    view.value("cap")   view.cite("cap")   view.table("schedule")

Band lists (a parameter whose value is a list of mappings with ``lower``/``upper``) must be contiguous: each band's
``upper`` equals the next band's ``lower``, the last band may be open (``upper: null``). A gap or an overlap is an
error. CSV tables must have the declared header, typed cells, and keys rising by exactly ``step`` in each group.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from casefile.files import FileRefused, describe_size, read_limited
from jurisdictions.rules import (
    CONFIDENCE_ORDER,
    Confidence,
    Parameter,
    Reference,
    RoundingRule,
    RuleFile,
    Table,
    TableSpec,
)
from jurisdictions.yamlstrict import (
    DataFileError,
    Located,
    Problem,
    field_name,
    load_model,
)

RULES_DIR = Path(__file__).resolve().parent
KindT = TypeVar("KindT", bound=Enum)
T = TypeVar("T")
MAX_RULE_FILE_BYTES = 2 * 1024 * 1024
MAX_TABLE_BYTES = 8 * 1024 * 1024  # the largest shipped table is 0.5 MB


class RulesNotInForce(LookupError):
    """The as-of date is outside what the rule file covers (a clear message, never a silent guess)."""


class UnknownJurisdiction(LookupError):
    pass


@dataclass(frozen=True)
class LoadedRules:
    """A validated rule file and its tables (tables are loaded once, on first use)."""

    rules: RuleFile
    path: Path
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict, repr=False)
    _tables: dict[tuple[str, str], Table] = field(default_factory=dict, repr=False, compare=False)

    def table(self, name: str, spec: TableSpec) -> Table:
        key = (name, spec.file)
        if key not in self._tables:
            folder = self.path.parent.resolve()
            if not (folder / spec.file).resolve().is_relative_to(folder):  # never a path out of the rule file's folder
                raise DataFileError([Problem(self.path.name, None, f"tables.{name}",
                                             f"the table {spec.file} must be in the rule file's own folder")])
            self._tables[key] = load_table(self.path.parent / spec.file, spec, self.path.name)
        return self._tables[key]


def _check_bands(located: Located, file: str) -> list[Problem]:
    """Band lists must be contiguous and rising: a gap or an overlap between bands is an error."""
    problems: list[Problem] = []
    params = located.data.get("parameters") if isinstance(located.data, dict) else None
    if not isinstance(params, dict):
        return problems

    def visit(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, list) and value and all(isinstance(v, dict) and "lower" in v for v in value):
            for i, (a, b) in enumerate(itertools.pairwise(value)):
                upper, lower = a.get("upper"), b.get("lower")
                where = (*path, i + 1, "lower")
                if upper is None:
                    problems.append(Problem(file, located.line_of((*path, i, "upper")), field_name((*path, i, "upper")),
                                            "only the last band may be open-ended (upper: null)"))
                elif isinstance(upper, Decimal) and isinstance(lower, Decimal):
                    if lower > upper:
                        problems.append(Problem(file, located.line_of(where), field_name(where),
                                                f"gap between bands: {upper} to {lower} is not covered"))
                    elif lower < upper:
                        problems.append(Problem(file, located.line_of(where), field_name(where),
                                                f"bands overlap: this band starts at {lower}, the previous ends at {upper}"))
            for i, band in enumerate(value):
                lo, up = band.get("lower"), band.get("upper")
                if isinstance(lo, Decimal) and isinstance(up, Decimal) and up <= lo:
                    where = (*path, i, "upper")
                    problems.append(Problem(file, located.line_of(where), field_name(where),
                                            "a band's upper bound must be above its lower bound"))
        elif isinstance(value, dict):
            for k, v in value.items():
                visit(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                visit(v, (*path, i))

    visit(params, ("parameters",))
    return problems


def parse_rule_text(text: str, file: str) -> tuple[RuleFile, Located]:
    """Validate rule-file text. Raises DataFileError with every problem as ``file:line: field: message``."""
    rules, located = load_model(text, file, RuleFile, "a mapping of fields (see jurisdictions/README.md)")
    problems = _check_bands(located, file)
    if problems:
        raise DataFileError(problems)
    return rules, located


def load_rule_file(path: Path, *, check_tables: bool = True) -> LoadedRules:
    """Load and validate the rule file at ``path`` (and, by default, every CSV table it names)."""
    path = Path(path)
    name = path.name
    text = _read_text(path, MAX_RULE_FILE_BYTES, name, "a rule file")
    rules, located = parse_rule_text(text, name)
    loaded = LoadedRules(rules=rules, path=path, lines=located.lines)
    if check_tables:
        problems = _check_tables(loaded, located, name)
        if problems:
            raise DataFileError(problems)
    return loaded


def load_rule_text(
    text: str, file_name: str, folder: Path = RULES_DIR, models: Collection[str] | None = None
) -> LoadedRules:
    """Validate rule-file text that is not (yet) a file, e.g. one uploaded in the app: its tables are read from
    ``folder`` (by default the shipped jurisdictions/ folder) and may not point outside it; with ``models``, the
    file's model must be one of them (the calculators that exist)."""
    rules, located = parse_rule_text(text, file_name)
    # the name comes from the uploader (a browser can send "../../x.yaml"): only its last part names the file, so the
    # tables are always looked for in ``folder`` itself
    own_name = Path(file_name.replace("\\", "/")).name
    own_name = own_name if own_name not in ("", ".", "..") else "uploaded.yaml"
    loaded = LoadedRules(rules=rules, path=folder / own_name, lines=located.lines)
    problems: list[Problem] = []
    if models is not None and rules.model not in models:
        problems.append(Problem(file_name, located.line_of(("model",)), "model",
                                f"no calculator for the model {rules.model!r}; use one of {', '.join(models)}"))
    problems += _check_tables(loaded, located, file_name)
    if problems:
        raise DataFileError(problems)
    return loaded


def _check_tables(loaded: LoadedRules, located: Located, file_name: str) -> list[Problem]:
    """Load every table the rule file names (so their own problems are reported), refusing paths that leave the
    rule file's folder."""
    folder = loaded.path.parent.resolve()
    problems: list[Problem] = []
    for table_name, specs in loaded.rules.tables.items():
        for spec in specs:
            if not (folder / spec.file).resolve().is_relative_to(folder):
                problems.append(Problem(file_name, located.line_of(("tables", table_name)), f"tables.{table_name}",
                                        f"the table {spec.file} must be in the rule file's own folder"))
                continue
            try:
                loaded.table(table_name, spec)
            except DataFileError as exc:
                problems.extend(exc.problems)
    return problems


def _text(text: str) -> str:
    return text


def _flag(text: str) -> bool:
    if text not in ("0", "1", ""):
        raise ValueError("must be 0 or 1")
    return text == "1"


def _integer(text: str) -> int:
    if text.isdigit():  # the common case in the large schedules
        return int(text)
    value = _decimal(text)
    if value != value.to_integral_value():
        raise ValueError("must be a whole number")
    return int(value)


def _decimal(text: str) -> Decimal:
    value = Decimal(text)
    if not text.isdigit() and not value.is_finite():  # plain digits are always finite
        raise ValueError("must be a finite number")
    return value


CELL_READERS: dict[str, Any] = {"text": _text, "flag": _flag, "int": _integer, "decimal": _decimal}


def _read_text(path: Path, limit: int, name: str, what: str) -> str:
    """A rule file or table's text: an ordinary file (never a pipe or device), at most ``limit`` bytes, UTF-8."""
    try:
        return read_limited(path, limit).decode("utf-8")
    except FileRefused as exc:
        reason = "file not found" if exc.missing else f"the file {exc.reason}"
        if "too large" in exc.reason:
            reason = f"file is too large for {what} (over {describe_size(limit)})"
        raise DataFileError([Problem(name, None, "", reason)]) from None
    except UnicodeDecodeError as exc:
        raise DataFileError([Problem(name, None, "", f"file is not UTF-8 text (byte {exc.start + 1} cannot be read); "
                                                     "save it as UTF-8")]) from None


def _rows(reader: Any, name: str) -> Any:
    """The table's rows; a line the CSV reader cannot read (a field over its 128 KB limit, a stray quote) is a
    problem at that line, not a crash."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataFileError([Problem(name, reader.line_num, "", f"not a readable CSV row ({exc})")]) from None


def load_table(path: Path, spec: TableSpec, rule_file: str) -> Table:
    """Read and check a CSV table: header, cell types, and keys rising by ``step`` within each group."""
    name = path.name
    if not path.exists():
        raise DataFileError([Problem(rule_file, None, "tables", f"table file {spec.file} not found")])
    reader = csv.reader(io.StringIO(_read_text(path, MAX_TABLE_BYTES, name, "a table")))
    try:
        header = tuple(next(reader))
    except StopIteration:
        raise DataFileError([Problem(name, 1, "", "table is empty")]) from None
    except csv.Error as exc:
        raise DataFileError([Problem(name, 1, "", f"not a readable CSV table ({exc})")]) from None
    declared = tuple(c.name for c in spec.columns)
    if header != declared:
        raise DataFileError([Problem(name, 1, "header", f"columns are {list(header)}, the rule file declares {list(declared)}")])
    readers = [CELL_READERS[c.kind] for c in spec.columns]
    rows: list[tuple[Any, ...]] = []
    problems: list[Problem] = []
    for line_no, raw in enumerate(_rows(reader, name), start=2):
        if not raw:
            continue
        if len(raw) != len(header):
            problems.append(Problem(name, line_no, "", f"row has {len(raw)} cells, expected {len(header)}"))
            continue
        try:
            rows.append(tuple([read(text.strip()) for read, text in zip(readers, raw, strict=True)]))
        except (InvalidOperation, ValueError) as exc:
            problems.append(Problem(name, line_no, "", f"bad cell: {exc if str(exc) else 'not a number'}"))
        if len(problems) > 20:
            break
    if not rows and not problems:
        problems.append(Problem(name, 2, "", "table has no rows"))
    if problems:
        raise DataFileError(problems)
    index = {n: i for i, n in enumerate(header)}
    key_i = index[spec.key]
    group_i = [index[g] for g in spec.group_by]
    last: dict[tuple[Any, ...], tuple[Any, int, int]] = {}  # group -> (last key, line, count)
    for line_no, row in enumerate(rows, start=2):
        group = tuple(row[i] for i in group_i)
        key = Decimal(row[key_i])
        if group in last:
            prev, _, count = last[group]
            if key <= prev:
                problems.append(Problem(name, line_no, spec.key, f"{key} does not rise after {prev}"))
            elif spec.step is not None:
                expected = spec.first_step if (count == 1 and spec.first_step) else spec.step
                if key - prev != expected:
                    problems.append(Problem(name, line_no, spec.key,
                                            f"gap in the table: {prev} is followed by {key} (step should be {expected})"))
            last[group] = (key, line_no, count + 1)
        else:
            last[group] = (key, line_no, 1)
        if len(problems) > 20:
            break
    if problems:
        raise DataFileError(problems)
    return Table(spec, header, rows)


# --- the registry of shipped rule files --------------------------------------------------------------------------


def rule_file_paths() -> list[Path]:
    return sorted(p for p in RULES_DIR.glob("*.yaml"))


@functools.cache
def shipped_rules() -> dict[str, LoadedRules]:
    """Every rule file shipped in jurisdictions/, by code. Rule files hold law, not personal data: safe to cache."""
    out: dict[str, LoadedRules] = {}
    for path in rule_file_paths():
        loaded = load_rule_file(path, check_tables=False)
        out[loaded.rules.code] = loaded
    return out


def jurisdiction_codes() -> list[str]:
    """Every selectable code: each rule file's code, or its regions' codes (CA-ON ...) when it has regions."""
    codes: list[str] = []
    for code, loaded in shipped_rules().items():
        if loaded.rules.regions:
            codes.extend(f"{code}-{r}" for r in loaded.rules.regions)
        else:
            codes.append(code)
    return codes


def resolve(code: str, extra: Mapping[str, LoadedRules] | None = None) -> tuple[LoadedRules, str | None]:
    """The rule file for ``code`` and the region within it (CA-ON -> the CA file, region ON)."""
    code = code.strip().upper()
    pool = {**shipped_rules(), **(extra or {})}
    if code in pool:
        return pool[code], None
    if "-" in code:
        parent, region = code.rsplit("-", 1)
        loaded = pool.get(parent)
        if loaded and region in loaded.rules.regions:
            return loaded, region
    known = ", ".join(jurisdiction_codes())
    raise UnknownJurisdiction(f"No rule file for jurisdiction {code!r}. Known: {known}.")


def jurisdiction_name(code: str) -> str:
    loaded, region = resolve(code)
    if region:
        return f"{loaded.rules.regions[region].name} ({loaded.rules.name})"
    return loaded.rules.name


# --- a jurisdiction's law on one date ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """What a worksheet line cites: the reference(s) behind a figure, with confidence."""

    text: str
    url: str | None = None
    confidence: Confidence | None = None

    def __str__(self) -> str:
        return self.text


def _lookup_path(value: Any, parts: list[str]) -> Any:
    for part in parts:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise KeyError(part)
    return value


def _set_path(value: Any, parts: list[str], new: Decimal) -> Any:
    if not parts:
        return new
    head, rest = parts[0], parts[1:]
    if isinstance(value, dict) and head in value:
        return {**value, head: _set_path(value[head], rest, new)}
    if isinstance(value, list) and head.isdigit() and int(head) < len(value):
        i = int(head)
        return [*value[:i], _set_path(value[i], rest, new), *value[i + 1 :]]
    raise KeyError(head)


class OverrideError(ValueError):
    pass


@dataclass(frozen=True)
class RuleView:
    """One jurisdiction's law on ``as_of``: values in force, citations, tables, and what-if overrides.

    Engines read only through this, so an as-of date outside the data and an override are handled in one place.
    """

    loaded: LoadedRules
    as_of: dt.date
    region: str | None = None
    overrides: Mapping[str, Decimal] = field(default_factory=dict)
    # values and citations in force never change for one view: remember them (what-if curves ask thousands of times)
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def rules(self) -> RuleFile:
        return self.loaded.rules

    @property
    def code(self) -> str:
        return f"{self.rules.code}-{self.region}" if self.region else self.rules.code

    def parameter(self, name: str) -> Parameter:
        try:
            return self.rules.parameters[name]
        except KeyError:
            raise KeyError(f"{self.rules.code}: rule file has no parameter {name!r}") from None

    def _raw(self, name: str) -> Any:
        param = self.parameter(name)
        dated = param.in_force(self.as_of)
        if dated is None:
            spans = ", ".join(f"{v.from_}..{v.to or 'open'}" for v in param.values)
            raise RulesNotInForce(
                f"{self.rules.name}: '{param.description}' has no value for {self.as_of:%d %B %Y} "
                f"(the rule file covers {spans}). Choose an as-of date inside that range."
            )
        return dated.value

    def value(self, name: str, *path: str) -> Any:
        """The value of parameter ``name`` (optionally a part of it, e.g. value("basic_rate", "2")) on as-of,
        with any override for ``name.path`` applied."""
        key = ("value", name, *path) if path else name  # whole parameters are asked for most: the shorter key
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = self._value(name, *path)
            return value

    def _value(self, name: str, *path: str) -> Any:
        dotted = ".".join((name, *path))
        if dotted in self.overrides:
            return self.overrides[dotted]
        value = self._raw(name)
        for key, new in self.overrides.items():  # an override of a part of this parameter
            head, _, rest = key.partition(".")
            if head == name and rest:
                value = _set_path(value, rest.split("."), new)
        try:
            return _lookup_path(value, list(path))
        except KeyError:
            raise KeyError(f"{self.rules.code}: parameter {name!r} has no entry {'.'.join(path)!r}") from None

    def kinds(self, name: str, enum: type[KindT]) -> frozenset[KindT]:
        """Parameter ``name`` (a list of kind names, e.g. the income kinds counted) as a set of ``enum`` members."""
        return self.derived(("kinds", name, enum), lambda: frozenset(enum(k) for k in self.value(name)))

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value worked out from this view's law alone (never from a case), remembered for the view's life:
        the law in force does not change, and a what-if curve asks for the same value at every point."""
        memo_key = ("derived", key)
        try:
            return self._memo[memo_key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[memo_key] = compute()
            return value

    def decimal(self, name: str, *path: str) -> Decimal:
        value = self.value(name, *path)
        if not isinstance(value, Decimal):
            raise TypeError(f"{self.rules.code}: parameter {'.'.join((name, *path))} is not a number")
        return value

    def is_overridden(self, name: str) -> bool:
        return bool(self.overrides) and any(k == name or k.startswith(name + ".") for k in self.overrides)

    def cite(self, name: str) -> Citation:
        """The citation for parameter ``name`` as in force on as-of (its references plus the period's own)."""
        key = ("cite", name)
        if key not in self._memo:
            self._memo[key] = self._cite(name)
        return self._memo[key]

    def _cite(self, name: str) -> Citation:
        param = self.parameter(name)
        dated = param.in_force(self.as_of)
        refs = list(param.references) + (list(dated.references) if dated else [])
        return self.citation(*refs, confidence=(dated.confidence if dated and dated.confidence else param.confidence))

    def citation(self, *ref_ids: str, confidence: Confidence | None = None) -> Citation:
        """A citation from reference ids of this file (for lines that cite the law directly, not a parameter)."""
        key = ("citation", confidence, *ref_ids)
        if key not in self._memo:
            self._memo[key] = self._citation(ref_ids, confidence)
        return self._memo[key]

    def _citation(self, ref_ids: tuple[str, ...], confidence: Confidence | None) -> Citation:
        refs: list[Reference] = [self.rules.references[r] for r in dict.fromkeys(ref_ids)]
        text = "; ".join(r.cite() for r in refs)
        url = next((str(r.url) for r in refs if r.url), None)
        return Citation(text=text, url=url, confidence=confidence)

    def rounding(self, name: str) -> RoundingRule:
        try:
            return self.rules.rounding[name]
        except KeyError:
            raise KeyError(f"{self.rules.code}: rule file has no rounding rule {name!r}") from None

    def table_spec(self, name: str) -> TableSpec:
        specs = self.rules.tables.get(name)
        if not specs:
            raise KeyError(f"{self.rules.code}: rule file has no table {name!r}")
        for spec in specs:
            if spec.from_ <= self.as_of and (spec.to is None or self.as_of <= spec.to):
                return spec
        spans = ", ".join(f"{s.from_}..{s.to or 'open'}" for s in specs)
        raise RulesNotInForce(
            f"{self.rules.name}: no {name} table for {self.as_of:%d %B %Y} (tables cover {spans}). "
            "Choose an as-of date inside that range."
        )

    def table(self, name: str) -> Table:
        spec = self.table_spec(name)
        return self.loaded.table(name, spec)

    def table_citation(self, name: str) -> Citation:
        spec = self.table_spec(name)
        return self.citation(*spec.references, confidence=spec.confidence)

    def weakest_confidence(self, *names: str) -> Confidence:
        levels = [self.parameter(n).confidence for n in names] or [self.rules.confidence]
        return max(levels, key=CONFIDENCE_ORDER.index)


def parse_overrides(view_rules: RuleFile, overrides: Mapping[str, str]) -> dict[str, Decimal]:
    """Check what-if overrides (``name`` or ``name.part`` -> number as text) against the rule file."""
    out: dict[str, Decimal] = {}
    for key, text in overrides.items():
        head = key.split(".", 1)[0]
        param = view_rules.parameters.get(head)
        if param is None:
            raise OverrideError(f"There is no parameter called {head!r} in {view_rules.name}.")
        if not param.overridable:
            raise OverrideError(f"{param.description} cannot be changed for a what-if.")
        try:
            value = Decimal(str(text).strip().replace(",", ""))
        except InvalidOperation:
            raise OverrideError(f"The what-if value for {param.description!r} must be a number, not {text!r}.") from None
        if not value.is_finite() or not -MAX_OVERRIDE <= value <= MAX_OVERRIDE:
            raise OverrideError(f"The what-if value for {param.description!r} must be an ordinary number "
                                f"(not {str(text).strip()[:30]!r}).")
        out[key] = value
    return out


MAX_OVERRIDE = Decimal(10) ** 12
# What a what-if value may be, by the parameter's unit (free text in rule files today: matched by its words).
# (words in the unit, lowest, highest, whole number only)
OVERRIDE_RANGES: tuple[tuple[str, Decimal, Decimal, bool], ...] = (
    ("percent", Decimal(0), Decimal(100), False),
    ("fraction", Decimal(0), Decimal(1), False),
    ("children", Decimal(0), Decimal(20), True),
    ("nights", Decimal(0), Decimal(366), True),
    ("years", Decimal(0), Decimal(120), True),
)
MAX_AMOUNT = Decimal(10) ** 9  # money and factors: no guideline figure is near a billion


def check_override_value(param: Parameter, key: str, value: Decimal, current: Any) -> None:
    """An override must replace a number with a number of the same kind, within what the parameter's unit allows:
    a negative cap made New York's estimate -0.01, and 1e999999999 for a rate overflowed on every page visit."""
    if not isinstance(current, Decimal):
        raise OverrideError(f"{key!r} is not a number in the rules (it is a list or a text), so a what-if cannot "
                            "change it.")
    unit = param.unit.lower()
    low, high, whole = Decimal(0), MAX_AMOUNT, False
    for words, lowest, highest, integral in OVERRIDE_RANGES:
        if words in unit:
            low, high, whole = lowest, highest, integral
            break
    if not low <= value <= high:
        raise OverrideError(f"The what-if value for {param.description!r} must be between {low} and {high:,} "
                            f"({param.unit}); {value.normalize():f} is outside that.")
    if whole and value != value.to_integral_value():
        raise OverrideError(f"The what-if value for {param.description!r} must be a whole number ({param.unit}).")


def rules_on(
    code: str,
    as_of: dt.date,
    overrides: Mapping[str, str] | None = None,
    extra: Mapping[str, LoadedRules] | None = None,
) -> RuleView:
    """The law of ``code`` in force on ``as_of``. Raises RulesNotInForce outside the rule file's range."""
    loaded, region = resolve(code, extra)
    eff = loaded.rules.effective
    if as_of < eff.from_ or (eff.to is not None and as_of > eff.to):
        end = f"to {eff.to:%d %B %Y}" if eff.to else "onwards"
        raise RulesNotInForce(
            f"{loaded.rules.name}: this rule file covers {eff.from_:%d %B %Y} {end} "
            f"({eff.date_basis}); {as_of:%d %B %Y} is outside it."
        )
    parsed = parse_overrides(loaded.rules, overrides or {})
    view = RuleView(loaded=loaded, as_of=as_of, region=region, overrides=parsed)
    for key, value in parsed.items():  # the override names a number in force, and is a number of its kind
        head, _, rest = key.partition(".")
        try:
            current = view._raw(head) if not rest else _lookup_path(view._raw(head), rest.split("."))
        except KeyError:
            raise OverrideError(f"{key!r} does not name a part of the parameter {head!r}.") from None
        check_override_value(view.parameter(head), key, value, current)
    return view


def rule_file_json_schema() -> dict[str, Any]:
    """The published JSON Schema of rule files (``organizer rules schema``)."""
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Separation Organizer rule file"
    return schema
