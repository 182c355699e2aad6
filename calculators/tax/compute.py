"""Gross income in, the guideline's taxes out: ``compute_taxes`` for one person, ``compute_taxes_batch`` for many
(a what-if curve), both behind one per-input cache.

Each tax is taken from the tax library where it has it (federal and state income tax, tax years it covers) and
filled from params.yaml where it does not (payroll taxes split by tax, 2026 for the Texas chart method, New York
City and Yonkers tax, California SDI). Every line says which tax year's rules it used and where its figures came
from; a tax year that cannot be done raises TaxYearNotAvailable, unless the method's ``year_policy`` is
"latest_available", and then the result carries a warning naming the year applied instead.

The cache is module-level and shared by every session of the running app: its keys are the inputs themselves
(amounts, filing status, number of dependents, state, city, method, year; no names, nothing else from the case).
``clear_cache()`` empties it (for "delete everything" or a quick exit).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from calculators.tax import library
from calculators.tax.local import new_york_city_tax, nyc_years, yonkers_surcharge, yonkers_years
from calculators.tax.model import (
    FIRST_TAX_YEAR,
    FilingStatus,
    LineWords,
    Locality,
    NetIncomeMethod,
    ResultText,
    TaxInputError,
    TaxKind,
    TaxPerson,
    TaxResult,
    TaxYearNotAvailable,
)
from calculators.tax.params import bracket_tax, params
from calculators.tax.payroll import Payroll, california_sdi, payroll, payroll_years, sdi_years
from casefile.money import CENT, ZERO

LIMIT = Decimal("1e9")  # as TaxPerson's amounts
FEDERAL_FILL_YEAR = 2026  # params.yaml federal_2026_single
CACHE_SIZE = 8_000  # results kept: several curves' worth (about 1.6 KB each with its key: 13 MB at most)

_cache: OrderedDict[tuple[TaxPerson, NetIncomeMethod, int], TaxResult] = OrderedDict()
_lock = threading.Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def compute_taxes(person: TaxPerson, method: NetIncomeMethod, tax_year: int) -> TaxResult:
    """The taxes ``method`` deducts from ``person``'s gross income in ``tax_year`` (yearly amounts)."""
    return compute_taxes_batch((person,), method, tax_year)[0]


def compute_taxes_batch(people: Sequence[TaxPerson], method: NetIncomeMethod, tax_year: int) -> list[TaxResult]:
    """``compute_taxes`` for many people at once (e.g. one person at 1,000 incomes): the ones not in the cache go to
    the tax library in a single call."""
    results: list[TaxResult | None] = [None] * len(people)
    missing: list[int] = []
    with _lock:
        for index, person in enumerate(people):
            hit = _cache.get((person, method, tax_year))
            if hit is None:
                missing.append(index)
            else:
                _cache.move_to_end((person, method, tax_year))
                results[index] = hit
    if missing:
        plan = plan_years(method, tax_year)
        todo = [people[i] for i in missing]
        for person in todo:
            plan.check(person, method)
        needs_library = [p for p in todo if plan.uses_library(p, method)]
        computed = dict(zip(
            (id(p) for p in needs_library),
            library.compute([library.LibraryRow(plan.library_year, p, plan.single) for p in needs_library]),
            strict=True,
        )) if needs_library else {}
        with _lock:
            for index, person in zip(missing, todo, strict=True):
                result = _result(person, method, tax_year, plan, computed.get(id(person)))
                results[index] = result
                _cache[(person, method, tax_year)] = result
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return results  # type: ignore[return-value]


def vary_income(base: TaxPerson, item: str, amounts: Iterable[Decimal]) -> list[TaxPerson]:
    """Copies of ``base`` with one income item (``wages``, ``self_employment`` or ``other_income``) set to each of
    ``amounts``: the people of a what-if curve, for compute_taxes_batch."""
    if item not in ("wages", "self_employment", "other_income"):
        raise TaxInputError(f"'{item}' is not an income item (wages, self_employment or other_income).")
    people = []
    for amount in amounts:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
        if not value.is_finite() or value < 0 or value >= LIMIT:
            raise TaxInputError(f"Tax details: {item.replace('_', ' ')}: {value} is not an amount between 0 and "
                                "a billion.")
        people.append(base.model_copy(update={item: value}))
    return people


