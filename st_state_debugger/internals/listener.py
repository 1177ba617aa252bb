"""What the hooks tell the recorder: the listener contract, typed.

Stage: **record**. ``session.py`` and ``runner.py`` hand each event to the
session's recorder through ``_session_call(inner, name, ...)``, which calls
``on_<name>`` inside the guard. This Protocol is that contract written down:
every name a hook may pass, with the values it passes (already taken out of
Streamlit's arguments by ``session._arg``). ``tests/unit/test_probe.py`` checks
that every dispatched name is here and that ``Recorder`` matches it.

Not yet done: some values are still Streamlit objects the recorder
reads through ``internals`` (the ``SessionState`` as ``inner``, the callback
``run`` partial, frames); decoding them here is the next step.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class SessionListener(Protocol):
    """The recorder as the hooks see it. ``inner`` is the session's SessionState."""

    dead: bool

    def on_widget_changed(self, inner: Any, widget_id: str) -> str | None:
        """A new browser value; returns a ``break_on()`` message to raise, if any."""

    def on_browser_values_applied(self, inner: Any) -> None:
        """The run's browser values are applied (before callbacks and the script)."""

    def on_callback_pending(self, inner: Any, fn: Any, widget_id: str | None) -> None:
        """A Components v2 callback is about to run."""

    def on_callback_start(self, inner: Any, run: Any) -> Any:
        """A widget callback starts; the token is handed back to ``on_callback_end``."""

    def on_callback_end(self, inner: Any, token: Any) -> None:
        """The callback ended (normally or not)."""

    def on_widget_will_default(self, inner: Any, widget_id: str | None, user_key: str, frame: Any) -> str | None:
        """A keyed widget is about to get its default (only with breakpoints armed)."""

    def on_widget_registered(self, inner: Any, widget_id: str | None, user_key: str | None, existed: bool,
                             frame: Any) -> str | None:
        """A widget was registered at the user's ``frame``."""

    def on_streamlit_write(self, inner: Any, key: str, value: Any, reason: str) -> None:
        """Streamlit (or AppTest, or a thread without a run) set ``key``."""

    def on_streamlit_delete(self, inner: Any, key: str, reason: str) -> None:
        """Streamlit (or AppTest, or a thread without a run) deleted ``key``."""

    def on_run_flag(self, inner: Any, ran_without_errors: bool) -> None:
        """Streamlit stored "ran without errors": a run has ended."""

    def on_widget_rules(self, inner: Any, default_value: Any, key: str, writes_allowed: bool, frame: Any) -> bool:
        """Streamlit checks a keyed widget's rules; True: the value was the debugger's restore."""
        ...

    def on_finish_start(self, inner: Any, remove_stale: bool) -> Any:
        """Streamlit's end-of-run starts; the token goes to ``on_finish_end``."""

    def on_keys_before_cleanup(self, inner: Any) -> set[str]:
        """The user keys before Streamlit's widget cleanup."""
        ...

    def on_cleanup_done(self, inner: Any, before: Any, active_ids: frozenset[str]) -> None:
        """Streamlit removed stale widgets; ``before`` is the cleanup's token."""

    def on_finish_end(self, inner: Any, buf: Any, remove_stale: bool) -> None:
        """Streamlit's end-of-run is done: the run is complete."""

    def on_after_body_hook(self, inner: Any, ctx: Any) -> None:
        """The script body (or a fragment) has run: where the panel is drawn."""
