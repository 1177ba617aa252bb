"""A failed lookup merged into one event (``Event.count``) is said ×N wherever the
Markdown export and the terminal summary list it: a reader of either must not take
300 failures of one line for one."""

from __future__ import annotations

from st_state_debugger import load_trace
from st_state_debugger.report import markdown_report, text_summary
from tests.conftest import app, only_trace_file


def test_the_markdown_export_and_text_summary_say_times_n_for_a_merged_miss(trace_dir, monkeypatch):
    monkeypatch.setenv("SSD_N", "300")
    at = app("hotpath_misses.py").run()
    assert not at.exception
    trace = load_trace(only_trace_file(trace_dir))
    md = markdown_report(trace, "app.py")
    heading = next(line for line in md.splitlines() if line.startswith("#### KeyError on 'missing' in rerun 1"))
    assert heading.endswith("×300")
    once = next(line for line in md.splitlines() if line.startswith("#### KeyError on 'gone\\_0' in rerun 1"))
    assert "×" not in once  # a lookup that failed once is not marked
    text = text_summary(trace, "app")
    assert any("KeyError on 'missing' at" in line and "×300:" in line for line in text.splitlines())
    assert not any("'gone_0'" in line and "×" in line for line in text.splitlines())
