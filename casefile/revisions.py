"""Autosave and revisions: nothing typed is lost, and any earlier state can be restored.

Each open case has a folder in the per-user data folder:

    cases/<case_id>/current.case.json                 the latest state, replaced atomically on every change
    cases/<case_id>/revisions/<stamp>-<n>.case.json   the history: the last 50 kept
    cases/<case_id>/index.json                        what the history holds: one line per revision, the save
                                                      generation, whether the case is protected

Every change is saved at once (one atomic write), so a crash or a closed tab loses at most the change being typed.
Revisions are debounced: changes within ``REVISION_INTERVAL`` seconds of the newest revision update it in place
instead of adding another, so a burst of typing is one revision, described in one sentence.

**A save costs what changed, not what is stored.** The index holds each revision's one-sentence summary, so listing
or pruning the history never reads old revisions; a revision is the same file as the current state (a hard link:
one write, two names - safe because files are only ever replaced, never changed in place); and parts of the case
that did not change are not serialised again (casefile.storage).

**Two tabs on one case:** each session remembers the save generation it last saw (``base``). A save whose base is no
longer current does not overwrite the other tab's work: both are kept as revisions and the caller is told. A case
protected in one tab is never written in plain text by another: that tab's saves stop, with a message, until the
passphrase is entered there too.

**Protect is all or nothing:** every file is encrypted into a temporary file first; only when all are written (and a
commit mark is on disk) are they swapped in. A full or read-only disk leaves the case exactly as it was. Crash
leftovers - temporary files of a save or a protect that was killed - are finished or removed at the next start
(``clean_leftovers``), so no plain-text copy survives a protect.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casefile.crypto import DamagedEnvelope, Keyring, PassphraseError, Secret, decrypt, encrypt, is_encrypted, keyring
from casefile.files import FileRefused, read_limited
from casefile.models import Case
from casefile.storage import (
    TEMP_SUFFIX,
    CaseFileError,
    DeleteReport,
    PassphraseNeeded,
    atomic_write_bytes,
    case_file_bytes,
    case_from_json,
    cases_dir,
    fsync_dir,
    modified_at,
    parse_json,
    read_case_file,
    remove_tree,
    write_temp,
)

KEEP_REVISIONS = 50
REVISION_INTERVAL = dt.timedelta(seconds=30)
CURRENT = "current.case.json"
INDEX = "index.json"
INDEX_FORMAT = "separation-organizer-index"
LEGACY_GENERATION = "generation"  # before the index, the save generation had a file of its own
PROTECT_SUFFIX = ".protect" + TEMP_SUFFIX  # a protect's encrypted copy, waiting to be swapped in
PROTECT_COMMIT = "protect.commit"  # on disk once every encrypted copy is written: finish the swap after a crash
MAX_INDEX_BYTES = 4 * 1024 * 1024
# files written before save and load shared one limit could be larger than a case file may be now (a 33 MB file was
# seen): they are still read to be listed, protected or deleted - never opened as a case
MAX_LEGACY_FILE_BYTES = 256 * 1024 * 1024
CHECK_TEXT = b"separation-organizer: this passphrase opens this case"
_LOCK = threading.RLock()  # sessions are threads of one server process: one save or protect at a time
_REVISION_NAME = re.compile(r"^(\d{8}T\d{6}\d{6})-(\d{6})\.case\.json$")
_CLEANED: set[str] = set()  # case folders already checked for crash leftovers by this process

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
PROTECTED_SUMMARY = "(protected: enter the passphrase to see what changed)"
NO_SUMMARY = "(no description: the app stopped while saving it)"


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


class ProtectPending(CaseFileError):
    """Every file was encrypted and the swap decided (its commit mark is on disk), but the disk refused part-way
    through the swap: it is finished before the next save, or at the next start. The passphrase is in force."""


class ProtectedElsewhere(CaseFileError):
    """The case on disk is protected (by another tab, or with another passphrase): this session may not write it
    until it has the passphrase. Nothing was written."""


def case_folder(case_id: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", case_id):
        raise CaseFileError("That case has an invalid identifier.")
    folder = cases_dir() / case_id
    (folder / "revisions").mkdir(parents=True, exist_ok=True, mode=0o700)
    if case_id not in _CLEANED:
        with _LOCK:
            if case_id not in _CLEANED:
                clean_leftovers(folder)
                _CLEANED.add(case_id)
    return folder


# --- what changed ------------------------------------------------------------------------------------------------


def changed_parts(old: Case | None, new: Case) -> list[str]:
    """The parts of the case that differ between two versions, in the words of the revision list."""
    if old is None:
        return []
    changed = [words for name, words in SECTION_NAMES.items() if getattr(old, name) != getattr(new, name)]
    for role in ("parent_a", "parent_b"):
        before, after = old.parent(role), new.parent(role)  # type: ignore[arg-type]
        if before != after:
            parts = [label for name, label in (("income", "income"), ("deductions", "deductions"),
                                               ("display_name", "name"), ("benefits", "benefits"),
                                               ("other_children", "other children"))
                     if getattr(before, name) != getattr(after, name)]
            label = " and ".join(parts) if parts else "details"
            changed.append(f"{label} for {after.display_name}")
    return changed


def sentence(parts: list[str], created: bool = False) -> str:
    if created:
        return "Case created."
    if not parts:
        return "No change."
    text = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"Changed {text}."


def describe_change(old: Case | None, new: Case) -> str:
    """One sentence saying what changed between two versions of a case, for the revision list."""
    return sentence(changed_parts(old, new), created=old is None)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S%f")


# --- the index: the history's table of contents ------------------------------------------------------------------


@dataclass
class _Entry:
    file: str
    number: int
    saved_at: dt.datetime
    summary: str | None = None  # plain cases
    parts: list[str] | None = None
    created: bool = False
    sealed: dict[str, Any] | None = None  # protected cases: summary and parts, encrypted

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "number": self.number, "saved_at": self.saved_at.isoformat(),
                "summary": self.summary, "parts": self.parts, "created": self.created, "sealed": self.sealed}


@dataclass
class _Index:
    generation: int = 0
    protected: bool = False
    title: str | None = None
    check: dict[str, Any] | None = None  # protected: proves which passphrase opens this case
    entries: dict[str, _Entry] | None = None
    repaired: bool = False  # lines were rebuilt from the files: worth writing back

    def to_bytes(self) -> bytes:
        data = {"format": INDEX_FORMAT, "version": 1, "generation": self.generation, "protected": self.protected,
                "title": self.title, "check": self.check,
                "revisions": [e.to_json() for e in sorted((self.entries or {}).values(), key=lambda e: e.number)]}
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


def _revision_files(folder: Path) -> dict[str, int]:
    """Revision file name -> number (a directory listing: nothing is read)."""
    out: dict[str, int] = {}
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder / "revisions"):
            match = _REVISION_NAME.match(entry.name)
            if match:
                out[entry.name] = int(match.group(2))
    return out


def _saved_at(name: str) -> dt.datetime:
    return dt.datetime.strptime(name[:21], "%Y%m%dT%H%M%S%f")


def _legacy_entry(folder: Path, name: str, number: int, saved_at: dt.datetime) -> _Entry:
    """An index line for a revision the index does not know (written before the index, or just before a crash)."""
    summary: str | None = NO_SUMMARY
    try:
        raw = read_limited(folder / "revisions" / name, MAX_LEGACY_FILE_BYTES)
        if is_encrypted(raw):
            return _Entry(name, number, saved_at, summary=None, sealed=None)
        found = parse_json(raw).get("revision_summary")
        summary = str(found) if found else NO_SUMMARY
    except (FileRefused, ValueError, AttributeError, UnicodeDecodeError):
        summary = "(unreadable revision)"
    return _Entry(name, number, saved_at, summary=summary)


def _read_index(folder: Path) -> _Index:
    """The index, reconciled with the files actually there (a revision the index lacks is read once)."""
    index = _Index()
    try:
        data = parse_json(read_limited(folder / INDEX, MAX_INDEX_BYTES))
        if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
            raise ValueError("not an index")
        index.generation = int(data.get("generation") or 0)
        index.protected = bool(data.get("protected"))
        index.title = data["title"] if isinstance(data.get("title"), str) else None
        index.check = data["check"] if isinstance(data.get("check"), dict) else None
        known = {}
        for row in data.get("revisions") or []:
            entry = _Entry(file=str(row["file"]), number=int(row["number"]),
                           saved_at=dt.datetime.fromisoformat(row["saved_at"]),
                           summary=row.get("summary"), parts=row.get("parts"), created=bool(row.get("created")),
                           sealed=row.get("sealed") if isinstance(row.get("sealed"), dict) else None)
            known[entry.file] = entry
    except (FileRefused, ValueError, KeyError, TypeError, UnicodeDecodeError):
        known = {}
        try:
            index.generation = int((folder / LEGACY_GENERATION).read_text(encoding="ascii").strip() or 0)
        except (OSError, ValueError):
            index.generation = 0
        index.protected = _current_is_encrypted(folder)
        if not index.protected and (folder / CURRENT).exists():
            index.title = _legacy_title(folder / CURRENT)  # read once: kept in the index when it is written back
    files = _revision_files(folder)
    index.entries = {}
    for name, number in files.items():
        entry = known.get(name)
        if entry is None:
            entry = _legacy_entry(folder, name, number, _saved_at(name))
            index.repaired = True
        index.entries[name] = entry
    index.repaired |= len(known) != len(index.entries)
    return index


def _indexed(folder: Path) -> _Index:
    """The index; written back when lines had to be rebuilt from the files, so they are read only once."""
    index = _read_index(folder)
    if index.repaired:
        with _LOCK:
            index = _read_index(folder)
            if index.repaired:
                with contextlib.suppress(OSError):
                    _write_index(folder, index)
    return index


def _current_is_encrypted(folder: Path) -> bool:
    try:
        with (folder / CURRENT).open("rb") as handle:
            return is_encrypted(handle.read(200))
    except OSError:
        return False


def _write_index(folder: Path, index: _Index, *, durable: bool = True) -> None:
    atomic_write_bytes(folder / INDEX, index.to_bytes(), durable=durable)


def _summary_of(entry: _Entry, ring: Keyring | None) -> str:
    if entry.sealed is not None:
        if ring is None:
            return PROTECTED_SUMMARY
        try:
            opened = json.loads(decrypt(json.dumps(entry.sealed), ring))
            return sentence(list(opened.get("parts") or []), created=bool(opened.get("created"))) \
                if opened.get("summary") is None else str(opened["summary"])
        except (PassphraseError, ValueError, AttributeError):
            return PROTECTED_SUMMARY
    if entry.summary is None and entry.parts is None:
        return PROTECTED_SUMMARY
    if entry.summary is not None:
        return entry.summary
    return sentence(entry.parts or [], created=entry.created)


def _entry_parts(entry: _Entry, ring: Keyring | None) -> tuple[list[str], bool, str | None]:
    """(parts, created, fixed summary) of an entry, unsealing it if need be."""
    if entry.sealed is not None and ring is not None:
        try:
            opened = json.loads(decrypt(json.dumps(entry.sealed), ring))
            return list(opened.get("parts") or []), bool(opened.get("created")), opened.get("summary")
        except (PassphraseError, ValueError, AttributeError):
            return [], False, None
    return list(entry.parts or []), entry.created, entry.summary


def _set_summary(entry: _Entry, parts: list[str], created: bool, fixed: str | None, ring: Keyring | None) -> None:
    if ring is not None:  # summaries name people: inside the encryption when protected
        payload = json.dumps({"parts": parts, "created": created, "summary": fixed}).encode("utf-8")
        entry.sealed, entry.summary, entry.parts, entry.created = json.loads(encrypt(payload, ring)), None, None, False
    else:
        entry.sealed, entry.summary, entry.parts, entry.created = None, fixed, parts, created


# --- reading the history -----------------------------------------------------------------------------------------


def list_revisions(case_id: str, passphrase: Secret | None = None) -> list[Revision]:
    """Revisions of a case, newest first (summaries of a protected case are shown with its passphrase)."""
    folder = case_folder(case_id)
    index = _indexed(folder)
    ring = keyring(passphrase) if passphrase else None
    out = [Revision(number=e.number, saved_at=e.saved_at, summary=_summary_of(e, ring),
                    path=folder / "revisions" / e.file) for e in (index.entries or {}).values()]
    return sorted(out, key=lambda r: r.number, reverse=True)


def newest_revision(case_id: str) -> int:
    revisions = list_revisions(case_id)
    return revisions[0].number if revisions else 0


def current_generation(case_id: str) -> int:
    """How many times this case has been saved: a session compares it with the one it last saw (other tabs)."""
    return _read_index(case_folder(case_id)).generation


def is_protected(case_id: str) -> bool:
    """Whether what is saved of this case is encrypted (by this tab or another)."""
    return _read_index(case_folder(case_id)).protected


def _read(path: Path, passphrase: Secret | None = None) -> Case:
    return case_from_json(read_case_file(path, source=path.name), source=path.name, passphrase=passphrase)


def load_revision(case_id: str, number: int, passphrase: Secret | None = None) -> Case:
    for revision in list_revisions(case_id):
        if revision.number == number:
            try:
                return _read(revision.path, passphrase)
            except PassphraseNeeded:
                raise
            except CaseFileError as exc:
                raise CaseFileError(f"Revision {number} cannot be restored: {exc}") from None
    raise CaseFileError(f"There is no revision {number} of this case.")


def load_current(case_id: str, passphrase: Secret | None = None) -> Case:
    path = case_folder(case_id) / CURRENT
    if not path.exists():
        raise CaseFileError("This case has no saved state yet.")
    return case_from_json(read_case_file(path, source="the saved case"), source="the saved case",
                          passphrase=passphrase)


def check_passphrase(case_id: str, passphrase: Secret) -> None:
    """Raise PassphraseNeeded unless ``passphrase`` opens what is saved of this case (cheap once the session's
    key is derived: it opens a small check token, not the case)."""
    folder = case_folder(case_id)
    index = _read_index(folder)
    if not index.protected:
        return
    ring = keyring(passphrase)
    try:
        if index.check is not None:
            decrypt(json.dumps(index.check), ring)
        else:
            decrypt(read_case_file(folder / CURRENT, source="the saved case"), ring)
    except PassphraseError as exc:
        raise PassphraseNeeded(str(exc)) from None


@dataclass(frozen=True)
class SavedCase:
    case_id: str
    title: str
    saved_at: dt.datetime
    revisions: int
    protected: bool = False


def saved_cases() -> list[SavedCase]:
    """Autosaved cases on this machine, most recent first (for "continue where you left off").

    Reads only each case's small index (a case saved before the index existed is read once, within the size limit),
    so the Start page costs the same with 10 or 100,000 expenses in a case. A case whose current file is missing or
    damaged is still listed, so its revisions stay reachable."""
    out: list[SavedCase] = []
    for folder in sorted(cases_dir().iterdir()):
        if not folder.is_dir() or not re.fullmatch(r"[0-9a-f]{32}", folder.name):
            continue
        case_folder(folder.name)  # crash leftovers are dealt with before anything is listed
        index = _indexed(folder)
        current = folder / CURRENT
        if not current.exists() and not index.entries:
            continue
        title = index.title
        if index.protected:
            title = "(protected case)"
        elif title is None:
            title = _legacy_title(current)
        try:
            saved_at = modified_at(current)
        except OSError:
            saved_at = max((e.saved_at for e in (index.entries or {}).values()), default=dt.datetime.now())
            title = f"{title} (the latest copy is missing)"
        out.append(SavedCase(case_id=folder.name, title=title, saved_at=saved_at,
                             revisions=len(index.entries or {}), protected=index.protected))
    return sorted(out, key=lambda c: c.saved_at, reverse=True)


def _legacy_title(current: Path) -> str:
    try:
        raw = read_case_file(current)
        if is_encrypted(raw):
            return "(protected case)"
        return str(parse_json(raw)["case"].get("title", "Case"))
    except (CaseFileError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return "(damaged case)"


# --- saving ----------------------------------------------------------------------------------------------------------


def _link_or_copy(source: Path, target: Path, payload: bytes) -> None:
    """Give ``target`` the same content as ``source`` (just written): a hard link where the file system allows it,
    else a second atomic write. Either way ``target`` appears whole or not at all."""
    folder = target.parent
    try:
        temp = folder / f".{target.name}.{os.getpid()}.{threading.get_ident()}.link{TEMP_SUFFIX}"
        temp.unlink(missing_ok=True)
        os.link(source, temp)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        atomic_write_bytes(target, payload)
        return
    try:
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _refuse_plain_over_protected(folder: Path, index: _Index, ring: Keyring | None) -> None:
    """A protected case is never written in plain text, nor with a passphrase that does not open it."""
    if not index.protected:
        return
    if ring is None:
        raise ProtectedElsewhere(
            "This case was protected with a passphrase in another tab or window, so this tab stopped saving it (nothing "
            "was saved in plain text). Enter the passphrase in the sidebar to keep saving here.")
    try:
        if index.check is not None:
            decrypt(json.dumps(index.check), ring)
        else:
            decrypt(read_case_file(folder / CURRENT, source="the saved case"), ring)
    except (PassphraseError, CaseFileError):
        raise ProtectedElsewhere(
            "The passphrase of this case was changed in another tab or window, so this tab stopped saving it. "
            "Enter the new passphrase in the sidebar to keep saving here.") from None


def autosave(
    case: Case,
    previous: Case | None,
    base: int | None,
    now: dt.datetime | None = None,
    passphrase: Secret | None = None,
) -> SaveOutcome:
    """Save ``case`` as the current state and record a revision (debounced). ``previous`` is the state this session
    last saved (for the summary); ``base`` the save generation this session last saw (None: a new session).
    With ``passphrase`` everything written is encrypted (the passphrase itself is never written).

    Raises CaseTooLarge (nothing written) for a case over the size limit, ProtectedElsewhere when another tab
    protected the case, CaseFileError/OSError when the disk refuses (the files on disk stay as they were)."""
    now = now or dt.datetime.now()
    ring = keyring(passphrase) if passphrase else None
    with _LOCK:
        folder = case_folder(case.case_id)
        _finish_pending_protect(folder)
        index = _read_index(folder)
        _refuse_plain_over_protected(folder, index, ring)
        payload = case_file_bytes(case, ring)  # CaseTooLarge before anything is written
        entries = index.entries if index.entries is not None else {}
        newest = max(entries.values(), key=lambda e: e.number, default=None)
        conflict = base is not None and index.generation != base
        parts = changed_parts(previous, case)
        if conflict:
            # another tab saved since this one last looked: keep both as revisions, never overwrite
            entry = _Entry(file="", number=(newest.number if newest else 0) + 1, saved_at=now)
            _set_summary(entry, parts, previous is None,
                         "Saved from another tab or window (both versions are kept). " + sentence(parts, previous is None),
                         ring)
        elif newest is not None and base is not None and dt.timedelta(0) <= now - newest.saved_at < REVISION_INTERVAL:
            # a burst of typing in this session: update its newest revision in place
            entry = newest
            old_parts, created, fixed = _entry_parts(newest, ring)
            merged = old_parts + [p for p in parts if p not in old_parts]
            _set_summary(entry, merged, created, fixed if fixed and fixed.startswith("Saved from another") else None,
                         ring)
        else:
            entry = _Entry(file="", number=(newest.number if newest else 0) + 1, saved_at=now)
            _set_summary(entry, parts, previous is None, None, ring)
        if not entry.file:
            entry.file = f"{_stamp(entry.saved_at)}-{entry.number:06d}.case.json"
        temp = write_temp(folder, f".{CURRENT}.", payload)
        try:
            _link_or_copy(temp, folder / "revisions" / entry.file, payload)
            os.replace(temp, folder / CURRENT)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        entries[entry.file] = entry
        index.entries = entries
        index.generation += 1
        index.protected = ring is not None
        index.title = None if ring is not None else case.title
        if ring is not None and index.check is None:
            index.check = json.loads(encrypt(CHECK_TEXT, ring))
        elif ring is None:
            index.check = None
        for old in sorted(entries.values(), key=lambda e: e.number, reverse=True)[KEEP_REVISIONS:]:
            (folder / "revisions" / old.file).unlink(missing_ok=True)
            del entries[old.file]
        fsync_dir(folder / "revisions")
        # the index can be rebuilt from the files, so it is not flushed on its own: one flush of the folder makes the
        # new current file and the index durable together
        _write_index(folder, index, durable=False)
        fsync_dir(folder)
        message = ("This case was also changed in another tab or window. Both versions are kept: see Revisions on "
                   "the Start page to compare or restore.") if conflict else ""
        return SaveOutcome(revision=entry.number, generation=index.generation, conflict=conflict, message=message)


# --- protecting --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectOutcome:
    converted: int  # files now encrypted with the new passphrase
    left_damaged: int  # encrypted files no passphrase can open (already not plain text): left as they were


def _case_files(folder: Path) -> list[Path]:
    files = [folder / CURRENT] if (folder / CURRENT).exists() else []
    return files + [folder / "revisions" / name for name in sorted(_revision_files(folder))]


def protect_all(case_id: str, passphrase: Secret, old_passphrase: Secret | None = None) -> ProtectOutcome:
    """Encrypt (or re-encrypt) the current state and every revision of a case with ``passphrase``: all of them, or -
    if anything fails - none of them (CaseFileError says why; the case is then exactly as it was).

    Files protected with a passphrase ``old_passphrase`` does not open make the whole protect refuse (another tab
    protected the case: enter that passphrase first). An encrypted file so damaged that no passphrase can open it is
    not plain text and is left as it is (counted)."""
    ring = keyring(passphrase)
    old_ring = keyring(old_passphrase) if old_passphrase else None
    with _LOCK:
        folder = case_folder(case_id)
        _finish_pending_protect(folder)
        clean_leftovers(folder)  # killed saves' temporary files: removed before anything is counted
        index = _read_index(folder)
        plan: list[tuple[Path, bytes]] = []
        damaged = 0
        for path in _case_files(folder):
            try:
                raw = read_limited(path, MAX_LEGACY_FILE_BYTES)
            except FileRefused as exc:
                raise CaseFileError(f"Nothing was protected: {path.name} {exc.reason}.") from None
            if is_encrypted(raw):
                try:
                    plain = decrypt(raw, old_ring)
                except DamagedEnvelope:
                    damaged += 1
                    continue
                except PassphraseError:
                    raise PassphraseNeeded(
                        "Nothing was protected: this case is already protected with another passphrase (set in "
                        "another tab or window). Enter that passphrase first.") from None
            else:
                plain = raw  # even a damaged plain file is protected: it may hold names
            plan.append((path, encrypt(plain, ring)))
        for entry in (index.entries or {}).values():
            parts, created, fixed = _entry_parts(entry, old_ring)
            if entry.sealed is not None and old_ring is None:
                continue  # sealed under a passphrase this session does not have: leave the summary sealed
            _set_summary(entry, parts, created, fixed, ring)
        index.generation += 1  # other tabs notice: their next save is a conflict (and refused without the passphrase)
        index.protected, index.title = True, None
        index.check = json.loads(encrypt(CHECK_TEXT, ring))
        plan.insert(0, (folder / INDEX, index.to_bytes()))  # swapped first: from then on no tab writes plain text
        _swap_in(folder, plan)
        return ProtectOutcome(converted=len(plan) - 1, left_damaged=damaged)


def _finish_pending_protect(folder: Path) -> None:
    """A protect whose swap the disk interrupted is finished before anything else is written (OSError if the disk
    still refuses: then nothing is written)."""
    if (folder / PROTECT_COMMIT).exists():
        _finish_protect(folder)


def _swap_in(folder: Path, plan: list[tuple[Path, bytes]]) -> None:
    """Write every new content beside its file, mark the set complete, then replace the files; on any failure before
    the mark, remove what was written and raise CaseFileError (nothing changed)."""
    written: list[tuple[Path, Path]] = []
    try:
        for target, payload in plan:
            temp = target.with_name(f".{target.name}{PROTECT_SUFFIX}")
            written.append((temp, target))  # (removed again below if anything fails)
            _write_new(temp, payload)
        fsync_dir(folder / "revisions")
        atomic_write_bytes(folder / PROTECT_COMMIT,
                           json.dumps([[str(t.relative_to(folder)), str(d.relative_to(folder))]
                                       for t, d in written]).encode("utf-8"))
    except OSError as exc:
        for temp, _ in written:
            temp.unlink(missing_ok=True)
        (folder / PROTECT_COMMIT).unlink(missing_ok=True)
        raise CaseFileError(
            f"Nothing was protected: the disk refused ({exc.strerror or exc}). Every saved copy is as it was; free "
            "some space (or check the disk is writable) and try again.") from None
    try:
        _finish_protect(folder)
    except OSError as exc:
        raise ProtectPending(
            f"The passphrase is set, but the disk refused part-way through ({exc.strerror or exc}). Every copy is "
            "already encrypted beside the old one; the swap finishes by itself at the next save, or when the app "
            "next starts. Nothing is lost.") from None


def _write_new(path: Path, payload: bytes) -> None:
    """``payload`` in a private file at ``path``, flushed to disk (whether it is complete is what the commit mark
    says, so it needs no rename of its own)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def _finish_protect(folder: Path) -> None:
    """Replace each file by its encrypted copy as the commit mark lists them, then remove the mark."""
    mark = folder / PROTECT_COMMIT
    try:
        pairs = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        mark.unlink(missing_ok=True)
        return
    for temp_name, target_name in pairs:
        temp = folder / temp_name
        if temp.exists():
            os.replace(temp, folder / target_name)
    fsync_dir(folder / "revisions")
    fsync_dir(folder)
    mark.unlink(missing_ok=True)
    fsync_dir(folder)


