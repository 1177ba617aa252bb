"""Cost of a rerun with 1,000 caught KeyErrors, as a ratio against native Streamlit.

    python benchmarks/keyerrors.py           # full run (figures in the README)
    python benchmarks/keyerrors.py --quick   # CI: fails only on a gross regression (2x the goal)

Two workloads, ``for ...: try: ss[k] except KeyError: ...`` with 1,000 lookups:
the same missing key each time (one line of the app), and 1,000 different missing
keys. Each is one AppTest session per mode, rerun R times per round; native (the
debugger's hooks not installed) and debugged (recording and a trace file, no panel:
benchmarks/bench_panel.py measures the panel) are interleaved in one process, and
the ratio is of the minimum ``at.run()`` time over rounds (the least disturbed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit import config as st_config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks._sink import RESULTS, rerun_times  # noqa: E402
from st_state_debugger import hooks  # noqa: E402

APP = textwrap.dedent(
    """
    import st_state_debugger, streamlit as st
    from benchmarks._sink import RESULTS
    if RESULTS.get("enable"):
        st_state_debugger.enable(panel=False)
    ss = st.session_state
    ss.setdefault("user_name", "ada")
    ss.setdefault("items", list(range(10)))
    caught = 0
    distinct = bool(RESULTS.get("distinct"))
    for i in range(1000):
        try:
            ss[f"gone_{i}" if distinct else "missing"]
        except KeyError:
            caught += 1
    st.write("caught", caught)
    """
)
GOAL = 1.2


def _session(script: str, enable: bool, distinct: bool) -> AppTest:
    RESULTS.update(enable=1.0 if enable else 0.0, distinct=1.0 if distinct else 0.0)
    if not enable:
        hooks.uninstall()
    at = AppTest.from_file(script, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def _measure(script: str, distinct: bool, rounds: int, reruns: int) -> tuple[float, float]:
    """(native, debugged) minimum seconds per rerun, interleaved round by round."""
    native = _session(script, False, distinct)
    debugged = _session(script, True, distinct)
    best = {False: float("inf"), True: float("inf")}
    for _ in range(rounds):
        for enable, at in ((False, native), (True, debugged)):
            RESULTS.update(enable=1.0 if enable else 0.0, distinct=1.0 if distinct else 0.0)
            if enable:
                hooks.install()
            else:
                hooks.uninstall()
            best[enable] = min(best[enable], *rerun_times(at, reruns))
    assert hooks.recorder_of_apptest(debugged) is not None and not hooks.recorder_of_apptest(debugged).dead
    return best[False], best[True]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds; fail only above 2x the goal")
    args = parser.parse_args()
    rounds, reruns = (3, 5) if args.quick else (15, 10)
    st_config.set_option("browser.gatherUsageStats", False)
    tmp = Path(tempfile.mkdtemp(prefix="ssd-keyerrors-"))
    script = tmp / "app.py"
    script.write_text(APP)
    os.environ["ST_STATE_DEBUGGER_TRACE_DIR"] = str(tmp / "traces")
    limit = GOAL * 2 if args.quick else GOAL
    print(f"st_state_debugger KeyError bench — rounds={rounds} x {reruns} reruns, interleaved, min; "
          f"trace file on, panel off, gatherUsageStats=False{' (quick: fails above 2x the goal)' if args.quick else ''}")
    ok = True
    for label, distinct in (("1,000 caught KeyErrors, one key", False), ("1,000 caught KeyErrors, 1,000 keys", True)):
        native, debugged = _measure(str(script), distinct, rounds, reruns)
        ratio = debugged / native
        passed = ratio <= limit
        ok &= passed
        print(f"{label:38s} native {native * 1000:7.2f} ms  debugged {debugged * 1000:7.2f} ms  "
              f"ratio {ratio:.2f}x  goal <= {GOAL:.1f}x  {'PASS' if passed else 'FAIL'}")
    sizes = [p.stat().st_size for p in (tmp / "traces").glob("*.jsonl")]
    print(f"largest trace file                     {max(sizes) / 1e3:.0f} KB ({len(sizes)} files)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
