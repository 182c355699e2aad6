"""Saving and loading case files: versioned JSON, atomic writes, clear errors.

A save writes a temporary file in the same folder, flushes and fsyncs it, then renames it over the old file (and
fsyncs the folder), so a crash at any moment leaves either the old file or the new one - never half of either.
Loading never changes anything on disk; a damaged or foreign file gives one clear sentence.

Files live in a per-user data folder outside the repository (``$ORGANIZER_DATA_DIR``, else the platform's user data
folder), never inside the git tree unless the person chooses a path there.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from casefile.crypto import PassphraseError, decrypt, encrypt, is_encrypted
from casefile.models import SCHEMA_VERSION, Case
from casefile.validation import CaseInvalid, build_case

MAX_CASE_FILE_BYTES = 20 * 1024 * 1024
CASE_SUFFIX = ".case.json"
FILE_MAGIC = "separation-organizer-case"


class CaseFileError(Exception):
    """A case file cannot be read or written. The message is one plain sentence for the person."""


class PassphraseNeeded(CaseFileError):
    """The file is protected: the passphrase is missing or wrong (the file is untouched)."""


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


def case_to_json(case: Case) -> str:
    """The file's text: a small envelope around the case (money as decimal strings, dates ISO)."""
    envelope = {
        "format": FILE_MAGIC,
        "schema_version": SCHEMA_VERSION,
        "case": case.model_dump(mode="json"),
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


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


def case_from_json(text: str | bytes, source: str = "the file", passphrase: str | None = None) -> Case:
    """Read a case from file text (decrypting it if it is protected). Raises CaseFileError with one plain sentence
    on any problem (PassphraseNeeded when the file is protected and the passphrase is missing or wrong)."""
    if len(text) > MAX_CASE_FILE_BYTES:
        raise CaseFileError(f"{source} is too large to be a case file (over 20 MB).")
    if is_encrypted(text):
        try:
            text = decrypt(text, passphrase)
        except PassphraseError as exc:
            raise PassphraseNeeded(str(exc)) from None
    try:
        envelope = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"{source} is damaged or is not a case file (it is not readable JSON: {exc.msg if hasattr(exc, 'msg') else 'bad encoding'}).") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FILE_MAGIC or "case" not in envelope:
        raise CaseFileError(f"{source} is not a Separation Organizer case file.")
    version = envelope.get("schema_version")
    if not isinstance(version, int) or version < 1:
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


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old file or the new one, never a mix."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # directories cannot be fsynced there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def case_file_bytes(case: Case, passphrase: str | None = None) -> bytes:
    """The bytes of a case file: plain JSON, or encrypted with ``passphrase`` (never stored)."""
    plain = case_to_json(case).encode("utf-8")
    if not passphrase:
        return plain
    try:
        return encrypt(plain, passphrase)
    except PassphraseError as exc:
        raise CaseFileError(str(exc)) from None


def save_case(case: Case, path: Path, passphrase: str | None = None) -> Path:
    """Save ``case`` at ``path`` atomically (encrypted if a passphrase is given). Raises CaseFileError (plain
    words) if the disk refuses."""
    payload = case_file_bytes(case, passphrase)
    try:
        atomic_write_bytes(Path(path), payload)
    except OSError as exc:
        raise CaseFileError(f"The case could not be saved to {path}: {exc.strerror or exc}.") from None
    return Path(path)


def load_case(path: Path, passphrase: str | None = None) -> Case:
    """Load the case at ``path``; never modifies the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CASE_FILE_BYTES:
            raise CaseFileError(f"{path.name} is too large to be a case file (over 20 MB).")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CaseFileError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise CaseFileError(f"{path} is a folder, not a case file.") from None
    except OSError as exc:
        raise CaseFileError(f"{path} could not be read: {exc.strerror or exc}.") from None
    return case_from_json(raw, source=path.name, passphrase=passphrase)


# --- delete everything ------------------------------------------------------------------------------------------------


def delete_everything() -> tuple[Path, list[Path]]:
    """Remove every case, revision and export this app stored on this machine.

    Returns the folder it looked in and what it removed, so the person can be told exactly where it looked. Files the
    person saved elsewhere themselves (downloads, `organizer report -o FILE`) are theirs and are not touched.
    """
    base = data_dir()
    removed: list[Path] = []
    for entry in sorted(base.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        removed.append(entry)
    return base, removed
