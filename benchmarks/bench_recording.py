"""Cost of recording, as ratios against native Streamlit measured in the same run.

    python benchmarks/bench_recording.py           # full run (figures in the README)
    python benchmarks/bench_recording.py --quick   # CI: fails only on a gross regression

Native and debugged runs are interleaved in one process (R rounds; each figure is
the minimum over rounds on each side, the least disturbed by CPU steal), with
``browser.gatherUsageStats`` off (the strict baseline: telemetry makes native writes
~5x slower and ratios look better than they are). Native means the debugger's hooks
are not installed at all. Timings are taken inside the script, around the accesses,
minus an empty loop of the same length.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from benchmarks._sink import RESULTS, time_calls
from st_state_debugger import internals, recorder
from st_state_debugger.recording.event import KEY, OP, VALUE

ACCESS_APP = textwrap.dedent(
    """
    import time, st_state_debugger, streamlit as st
    from benchmarks._sink import RESULTS
    if RESULTS.get("enable"):
        st_state_debugger.enable(max_events_per_rerun=10**7, panel=False)
    ss = st.session_state
    ss["k"] = 1
    N = int(RESULTS["n"])
    t = time.perf_counter()
    for _ in range(N):
        pass
    empty = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(N):
        x = ss["k"]  # an assignment: a bare expression would be Streamlit "magic" (st.write)
    RESULTS["getitem"] = (time.perf_counter() - t - empty) / N
    t = time.perf_counter()
    for _ in range(N):
        x = ss.k
    RESULTS["getattr"] = (time.perf_counter() - t - empty) / N
    t = time.perf_counter()
    for _ in range(N):
        x = "k" in ss
    RESULTS["contains"] = (time.perf_counter() - t - empty) / N
    t = time.perf_counter()
    for _ in range(N):
        x = ss.get("k")
    RESULTS["get"] = (time.perf_counter() - t - empty) / N
    t = time.perf_counter()
    for i in range(N):
        ss["k"] = i
    RESULTS["setitem"] = (time.perf_counter() - t - empty) / N
    """
)

SMALL_APP = textwrap.dedent(
    """
    import time, st_state_debugger, streamlit as st
    from benchmarks._sink import RESULTS
    t0 = time.perf_counter()
    if RESULTS.get("enable"):
        st_state_debugger.enable(panel=False)  # recording only: bench_panel.py measures the panel
    ss = st.session_state
    if "k0" not in ss:
        for i in range(30):
            ss[f"k{i}"] = {"i": i, "items": list(range(5))} if i % 3 == 0 else i
        ss.todos = [{"title": f"t{i}", "done": False} for i in range(20)]
    def bump():
        ss.k1 += 1
    for i in range(20):
        st.checkbox(f"box {i}", key=f"w{i}")
    st.button("go", key="go", on_click=bump)
    total = 0
    for i in range(30):
        v = ss[f"k{i}"]
        total += v if isinstance(v, int) else v["i"]
    ss.todos[3]["done"] = not ss.todos[3]["done"]
    st.write(total)
    RESULTS["body"] = time.perf_counter() - t0
    """
)


def _write(tmp: Path, name: str, source: str) -> str:
    path = tmp / name
    path.write_text(source)
    return str(path)


def _run(script: str, enable: bool, **extra: float) -> dict[str, float]:
    RESULTS.clear()
    RESULTS.update({"enable": 1.0 if enable else 0.0, **extra})
    if not enable:
        internals.uninstall()
    at = AppTest.from_file(script, default_timeout=120).run()
    assert not at.exception, at.exception
    return dict(RESULTS)


def _line_app(tmp: Path, line: int) -> str:
    pad = "\n" * max(line - 8, 0)
    source = (
        "import time, st_state_debugger, streamlit as st\n"
        "from benchmarks._sink import RESULTS\n"
        "if RESULTS.get('enable'):\n"
        "    st_state_debugger.enable(max_events_per_rerun=10**7, panel=False)\n"
        "ss = st.session_state\nss['k'] = 1\n" + pad +
        "t = time.perf_counter()\nfor _ in range(int(RESULTS['n'])):\n    x = ss['k']\n"
        "RESULTS['getitem'] = (time.perf_counter() - t) / RESULTS['n']\n"
    )
    return _write(tmp, f"line{line}.py", source)


class _NamedEvent(NamedTuple):
    """The raw event as a NamedTuple: the alternative measured against the bare tuple."""

    op: str
    key: Any
    api: str
    attr: Any
    code: Any
    lasti: int
    found: Any
    value: Any
    exc: Any


def _raw_event_costs(rounds: int, n: int) -> tuple[float, float, float, float]:
    """The hot path's append and the run boundary's reads, with the raw event as a bare
    tuple read through index constants (what ships) and as a ``NamedTuple`` read by
    attribute: seconds per event, min over rounds, interleaved in this process."""

    def append_bare(out: list, attr: object) -> None:
        for i in range(n):
            out.append(("read", "k", "getitem", attr, None, i, True, i, None))

    def append_named(out: list, attr: object) -> None:
        for i in range(n):
            out.append(_NamedEvent("read", "k", "getitem", attr, None, i, True, i, None))

    def read_bare(events: list) -> int:
        return sum(1 for raw in events if raw[OP] != "write" and raw[KEY] is not None and raw[VALUE] is not None)

    def read_named(events: list) -> int:
        return sum(1 for raw in events if raw.op != "write" and raw.key is not None and raw.value is not None)

    best = {"append_bare": 1e9, "append_named": 1e9, "read_bare": 1e9, "read_named": 1e9}
    for _ in range(rounds):
        for kind, append, read in (("bare", append_bare, read_bare), ("named", append_named, read_named)):
            events: list = []
            t = time.perf_counter()
            append(events, None)
            best["append_" + kind] = min(best["append_" + kind], (time.perf_counter() - t) / n)
            t = time.perf_counter()
            read(events)
            best["read_" + kind] = min(best["read_" + kind], (time.perf_counter() - t) / n)
    return best["append_bare"], best["append_named"], best["read_bare"], best["read_named"]


def _time_finish() -> list[float]:
    """End-of-rerun times (ms) of every Recorder.finish from now on."""
    return time_calls(recorder.Recorder, "finish")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds; fail only on a gross regression (2x the goal)")
    args = parser.parse_args()
    # N accesses of each kind per run: realistic batch sizes. With 100k events per run
    # the garbage collector's passes over the growing event list add ~0.5 µs/op more.
    rounds, n, reruns = (5, 5_000, 15) if args.quick else (15, 5_000, 60)
    st_config.set_option("browser.gatherUsageStats", False)
    import orjson
    import streamlit

    print(f"st_state_debugger bench — Python {sys.version.split()[0]}, Streamlit {streamlit.__version__}, "
          f"orjson {orjson.__version__}")
    print(f"gatherUsageStats=False; rounds={rounds} (interleaved native/debugged, min over rounds); N={n} accesses of each kind per run\n")
    rows: list[tuple[str, float, float, float, float]] = []  # name, native, debugged, ratio, goal
    tmp = Path(tempfile.mkdtemp(prefix="ssd-bench-"))

    access = _write(tmp, "access.py", ACCESS_APP)
    native: dict[str, list[float]] = {}
    debugged: dict[str, list[float]] = {}
    goals = {"getitem": 1.05, "getattr": 1.05, "contains": 1.05, "get": 1.05, "setitem": 1.05}
    for _ in range(rounds):
        for enable, sink in ((False, native), (True, debugged)):
            for k, v in _run(access, enable, n=n).items():
                if k in goals:
                    sink.setdefault(k, []).append(v)
    for k, goal in goals.items():
        a, b = min(native[k]) * 1e6, min(debugged[k]) * 1e6
        rows.append((f"ss access {k}", a, b, b / a, goal))

    script = _line_app(tmp, 2000)
    at_line: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for enable in (False, True):
            at_line[enable].append(_run(script, enable, n=n)["getitem"])
    a, b = min(at_line[False]) * 1e6, min(at_line[True]) * 1e6
    rows.append(("ss access getitem at line 2000", a, b, b / a, 1.05))

    small = _write(tmp, "small.py", SMALL_APP)
    finish_times = _time_finish()
    body: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for enable in (False, True):
            RESULTS.clear()
            RESULTS["enable"] = 1.0 if enable else 0.0
            if not enable:
                internals.uninstall()
            at = AppTest.from_file(small, default_timeout=120).run()
            for i in range(reruns):
                if i % 5 == 0:
                    at.button(key="go").click()
                at.run()
                body[enable].append(RESULTS["body"])
            assert not at.exception
    a, b = min(body[False]) * 1000, min(body[True]) * 1000
    rows.append(("small app script body (ms)", a, b, b / a, 1.05))
    # a low quantile, as for every timing here: CPU steal on these machines lifts the
    # median of a short run by a third from one run to the next
    ordered = sorted(finish_times)
    end_ms = ordered[len(ordered) // 4]

    df_app = _write(tmp, "df.py", textwrap.dedent(
        """
        import numpy as np, pandas as pd, st_state_debugger, streamlit as st
        st_state_debugger.enable(panel=False)
        ss = st.session_state
        if "df" not in ss:
            ss.df = pd.DataFrame({"a": np.arange(200_000), "b": np.ones(200_000)})
        if ss.get("mutate"):
            ss.df.iloc[123, 0] += 1
        """))
    finish_times.clear()
    at = AppTest.from_file(df_app, default_timeout=120).run()
    for _ in range(rounds * 2):
        at.run()
    df_same = statistics.median(finish_times[1:])
    finish_times.clear()
    at.session_state["mutate"] = True
    for _ in range(rounds * 2):
        at.run()
    df_changed = statistics.median(finish_times)

    bare_add, named_add, bare_read, named_read = _raw_event_costs(rounds * 4, 50_000)
    failed = False
    limit = 2.0 if args.quick else 1.0
    print(f"{'measure':38} {'native':>9} {'debugged':>9} {'ratio':>7} {'goal':>7}")
    for name, a, b, ratio, goal in rows:
        ok = ratio <= goal * limit if args.quick else ratio <= goal
        failed |= args.quick and not ok
        print(f"{name:38} {a:9.3f} {b:9.3f} {ratio:6.2f}x {'<=' + format(goal, '.2f') + 'x':>7} {'PASS' if ratio <= goal else 'FAIL'}")
    print()
    print("raw event (recording/event.py): bare tuple + index constants (shipped) vs NamedTuple, ns/event, min over rounds")
    print(f"{'  hot-path append: tuple / NamedTuple':52} {bare_add * 1e9:7.1f} / {named_add * 1e9:7.1f}  NamedTuple {named_add / bare_add:4.2f}x")
    print(f"{'  run-boundary read: raw[KEY] / raw.key':52} {bare_read * 1e9:7.1f} / {named_read * 1e9:7.1f}  NamedTuple {named_read / bare_read:4.2f}x")
    print()
    print(f"{'end-of-rerun work, 30 keys + 20 widgets (ms, p25)':52} {end_ms:7.3f}   goal <=0.300 {'PASS' if end_ms <= 0.3 else 'FAIL'}")
    print(f"{'end-of-rerun work, 200k-row DataFrame unchanged (ms)':52} {df_same:7.3f}")
    print(f"{'end-of-rerun work, 200k-row DataFrame cell set (ms)':52} {df_changed:7.3f}")
    if args.quick:
        # CI gates on the ratios only: they are measured against native in the same run.
        # The end-of-rerun time is absolute, with no native counterpart, and moves by a
        # third between runs on this machine (0.48-0.64 ms for the same commit): it is
        # printed against its goal, not gated.
        print("\nquick mode: fails only above 2x a goal (ratios against native):", "FAIL" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
