"""Child support: the estimate with its cited worksheet, what-if charts, scenarios, cross-jurisdiction comparison,
what-if figures (overrides) and custom rule files.

Numbers come only from calculators.child_support.estimate (the same call `organizer estimate` makes for the saved
case) and calculators.whatif; this page formats them. The jurisdiction, as-of date and what-if figures chosen here
are stored in the Case, so reports and the command line show the same estimate. An uploaded rule file lives in this
session only and is never saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from calculators import whatif
from calculators.child_support import MODEL_DESCRIPTIONS, EstimateUnavailable, estimate, load_custom_rules, rule_view
from calculators.result import Estimate
from casefile.models import Case, EstimateSettings, ParentRole, other_role
from casefile.money import Period
from casefile.validation import CaseInvalid, revise
from jurisdictions.loader import LoadedRules, RuleView, jurisdiction_codes, rules_on
from jurisdictions.rules import RuleFile
from jurisdictions.yamlstrict import DataFileError
from reports.citations import caveat_for_print, split_cite
from reports.plain_words import terms_in
from ui import state
from ui.intake_widgets import code_label, codes_with, drop_irrelevant, money, rules_for
from ui.theme import scroll_region
from ui.widgets import estimate_notice, require_case

CUSTOM = "cs_custom_rules"  # {"digest", "name", "loaded"}: the uploaded rule file (this session only)
CUSTOM_PROBLEMS = "cs_custom_problems"
NOTICES = "cs_notices"
UPLOAD_ROUND = "cs_upload_round"  # bumps the uploader's key to clear it
CHART_POINTS = 500


def _accept_rule_text(data: bytes, file_name: str) -> None:
    """Parse an uploaded or pasted rule file; keep it only if it is valid (a bad file changes nothing)."""
    digest = hashlib.sha256(data).hexdigest()
    held = st.session_state.get(CUSTOM)
    if held and held["digest"] == digest:
        return
    try:
        text = data.decode("utf-8")
        loaded = load_custom_rules(text, file_name)
    except UnicodeDecodeError:
        st.session_state[CUSTOM_PROBLEMS] = [f"{file_name}: the file is not UTF-8 text"]
    except DataFileError as exc:
        st.session_state[CUSTOM_PROBLEMS] = [str(p) for p in exc.problems]
    else:
        st.session_state[CUSTOM] = {"digest": digest, "name": file_name, "loaded": loaded}
        st.session_state.pop(CUSTOM_PROBLEMS, None)


def _custom() -> LoadedRules | None:
    held = st.session_state.get(CUSTOM)
    return held["loaded"] if held else None


def _forget_custom() -> None:
    st.session_state.pop(CUSTOM, None)
    st.session_state.pop(CUSTOM_PROBLEMS, None)
    st.session_state["cs_use_custom"] = False
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


# --- choosing the law --------------------------------------------------------------------------------------------


def _save(case: Case, **changes: Any) -> Case:
    try:
        new = revise(case, **changes)
    except CaseInvalid as exc:
        st.session_state[NOTICES] = ["That change could not be made: " + "; ".join(e.message for e in exc.errors)]
        return case
    state.set_case(new)
    return new


def _on_jurisdiction() -> None:
    """Store the chosen jurisdiction, clearing answers it makes irrelevant (and saying so)."""
    case = state.current_case()
    chosen = st.session_state["cs_jur"]
    if case is None or chosen == case.jurisdiction:
        return
    changes, notices = drop_irrelevant(case, chosen)
    _save(case, jurisdiction=chosen, **changes)
    st.session_state[NOTICES] = notices


def _on_as_of() -> None:
    case = state.current_case()
    if case is None:
        return
    as_of = None if st.session_state["cs_today"] else (st.session_state.get("cs_asof") or dt.date.today())
    _save(case, estimate=case.estimate.model_copy(update={"as_of": as_of}))


def _choose_law(case: Case) -> tuple[str | None, dict[str, LoadedRules] | None]:
    """Jurisdiction and as-of date (saved in the Case), or the uploaded rule file (this session only).

    The widgets always start from the Case, so a change made on another page is never undone here."""
    custom = _custom()
    use_custom = custom is not None and st.session_state.get("cs_use_custom", False)
    st.session_state["cs_jur"] = case.jurisdiction
    st.session_state["cs_today"] = case.estimate.as_of is None
    if case.estimate.as_of is not None:
        st.session_state["cs_asof"] = case.estimate.as_of
    c1, c2 = st.columns([3, 2])
    c1.selectbox("Jurisdiction (the law used for the estimate)", codes_with(case.jurisdiction),
                 format_func=code_label, key="cs_jur", disabled=use_custom, on_change=_on_jurisdiction)
    with c2:
        st.checkbox("Use today's date", key="cs_today", on_change=_on_as_of)
        if case.estimate.as_of is not None:
            st.date_input("Work out the estimate as of", min_value=dt.date(1990, 1, 1),
                          max_value=dt.date(2100, 12, 31), key="cs_asof", format="DD/MM/YYYY", on_change=_on_as_of)
    for notice in st.session_state.pop(NOTICES, []):
        st.info(notice, icon=":material/refresh:")
    if use_custom and custom is not None:
        return custom.rules.code, {custom.rules.code: custom}
    return None, None


def _law_facts(rules: RuleFile, custom: bool) -> None:
    eff = rules.effective
    span = f"{eff.from_:%d %b %Y} to {eff.to:%d %b %Y}" if eff.to else f"from {eff.from_:%d %b %Y}"
    cols = st.columns(4)
    cols[0].markdown(f"**How it works**  \n{MODEL_DESCRIPTIONS.get(rules.model, rules.model)}")
    cols[1].markdown(f"**Amount stated**  \n{rules.period.label} ({rules.currency})")
    cols[2].markdown(f"**Rules cover**  \n{span}")
    cols[3].markdown(f"**Sources**  \n{rules.confidence.label}")
    st.markdown(f"The date of the estimate means: {plain_sentences(eff.date_basis)} These rules were last checked "
                f"against their sources on {rules.last_verified:%d %B %Y}.")
    if custom:
        st.warning("This estimate uses **your uploaded rule file**, not the rule file shipped with the app. It is "
                   "kept for this session only.", icon=":material/upload_file:")


# --- the estimate --------------------------------------------------------------------------------------------------


def headline(case: Case, est: Estimate) -> str:
    """'Jordan pays Sam about £94.00 a week' (pure: tests read it)."""
    if est.missing:
        return "No amount yet: some information is missing."
    if est.amount is not None and est.payer and est.payee:
        return (f"{case.name(est.payer)} pays {case.name(est.payee)} about "
                f"{money(est.amount, est.currency)} {est.period.label}")
    return "On these figures no child support is payable under this guideline."


def worksheet_html(est: Estimate) -> str:
    """The worksheet as a table: each line's amount and the law or official source it follows (the citation part of
    its reference: reports.citations.split_cite; where each figure was read is in the professionals' view), in a
    region that scrolls sideways on a phone. Linked where the reference is law or an official source with an
    address (an address that is a copy is provenance, not a citation)."""
    rows = []
    for line in est.lines:
        shown = money(line.amount, est.currency) if line.amount is not None else (line.value or "")
        label = html.escape(line.label)
        if line.kind == "result":
            label = f"<strong>{label}</strong>"
        if line.overridden:
            label += " ✱ <em>what-if figure</em>"
        note = caveat_for_print(line.note).printed if line.note else ""
        if note:
            label += f"<br><small>{html.escape(note)}</small>"
        split = split_cite(est.jurisdiction, line.reference)
        ref = html.escape(split.citation)
        if line.reference.url and not split.has_provenance:
            ref = f'<a href="{html.escape(line.reference.url, quote=True)}">{ref}</a>'
        rows.append(f'<tr><td>{label}</td><td style="text-align:right">{html.escape(shown)}</td><td>{ref}</td></tr>')
    table = ('<table><thead><tr><th scope="col">Step</th><th scope="col" style="text-align:right">Amount</th>'
             '<th scope="col">The law it follows</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    return scroll_region(table, "The worksheet, step by step")


def provenance(est: Estimate, rules: RuleFile | None) -> list[str]:
    """Where the figures were read and how sure that reading is, for professionals: each line's provenance (from
    reports.citations.split_cite), the caveats as the estimate wrote them, and the rule file's confidence note."""
    out: list[str] = []
    if rules is not None and rules.confidence_note:
        out.append(f"The rules as a whole ({rules.confidence.label.lower()}): {rules.confidence_note}")
    for line in est.lines:
        split = split_cite(est.jurisdiction, line.reference)
        if split.has_provenance:
            sure = f" (confidence: {split.confidence})" if split.confidence else ""
            out.append(f"{line.label}{sure}: " + "; ".join(split.provenance))
    caveats = (*est.assumptions, *est.warnings, *est.not_modelled, *(line.note for line in est.lines if line.note))
    out += [f"As the estimate states it: {c.source_note}" for c in map(caveat_for_print, caveats) if c.source_note]
    return out


