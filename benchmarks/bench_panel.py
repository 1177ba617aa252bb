"""What the sidebar panel adds per rerun: time and bytes, against the same app
recorded without the panel, measured in the same run.

    python benchmarks/bench_panel.py           # full run (figures in the README)
    python benchmarks/bench_panel.py --quick   # CI: fails only on a gross regression

Workload: a 100-rerun session with 10 session-state operations per rerun (1,000
events), run under AppTest with ``panel=True`` and ``panel=False`` interleaved.
Bytes: the panel's JSON payload per rerun, and all element protos the app sends per
rerun (the app's own elements, plus the panel when it is on).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit import config as st_config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

APP = textwrap.dedent(
    """
    import streamlit as st, st_state_debugger
    from benchmarks._sink import RESULTS
    st_state_debugger.enable(panel=bool(RESULTS["panel"]))
    ss = st.session_state
    ss.setdefault("n", 0)
    ss.n += 1
    for i in range(4):
        ss[f"k{i}"] = ss.n * i
    st.write("n", ss.n, [ss.get(f"k{i}") for i in range(3)])
    st.dataframe({"a": list(range(20))})
    """
)


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


def _session(script: str, panel: bool, reruns: int) -> tuple[list[float], int, int]:
    from benchmarks._sink import RESULTS, rerun_times

    RESULTS.clear()
    RESULTS["panel"] = 1.0 if panel else 0.0
    at = AppTest.from_file(script, default_timeout=120).run()
    times = rerun_times(at, reruns - 1)
    assert not at.exception
    total, panel_bytes = _bytes(at)
    return times, total, panel_bytes


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds = 2 if args.quick else 5
    st_config.set_option("browser.gatherUsageStats", False)
    script = Path(tempfile.mkdtemp(prefix="ssd-panel-")) / "app.py"
    script.write_text(APP)
    off: list[float] = []
    on: list[float] = []
    sizes = {}
    for _ in range(rounds):
        for panel, sink in ((False, off), (True, on)):
            times, total, panel_bytes = _session(str(script), panel, 100)
            sink.extend(times[10:])  # steady state: after the first reruns
            sizes[panel] = (total, panel_bytes)
    a, b = statistics.median(off) * 1000, statistics.median(on) * 1000
    print("st_state_debugger panel bench — 100 reruns x 10 events (1,000 events), AppTest, gatherUsageStats=False")
    print(f"{'at.run() per rerun (ms), recording on':44} panel off {a:7.3f}   panel on {b:7.3f}   ratio {b / a:5.2f}x  (added {b - a:.3f} ms)")
    print(f"{'element bytes per rerun (protos)':44} panel off {sizes[False][0]:7d}   panel on {sizes[True][0]:7d}   ratio {sizes[True][0] / sizes[False][0]:5.2f}x  (the JS+CSS bundle is named, served from frontend_dist/)")
    print(f"{'panel JSON payload per rerun (bytes)':44} {sizes[True][1]:d} (timeline 100 rows max, details of the latest 5 reruns, state)")
    if args.quick and b / a > 3.0:
        print("quick mode: FAIL (the panel more than triples the rerun time: a gross regression)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
