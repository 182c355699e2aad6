"""Autosave and revisions: nothing typed is lost, and any earlier state can be restored.

Each open case has a folder in the per-user data folder:

    cases/<case_id>/current.case.json         the latest state, rewritten atomically on every change
    cases/<case_id>/revisions/<stamp>-<n>.case.json   the history: the last 50 kept

Every change is saved at once (a small atomic write), so a crash or a closed tab loses at most the change being
typed. Revisions are debounced: changes within ``REVISION_INTERVAL`` seconds of the newest revision update it in
place instead of adding another, so a burst of typing is one revision, described in one sentence.

Two tabs on one case: each session remembers the save generation it last saw (``base``). A save whose base is no
longer current does not overwrite the other tab's work: both are kept as revisions and the caller is told.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from casefile.crypto import PassphraseError, decrypt, encrypt, is_encrypted
from casefile.models import Case
from casefile.storage import (
    CaseFileError,
    atomic_write_bytes,
    case_file_bytes,
    case_from_json,
    case_to_json,
    cases_dir,
)

KEEP_REVISIONS = 50
REVISION_INTERVAL = dt.timedelta(seconds=30)
CURRENT = "current.case.json"
GENERATION = "generation"  # a counter bumped by every save: how a session notices another tab's saves
_LOCK = threading.Lock()
_REVISION_NAME = re.compile(r"^(\d{8}T\d{6}\d{6})-(\d{6})\.case\.json$")

SECTION_NAMES: dict[str, str] = {
    "title": "the case name",
    "jurisdiction": "the jurisdiction",
    "you": "which parent you are",
    "separation": "separation details",
    "children": "children",
    "parenting_time": "parenting time",
    "child_costs": "children's costs",
    "estimate": "estimate settings",
    "scenarios": "scenarios",
    "budget": "the budget",
    "assets_debts": "assets and debts",
    "expenses": "the expense log",
    "questionnaire": "the lawyer questionnaire",
    "checklist": "the document checklist",
    "notes": "notes for the professional",
}


@dataclass(frozen=True)
class Revision:
    number: int
    saved_at: dt.datetime
    summary: str
    path: Path


@dataclass(frozen=True)
class SaveOutcome:
    """What an autosave did: the newest revision number now, and whether another tab had saved in between."""

    revision: int
    generation: int
    conflict: bool = False
    message: str = ""


def case_folder(case_id: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", case_id):
        raise CaseFileError("That case has an invalid identifier.")
    folder = cases_dir() / case_id
    (folder / "revisions").mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def describe_change(old: Case | None, new: Case) -> str:
    """One sentence saying what changed between two versions of a case, for the revision list."""
    if old is None:
        return "Case created."
    changed: list[str] = []
    for field, words in SECTION_NAMES.items():
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            changed.append(words)
    for role in ("parent_a", "parent_b"):
        before, after = old.parent(role), new.parent(role)  # type: ignore[arg-type]
        if before != after:
            parts = [name for name, label in (("income", "income"), ("deductions", "deductions"),
                                             ("display_name", "name"), ("benefits", "benefits"),
                                             ("other_children", "other children"))
                     if getattr(before, name) != getattr(after, name)]
            label = " and ".join(parts) if parts else "details"
            changed.append(f"{label} for {after.display_name}")
    if not changed:
        return "No change."
    text = ", ".join(changed[:-1]) + (" and " if len(changed) > 1 else "") + changed[-1]
    return f"Changed {text}."


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S%f")


def list_revisions(case_id: str) -> list[Revision]:
    """Revisions of a case, newest first."""
    out: list[Revision] = []
    for path in (case_folder(case_id) / "revisions").glob("*.case.json"):
        match = _REVISION_NAME.match(path.name)
        if not match:
            continue
        try:
            raw = path.read_text(encoding="utf-8")
            summary = "(protected: open the case with its passphrase)" if is_encrypted(raw) else str(
                json.loads(raw).get("revision_summary", ""))
        except (OSError, json.JSONDecodeError, AttributeError):
            summary = "(unreadable revision)"
        saved_at = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%S%f")
        out.append(Revision(number=int(match.group(2)), saved_at=saved_at, summary=summary, path=path))
    return sorted(out, key=lambda r: r.number, reverse=True)


def newest_revision(case_id: str) -> int:
    revisions = list_revisions(case_id)
    return revisions[0].number if revisions else 0


def _revision_bytes(case: Case, summary: str, passphrase: str | None) -> bytes:
    envelope = json.loads(case_to_json(case))
    envelope["revision_summary"] = summary  # inside the encryption when protected: summaries name people
    plain = (json.dumps(envelope, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return encrypt(plain, passphrase) if passphrase else plain


def _write_revision(
    folder: Path, number: int, case: Case, summary: str, moment: dt.datetime, passphrase: str | None
) -> Path:
    path = folder / "revisions" / f"{_stamp(moment)}-{number:06d}.case.json"
    atomic_write_bytes(path, _revision_bytes(case, summary, passphrase))
    return path


def _prune(case_id: str) -> None:
    for old in list_revisions(case_id)[KEEP_REVISIONS:]:
        old.path.unlink(missing_ok=True)


def current_generation(case_id: str) -> int:
    """How many times this case has been saved: a session compares it with the one it last saw (other tabs)."""
    try:
        return int((case_folder(case_id) / GENERATION).read_text(encoding="ascii").strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def autosave(
    case: Case,
    previous: Case | None,
    base: int | None,
    now: dt.datetime | None = None,
    passphrase: str | None = None,
) -> SaveOutcome:
    """Save ``case`` as the current state and record a revision (debounced). ``previous`` is the state this session
    last saved (for the summary); ``base`` the save generation this session last saw (None: a new session).
    With ``passphrase`` everything written is encrypted (the passphrase itself is never written)."""
    now = now or dt.datetime.now()
    with _LOCK:  # sessions are threads of one server process: one save at a time
        folder = case_folder(case.case_id)
        generation = current_generation(case.case_id)
        revisions = list_revisions(case.case_id)
        newest = revisions[0] if revisions else None
        conflict = base is not None and generation != base
        atomic_write_bytes(folder / CURRENT, case_file_bytes(case, passphrase))
        if conflict:
            # another tab saved since this one last looked: keep both as revisions, never overwrite
            number = (newest.number if newest else 0) + 1
            _write_revision(folder, number, case, "Saved from another tab or window (both versions are kept). "
                            + describe_change(previous, case), now, passphrase)
            outcome = SaveOutcome(
                revision=number, generation=generation + 1, conflict=True,
                message="This case was also changed in another tab or window. Both versions are kept: "
                "see Revisions on the Start page to compare or restore.",
            )
        elif newest is not None and base is not None and now - newest.saved_at < REVISION_INTERVAL:
            # a burst of typing in this session: update its newest revision in place
            before = _read_previous(case.case_id, newest.number, passphrase) or previous
            _write_revision(folder, newest.number, case, describe_change(before, case), newest.saved_at, passphrase)
            outcome = SaveOutcome(revision=newest.number, generation=generation + 1)
        else:
            number = (newest.number if newest else 0) + 1
            _write_revision(folder, number, case, describe_change(previous, case), now, passphrase)
            outcome = SaveOutcome(revision=number, generation=generation + 1)
        atomic_write_bytes(folder / GENERATION, str(outcome.generation).encode("ascii"))
        _prune(case.case_id)
        return outcome


def _read(path: Path, passphrase: str | None = None) -> Case | None:
    try:
        return case_from_json(path.read_bytes(), source=path.name, passphrase=passphrase)
    except (OSError, CaseFileError):
        return None


def _read_previous(case_id: str, number: int, passphrase: str | None = None) -> Case | None:
    for revision in list_revisions(case_id):
        if revision.number < number:
            return _read(revision.path, passphrase)
    return None


def load_revision(case_id: str, number: int, passphrase: str | None = None) -> Case:
    for revision in list_revisions(case_id):
        if revision.number == number:
            case = _read(revision.path, passphrase)
            if case is None:
                raise CaseFileError(f"Revision {number} is damaged and cannot be restored.")
            return case
    raise CaseFileError(f"There is no revision {number} of this case.")


def load_current(case_id: str, passphrase: str | None = None) -> Case:
    path = case_folder(case_id) / CURRENT
    if not path.exists():
        raise CaseFileError("This case has no saved state yet.")
    return case_from_json(path.read_bytes(), source="the saved case", passphrase=passphrase)


@dataclass(frozen=True)
class SavedCase:
    case_id: str
    title: str
    saved_at: dt.datetime
    revisions: int


def saved_cases() -> list[SavedCase]:
    """Autosaved cases on this machine, most recent first (for "continue where you left off")."""
    out: list[SavedCase] = []
    for folder in cases_dir().iterdir():
        current = folder / CURRENT
        if not (folder.is_dir() and current.exists()):
            continue
        try:
            raw = current.read_text(encoding="utf-8")
            title = "(protected case)" if is_encrypted(raw) else str(json.loads(raw)["case"].get("title", "Case"))
        except (OSError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
            title = "(damaged case)"
        saved_at = dt.datetime.fromtimestamp(current.stat().st_mtime)
        out.append(SavedCase(case_id=folder.name, title=title, saved_at=saved_at,
                             revisions=len(list(folder.glob("revisions/*.case.json")))))
    return sorted(out, key=lambda c: c.saved_at, reverse=True)


def delete_case(case_id: str) -> None:
    shutil.rmtree(case_folder(case_id), ignore_errors=True)


def protect_all(case_id: str, passphrase: str, old_passphrase: str | None = None) -> int:
    """Encrypt (or re-encrypt) the current state and every revision of a case with ``passphrase``.

    Each file is rewritten atomically; a file that cannot be read with ``old_passphrase`` is left as it is and
    counted. Returns the number of files that could not be converted.
    """
    folder = case_folder(case_id)
    failures = 0
    for path in [folder / CURRENT, *(r.path for r in list_revisions(case_id))]:
        if not path.exists():
            continue
        try:
            raw = path.read_bytes()
            plain = decrypt(raw, old_passphrase) if is_encrypted(raw) else raw
        except (OSError, PassphraseError):
            failures += 1
            continue
        atomic_write_bytes(path, encrypt(plain, passphrase))
    return failures