def plain_sentences(text: str) -> str:
    """``text`` without the sentences (or clauses) that say where something was read, ending with a full stop."""
    kept = [c.printed for c in map(caveat_for_print, re.split(r"(?<=[.;])\s+", text.strip())) if c.printed]
    out = " ".join(kept).rstrip(" .;")
    return f"{out}." if out else ""


def _plain(caveats: tuple[str, ...]) -> list[str]:
    """Caveats without the clauses that say where something was read (those are in the professionals' view)."""
    return [c.printed for c in map(caveat_for_print, caveats) if c.printed]


def _glossary(est: Estimate) -> None:
    shown = [line.label for line in est.lines] + [split_cite(est.jurisdiction, line.reference).citation
                                                  for line in est.lines]
    terms = terms_in([*shown, *est.assumptions, *est.warnings, *est.not_modelled])
    if terms:
        st.markdown("**Words the law uses here**\n\n" + "\n".join(f"- **{term}**: {meaning}"
                                                                    for term, meaning in terms))


def _show_estimate(case: Case, est: Estimate, rules: RuleFile | None) -> None:
    st.markdown(f"**Estimate** under {est.jurisdiction_name}, as of {est.as_of:%d %B %Y}")
    if est.missing:
        st.markdown(f"### {headline(case, est)}")
        st.warning("**What to enter** to get an estimate:\n\n" + "\n".join(f"- {m}" for m in est.missing),
                   icon=":material/edit_note:")
        st.page_link("ui/pages/situation.py", label="Go to Your situation to enter it", icon=":material/person:")
    else:
        st.markdown(f"## {headline(case, est)}")
        if est.amount:
            per = {p: est.per(p) for p in (Period.WEEK, Period.MONTH, Period.YEAR) if p != est.period}
            st.markdown("That is about " + ", or ".join(f"{money(v, est.currency, whole=True)} {p.label}"
                                                        for p, v in per.items()) + ".")
    if est.amount_range:
        low, high = est.amount_range
        st.markdown(f"The law leaves a range here: {money(low, est.currency)} to {money(high, est.currency)} "
                    f"{est.period.label}.")
    if est.discretionary:
        st.info("Above this point the amount is for the court to decide: the figure is only a starting point.")
    if est.overrides:
        st.warning("This estimate uses **what-if figures** instead of the law's: " + "; ".join(est.overrides)
                   + ". Lines that use them are marked ✱.", icon=":material/science:")
    for warning in _plain(est.warnings):
        st.warning(warning)
    with st.expander("The worksheet: how the estimate is worked out, step by step", expanded=True):
        with st.container(key="narrow_hint_worksheet"):  # shown on a narrow screen only (ui/theme.py)
            st.markdown(":material/swipe: Swipe the table sideways to see the law each step follows.")
        st.markdown(worksheet_html(est), unsafe_allow_html=True)
        _glossary(est)
    assumptions = _plain(est.assumptions)
    if assumptions:
        st.markdown("**Assumptions made**\n\n" + "\n".join(f"- {a}" for a in assumptions))
    with st.expander("What this estimate does not include"):
        st.markdown("\n".join(f"- {item}" for item in _plain(est.not_modelled)))
    notes = provenance(est, rules)
    if notes:
        with st.expander("For professionals: where the figures were read"):
            st.markdown("The worksheet cites the law and official sources. This says where each figure was read "
                        "(a copy, a transcription, a secondary source) and how sure that reading is.")
            st.markdown("\n".join(f"- {n}" for n in notes))


