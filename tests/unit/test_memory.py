"""ui/memory.py: what is alive is frozen once after new code is imported, and not again until more is imported."""

from __future__ import annotations

import gc
import importlib
import sys
import weakref
from collections.abc import Iterator

import pytest

from ui import memory


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_freezes_after_new_imports_only(unfrozen: None) -> None:
    memory.freeze_loaded_code()
    frozen = gc.get_freeze_count()
    assert frozen > 0  # everything alive (this test process's modules) was frozen

    kept = object.__new__(type("Kept", (), {}))  # a new tracked object, made after the freeze
    memory.freeze_loaded_code()  # no module imported since: nothing more is frozen
    assert gc.get_freeze_count() == frozen

    name = next(n for n in ("colorsys", "netrc", "tabnanny", "sndhdr") if n not in sys.modules)
    importlib.import_module(name)
    memory.freeze_loaded_code()
    assert gc.get_freeze_count() > frozen  # the new module and the object made since are frozen too
    assert kept is not None


def test_a_cycle_made_after_the_freeze_is_still_collected(unfrozen: None) -> None:
    memory.freeze_loaded_code()

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a reference cycle: only the collector can free it
    alive = weakref.ref(a)
    del a, b
    gc.collect()
    assert alive() is None
