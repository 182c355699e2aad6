"""Child-support estimates: choose the rule file and date, run the guideline model's engine, return the worksheet.

    estimate(case)                                   # the case's jurisdiction, as of today (or the case's as-of)
    estimate(case, jurisdiction="US-TX", as_of=date(2025, 8, 31), overrides={"cap": "12000"})

Each guideline model is one module in calculators/ with ``compute(case, view) -> Estimate``; ENGINES maps the rule
file's ``model`` to it. Engines are pure: no I/O except reading rule tables through the RuleView, no streamlit.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import importlib
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from calculators.result import Cite, Estimate, LineKind, WorksheetLine
from casefile.models import Case, ParentRole
from jurisdictions.loader import Citation, LoadedRules, RulesNotInForce, RuleView, load_rule_text, rules_on

# rule-file `model` -> module implementing compute(case, view)
ENGINES: dict[str, str] = {
    "gb_cms_2012": "calculators.gb_cms",
    "au_formula_1": "calculators.au_formula",
    "ca_fcsg": "calculators.ca_fcsg",
    "us_ca_4055": "calculators.us_ca_4055",
    "us_tx_154": "calculators.us_tx_154",
    "us_ny_cssa": "calculators.us_ny_cssa",
    "us_md_income_shares": "calculators.us_md_income_shares",
}

# How each model works, in plain words (shown beside the jurisdiction; the rule file's summary says more).
MODEL_DESCRIPTIONS: dict[str, str] = {
    "gb_cms_2012": "A percentage of the paying parent's gross income, less for shared care",
    "au_formula_1": "Both incomes shared, costs of the children, offset by care",
    "ca_fcsg": "A table amount set by the paying parent's income",
    "us_ca_4055": "A formula on both parents' net incomes and time share",
    "us_tx_154": "A percentage of the paying parent's net resources, up to a cap",
    "us_ny_cssa": "A percentage of combined income, shared by income",
    "us_md_income_shares": "A schedule on combined income, shared by income",
}

Engine = Callable[[Case, RuleView], Estimate]


class EstimateUnavailable(Exception):
    """No estimate can be made (unknown jurisdiction, date outside the rules, engine missing). Plain message."""


def load_custom_rules(text: str, file_name: str) -> LoadedRules:
    """A person's own rule file (uploaded in the app), validated exactly as `organizer rules validate` does, plus a
    check that a calculator exists for its model. Its tables may only be those shipped in jurisdictions/."""
    return load_rule_text(text, file_name, models=ENGINES)


def engine_for(model: str) -> Engine:
    module = ENGINES.get(model)
    if module is None:
        raise EstimateUnavailable(f"No calculator exists yet for the guideline model {model!r}.")
    return _compute_in(module)


@functools.cache
def _compute_in(module: str) -> Engine:
    """The engine in ``module`` (imported once: a what-if curve asks for it at every point)."""
    return importlib.import_module(module).compute


def estimate(
    case: Case,
    *,
    jurisdiction: str | None = None,
    as_of: dt.date | None = None,
    overrides: Mapping[str, str] | None = None,
    extra_rules: Mapping[str, LoadedRules] | None = None,
) -> Estimate:
    """The estimate for ``case`` under ``jurisdiction`` (default: the case's) on ``as_of`` (default: the case's
    as-of date, else today), with what-if ``overrides`` (default: the case's)."""
    view = rule_view(case, jurisdiction=jurisdiction, as_of=as_of, overrides=overrides, extra_rules=extra_rules)
    return run(case, view)


def rule_view(
    case: Case,
    *,
    jurisdiction: str | None = None,
    as_of: dt.date | None = None,
    overrides: Mapping[str, str] | None = None,
    extra_rules: Mapping[str, LoadedRules] | None = None,
) -> RuleView:
    """The law that applies to ``case``: the rule file for ``jurisdiction`` (default: the case's) in force on ``as_of``
    (default: the case's as-of date, else today) with what-if ``overrides`` (default: the case's). Built once, it can
    serve many estimates (what-if curves)."""
    code = jurisdiction or case.jurisdiction
    day = as_of or case.estimate.as_of or dt.date.today()
    chosen = case.estimate.overrides if overrides is None else overrides
    try:
        return rules_on(code, day, chosen, extra_rules)
    except (LookupError, ValueError) as exc:
        raise EstimateUnavailable(str(exc).strip("'\"")) from None


def run(case: Case, view: RuleView) -> Estimate:
    """The estimate for ``case`` under an already-built view."""
    try:
        return engine_for(view.rules.model)(case, view)
    except RulesNotInForce as exc:  # a parameter the engine reads has no value on this date (a gap in the data)
        raise EstimateUnavailable(str(exc).strip("'\"")) from None


# Whether worksheets record their lines. A what-if curve needs only each point's amount and direction, so it runs
# the same engines with lines off (amounts_only); per context, so concurrent sessions do not affect each other.
_RECORD_LINES: contextvars.ContextVar[bool] = contextvars.ContextVar("record_worksheet_lines", default=True)


@contextlib.contextmanager
def amounts_only() -> Iterator[None]:
    """Run estimates without building worksheet lines (the amount, payer and missing inputs are unchanged)."""
    token = _RECORD_LINES.set(False)
    try:
        yield
    finally:
        _RECORD_LINES.reset(token)


@dataclass(frozen=True)
class _Reused:
    """A step's result at one curve point, with the inputs it was computed from and what it recorded."""

    inputs: tuple[object, ...]
    value: Any
    recorded: tuple[tuple[str, Any], ...]  # ("line" | "warn" | "assume" | "need", what), in order


# Per context, like _RECORD_LINES: the steps of the previous point of the curve being drawn (None: not in a curve).
_REUSE: contextvars.ContextVar[dict[str, _Reused] | None] = contextvars.ContextVar("reuse_steps", default=None)


@contextlib.contextmanager
def curve_points() -> Iterator[None]:
    """Run many estimates of one case that differ in one input (the points of a what-if curve): amounts only, and
    each step the engine marks with ``Worksheet.reuse`` is computed again only when its own inputs changed."""
    token = _REUSE.set({})
    try:
        with amounts_only():
            yield
    finally:
        _REUSE.reset(token)


T = TypeVar("T")


def _same(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    return len(before) == len(now) and all(map(operator.is_, before, now))


@functools.lru_cache(maxsize=4096)
def _cite(citation: Citation) -> Cite:
    return Cite.of(citation)


# --- building a worksheet -------------------------------------------------------------------------------------------


@dataclass
class Worksheet:
    """Collects a worksheet's lines, assumptions, warnings and missing inputs while an engine works.

    Engines call ``line`` for each step with the citation it rests on, then ``result`` once.
    """

    case: Case
    view: RuleView
    lines: list[WorksheetLine] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    discretionary: bool = False
    amount_range: tuple[Decimal, Decimal] | None = None
    # False for the points of a what-if curve (amounts_only): engines may skip work done only to explain
    recording: bool = field(default_factory=_RECORD_LINES.get)
    _capture: list[tuple[str, Any]] | None = field(default=None, init=False, repr=False)

    def reuse(self, step: str, inputs: tuple[object, ...], compute: Callable[[], T]) -> T:
        """``compute()``; between the points of a what-if curve, the previous point's result when ``inputs`` (every
        part of the case the step reads) are unchanged. What the step recorded (lines, warnings, assumptions, missing
        inputs) is recorded again, so the worksheet is the same either way. Outside a curve this is ``compute()``.

        Inputs are compared by identity (the case's parts are frozen): a curve changes one input and keeps the rest
        of the case object for object, so an unchanged part is found without comparing its contents.
        """
        memo = _REUSE.get()
        if memo is None:
            return compute()
        previous = memo.get(step)
        if previous is not None and _same(previous.inputs, inputs):
            for kind, what in previous.recorded:
                self._replay(kind, what)
            return previous.value
        outer, self._capture = self._capture, []
        try:
            value = compute()
            recorded = tuple(self._capture)
        finally:
            self._capture = outer
        if outer is not None:
            outer.extend(recorded)
        memo[step] = _Reused(inputs, value, recorded)
        return value

    def _replay(self, kind: str, what: Any) -> None:
        if kind == "line":
            self._add_line(what)
        else:
            {"warn": self.warn, "assume": self.assume, "need": self.need}[kind](what)

    def line(
        self,
        key: str,
        label: str,
        cite: Citation | str,
        *,
        amount: Decimal | None = None,
        value: str | None = None,
        kind: LineKind = "step",
        uses: tuple[str, ...] = (),
        note: str = "",
    ) -> None:
        """Add a line. ``cite`` is a Citation or the name of a parameter (cited as in force on as-of);
        ``uses`` names the parameters the line depends on, so a what-if override marks it."""
        if not self.recording:
            return
        if isinstance(cite, str):
            uses = (cite, *uses)
            cite = self.view.cite(cite)
        overridden = bool(self.view.overrides) and any(self.view.is_overridden(name) for name in uses)
        # built from trusted, typed values: skip re-validation (estimates run thousands of times for a curve)
        self._add_line(WorksheetLine.model_construct(
            key=key, label=label, reference=_cite(cite), amount=amount, value=value, kind=kind,
            overridden=overridden, note=note,
        ))

    def _add_line(self, line: WorksheetLine) -> None:
        self.lines.append(line)
        if self._capture is not None:
            self._capture.append(("line", line))

    def need(self, message: str) -> None:
        """Record an input the model needs and the person has not given (never a silent zero)."""
        self._note("need", message, self.missing)

    def assume(self, text: str) -> None:
        self._note("assume", text, self.assumptions)

    def warn(self, text: str) -> None:
        self._note("warn", text, self.warnings)

    def _note(self, kind: str, text: str, into: list[str]) -> None:
        if self._capture is not None:
            self._capture.append((kind, text))
        if text not in into:
            into.append(text)

    def result(self, amount: Decimal | None, payer: ParentRole | None, payee: ParentRole | None) -> Estimate:
        if self.missing:
            amount, payer, payee = None, None, None
        return Estimate(
            **self.view.derived("estimate_header", lambda: _estimate_header(self.view)),
            amount=amount,
            payer=payer if amount else None,
            payee=payee if amount else None,
            lines=tuple(self.lines),
            assumptions=tuple(self.assumptions),
            warnings=tuple(self.warnings),
            missing=tuple(self.missing),
            amount_range=self.amount_range,
            discretionary=self.discretionary,
        )


def _estimate_header(view: RuleView) -> dict[str, Any]:
    """The parts of every estimate under ``view`` that come from the law alone (its name, period, caveats)."""
    rules = view.rules
    name = f"{rules.regions[view.region].name} — {rules.name}" if view.region else rules.name
    return {
        "jurisdiction": view.code, "jurisdiction_name": name, "model": rules.model, "as_of": view.as_of,
        "currency": rules.currency, "period": rules.period, "not_modelled": rules.not_modelled,
        "overrides": tuple(f"{k} = {v}" for k, v in view.overrides.items()), "confidence": rules.confidence.value,
    }
