"""Hostile files through the command line: each ends with exit 2 and one plain line, within 10 s and 500 MB.

Issue 19, defects 6, 7, 9 and 10: hostile case files exited 1 (or ran out of memory, or hung), a 509-byte rule file grew
past 4 GB, rule-file tables were read without limits, and a protected file could ask for minutes of scrypt.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import crypto
from casefile.models import Case
from casefile.storage import CaseFileError, case_to_json, load_case, save_case
from tests.robustness.conftest import REPO, organizer

DEMO = (REPO / "data" / "demo-case.json").read_text(encoding="utf-8")
RULE = (REPO / "tests" / "fixtures" / "rules" / "ZZ.yaml").read_text(encoding="utf-8")
TABLE = (REPO / "tests" / "fixtures" / "rules" / "zz-schedule.csv").read_text(encoding="utf-8")
GOOD_ENVELOPE = crypto.encrypt(b'{"x": 1}', "a long passphrase")
WRONG_RING = crypto.Keyring("not the passphrase")


def _one_plain_line(stderr: str) -> bool:
    lines = stderr.strip().splitlines()
    return "Traceback" not in stderr and "internal error" not in stderr and len(lines) >= 1


def _deep_case(depth: int) -> str:
    return '{"format": "separation-organizer-case", "schema_version": 1, "case": {"notes": ' + "[" * depth + \
        "]" * depth + "}}"


def _crafted_protected(n: int, r: int, p: int) -> bytes:
    """A protected file asking for costly scrypt settings (as a hostile file would)."""
    envelope = json.loads(GOOD_ENVELOPE)
    envelope["kdf"].update({"n": n, "r": r, "p": p})
    return json.dumps(envelope).encode()


def hostile_case_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}

    def write(name: str, content: str | bytes) -> None:
        path = folder / f"{name}.json"
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        files[name] = path

    write("nested 2,000 deep", _deep_case(2000))
    write("nested 100,000 deep", _deep_case(100_000))
    write("integer of 5,000 digits", DEMO.replace('"overnights_with_b": 80', '"overnights_with_b": ' + "9" * 5000, 1)
          if '"overnights_with_b": 80' in DEMO else _deep_case(1).replace('"notes": []', '"notes": ' + "9" * 5000))
    write("duplicate keys", DEMO.replace('"schema_version": 1,', '"schema_version": 1, "schema_version": 1,', 1))
    write("duplicate keys inside the case", DEMO.replace('"title": ', '"title": "x", "title": ', 1))
    write("schema_version true", DEMO.replace('"schema_version": 1', '"schema_version": true', 1))
    write("NaN amount", DEMO.replace('"case": {', '"case": {"nan": NaN, ', 1))
    write("scrypt n=2**20 r=32 p=16", _crafted_protected(2**20, 32, 16))
    write("scrypt r=1024", _crafted_protected(2**15, 1024, 1))
    write("scrypt n not a power of two", _crafted_protected(2**15 + 1, 8, 1))
    write("empty", b"")
    write("binary", bytes(range(256)) * 10)
    big = folder / "sparse 60 MB.json"
    with big.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    files["sparse 60 MB"] = big
    fifo = folder / "named pipe.json"
    os.mkfifo(fifo)
    files["named pipe (FIFO)"] = fifo
    files["/dev/zero"] = Path("/dev/zero")
    link = folder / "link to dev zero.json"
    link.symlink_to("/dev/zero")
    files["symlink to /dev/zero"] = link
    files["a folder"] = folder
    return files


def test_hostile_case_files_through_the_cli(tally, tmp_path: Path) -> None:
    """Before: RecursionError and ValueError exited 1, /dev/zero ran out of memory, a FIFO hung, duplicate keys and a
    boolean version loaded, the crafted scrypt settings cost minutes."""
    files = hostile_case_files(tmp_path)
    failures = []
    for name, path in files.items():
        result = organizer("estimate", str(path), timeout=20)
        if not (result.code == 2 and _one_plain_line(result.stderr) and result.within_bounds):
            failures.append(f"{name}: {result.describe()}")
    tally.record("case files (organizer estimate)", len(files), len(failures))
    assert failures == []


@pytest.mark.parametrize(("name", "content", "words"), [
    ("duplicate keys", DEMO.replace('"title": ', '"title": "x", "title": ', 1), "appears twice"),
    ("schema_version true", DEMO.replace('"schema_version": 1', '"schema_version": true', 1), "no valid version"),
    ("nested", _deep_case(5000), "nests far deeper"),
    ("5,000-digit integer", _deep_case(1).replace('"notes": []', '"notes": ' + "9" * 5000), "damaged"),
])
def test_hostile_case_files_say_why(tmp_path: Path, name: str, content: str, words: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(CaseFileError, match=words):
        load_case(path)


def test_the_same_file_saved_by_the_app_still_opens(tmp_path: Path) -> None:
    """The strict reading refuses nothing this app writes (plain and protected)."""
    case = load_case(REPO / "data" / "demo-case.json")
    for secret in (None, "a long passphrase"):
        path = save_case(case, tmp_path / "c.json", secret)
        assert load_case(path, secret) == case
    assert json.loads(case_to_json(case))["case"] == json.loads(case.model_dump_json())


# --- protected files: scrypt only as this app writes it -----------------------------------------------------------


def test_scrypt_settings_are_checked_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    crafted = [_crafted_protected(n, r, p) for n, r, p in
               [(2**20, 32, 16), (2**15, 1024, 1), (2**17, 8, 1), (2**15, 8, 2), (2**10, 8, 1)]]
    derived: list[tuple[int, int, int]] = []
    real = crypto._derive
    monkeypatch.setattr(crypto, "_derive",
                        lambda secret, salt, n, r, p: derived.append((n, r, p)) or real(secret, salt, n, r, p))
    for raw in crafted:
        with pytest.raises(crypto.DamagedEnvelope):
            crypto.decrypt(raw, "a long passphrase")
    assert derived == []  # refused before a single key derivation


envelope_fields = st.dictionaries(
    st.sampled_from(["format", "version", "kdf", "cipher", "nonce", "ciphertext", "salt", "n", "r", "p"]),
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | st.text(max_size=40)
    | st.binary(max_size=40).map(lambda b: base64.b64encode(b).decode()),
    max_size=6,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patch=envelope_fields, kdf_patch=envelope_fields)
def test_damaged_protected_files_fail_cleanly_and_cheaply(patch: dict, kdf_patch: dict) -> None:
    """500 damaged envelopes: each gives PassphraseError in plain words; none derives a key with costly settings."""
    envelope = json.loads(GOOD_ENVELOPE)
    envelope.update(patch)
    if isinstance(envelope.get("kdf"), dict):
        envelope["kdf"].update({k: v for k, v in kdf_patch.items() if k in ("salt", "n", "r", "p", "name")})
    try:
        crypto.decrypt(json.dumps(envelope), WRONG_RING)
    except crypto.PassphraseError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_unicode_passphrases_match_in_either_normal_form(tmp_path: Path) -> None:
    """Before: "é" typed as one character did not open a file protected with e + combining accent."""
    composed, decomposed = "café crème brûlée", "cafe\u0301 cre\u0300me bru\u0302le\u0301e"
    assert composed != decomposed
    path = save_case(Case(title="x"), tmp_path / "p.json", decomposed)
    assert load_case(path, composed).title == "x"
    assert load_case(path, decomposed).title == "x"


def test_files_protected_before_normalisation_still_open(tmp_path: Path) -> None:
    """A file encrypted from the passphrase exactly as typed (before NFC) opens with that passphrase."""
    decomposed = "cafe\u0301 cre\u0300me"
    ring = crypto.Keyring(decomposed)
    salt = ring.writing_salt()
    ring._keys[(salt, crypto.SCRYPT_N, crypto.SCRYPT_R, crypto.SCRYPT_P, False)] = crypto._derive(
        decomposed.encode("utf-8"), salt, crypto.SCRYPT_N, crypto.SCRYPT_R, crypto.SCRYPT_P)  # the old derivation
    old_style = crypto.encrypt(case_to_json(Case(title="old")).encode(), ring)
    path = tmp_path / "old.json"
    path.write_bytes(old_style)
    assert load_case(path, decomposed).title == "old"


# --- rule files and their tables ---------------------------------------------------------------------------------


def _rule_with_table(table_file: str) -> str:
    return RULE.replace("file: zz-schedule.csv", f"file: {table_file}")


def hostile_rule_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}

    def write(name: str, content: str | bytes, file_name: str | None = None) -> None:
        path = folder / (file_name or f"{len(files):02d}.yaml")
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        files[name] = path

    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    assert len(bomb.encode()) < 600  # the 509-byte kind of file from the issue
    write("alias bomb (billion laughs)", bomb)
    write("alias to itself", "a: &a [*a]\n")
    write("2 MB list of numbers", "a: [" + ",".join(["1"] * 900_000) + "]\n")
    write("not UTF-8", RULE.encode("utf-8").replace(b"Test Act", b"Test \xff\xfe Act"))
    write("deep flow nesting", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    fifo = folder / "pipe.yaml"
    os.mkfifo(fifo)
    files["named pipe (FIFO)"] = fifo
    files["/dev/zero"] = Path("/dev/zero")
    # tables
    (folder / "table-68mb.csv").write_text(TABLE)
    with (folder / "table-68mb.csv").open("ab") as handle:
        handle.truncate(68 * 1024 * 1024)
    write("68 MB table", _rule_with_table("table-68mb.csv"))
    (folder / "table-latin1.csv").write_bytes(TABLE.replace("income", "inc\xf6me").encode("latin-1"))
    write("table not UTF-8", _rule_with_table("table-latin1.csv"))
    (folder / "table-wide.csv").write_text(TABLE + '1150,"' + "x" * 140_000 + '"\n')
    write("table with a 140 KB field", _rule_with_table("table-wide.csv"))
    (folder / "table-quote.csv").write_text(TABLE + '1150,"14\n1200,15\n')
    write("table with an open quote", _rule_with_table("table-quote.csv"))
    os.mkfifo(folder / "table-pipe.csv")
    write("table is a named pipe", _rule_with_table("table-pipe.csv"))
    write("table outside the folder", _rule_with_table("../../../../etc/ssl/openssl.csv"))
    return files


def test_hostile_rule_files_through_the_cli(tally, tmp_path: Path) -> None:
    """Before: the alias bomb grew past 4 GB, an alias to itself gave RecursionError, a 68 MB table was read whole
    (881 MB), a non-UTF-8 table or a 128 KB field exited 1, a FIFO hung."""
    files = hostile_rule_files(tmp_path)
    failures = []
    for name, path in files.items():
        result = organizer("rules", "validate", str(path), timeout=20)
        if not (result.code == 2 and _one_plain_line(result.stderr) and result.within_bounds):
            failures.append(f"{name}: {result.describe()}")
    tally.record("rule files and tables (organizer rules validate)", len(files), len(failures))
    assert failures == []
