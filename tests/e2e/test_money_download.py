"""In a real browser: the Money page's spreadsheet downloads and opens with openpyxl, with the demo's expenses."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server


def test_spreadsheet_downloads_and_opens(page: Page, server: Server, tmp_path: Path) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", name=re.compile("Get organised"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Open the demo case").click()
    expect(page.get_by_text("Open now:")).to_be_visible(timeout=15_000)
    page.get_by_role("link", name="Money", exact=True).first.click()
    expect(page.get_by_text(re.compile("Jordan owes Sam £"))).to_be_visible(timeout=20_000)
    page.get_by_role("tab", name="Spreadsheet").click()
    button = page.get_by_role("button", name=re.compile("Download the spreadsheet"))
    expect(button).to_be_visible(timeout=15_000)
    with page.expect_download(timeout=30_000) as info:
        button.click()
    download = info.value
    assert re.fullmatch(r"spreadsheet-\d{4}-\d{2}-\d{2}\.xlsx", download.suggested_filename)  # neutral name
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["About", "Income", "Child support", "Budget", "Assets & debts", "Expenses", "Summary"]
    ws = wb["Expenses"]
    assert ws.tables["Expenses"].ref == "A1:L16"  # header + the demo's 15 expenses
    assert ws.cell(row=2, column=2).value == "School shoes"
    assert ws.cell(row=2, column=1).is_date
    values = openpyxl.load_workbook(path, data_only=True)
    summary = {r[0]: r[1] for r in values["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Number of expenses"] == 15  # a formula, with the app's value cached in it
