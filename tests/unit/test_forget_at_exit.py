"""A code object freed at interpreter exit must not make the debugger print
"Exception ignored ... 'NoneType' object has no attribute 'pop'".

At exit Python sets a module's globals to None before the last objects are freed;
the weak-reference callbacks of ``frames.tie_to_code`` then still run. The forget
functions must reach their tables without the module's globals."""

from __future__ import annotations

import sys

from st_state_debugger.internals import frames, proxy


def _user_code():
    namespace: dict = {}
    exec(compile("def f():\n    return sys._getframe()\n", "/tmp/ssd_exit_app.py", "exec"), {"sys": sys}, namespace)
    return namespace["f"]


def test_a_code_freed_after_the_frames_globals_are_gone_is_forgotten_quietly(monkeypatch):
    f = _user_code()
    frames.user_frame(f())
    ident = id(f.__code__)
    ids, pinned = frames._internal_ids, frames._pinned
    assert ident in ids and ident in pinned
    monkeypatch.setattr(frames, "_internal_ids", None)  # as at interpreter exit
    monkeypatch.setattr(frames, "_pinned", None)
    del f  # the weak reference's callback runs frames._forget now
    assert ident not in ids and ident not in pinned


def test_a_code_freed_after_the_proxy_globals_are_gone_is_forgotten_quietly(monkeypatch):
    f = _user_code()
    code = f.__code__
    proxy._instruction_start(id(code), code, 0)
    ident = id(code)
    starts, refs = proxy._starts, proxy._start_refs
    assert ident in starts and ident in refs
    for name in ("_starts", "_offsets", "_start_refs"):
        monkeypatch.setattr(proxy, name, None)
    del f, code
    assert ident not in starts and ident not in refs
