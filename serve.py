"""The server: Streamlit running app.py, with the protections Streamlit's own settings cannot give.

    streamlit run serve.py          (what `make run` does; the tests' real server too)

Streamlit 1.67 has no setting for response headers and lets any page on localhost (any port) open the app's
WebSocket. Its ``st.App`` (an ASGI app that ``streamlit run`` finds in this file) accepts middleware, so this file adds:

- **No framing by other sites** (clickjacking): ``X-Frame-Options: SAMEORIGIN`` and CSP ``frame-ancestors 'self'``,
  plus ``base-uri``/``form-action``/``object-src`` limits, ``Referrer-Policy: no-referrer`` and ``nosniff``.
- **Downloads are not kept by the browser's cache**: ``Cache-Control: no-store`` on /media/ (the report PDF,
  the spreadsheet, the case file).
- **Only this app's own page may open its WebSocket**: an ``Origin`` that is not exactly this server (scheme, host and
  port) is refused. Streamlit itself allows every localhost origin, and for any other origin it asks an outside
  service for this machine's public IP address before refusing - a request off the machine that a hostile web page
  could trigger. Refused here first, that request never happens.
- **Only local host names** (DNS rebinding): a request whose ``Host`` is not 127.0.0.1, localhost or ::1 (or the
  address the server was configured with) is refused.

What this cannot do (said in the README): /media/ URLs carry no cookie check (Streamlit serves a download to anyone
who has its unguessable URL, for as long as it is kept: quick exit and "Close this case" drop them at once); and
``streamlit run app.py`` still works, without these protections.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import streamlit as st
from starlette.middleware import Middleware

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
)
NO_STORE = (b"cache-control", b"no-store")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def _host_name(host: str) -> str:
    """'127.0.0.1:8501' -> '127.0.0.1'; '[::1]:8501' -> '[::1]'."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_hosts() -> frozenset[str]:
    from streamlit import config

    configured = {str(config.get_option(name) or "") for name in ("server.address", "browser.serverAddress")}
    return LOCAL_HOSTS | {name for name in configured if name}


class PrivateServer:
    """ASGI middleware: security headers, same-origin WebSocket only, local Host names only."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]):
        self.app = app
        self.hosts: frozenset[str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers") or []}
        host = headers.get(b"host", b"").decode("latin-1")
        if self.hosts is None:
            self.hosts = allowed_hosts()
        if _host_name(host) not in self.hosts:
            await self._refuse(scope, send, 421 if scope["type"] == "http" else 1008)
            return
        if scope["type"] == "websocket":
            origin = headers.get(b"origin")
            expected = f"{'https' if scope.get('scheme') in ('https', 'wss') else 'http'}://{host}"
            if origin is not None and origin.decode("latin-1") != expected:
                await self._refuse(scope, send, 1008)
                return
            await self.app(scope, receive, send)
            return
        media = scope.get("path", "").rstrip("/").split("/")[-2:-1] == ["media"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [*SECURITY_HEADERS, NO_STORE] if media else list(SECURITY_HEADERS)
                kept = [(k, v) for k, v in message.get("headers", []) if not (media and k.lower() == b"cache-control")]
                message = {**message, "headers": [*kept, *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, code: int) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": code})
            return
        await send({"type": "http.response.start", "status": code,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": b"This app only answers on this computer's own address.\n"})


app = st.App("app.py", middleware=[Middleware(PrivateServer)])
