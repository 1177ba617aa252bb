"""``st-state-debugger export TRACE.jsonl --format md``: a Markdown report.

Stage: trace → **export**. For a bug report or a pull request: the reruns in a
table (keys added, removed, changed, mutated in place and changed while paused, each
in its own column),
the keys Streamlit removed itself and why, then each KeyError with its explanation
and the key's history. Values are the
trace's summaries, so redaction is kept.
"""

from __future__ import annotations

from .model import Rerun, Trace
from .store import slowest_callbacks

#: What Markdown output escapes. HTML's specials become entities, so no tag, comment
#: or entity from a trace is ever HTML. Markdown's active characters get a backslash
#: (CommonMark makes escaped punctuation literal): links and images ``[ ] ( ) !``,
#: emphasis and code ``* _ ~ ` \\``, table cells ``|``, headings and GitHub issue
#: references ``#``, math ``$``, GitHub mentions and e-mail autolinks ``@``, and the
#: ``:`` and ``.`` of ``https://`` and ``www.`` autolinks. Other punctuation is left as
#: it is (it is only active at the start of a line, where trace text never is).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ACTIVE = frozenset("[]()!*_~`\\|#$@:.")


def _md(text: object) -> str:
    """Trace text as inert Markdown text: it renders as exactly its characters.

    Non-printable characters (line breaks that would end a table row, NUL, bidi
    controls) are shown as their Python escape first, so nothing is lost or hidden.
    Not for code spans: there backslashes and entities are shown as they are.
    """
    out = []
    for c in str(text):
        if not c.isprintable():
            out.append(_md(repr(c)[1:-1]))
        elif c in _ENTITIES:
            out.append(_ENTITIES[c])
        elif c in _ACTIVE:
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def _ms(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, (int, float)) and not isinstance(value, bool) else _md(value)


def _where(file: object, line: object) -> str:
    return _md(f"{file}:{line}" if file and line is not None else (file or "?"))


def _keys(keys: list[str]) -> str:
    return _md(", ".join(map(str, keys))) or "–"


def _streamlit_removals(trace: Trace) -> list[str]:
    """Keys Streamlit itself removed (a widget not rendered, a page switch), with the
    reason it gave: the removals that surprise people most."""
    rows = [f"| {_md(r.index)} | {_md(e.key)} | {_md(e.reason or '')} |"
            for r in trace.reruns for e in r.events if e.op == "delete" and e.source == "streamlit"]
    if not rows:
        return []
    return ["", "### Removed by Streamlit", "", "| rerun | key | reason |", "|---:|---|---|", *rows]


def _key_columns(r: Rerun) -> list[tuple[str, list[str]]]:
    """A rerun's keys by what happened to them, in the report's column order (the
    Markdown table and the plain-text summary say the same)."""
    d = r.diff
    return [("added", d.added), ("removed", d.removed), ("changed", d.changed),
            ("mutated in place", d.mutated_in_place), ("changed while paused (not recorded)", d.changed_while_paused)]


def _rerun_loops(trace: Trace) -> list[str]:
    """Reruns that kept starting themselves (``rerun_loop`` warnings, loops.py): where
    the loop was named, the line that restarts it, and the warning's words."""
    rows = [f"| {_md(r.index)} | {_where(w.file, w.line)} | {_md(w.message)} |"
            for r in trace.reruns for w in r.warnings if w.kind == "rerun_loop"]
    if not rows:
        return []
    return ["", "### Rerun loops", "", "| rerun | where | warning |", "|---:|---|---|", *rows]