# --- what-if charts ---------------------------------------------------------------------------------------------------


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)  # display only: plotted, never computed with


def curve_figure(case: Case, curve: whatif.Curve, x_title: str) -> go.Figure:
    """The curve as two lines (who pays whom), today's case marked, the rule file's thresholds as dotted lines.

    Built in one go (traces and a layout with the threshold lines as shapes): Plotly's add_vline costs about 10 ms a
    line, more than working out the curve itself."""
    role, other = curve.role, other_role(curve.role)
    xs = [_float(p.x) for p in curve.points]
    traces = [
        go.Scatter(x=xs, y=[_float(p.paid_by(payer)) for p in curve.points], mode="lines",
                   name=f"{case.name(payer)} pays {case.name(payee)}", line={"color": colour})
        for payer, payee, colour in ((role, other, "#1d70b8"), (other, role, "#f47738"))
    ]
    if curve.current is not None and curve.current.amount is not None:
        traces.append(go.Scatter(
            x=[_float(curve.current.x)], y=[_float(curve.current.amount)], mode="markers+text", name="Today",
            text=["Today"], textposition="top center", marker={"size": 12, "color": "#0b0c0c", "symbol": "diamond"}))
    thresholds = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": float(t.x), "x1": float(t.x), "y0": 0, "y1": 1,
         "line": {"dash": "dot", "color": "#505a5f"}, "opacity": 0.6}
        for t in curve.thresholds
    ]
    return go.Figure(data=traces, layout={
        "height": 380, "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": f"Estimate {curve.period.label} ({curve.currency})"}},
        "shapes": thresholds,
    })


