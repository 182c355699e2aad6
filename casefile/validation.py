"""Turning pydantic's errors into plain words that name the field, and building validated Cases.

"Income for Alex (item 2): amount must be 0 or more" - not "parent_a.income.1.amount: Value error, ...".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from casefile.models import Case

FIELD_WORDS: dict[str, str] = {
    "amount": "amount",
    "hours_per_week": "hours per week",
    "frequency": "how often",
    "display_name": "name",
    "date_of_birth": "date of birth",
    "date_of_marriage": "date of marriage",
    "date_of_separation": "date of separation",
    "filing_date": "filing date",
    "next_court_date": "next court date",
    "court_name": "court",
    "case_number": "case number",
    "region": "part of the country",
    "known_from": "how you know the amount",
    "overnights_with_a": "overnights",
    "overnights_with_b": "overnights",
    "jurisdiction": "jurisdiction",
    "as_of": "as-of date",
    "name": "name",
    "kind": "kind",
    "description": "description",
    "title": "case title",
    "schema_version": "file version",
}

SECTION_WORDS: dict[str, str] = {
    "income": "Income",
    "deductions": "Deduction",
    "other_children": "Other child",
    "children": "Child",
    "child_costs": "Child cost",
    "parenting_time": "Parenting time",
    "separation": "Separation details",
    "estimate": "Estimate settings",
    "scenarios": "Scenario",
    "notes": "Notes",
}


@dataclass(frozen=True)
class FieldError:
    """One problem, located (``loc`` as pydantic gives it) and said in plain words."""

    loc: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return self.message


def _clean_message(raw: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if raw.startswith(prefix):
            raw = raw[len(prefix) :]
    replacements = {
        "Input should be greater than or equal to 0": "must be 0 or more",
        "Decimal input should be an integer or a float or a string or a Decimal object": "must be a number",
        "Input should be a valid decimal": "must be a number, such as 1250.50",
        "Input should be a valid integer": "must be a whole number",
        "Input should be a valid date or datetime": "must be a date such as 2025-03-31",
        "Input should be a valid date": "must be a date such as 2025-03-31",
        "Input should be a finite number": "must be an ordinary number",
        "Extra inputs are not permitted": "is not a field this app knows",
        "Field required": "is missing",
    }
    for needle, words in replacements.items():
        if raw.startswith(needle):
            return words
    if raw.startswith("String should have at least 1 character"):
        return "must not be empty"
    if raw.startswith("String should have at most"):
        return raw.replace("String should have at most", "must be at most")
    if raw.startswith("Input should be less than or equal to"):
        return raw.replace("Input should be less than or equal to", "must be at most")
    if raw.startswith("Input should be"):
        return raw.replace("Input should be", "must be")
    return raw


def _owner(data: Any, loc: tuple[str | int, ...]) -> str:
    """A person-facing label for where in the case the error is."""
    if not loc:
        return "Case"
    head = loc[0]
    if head in ("parent_a", "parent_b"):
        name = "the other parent" if head == "parent_b" else "you"
        if isinstance(data, dict):
            parent = data.get(head)
            if isinstance(parent, dict) and parent.get("display_name"):
                name = str(parent["display_name"])
            elif isinstance(parent, BaseModel):
                name = str(getattr(parent, "display_name", name))
        if len(loc) >= 2 and loc[1] in SECTION_WORDS:
            label = f"{SECTION_WORDS[str(loc[1])]} for {name}"
            if len(loc) >= 3 and isinstance(loc[2], int):
                label += f" (item {loc[2] + 1})"
            return label
        return f"Details for {name}"
    if head in SECTION_WORDS:
        label = SECTION_WORDS[str(head)]
        if len(loc) >= 2 and isinstance(loc[1], int):
            label += f" {loc[1] + 1}"
        return label
    return "Case"


def describe(exc: ValidationError, data: Any = None) -> list[FieldError]:
    """Plain-words messages for every error in ``exc``; ``data`` is the input, used for names."""
    out: list[FieldError] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # pydantic adds the union/type branch to loc (e.g. 'decimal'); keep field names only
        loc = tuple(p for p in loc if p not in ("decimal", "str", "int", "float", "date", "none", "lax-or-strict"))
        field = next((p for p in reversed(loc) if isinstance(p, str) and p in FIELD_WORDS), None)
        message = _clean_message(str(err["msg"]))
        owner = _owner(data, loc)
        text = f"{owner}: {FIELD_WORDS[field]} {message}" if field else f"{owner}: {message}"
        out.append(FieldError(loc=loc, message=text))
    return out


class CaseInvalid(ValueError):
    """A Case could not be built; ``errors`` say why in plain words."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))


def build_case(data: dict[str, Any]) -> Case:
    """Validate ``data`` into a Case, or raise CaseInvalid with plain messages."""
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise CaseInvalid(describe(exc, data)) from None


def _fresh(new: Any, old: Any) -> Any:
    """``new`` ready for validation: every part that is the very object of the old case (validated when it was made,
    and frozen since) is passed as it is - pydantic does not validate a model instance again - and everything else
    is dumped, so it is validated. A change of one expense in 10,000 validates that one expense."""
    if new is old:
        return old
    if isinstance(new, BaseModel):
        if type(new) is type(old):
            return {name: _fresh(getattr(new, name), getattr(old, name)) for name in type(new).model_fields}
        return new.model_dump(mode="python")
    if isinstance(new, tuple | list):
        kept = {id(item) for item in old} if isinstance(old, tuple | list) else set()
        return [item if id(item) in kept else _fresh(item, None) for item in new]
    if isinstance(new, dict):
        return {key: _fresh(value, None) for key, value in new.items()}
    return new


def _within_size(case: Case) -> Case:
    """Refuse a case too large to be saved and opened again (the one limit of casefile.storage)."""
    from casefile.storage import MAX_CASE_BYTES, case_plain_bytes, too_large_message

    size = len(case_plain_bytes(case))  # only the parts that changed are serialised (and remembered for the save)
    if size > MAX_CASE_BYTES:
        raise CaseInvalid([FieldError(loc=(), message=too_large_message(size))])
    return case


def revise(case: Case, **changes: Any) -> Case:
    """A new Case with ``changes`` applied. What changed is validated (model_copy alone skips validation); what did
    not change is kept as it was, so an edit costs the same with 10 or 10,000 expenses. A case too large to be saved
    and opened again is refused like any other invalid input (CaseInvalid), before anything is stored."""
    return build_on(case, changes)


def build_on(case: Case, data: dict[str, Any]) -> Case:
    """The Case made of ``data`` (fields as dumped dictionaries or values) over ``case``: the fields in ``data`` are
    validated, the others are kept as they are. Raises CaseInvalid (plain words), also for a case too large to save."""
    merged = {name: getattr(case, name) for name in Case.model_fields}
    for key, value in data.items():
        merged[key] = _fresh(value, merged.get(key))
    return _within_size(build_case(merged))
