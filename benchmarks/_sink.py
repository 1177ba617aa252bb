"""Results channel between the benchmark and the apps it runs (same process)."""

RESULTS: dict[str, float] = {}
