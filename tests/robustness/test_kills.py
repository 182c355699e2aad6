"""Killed mid-save, mid-revision and mid-Protect (SIGKILL at varying moments): nothing acknowledged is lost, every
file opens, and at the next start no temporary file remains - in particular none in plain text after a Protect.

Issue 19, defects 3 and 4: temporary files of killed saves were never cleaned and were skipped by Protect (68 still
held names in plain text after protecting), and Protect was not all-or-nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from casefile import crypto, revisions
from casefile.models import Case, Notes, Parent
from tests.robustness.conftest import REPO

PASSPHRASE = "correct horse battery"
NAME = "Jordan Zyxwvut"  # a name to look for in plain text

SAVER = r"""
import datetime as dt, sys
from casefile import revisions
from casefile.models import Case, Notes, Parent
case_id, passphrase = sys.argv[1], (sys.argv[2] or None)
notes = Notes(questions=tuple("question " + "x" * 4000 for _ in range(60)))  # about 240 KB a save
base, previous = revisions.current_generation(case_id), None
t0 = dt.datetime(2026, 11, 1)
print("ready", flush=True)
for i in range(1, 100000):
    case = Case(case_id=case_id, title=f"revision {i}", parent_b=Parent(display_name="Jordan Zyxwvut"), notes=notes)
    now = t0 + dt.timedelta(seconds=i * (40 if i % 3 else 5))  # new revisions and bursts that update one in place
    base = revisions.autosave(case, previous, base, now=now, passphrase=passphrase).generation
    previous = case
    print(f"saved {i}", flush=True)
