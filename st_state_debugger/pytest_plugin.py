"""A failing test explains itself: the pytest plugin (entry point ``pytest11``).

Stage: export. Registered as ``st_state_debugger`` once the package is installed,
so ``-p no:st_state_debugger`` turns it off. It is inert unless a test fails: then
every ``AppTest`` the test held (its locals, the frames of the failure, its fixtures)
whose session was recorded gets a line per rerun in a report section named
``st_state_debugger`` (``report.text_summary``: trigger, status, reads, writes,
deletes, keys added, removed and changed, errors with their explanation). Passing
tests print nothing. Options:

* ``--st-state-debugger``: enable the debugger in every AppTest session of the run,
  with no edit to the app (``ST_STATE_DEBUGGER=1``, as ``st-state-debugger run``);
* ``--st-state-trace-dir DIR``: write the trace of each recorded session of a
  failing test to ``DIR`` (redacted as recorded).

Importing this module does not import Streamlit: pytest imports it in every run.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SECTION = "st_state_debugger"
ENV_AUTO_ENABLE = "ST_STATE_DEBUGGER"  # MUST stay in sync with internals/names.ENV_AUTO_ENABLE
_APP_TEST_MODULE = "streamlit.testing.v1.app_test"
#: how deep into containers (lists, dicts, a test class's attributes) AppTests are looked for
_DEPTH = 2


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("st_state_debugger", "st_state_debugger: what a failing AppTest did to st.session_state")
    group.addoption("--st-state-debugger", action="store_true", default=False, dest="st_state_debugger",
                    help="enable st_state_debugger in every AppTest session, without editing the app")
    group.addoption("--st-state-trace-dir", default=None, metavar="DIR", dest="st_state_trace_dir",
                    help="write the trace (JSON Lines) of every recorded AppTest session of a failing test to DIR")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("st_state_debugger", False) and os.environ.get(ENV_AUTO_ENABLE) != "1":
        os.environ[ENV_AUTO_ENABLE] = "1"  # for the whole run: every test sees the same environment
        config.add_cleanup(_unset_auto_enable)


def _unset_auto_enable() -> None:
    os.environ.pop(ENV_AUTO_ENABLE, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    if item.config.getoption("st_state_debugger", False):
        from . import internals  # the run-boundary hook that enables each session (a fixture may have undone it)

        internals.install()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if call.when != "call" or not report.failed or _APP_TEST_MODULE not in sys.modules:
        return
    try:
        sessions = _recorded_sessions(item, call)
        if not sessions:
            return
        report.sections.append((SECTION, _section(sessions)))
        trace_dir = item.config.getoption("st_state_trace_dir", None)
        if trace_dir:
            _keep_traces(Path(trace_dir), item.nodeid, sessions)
    except Exception as err:  # the plugin never hides the test's own failure
        report.sections.append((SECTION, f"st_state_debugger could not summarise this test ({type(err).__name__}: {err})\n"))


def _recorded_sessions(item: pytest.Item, call: pytest.CallInfo[None]) -> list[Any]:
    """The recorders of the AppTests the failing test held, in the order found."""
    from . import internals as hooks

    app_test = sys.modules[_APP_TEST_MODULE].AppTest
    found: dict[int, Any] = {}

    def look(value: Any, depth: int) -> None:
        if isinstance(value, app_test):
            found.setdefault(id(value), value)
        elif depth > 0 and isinstance(value, (list, tuple)):
            for v in value[:100]:  # pyright: ignore[reportUnknownVariableType]
                look(v, depth - 1)
        elif depth > 0 and isinstance(value, dict):
            for v in list(value.values())[:100]:  # pyright: ignore[reportUnknownArgumentType]
                look(v, depth - 1)

    for value in getattr(item, "funcargs", {}).values():
        look(value, _DEPTH)
    instance = getattr(item, "instance", None)
    if instance is not None:
        look(vars(instance), _DEPTH)
    tb = call.excinfo.tb if call.excinfo is not None else None
    while tb is not None:
        look(tb.tb_frame.f_locals, _DEPTH)
        tb = tb.tb_next
    recorders = [hooks.recorder_of_apptest(at) for at in found.values()]
    unique: dict[int, Any] = {}
    for rec in recorders:
        if rec is not None and rec.debug.store.reruns:
            unique.setdefault(id(rec), rec)
    return list(unique.values())


def _trace(rec: Any) -> Any:
    from .model import Trace

    return Trace(header=dict(rec.debug.header), reruns=list(rec.debug.store.reruns))


def _section(recorders: list[Any]) -> str:
    from .report import text_summary

    parts = []
    for n, rec in enumerate(recorders, 1):
        trace = _trace(rec)
        app = trace.header.get("app") or "?"
        parts.append(text_summary(trace, f"AppTest session {n} ({app})"))
    return "".join(parts)


def _keep_traces(directory: Path, nodeid: str, recorders: list[Any]) -> None:
    """Write each session's trace as ``<test id>-<n>.jsonl`` in ``directory`` (never
    over an existing file: a number is added)."""
    from .trace import dumps_trace

    directory.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150] or "test"
    for n, rec in enumerate(recorders, 1):
        trace = _trace(rec)
        data = dumps_trace(trace.header, trace.reruns)
        for extra in range(1000):
            path = directory / (f"{stem}-{n}.jsonl" if extra == 0 else f"{stem}-{n}.{extra}.jsonl")
            try:
                with open(path, "xb") as f:
                    f.write(data)
                break
            except FileExistsError:
                continue
