"""`organizer report CASE.json -o FILE.pdf [--password ... | --ask-password]` and $ORGANIZER_PDF_PASSWORD."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cli import EXIT_BAD_INPUT, EXIT_OK, main
from tests.conftest import DEMO_CASE


def _reader(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def test_report_writes_a_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("ORGANIZER_PDF_PASSWORD", raising=False)
    out = tmp_path / "summary.pdf"
    assert main(["report", str(DEMO_CASE), "-o", str(out), "--date", "2026-11-23"]) == EXIT_OK
    reader = _reader(out)
    assert not reader.is_encrypted
    assert "23 November 2026" in reader.pages[0].extract_text()
    assert "Wrote" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no temporary file left behind


def test_password_option(tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    assert main(["report", str(DEMO_CASE), "-o", str(out), "--password", "pw1"]) == EXIT_OK
    reader = _reader(out)
    assert reader.is_encrypted and reader.decrypt("pw1") and not _reader(out).decrypt("nope")


def test_password_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGANIZER_PDF_PASSWORD", "from-env")
    out = tmp_path / "s.pdf"
    assert main(["report", str(DEMO_CASE), "-o", str(out)]) == EXIT_OK
    assert _reader(out).decrypt("from-env")


def test_password_prompt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["typed", "typed"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    out = tmp_path / "s.pdf"
    assert main(["report", str(DEMO_CASE), "-o", str(out), "--ask-password"]) == EXIT_OK
    assert _reader(out).decrypt("typed")


def test_password_prompt_mismatch_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    answers = iter(["one", "two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    out = tmp_path / "s.pdf"
    assert main(["report", str(DEMO_CASE), "-o", str(out), "--ask-password"]) == EXIT_BAD_INPUT
    assert not out.exists()
    assert "differ" in capsys.readouterr().err


def test_bad_case_file_and_folder_output(tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.pdf")]) == EXIT_BAD_INPUT
    assert main(["report", str(DEMO_CASE), "-o", str(tmp_path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "Traceback" not in err and "is a folder" in err


def test_report_warns_about_right_to_left_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from casefile.storage import load_case, save_case

    monkeypatch.delenv("ORGANIZER_PDF_PASSWORD", raising=False)
    case = load_case(DEMO_CASE)
    case = case.model_copy(update={"notes": case.notes.model_copy(update={"anything_else": "שלום"})})
    source = tmp_path / "case.json"
    save_case(case, source)
    assert main(["report", str(source), "-o", str(tmp_path / "s.pdf")]) == EXIT_OK
    assert "right-to-left script" in capsys.readouterr().err
