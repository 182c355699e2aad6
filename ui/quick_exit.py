"""Quick exit on every page, after the GOV.UK "Exit this page" pattern: a prominent button, and Shift pressed three
times within 5 seconds.

Order of events (so the server forgets the case even though the page leaves):
1. In the browser (a script in the app page itself, via st.html with JavaScript allowed - no iframe): cover the page
   at once with a blank layer, then click a hidden Streamlit button.
2. On the server, that button's callback runs before anything else in the rerun: ``state.clear_session()`` deletes
   everything this session holds - the case, its file path, every widget value, the files it uploaded and the files
   its download buttons produced (Streamlit would otherwise keep serving the last download, to anyone with its URL,
   until other sessions ran twice) - and leaves only a flag that says so.
   The rerun then renders a marker element.
3. In the browser: seeing the marker, the script calls ``window.location.replace(exit_url)``, which swaps the current
   history entry for the neutral site, so Back does not come back to this page. If the server has not answered
   within 1.5 seconds the browser leaves anyway (leaving quickly matters more); the session then ends when the
   connection closes.

Why not st.components.v2 (DESIGN.md's hint): in Streamlit 1.67 a v2 component puts an unpicklable object into
st.session_state, and this app enforces serializable session state (.streamlit/config.toml), so every run failed.
st.html(..., unsafe_allow_javascript=True) also runs in the page itself, and a hidden button carries the signal back.

What it cannot do (said on the "Do I need a lawyer?" page): erase browser history, downloads or files saved on this
computer.

The destination is ORGANIZER_EXIT_URL (http or https), else a neutral weather page. Tests point it at a local URL.
"""

from __future__ import annotations

import json
import logging
import os

import streamlit as st

from ui import state

EXIT_URL_ENV = "ORGANIZER_EXIT_URL"
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
ACK_KEY = "quick_exit_ack"
CLEAR_BUTTON_KEY = "quick_exit_clear"
LOG = logging.getLogger(__name__)
FALLBACK_MS = 1500
SHIFT_PRESSES = 3
SHIFT_WINDOW_MS = 5000

_CSS = """
<style>
/* In the app's top bar, so it stays visible without covering the page. The script makes it the first element of the
   page's body, so it is the first Tab stop. (No tags in this text: the sanitiser would drop the whole style.) */
.organizer-qe { position: fixed; top: 0.55rem; right: 3.75rem; z-index: 1000002; }
.organizer-qe button {
  display: inline-block; margin: 0; padding: 0.55rem 1rem; border: 0; border-radius: 0.35rem; cursor: pointer;
  background: #d4351c; color: #ffffff; font: inherit; font-weight: 700; font-size: 1rem; line-height: 1.25;
  box-shadow: 0 2px 0 #55150b;
}
.organizer-qe button:hover { background: #aa2a16; }
/* GOV.UK's focus style: yellow with a dark bar, visible on any background */
.organizer-qe button:focus { outline: 3px solid transparent; }
.organizer-qe button:focus-visible { background: #ffdd00; color: #0b0c0c; box-shadow: 0 4px 0 #0b0c0c; }
.organizer-qe-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
/* On a narrow screen the open menu reaches the top right, where its close control is: the button moves to the
   menu's empty top left instead of covering that control. */
@media (max-width: 640px) {
  body:has([data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]) .organizer-qe { right: auto; left: 1rem; }
}
@media print { .organizer-qe { display: none; } }
.st-key-quick_exit_clear { display: none !important; }
</style>
"""

# The button itself is made by the script, once per page load, as the first element of the page's body: outside the
# part of the page Streamlit redraws, so it is the first Tab stop on every page (before the menu and "Skip to main
# content") and never drawn twice. A <button>, so Enter and Space both press it. Built with DOM calls, not markup:
# Streamlit's HTML sanitiser drops a script or style element whose text looks like a tag.
BUTTON_LABEL = "Exit this page"
BUTTON_TITLE = "Leaves this app at once and clears what you entered here. Shortcut: press Shift 3 times."

