"""Concurrent browser sessions against one server: every trace complete and isolated.
(The timed, 10-session version is benchmarks/load_sessions.py; no timing is asserted here.)"""

from __future__ import annotations

import pytest

from benchmarks.load_sessions import run_load

pytestmark = pytest.mark.browser


def test_concurrent_sessions_each_get_a_complete_trace_of_their_own(tmp_path):
    result = run_load(sessions=4, reruns=8, work=tmp_path)
    assert result["problems"] == []
    assert result["trace_files"] == 4
    assert result["debugger"]["runs"] == result["native"]["runs"] == 4 * 9
