"""Pay-frequency conversion and money helpers, checked against arithmetic done by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.money import Frequency, Period, annualize, convert, format_money, parse_money, round_money


@pytest.mark.parametrize(
    ("amount", "frequency", "hours", "annual"),
    [
        (D("500"), Frequency.WEEKLY, None, D("26000")),  # 500 x 52
        (D("1000"), Frequency.FORTNIGHTLY, None, D("26000")),  # 1000 x 26
        (D("1250"), Frequency.SEMIMONTHLY, None, D("30000")),  # 1250 x 24
        (D("2600"), Frequency.MONTHLY, None, D("31200")),  # 2600 x 12
        (D("650"), Frequency.QUARTERLY, None, D("2600")),  # 650 x 4
        (D("41500"), Frequency.YEARLY, None, D("41500")),
        (D("14.20"), Frequency.HOURLY, D("30"), D("22152.00")),  # 14.20 x 30 x 52 = 426 x 52
    ],
)
def test_annualize(amount: D, frequency: Frequency, hours: D | None, annual: D) -> None:
    assert annualize(amount, frequency, hours) == annual


def test_weekly_to_month_goes_through_the_year() -> None:
    # 600 a week = 31,200 a year = 2,600 a month exactly
    assert convert(D("600"), Frequency.WEEKLY, Period.MONTH) == D("2600")
    # 1,000 a month = 12,000 a year; / 52 = 230.769... a week (no rounding inside the conversion)
    weekly = convert(D("1000"), Frequency.MONTHLY, Period.WEEK)
    assert round_money(weekly) == D("230.77")


def test_hourly_needs_hours() -> None:
    with pytest.raises(ValueError, match="hours per week"):
        annualize(D("10"), Frequency.HOURLY)


def test_round_money_half_up() -> None:
    assert round_money(D("22.50"), D("1")) == D("23")
    assert round_money(D("22.49"), D("1")) == D("22")
    assert round_money(D("0.125")) == D("0.13")


@pytest.mark.parametrize(("text", "value"), [("1,000.50", D("1000.50")), ("£1 200", D("1200")), ("$12", D("12")), ("", None), ("  ", None)])
def test_parse_money(text: str, value: D | None) -> None:
    assert parse_money(text) == value


@pytest.mark.parametrize("text", ["abc", "1.2.3", "NaN", "Infinity", "1e99999999999"])
def test_parse_money_rejects_non_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


def test_format_money() -> None:
    assert format_money(D("1234.5"), "GBP") == "£1,234.50"
    assert format_money(D("1234.5"), "USD", whole=True) == "$1,235"
    assert format_money(None, "GBP") == "unknown"
    assert format_money(D("-5"), "AUD") == "-A$5.00"


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.sampled_from([f for f in Frequency if f is not Frequency.HOURLY]))
def test_conversion_round_trips_through_the_year(amount: D, frequency: Frequency) -> None:
    per_year = frequency.periods_per_year
    assert per_year is not None
    assert annualize(amount, frequency) / per_year == amount
