"""Time travel's memory and time: copies kept per rerun, bounded per session.

    python benchmarks/time_travel.py

An app whose 1 MB numpy array changes on every rerun (the worst case: one new 1 MB
copy per rerun), 150 reruns under AppTest with the panel on, with and without the
debugger in the same run (numpy and pandas imported before either, so their
one-time import is not counted).
Prints the bytes of copies held (goal: never above the 64 MB budget), the memory a live
session holds against native, the reruns that can still restore the big key, and how
long a restore rerun takes against a plain rerun.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit import config as st_config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks._sink import rerun_times  # noqa: E402
from st_state_debugger import internals  # noqa: E402
from st_state_debugger.testing import panel_request  # noqa: E402
from st_state_debugger.timetravel import KEEP_BYTES  # noqa: E402

APP = """
import numpy as np
import streamlit as st{enable}
ss = st.session_state
ss.setdefault("n", 0)
ss.n += 1
ss.big = np.full(131_072, ss.n, dtype="float64")  # 1 MB, new every rerun
ss.small = {{"n": ss.n}}
"""
RERUNS = 150


def _session(path: Path) -> tuple[AppTest, list[float]]:
    at = AppTest.from_file(str(path), default_timeout=120).run()
    return at, rerun_times(at, RERUNS - 1)


def _held_mb(path: Path) -> float:
    """Memory still allocated (tracemalloc: Python objects and numpy buffers) by a
    live session after all its reruns: what the session holds, allocator slack aside."""
    gc.collect()
    tracemalloc.start()
    at, _ = _session(path)
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del at
    return held


def main() -> int:
    st_config.set_option("browser.gatherUsageStats", False)
    # one-time imports, outside the measure
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    native_path, debug_path = Path("/tmp/ssd_tt_native.py"), Path("/tmp/ssd_tt_debug.py")
    native_path.write_text(APP.format(enable=""))
    debug_path.write_text(APP.format(enable="\nimport st_state_debugger\nst_state_debugger.enable()"))
    _, native_times = _session(native_path)
    at, debug_times = _session(debug_path)
    rec = internals.recorder_of_apptest(at)
    held = rec.debug.history.bytes / 2**20
    restorable = [v.rerun for v in rec.debug.history.versions["big"] if v.copy is not None]
    # a rerun from the middle: under AppTest the request itself is a full rerun, whose
    # new copy pushes the oldest one out of the budget
    target = restorable[len(restorable) // 2]
    t = time.perf_counter()
    panel_request(at, {"restore": target})
    restore_ms = (time.perf_counter() - t) * 1000
    last = rec.debug.store.reruns[-1]
    restored = {e.key for e in last.events if e.source == "debugger"}
    # the script then adds 1 to n (and makes a new array from it)
    ok = last.trigger.restored_from == target and {"n", "big"} <= restored and at.session_state["n"] == target + 1
    native_ms, debug_ms = statistics.median(native_times) * 1000, statistics.median(debug_times) * 1000
    print(f"st_state_debugger time travel — {RERUNS} reruns, a 1 MB array new every rerun, AppTest, panel on")
    print(f"copies held for time travel (MB)       {held:6.1f}   goal <= {KEEP_BYTES / 2**20:.0f}  {'PASS' if held <= KEEP_BYTES / 2**20 else 'FAIL'}")
    native_held, debug_held = _held_mb(native_path), _held_mb(debug_path)
    print(f"memory a live session holds (MB)       native {native_held:6.1f}  debugged {debug_held:6.1f}  (tracemalloc, after {RERUNS} reruns)")
    print(f"reruns that can restore 'big'          #{restorable[0]}..#{restorable[-1]} ({len(restorable)} of {RERUNS})")
    print(f"at.run() per rerun (ms, median)        native {native_ms:.2f}  debugged {debug_ms:.2f}  ratio {debug_ms / native_ms:.2f}x")
    print(f"restore rerun incl. the request (ms)   {restore_ms:.2f}  ({restore_ms / native_ms:.2f}x a native rerun); restored {sorted(restored)}, n then {at.session_state['n']}: {'PASS' if ok else 'FAIL'}")
    return 0 if ok and held <= KEEP_BYTES / 2**20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