def _threshold_notes(curve: whatif.Curve, unit: str) -> str:
    seen: list[str] = []
    for t in curve.thresholds:
        shown = money(t.x, curve.currency) if unit == "money" else f"{t.x.normalize():f} nights"
        seen.append(f"{shown}: {t.label}")
    return "Dotted lines (from the rule file): " + "; ".join(dict.fromkeys(seen)) if seen else ""


def default_role(case: Case, est: Estimate | None) -> ParentRole:
    """Whose income and nights the charts change: the payer, else the parent with fewer nights."""
    if est is not None and est.payer:
        return est.payer
    pt = case.parenting_time
    return "parent_b" if pt.overnights_with_b <= pt.overnights_with_a else "parent_a"


@st.fragment
def _charts(case: Case, view: RuleView, est: Estimate | None) -> None:
    st.subheader("What if things changed?")
    st.markdown("Each point is the same estimate worked out again with one thing changed; everything else stays as "
                "you entered it.")
    names = {r: case.name(r) for r in ("parent_a", "parent_b")}
    roles = list(names)
    role = st.radio("Whose income and nights to change", roles, index=roles.index(default_role(case, est)),
                    format_func=names.__getitem__, horizontal=True, key="cs_chart_role")
    # Only the open tab's chart is worked out (each is hundreds of estimates): switching tabs reruns the page.
    pay_tab, nights_tab = st.tabs(["Pay from work", "Nights with each parent"], key="cs_chart_tab", on_change="rerun")
    if pay_tab.open:
        with pay_tab:
            period = whatif.income_axis_period(view)
            thresholds = whatif.income_thresholds(view, period)
            xs = whatif.income_range(whatif.wages(case, role, period), thresholds, CHART_POINTS)
            curve = whatif.income_curve(case, view, role, xs, period)
            st.plotly_chart(curve_figure(case, curve, f"{names[role]}'s pay from work, {period.label} "
                                                      f"({curve.currency})"), key="cs_income_chart")
            st.caption(f"Other income and deductions stay as entered. {_threshold_notes(curve, 'money')}")
    if nights_tab.open:
        with nights_tab:
            nights = whatif.overnights_curve(case, view, role)
            st.plotly_chart(curve_figure(case, nights, f"Nights a year with {names[role]}"), key="cs_nights_chart")
            note = _threshold_notes(nights, "nights")
            if nights.per_child_cleared:
                note += " Children's own nights are replaced by the family pattern along this chart."
            st.caption(note)


# --- scenarios and comparisons --------------------------------------------------------------------------------------


def _outcome_row(case: Case, outcome: whatif.Outcome, scenario_case: Case | None = None) -> dict[str, str]:
    c = scenario_case or case
    est = outcome.estimate
    row = {"Scenario": outcome.label}
    if est is None:
        row["Estimate"] = outcome.problem
        return row
    row["Jurisdiction"] = est.jurisdiction
    row["Estimate"] = headline(c, est) if not est.missing else "Missing: " + "; ".join(est.missing)
    for role in ("parent_a", "parent_b"):
        annual = c.parent(role).annual_income()  # type: ignore[arg-type]
        row[f"{c.name(role)}: income a year"] = money(annual, est.currency, whole=True)  # type: ignore[arg-type]
    row["Nights (A / B)"] = f"{c.parenting_time.overnights_with_a} / {c.parenting_time.overnights_with_b}"
    return row


