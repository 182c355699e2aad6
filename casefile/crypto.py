"""Optional passphrase protection for case files: scrypt key derivation + AES-256-GCM (the `cryptography` package).

The passphrase is never stored. A wrong passphrase (or a file changed on disk) fails authentication and gives one
clear sentence; decrypting never writes anything, so a failed attempt cannot damage the file.

- **The cost is ours, not the file's.** scrypt's settings are read from the file, so a crafted file could ask for
  gigabytes and minutes (n=2**20, r=32, p=16 was accepted once). Only settings this app writes are accepted:
  r = 8, p = 1 and n from 2**14 to 2**16 (at most 64 MB and well under a second); anything else is "damaged".
- **One derivation per session, not per file.** A ``Keyring`` holds the passphrase and the keys derived from it, so
  an autosave (current state, revision, index) runs scrypt once per session instead of once per file. Every file still
  gets its own random 96-bit nonce, and its header still carries the salt and settings, so each file opens on its own.
  (AES-GCM with random nonces stays safe far beyond the few thousand files one key encrypts here.)
- **Unicode passphrases** are compared in Normalization Form C, as RFC 8265's OpaqueString profile does, so "é" typed
  as one character or as e + accent is the same passphrase. Files written before this was done are still opened with
  the passphrase exactly as typed.
"""

from __future__ import annotations

import base64
import json
import os
import unicodedata
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

ENCRYPTED_FORMAT = "separation-organizer-encrypted"
# scrypt cost: N=2**15, r=8, p=1 (about 32 MB and a fraction of a second; RFC 7914's interactive-use range)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
ACCEPTED_N = frozenset({2**14, 2**15, 2**16})  # what this app writes, one step either side; nothing costlier
SALT_BYTES, NONCE_BYTES = 16, 12
MIN_PASSPHRASE = 8
PASSPHRASE_NORMAL_FORM = "NFC"


class PassphraseError(ValueError):
    """The passphrase is missing, too short, or wrong. The message is one plain sentence."""


class DamagedEnvelope(PassphraseError):
    """The encrypted file is damaged (or was not written by this app): no passphrase can open it."""


DAMAGED = "This protected case file is damaged and cannot be opened."


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)


class Keyring:
    """A passphrase and the keys derived from it in this session: scrypt runs once per salt, not once per file.

    Kept only in the session's memory (beside the passphrase itself), never written and never shared."""

    def __init__(self, passphrase: str):
        self.passphrase = passphrase
        self._keys: dict[tuple[bytes, int, int, int, bool], bytes] = {}
        self._salt: bytes | None = None

    def key(self, salt: bytes, n: int, r: int, p: int, *, as_typed: bool = False) -> bytes:
        """The key for these settings; ``as_typed``: from the passphrase as typed (files from before NFC)."""
        memo = (salt, n, r, p, as_typed)
        if memo not in self._keys:
            text = self.passphrase if as_typed else unicodedata.normalize(PASSPHRASE_NORMAL_FORM, self.passphrase)
            self._keys[memo] = _derive(text.encode("utf-8"), salt, n, r, p)
        return self._keys[memo]

    @property
    def normalises_differently(self) -> bool:
        return unicodedata.normalize(PASSPHRASE_NORMAL_FORM, self.passphrase) != self.passphrase

    def writing_salt(self) -> bytes:
        """The salt this session writes with (chosen once, at random)."""
        if self._salt is None:
            self._salt = os.urandom(SALT_BYTES)
        return self._salt


Secret = str | Keyring


def keyring(secret: Secret) -> Keyring:
    return secret if isinstance(secret, Keyring) else Keyring(secret)


def check_new_passphrase(passphrase: str) -> None:
    if len(unicodedata.normalize(PASSPHRASE_NORMAL_FORM, passphrase)) < MIN_PASSPHRASE:
        raise PassphraseError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")


def encrypt(plaintext: bytes, secret: Secret) -> bytes:
    """An encrypted envelope (JSON) holding ``plaintext``; the header is authenticated too."""
    ring = keyring(secret)
    check_new_passphrase(ring.passphrase)
    salt, nonce = ring.writing_salt(), os.urandom(NONCE_BYTES)
    header = {"format": ENCRYPTED_FORMAT, "version": 1,
              "kdf": {"name": "scrypt", "salt": _b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
              "cipher": "AES-256-GCM", "nonce": _b64(nonce)}
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    ciphertext = AESGCM(ring.key(salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, plaintext, aad)
    return (json.dumps({**header, "ciphertext": _b64(ciphertext)}, indent=1) + "\n").encode("utf-8")


def encrypted_size(plain_bytes: int) -> int:
    """The size of the envelope ``encrypt`` makes for ``plain_bytes`` of plaintext (base64 of it plus the tag,
    and a header well under 1 KB): what a file may hold for a given limit on what it protects."""
    return 4 * ((plain_bytes + 16 + 2) // 3) + 1024


def is_encrypted(raw: bytes | str) -> bool:
    head = raw[:200] if isinstance(raw, str) else raw[:200].decode("utf-8", errors="ignore")
    return ENCRYPTED_FORMAT in head


def _settings(envelope: Any) -> tuple[dict[str, Any], bytes, int, int, int, bytes]:
    """The authenticated header, salt, scrypt settings and nonce, checked before any work is done."""
    if not isinstance(envelope, dict):
        raise ValueError("not an envelope")
    header = {k: envelope[k] for k in ("format", "version", "kdf", "cipher", "nonce")}
    kdf = header["kdf"]
    if (header["format"] != ENCRYPTED_FORMAT or header["version"] != 1 or not isinstance(kdf, dict)
            or kdf.get("name") != "scrypt" or header["cipher"] != "AES-256-GCM"):
        raise ValueError("unknown method")
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if type(n) is not int or type(r) is not int or type(p) is not int:
        raise ValueError("settings are not whole numbers")
    if n not in ACCEPTED_N or r != SCRYPT_R or p != SCRYPT_P:
        raise ValueError("key-derivation settings this app never writes")
    salt, nonce = _unb64(kdf["salt"]), _unb64(header["nonce"])
    if len(salt) != SALT_BYTES or len(nonce) != NONCE_BYTES:
        raise ValueError("salt or nonce of the wrong length")
    return header, salt, n, r, p, nonce


def decrypt(raw: bytes | str, secret: Secret | None) -> bytes:
    """The plaintext of an encrypted envelope. Raises PassphraseError in plain words."""
    try:
        envelope = json.loads(raw)
        header, salt, n, r, p, nonce = _settings(envelope)
        ciphertext = _unb64(envelope["ciphertext"])
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise DamagedEnvelope(DAMAGED) from None
    if not secret:
        raise PassphraseError("This case file is protected with a passphrase. Enter the passphrase to open it.")
    ring = keyring(secret)
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    attempts = [False, True] if ring.normalises_differently else [False]
    for as_typed in attempts:
        try:
            return AESGCM(ring.key(salt, n, r, p, as_typed=as_typed)).decrypt(nonce, ciphertext, aad)
        except InvalidTag:
            continue
    raise PassphraseError("That passphrase is not right (or the file has been changed). Nothing was changed; try again.")
