"""Saving and loading case files: versioned JSON, atomic writes, one size limit, clear errors.

A save writes a temporary file in the same folder, flushes and fsyncs it, then renames it over the old file (and
fsyncs the folder), so a crash at any moment leaves either the old file or the new one - never half of either.
Loading never changes anything on disk; a damaged, hostile or foreign file gives one clear sentence.

**One size limit for saving and loading** (``MAX_CASE_BYTES``, on the case's JSON): a save that would pass it is
refused with a plain message before anything is written, and loading accepts everything up to it (a protected file
may be as large as the encrypted form of that much JSON). So every case this app writes, it can open again; the test
suite saves, reopens and exports the largest case that fits.

Files live in a per-user data folder outside the repository (``$ORGANIZER_DATA_DIR``, else the platform's user data
folder), never inside the git tree unless the person chooses a path there.

The file is one JSON object, ``{"format", "schema_version", "case"}``, with one line per part of the case (compact
within a line: a 10,000-expense case is 2.4 MB instead of 4 MB indented, and is written in a fraction of the time).
Parts that did not change since the last save are not serialised again (see ``case_plain_bytes``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from casefile.crypto import PassphraseError, Secret, decrypt, encrypt, encrypted_size, is_encrypted
from casefile.files import FileRefused, describe_size, read_limited
from casefile.models import SCHEMA_VERSION, Case
from casefile.validation import CaseInvalid, build_case

MAX_CASE_BYTES = 20 * 1024 * 1024  # the one limit: a case's JSON, as saved and as loaded
MAX_FILE_BYTES = encrypted_size(MAX_CASE_BYTES)  # what a (protected) file may hold for that much JSON
MAX_CASE_FILE_BYTES = MAX_CASE_BYTES  # the name earlier code used
CASE_SUFFIX = ".case.json"
FILE_MAGIC = "separation-organizer-case"


class CaseFileError(Exception):
    """A case file cannot be read or written. The message is one plain sentence for the person."""


class PassphraseNeeded(CaseFileError):
    """The file is protected: the passphrase is missing or wrong (the file is untouched)."""


class CaseTooLarge(CaseFileError):
    """The case is larger than a case file may be (``MAX_CASE_BYTES``): it would not open again, so it is not saved."""


def size_words(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large_message(size: int) -> str:
    return (f"The case would be {size_words(size)}, more than the {describe_size(MAX_CASE_BYTES)} a case file can "
            "hold, so it was not changed. Remove some expenses (or import fewer rows) and try again.")


def data_dir() -> Path:
    """Where this app keeps cases on this machine (created on first use, private to the user)."""
    override = os.environ.get("ORGANIZER_DATA_DIR")
    if override:
        base = Path(override).expanduser()
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "SeparationOrganizer"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "SeparationOrganizer"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "separation-organizer"
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    return base


def cases_dir() -> Path:
    path = data_dir() / "cases"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


# --- serialising --------------------------------------------------------------------------------------------------

_FIELD_ADAPTERS: dict[str, TypeAdapter[Any]] = {name: TypeAdapter(info.annotation)
                                                 for name, info in Case.model_fields.items()}
# JSON of cases and of their parts (each a frozen value: its JSON never changes), by the object's id, for as long as
# the object itself is alive (a weak reference drops the entry with it, so this never outlives the case it describes).
_FRAGMENTS: dict[int, tuple[weakref.ref[BaseModel], bytes]] = {}
_HEAD = b'{"format": "' + FILE_MAGIC.encode("ascii") + b'", "schema_version": ' + str(SCHEMA_VERSION).encode() + \
    b', "case": {\n'


def _remembered(value: BaseModel, make: Callable[[], bytes]) -> bytes:
    key = id(value)
    known = _FRAGMENTS.get(key)
    if known is not None and known[0]() is value:
        return known[1]
    text = make()
    _FRAGMENTS[key] = (weakref.ref(value, lambda _ref, key=key: _FRAGMENTS.pop(key, None)), text)
    return text


def _fragment(name: str, value: Any) -> bytes:
    if not isinstance(value, BaseModel):
        return _FIELD_ADAPTERS[name].dump_json(value)
    return _remembered(value, lambda: value.model_dump_json().encode("utf-8"))


def case_plain_bytes(case: Case) -> bytes:
    """The file's bytes (plain JSON): the same data as ``case.model_dump_json()``, one line per part of the case.

    A part (the expense log, the budget ...) that is the same object as at the last save is not serialised again,
    and a case asked for twice (validated for size, then saved) is joined once: after one edit of a 10,000-expense
    case only the edited part is serialised."""

    def make() -> bytes:
        parts = [_HEAD]
        for index, name in enumerate(Case.model_fields):
            parts += [b",\n" if index else b"", b'"', name.encode("ascii"), b'": ', _fragment(name, getattr(case, name))]
        parts.append(b"\n}}\n")
        return b"".join(parts)

    return _remembered(case, make)


def case_to_json(case: Case) -> str:
    """The file's text: a small envelope around the case (money as decimal strings, dates ISO)."""
    return case_plain_bytes(case).decode("utf-8")


