"""What the sidebar panel adds per rerun: time and bytes, against native Streamlit
(the same app without the debugger) and the app recorded without the panel,
measured in the same run.

    python benchmarks/bench_panel.py           # full run (figures in the README)
    python benchmarks/bench_panel.py --quick   # CI: 3 rounds; exits 1 on the bytes goal or a gross
                                               # time regression (panel on > 3x panel off)

Workload: a 100-rerun session with 10 session-state operations per rerun (1,000
events), run under AppTest natively, with ``panel=False`` and with ``panel=True``,
interleaved. Time: each session's lower quartile (p25) of its steady reruns, the
minimum over rounds on each side (CPU steal here makes single rounds vary widely, and
lifts a whole session's median when it lasts: the quartile is steadier), for
``at.run()`` and for the rerun on Streamlit's script thread (``_sink.script_run_times``).
Native runs in the same process after the debugger's patches are installed (a
session without the debugger costs them one ``is None`` test). Bytes: the panel's
JSON payload at rerun 30 and at rerun 100 (it must not grow with the session), and
all element protos of the last run.

Goals (issue 15): panel bytes per rerun <= 8 KB and flat; the session with the
panel <= 1.25x native.
"""

from __future__ import annotations

import argparse
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

from benchmarks._sink import script_run_times  # noqa: E402

APP = textwrap.dedent(
    """
    import streamlit as st, st_state_debugger
    from benchmarks._sink import RESULTS
    if RESULTS["mode"] > 0:
        st_state_debugger.enable(panel=RESULTS["mode"] == 2)
    ss = st.session_state
    ss.setdefault("n", 0)
    ss.n += 1
    for i in range(4):
        ss[f"k{i}"] = ss.n * i
    st.write("n", ss.n, [ss.get(f"k{i}") for i in range(3)])
    st.dataframe({"a": list(range(20))})
    """
)
MODES = {"native": 0, "panel off": 1, "panel on": 2}
GOAL_BYTES = 8_000
GOAL_RATIO = 1.25


def _bytes(at: AppTest) -> tuple[int, int]:
    """(all element proto bytes, panel JSON bytes) in the last run's tree."""
    total = panel = 0

    def walk(node):
        nonlocal total, panel
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
            if getattr(proto, "component_name", "") == "st_state_debugger.panel":
                panel += len(proto.json)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at.main)
    walk(at.sidebar)
    return total, panel


def _session(script: str, mode: int, reruns: int, runs: list[float]) -> tuple[float, float, int, int, int]:
    """(p25 s per steady ``at.run()``, p25 s per steady rerun on the script thread,
    element bytes, panel bytes at rerun 30, at the last). ``runs``: the script-thread
    timer's list (``_sink.script_run_times``)."""
    from benchmarks._sink import RESULTS

    RESULTS.clear()
    RESULTS["mode"] = float(mode)
    at = AppTest.from_file(script, default_timeout=120).run()
    times: list[float] = []
    threads: list[float] = []
    early = 0
    for n in range(2, reruns + 1):
        del runs[:]
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        threads.append(sum(runs))
        if n == 30:
            early = _bytes(at)[1]
    assert not at.exception
    total, panel_bytes = _bytes(at)
    return _p25(times[10:]), _p25(threads[10:]), total, early, panel_bytes


def _p25(values: list[float]) -> float:
    return statistics.quantiles(values, n=4)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 7 (CI)")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    st_config.set_option("browser.gatherUsageStats", False)
    script = Path(tempfile.mkdtemp(prefix="ssd-panel-")) / "app.py"
    script.write_text(APP)
    best: dict[str, float] = {name: float("inf") for name in MODES}
    best_thread: dict[str, float] = {name: float("inf") for name in MODES}
    sizes: dict[str, tuple[int, int, int]] = {}
    runs, undo = script_run_times()
    try:
        for _ in range(rounds):
            for name, mode in MODES.items():
                quartile, thread, total, early, late = _session(str(script), mode, 100, runs)
                best[name] = min(best[name], quartile)
                best_thread[name] = min(best_thread[name], thread)
                sizes[name] = (total, early, late)
    finally:
        undo()  # type: ignore[operator]
    native, off, on = (best[n] * 1000 for n in MODES)
    t_native, t_off, t_on = (best_thread[n] * 1000 for n in MODES)
    ratio = on / native
    total_native, _, _ = sizes["native"]
    total_on, early, late = sizes["panel on"]
    bytes_ok = late <= GOAL_BYTES and late <= early * 1.1
    print(f"st_state_debugger panel bench — 100 reruns x 10 state ops, AppTest, min over {rounds} rounds of each session's p25")
    print(f"{'at.run() per rerun (ms)':34} native {native:6.3f}   recording, panel off {off:6.3f} ({off / native:4.2f}x)   panel on {on:6.3f}")
    print(f"{'panel on vs native':34} {ratio:4.2f}x   goal <= {GOAL_RATIO}x   {'PASS' if ratio <= GOAL_RATIO else 'FAIL'}")
    print(f"{'rerun on the script thread (ms)':34} native {t_native:6.3f}   recording, panel off {t_off:6.3f} ({t_off / t_native:4.2f}x)   "
          f"panel on {t_on:6.3f} ({t_on / t_native:4.2f}x)")
    print(f"{'':34} (at.run() adds AppTest's own work: it polls the script thread every ~1 ms and parses every element)")
    print(f"{'panel JSON bytes per rerun':34} rerun 30: {early}   rerun 100: {late}   goal <= {GOAL_BYTES} and flat   {'PASS' if bytes_ok else 'FAIL'}")
    print(f"{'element bytes per rerun (protos)':34} native {total_native}   panel on {total_on}")
    if args.quick and (not bytes_ok or on / off > 3.0):
        print("quick mode: FAIL (panel bytes over the goal or growing, or the panel triples the recorded rerun's time)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