# Runs in the app page itself (st.html with JavaScript allowed: not an iframe). State lives on window, so the
# listeners are installed once however often Streamlit re-renders the element; clicks are caught by delegation.
_JS = """
<script>
(function () {
  const qe = window.__organizerQuickExit || (window.__organizerQuickExit = {
    count: 0, timer: null, lastWasModified: false, pending: false, installed: false,
  });
  qe.url = {url_json};
  if (!document.querySelector('body > .organizer-qe')) {
    const region = document.createElement('div');
    region.className = 'organizer-qe';
    region.setAttribute('role', 'region');
    region.setAttribute('aria-label', 'Quick exit');
    region.setAttribute('data-testid', 'quick-exit');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = {label_json};
    button.title = {title_json};
    button.setAttribute('data-quick-exit', 'button');
    button.setAttribute('data-testid', 'quick-exit-button');
    const status = document.createElement('span');
    status.className = 'organizer-qe-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    region.append(button, status);
    document.body.insertBefore(region, document.body.firstChild);
  }
  if (qe.installed) { return; }
  qe.installed = true;
  const leave = () => { window.location.replace(qe.url); };
  qe.exit = () => {
    if (qe.pending) { return; }
    qe.pending = true;
    const cover = document.createElement('div');
    cover.setAttribute('data-testid', 'quick-exit-cover');
    cover.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:2147483647;';
    document.body.appendChild(cover);
    document.title = '';
    const fallback = window.setTimeout(leave, {fallback_ms});
    // ask the server to forget this session (a hidden Streamlit button), then leave once it says it has
    const clear = document.querySelector('.st-key-quick_exit_clear button');
    if (clear) { clear.click(); } else { window.clearTimeout(fallback); leave(); return; }
    const poll = window.setInterval(() => {
      if (document.querySelector('[data-quick-exit-cleared]')) {
        window.clearInterval(poll); window.clearTimeout(fallback); leave();
      }
    }, 40);
  };
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-quick-exit="button"]') : null;
    if (target) { event.preventDefault(); qe.exit(); }
  }, true);
  // GOV.UK's rule: count a Shift key-up unless the key before it was pressed with Shift held (typing capitals);
  // any other key resets the count; so does a pause of 5 seconds.
  document.addEventListener('keyup', (event) => {
    const status = document.querySelector('.organizer-qe-status');
    if (event.key === 'Shift' && !qe.lastWasModified) {
      qe.count += 1;
      window.clearTimeout(qe.timer);
      if (qe.count >= {presses}) {
        qe.count = 0;
        qe.exit();
      } else {
        qe.timer = window.setTimeout(() => { qe.count = 0; }, {window_ms});
        const left = {presses} - qe.count;
        if (status) { status.textContent = 'Press Shift ' + left + ' more time' + (left === 1 ? '' : 's') + ' to exit.'; }
      }
    } else if (event.key !== 'Shift') {
      qe.count = 0;
      window.clearTimeout(qe.timer);
    }
    qe.lastWasModified = event.shiftKey;
  }, true);
  // a page brought back from the back-forward cache after an exit leaves again at once
  window.addEventListener('pageshow', (event) => { if (event.persisted && qe.pending) { leave(); } });
})();
</script>
"""

CLEARED_MARKER = '<span data-quick-exit-cleared="1" hidden></span>'


def exit_url() -> str:
    """Where quick exit goes: ORGANIZER_EXIT_URL if it is an http(s) address, else a neutral weather page."""
    configured = os.environ.get(EXIT_URL_ENV, "").strip()
    if configured.startswith(("https://", "http://")) and len(configured) < 2000:
        return configured
    return DEFAULT_EXIT_URL


def _script_string(value: str) -> str:
    """``value`` as a JavaScript string literal with no ``<`` in it: it cannot close the script element early, and
    Streamlit's HTML sanitiser drops a script whose text looks like it holds a tag."""
    return json.dumps(value).replace("<", "\\u003c")


def page_html(url: str, cleared: bool) -> str:
    """The style, the script that puts the button first in the page, and (after a clear) the marker the script
    waits for."""
    script = (_JS.replace("{url_json}", _script_string(url)).replace("{label_json}", _script_string(BUTTON_LABEL))
              .replace("{title_json}", _script_string(BUTTON_TITLE))
              .replace("{fallback_ms}", str(FALLBACK_MS)).replace("{presses}", str(SHIFT_PRESSES))
              .replace("{window_ms}", str(SHIFT_WINDOW_MS)))
    return _CSS + script + (CLEARED_MARKER if cleared else "")


def render() -> None:
    """The exit button (fixed at the top right of every page), the Shift x3 shortcut, and the hidden clear button."""
    st.html(page_html(exit_url(), bool(st.session_state.get(ACK_KEY))), unsafe_allow_javascript=True)
    st.button("Clear this session for quick exit", key=CLEAR_BUTTON_KEY, on_click=clear_for_exit)
    with st.sidebar:
        st.markdown("To leave quickly: the red **Exit this page** button, or press Shift 3 times.")
        st.page_link("ui/pages/lawyer.py", label="About quick exit", icon=":material/logout:")


def clear_for_exit() -> None:
    """Forget everything this session holds; keep only the flag the browser waits for before it leaves."""
    state.clear_session()
    st.session_state[ACK_KEY] = True
    # no personal data in the log: only that it happened (the e2e test reads this line)
    LOG.warning("quick exit: session cleared")
