"""What the hooks tell the recorder: the listener contract, typed and decoded.

Stage: **record**. ``session.py`` and ``runner.py`` see Streamlit's objects (the
``SessionState``, the callback's ``run`` partial, widget metadata, frames);
``notify.py`` decodes what the recorder needs from them (ids, keys, values, the
callback's name and widget, the user's code and offset) and calls these methods
directly, inside the guard. The recorder therefore needs no private Streamlit
knowledge to follow a session: only the run context (``ctx``) is handed on as an
opaque handle, which the recorder gives back to ``internals`` functions and never
reads itself. ``tests/unit/test_probe.py`` checks that ``Recorder`` implements this
Protocol and that nothing dispatches to it by name.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol, runtime_checkable

from .frames import is_password_proto, user_frame, widget_proto, widget_site

#: An instruction of the user's code: (code object, byte offset), or (None, -1).
Site = tuple[Any, int]


class Callback(NamedTuple):
    """A widget callback, decoded from what Streamlit is about to call."""

    #: the callback's qualified name (``module.name`` for a library's), None when unknown
    name: str | None
    widget_id: str | None
    #: the user key of its widget (None: keyless or internal)
    widget_key: str | None
    #: the debugger panel's own callback (``sidebar.on_request``, marked ``_ssd_panel``)
    panel: bool = False


class CreationFrame:
    """The call stack of a widget's creation, read only when asked: the recorder reads
    it once per widget id, not once per rerun."""

    __slots__ = ("_frame",)

    def __init__(self, frame: Any) -> None:
        self._frame = frame

    def widget_site(self, widget_id: str | None = None) -> dict[str, Any]:
        """The user's code and offset, widget function, label, form and password flag
        (``frames.widget_site``)."""
        return widget_site(self._frame, widget_id)

    def is_password(self, widget_id: str) -> bool:
        """Whether the proto being registered as ``widget_id`` is a password box."""
        return is_password_proto(widget_proto(self._frame, widget_id))

    def user_site(self) -> Site:
        """The user's instruction that created the widget."""
        frame = user_frame(self._frame)
        return (frame.f_code, frame.f_lasti) if frame is not None else (None, -1)


@runtime_checkable
class SessionListener(Protocol):
    """The recorder as the hooks see it. ``ctx`` is Streamlit's run context, an
    opaque handle the recorder hands back to ``internals``."""

    dead: bool

    # ------------------------------------------------------------------ the run
    def begin_run(self, ctx: Any, rerun_data: Any, runner: Any) -> Any:
        """A run starts (before its callbacks); ``rerun_data`` and ``runner`` are kept
        opaque for the trigger (``attribution.trigger_of`` reads them through ``internals``)."""
        ...

    def body_done(self, ctx: Any, result: tuple[Any, ...]) -> None:
        """Streamlit's run function returned ``result`` (its outcome tuple)."""

    def after_body(self, ctx: Any, failed: bool = False, stopped: bool = False) -> None:
        """The script body (or a fragment) has run, raised, or called ``st.stop()``:
        where the panel is drawn."""

    def finish(self, buf: Any, ctx: Any) -> Any:
        """End ``buf``'s run: build and keep its rerun."""
        ...

    # ------------------------------------------------------------------ browser values and callbacks
    def on_widget_changed(self, widget_id: str, key: str | None, value: Any, panel: bool) -> str | None:
        """A new browser value for ``widget_id``; returns a ``break_on()`` message to raise, if any."""
        ...

    def on_browser_values_applied(self) -> None:
        """The run's browser values are applied (before callbacks and the script)."""

    def on_callback_pending(self, callback: Callback, request: Any) -> None:
        """A Components v2 callback is about to run; ``request`` is its widget's value
        when it is the panel's (the panel's request), else None."""

    def on_callback_start(self, callback: Callback) -> Any:
        """A widget callback starts; the token is handed back to ``on_callback_end``."""
        ...

    def on_callback_end(self, token: Any) -> None:
        """The callback ended (normally or not)."""

    # ------------------------------------------------------------------ widgets
    def on_widget_will_default(self, widget_id: str | None, user_key: str, site: Site) -> str | None:
        """A keyed widget created at ``site`` is about to get its default (only with
        breakpoints armed); returns a ``break_on()`` message to raise, if any."""
        ...

    def on_widget_registered(self, widget_id: str, user_key: str | None, existed: bool, panel: bool, value: Any,
                             frame: CreationFrame) -> None:
        """A widget was registered (once per widget per run: plain arguments, no
        object built for them). ``existed``: its key held a value before (no default
        was given); ``panel``: one of the panel's own widgets, by identity;
        ``value``: the key's value right after (``values.NOVAL``: none, or keyless);
        ``frame``: where it was created, read on demand."""

    def on_widget_rules(self, key: str, has_default: bool, writes_allowed: bool, set_this_run: bool,
                        frame: CreationFrame) -> bool:
        """Streamlit checks a keyed widget's rules; True: the value was the debugger's restore."""
        ...

    def on_value_reset(self, key: str, value: Any, site: Site) -> str | None:
        """Streamlit is about to correct ``key``'s value to ``value`` (``reset_state_value``:
        a widget at ``site`` whose value is out of its options or bounds; only with
        breakpoints armed); returns a ``break_on()`` message to raise before the value
        lands, if any."""
        ...

    # ------------------------------------------------------------------ Streamlit's own writes
    def on_streamlit_write(self, key: str, value: Any, reason: str) -> None:
        """Streamlit (or AppTest, or a thread without a run) set ``key``."""

    def on_streamlit_delete(self, key: str, reason: str) -> None:
        """Streamlit (or AppTest, or a thread without a run) deleted ``key``."""

    # ------------------------------------------------------------------ end of run
    def on_run_flag(self, ran_without_errors: bool) -> None:
        """Streamlit stored "ran without errors": a run has ended."""

    def on_finish_start(self, remove_stale: bool) -> Any:
        """Streamlit's end-of-run starts; the token goes to ``on_finish_end``."""
        ...

    def on_cleanup_done(self, removed: set[str], active_ids: frozenset[str]) -> None:
        """Streamlit's widget cleanup ran and removed the user keys ``removed`` (maybe none)."""

    def on_finish_end(self, token: Any, remove_stale: bool) -> None:
        """Streamlit's end-of-run is done: the run is complete."""
