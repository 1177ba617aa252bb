"""``st-state-debugger export TRACE.jsonl --format md``: a Markdown report.

Stage: trace → **export**. For a bug report or a pull request: the reruns in a
table, then each KeyError with its explanation and the key's history. Values are the
trace's summaries, so redaction is kept.
"""

from __future__ import annotations

from .model import Trace
from .store import slowest_callbacks


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def _where(file: str | None, line: int | None) -> str:
    return f"{file}:{line}" if file and line is not None else (file or "?")


def markdown_report(trace: Trace, source: str) -> str:
    h = trace.header
    lines = [
        f"## st_state_debugger trace: {_cell(h.get('app') or source)}",
        "",
        f"Streamlit {h.get('streamlit')} · Python {h.get('python')} · st_state_debugger {h.get('debugger')} · "
        f"started {h.get('started_at')} · {len(trace.reruns)} reruns"
        + (" · older reruns dropped (history cap)" if trace.overflow else ""),
        "",
        "| # | trigger | status | ms | reads | writes | deletes | changed | mutated in place | errors |",
        "|---:|---|---|---:|---:|---:|---:|---|---|---|",
    ]
    for r in trace.reruns:
        reads, writes, deletes = r.counts()
        lines.append(
            f"| {r.index} | {_cell(r.trigger.text())} | {r.status} | {r.duration_ms:.1f} | {reads} | {writes} | {deletes} | "
            f"{_cell(', '.join(r.diff.added + r.diff.changed + r.diff.removed)) or '–'} | "
            f"{_cell(', '.join(r.diff.mutated_in_place)) or '–'} | {_cell(', '.join(e.key for e in r.errors)) or '–'} |"
        )
    slowest = slowest_callbacks(trace.reruns)
    if slowest:
        lines += ["", "### Slowest callbacks", "", "| callback | widget | ms |", "|---|---|---:|"]
        lines += [f"| {_cell(name)}() | {_cell(widget or '')} | {ms:.1f} |" for ms, name, widget, _ in slowest]
    errors = [(r, e) for r in trace.reruns for e in r.errors]
    lines += ["", f"### Errors ({len(errors)})" if errors else "### Errors", ""]
    if not errors:
        lines.append("No failed session-state lookups.")
    for r, e in errors:
        lines += [
            f"#### `{_cell(e.type)}` on `{_cell(e.key)}` in rerun {r.index} at {_where(e.file, e.line)}",
            "",
            f"**{_cell(e.explanation)}**",
            "",
        ]
        if e.suggestions:
            lines += ["Did you mean: " + ", ".join(f"`{_cell(s)}`" for s in e.suggestions), ""]
        if e.history:
            lines += ["| rerun | op | source | where | value / reason |", "|---:|---|---|---|---|"]
            for hist in e.history:
                ev = hist.event
                source = ev.source + (f" {ev.callback}()" if ev.callback else "") + (f" · {ev.widget_key}" if ev.widget_key else "")
                lines.append(f"| {hist.rerun} | {ev.op} | {_cell(source)} | {_where(ev.file, ev.line)} | {_cell(ev.reason or ev.value or '')} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