def check_size(plain: bytes) -> None:
    if len(plain) > MAX_CASE_BYTES:
        raise CaseTooLarge(too_large_message(len(plain)))


def case_file_bytes(case: Case, passphrase: Secret | None = None) -> bytes:
    """The bytes of a case file: plain JSON, or encrypted with ``passphrase`` (never stored). Raises CaseTooLarge
    (before anything is written) when the case is over the limit a file may hold."""
    plain = case_plain_bytes(case)
    check_size(plain)
    if not passphrase:
        return plain
    try:
        return encrypt(plain, passphrase)
    except PassphraseError as exc:
        raise CaseFileError(str(exc)) from None


# Migrations from older schema versions: version -> function(case_dict) -> case_dict of version + 1.
MIGRATIONS: dict[int, Any] = {}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring a case dictionary from ``version`` up to the current schema, one step at a time."""
    original = version
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise CaseFileError(
                f"This case file uses version {original}, which this app cannot convert "
                f"(no conversion from version {version}). The file has not been changed."
            )
        data = step(data)
        version += 1
    return data


class _Refused(ValueError):
    """Something in the JSON this app never writes (a duplicate key, NaN, nesting too deep)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _Refused(f"the name “{dup[:40]}” appears twice in one place")
    return out


def _no_constant(name: str) -> Any:
    raise _Refused(f"it contains {name}, which is not a number a case file holds")


