"""Money page (AppTest): renders, adds expenses through the form, refuses bad input, confirms a CSV import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from calculators.expenses import expense_summary
from casefile.finances import ExpenseCategory, ShareBasis
from casefile.models import Case
from ui.money import IMPORT_KEY
from ui.state import CASE_KEY


def texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.success]
                    + [e.value for e in at.error])


def test_renders_every_tab_with_the_demo_case(app_test, demo_case) -> None:
    at = app_test(case=demo_case, page="money")
    assert not at.exception
    body = texts(at)
    s = expense_summary(demo_case)
    assert s.balance.creditor == "parent_a"
    assert "Jordan owes Sam £" in body  # the headline balance
    assert "Not legal advice" in body
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Your gross income a month"] == "£1,966.00"  # 14.20 x 30 x 52 / 12 + 120 = 1,846 + 120
    assert "Net worth, everything listed" in metrics
    assert at.get("download_button")  # the spreadsheet download (and the CSV example) are there


def test_renders_an_empty_case(app_test) -> None:
    at = app_test(case=Case(), page="money")
    assert not at.exception
    assert "No shared expenses yet" in " ".join(i.value for i in at.info)


def fill_form(at, description: str, amount: float, paid_by: str, category: ExpenseCategory, basis: ShareBasis):
    at.date_input(key="money_add_date").set_value(dt.date(2026, 6, 3))
    at.text_input(key="money_add_description").input(description)
    at.number_input(key="money_add_amount").set_value(amount)
    at.radio(key="money_add_paid_by").set_value(paid_by)
    at.selectbox(key="money_add_category").set_value(category)
    at.radio(key="money_add_basis").set_value(basis.value)
    return at


def test_add_expense_with_the_usual_split(app_test, demo_case) -> None:
    before = expense_summary(demo_case).balance
    at = app_test(case=demo_case, page="money")
    fill_form(at, "Holiday club", 20.0, "parent_a", ExpenseCategory.CHILD_CARE, ShareBasis.CATEGORY)
    at.button(key="FormSubmitter:money_add_form-Add expense").click().run()
    assert not at.exception
    case: Case = at.session_state[CASE_KEY]
    assert len(case.expenses.items) == len(demo_case.expenses.items) + 1
    added = next(e for e in case.expenses.items if e.description == "Holiday club")
    assert added.share_a == D(40) and added.share_basis is ShareBasis.CATEGORY  # the demo's child-care split
    # Sam paid 20.00 and bears 40%: Jordan owes Sam 20 x 60% = 12.00 more
    assert expense_summary(case).balance.owed_to_a == before.owed_to_a + D("12.00")
    assert "Added: Holiday club, £20.00." in texts(at)


def test_add_expense_with_income_shares(app_test, demo_case) -> None:
    at = app_test(case=demo_case, page="money")
    fill_form(at, "Dentist", 100.0, "parent_b", ExpenseCategory.HEALTH, ShareBasis.INCOME)
    at.button(key="FormSubmitter:money_add_form-Add expense").click().run()
    assert not at.exception
    added = next(e for e in at.session_state[CASE_KEY].expenses.items if e.description == "Dentist")
    # Sam: 14.20 x 30 x 52 + 120 x 12 = 22,152 + 1,440 = 23,592 a year
    # Jordan: 41,500 + 85 x 52 + 650 x 4 = 41,500 + 4,420 + 2,600 = 48,520 a year
    # Sam's share: 23,592 / 72,112 = 0.32716 -> 32.72%; on 100.00 paid by Jordan, Sam owes 32.72
    assert added.share_a == D("32.72") and added.share_basis is ShareBasis.INCOME
    assert added.paid_by == "parent_b"


def test_a_zero_amount_is_refused_in_plain_words(app_test, demo_case) -> None:
    at = app_test(case=demo_case, page="money")
    fill_form(at, "Nothing", 0.0, "parent_a", ExpenseCategory.OTHER, ShareBasis.CATEGORY)
    at.button(key="FormSubmitter:money_add_form-Add expense").click().run()
    assert not at.exception
    assert "amount must be more than 0" in " ".join(e.value for e in at.error)
    assert at.session_state[CASE_KEY] == demo_case  # nothing saved
    assert at.text_input(key="money_add_description").value == "Nothing"  # what was typed is kept


def test_csv_import_needs_confirmation_to_skip_bad_rows(app_test, demo_case) -> None:
    data = b"date,description,amount,paid_by\n2026-06-01,Bus fares,12.40,Sam\n2026-06-02,Oops,,Sam\n"
    at = app_test(case=demo_case, page="money")
    at.file_uploader(key="money_upload_0").set_value(("expenses.csv", data, "text/csv")).run()  # through the widget
    assert not at.exception
    add = at.button(key="money_import_add")
    assert add.disabled  # one bad row: not until the person agrees to skip it
    assert "amount is missing" in " ".join(str(df.value.to_dict()) for df in at.dataframe)
    at.checkbox(key="money_import_skip_ok").check().run()
    assert not at.button(key="money_import_add").disabled
    at.button(key="money_import_add").click().run()
    assert not at.exception
    case: Case = at.session_state[CASE_KEY]
    assert len(case.expenses.items) == len(demo_case.expenses.items) + 1
    assert any(e.description == "Bus fares" and e.amount == D("12.40") for e in case.expenses.items)
    assert "Imported 1 expense(s). 1 row(s) with problems were skipped." in texts(at)
    assert IMPORT_KEY not in at.session_state


def test_csv_file_problem_is_shown(app_test, demo_case) -> None:
    at = app_test(case=demo_case, page="money")
    at.file_uploader(key="money_upload_0").set_value(("expenses.csv", b"when,how much\n1,2\n", "text/csv")).run()
    assert not at.exception
    assert "no column for: date, amount, paid by" in " ".join(e.value for e in at.error)
