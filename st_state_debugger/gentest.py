"""``st-state-debugger gen-test TRACE.jsonl``: a pytest test that replays a session.

Stage: trace → **export**. Each recorded rerun becomes one step: the widget values the
browser sent (``source = widget`` events) are set, the widget that triggered the rerun
is clicked, the app is run with ``AppTest``, and the state is compared with the
summaries the trace recorded after that rerun (redacted keys excluded). What cannot be
replayed (a keyless text box, a page switch, a value recorded only as a truncated or
redacted summary) is written as a comment, and the comparison of that step is skipped.

A trace may come from anyone, so nothing in it is ever code: every value written into
the generated source is a literal checked by :func:`_py` (``repr`` that parses back as
data only), and every piece of text in a comment goes through :func:`_clean` (no line
breaks, no NUL, nothing non-printable). docs/security.md, "Traces from elsewhere".
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path
from typing import Any

from .config import MAX_VALUE_CHARS
from .model import Rerun, Trace
from .page_names import page_icon_and_name
from .panel.view import states_by_rerun

_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
_TRIGGER_WIDGETS = {"button", "form_submit_button", "download_button"}


#: The only syntax a value in the generated source may have: data, never a name
#: (``nan``, ``inf``), an attribute or a call (except ``set()``, the repr of an empty set).
_DATA_NODES = (ast.Expression, ast.Constant, ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Load,
               ast.UnaryOp, ast.USub, ast.UAdd, ast.BinOp, ast.Add, ast.Sub)


def _is_data(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):  # set()
        return isinstance(node.func, ast.Name) and node.func.id == "set" and not node.args and not node.keywords
    return isinstance(node, _DATA_NODES) and all(_is_data(child) for child in ast.iter_child_nodes(node))


def _py(value: object) -> str | None:
    """``repr(value)`` when it is a plain literal, else None.

    Why: this text is pasted into Python source, and a trace is foreign input. A value
    whose repr is not pure data (a float ``nan``/``inf`` reads back as a name, an
    object's repr as anything) is refused rather than trusted.
    """
    try:
        text = repr(value)
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return text if _is_data(tree) else None


def _clean(text: object) -> str:
    """``text`` made safe for one comment line.

    Python ends a comment at ``\\n`` or ``\\r``, ``compile`` refuses NUL, and editors and
    ``str.splitlines`` also break at ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``,
    ``\\u2028``/``\\u2029``; bidi controls reorder what a reviewer sees. All of those are
    non-printable, so every non-printable character is written as its escape.
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def _literal(summary: str | None) -> tuple[bool, Any]:
    """The value a summary spells, if it is a literal that can be written back as one."""
    if not isinstance(summary, str) or summary.endswith("…") or "‹" in summary:
        return False, None
    try:
        value = ast.literal_eval(summary)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None
    return (True, value) if _py(value) is not None else (False, None)


def _comparable(summary: object, placeholder: str) -> bool:
    """Summaries that identify a value: not redacted, cut, or holding a memory address."""
    return (isinstance(summary, str) and summary != placeholder and not summary.endswith("…")
            and not _ADDRESS.search(summary) and "<" not in summary[:1])


def _note(text: object) -> str:
    """A comment line of the generated test; trace text in it is cleaned."""
    return "# " + _clean(text)


def _browser_steps(r: Rerun) -> tuple[list[str], bool]:
    """The values the browser sent before rerun ``r`` (the triggering click excepted)."""
    lines: list[str] = []
    faithful = True
    t = r.trigger
    for e in r.events:
        if e.source != "widget" or e.op != "write" or (e.key == t.widget_key and t.widget in _TRIGGER_WIDGETS):
            continue
        ok, value = _literal(e.value)
        key = _py(e.key)
        if ok and key is not None:
            lines.append(f"replay_widget(at, {key}, {_py(value)})")
        else:
            lines.append(_note(f"cannot replay: widget {e.key!r} got {e.value} (not recorded in full)"))
            faithful = False
    return lines, faithful


def _restore_steps(r: Rerun) -> tuple[list[str], bool]:
    """The panel's time travel: the debugger's own writes and deletes."""
    lines: list[str] = []
    faithful = True
    for e in r.events:
        if e.source != "debugger":
            continue
        ok, value = _literal(e.value) if e.op == "write" else (True, None)
        key = _py(e.key)
        if not ok or key is None:
            lines.append(_note(f"cannot replay: the restore set {e.key!r} to {e.value} (not recorded in full)"))
            faithful = False
        elif e.op == "write":
            lines.append(f"at.session_state[{key}] = {_py(value)}")
        else:
            lines.append(f"del at.session_state[{key}]")
    return lines, faithful


def _steps(r: Rerun, pages: dict[str, str]) -> tuple[list[str], bool]:
    """Python lines reproducing what the browser did before rerun ``r``; False if it
    cannot be replayed faithfully. ``pages``: see :func:`_page_files`."""
    lines, faithful = _browser_steps(r)
    browser = bool(lines)
    t = r.trigger
    interactive = t.kind in ("widget", "form_submit", "fragment")
    if interactive and (t.widget in _TRIGGER_WIDGETS or t.widget is None and t.widget_key is None):
        key, label = _py(t.widget_key), _py(t.label)
        if t.widget_key is not None and key is not None:
            lines.append(f"replay_widget(at, {key})")
        elif t.widget_key is None and t.label is not None and label is not None:
            lines.append(f"replay_widget(at, None, label={label}, widget={_py(t.widget or 'button')})")
        else:
            lines.append(_note("cannot replay: an unnamed widget triggered this rerun"))
            faithful = False
    elif interactive and t.widget_key is None and not browser:
        lines.append(_note(f"cannot replay: keyless {t.widget or 'widget'} {t.label!r} changed (its value is not in the trace)"))
        faithful = False
    elif t.kind == "restore":
        restore, restored = _restore_steps(r)
        lines += restore
        faithful = faithful and restored
    elif t.kind == "page":
        page = pages.get(t.page) if isinstance(t.page, str) else None
        if page is not None:
            lines.append(f"at.switch_page({_py(page)})")
        else:
            lines.append(_note(f"cannot replay: page switch to {t.page!r} (no page of that name found beside the app)"))
            faithful = False
    return lines, faithful


def _page_files(app_path: str) -> dict[str, str]:
    """Page name (as the trace records it) → page file relative to the app's folder,
    for ``at.switch_page``: the ``pages/`` folder's files, and the ``st.Page("file.py",
    title=…)`` calls in the main script. Read, never run: gen-test runs no app code."""
    app = Path(app_path)
    found: dict[str, str] = {}
    try:
        tree = ast.parse(app.read_text(encoding="utf-8"))
        files = sorted((app.parent / "pages").glob("*.py"))
    except (OSError, SyntaxError, ValueError):
        return found
    found[page_icon_and_name(app.name)[1]] = app.name
    for file in files:
        found.setdefault(page_icon_and_name(file.name)[1], f"pages/{file.name}")
    for node in ast.walk(tree):
        page = _st_page(node)
        if page is not None and (app.parent / page[0]).is_file():
            found.setdefault(page[1] or page_icon_and_name(Path(page[0]).name)[1], page[0])
    return found


def _st_page(node: ast.AST) -> tuple[str, str | None] | None:
    """``(file, title)`` of a ``st.Page("file.py", title="…")`` call with literal arguments."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "Page" or isinstance(func, ast.Name) and func.id == "Page"):
        return None
    first = node.args[0]
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str) or not first.value.endswith(".py"):
        return None
    title = next((k.value for k in node.keywords if k.arg == "title"), None)
    return first.value, title.value if isinstance(title, ast.Constant) and isinstance(title.value, str) else None


def _limit(header: dict[str, Any]) -> int:
    """The trace's summary length (an integer whatever the header holds)."""
    value = header.get("value_chars", MAX_VALUE_CHARS)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else MAX_VALUE_CHARS


def _placeholder(header: dict[str, Any]) -> str:
    redaction = header.get("redaction")
    placeholder = redaction.get("placeholder") if isinstance(redaction, dict) else None
    return placeholder if isinstance(placeholder, str) else "‹redacted›"


def _app_line(app_path: str, test_file: str | None) -> str:
    """``APP = …``: relative to the generated test file when its place is known (the
    test then runs from any folder and the two can be committed together), else the
    absolute path ``gen-test`` resolved."""
    app = os.path.abspath(app_path)
    if test_file is not None:
        try:
            relative = os.path.relpath(app, os.path.dirname(os.path.abspath(test_file)))
        except ValueError:  # another drive (Windows): no relative path exists
            relative = None
        if relative is not None:
            return f"APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), {_py(relative)})"
    return f"APP = {_py(app)}"


def _head(app_path: str, source: str, test_file: str | None) -> list[str]:
    """The module's docstring, imports and APP: trace text only as checked literals."""
    return [
        '"""Replays a session recorded by st_state_debugger (TRACE) against the app APP.',
        "",
        "Generated by `st-state-debugger gen-test`: each step sets the widget values the",
        "browser sent, clicks the widget that triggered the rerun, runs the app, and",
        "compares st.session_state with what the trace recorded after that rerun.",
        '"""',
        "",
        "import os",
        "",
        "from streamlit.testing.v1 import AppTest",
        "",
        "from st_state_debugger.testing import assert_state, replay_widget",
        "",
        f"TRACE = {_py(str(source))}",
        _app_line(app_path, test_file),
        "",
        "",
        "def test_recorded_session_replays_to_the_same_state():",
        '    assert os.path.isfile(APP), f"the app under test is not at {APP}: regenerate with st-state-debugger gen-test --app PATH"',
        "    at = AppTest.from_file(APP, default_timeout=60).run()",
    ]


def generate_test(trace: Trace, app_path: str, source: str, test_file: str | None = None) -> str:
    """The source of a pytest module replaying ``trace`` against ``app_path``.

    Args:
        test_file: where the module will be written, if known: ``app_path`` is then
            written relative to it, else as an absolute path.
    """
    header = trace.header
    placeholder = _placeholder(header)
    limit = _limit(header)
    states = states_by_rerun(trace)
    ever: set[str] = set()
    for s in states.values():
        ever |= set(s)
    out = _head(app_path, source, test_file)
    pages = _page_files(app_path)
    skipped_rerun = False
    for r in trace.reruns:
        if r.trigger.kind == "debugger":
            continue
        index = int(r.index)
        if index > 1:
            if r.trigger.kind == "rerun" and r.trigger.detail is None:
                out.append(f"    # rerun {index}: st.rerun() — AppTest follows it within the previous run")
                continue
            steps, faithful = _steps(r, pages)
            out.append("    " + _note(f"rerun {index}: {r.trigger.text()}"))
            out.extend("    " + line for line in steps)
            out.append("    at.run()")
            skipped_rerun = skipped_rerun or not faithful
        elif r.trigger.kind != "initial":
            out.append("    " + _note(f"the trace starts at rerun {index} ({r.trigger.text()}): replay from the first run"))
            skipped_rerun = True
        if skipped_rerun:
            out.append(f"    # state after rerun {index} not compared: an earlier step could not be replayed")
            continue
        state = states.get(r.index, {})
        expected = _py({k: v for k, v in sorted(state.items()) if isinstance(k, str) and _comparable(v, placeholder)})
        absent = _py(sorted(k for k in ever - set(state) if isinstance(k, str)))
        out.append(f"    assert_state(at, {index}, {expected}, {absent}, limit={limit})")
    return "\n".join(out) + "\n"
