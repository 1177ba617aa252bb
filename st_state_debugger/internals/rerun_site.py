"""Where the app called ``st.rerun()``: the line a rerun loop is named by.

Stage: **record** (an entry point from Streamlit). ``st.rerun()`` builds its request
with ``execution_control._new_fragment_id_queue(ctx, scope)`` on both of its paths
(script body and callback) and nowhere else, before it halts the run: wrapping that
private function (``names.HOOK_POINTS``, feature "rerun_site") sees every call, with
the app's frame a few frames up. The site is kept on the run's ScriptRunContext and
taken by ``loops.watch`` when the run is built. Pass-through (one attribute test)
for sessions that are not recorded; never raises into ``st.rerun()``.
"""

from __future__ import annotations

from typing import Any

from .frames import user_frame
from .names import execution_control as _execution_control
from .names import getframe as _getframe
from .relabel import _hide_own_frame, _relabel
from .state import inner_state

__all__ = ["_hide_own_frame", "install", "take", "uninstall"]

#: attribute on a ScriptRunContext: (code, lasti) of the latest st.rerun() of the run
SITE = "_ssd_rerun_site"
_original = getattr(_execution_control, "_new_fragment_id_queue", None)


def _queue_noting_site(ctx: Any, scope: Any, *args: Any, **kwargs: Any) -> Any:
    """``_new_fragment_id_queue`` that first notes the app's line calling st.rerun()."""
    try:
        if getattr(type(inner_state(ctx)), "_ssd_recorder", None) is not None:
            frame = user_frame(_getframe(1))
            if frame is not None:
                ctx.__dict__[SITE] = (frame.f_code, frame.f_lasti)
    except Exception:  # noqa: S110 - a site not noted costs a line in a warning, never the app's rerun
        pass
    return _original(ctx, scope, *args, **kwargs)  # type: ignore[misc]


_queue_noting_site._ssd_wrapped = True  # type: ignore[attr-defined]


def take(ctx: Any, keep: bool = False) -> tuple[Any, int] | None:
    """The (code, lasti) of the last st.rerun() the run of ``ctx`` called, or None;
    forgotten once taken (the next run starts with none) unless ``keep``."""
    if ctx is None:
        return None
    return ctx.__dict__.get(SITE) if keep else ctx.__dict__.pop(SITE, None)


def install() -> None:
    """Wrap ``_new_fragment_id_queue`` (idempotent; only when the probe kept the point)."""
    from .probe import feature_on

    if _original is None or not feature_on("rerun_site"):
        return
    _relabel(_queue_noting_site)  # a StreamlitAPIException of a bad scope keeps its native traceback
    _execution_control._new_fragment_id_queue = _queue_noting_site  # type: ignore[attr-defined]


def uninstall() -> None:
    if _original is not None and getattr(_execution_control, "_new_fragment_id_queue", None) is _queue_noting_site:
        _execution_control._new_fragment_id_queue = _original  # type: ignore[attr-defined]