def _scenarios(case: Case, extra: dict[str, LoadedRules] | None) -> None:
    st.subheader("Scenarios: save and compare")
    st.markdown("Save the inputs as they are now under a name (for example “if I get the job”), change things on "
                "Your situation, and compare side by side.")
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    name = c1.text_input("Name for the current inputs", key="cs_scen_name", max_chars=80)
    if c2.button("Save as a scenario", key="cs_scen_save"):
        if not name.strip():
            st.error("Type a name for the scenario.")
        elif any(s.name == name.strip() for s in case.scenarios):
            st.error("A scenario with that name exists already; choose another name.")
        else:
            case = _save(case, scenarios=(*case.scenarios, whatif.scenario_of(case, name.strip())))
            st.success(f"Saved “{name.strip()}”.")
    if not case.scenarios:
        return
    outcomes = whatif.compare_scenarios(case, extra_rules=extra)
    rows = [_outcome_row(case, outcomes[0])]
    for outcome, scenario in zip(outcomes[1:], case.scenarios, strict=True):
        rows.append(_outcome_row(case, outcome, whatif.apply_scenario(case, scenario)))
    st.dataframe(rows, hide_index=True, key="cs_scen_table")
    for i, scenario in enumerate(case.scenarios):
        c1, c2, c3 = st.columns([3, 2, 1])
        c1.markdown(f"**{scenario.name}**")
        if c2.button("Use these inputs", key=f"cs_scen_use_{i}",
                     help="Replaces the parents' details, income and parenting time with this scenario's"):
            _save(case, **{k: getattr(scenario, k) for k in ("parent_a", "parent_b", "parenting_time")},
                  jurisdiction=scenario.jurisdiction or case.jurisdiction)
            st.rerun()
        if c3.button("Delete", key=f"cs_scen_del_{i}"):
            _save(case, scenarios=tuple(s for j, s in enumerate(case.scenarios) if j != i))
            st.rerun()


def one_per_rule_file(codes: list[str], first: str) -> list[str]:
    """``first`` (if selectable), then one code per other rule file (Canada's provinces share one law)."""
    seen: set[str] = set()
    out: list[str] = []
    for code in ([first] if first in codes else []) + codes:
        rules = rules_for(code)
        family = rules.code if rules else code
        if family not in seen:
            seen.add(family)
            out.append(code)
    return out


@st.fragment
def _across(case: Case) -> None:
    with st.expander("Compare with other places (a learning aid)"):
        st.warning("The law that applies to you depends on where you and the children live: **it is not a choice**. "
                   "This table only shows how different guidelines treat the same figures, each in its own "
                   "currency (amounts are not converted, and taxes are not recalculated).", icon=":material/school:")
        codes = jurisdiction_codes()
        chosen = st.multiselect("Places to compare", codes, default=one_per_rule_file(codes, case.jurisdiction),
                                format_func=code_label, key="cs_across")
        if not chosen:
            return
        rows = []
        for outcome in whatif.compare_jurisdictions(case, chosen):
            est = outcome.estimate
            if est is None:
                rows.append({"Place": code_label(outcome.label), "Estimate": outcome.problem})
            elif est.missing:
                rows.append({"Place": code_label(outcome.label), "Estimate": "Missing: " + "; ".join(est.missing)})
            else:
                month = est.per(Period.MONTH)
                rows.append({"Place": code_label(outcome.label), "Estimate": headline(case, est),
                             "About a month": money(month, est.currency, whole=True) if month is not None else ""})
        st.dataframe(rows, hide_index=True, key="cs_across_table")


# --- what-if figures (overrides) and custom rule files ----------------------------------------------------------------


def overridable_figures(view: RuleView) -> dict[str, str]:
    """Every number in the rule file that a what-if may change, as 'name' or 'name.part' -> a plain label."""
    out: dict[str, str] = {}

    def visit(path: tuple[str, ...], value: Any, description: str) -> None:
        if isinstance(value, Decimal):
            out[".".join(path)] = f"{description} [{'.'.join(path)}] — now {value.normalize():f}"
        elif isinstance(value, dict):
            for key, sub in value.items():
                visit((*path, str(key)), sub, description)
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                visit((*path, str(i)), sub, description)

    for name, param in view.rules.parameters.items():
        if not param.overridable:
            continue
        try:
            raw = view.value(name)
        except LookupError:
            continue
        visit((name,), raw, param.description.split(".")[0][:90])
    return out