def markdown_report(trace: Trace, source: str) -> str:
    """The report; every piece of trace text in it goes through :func:`_md`."""
    h = trace.header
    lines = [
        f"## st\\_state\\_debugger trace: {_md(h.get('app') or source)}",
        "",
        f"Streamlit {_md(h.get('streamlit'))} · Python {_md(h.get('python'))} · st\\_state\\_debugger {_md(h.get('debugger'))} · "
        f"started {_md(h.get('started_at'))} · {len(trace.reruns)} reruns"
        + (" · older reruns dropped (history cap)" if trace.overflow else ""),
        "",
        ("| # | trigger | status | ms | reads | writes | deletes | added | removed | changed | mutated in place "
         "| changed while paused (not recorded) | errors |"),
        "|---:|---|---|---:|---:|---:|---:|---|---|---|---|---|---|",
    ]
    for r in trace.reruns:
        reads, writes, deletes = r.counts()
        # changed while paused: reruns that were not recorded made these changes (a
        # distinct mark: no event of this rerun explains them, and they are not in place)
        columns = [keys for _, keys in _key_columns(r)] + [[e.key for e in r.errors]]
        keys = " | ".join(_keys(k) for k in columns)
        lines.append(f"| {_md(r.index)} | {_md(r.trigger.text())} | {_md(r.status)} | {_ms(r.duration_ms)} | {reads} | {writes} | {deletes} | {keys} |")
    lines += _streamlit_removals(trace)
    lines += _rerun_loops(trace)
    slowest = slowest_callbacks(trace.reruns)
    if slowest:
        lines += ["", "### Slowest callbacks", "", "| callback | widget | ms |", "|---|---|---:|"]
        lines += [f"| {_md(name)}() | {_md(widget or '')} | {_ms(ms)} |" for ms, name, widget, _ in slowest]
    errors = [(r, e) for r in trace.reruns for e in r.errors]
    lines += ["", f"### Errors ({len(errors)})" if errors else "### Errors", ""]
    if not errors:
        lines.append("No failed session-state lookups.")
    for r, e in errors:
        lines += [
            f"#### {_md(e.type)} on {_md(repr(e.key))} in rerun {_md(r.index)} at {_where(e.file, e.line)}{_times(e.count)}",
            "",
            f"**{_md(e.explanation)}**",
            "",
        ]
        if e.suggestions:
            lines += ["Did you mean: " + ", ".join(_md(repr(s)) for s in e.suggestions), ""]
        if e.history:
            lines += ["| rerun | op | source | where | value / reason |", "|---:|---|---|---|---|"]
            for hist in e.history:
                ev = hist.event
                source = ev.source + (f" {ev.callback}()" if ev.callback else "") + (f" · {ev.widget_key}" if ev.widget_key else "")
                lines.append(f"| {_md(hist.rerun)} | {_md(ev.op)}{_times(ev.count)} | {_md(source)} | {_where(ev.file, ev.line)} "
                             f"| {_md(ev.reason or ev.value or '')} |")
            lines.append("")
    # lookups a line made past its budget of recorded keys (recording/buffer.py): counted, said here
    lines += [f"Rerun {_md(r.index)}: {_md(w.message)}\n" for r in trace.reruns for w in r.warnings
              if w.kind == NOT_RECORDED]
    return "\n".join(lines).rstrip() + "\n"


#: RerunWarning.kind of the failed lookups counted but not recorded one by one
NOT_RECORDED = "missing_keys_not_recorded"


def _times(count: object) -> str:
    """" ×N" for a lookup that failed N > 1 times at one line in a rerun (merged into
    one event / one error, ``Event.count``): the reader must not think it failed once."""
    return f" ×{count}" if isinstance(count, int) and count > 1 else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def text_summary(trace: Trace, title: str) -> str:
    """The report in plain text, compact, for a terminal (a failing test's report
    section, ``pytest_plugin.py``): one line per rerun (trigger, status, reads,
    writes, deletes, the keys added, removed and changed with the value before and
    after), then each error with its explanation, and the rerun loops. Values are the
    trace's summaries, so redaction is kept; line breaks in them are escaped."""
    def one_line(text: object) -> str:
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))

    lines = [one_line(f"{title}: {_plural(len(trace.reruns), 'rerun')}"
                      + (" (older reruns dropped: history cap)" if trace.overflow else ""))]
    for r in trace.reruns:
        reads, writes, deletes = r.counts()
        parts = [f"#{r.index} {r.trigger.text()}", r.status,
                 f"{_plural(reads, 'read')}, {_plural(writes, 'write')}, {_plural(deletes, 'delete')}"]
        for label, keys in _key_columns(r):
            if keys:
                shown = [f"{k} ({' → '.join(str(v) for v in r.diff.values[k])})" if label == "changed" and k in r.diff.values
                         else str(k) for k in keys]
                parts.append(f"{label}: {', '.join(shown)}")
        lines.append("  " + one_line(" · ".join(parts)))
        for e in r.errors:
            where = f"{e.file}:{e.line}" if e.file else "?"
            hint = [repr(s) for s in e.suggestions if repr(s) not in e.explanation]  # not said twice
            lines.append("    " + one_line(f"{e.type} on {e.key!r} at {where}{_times(e.count)}: {e.explanation}"
                                          + (f" Did you mean: {', '.join(hint)}?" if hint else "")))
        lines += ["    " + one_line(w.message) for w in r.warnings if w.kind in ("rerun_loop", NOT_RECORDED)]
    return "\n".join(lines) + "\n"
