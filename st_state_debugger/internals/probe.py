"""The start-up probe: which of Streamlit's private names still hold, and what runs.

Stage: **set-up**. The supported range is written once, in pyproject
(``streamlit>=1.64``, no upper bound) and read back here; :data:`TESTED` is the
newest releases the suites ran on. Below the range the debugger refuses. On any
release inside it, every :data:`~.names.HOOK_POINTS` entry is checked (presence,
``inspect.signature`` shape, dataclass fields, names in code) and so is
Streamlit's traceback formatter. A failed point turns off only the feature that
needs it (one warning); a failed core point, or any failure or newer release under
``ST_STATE_DEBUGGER_STRICT=1``, refuses. The result is cached until ``uninstall``.
"""

from __future__ import annotations

import inspect
import os
from dataclasses import dataclass, field
from typing import Any

import streamlit

from .names import CORE, FEATURES, HOOK_POINTS, STREAMLIT_DIR, HookPoint

#: The newest minor releases the suites ran on (the "tested up to" line).
TESTED = ("1.64", "1.65", "1.66", "1.67")
#: Used only when neither a pyproject beside the package nor the package's metadata
#: can be read (a copied source tree): the oldest tested release, not a second literal.
FALLBACK_RANGE = f">={TESTED[0]}"
ENV_STRICT = "ST_STATE_DEBUGGER_STRICT"
#: The feature of the proxy's fast path (names.FEATURES).
FAST = "fastpath"


@dataclass
class ProbeResult:
    """What the probe found: each failed point's reason, and the features off."""

    checked: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    off: set[str] = field(default_factory=set)

    @property
    def core_ok(self) -> bool:
        return CORE not in self.off


_cached: ProbeResult | None = None
#: refusal()'s verdict, once reached: enable() asks at the top of every rerun.
_verdict: list[str | None] = []


