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
