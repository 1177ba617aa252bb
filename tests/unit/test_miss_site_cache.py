"""Repeated failed lookups are merged by instruction (``proxy._instruction_start``),
cached by the id of the code object. AppTest compiles the script anew every run and
frees the old code, so an id comes back for other code: a cached entry must go with
its code, or a later script's line would get another line's instruction and a second
budget of missing keys (seen as a flaky tests/apptest/test_keyerr_budget.py)."""

from __future__ import annotations

import dis
import gc

from st_state_debugger.internals import proxy


def _subscript_offset(code) -> int:
    return next(i.offset for i in dis.get_instructions(code) if i.opname.startswith("BINARY_SUBSCR")
                or (i.opname == "BINARY_OP" and i.argrepr == "[]"))


def test_a_freed_code_objects_instruction_starts_go_before_its_id_can_be_reused():
    code = compile("d = {}\nx = d['k']\n", "<app>", "exec")
    cid, lasti = id(code), _subscript_offset(code)
    assert proxy._instruction_start(cid, code, lasti) == lasti
    assert proxy._starts[cid] == {lasti: lasti} and cid in proxy._offsets
    del code
    gc.collect()
    assert cid not in proxy._starts and cid not in proxy._offsets and cid not in proxy._start_refs


def test_an_offset_inside_an_instructions_cache_maps_to_the_instruction():
    code = compile("d = {}\nx = d['k']\n", "<app>", "exec")
    start = _subscript_offset(code)
    after = min(i.offset for i in dis.get_instructions(code) if i.offset > start)
    # a specialized instruction can report an offset inside its inline cache (3.11+;
    # 3.10 has no inline caches: then only the instruction's own offset is asked)
    for lasti in range(start, after, 2):
        assert proxy._instruction_start(id(code), code, lasti) == start
