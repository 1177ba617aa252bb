"""Concurrent browser sessions against one server: every trace complete and isolated.
(The timed, 10-session version is benchmarks/load_sessions.py; no timing is asserted here.)"""

from __future__ import annotations

import pytest

from benchmarks.load_sessions import run_load

pytestmark = pytest.mark.browser


def test_concurrent_sessions_each_get_a_complete_trace_of_their_own(tmp_path):
    # the async driver runs in its own thread: the shared sync Playwright owns this one's loop
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(run_load, 4, 8, tmp_path).result(timeout=600)
    assert result["problems"] == []
    assert result["trace_files"] == 4
    assert result["debugger"]["runs"] == result["native"]["runs"] == 4 * 9
