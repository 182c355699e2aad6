"""What .streamlit/config.toml's [theme] cannot say: readable small text, a focus you can see on every control,
tables that scroll sideways on a phone, and a menu button that says what it is and closes after a choice.

Everything is local (a style element and a short script in the page itself, via st.html): no third-party fonts,
icons or scripts. Colours follow the GOV.UK Design System (DESIGN.md's anchor): text #0b0c0c, secondary text
#505a5f (7:1 on white), focus yellow #ffdd00 with a #0b0c0c ring.

Why each rule exists:
- Captions: Streamlit draws them in its text colour at 60% opacity, 3.9:1 on white with the default theme (axe-core
  "color-contrast", serious). The theme's darker text colour (config.toml) lifts the faded colours everywhere;
  captions here are drawn opaque in the secondary text colour, 7:1.
- Focus: radios, checkboxes and toggles focus a hidden input, so their focus showed nowhere; the label now shows it.
- Tables: a markdown table wider than a phone was clipped by its container. The container now scrolls sideways;
  pages that draw a wide table themselves wrap it in a focusable, labelled region (``scroll_region``), so a keyboard
  can scroll it too.
- Menu: Streamlit's menu button is an unlabelled arrow (named "Expand sidebar"); it now reads "Menu". Streamlit
  closes the menu after a choice only on phones that say they are phones, so a narrow window kept the menu over the
  page it had just opened; the script closes it whenever the menu covers the page.
"""

from __future__ import annotations

import html

import streamlit as st

TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
FOCUS = "#ffdd00"
MENU_OVERLAYS_BELOW_PX = 768  # Streamlit's "md" breakpoint: below it the open menu covers the page

_CSS = f"""
<style>
[data-testid="stCaptionContainer"] {{ color: {SECONDARY_TEXT} !important; opacity: 1 !important; }}
[data-testid="stWidgetLabel"] small, [data-testid="stTooltipHoverTarget"] svg {{ color: {SECONDARY_TEXT}; }}

/* the chrome's style, scripts and hidden button (ui/chrome.py) take no room at the top of the page */
.st-key-organizer_chrome {{ display: none !important; }}

/* a focus you can see on every control (GOV.UK: yellow with a dark ring) */
a:focus-visible, button:focus-visible, summary:focus-visible, [role="tab"]:focus-visible,
[role="button"]:focus-visible, [tabindex]:not([tabindex="-1"]):focus-visible, input:focus-visible,
textarea:focus-visible, select:focus-visible {{
  outline: 3px solid {FOCUS} !important; outline-offset: 0 !important; box-shadow: 0 0 0 6px {TEXT} !important;
}}
label:has(input:focus-visible), [data-baseweb="select"]:focus-within > div {{
  outline: 3px solid {FOCUS} !important; box-shadow: 0 0 0 6px {TEXT} !important; border-radius: 0.25rem;
}}

/* wide tables scroll sideways instead of being cut off */
[data-testid="stMarkdownContainer"]:has(> table), .organizer-scroll {{ overflow-x: auto; max-width: 100%; }}
.organizer-scroll > table {{ min-width: 40rem; }}
.organizer-scroll > table th:first-child {{ width: 38%; }}

/* the menu button says what it is */
[data-testid="stExpandSidebarButton"]::after {{
  content: "Menu"; margin-left: 0.25rem; font-size: 1rem; font-weight: 600; color: {TEXT};
}}
[data-testid="stExpandSidebarButton"] {{ width: auto !important; padding: 0.25rem 0.5rem !important; }}

/* only on a narrow screen: a hint where a table may be wider than the screen */
.st-key-narrow_hint, [class*="st-key-narrow_hint_"] {{ display: none; }}
@media (max-width: 640px) {{ .st-key-narrow_hint, [class*="st-key-narrow_hint_"] {{ display: block; }} }}
</style>
"""

_JS = """
<script>
(function () {
  if (window.__organizerMenu) { return; }
  window.__organizerMenu = true;
  const label = () => {
    const open = document.querySelector('[data-testid="stExpandSidebarButton"]');
    if (open && open.getAttribute('aria-label') !== 'Menu') { open.setAttribute('aria-label', 'Menu'); }
    const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (close && close.getAttribute('aria-label') !== 'Close the menu') {
      close.setAttribute('aria-label', 'Close the menu');
    }
  };
  label();
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
  const overlays = window.matchMedia('(max-width: {overlay_px}px)');
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('[data-testid="stSidebar"] a') : null;
    if (!link || !overlays.matches) { return; }
    window.setTimeout(() => {
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]');
      if (close) { close.click(); }
    }, 0);
  });
})();
</script>
""".replace("{overlay_px}", str(MENU_OVERLAYS_BELOW_PX))


def render() -> None:
    """The style and the menu script, on every page (chrome.render calls this first)."""
    st.html(_CSS + _JS, unsafe_allow_javascript=True)


def scroll_region(table_html: str, label: str) -> str:
    """A wide HTML table in a region that scrolls sideways on a narrow screen: focusable (tabindex 0) and labelled,
    so a keyboard can scroll it and a screen reader names it (axe-core "scrollable-region-focusable")."""
    return (f'<div class="organizer-scroll" role="region" tabindex="0" aria-label="{html.escape(label, quote=True)}">'
            f"{table_html}</div>")
