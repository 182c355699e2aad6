"""Keep Python's garbage collector off the code: what is alive once the app's modules are imported is frozen.

Streamlit collects garbage after every script run (``runner.postScriptGC``), and a full collection walks every object
Python tracks: about 134,000 once this app's modules are imported, 83-104 ms of CPU after every click (issue 20;
bench/bench_server.py). Almost all of them are code and library state that live as long as the server.
``gc.freeze()`` moves everything alive into a generation that collections skip, so a collection then walks only what
sessions made since: 0-1 ms a rerun in the same bench, with the server's memory as flat over 500 reruns as without. Objects still free themselves when nothing refers to them; only a reference cycle
that was alive at a freeze and dies later is never collected, and freezes happen only when new modules were imported
(the first visit to a page, the first PDF), a handful of times in a server's life.

Process-wide, and holds no session data of its own.
"""

from __future__ import annotations

import gc
import sys
import threading

_lock = threading.Lock()
_modules_at_last_freeze = 0


def freeze_loaded_code() -> None:
    """After a run that imported new modules: collect once, then freeze what is alive (a no-op otherwise)."""
    global _modules_at_last_freeze
    if len(sys.modules) == _modules_at_last_freeze:
        return
    with _lock:
        if len(sys.modules) == _modules_at_last_freeze:
            return
        gc.collect()
        gc.freeze()
        _modules_at_last_freeze = len(sys.modules)
