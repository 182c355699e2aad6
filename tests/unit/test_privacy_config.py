"""Private by default, checked: the Streamlit config and the code's use of caches and logs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())


def test_no_usage_statistics() -> None:
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_bound_to_loopback_only() -> None:
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["browser"]["serverAddress"] == "127.0.0.1"


def test_xsrf_and_cors_protection_on() -> None:
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True


def test_error_details_hidden_and_uploads_only_as_large_as_a_case_file() -> None:
    """Every case file this app writes can be opened again through the upload widget, and nothing much larger."""
    import math

    from casefile.storage import MAX_FILE_BYTES

    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["server"]["maxUploadSize"] == math.ceil(MAX_FILE_BYTES / (1024 * 1024))


def test_websocket_host_names_are_local_only() -> None:
    assert set(CONFIG["server"]["allowedHosts"]) == {"127.0.0.1", "localhost"}


def test_session_state_serializability_is_checked_by_the_tests() -> None:
    """Off in the running app (it pickled the whole case on every rerun: see the config's comment), on in the tests
    (tests/conftest.py), so a value that cannot be pickled is still caught."""
    from streamlit import config

    assert CONFIG["runner"]["enforceSerializableSessionState"] is False
    assert config.get_option("runner.enforceSerializableSessionState") is True


def test_the_tests_catch_a_session_state_value_that_cannot_be_pickled() -> None:
    from streamlit.testing.v1 import AppTest

    # the page's error is redacted (showErrorDetails = "none"): a picklable value beside it shows the check is the cause
    assert AppTest.from_string("import streamlit as st\nst.session_state['f'] = lambda: 1\n").run().exception
    assert not AppTest.from_string("import streamlit as st\nst.session_state['f'] = 1\n").run().exception


def test_config_keys_are_real_streamlit_options() -> None:
    """A misspelt option would be silently ignored: check each against Streamlit's own list."""
    from streamlit import config

    known = set(config._config_options_template)  # type: ignore[attr-defined]
    for section, values in CONFIG.items():
        for key in values:
            assert f"{section}.{key}" in known, f"unknown Streamlit option {section}.{key}"


def _code_files() -> list[Path]:
    return [p for folder in ("ui", "calculators", "casefile", "checklists", "reports", "jurisdictions")
            for p in (REPO / folder).rglob("*.py")] + [REPO / "app.py", REPO / "cli.py", REPO / "serve.py"]


def test_no_shared_caches_hold_personal_data() -> None:
    """st.cache_data / st.cache_resource are shared across sessions: no function that takes a Case may use them."""
    offenders = []
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"@st\.cache_(data|resource)[^\n]*\n(?:@[^\n]*\n)*def \w+\(([^)]*)\)", text):
            if re.search(r"\bcase\b|Case\b|parent|child|income", match.group(2)):
                offenders.append(f"{path.relative_to(REPO)}: {match.group(0).splitlines()[-1]}")
    assert offenders == []


def test_no_query_parameters_carry_data() -> None:
    """Personal data never goes into URLs: the app does not write st.query_params."""
    offenders = [str(p.relative_to(REPO)) for p in _code_files()
                 if re.search(r"st\.query_params\s*(\[|\.update|\.from_dict|=)", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_logging_of_case_data() -> None:
    """The app does not log: no logging calls and no print() in UI code (output reaches the server's log)."""
    offenders = []
    for path in _code_files():
        if path.name == "cli.py":
            continue  # the command line prints to its own user, by design
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"^\s*(print\(|logging\.|logger\.|_LOG\.)", line) and "noqa: privacy" not in line:
                offenders.append(f"{path.relative_to(REPO)}:{number}")
    assert offenders == []