# --- which year's rules each tax uses -------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearPlan:
    """The tax year applied for each tax, or None where the requested year cannot be done (``check`` says so)."""

    requested: int
    single: bool  # the chart method: single filer, standard deduction, no credits
    library_year: int | None  # federal/state income tax from the library
    federal_fill: bool  # federal income tax from the 2026 fill (chart method only)
    payroll_year: int | None
    sdi_year: int | None
    nyc_year: int | None
    yonkers_year: int | None
    library_years: tuple[int, int]

    def uses_library(self, person: TaxPerson, method: NetIncomeMethod) -> bool:
        needs_yonkers = method.local_income_tax and person.locality is Locality.YONKERS
        return ((method.federal_income_tax and not self.federal_fill) or method.state_income_tax or needs_yonkers)

    def check(self, person: TaxPerson, method: NetIncomeMethod) -> None:
        """Raise TaxYearNotAvailable, in plain words, for the first tax this person needs that this year lacks."""
        first, last = self.library_years
        if method.federal_income_tax and self.library_year is None and not self.federal_fill:
            have = f"{first} to {FEDERAL_FILL_YEAR if self.single else last}"
            raise _unavailable("Federal income tax", self.requested, have, self.single)
        if self.uses_library(person, method) and self.library_year is None:
            what = "State income tax" if method.state_income_tax else "The Yonkers surcharge (a share of state tax)"
            raise _unavailable(what, self.requested, f"{first} to {last}", self.single)
        if (method.social_security or method.medicare or method.self_employment_tax) and self.payroll_year is None:
            years = payroll_years()
            raise _unavailable("Social Security and Medicare", self.requested, f"{years[0]} to {years[-1]}")
        if method.state_disability_insurance and person.state == "CA" and self.sdi_year is None:
            years = sdi_years()
            raise _unavailable("California SDI", self.requested, f"{years[0]} to {years[-1]}")
        if method.local_income_tax and person.locality is Locality.NEW_YORK_CITY and self.nyc_year is None:
            years = nyc_years()
            raise _unavailable("New York City income tax", self.requested, f"{years[0]} to {years[-1]}")
        if method.local_income_tax and person.locality is Locality.YONKERS and self.yonkers_year is None:
            years = yonkers_years()
            raise _unavailable("The Yonkers surcharge", self.requested, f"{years[0]} to {years[-1]}")


def _unavailable(what: str, year: int, have: str, single: bool = False) -> TaxYearNotAvailable:
    extra = "" if not single else " (single filer, standard deduction)"
    return TaxYearNotAvailable(
        f"{what}{extra} for tax year {year} cannot be worked out: the tax model has it for {have}. "
        f"Enter the amount actually paid, or choose a tax year it has."
    )


def plan_years(method: NetIncomeMethod, tax_year: int) -> YearPlan:
    if tax_year < FIRST_TAX_YEAR:
        raise TaxYearNotAvailable(
            f"Tax year {tax_year} is not covered: taxes are worked out for {FIRST_TAX_YEAR} and later. "
            "Enter the taxes actually paid."
        )
    latest = method.year_policy == "latest_available"
    single = method.filing == "single_standard_deduction"
    needs_library = method.federal_income_tax or method.state_income_tax or method.local_income_tax
    first, last = FIRST_TAX_YEAR, library.LAST_YEAR
    # The chart method's federal tax for 2026 (or later, under "latest_available") is the fill, not the library.
    federal_fill = single and method.federal_income_tax and (
        tax_year == FEDERAL_FILL_YEAR or (latest and tax_year > FEDERAL_FILL_YEAR))
    library_year = _pick(tax_year, range(first, last + 1), latest) if needs_library else None
    payroll_year = _pick(tax_year, payroll_years(), latest)
    sdi_year = _pick(tax_year, sdi_years(), latest)
    nyc_year = _pick(tax_year, nyc_years(), latest)
    yonkers_year = _pick(tax_year, yonkers_years(), latest)
    return YearPlan(tax_year, single, library_year, federal_fill, payroll_year, sdi_year, nyc_year, yonkers_year,
                    (first, last))


