"""End-of-rerun work with huge state: a 10 MB str, a 10 MB bytearray, a 1,000,000-row
DataFrame, a 100,000-entry dict and 1,000 small keys.

    python benchmarks/huge_state.py           # fails when a key's detection is over the goal
    python benchmarks/huge_state.py --quick   # CI: fails only above 2x the goal

Prints each big key's change-detection cost per rerun (the minimum over 10 reruns, and
the median) and its mode (full or sampled: docs/trace-format.md), the whole
end-of-rerun time, and the same app's rerun time without the debugger, measured in
the same run. Goal: <= 5 ms per key. An unchanged str (``blob``) is not fingerprinted
again: the very same object as last rerun is known unchanged (its first cost shows).

The goal is a time, not a ratio (native Streamlit does no change detection to compare
with), so the run also prints the floor measured in the same run: hashing the key's
bytes once with xxh3, which any content check pays. Reading 16 MB is bound by memory
bandwidth, which CPU steal on a shared machine moves by 1.5x from one run to the next;
that is why CI's quick mode, like the other quick gates, fails only above 2x the goal.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit import config as st_config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks._sink import rerun_times, time_calls  # noqa: E402
from st_state_debugger import internals, recorder  # noqa: E402
from st_state_debugger.fingerprint import take_fingerprint  # noqa: E402

APP = ROOT / "tests" / "apps" / "huge_state.py"
NATIVE_APP = APP.read_text().replace("st_state_debugger.enable()", "pass")


GOAL_MS = 5.0


def _floor_ms(value: object) -> float:
    """The least a content check of ``value`` can cost here and now: xxh3 over its
    raw bytes once (a bytearray's buffer, a numeric frame's column buffers)."""
    import numpy as np
    import xxhash

    if isinstance(value, bytearray):
        buffers = [memoryview(value)]
    else:
        buffers = [memoryview(np.ascontiguousarray(value.iloc[:, i].to_numpy())).cast("B") for i in range(value.shape[1])]  # type: ignore[attr-defined]
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        for buf in buffers:
            xxhash.xxh3_128_intdigest(buf)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def _fingerprint_ms(value: object) -> float:
    """The debugger's full fingerprint of ``value`` alone, outside a rerun (minimum of 10)."""
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        take_fingerprint(value, snapshot_max_bytes=0)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fail only above 2x the goal (CI)")
    args = parser.parse_args()
    limit = GOAL_MS * 2 if args.quick else GOAL_MS
    st_config.set_option("browser.gatherUsageStats", False)
    native_path = Path("/tmp/ssd_huge_native.py")
    native_path.write_text(NATIVE_APP)
    native_times = rerun_times(AppTest.from_file(str(native_path), default_timeout=300).run(), 10)
    finish_ms = time_calls(recorder.Recorder, "finish")
    at = AppTest.from_file(str(APP), default_timeout=300).run()
    rec = internals.recorder_of_apptest(at)
    keys = ("blob", "buffer", "big_dict", "big_df")
    costs: dict[str, list[float]] = {key: [] for key in keys}
    debugged_times: list[float] = []
    for _ in range(10):  # one rerun at a time: each key's detection cost in every rerun
        debugged_times += rerun_times(at, 1)
        for key in keys:
            costs[key].append(rec.debug.tracker.fps[key].cost_ns / 1e6)
    print("st_state_debugger huge state — steady state (nothing changes), 10 reruns, AppTest, panel on")
    print("(detection: the minimum over the 10 reruns, then the median; CPU steal here lifts single reruns up to 10x)")
    print(f"{'key':12} {'mode':8} {'detection ms/rerun':>19} {'median':>8}   goal <= {GOAL_MS:g} ms")
    worst = 0.0
    for key in ("blob", "buffer", "big_df", "big_dict"):
        fp = rec.debug.tracker.fps[key]
        ms = min(costs[key])
        worst = max(worst, ms)
        print(f"{key:12} {fp.mode:8} {ms:19.3f} {statistics.median(costs[key]):8.3f}   {'PASS' if ms <= GOAL_MS else 'FAIL'}")
    small = sum(rec.debug.tracker.fps[f"k{i:04d}"].cost_ns for i in range(1000)) / 1e6
    print(f"{'1,000 keys':12} {'full':8} {small:19.3f}   (all together)")
    print(f"end-of-rerun work (ms, median)        {statistics.median(finish_ms[2:]):.2f}")
    a, b = statistics.median(native_times) * 1000, statistics.median(debugged_times) * 1000
    print(f"at.run() per rerun (ms)               native {a:.2f}  debugged {b:.2f}  ratio {b / a:.2f}x")
    state = at.session_state
    print("floor, measured now: xxh3 over the key's bytes once (ms), beside the debugger's fingerprint alone")
    for key in ("buffer", "big_df"):
        floor, alone = _floor_ms(state[key]), _fingerprint_ms(state[key])
        print(f"{key:12} floor {floor:6.3f}   fingerprint {alone:6.3f}   ({alone / floor:.2f}x the floor)")
    if args.quick:
        print(f"quick mode: fails only above 2x the goal ({limit:g} ms per key)")
    return 0 if worst <= limit else 1


if __name__ == "__main__":
    raise SystemExit(main())
