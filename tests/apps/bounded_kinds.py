"""Values whose repr, pickling or iteration the debugger must bound; COUNTS says
how often each was used (the app prints the repr count: a side effect)."""

from __future__ import annotations

import time

COUNTS = {"repr": 0, "pickle": 0, "iter_steps": 0}


class Noisy:
    """A repr with a side effect: it counts its calls."""

    def __init__(self) -> None:
        self.n = 0

    def __repr__(self) -> str:
        COUNTS["repr"] += 1
        return f"Noisy(n={self.n})"


class SlowPickle:
    """Takes longer to pickle than the per-key budget (key_budget_ms, 5 ms)."""

    def __init__(self) -> None:
        self.n = 0

    def __reduce_ex__(self, protocol: object) -> tuple:
        COUNTS["pickle"] += 1
        time.sleep(0.03)
        return (SlowPickle._rebuild, (self.n,))

    @staticmethod
    def _rebuild(n: int) -> SlowPickle:
        value = SlowPickle()
        value.n = n
        return value


class Endless(set):
    """A set subclass whose iteration never ends (it counts the steps taken)."""

    def __iter__(self):
        i = 0
        while True:
            COUNTS["iter_steps"] += 1
            if COUNTS["iter_steps"] > 5_000_000:  # a safety stop for a regressed debugger, not the app
                raise RuntimeError("Endless iterated 5,000,000 times")
            i += 1
            yield i