def _pick(wanted: int, years: Sequence[int], latest: bool) -> int | None:
    """``wanted`` if a tax has it; under "latest_available", the latest year it has (the result then warns)."""
    if wanted in years:
        return wanted
    if latest and years and max(years) < wanted:
        return max(years)
    return None


# --- one person's result --------------------------------------------------------------------------------------------
#
# The words of each line (label, citation, source) depend only on the method, the years applied and the person's
# state, status and city, never on the amounts: ``_text`` builds them once per such combination, so a 1,000-point
# curve builds them once and does only the arithmetic per point.

# What a warning calls each tax whose requested year was not available (latest_available policy).
_WARNING_NAMES: dict[TaxKind, str] = {
    TaxKind.FEDERAL_INCOME_TAX: "federal income tax", TaxKind.STATE_INCOME_TAX: "state income tax",
    TaxKind.LOCAL_INCOME_TAX: "local income tax", TaxKind.SOCIAL_SECURITY: "Social Security and Medicare",
    TaxKind.MEDICARE: "Social Security and Medicare", TaxKind.ADDITIONAL_MEDICARE: "Social Security and Medicare",
    TaxKind.SELF_EMPLOYMENT_TAX: "Social Security and Medicare", TaxKind.STATE_DISABILITY_INSURANCE: "California SDI",
}
_OPTIONAL = frozenset({TaxKind.ADDITIONAL_MEDICARE, TaxKind.SELF_EMPLOYMENT_TAX})  # shown only when owed


def _result(person: TaxPerson, method: NetIncomeMethod, tax_year: int, plan: YearPlan,
            lib: library.LibraryTaxes | None) -> TaxResult:
    """The amounts for one person, in the order of the words ``_text`` gives (cached)."""
    text = _text(method, plan, person.state, person.filing_status, person.dependents, person.locality)
    half_se = ZERO
    pay = None
    if plan.payroll_year is not None:
        pay = payroll(person.wages, person.self_employment, person.filing_status, plan.payroll_year)
        half_se = pay.deductible_half_of_se_tax
    amounts: list[Decimal | None] = []
    for words in text.lines:
        amount = _amount(words.kind, person, plan, lib, pay, half_se)
        # To the cent, half up (casefile.money.round_money's result without its division: a curve rounds thousands).
        amounts.append(None if words.kind in _OPTIONAL and amount <= 0 else amount.quantize(CENT, ROUND_HALF_UP))
    return TaxResult(method.key, tax_year, person.gross, tuple(amounts), text)


def _amount(kind: TaxKind, person: TaxPerson, plan: YearPlan, lib: library.LibraryTaxes | None,
            pay: Payroll | None, half_se: Decimal) -> Decimal:
    if pay is not None and kind in _PAYROLL_FIELD:
        return getattr(pay, _PAYROLL_FIELD[kind])
    if kind is TaxKind.FEDERAL_INCOME_TAX and plan.federal_fill:
        fill = params().federal_2026_single
        return bracket_tax(max(person.gross - half_se - fill.standard_deduction, ZERO), fill.brackets)
    if kind is TaxKind.LOCAL_INCOME_TAX and person.locality is Locality.NEW_YORK_CITY:
        return new_york_city_tax(person.gross - half_se, person.filing_status, person.dependents)
    if kind is TaxKind.STATE_DISABILITY_INSURANCE:
        assert plan.sdi_year is not None
        return california_sdi(person.wages, plan.sdi_year)
    assert lib is not None  # federal (library years), state and Yonkers come from the library's figures
    if kind is TaxKind.FEDERAL_INCOME_TAX:
        return lib.federal_before_credits if plan.single else lib.federal_after_credits
    if kind is TaxKind.STATE_INCOME_TAX:
        return lib.state
    return yonkers_surcharge(lib.state)