def declared_range() -> str:
    """The streamlit requirement as declared: the source tree's pyproject when this
    is an editable checkout (its metadata goes stale until reinstalled), else the
    installed package's metadata."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = _range_from_pyproject(os.path.join(here, "pyproject.toml")) or _range_from_metadata()
    return found or FALLBACK_RANGE


def _range_from_pyproject(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return None
    try:
        import tomllib
    except ImportError:  # Python 3.10: the quoted requirement strings are enough
        import re

        if not re.search(r'^name\s*=\s*"st_state_debugger"', text, re.MULTILINE):
            return None
        return _streamlit_spec(re.findall(r'"(streamlit\b[^"]*)"', text))
    try:
        project = tomllib.loads(text).get("project", {})
        if project.get("name") != "st_state_debugger":
            return None
        return _streamlit_spec(project.get("dependencies", []))
    except Exception:
        return None


def _range_from_metadata() -> str | None:
    try:
        from importlib.metadata import requires

        return _streamlit_spec(requires("st_state_debugger") or [])
    except Exception:
        return None


def _streamlit_spec(requirements: list[str]) -> str | None:
    from packaging.requirements import Requirement

    for line in requirements:
        req = Requirement(line)
        if req.name.lower() == "streamlit" and not req.marker:
            return str(req.specifier)
    return None


def _minor(version: str) -> str:
    from packaging.version import Version

    v = Version(version)
    return f"{v.major}.{v.minor}"


def in_range(version: str | None = None) -> bool:
    """True if ``version`` (default: the installed Streamlit) satisfies the declared range."""
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    try:
        return SpecifierSet(declared_range()).contains(Version(version or streamlit.__version__), prereleases=True)
    except Exception:
        return False


def newer_than_tested(version: str | None = None) -> bool:
    from packaging.version import Version

    newest = Version(TESTED[-1])
    v = Version(version or streamlit.__version__)
    return (v.major, v.minor) > (newest.major, newest.minor)


def strict() -> bool:
    return os.environ.get(ENV_STRICT, "") not in ("", "0")


# --------------------------------------------------------------------------- checks
def shape(fn: Any) -> str:
    """A callable's parameters as the table writes them: names in order, ``*`` before
    keyword-only ones, ``*name``/``**name`` for the catch-alls (no annotations,
    no defaults: those change without breaking a call)."""
    out: list[str] = []
    star = False
    for p in inspect.signature(fn, follow_wrapped=True).parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            out.append("*" + p.name)
            star = True
        elif p.kind is p.VAR_KEYWORD:
            out.append("**" + p.name)
        else:
            if p.kind is p.KEYWORD_ONLY and not star:
                out.append("*")
                star = True
            out.append(p.name)
    return ", ".join(out)


def fits(fn: Any, expected: str) -> bool:
    """Whether ``fn`` still takes what the debugger relies on (``expected``, written
    as :func:`shape` writes it): the same leading positional parameters in order,
    each expected keyword-only name, a ``**`` catch-all if one is expected, and
    nothing more that is required. An added optional parameter fits: every override
    hands Streamlit's arguments on unchanged, so it cannot break a call."""
    params = list(inspect.signature(fn, follow_wrapped=True).parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    by_name = {p.name: p for p in params}
    want_pos: list[str] = []
    want_kw: list[str] = []
    star = False
    for part in (x.strip() for x in expected.split(",") if x.strip()):
        if part == "*":
            star = True
        elif part.startswith("**"):
            if not any(p.kind is p.VAR_KEYWORD for p in params):
                return False
        elif part.startswith("*"):
            star = True
            if not any(p.kind is p.VAR_POSITIONAL for p in params):
                return False
        else:
            (want_kw if star else want_pos).append(part)
    if [p.name for p in positional[:len(want_pos)]] != want_pos:
        return False
    if any(name not in by_name or by_name[name].kind not in (inspect.Parameter.KEYWORD_ONLY,
                                                            inspect.Parameter.POSITIONAL_OR_KEYWORD)
           for name in want_kw):
        return False
    relied = set(want_pos) | set(want_kw)
    return all(p.name in relied or p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in params)


def _resolve(point: HookPoint) -> Any:
    obj = point.owner()
    for part in point.attr.split("."):
        obj = getattr(obj, part) if part != "__dataclass_fields__" else obj.__dict__.get(part, getattr(obj, part))
    return obj


def _code_uses(code: Any, name: str, names: tuple[str, ...]) -> bool:
    if not name or code.co_name == name:
        used = set(code.co_varnames) | set(code.co_freevars) | set(code.co_names) | set(code.co_cellvars)
        if set(names) <= used:
            return True
    return any(_code_uses(c, name, names) for c in code.co_consts if isinstance(c, type(code)))


def check_point(point: HookPoint) -> str | None:
    """Why ``point`` does not hold on this Streamlit, or None when it does."""
    try:
        value = _resolve(point)
    except Exception as exc:
        return f"missing ({type(exc).__name__})"
    try:
        if point.fields is not None:
            lacking = [f for f in point.fields if f not in value]
            if lacking:
                return f"no field {', '.join(lacking)}"
        if point.params is not None and not fits(value, point.params):
            return f"signature ({shape(value)}) does not fit ({point.params})"
        if point.code is not None:
            code = inspect.unwrap(value).__code__
            if not _code_uses(code, *point.code):
                where = point.code[0] or point.attr
                return f"{where} no longer uses {', '.join(point.code[1])}"
    except Exception as exc:
        return f"cannot be checked ({type(exc).__name__}: {exc})"
    return None


def traceback_drops_streamlit_frames() -> str | None:
    """Does Streamlit's in-page traceback still drop frames under its own package?
    The debugger's promise of native tracebacks rests on it (Streamlit >= 1.64)."""
    try:
        from streamlit.elements import exception as st_exception

        inner = compile("def _ssd_inner():\n    raise ValueError('probe')\n", os.path.join(STREAMLIT_DIR, "_ssd_probe.py"), "exec")
        outer = compile("def _ssd_outer(f):\n    f()\n", os.path.join(os.sep, "ssd_probe_app", "app.py"), "exec")
        scope: dict[str, Any] = {}
        exec(inner, scope)
        exec(outer, scope)
        try:
            scope["_ssd_outer"](scope["_ssd_inner"])
        except ValueError as exc:
            rows = st_exception._get_stack_trace_str_list(exc)
        text = "\n".join(rows)
        if "app.py" not in text or "_ssd_probe.py" in text:
            return "keeps its own frames"
    except Exception as exc:
        return f"cannot be checked ({type(exc).__name__})"
    return None


def fast_path_holds() -> str | None:
    """Does the proxy's fast path (``proxy._peek``, ``_look``, ``_plain_write``) still
    predict what Streamlit does? Run on a real SessionState of this release: every
    store a value can live in, a widget key, a missing key; the yield check once per
    ``SafeSessionState[key]``; the keys ``require_valid_user_key`` refuses."""
    from types import SimpleNamespace

    from .names import GENERATED_ELEMENT_ID_PREFIX, SafeSessionState, SessionState, Value
    from .proxy import _HIT, _MISS, _peek

    try:
        from streamlit.runtime.state.common import require_valid_user_key

        inner = SessionState()
        calls: list[int] = []
        safe = SafeSessionState(inner, lambda: calls.append(1))
        ctx = SimpleNamespace(session_state=safe)
        wid, old_wid = f"{GENERATED_ELEMENT_ID_PREFIX}-probe-w", f"{GENERATED_ELEMENT_ID_PREFIX}-probe-o"
        inner._new_session_state["new"] = 1
        inner._old_state["old"] = 2
        inner._key_id_mapper["widget"] = wid
        inner._new_widget_state.states[wid] = Value(3)
        inner._key_id_mapper["old_widget"] = old_wid
        inner._old_state[old_wid] = 4
        for key in ("new", "old", "widget", "old_widget", "absent"):
            try:
                inner[key]
                actual = _HIT
            except KeyError:
                actual = _MISS
            if _peek(None, ctx, key) != actual:
                return f"SessionState[{key!r}] is no longer where the fast path looks"
        safe["new"]
        if len(calls) != 1:
            return "SafeSessionState[key] no longer runs its yield check once"
        require_valid_user_key("k")
        for bad in ("", f"{GENERATED_ELEMENT_ID_PREFIX}-x"):
            try:
                require_valid_user_key(bad)
            except Exception:
                continue
            return f"require_valid_user_key accepts {bad!r}"
    except Exception as exc:
        return f"cannot be checked ({type(exc).__name__}: {exc})"
    return None


def probe() -> ProbeResult:
    """Check every hook point once (cached until :func:`forget`), and tell the
    proxy whether its fast path may run."""
    global _cached
    if _cached is None:
        result = ProbeResult(checked=len(HOOK_POINTS) + 2)
        for point in HOOK_POINTS:
            reason = check_point(point)
            if reason is not None:
                result.failed[point.name] = reason
                result.off.add(point.feature)
        reason = traceback_drops_streamlit_frames()
        if reason is not None:
            result.failed["elements.exception._get_stack_trace_str_list"] = reason
            result.off.add(CORE)
        reason = fast_path_holds() if FAST not in result.off else None
        if reason is not None:
            result.failed["the fast access path"] = reason
            result.off.add(FAST)
        _cached = result
        _set_fast(FAST not in result.off)
    return _cached


def _set_fast(on: bool) -> None:
    from .proxy import set_fast

    set_fast(on)


def forget() -> None:
    """Probe afresh next time (``uninstall``; a test that changes Streamlit)."""
    global _cached
    _cached = None
    _verdict.clear()
    _set_fast(False)


def feature_on(name: str) -> bool:
    return name not in probe().off


def missing_internals() -> list[str]:
    """Hook points that do not hold on this Streamlit, with why (empty when fine)."""
    return [f"{name}: {why}" for name, why in probe().failed.items()]


# --------------------------------------------------------------------------- verdict
def refusal() -> str | None:
    """Why the debugger must not run on this Streamlit (logged once), or None.

    Logs the one start-up line as well: a newer release than tested that holds, or
    the features turned off because some points do not.
    """
    if not _verdict:
        _verdict.append(_reach_verdict())
    return _verdict[0]


def _reach_verdict() -> str | None:
    from ..guard import say_once

    version = streamlit.__version__
    spec = declared_range()
    where = f"streamlit {spec} (tested up to {TESTED[-1]})"
    if not in_range(version):
        return _say_refusal(say_once, "version", f"st_state_debugger is disabled: it supports {where}, found {version}. "
                            "Install a supported Streamlit or upgrade st_state_debugger.")
    result = probe()
    newer = newer_than_tested(version)
    head = f"Streamlit {_minor(version)} is newer than tested (up to {TESTED[-1]})" if newer else f"Streamlit {version}"
    if result.failed and (strict() or not result.core_ok):
        names = "; ".join(f"{k} {v}" for k, v in result.failed.items())
        why = f"{ENV_STRICT}=1 and" if result.core_ok else "the recording needs"
        return _say_refusal(say_once, "internals", f"st_state_debugger is disabled: {head}; {why} hook points that "
                            f"changed: {names} (supported: {where}).")
    if newer and strict():
        return _say_refusal(say_once, "strict", f"st_state_debugger is disabled: {head}; {ENV_STRICT}=1 refuses "
                            "releases that were not tested.")
    if result.failed:
        off = ", ".join(FEATURES[f] for f in sorted(result.off))
        names = "; ".join(f"{k} {v}" for k, v in result.failed.items())
        say_once("degraded", f"st_state_debugger: {head}; {len(result.failed)} of {result.checked} hook points changed "
                 f"({names}); turned off: {off}; recording the rest.")
    elif newer:
        say_once("newer", f"{head}; all {result.checked} hook points verified; recording")
    return None


def _say_refusal(say_once: Any, key: str, message: str) -> str:
    say_once(key, message)
    return message
