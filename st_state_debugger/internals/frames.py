"""Whose code is a frame: the app's, or Streamlit's, a library's, this package's.

Stage: **record** (attribution of each access to the user's line). Also reads what a
widget registration's call stack says (widget type, label, form, password) from
Streamlit's own frames.
"""

from __future__ import annotations

import dis
import os
import weakref
from collections.abc import Callable
from typing import Any

from .names import STREAMLIT_DIR as _STREAMLIT_DIR

#: This package (st_state_debugger/, internals/ included): never the app's code.
_OWN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LOAD_ATTR_OPS = frozenset(op for name, op in dis.opmap.items() if name.startswith("LOAD_ATTR") or name == "LOAD_METHOD")


def _library_dirs() -> tuple[str, ...]:
    """Where the standard library and installed packages live: not the user's code."""
    import site
    import sysconfig

    dirs = {sysconfig.get_paths().get(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")}
    try:
        dirs.update(site.getsitepackages())
        dirs.add(site.getusersitepackages())
    except Exception:
        pass
    return tuple(sorted(os.path.join(d, "") for d in dirs if d))


_LIBRARY_DIRS = _library_dirs()

# --------------------------------------------------------------------------- frames
#: id(code) -> "is not the user's code". Keyed by id because hashing a code object
#: rehashes its bytecode (~0.7 µs). Each entry has a weak reference in ``_pinned``
#: whose callback drops the entry as the code object is freed, before its id can be
#: reused; the code is not kept alive (AppTest compiles the script anew on every run,
#: and so does Streamlit after each edit of the file).
_internal_ids: dict[int, bool] = {}
_pinned: dict[int, Any] = {}
#: App directories (set from the running script): always user code, even inside a venv.
_APP_DIRS: tuple[str, ...] = ("\0",)


def add_app_dir(path: str | None) -> None:
    global _APP_DIRS
    if path and not path.startswith(_LIBRARY_DIRS + (_STREAMLIT_DIR, _OWN_DIR)):
        entry = os.path.join(path, "")
        if entry not in _APP_DIRS:
            _APP_DIRS = _APP_DIRS + (entry,)
            _internal_ids.clear()
            _pinned.clear()


def _classify(code: Any) -> bool:
    name = code.co_filename
    # The user's line is the nearest frame that is neither Streamlit, this package,
    # the standard library nor an installed package: a library that reads
    # st.session_state on the app's behalf is attributed to the app's call.
    # This package is never the app's, even when the app's folder contains it (an
    # app next to a source checkout of the debugger).
    hit = name.startswith(_OWN_DIR + os.sep) or (
        name.startswith(_STREAMLIT_DIR)
        or name.startswith(_LIBRARY_DIRS)
        or name.startswith("<frozen")
    ) and not name.startswith(_APP_DIRS)
    if len(_pinned) > 20_000:
        _internal_ids.clear()
        _pinned.clear()
    _internal_ids[tie_to_code(code, _pinned, _forget)] = hit
    return hit


def tie_to_code(code: Any, refs: dict[int, Any], forget: Callable[[int], Any]) -> int:
    """``id(code)``, for a cache keyed by it, with a weak reference in ``refs`` whose
    callback runs ``forget(id)`` as the code is freed, before the id can be reused.
    Something that cannot be weakly referenced (None, not a real code object) is
    kept alive in ``refs`` instead, so its id cannot be reused either."""
    ident = id(code)
    try:
        refs[ident] = weakref.ref(code, lambda dead: refs.get(ident) is dead and forget(ident))
    except TypeError:
        refs[ident] = code
    return ident


def _forget(ident: int, ids: dict[int, bool] = _internal_ids, pinned: dict[int, Any] = _pinned) -> None:
    """Drop a freed code's entries. The tables are bound as defaults (they are
    cleared, never replaced): a code freed at interpreter exit, after this module's
    globals were set to None, would otherwise print "Exception ignored" on stderr."""
    ids.pop(ident, None)
    pinned.pop(ident, None)


def _is_internal(code: Any) -> bool:
    hit = _internal_ids.get(id(code))
    return _classify(code) if hit is None else hit


def user_frame(frame: Any) -> Any:
    """The first frame from ``frame`` upward that is the user's code (or None)."""
    while frame is not None and _is_internal(frame.f_code):
        frame = frame.f_back
    return frame


def widget_proto(frame: Any, widget_id: Any, depth: int = 6) -> Any:
    """The element proto Streamlit is registering as ``widget_id``, or None.

    ``widgets.register_widget`` "should be called after the proto has been filled",
    so a widget's implementation (``_text_input``…) holds its proto in a local whose
    ``id`` is the widget id: Streamlit's own data, whichever helper (a UI kit's
    ``secret_input(label, key)``) called the public function. Only Streamlit's frames
    from the registration up are read. Never raises.
    """
    try:
        from google.protobuf.message import Message

        for _ in range(depth):
            if frame is None or not frame.f_code.co_filename.startswith(_STREAMLIT_DIR):
                return None
            for value in frame.f_locals.values():
                if isinstance(value, Message) and getattr(value, "id", None) == widget_id:
                    return value
            frame = frame.f_back
    except Exception:
        pass
    return None


def is_password_proto(proto: Any) -> bool:
    """True for the proto of ``st.text_input(type="password")``."""
    try:
        from streamlit.proto.TextInput_pb2 import TextInput

        return type(proto) is TextInput and proto.type == TextInput.PASSWORD
    except Exception:
        return False


def widget_site(frame: Any, widget_id: Any = None) -> dict[str, Any]:
    """What a widget registration's call stack says: user site, widget type, label,
    form, password (from the registered proto when ``widget_id`` is given). Read
    once per widget id; never raises."""
    info: dict[str, Any] = {"code": None, "lasti": -1, "widget": None, "label": None, "form": None, "secret": False,
                            "proto": None}
    try:
        if widget_id is not None:
            proto = widget_proto(frame, widget_id)
            info["proto"] = type(proto).__name__ if proto is not None else None
            info["secret"] = is_password_proto(proto)
        chain = []
        while frame is not None and _is_internal(frame.f_code):
            chain.append(frame)
            frame = frame.f_back
        if frame is not None:
            info["code"], info["lasti"] = frame.f_code, frame.f_lasti
        for f in reversed(chain):  # nearest to the user first
            code = f.f_code
            if code.co_name.startswith("_") or code.co_name == "wrapped_func":
                continue
            if "label" in code.co_varnames and info["widget"] is None:
                loc = f.f_locals
                info["widget"] = code.co_name
                label = loc.get("label")
                info["label"] = label if isinstance(label, str) else None
                if code.co_name == "text_input" and loc.get("type") == "password":
                    info["secret"] = True
                break
        for f in chain:  # the private implementation knows the form id
            if f.f_code.co_name == "_form_submit_button":
                form_id = f.f_locals.get("form_id")
                info["form"] = form_id if isinstance(form_id, str) and form_id else "form"
                break
    except Exception:
        pass
    return info


def code_line(code: Any, lasti: int) -> int | None:
    """Line of the instruction at byte offset ``lasti`` (resolved lazily, at run end)."""
    if code is None:
        return None
    for start, end, line in code.co_lines():
        if start <= lasti < end:
            return line
    return code.co_firstlineno


def is_attribute_access(code: Any, lasti: int) -> bool:
    """True if the instruction at ``lasti`` is ``obj.attr`` (not ``hasattr``/``getattr``)."""
    try:
        return code.co_code[lasti] in _LOAD_ATTR_OPS
    except Exception:
        return True

