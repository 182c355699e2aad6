"""Opening a case file from another version of the app: it is migrated step by step, and the original stays untouched.

Only schema version 1 exists so far, so the mechanism is shown with a simulated version 2 of the app (a migration
that renames a field) reading a version-1 file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from casefile import storage
from casefile.models import Case
from casefile.storage import CaseFileError, load_case, save_case


def test_older_file_is_migrated_and_the_original_is_not_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.case.json"
    save_case(Case(title="written by version 1"), path)
    original = path.read_bytes()
    seen: list[dict[str, Any]] = []

    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        seen.append(dict(data))
        return {**data, "title": data["title"] + " (migrated)"}

    monkeypatch.setattr(storage, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(storage.MIGRATIONS, 1, v1_to_v2)
    # the Case model itself is version 1; pretend the migrated dict is valid for "version 2" by mapping it back
    monkeypatch.setattr(storage, "build_case", lambda data: Case.model_validate({**data, "schema_version": 1}))
    case = load_case(path)
    assert case.title == "written by version 1 (migrated)"
    assert seen and seen[0]["title"] == "written by version 1"
    assert path.read_bytes() == original  # opening never rewrites the file


def test_missing_migration_step_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.case.json"
    save_case(Case(), path)
    monkeypatch.setattr(storage, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(storage.MIGRATIONS, 1, lambda data: data)
    monkeypatch.delitem(storage.MIGRATIONS, 2, raising=False)
    with pytest.raises(CaseFileError, match=r"uses version 1, which this app cannot convert \(no conversion from version 2\)"):
        load_case(path)


def test_newer_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.case.json"
    envelope = json.loads(storage.case_to_json(Case()))
    envelope["schema_version"] = 2
    path.write_text(json.dumps(envelope))
    before = path.read_bytes()
    with pytest.raises(CaseFileError, match="saved by a newer version of this app"):
        load_case(path)
    assert path.read_bytes() == before
