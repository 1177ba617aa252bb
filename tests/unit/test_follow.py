"""follow.newest_first: which trace the inspector follows."""

from __future__ import annotations

import os

from st_state_debugger.follow import newest_first


def test_the_newest_session_comes_first_and_other_files_are_ignored(tmp_path):
    for i, name in enumerate(["trace-b.jsonl", "trace-a.jsonl", "trace-c.jsonl"]):
        path = tmp_path / name
        path.write_text("{}\n")
        os.utime(path, (1000 + i, 1000 + i))
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "dir.jsonl").mkdir()
    assert [p.name for p in newest_first(tmp_path)] == ["trace-c.jsonl", "trace-a.jsonl", "trace-b.jsonl"]
    os.utime(tmp_path / "trace-b.jsonl", (2000, 2000))  # a rerun appended to an older session
    assert newest_first(tmp_path)[0].name == "trace-b.jsonl"


def test_an_empty_or_missing_directory_has_no_trace(tmp_path):
    assert newest_first(tmp_path) == []
    assert newest_first(tmp_path / "nope") == []
