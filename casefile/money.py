"""Money and pay frequencies.

Money is always ``Decimal``. People enter income the way they know it (an hourly rate, a weekly wage, a salary); we
store exactly what they typed (amount + frequency) and derive annual, monthly and weekly figures from it, with no
rounding until the law says so. Conversions go through the annual figure:

    weekly 52, every two weeks 26, twice a month 24, monthly 12, quarterly 4, yearly 1 per year;
    hourly = rate x hours per week x 52.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

ZERO = Decimal(0)
CENT = Decimal("0.01")
ONE = Decimal(1)
MAX_AMOUNT = Decimal(10) ** 12  # no one's income or expense is a trillion; larger is a typing slip


class Frequency(StrEnum):
    """How often an amount is received or paid."""

    HOURLY = "hourly"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"  # every two weeks
    SEMIMONTHLY = "semimonthly"  # twice a month
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def label(self) -> str:
        return FREQUENCY_LABELS[self]

    @property
    def periods_per_year(self) -> int | None:
        """Periods in a year; None for hourly, which needs hours per week."""
        return PERIODS_PER_YEAR.get(self)


PERIODS_PER_YEAR: dict[Frequency, int] = {
    Frequency.WEEKLY: 52,
    Frequency.FORTNIGHTLY: 26,
    Frequency.SEMIMONTHLY: 24,
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.YEARLY: 1,
}

FREQUENCY_LABELS: dict[Frequency, str] = {
    Frequency.HOURLY: "an hour",
    Frequency.WEEKLY: "a week",
    Frequency.FORTNIGHTLY: "every two weeks",
    Frequency.SEMIMONTHLY: "twice a month",
    Frequency.MONTHLY: "a month",
    Frequency.QUARTERLY: "a quarter",
    Frequency.YEARLY: "a year",
}

WEEKS_PER_YEAR = Decimal(52)


class Period(StrEnum):
    """The period a guideline states its amount in."""

    WEEK = "week"
    FORTNIGHT = "fortnight"
    MONTH = "month"
    YEAR = "year"

    @property
    def per_year(self) -> int:
        return _PER_YEAR[self]  # by the member itself (a str): Enum's .value is slow and this runs at every estimate

    @property
    def label(self) -> str:
        """How an amount per this period is said: "a week", "a month"."""
        return f"a {self.value}"


_PER_YEAR: dict[str, int] = {"week": 52, "fortnight": 26, "month": 12, "year": 1}


def annualize(amount: Decimal, frequency: Frequency, hours_per_week: Decimal | None = None) -> Decimal:
    """The yearly equivalent of ``amount`` received at ``frequency`` (exact; no rounding).

    Hourly amounts need ``hours_per_week``: rate x hours x 52.
    """
    if frequency is Frequency.HOURLY:
        if hours_per_week is None:
            raise ValueError("hours per week are needed for an hourly amount")
        return amount * hours_per_week * WEEKS_PER_YEAR
    return amount * PERIODS_PER_YEAR[frequency]


def per_period(annual: Decimal, period: Period) -> Decimal:
    """An annual amount expressed per ``period`` (exact division; round afterwards where the law says)."""
    return annual / period.per_year


def convert(amount: Decimal, frequency: Frequency, period: Period, hours_per_week: Decimal | None = None) -> Decimal:
    """``amount`` at ``frequency`` expressed per ``period``, via the annual figure."""
    return per_period(annualize(amount, frequency, hours_per_week), period)


def round_money(amount: Decimal, step: Decimal = CENT, mode: str = ROUND_HALF_UP) -> Decimal:
    """Round to a multiple of ``step`` (0.01 for pennies/cents, 1 for whole pounds/dollars).

    Half-up by default, the rule most guidelines name (e.g. GB 2012 Regs reg 6 predecessors).
    """
    if step <= 0:
        raise ValueError("rounding step must be positive")
    return (amount / step).quantize(ONE, rounding=mode) * step


def parse_money(text: str | float | int | Decimal | None) -> Decimal | None:
    """Read an amount typed by a person: "1,000.50", "£1 000", "$12" all work; blank means unknown (None).

    Raises ValueError with a plain message for anything that is not a finite number.
    """
    if text is None:
        return None
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int | float):
        value = Decimal(str(text))
    else:
        cleaned = text.strip()
        for symbol in ("£", "$", "€", "A$", "C$", ",", " ", "\u00a0", "_"):
            cleaned = cleaned.replace(symbol, "")
        if cleaned == "":
            return None
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(f"“{text.strip()[:40]}” is not an amount; type a number such as 1250.50") from None
    if not value.is_finite():
        raise ValueError("amount must be an ordinary number")
    if value != 0 and value.adjusted() >= MAX_AMOUNT.adjusted():  # compare exponents: never overflows
        raise ValueError("amount is too large; check the number of digits")
    return value


CURRENCY_SYMBOLS: dict[str, str] = {"GBP": "£", "USD": "$", "AUD": "A$", "CAD": "C$", "EUR": "€"}


def format_money(amount: Decimal | None, currency: str, *, whole: bool = False) -> str:
    """Display form: "£1,234.50" (or "£1,235" with whole=True); "unknown" for None. Used by UI and reports."""
    if amount is None:
        return "unknown"
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    rounded = round_money(amount, ONE if whole else CENT)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):,.0f}" if whole else f"{abs(rounded):,.2f}"
    return f"{sign}{symbol}{text}"
