"""A minimal Streamlit browser stand-in: speaks the app's own WebSocket protocol to a real `streamlit run` server.

The benches use it where a real browser would measure the browser more than the server (20 people at once on a
2-core machine) or where hundreds of reruns are needed. It does what the web page does for a rerun: it sends a
``BackMsg.rerun_script`` with the page and the widget values it holds, reads the ForwardMsgs the script run sends
back (the page's elements, with each widget's id), and waits for the run to finish. Widgets are found by the key the
app gives them (``key="sit_parent_a_income_0_amt"``): Streamlit puts the key at the end of the widget's id.

It only ever connects to 127.0.0.1, with this server's own address as its Origin (as the page would).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGET_KINDS = frozenset({
    "button", "checkbox", "date_input", "download_button", "file_uploader", "multiselect", "number_input", "radio",
    "selectbox", "slider", "text_area", "text_input", "toggle", "time_input", "button_group", "arrow_data_frame",
    "data_editor", "plotly_chart", "dataframe",
})
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class AppError(RuntimeError):
    """The page showed an exception, or did not finish its run in time."""


@dataclass
class Run:
    """What one action cost, seen from the client: from sending it to the end of the last script run it started."""

    started: float  # time.monotonic() when the BackMsg was sent (comparable with the server hook's t0)
    seconds: float
    runs: int  # script runs (an st.rerun() in the app makes two)
    exceptions: list[str] = field(default_factory=list)


class Session:
    """One browser tab: a WebSocket session of its own, on one page at a time."""

    def __init__(self, base_url: str, timeout: float = 120.0):
        if not base_url.startswith("http://127.0.0.1:"):
            raise ValueError("the bench client only talks to a server on 127.0.0.1")
        self.base_url = base_url
        self.timeout = timeout
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.session_id = ""
        self.widgets: dict[str, tuple[str, Any]] = {}  # widget id -> (kind, element proto) of the last run
        self._held: dict[str, WidgetState] = {}  # values this tab holds and sends with every rerun
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._finished = asyncio.Event()
        self._runs = 0
        self._exceptions: list[str] = []
        self._seen: dict[str, tuple[str, Any]] = {}

    async def open(self, page: str = "") -> Run:
        """Connect and run the app at ``page`` (a url path such as "money"; "" for the default page)."""
        origin = self.base_url
        host = origin.removeprefix("http://")
        self._ws = await websockets.connect(
            f"ws://{host}/_stcore/stream", origin=origin, subprotocols=["streamlit"], max_size=None,
            open_timeout=self.timeout, ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())
        return await self._send_rerun(page_name=page)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()

    # --- actions ---------------------------------------------------------------------------------------------------

    async def goto(self, page: str) -> Run:
        """Follow a navigation link (the sidebar's page list)."""
        self.page_hash = self.pages[page]
        self._held.clear()
        return await self._send_rerun()

    async def rerun(self) -> Run:
        """Rerun with nothing changed (what any interaction that changes no value costs at least)."""
        return await self._send_rerun()

    async def set_value(self, key: str, value: Any) -> Run:
        """Change the widget with this key as a person would (its on_change runs), then wait for the rerun."""
        self.hold(key, value)
        return await self._send_rerun()

    def hold(self, key: str, value: Any) -> None:
        """Set a widget's value without rerunning (a widget inside a form, sent when the form is submitted)."""
        wid, kind = self.find(key)
        self._held[wid] = self._state(wid, kind, value)

    async def click(self, key: str) -> Run:
        """Press a button (or a form's submit button) with this key."""
        wid, _ = self.find(key)
        return await self._send_rerun(trigger=wid)

    def find(self, key: str) -> tuple[str, str]:
        """The id and kind of the widget whose key is ``key`` in the last run."""
        for wid, (kind, _) in self.widgets.items():
            if wid.endswith("-" + key):
                return wid, kind
        raise AppError(f"no widget with key {key!r} on this page")

    def has(self, key: str) -> bool:
        return any(wid.endswith("-" + key) for wid in self.widgets)

    def keys_like(self, prefix: str) -> list[str]:
        out = []
        for wid in self.widgets:
            key = wid.rsplit("-", 1)[-1]
            if key.startswith(prefix):
                out.append(key)
        return out

    # --- protocol --------------------------------------------------------------------------------------------------

    @staticmethod
    def _state(wid: str, kind: str, value: Any) -> WidgetState:
        state = WidgetState(id=wid)
        if kind in ("checkbox", "toggle"):
            state.bool_value = bool(value)
        elif kind in ("text_input", "text_area"):
            state.string_value = str(value)
        elif kind == "number_input":
            state.double_value = float(value)
        elif kind in ("selectbox", "radio"):
            state.string_value = str(value)  # the option as the widget shows it (its format_func's text)
        elif kind == "date_input":
            state.string_array_value.data.extend([str(value)])
        else:
            raise AppError(f"setting a {kind} is not supported by the bench client")
        return state

    async def _send_rerun(self, page_name: str = "", trigger: str | None = None) -> Run:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.page_script_hash = self.page_hash
        rerun.page_name = page_name
        rerun.query_string = ""
        for wid, state in self._held.items():
            if wid in self.widgets or not self.widgets:
                rerun.widget_states.widgets.append(state)
        if trigger is not None:
            rerun.widget_states.widgets.append(WidgetState(id=trigger, trigger_value=True))
        self._finished.clear()
        self._runs = 0
        self._exceptions = []
        started = time.monotonic()
        await self._ws.send(msg.SerializeToString())
        try:
            await asyncio.wait_for(self._finished.wait(), self.timeout)
        except TimeoutError:
            raise AppError(f"the run did not finish within {self.timeout:.0f} s") from None
        run = Run(started=started, seconds=time.monotonic() - started, runs=self._runs,
                  exceptions=list(self._exceptions))
        if run.exceptions:
            raise AppError("the page showed an exception: " + "; ".join(run.exceptions)[:300])
        return run

    async def _read(self) -> None:
        async for data in self._ws:
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self._seen = {}
                if fwd.new_session.initialize.session_id:
                    self.session_id = fwd.new_session.initialize.session_id
                self.page_hash = fwd.new_session.page_script_hash or self.page_hash
                for page in fwd.new_session.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "navigation":
                for page in fwd.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
                if fwd.navigation.page_script_hash:
                    self.page_hash = fwd.navigation.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                ekind = element.WhichOneof("type")
                if ekind == "exception":
                    self._exceptions.append(f"{element.exception.type}: {element.exception.message}")
                elif ekind:
                    proto = getattr(element, ekind)
                    wid = getattr(proto, "id", "")
                    if wid:
                        self._seen[wid] = (ekind, proto)
            elif kind == "script_finished":
                self._runs += 1
                if fwd.script_finished in FINISHED:
                    self.widgets = dict(self._seen)
                    self._finished.set()
