"""Strict YAML for rule files: duplicate keys rejected, numbers read exactly as Decimal, line numbers kept.

PyYAML's default loader silently keeps the last of two duplicate keys and reads ``0.10`` as a binary float. Rule
files are the law as data, so neither is acceptable. We compose the node tree ourselves and build plain Python
values, recording the line of every mapping key and sequence item so errors can say ``file:line: field: message``.

A data file is also input from whoever wrote it, so what it may cost is bounded before any value is built:
at most ``MAX_EVENTS`` YAML events (a 2 MB list of numbers took 4 s and 280 MB to compose), at most ``MAX_VALUES``
values once aliases are expanded (a 509-byte file of nested aliases - "billion laughs" - grew past 4 GB), and at
most ``MAX_DEPTH`` levels of nesting (an alias to itself nests forever). The largest shipped file has about 1,300
events and nests 9 deep, so the limits are far from anything real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One problem in a data file, in the form ``file:line: field: message``."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataFileError(Exception):
    """A data file (rule file, checklist file, table) is malformed. ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Located:
    """Parsed YAML data plus the 1-based line of each path inside it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest located ancestor."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def field_name(path: Path_) -> str:
    """``('parameters', 'cap', 'values', 0, 'value')`` -> ``parameters.cap.values[0].value``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


MAX_EVENTS = 50_000
MAX_VALUES = 100_000
MAX_DEPTH = 32


class _Budget:
    """Values built so far (aliases expanded): a file over ``MAX_VALUES`` is refused, not expanded."""

    def __init__(self) -> None:
        self.values = 0


class _TooCostly(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# libyaml's parser when available (about 10x faster on the large rule files; same nodes and line marks)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _scalar(node: yaml.ScalarNode, file: str, problems: list[Problem], path: Path_) -> Any:
    text = node.value
    line = node.start_mark.line + 1
    if node.style in ("'", '"', "|", ">"):  # quoted or block text: a string, even if it looks like a number
        return text
    if node.tag in (_INT_TAG, _FLOAT_TAG):
        try:
            value = Decimal(text.replace("_", ""))
        except InvalidOperation:
            problems.append(Problem(file, line, field_name(path), f"{text!r} is not a number this loader accepts"))
            return text
        if not value.is_finite():
            problems.append(Problem(file, line, field_name(path), "numbers must be finite"))
        return value
    if node.tag == _BOOL_TAG:
        return text.lower() in ("true", "yes", "on")
    if node.tag == _NULL_TAG:
        return None
    if node.tag == _TIMESTAMP_TAG:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            problems.append(Problem(file, line, field_name(path), f"{text!r}: write dates as YYYY-MM-DD"))
            return text
    return text


def _build(node: yaml.Node, file: str, path: Path_, out: Located, problems: list[Problem],
           budget: _Budget | None = None) -> Any:
    budget = budget or _Budget()
    budget.values += 1
    line = node.start_mark.line + 1
    if budget.values > MAX_VALUES:
        raise _TooCostly(line, f"the file expands to more than {MAX_VALUES:,} values (through aliases such as "
                               "*name): write the values out instead")
    if len(path) > MAX_DEPTH:
        raise _TooCostly(line, f"the file nests more than {MAX_DEPTH} levels deep (an alias inside itself "
                               "does that): write the values out instead")
    out.lines.setdefault(path, line)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(file, key_node.start_mark.line + 1, field_name(path), "keys must be plain text"))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem(file, key_node.start_mark.line + 1, field_name(path), "merge keys (<<) are not allowed"))
                continue
            key_path = (*path, key)
            if key in result:
                first = out.lines.get(key_path)
                problems.append(
                    Problem(file, key_node.start_mark.line + 1, field_name(key_path),
                            f"duplicate key (first defined on line {first})")
                )
                continue
            out.lines[key_path] = key_node.start_mark.line + 1
            result[key] = _build(value_node, file, key_path, out, problems, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            items.append(_build(item, file, (*path, index), out, problems, budget))
        return items
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, file, problems, path)


def load_yaml(text: str, file: str) -> Located:
    """Parse ``text`` strictly. Raises DataFileError listing every problem found."""
    problems: list[Problem] = []
    try:
        for count, event in enumerate(yaml.parse(text, Loader=_LOADER), start=1):
            if count > MAX_EVENTS:
                raise DataFileError([Problem(file, event.start_mark.line + 1, "",
                                             f"the file has more than {MAX_EVENTS:,} entries: far more than a "
                                             "data file needs (large tables belong in a CSV file)")])
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError([Problem(file, line, "", f"not valid YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise DataFileError([Problem(file, None, "", f"not valid YAML: {exc}")]) from None
    if node is None:
        raise DataFileError([Problem(file, 1, "", "the file is empty")])
    out = Located(data=None)
    try:
        out.data = _build(node, file, (), out, problems)
    except _TooCostly as exc:
        raise DataFileError([Problem(file, exc.line, "", exc.message)]) from None
    if problems:
        raise DataFileError(problems)
    return out


def pydantic_problems(exc: Any, located: Located, file: str) -> list[Problem]:
    """Map a pydantic ValidationError on ``located.data`` to ``file:line: field: message`` problems."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field (check the spelling; see jurisdictions/README.md for the fields allowed)"
        elif err["type"] == "missing":
            message = "required field is missing"
        problems.append(Problem(file, located.line_of(loc), field_name(loc), message))
    return problems


ModelT = TypeVar("ModelT", bound=BaseModel)


def load_model(text: str, file: str, model: type[ModelT], shape: str) -> tuple[ModelT, Located]:
    """Parse ``text`` strictly and validate it as ``model``: the one way every data file (rule files, checklists,
    separation types, the questionnaire) is read. ``shape`` says in words what the top level must be, for the
    message when it is not a mapping. Raises DataFileError with ``file:line: field: message`` problems."""
    located = load_yaml(text, file)
    if not isinstance(located.data, dict):
        raise DataFileError([Problem(file, 1, "", f"the file must be {shape}")])
    try:
        return model.model_validate(located.data), located
    except ValidationError as exc:
        raise DataFileError(pydantic_problems(exc, located, file)) from None
