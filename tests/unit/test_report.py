"""The Markdown report treats everything from a trace as text: no HTML, no link, no
image, no table break, whatever field of the trace it is in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from st_state_debugger import TraceError, load_trace
from st_state_debugger.report import markdown_report
from tests.trace_fields import put, read_lines, string_paths, write_lines

DATA = Path(__file__).resolve().parents[1] / "data"
TRACES = sorted(DATA.glob("*.jsonl"))

HOSTILE = ("<img src=x onerror=alert(1)><script>alert(2)</script><!-- &amp; [link](https://evil.example/a) "
           "![img](https://evil.example/i.png) www.evil.example mail@evil.example `code` **b** _i_ ~~s~~ | cell "
           "$x$ #1 \\ :red[r] \n## heading\r\n| row |")

#: Characters Markdown (CommonMark, GFM, GitHub) or HTML can act on, outside code spans.
ACTIVE = "[]()!*_~`\\|#$@:."


def _write(tmp: Path, lines: list[Any]) -> Path:
    return write_lines(tmp / "t.jsonl", lines)


def _marked_trace(tmp: Path, trace: Path) -> tuple[Path, dict[str, str]]:
    """``trace`` with every string field the reader accepts any text in replaced by a
    numbered copy of HOSTILE between letter-only markers."""
    lines = read_lines(trace)
    marked: dict[str, str] = {}
    for n, line in enumerate(lines):
        for leaf in string_paths(line):
            probe = json.loads(json.dumps(lines))
            text = f"QQ{len(marked)}QQ{HOSTILE}ZZ{len(marked)}ZZ"
            put(probe[n], leaf, text)
            try:
                load_trace(_write(tmp, probe))
            except TraceError:
                continue  # a code, kind or status: the reader refuses any other text
            marked[str(len(marked))] = f"{'/'.join(map(str, leaf))} of line {n + 1}"
            lines = probe
    return _write(tmp, lines), marked


def _shown(markdown: str) -> str:
    """What a CommonMark renderer shows for inert text: escapes and entities undone."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def assert_inert(segment: str) -> None:
    """Only plain characters, entities and backslash-escaped active characters."""
    assert "<" not in segment and ">" not in segment and "\n" not in segment and "\r" not in segment
    rest = re.sub(r"&(lt|gt|amp);", "", re.sub(r"\\[!-/:-@\[-`{-~]", "", segment))
    assert not set(rest) & set(ACTIVE + "&"), f"unescaped {sorted(set(rest) & set(ACTIVE + '&'))} in {segment!r}"


@pytest.mark.parametrize("trace", TRACES, ids=lambda p: p.name)
def test_every_trace_field_in_the_markdown_report_is_inert_text(tmp_path, trace):
    path, marked = _marked_trace(tmp_path, trace)
    report = markdown_report(load_trace(path), str(path))
    shown = re.findall(r"QQ(\d+)QQ(.*?)ZZ\1ZZ", report)
    assert len({n for n, _ in shown}) > 20  # the header, triggers, keys, errors, history… all reached the report
    for n, segment in shown:
        assert_inert(segment)
        # shown as the text itself (control characters as escapes), or as its repr (keys in headings)
        assert _shown(segment) in (HOSTILE.replace("\n", "\\n").replace("\r", "\\r"), repr(HOSTILE)[1:-1]), marked[n]
    assert "<" not in report and "](" not in report and "![" not in report
    for table in re.findall(r"(?m)(?:^\|.*\n)+", report):  # every row of a table keeps its cell count
        assert len({_cells(row) for row in table.splitlines()}) == 1, table


def _cells(row: str) -> int:
    return re.sub(r"\\.", "", row).count("|")


def test_the_report_s_header_fields_are_escaped(tmp_path):
    lines = read_lines(DATA / "demo_trace.jsonl")
    lines[0].update(app="<img src=x onerror=alert(1)>", streamlit="[x](https://evil.example)", python="![i](https://e.example/i.png)",
                    debugger="**1**", started_at="<b>now</b>")
    report = markdown_report(load_trace(_write(tmp_path, lines)), "t.jsonl")
    head = "\n".join(report.splitlines()[:3])
    assert "## st\\_state\\_debugger trace: &lt;img src=x onerror=alert\\(1\\)&gt;" in head
    assert "Streamlit \\[x\\]\\(https\\://evil\\.example\\) · Python \\!\\[i\\]\\(https\\://e\\.example/i\\.png\\)" in head
    assert "st\\_state\\_debugger \\*\\*1\\*\\* · started &lt;b&gt;now&lt;/b&gt;" in head


def test_an_app_key_that_is_html_is_shown_as_text_in_every_column(tmp_path):
    key = "<img src=x onerror=alert(1)>"
    lines = read_lines(DATA / "trace_v1.jsonl")
    first = lines[1]
    first["diff"]["added"].append(key)
    first["diff"]["mutated_in_place"].append(key)
    first["trigger"] = {"kind": "widget", "widget_key": key}
    report = markdown_report(load_trace(_write(tmp_path, lines)), "t.jsonl")
    assert "<img" not in report
    row = next(line for line in report.splitlines() if line.startswith("| 1 |"))
    assert row.count("&lt;img src=x onerror=alert\\(1\\)&gt;") == 3  # trigger, changed, mutated in place


# --------------------------------------------------------------------------- what changed, in its own column
SHOP = """
import streamlit as st
import st_state_debugger

st_state_debugger.enable()
ss = st.session_state
ss.setdefault("coupon_code", "SAVE10")
ss.setdefault("total", 10)
if st.button("Remove coupon", key="remove"):
    del ss["coupon_code"]
    ss.total = 12
    ss.receipt = "no coupon"
if st.checkbox("Add a note", value=True, key="show"):
    st.text_input("Note", key="note")
"""


def _cells_of(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_the_report_lists_added_removed_changed_and_streamlit_s_removals_apart(tmp_path, trace_dir):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import only_trace_file

    script = tmp_path / "shop.py"
    script.write_text(SHOP)
    at = AppTest.from_file(str(script), default_timeout=60).run()
    at.button(key="remove").click().run()
    at.checkbox(key="show").uncheck().run()
    report = markdown_report(load_trace(only_trace_file(trace_dir)), "t.jsonl")
    lines = report.splitlines()
    header = _cells_of(next(line for line in lines if line.startswith("| # |")))
    assert header[7:] == ["added", "removed", "changed", "mutated in place", "changed while paused (not recorded)", "errors"]
    second = dict(zip(header, _cells_of(next(line for line in lines if line.startswith("| 2 |")))))
    assert second["added"] == "receipt" and second["removed"] == "coupon\\_code"
    assert "total" in second["changed"] and "coupon" not in second["changed"]
    third = dict(zip(header, _cells_of(next(line for line in lines if line.startswith("| 3 |")))))
    assert third["removed"] == "note" and "note" not in third["changed"]
    removals = lines[lines.index("### Removed by Streamlit"):]
    assert "| 3 | note | widget 'note' was not rendered in rerun 3 |" in removals
    assert not any("coupon" in line for line in removals)  # the app's own del is not Streamlit's