"""

PROTECTOR = r"""
import sys
from casefile import revisions
print("ready", flush=True)
revisions.protect_all(sys.argv[1], sys.argv[2])
print("protected", flush=True)
"""

NEXT_START = r"""
import sys
from casefile import revisions
revisions.saved_cases()  # what the Start page does first: crash leftovers are dealt with
"""


def _child(script: str, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", script, *args], cwd=REPO, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, **env})
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def _kill_after(process: subprocess.Popen[str], seconds: float) -> list[str]:
    time.sleep(seconds)
    os.kill(process.pid, signal.SIGKILL)
    out, _ = process.communicate()
    return out.splitlines()


def _next_start(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-c", NEXT_START], cwd=REPO, env={**os.environ, **env}, check=True, timeout=60)


def _case_files(folder: Path) -> list[Path]:
    return [folder / revisions.CURRENT, *sorted((folder / "revisions").glob("*.case.json"))]


def test_killed_autosaves_lose_nothing_acknowledged_and_leave_nothing_behind(tally, private_data_dir: Path) -> None:
    """Plain and protected autosaves, killed at varying moments: every save that returned is in the current file,
    every revision opens, and the next start leaves no temporary file."""
    env = {"ORGANIZER_DATA_DIR": str(private_data_dir)}
    rng = random.Random(19)
    rounds, lost = 10, 0
    cases = {None: Case().case_id, PASSPHRASE: Case().case_id}
    for round_ in range(rounds):
        secret = PASSPHRASE if round_ % 2 else None
        case_id = cases[secret]
        process = _child(SAVER, case_id, secret or "", env=env)
        acknowledged = [int(line.split()[1]) for line in _kill_after(process, rng.uniform(0.05, 0.6))
                        if line.startswith("saved ")]
        folder = revisions.cases_dir() / case_id
        revisions._CLEANED.discard(case_id)
        _next_start(env)
        assert revisions.leftovers(folder) == []  # cleaned at the next start
        newest_ack = acknowledged[-1] if acknowledged else 0
        if not (folder / revisions.CURRENT).exists():  # killed before its first save finished
            lost += newest_ack > 0
            continue
        current = revisions.load_current(case_id, secret)
        if int(current.title.split()[1] if current.title.startswith("revision") else 0) < newest_ack:
            lost += 1  # a save that returned is not in the current file
        history = revisions.list_revisions(case_id, secret)
        assert len({r.number for r in history}) == len(history) and len(history) <= revisions.KEEP_REVISIONS
        for rev in history[:5]:  # the newest revisions, those a kill can touch, open
            assert revisions.load_revision(case_id, rev.number, secret).parent_b.display_name == NAME
    for secret, case_id in cases.items():  # and in the end every revision of both cases
        for rev in revisions.list_revisions(case_id, secret):
            assert revisions.load_revision(case_id, rev.number, secret).parent_b.display_name == NAME
        if secret:  # a protected case never had a plain-text byte of it on disk
            folder = revisions.cases_dir() / case_id
            assert not any(NAME.encode() in p.read_bytes() for p in folder.rglob("*") if p.is_file())
    tally.record("autosave and revisions, killed mid-save", rounds, 0, lost)
    assert lost == 0


def _plain_history(case_id: str, count: int) -> None:
    notes = Notes(questions=tuple("question " + "y" * 4000 for _ in range(50)))
    t0 = dt.datetime(2026, 10, 1)
    previous, base = None, None
    for i in range(count):
        case = Case(case_id=case_id, title=f"before {i}", parent_b=Parent(display_name=NAME), notes=notes)
        base = revisions.autosave(case, previous, base, now=t0 + dt.timedelta(minutes=i)).generation
        previous = case


def _plant_crash_leftovers(folder: Path) -> None:
    """What killed saves leave: temporary files holding (part of) a case in plain text."""
    text = (folder / revisions.CURRENT).read_bytes()
    for i in range(3):
        (folder / f".{revisions.CURRENT}.dead{i}.tmp").write_bytes(text[: len(text) // (i + 1)])
        (folder / "revisions" / f".20261001T000000000000-00000{i}.case.json.dead.tmp").write_bytes(text)


def test_a_killed_protect_is_all_or_nothing_and_no_plain_text_survives(tally, private_data_dir: Path) -> None:
    env = {"ORGANIZER_DATA_DIR": str(private_data_dir)}
    rng = random.Random(7)
    rounds, lost, mixed = 10, 0, 0
    outcomes = set()
    duration = 0.0
    for round_ in range(rounds):
        case_id = Case().case_id
        _plain_history(case_id, 8)
        folder = revisions.case_folder(case_id)
        _plant_crash_leftovers(folder)
        process = _child(PROTECTOR, case_id, PASSPHRASE, env=env)
        if round_ == 0:  # one protect to the end: how long it takes on this machine now, to spread the kills over
            start = time.monotonic()
            done = "protected" in process.communicate()[0]
            duration = time.monotonic() - start
        else:  # kills spread from the start to just past the end of a protect
            done = "protected" in _kill_after(process, duration * (round_ / (rounds - 2)) * rng.uniform(0.9, 1.1))
        revisions._CLEANED.discard(case_id)
        _next_start(env)
        assert revisions.leftovers(folder) == [] and not (folder / revisions.PROTECT_COMMIT).exists()
        files = _case_files(folder)
        encrypted = [crypto.is_encrypted(p.read_bytes()) for p in files]
        if any(encrypted) and not all(encrypted):
            mixed += 1
        outcome = "protected" if all(encrypted) else "as before"
        outcomes.add(outcome)
        if done:
            assert outcome == "protected"
        if outcome == "protected":  # no name in plain text anywhere in the folder, crash leftovers included
            assert not any(NAME.encode() in p.read_bytes() for p in folder.rglob("*") if p.is_file())
        secret = PASSPHRASE if outcome == "protected" else None
        for rev in revisions.list_revisions(case_id, secret):
            try:
                assert revisions.load_revision(case_id, rev.number, secret).parent_b.display_name == NAME
            except (AssertionError, revisions.CaseFileError):
                lost += 1
    tally.record("Protect, killed part-way", rounds, mixed, lost)
    assert mixed == 0 and lost == 0
    assert outcomes == {"protected", "as before"}, outcomes  # the kills landed both before and after the swap


def test_protect_removes_crash_leftovers_first(private_data_dir: Path) -> None:
    """Before: Protect skipped temporary files, so names stayed in plain text beside the encrypted case."""
    case_id = Case().case_id
    _plain_history(case_id, 3)
    folder = revisions.case_folder(case_id)
    _plant_crash_leftovers(folder)
    assert len(revisions.leftovers(folder)) == 6
    revisions.protect_all(case_id, PASSPHRASE)
    assert revisions.leftovers(folder) == []
    assert not any(NAME.encode() in p.read_bytes() for p in folder.rglob("*") if p.is_file())
