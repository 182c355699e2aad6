"""Opt-in timing of every script run of a real `streamlit run` server, for bench/bench_server.py only.

How it is switched on: the bench starts the server with this folder on PYTHONPATH (so Python imports this file at
start-up, as it does any ``sitecustomize``) *and* with ``ORGANIZER_BENCH_TIMING`` naming a file. Without both, nothing
here runs: the app itself has no hook, and `make run` never loads this folder.

What it records, one JSON line per script run, appended to that file: the session's random id, the run's start on the
system-wide monotonic clock (so the bench can match runs to the actions it sent), and durations in milliseconds:

- ``wall``: from the start of the script to the end of Streamlit's post-run work (``_on_script_finished``: widget
  clean-up, the orphaned-file sweep and ``runner.postScriptGC``'s ``gc.collect(2)``), i.e. the server time of the run;
- ``cpu``: the script thread's CPU time over the same span (time waiting for the GIL or a core is not in it);
- ``check``: ``runner.enforceSerializableSessionState``'s pickling of every session-state value;
- ``gc_post``: garbage collection after the script (``runner.postScriptGC``); ``gc_in``: automatic collections
  during the script;
- ``finish``: all of ``_on_script_finished``.

It records no values, no widget state, no page content and no file names: nothing typed can reach the file.

For the A/B of the GC settings (``ORGANIZER_BENCH_NO_FREEZE=1``, bench only): the app's ``gc.freeze()`` after
new imports (ui/memory.py) is turned into a no-op, to measure Streamlit's post-run collection as it is without it.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time

_PATH = os.environ.get("ORGANIZER_BENCH_TIMING")
_NO_FREEZE = os.environ.get("ORGANIZER_BENCH_NO_FREEZE") == "1"


def _install(path: str) -> None:
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.state.safe_session_state import SafeSessionState

    local = threading.local()
    lock = threading.Lock()

    def on_gc(phase: str, info: dict) -> None:
        run = getattr(local, "run", None)
        if run is None:
            return
        if phase == "start":
            run["gc_started"] = time.perf_counter()
        elif "gc_started" in run:
            spent = time.perf_counter() - run.pop("gc_started")
            run["gc_post" if run.get("finishing") else "gc_in"] += spent

    gc.callbacks.append(on_gc)

    original_exec = script_runner.exec_func_with_error_handling

    def timed_exec(func, ctx):  # type: ignore[no-untyped-def]
        if _NO_FREEZE and "ui.memory" not in sys.modules:  # the app's directory is on sys.path by now
            import ui.memory

            ui.memory.freeze_loaded_code = lambda: None
        local.run = {"session": ctx.session_id, "t0": time.monotonic(), "wall0": time.perf_counter(),
                     "cpu0": time.thread_time(), "check": 0.0, "gc_in": 0.0, "gc_post": 0.0}
        result = original_exec(func, ctx)
        local.run["script"] = time.perf_counter() - local.run["wall0"]
        return result

    script_runner.exec_func_with_error_handling = timed_exec

    original_check = SafeSessionState.maybe_check_serializable

    def timed_check(self):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original_check(self)
        finally:
            run = getattr(local, "run", None)
            if run is not None:
                run["check"] += time.perf_counter() - start

    SafeSessionState.maybe_check_serializable = timed_check

    original_finished = script_runner.ScriptRunner._on_script_finished

    def timed_finished(self, ctx, event, premature_stop, run_descriptor):  # type: ignore[no-untyped-def]
        run = getattr(local, "run", None)
        start = time.perf_counter()
        if run is not None:
            run["finishing"] = True
        try:
            return original_finished(self, ctx, event, premature_stop, run_descriptor)
        finally:
            if run is not None and "script" in run:
                end = time.perf_counter()
                record = {
                    "session": run["session"], "t0": run["t0"], "event": getattr(event, "name", str(event)),
                    "wall": (end - run["wall0"]) * 1000, "cpu": (time.thread_time() - run["cpu0"]) * 1000,
                    "script": run["script"] * 1000, "check": run["check"] * 1000,
                    "finish": (end - start) * 1000, "gc_post": run["gc_post"] * 1000, "gc_in": run["gc_in"] * 1000,
                }
                with lock, open(path, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(record) + "\n")
            local.run = None

    script_runner.ScriptRunner._on_script_finished = timed_finished


if _PATH:
    _install(_PATH)
