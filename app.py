"""Streamlit entry point: page config, navigation, run. Nothing else (page code lives in ui/)."""

# Imported first, through Python's import lock: Plotly looks pandas up lazily in sys.modules, and a second
# session's first run could otherwise see a half-imported pandas while another thread is still importing it.
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import streamlit as st

from ui import chrome, memory

# a local icon: a Material icon name here would make the browser fetch it from a third-party server
st.set_page_config(page_title="Organizer", page_icon="ui/assets/favicon.png", layout="wide")

PAGES = [
    st.Page("ui/pages/start.py", title="Start", url_path="start", icon=":material/home:", default=True),
    st.Page("ui/pages/situation.py", title="Your situation", url_path="situation", icon=":material/person:"),
    st.Page("ui/pages/child_support.py", title="Child support", url_path="child-support", icon=":material/calculate:"),
    st.Page("ui/pages/lawyer.py", title="Do I need a lawyer?", url_path="lawyer", icon=":material/gavel:"),
    st.Page("ui/pages/documents.py", title="Documents", url_path="documents", icon=":material/checklist:"),
    st.Page("ui/pages/money.py", title="Money", url_path="money", icon=":material/payments:"),
    st.Page("ui/pages/report.py", title="Report", url_path="report", icon=":material/description:"),
]

page = st.navigation(PAGES)
chrome.render()
page.run()
memory.freeze_loaded_code()  # after a run that imported new code: see ui/memory.py (issue 20)
