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
