"""The domain core imports no framework: calculators/, casefile/, jurisdictions/, checklists/ stay pure.

Streamlit and Plotly belong to app.py and ui/ only; reportlab and openpyxl to reports/ only (DESIGN.md).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = ["calculators", "casefile", "jurisdictions", "checklists"]
UI_ONLY = {"streamlit", "plotly"}
REPORTS_ONLY = {"reportlab", "openpyxl"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((REPO / folder).rglob("*.py"))]


@pytest.mark.parametrize("path", python_files(*CORE), ids=lambda p: str(p.relative_to(REPO)))
def test_core_imports_no_framework(path: Path) -> None:
    bad = imported_roots(path) & (UI_ONLY | REPORTS_ONLY)
    assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", python_files("reports", "cli.py") if (REPO / "cli.py").exists() else [], ids=lambda p: str(p))
def test_reports_and_cli_do_not_import_streamlit(path: Path) -> None:
    assert not imported_roots(path) & UI_ONLY


def test_reportlab_and_openpyxl_only_in_reports() -> None:
    offenders = [
        str(p.relative_to(REPO)) for p in [*python_files("ui", *CORE), REPO / "app.py"]
        if imported_roots(p) & REPORTS_ONLY
    ]
    assert offenders == []


def test_importing_the_core_does_not_load_streamlit() -> None:
    """Dynamic check too: importing every core module (and the CLI) leaves streamlit unloaded."""
    modules = [
        ".".join(p.relative_to(REPO).with_suffix("").parts) for p in python_files(*CORE) if p.name != "__main__.py"
    ] + ["cli"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'streamlit', 'plotly'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
