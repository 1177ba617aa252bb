"""A crash mid-write loses at most the running rerun: every cut point of every
checked-in trace, read back with ``load_trace(strict=False)``."""

from __future__ import annotations

from pathlib import Path

import pytest

from st_state_debugger import TraceError, load_trace

DATA = Path(__file__).resolve().parents[1] / "data"

CHECKED_IN = ["trace_v1.jsonl", "trace_v2.jsonl", "demo_trace.jsonl"]


@pytest.mark.parametrize("name", CHECKED_IN)
def test_a_crash_at_any_byte_of_a_rerun_line_loses_at_most_that_rerun(tmp_path, name):
    """Every cut point after the header: strict=False keeps every complete rerun
    before the cut and flags a partial last line; it never raises. A last line whose
    newline alone is missing is whole, and is read."""
    data = (DATA / name).read_bytes()
    full = load_trace(DATA / name).reruns
    newlines = [i for i, byte in enumerate(data) if byte == ord("\n")]
    path = tmp_path / name
    for cut in range(newlines[0], len(data) + 1):
        path.write_bytes(data[:cut])
        complete = sum(1 for end in newlines[1:] if end <= cut)
        partial = cut not in newlines and cut - 1 not in newlines
        trace = load_trace(path, strict=False)
        assert trace.reruns == full[:complete], cut
        if partial:
            assert len(trace.warnings) == 1 and f"line {complete + 2}: truncated last line" in trace.warnings[0], cut
            if cut - 2 in newlines or cut + 1 in newlines:  # strict: refused (first and last cut of each line)
                with pytest.raises(TraceError, match=f"line {complete + 2}: not JSON"):
                    load_trace(path)
        else:
            assert trace.warnings == [] and load_trace(path).reruns == trace.reruns, cut


@pytest.mark.parametrize("name", CHECKED_IN)
def test_a_file_cut_inside_its_header_is_refused_saying_it_holds_no_rerun(tmp_path, name):
    """Nothing is lost (no rerun was written yet), and without a whole header the file
    cannot be told from any other JSON: refused in both modes."""
    data = (DATA / name).read_bytes()
    path = tmp_path / name
    for cut in range(1, data.index(b"\n")):
        path.write_bytes(data[:cut])
        for strict in (True, False):
            with pytest.raises(TraceError, match="line 1: not JSON .*holds no rerun"):
                load_trace(path, strict=strict)
