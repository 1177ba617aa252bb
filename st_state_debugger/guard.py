"""Stop the debugger, not the app.

Stage: around every stage. Each entry point from Streamlit runs the debugger's work
inside ``contain``; an internal error turns the debugger off for that one session,
logs one warning, and returns normally so the app runs on unchanged (the way
viztracer stops collecting instead of crashing the traced program).
"""

from __future__ import annotations

import logging
from typing import Protocol

LOGGER = logging.getLogger("st_state_debugger")

_said_once: set[str] = set()


class Killable(Protocol):
    dead: bool

    def shut_down(self) -> None: ...


def trip(target: Killable | None, stage: str, exc: BaseException) -> None:
    """Turn the debugger off for ``target``'s session after an internal error.

    Never raises: this is the last line of defence.
    """
    try:
        if target is None:
            _trip_unknown_session(stage, exc)
            return
        if target.dead:
            return
        target.dead = True
        LOGGER.warning(
            "st_state_debugger: internal error in %s (%s: %s); the debugger is now off "
            "for this session and the app runs on unchanged.",
            stage,
            type(exc).__name__,
            exc,
        )
        target.shut_down()
    except Exception as err:  # pragma: no cover - nothing more can be done
        LOGGER.debug("st_state_debugger: the guard itself failed (%r)", err)


def _trip_unknown_session(stage: str, exc: BaseException) -> None:
    """An error before the session's recorder was found: there is no session to turn
    off, but the promise of one warning holds (once per stage and error type, as the
    same failure comes back at every rerun)."""
    say_once(
        f"no-session-{stage}-{type(exc).__name__}",
        f"st_state_debugger: internal error in {stage} before the session was found "
        f"({type(exc).__name__}: {exc}); nothing was recorded there and the app runs on unchanged.",
    )


def say_once(topic: str, message: str) -> None:
    """Log ``message`` the first time ``topic`` comes up in this process."""
    if topic not in _said_once:
        _said_once.add(topic)
        LOGGER.warning(message)
