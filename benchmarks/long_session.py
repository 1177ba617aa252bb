"""A long session: 2,000 reruns of 100 session-state operations each.

    python benchmarks/long_session.py            # 2,000 reruns (figures in the README)
    python benchmarks/long_session.py --quick    # 300 reruns (CI)

Prints the process's memory growth while recording (RSS: the ring of reruns, key
histories, fingerprints, snapshots and the panel's caches) against the documented cap, the time to build and render the panel for the latest rerun, the
trace file's size per event, and the app's rerun time with and without the debugger.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit import config as st_config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks._sink import RESULTS, time_calls  # noqa: E402
from st_state_debugger import internals, load_trace, recorder  # noqa: E402

APP = textwrap.dedent(
    """
    import streamlit as st, st_state_debugger
    from benchmarks._sink import RESULTS
    if RESULTS.get("enable"):
        st_state_debugger.enable(panel=bool(RESULTS.get("panel")))
    ss = st.session_state
    ss.setdefault("n", 0)                      # 1
    ss.n += 1                                   # 2
    for i in range(20):                         # 20 x (get, write, in, read) = 80
        v = ss.get(f"k{i}", 0)
        ss[f"k{i}"] = v + i
        if f"k{i}" in ss:
            x = ss[f"k{i}"]
    for i in range(17):                         # 17
        x = ss.n
    st.write(ss.n)
    """
)  # 1 + 2 + 80 + 17 = 100 operations per rerun


def _rss() -> int:
    """Resident memory of this process, in bytes (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    reruns = 300 if args.quick else 2000
    st_config.set_option("browser.gatherUsageStats", False)
    tmp = Path(tempfile.mkdtemp(prefix="ssd-long-"))
    script = tmp / "app.py"
    script.write_text(APP)
    trace_dir = tmp / "traces"
    import os

    os.environ["ST_STATE_DEBUGGER_TRACE_DIR"] = str(trace_dir)

    # native first, in this fresh process (no hook installed yet), then the debugger
    times: dict[bool, list[float]] = {False: [], True: []}
    RESULTS.update(enable=0.0, panel=1.0)
    native = AppTest.from_file(str(script), default_timeout=120).run()
    for _ in range(min(reruns, 200)):
        t = time.perf_counter()
        native.run()
        times[False].append(time.perf_counter() - t)
    assert not internals.installed()
    RESULTS.update(enable=1.0, panel=1.0)
    sessions = {True: AppTest.from_file(str(script), default_timeout=120).run()}
    gc.collect()
    before = _rss()
    render_times = time_calls(recorder.Recorder, "render_panel_now")
    at = sessions[True]
    done = 1
    while done < reruns:
        t = time.perf_counter()
        at.run()
        times[True].append(time.perf_counter() - t)
        done += 1
    rec = internals.recorder_of_apptest(sessions[True])
    gc.collect()
    held = _rss() - before
    (trace_file,) = trace_dir.glob("*.jsonl")
    trace = load_trace(trace_file)
    events = sum(len(r.events) for r in trace.reruns)
    body = trace_file.read_bytes().split(b"\n", 1)[1]
    a, b = statistics.median(times[False]) * 1000, statistics.median(times[True]) * 1000
    print(f"st_state_debugger long session — {done} reruns x 100 operations, panel on, AppTest, gatherUsageStats=False")
    print(f"reruns recorded in the trace file        {len(trace.reruns)} (indices 1..{trace.reruns[-1].index}, no gaps: {[r.index for r in trace.reruns] == list(range(1, len(trace.reruns) + 1))})")
    print(f"reruns kept in memory (max_reruns=1000)  {len(rec.debug.store.reruns)}, overflow={rec.debug.store.overflow}")
    print(f"process memory growth while recording   {held / 1e6:.1f} MB (RSS) for {len(rec.debug.store.reruns)} reruns x 100 events kept (cap: max_reruns=1000 reruns)")
    per_event = held / max(1, sum(len(r.events) for r in rec.debug.store.reruns))
    print(f"per kept event                           {per_event:.0f} B (RSS growth / events kept; panel caches included)   goal <= 200 B  {'PASS' if per_event <= 200 else 'FAIL'}")
    print(f"panel build + render, latest rerun (ms)  p50 {statistics.median(render_times):.2f}  p90 {sorted(render_times)[int(len(render_times) * 0.9)]:.2f}")
    per_line = len(body) / events
    print(f"trace file size per event                {per_line:.1f} B ({len(body) / 1e6:.1f} MB for {events} events)   goal <= 42 B  {'PASS' if per_line <= 42 else 'FAIL'}")
    print(f"at.run() per rerun (ms)                  native {a:.3f}  debugged {b:.3f}  ratio {b / a:.2f}x (native measured first, before any hook was installed)")
    ok = [r.index for r in trace.reruns] == list(range(1, len(trace.reruns) + 1)) and rec.debug.store.overflow == (done > 1000)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
