"""Python 3.10 fallbacks of the hooks that leave no frame in the app's tracebacks.

These run on every Python: on 3.11+ they show the fallbacks are harmless, on 3.10
(scripts/check_streamlit.sh with PYTHON=3.10, a CI step) that they are needed and work.
"""

from __future__ import annotations

import sys
import traceback
import types

from st_state_debugger.internals import relabel
from st_state_debugger.internals.relabel import _hide_own_frame, _relabel, _with_qualname, reraise_with_its_traceback


def _inner() -> None:
    raise KeyError("missing")


def _hook() -> None:
    # what a relabelled hook's code does (relabel._hiding_tree)
    try:
        _inner()
    except BaseException as exc:
        _hide_own_frame(exc)
        raise


def _functions_in_traceback(call) -> list[str]:
    try:
        call()
    except KeyError as exc:
        listed = [f.name for f in traceback.extract_tb(exc.__traceback__)]
        printed = traceback.format_exc()
    else:
        raise AssertionError("no KeyError")
    # what the app's traceback.format_exc() prints is what the exception carries
    assert all(f"in {name}\n" in printed for name in listed), printed
    return listed


def test_a_hook_that_drops_its_own_frame_is_not_in_the_callers_traceback():
    # Python 3.10: a bare raise re-raises the traceback its handler caught, so
    # without reraise_with_its_traceback the hook's frame came back here
    assert _functions_in_traceback(_hook) == ["_functions_in_traceback", "_inner"]


def test_a_chain_of_hooks_leaves_only_the_callers_frames():
    def outer_hook() -> None:
        try:
            _hook()
        except BaseException as exc:
            _hide_own_frame(exc)
            raise

    assert _functions_in_traceback(outer_hook) == ["_functions_in_traceback", "_inner"]


def test_setting_the_handled_traceback_keeps_reference_counts_balanced():
    """PyErr_SetExcInfo steals a reference to each argument: the increments balance
    it on every Python (3.11's drops the type and traceback it is given)."""
    exc = KeyError("kept")

    def hook() -> None:
        try:
            raise exc
        except BaseException as caught:
            reraise_with_its_traceback(caught)
            raise

    def count() -> tuple[int, int]:
        for _ in range(200):
            try:
                hook()
            except KeyError:
                pass
        exc.__traceback__ = None
        return sys.getrefcount(exc), sys.getrefcount(KeyError)

    first = count()
    assert count() == first


def test_a_relabelled_hook_keeps_its_qualified_name_and_runs_where_code_has_none():
    class Owner:
        def method(self, key: str) -> str:
            return key.upper()

    fn = Owner.method
    _relabel(fn)
    assert "_hide_own_frame" in fn.__code__.co_names and fn(Owner(), "a") == "A"  # recompiled, and runs
    assert fn.__qualname__.endswith(".Owner.method")
    assert getattr(fn.__code__, "co_qualname", fn.__qualname__) == fn.__qualname__  # 3.11+: the code's too

    # Python 3.10's code objects: no co_qualname; the recompiled code is taken as it is
    # (the function's __qualname__ is the name, and 3.10's tracebacks print co_name)
    old = types.SimpleNamespace(co_name="method")
    new = compile("def method(self, key): return key", __file__, "exec").co_consts[0]
    assert _with_qualname(new, old) is new


def test_the_fallback_is_on_exactly_where_a_bare_raise_reraises_the_saved_traceback():
    assert relabel.RERAISES_SAVED_TRACEBACK is (sys.version_info < (3, 11))