def parse_json(text: str | bytes) -> Any:
    """JSON as this app writes it: duplicate names, NaN/Infinity and absurd nesting are refused (ValueError with a
    plain reason), and so are integers too long to read (Python's own 4,300-digit limit)."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except RecursionError:
        raise _Refused("it nests far deeper than a case file does") from None


def case_from_json(text: str | bytes, source: str = "the file", passphrase: Secret | None = None) -> Case:
    """Read a case from file text (decrypting it if it is protected). Raises CaseFileError with one plain sentence
    on any problem (PassphraseNeeded when the file is protected and the passphrase is missing or wrong)."""
    limit = MAX_FILE_BYTES if is_encrypted(text) else MAX_CASE_BYTES
    if len(text) > limit:
        raise CaseFileError(f"{source} is too large to be a case file (over {describe_size(MAX_CASE_BYTES)}).")
    if is_encrypted(text):
        try:
            text = decrypt(text, passphrase)
        except PassphraseError as exc:
            raise PassphraseNeeded(str(exc)) from None
        if len(text) > MAX_CASE_BYTES:
            raise CaseFileError(f"{source} is too large to be a case file (over {describe_size(MAX_CASE_BYTES)}).")
    try:
        envelope = parse_json(text)
    except _Refused as exc:
        raise CaseFileError(f"{source} is damaged or is not a case file ({exc}).") from None
    except json.JSONDecodeError as exc:
        raise CaseFileError(f"{source} is damaged or is not a case file (it is not readable JSON: the problem is "
                            f"on line {exc.lineno}).") from None
    except UnicodeDecodeError:
        raise CaseFileError(f"{source} is damaged or is not a case file (it is not UTF-8 text).") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise CaseFileError(f"{source} is damaged or is not a case file ({str(exc)[:80]}).") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FILE_MAGIC or "case" not in envelope:
        raise CaseFileError(f"{source} is not a Separation Organizer case file.")
    version = envelope.get("schema_version")
    if type(version) is not int or version < 1:  # `true` is an int to Python, and is no version number
        raise CaseFileError(f"{source} has no valid version number, so it cannot be opened safely.")
    if version > SCHEMA_VERSION:
        raise CaseFileError(
            f"{source} was saved by a newer version of this app (file version {version}, this app reads up to "
            f"{SCHEMA_VERSION}). Update the app to open it; the file has not been changed."
        )
    data = envelope["case"]
    if not isinstance(data, dict):
        raise CaseFileError(f"{source} is damaged: the case inside it is not readable.")
    data = migrate(data, version)
    data["schema_version"] = SCHEMA_VERSION
    try:
        return build_case(data)
    except CaseInvalid as exc:
        first = exc.errors[0].message if exc.errors else "unknown problem"
        more = f" (and {len(exc.errors) - 1} more)" if len(exc.errors) > 1 else ""
        raise CaseFileError(f"{source} could not be opened: {first}{more}.") from None


# --- files ----------------------------------------------------------------------------------------------------------

TEMP_SUFFIX = ".tmp"


def atomic_write_bytes(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old file or the new one, never a mix.

    ``durable=False`` skips the flushes to disk (for files that can be rebuilt, such as the revision index: the
    caller flushes the folder once for everything it wrote). A crash can leave the temporary file
    (``.<name>.<random>.tmp``) behind; ``revisions.clean_leftovers`` removes such files at the next start."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(folder, f".{path.name}.", payload, durable=durable)
    try:
        os.replace(tmp, path)
        if durable:
            fsync_dir(folder)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_temp(folder: Path, prefix: str, payload: bytes, *, durable: bool = True) -> Path:
    """A new private temporary file in ``folder`` holding ``payload``, flushed to disk (removed if that fails)."""
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # directories cannot be fsynced there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_case(case: Case, path: Path, passphrase: Secret | None = None) -> Path:
    """Save ``case`` at ``path`` atomically (encrypted if a passphrase is given). Raises CaseFileError (plain
    words) if the case is too large or the disk refuses; nothing is written then."""
    payload = case_file_bytes(case, passphrase)
    try:
        atomic_write_bytes(Path(path), payload)
    except OSError as exc:
        raise CaseFileError(f"The case could not be saved to {path}: {exc.strerror or exc}.") from None
    return Path(path)


def read_case_file(path: Path, source: str | None = None) -> bytes:
    """The bytes of a case file, read safely (ordinary files only, never more than a case file may hold)."""
    path = Path(path)
    try:
        return read_limited(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        if exc.missing:
            raise CaseFileError(f"There is no file at {path}.") from None
        name = source or (str(path) if "folder" in exc.reason else path.name)
        if "too large" in exc.reason:
            raise CaseFileError(f"{name} is too large to be a case file (over {describe_size(MAX_CASE_BYTES)}).") from None
        raise CaseFileError(f"{name} {exc.reason}.") from None


def load_case(path: Path, passphrase: Secret | None = None) -> Case:
    """Load the case at ``path``; never modifies the file."""
    path = Path(path)
    return case_from_json(read_case_file(path), source=path.name, passphrase=passphrase)


# --- delete everything ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeleteReport:
    """What a deletion removed and what it could not (each with the reason, in plain words)."""

    folder: Path
    removed: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.failed

    def failure_text(self) -> str:
        shown = "; ".join(f"{path} ({reason})" for path, reason in self.failed[:10])
        more = f"; and {len(self.failed) - 10} more" if len(self.failed) > 10 else ""
        return f"Could not delete {len(self.failed)} item(s): {shown}{more}."


def remove_tree(target: Path, report: DeleteReport) -> None:
    """Remove ``target`` (a file or a folder and everything in it), recording each failure instead of stopping."""

    def failed(_func: Callable[..., Any], path: str, exc: BaseException) -> None:
        reason = getattr(exc, "strerror", None) or str(exc)
        report.failed.append((Path(path), reason))

    try:
        if target.is_dir() and not target.is_symlink():
            if sys.version_info >= (3, 12):
                shutil.rmtree(target, onexc=failed)
            else:
                shutil.rmtree(target, onerror=lambda f, p, info: failed(f, p, info[1]))
        else:
            target.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        report.failed.append((target, exc.strerror or str(exc)))
        return
    if not target.exists() and not target.is_symlink():
        report.removed.append(target)


def delete_everything() -> DeleteReport:
    """Remove every case, revision and export this app stored on this machine.

    Says where it looked, what it removed and what it could not remove (a read-only disk, a file in use), so the
    person is never told "deleted" about something still there. Files the person saved elsewhere themselves
    (downloads, `organizer report -o FILE`) are theirs and are not touched.
    """
    base = data_dir()
    report = DeleteReport(folder=base)
    try:
        entries = sorted(base.iterdir())
    except OSError as exc:
        report.failed.append((base, exc.strerror or str(exc)))
        return report
    for entry in entries:
        remove_tree(entry, report)
    return report


def modified_at(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime)