def _overrides(case: Case, code: str | None, extra: Mapping[str, LoadedRules] | None) -> None:
    with st.expander("What if a figure in the rules were different? (what-if figures)"):
        st.markdown("Change any rate, cap or threshold to see its effect. The estimate then says it uses a what-if "
                    "figure, the changed lines are marked ✱, and the report shows it too. This is not the law.")
        try:
            view = rule_view(case, jurisdiction=code, overrides={}, extra_rules=extra)
        except EstimateUnavailable as exc:
            st.info(str(exc))
            return
        figures = overridable_figures(view)
        current = dict(case.estimate.overrides)
        for key, value in current.items():
            c1, c2 = st.columns([4, 1])
            c1.markdown(f"✱ **{figures.get(key, key)}** → **{value}**")
            if c2.button("Remove", key=f"cs_ovr_rm_{key}"):
                current.pop(key)
                _save(case, estimate=EstimateSettings(as_of=case.estimate.as_of, overrides=current))
                st.rerun()
        if not figures:
            return
        c1, c2, c3 = st.columns([4, 1.5, 1.2], vertical_alignment="bottom")
        key = c1.selectbox("Figure", list(figures), format_func=figures.__getitem__, key="cs_ovr_key")
        text = c2.text_input("What-if value", key="cs_ovr_value", placeholder="e.g. 0.15")
        if c3.button("Apply what-if", key="cs_ovr_apply"):
            proposed = {**current, key: text.strip()}
            try:
                rules_on(view.code, view.as_of, proposed, extra)
            except (LookupError, ValueError) as exc:
                st.error(str(exc).strip("'\""))
            else:
                _save(case, estimate=EstimateSettings(as_of=case.estimate.as_of, overrides=proposed))
                st.rerun()


def _custom_rules_panel() -> None:
    with st.expander("Use your own rule file (advanced)"):
        st.caption("For professionals testing a change in the law: a rule file in the format of "
                   "jurisdictions/README.md. It is checked exactly like `organizer rules validate`; a file with "
                   "problems changes nothing. It is kept for this session only and never saved.")
        upload = st.file_uploader("Rule file (.yaml)", type=["yaml", "yml"],
                                  key=f"cs_rule_upload_{st.session_state.get(UPLOAD_ROUND, 0)}")
        if upload is not None:
            _accept_rule_text(upload.getvalue(), upload.name)
        pasted = st.text_area("…or paste the rule file's text", key="cs_rule_text", height=120)
        if st.button("Check and use the pasted text", key="cs_rule_check") and pasted.strip():
            _accept_rule_text(pasted.encode("utf-8"), "pasted-rules.yaml")
        problems = st.session_state.get(CUSTOM_PROBLEMS)
        if problems:
            st.error("That rule file has problems, so nothing was changed:")
            st.code("\n".join(problems), language=None)
        custom = _custom()
        if custom is not None:
            st.success(f"Checked: {st.session_state[CUSTOM]['name']} — {custom.rules.name} ({custom.rules.code}).")
            st.toggle("Use the uploaded rule file for the estimate", key="cs_use_custom")
            st.button("Forget the uploaded rule file", key="cs_rule_forget", on_click=_forget_custom)


# --- the page ---------------------------------------------------------------------------------------------------------


def render() -> None:
    st.title("Child support")
    case = require_case()
    estimate_notice()
    code, extra = _choose_law(case)
    case = state.current_case() or case
    rules = (extra[code].rules if extra and code else rules_for(case.jurisdiction))
    if rules is not None:
        _law_facts(rules, custom=bool(extra))
    # the case's what-if figures name its own jurisdiction's parameters: not applied to another uploaded law
    foreign = bool(extra) and code != case.jurisdiction
    overrides = {} if foreign else None
    est: Estimate | None = None
    try:
        est = estimate(case, jurisdiction=code, overrides=overrides, extra_rules=extra)
    except EstimateUnavailable as exc:
        st.error(str(exc), icon=":material/block:")
    if est is not None:
        _show_estimate(case, est, rules)
        st.markdown("Estimate, not legal advice: a court or agency may decide differently.")
        try:
            _charts(case, rule_view(case, jurisdiction=code, overrides=overrides, extra_rules=extra), est)
        except EstimateUnavailable as exc:
            st.info(str(exc))
    _scenarios(case, extra)
    _across(case)
    st.subheader("Change the figures (advanced)")
    if foreign:
        st.info("What-if figures belong to the case's own jurisdiction. Turn off the uploaded rule file to use them.")
    else:
        _overrides(case, code, extra)
    _custom_rules_panel()