_PAYROLL_FIELD: dict[TaxKind, str] = {
    TaxKind.SOCIAL_SECURITY: "social_security", TaxKind.MEDICARE: "medicare",
    TaxKind.ADDITIONAL_MEDICARE: "additional_medicare", TaxKind.SELF_EMPLOYMENT_TAX: "self_employment_tax",
}


@lru_cache(maxsize=512)
def _text(method: NetIncomeMethod, plan: YearPlan, state: str, status: FilingStatus, dependents: int,
          locality: Locality | None) -> ResultText:
    """Every line's words, in worksheet order, for the lines this method deducts for this kind of person."""
    lines: dict[TaxKind, LineWords] = {}
    gaps: list[str] = []
    if method.federal_income_tax:
        lines[TaxKind.FEDERAL_INCOME_TAX] = _federal_words(plan, status, gaps)
    if method.state_income_tax:
        assert plan.library_year is not None
        lines[TaxKind.STATE_INCOME_TAX] = LineWords(
            TaxKind.STATE_INCOME_TAX, f"{state} state income tax", f"{state} personal income tax law for {plan.library_year} "
            "(a negative amount is a refundable credit larger than the tax)", library.label(), None,
            plan.library_year)
    if method.local_income_tax and locality is not None:
        lines[TaxKind.LOCAL_INCOME_TAX] = _local_words(locality, plan, gaps)
    if plan.payroll_year is not None and (method.social_security or method.medicare or method.self_employment_tax):
        lines.update(_payroll_words(method, plan.payroll_year, status, gaps))
    if method.state_disability_insurance and state == "CA":
        assert plan.sdi_year is not None
        sdi = params().california_sdi
        rate, limit = sdi.values[plan.sdi_year]
        lines[TaxKind.STATE_DISABILITY_INSURANCE] = LineWords(
            TaxKind.STATE_DISABILITY_INSURANCE, f"California SDI ({_percent(rate)} of wages" + (")" if limit is None else f" up to ${limit:,})"),
            "; ".join(s.cite() for s in sdi.sources), "filled here: California SDI is not in the tax library",
            sdi.sources[0].url, plan.sdi_year)
        gaps.append(f"California SDI {plan.sdi_year}: EDD's published rate (params.yaml california_sdi)")

    assumptions = [f"Taxes worked out from the gross income entered, {method.label} ({method.citation})."]
    if method.filing == "actual" and (method.federal_income_tax or method.state_income_tax):
        assumptions.append(f"Filing status {status.label}, {dependents} dependent(s) claimed.")
    if method.federal_income_tax or method.state_income_tax:
        assumptions.append("Age not asked: a working-age adult (under 65) is assumed.")
    late: dict[str, int] = {}
    for kind, words in lines.items():
        if words.tax_year != plan.requested:
            late.setdefault(_WARNING_NAMES[kind], words.tax_year)
    warnings = tuple(f"Tax year {plan.requested} rules for {name} are not available yet; {year} rules are applied "
                     "instead." for name, year in late.items())
    return ResultText(tuple(lines.values()), tuple(gaps), (*assumptions, *method.unconfirmed), warnings,
                      method.not_modelled)


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %"


def _federal_words(plan: YearPlan, status: FilingStatus, gaps: list[str]) -> LineWords:
    kind = TaxKind.FEDERAL_INCOME_TAX
    chart_label = "Federal income tax (single filer, standard deduction, no credits)"
    if plan.federal_fill:
        fill = params().federal_2026_single
        source = fill.sources[0]
        gaps.append(f"Federal income tax {FEDERAL_FILL_YEAR} (single filer): {library.label()} has law only to "
                    f"{library.LAST_YEAR}; brackets and standard deduction from IRS Rev. Proc. 2025-32")
        return LineWords(kind, chart_label, f"26 U.S.C. § 1(j) and § 63; {source.cite()}",
                      "filled here: the tax library has no 2026 law", source.url, FEDERAL_FILL_YEAR)
    assert plan.library_year is not None
    if plan.single:
        return LineWords(kind, chart_label, f"26 U.S.C. § 1 and § 63, law for {plan.library_year}: tax on taxable income "
                      "before credits", library.label(), None, plan.library_year)
    return LineWords(kind, f"Federal income tax ({status.label}, after credits)",
                  f"Internal Revenue Code, law for {plan.library_year}: tax after credits (a negative amount is a "
                  "refundable credit larger than the tax)", library.label(), None, plan.library_year)


