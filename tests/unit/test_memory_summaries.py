"""Summaries of numbers: one shared text per number, and never an exception (issue 15, memory).

A kept event holds its value's summary; a rerun reading ``ss.n`` many times keeps one
string for it, not one per read. An int over Python's digit limit (4300 digits by
default: ``repr`` raises ValueError) is named by its size instead of switching the
debugger off for the session.
"""

from __future__ import annotations

from st_state_debugger.redact import summarize
from st_state_debugger.testing import trace_of
from tests.conftest import app


def test_the_same_number_is_summarized_as_one_shared_string():
    a, b = summarize(123456, 60), summarize(int("123456"), 60)
    assert a == "123456" and a is b
    assert summarize([123456], 60) == "[123456]"
    assert summarize(-7, 60) == "-7" and summarize(10**30, 10) == "100000000…"
    assert summarize(True, 60) == "True" and summarize(2.5, 60) == "2.5"


def test_an_int_over_the_digit_limit_is_named_by_its_size():
    assert summarize(10**5000, 60) == "<int of 16610 bits>"
    assert summarize({"x": [10**5000]}, 60) == "{'x': [<int of 16610 bits>]}"
    assert summarize(-(10**5000), 60) == "<int of 16610 bits>"


def test_an_app_holding_a_huge_int_is_recorded_without_the_debugger_switching_off(trace_dir, caplog):
    at = app("memory_big_int.py").run()
    at.button(key="grow").click().run()
    at.button(key="grow").click().run()
    assert not at.exception and at.text[0].value == "n=2 digits=1"
    reruns = trace_of(at).reruns
    assert [r.index for r in reruns] == [1, 2, 3]
    assert reruns[-1].diff.values["big"] == ["<int of 16610 bits>", "<int of 16610 bits>"]
    assert not [r for r in caplog.records if "the debugger is now off" in r.getMessage()]
