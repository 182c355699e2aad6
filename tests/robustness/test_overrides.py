"""What-if values checked against the parameter's kind and unit: from the command line each bad one is exit 2 with
a plain line; in the app a bad value saved in a case is reported and can be removed - the page never stays broken.

Issue 19, defect 8: "1e999999999" for a rate gave a decimal overflow on every visit of the Child support page (in new
tabs too) and hid the Remove button; from the CLI negative or absurd overrides exited 1 (KeyError, TypeError), and a
negative New York cap gave an estimate of -0.01.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators.child_support import EstimateUnavailable, estimate
from casefile.models import Case, EstimateSettings
from casefile.storage import load_case, save_case
from tests.robustness.conftest import REPO, organizer

NY = REPO / "data" / "examples" / "US-NY.case.json"
HOSTILE: dict[str, tuple[str, str]] = {
    "negative cap": ("combined_income_cap", "-1"),
    "huge exponent for a percentage": ("child_support_percentage.1", "1e999999999"),
    "percentage over 100": ("child_support_percentage.1", "250"),
    "a whole table replaced by a number": ("child_support_percentage", "17"),
    "a list of kinds replaced by a number": ("income_kinds_counted", "5"),
    "a part that does not exist": ("child_support_percentage.9", "20"),
    "a part of a number": ("combined_income_cap.0", "20"),
    "fraction over 1": ("self_support_reserve_rate", "3"),
    "not a number": ("combined_income_cap", "lots"),
    "NaN": ("combined_income_cap", "NaN"),
    "a billion dollars": ("combined_income_cap", "1000000001"),
    "unknown parameter": ("no_such_parameter", "1"),
}


def _with_override(case: Case, key: str, value: str) -> Case:
    return case.model_copy(update={"estimate": EstimateSettings(as_of=case.estimate.as_of, overrides={key: value})})


def test_bad_what_if_values_from_the_cli(tally, tmp_path: Path) -> None:
    ny = load_case(NY)
    failures = []
    for name, (key, value) in HOSTILE.items():
        path = save_case(_with_override(ny, key, value), tmp_path / f"{len(failures)}-{key}.json")
        result = organizer("estimate", str(path))
        if not (result.code == 2 and "Traceback" not in result.stderr and "internal error" not in result.stderr
                and result.within_bounds):
            failures.append(f"{name}: {result.describe()}")
    tally.record("what-if values (organizer estimate)", len(HOSTILE), len(failures))
    assert failures == []


def test_a_negative_cap_is_refused_not_estimated() -> None:
    with pytest.raises(EstimateUnavailable, match="between 0 and"):
        estimate(_with_override(load_case(NY), "combined_income_cap", "-1"))


def test_good_what_if_values_still_work() -> None:
    ny = load_case(NY)
    children = str(min(len(ny.children), 5))
    lower = estimate(_with_override(ny, f"child_support_percentage.{children}", "15"))
    assert lower.overrides and lower.amount is not None and lower.amount < estimate(ny).amount


@pytest.mark.parametrize("name", ["huge exponent for a percentage", "a whole table replaced by a number"])
def test_a_bad_saved_what_if_never_breaks_the_page(tally, app_test, name: str) -> None:
    key, value = HOSTILE[name]
    case = _with_override(load_case(NY), key, value)
    for tab in ("first visit", "a new tab"):  # before: broken on every visit, in new tabs too
        at = app_test(case=case, page="child_support")
        assert not at.exception, (tab, [e.message for e in at.exception])
        assert any(key in e.value or "what-if" in e.value.lower() for e in at.error), [e.value for e in at.error]
    at.button(key=f"cs_ovr_rm_{key}").click().run()  # the Remove button is there and works
    assert not at.exception
    assert at.session_state["organizer_case"].estimate.overrides == {}
    assert not at.error
    tally.record("what-if values saved in a case (Child support page)", 1)


def test_typing_a_bad_what_if_changes_nothing(app_test) -> None:
    case = load_case(NY)
    at = app_test(case=case, page="child_support")
    at.selectbox(key="cs_ovr_key").select("combined_income_cap")
    at.text_input(key="cs_ovr_value").input("-5")
    at.button(key="cs_ovr_apply").click().run()
    assert not at.exception
    assert any("between 0 and" in e.value for e in at.error)
    assert at.session_state["organizer_case"].estimate.overrides == {}
    assert json.loads(case.model_dump_json())["estimate"]["overrides"] == {}