def _local_words(locality: Locality, plan: YearPlan, gaps: list[str]) -> LineWords:
    kind = TaxKind.LOCAL_INCOME_TAX
    ny = params().new_york
    if locality is Locality.NEW_YORK_CITY:
        assert plan.nyc_year is not None
        gaps.append(f"New York City tax {plan.nyc_year}: not in the tax library; the city's rate schedule and the New "
                    "York standard deduction from the NY Tax Law and the IT-201 instructions (params.yaml new_york)")
        return LineWords(
            kind, "New York City resident income tax (rate schedule; city credits not modelled)",
            "; ".join(s.cite() for s in ny.nyc_rates.sources) + f"; {ny.standard_deduction.sources[0].cite()}",
            "filled here: New York City tax is not in the tax library", ny.nyc_rates.sources[0].url, plan.nyc_year)
    assert plan.library_year is not None
    gaps.append("Yonkers resident surcharge: not in the tax library; 16.75 % of the New York State tax it computes "
                "(NY Tax Law § 1321, params.yaml new_york.yonkers_surcharge)")
    return LineWords(
        kind, f"Yonkers resident income tax surcharge ({_percent(ny.yonkers_surcharge.value)} of New York State tax)",
        "; ".join(s.cite() for s in ny.yonkers_surcharge.sources),
        f"filled here on the state tax from {library.label()}", ny.yonkers_surcharge.sources[0].url,
        plan.library_year)


def _payroll_words(method: NetIncomeMethod, year: int, status: FilingStatus, gaps: list[str]
                   ) -> dict[TaxKind, LineWords]:
    p = params()
    base = p.social_security.wage_base
    base_source = base.sources[-1 if year == max(payroll_years()) else 0]
    filled = "filled here: the employee's share by tax (the tax library reports one total, and only to 2025)"
    words: dict[TaxKind, LineWords] = {}
    if method.social_security:
        words[TaxKind.SOCIAL_SECURITY] = LineWords(
            TaxKind.SOCIAL_SECURITY, f"Social Security ({_percent(p.social_security.employee_rate.value)} of wages up to "
            f"${base.values[year]:,})", f"{p.social_security.employee_rate.cite}; wage base: {base_source.cite()}",
            filled, p.social_security.employee_rate.url, year)
    if method.medicare:
        words[TaxKind.MEDICARE] = LineWords(
            TaxKind.MEDICARE, f"Medicare ({_percent(p.medicare.employee_rate.value)} of wages)", p.medicare.employee_rate.cite, filled,
            p.medicare.employee_rate.url, year)
    if method.additional_medicare:
        threshold = p.medicare.additional_threshold.by_status[status]
        words[TaxKind.ADDITIONAL_MEDICARE] = LineWords(
            TaxKind.ADDITIONAL_MEDICARE, f"Additional Medicare Tax ({_percent(p.medicare.additional_rate.value)} above ${threshold:,} for "
            f"{status.label})", f"{p.medicare.additional_rate.cite}; {p.medicare.additional_threshold.cite}",
            filled, p.medicare.additional_rate.url, year)
    if method.self_employment_tax:
        words[TaxKind.SELF_EMPLOYMENT_TAX] = LineWords(
            TaxKind.SELF_EMPLOYMENT_TAX, "Self-employment tax (Social Security 12.4 % and Medicare 2.9 % on 92.35 % of net profit)",
            f"{p.social_security.self_employed_rate.cite}; {p.medicare.self_employed_rate.cite}; "
            f"{p.self_employment.net_earnings_factor.cite}; wage base: {base_source.cite()}",
            filled, p.self_employment.net_earnings_factor.url, year)
    gaps.append(f"Social Security and Medicare {year}: the Internal Revenue Code's rates and SSA's wage base "
                "(params.yaml), because the tax library gives the employee's share only as one total")
    return words