def clean_leftovers(folder: Path) -> list[Path]:
    """Deal with what a crash left in a case folder; returns the files removed.

    - A protect that had written every encrypted copy (its commit mark is there) is finished.
    - Every other temporary file is removed: an unfinished protect's copies, and the temporary files of saves that
      were killed part-way (these may hold plain text; the file they were to replace is whole and unchanged)."""
    removed: list[Path] = []
    if (folder / PROTECT_COMMIT).exists():
        with contextlib.suppress(OSError):
            _finish_protect(folder)
    for place in (folder, folder / "revisions"):
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(place):
                if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX) and entry.is_file():
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
    return removed


def leftovers(folder: Path) -> list[Path]:
    """Temporary files a crash left in a case folder (what ``clean_leftovers`` would remove)."""
    out = []
    for place in (folder, folder / "revisions"):
        with contextlib.suppress(FileNotFoundError):
            out += [Path(e.path) for e in os.scandir(place) if e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX)]
    return out


# --- deleting ------------------------------------------------------------------------------------------------------


def delete_case(case_id: str) -> DeleteReport:
    """Remove one case's folder (current state, revisions, index); the report says what could not be removed."""
    with _LOCK:
        folder = case_folder(case_id)
        report = DeleteReport(folder=folder)
        remove_tree(folder, report)
        _CLEANED.discard(case_id)
        return report
