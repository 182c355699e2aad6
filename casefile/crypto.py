"""Optional passphrase protection for case files: scrypt key derivation + AES-256-GCM (the `cryptography` package).

The passphrase is never stored. A wrong passphrase (or a file changed on disk) fails authentication and gives one
clear sentence; decrypting never writes anything, so a failed attempt cannot damage the file.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

ENCRYPTED_FORMAT = "separation-organizer-encrypted"
# scrypt cost: N=2**15, r=8, p=1 (about 32 MB and a fraction of a second; RFC 7914's interactive-use range)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8


class PassphraseError(ValueError):
    """The passphrase is missing, too short, or wrong. The message is one plain sentence."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")


def encrypt(plaintext: bytes, passphrase: str) -> bytes:
    """An encrypted envelope (JSON) holding ``plaintext``; the header is authenticated too."""
    check_new_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {"format": ENCRYPTED_FORMAT, "version": 1,
              "kdf": {"name": "scrypt", "salt": _b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
              "cipher": "AES-256-GCM", "nonce": _b64(nonce)}
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    ciphertext = AESGCM(_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, plaintext, aad)
    return (json.dumps({**header, "ciphertext": _b64(ciphertext)}, indent=1) + "\n").encode("utf-8")


def is_encrypted(raw: bytes | str) -> bool:
    head = raw[:200] if isinstance(raw, str) else raw[:200].decode("utf-8", errors="ignore")
    return ENCRYPTED_FORMAT in head


def decrypt(raw: bytes | str, passphrase: str | None) -> bytes:
    """The plaintext of an encrypted envelope. Raises PassphraseError in plain words."""
    if not passphrase:
        raise PassphraseError("This case file is protected with a passphrase. Enter the passphrase to open it.")
    try:
        envelope = json.loads(raw)
        header = {k: envelope[k] for k in ("format", "version", "kdf", "cipher", "nonce")}
        kdf = header["kdf"]
        if kdf.get("name") != "scrypt" or header["cipher"] != "AES-256-GCM":
            raise ValueError("unknown method")
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("unreasonable key-derivation settings")
        key = _key(passphrase, _unb64(kdf["salt"]), n, r, p)
        aad = json.dumps(header, sort_keys=True).encode("utf-8")
        return AESGCM(key).decrypt(_unb64(header["nonce"]), _unb64(envelope["ciphertext"]), aad)
    except InvalidTag:
        raise PassphraseError("That passphrase is not right (or the file has been changed). Nothing was changed; try again.") from None
    except (ValueError, KeyError, TypeError, AttributeError, json.JSONDecodeError):
        raise PassphraseError("This protected case file is damaged and cannot be opened.") from None
