"""The document checklist's part of the Case: the few facts it asks for, and what the person did about each item.

The list of documents itself is data (checklists/*.yaml) and is worked out from the Case by
``checklists.select.select_items``; only the person's own choices are stored here, so a changed checklist file never
loses a status. ``Checklist()`` validates from ``{}``, so case files saved before this part existed still load.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from casefile.models import LongText, Value

ItemId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_.-]*$")]


class ItemStatus(StrEnum):
    """Where the person is with one document."""

    NEEDED = "needed"
    REQUESTED = "requested"
    HAVE = "have"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return ITEM_STATUS_LABELS[self]


ITEM_STATUS_LABELS: dict[ItemStatus, str] = {
    ItemStatus.NEEDED: "Still needed",
    ItemStatus.REQUESTED: "Asked for it",
    ItemStatus.HAVE: "Have it",
    ItemStatus.NOT_APPLICABLE: "Does not apply",
}


class ItemState(Value):
    """What the person recorded for one checklist item. The defaults mean "nothing recorded yet"."""

    status: ItemStatus = ItemStatus.NEEDED
    note: LongText = ""
    due: date | None = None  # when the person wants (or was told) to have it

    @property
    def is_default(self) -> bool:
        return self.status is ItemStatus.NEEDED and not self.note and self.due is None


class ChecklistFacts(Value):
    """Answers the person gave on the Documents page. None means "not answered" (the app then looks elsewhere).

    Each answer, when given, wins over what the app would infer from other parts of the case: the person knows.
    """

    owns_home: bool | None = None
    retirement_accounts: bool | None = None
    self_employed: bool | None = None
    existing_orders: bool | None = None
    safety_concern: bool | None = None
    court_case: bool | None = None


class Checklist(Value):
    """The Case's ``checklist`` field."""

    facts: ChecklistFacts = Field(default_factory=ChecklistFacts)
    items: dict[ItemId, ItemState] = Field(default_factory=dict)

    @field_validator("items")
    @classmethod
    def _not_too_many(cls, v: dict[str, ItemState]) -> dict[str, ItemState]:
        if len(v) > 1000:
            raise ValueError("has more than 1000 entries")
        return v

    def state(self, item_id: str) -> ItemState:
        return self.items.get(item_id, ItemState())

    def with_state(self, item_id: str, state: ItemState) -> Checklist:
        """A new Checklist with ``item_id`` set to ``state`` (entries back at the default are dropped)."""
        items = dict(self.items)
        if state.is_default:
            items.pop(item_id, None)
        else:
            items[item_id] = state
        return self.model_copy(update={"items": items})

    def with_facts(self, facts: ChecklistFacts) -> Checklist:
        return self.model_copy(update={"facts": facts})
