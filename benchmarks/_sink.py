"""Results channel between the benchmark and the apps it runs (same process)."""

RESULTS: dict[str, float] = {}


def time_calls(owner: object, name: str) -> list[float]:
    """Wrap ``owner.name`` so every call's duration (ms) is appended to the list returned."""
    import time

    times: list[float] = []
    original = getattr(owner, name)

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times.append((time.perf_counter() - t) * 1000)

    setattr(owner, name, timed)
    return times


def rerun_times(at: object, n: int) -> list[float]:
    """Seconds per ``at.run()``, for ``n`` reruns of an already started AppTest session."""
    import time

    times = []
    for _ in range(n):
        t = time.perf_counter()
        at.run()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - t)
    return times


def script_run_times() -> tuple[list[float], object]:
    """Seconds per script run as Streamlit's script thread runs it (``ScriptRunner._run_script``:
    the script, Streamlit's end-of-run cleanup and garbage collection, and everything the
    debugger does in that run), and a function that removes the timer.

    ``at.run()`` is this plus AppTest's own work on the calling thread, which waits for
    the script thread by polling with ``time.sleep(0.001)``: its wall time moves in steps
    of about a millisecond, so a run that ends 0.1 ms later can cost a whole step.
    ``functools.wraps``: the debugger's start-up probe reads the wrapped method."""
    import functools
    import time

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    times: list[float] = []
    original = ScriptRunner.__dict__["_run_script"]

    @functools.wraps(original)
    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times.append(time.perf_counter() - t)

    ScriptRunner._run_script = timed  # type: ignore[method-assign]

    def undo() -> None:
        ScriptRunner._run_script = original  # type: ignore[method-assign]

    return times, undo


_FLOOR: list[object] = []


def floor_panel(n: int, size: int = 6_500) -> None:
    """Streamlit's own cost of what the panel is made of, with none of the debugger's
    work: a fragment in the sidebar mounting a Components v2 component with a trigger
    callback and ``size`` bytes of data that change every rerun. ``bench_panel.py``
    runs it beside the panel. It has a key, unlike the panel (whose id changes with
    its data, so that it adds no key to the app's state): an unkeyed one would leave
    two widget entries per rerun in Streamlit's metadata, which its cleanup then walks
    every rerun (the debugger forgets its panel's old ones), and the floor would
    climb with the session."""
    import streamlit as st

    if not _FLOOR:
        component = st.components.v2.component(  # type: ignore[attr-defined]
            "ssd_bench.floor", html="<div></div>", js="export default function () {}\n")

        def body() -> None:
            component(key="ssd_bench_floor", data=[RESULTS["floor_data"]], on_request_change=lambda: None)

        _FLOOR.append(st.fragment(body))
    RESULTS["floor_data"] = f"{n:08d}" + "x" * (size - 8)  # type: ignore[assignment]
    with st.sidebar:
        _FLOOR[0]()  # type: ignore[operator]
