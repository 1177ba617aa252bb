"""The panel's "open in a tab": the full-width inspector for one session's trace.

Stage: **render**, live side. The sidebar is ~300 px wide; ``st-state-debugger view
--follow FILE`` (``follow.py``) shows the same panel full width and follows the file
as reruns are appended. :func:`open_for` starts that command in a child process
(once per trace file per process, at most :data:`MAX_PROCESSES` at a time) on a free
port of 127.0.0.1 and returns its URL; the panel points a new tab at it. The child
listens on this machine only whatever the app's own options say, gets no standard
input from the app, and is terminated when the app's interpreter exits.

Nothing here imports Streamlit (the child does) or a private name of it.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["MAX_PROCESSES", "START_TIMEOUT_S", "InspectorError", "open_for", "stop_all"]

#: inspectors one app process may run at once (one per followed trace file)
MAX_PROCESSES = 4
#: how long the child has to start listening (Streamlit's start-up is 2-5 s on a busy machine)
START_TIMEOUT_S = 20.0
#: the environment the child must not inherit from the app: it is not debugged itself,
#: writes no trace and keeps the local-only rule
_DROPPED_ENV = ("ST_STATE_DEBUGGER", "ST_STATE_DEBUGGER_TRACE_DIR", "ST_STATE_DEBUGGER_ALLOW_REMOTE")


class InspectorError(RuntimeError):
    """The inspector did not start; the message says why and what to do."""


@dataclass
class _Child:
    proc: subprocess.Popen[bytes]
    url: str
    log: IO[bytes]


_children: dict[str, _Child] = {}
_lock = threading.Lock()
_atexit_registered = False


def open_for(trace_path: str | os.PathLike[str]) -> str:
    """The URL of an inspector following ``trace_path``: a live one if this process
    started one for that file already, else a new one, once it accepts connections.

    Args:
        trace_path: a trace file (``*.jsonl``) the session appends to.

    Returns:
        ``http://127.0.0.1:PORT/``.

    Raises:
        InspectorError: too many inspectors, or the child did not start in time.
    """
    path = str(Path(trace_path).resolve())
    with _lock:  # two sessions asking at once start one child per file, not two
        _forget_dead()
        child = _children.get(path)
        if child is not None:
            return child.url
        if len(_children) >= MAX_PROCESSES:
            raise InspectorError(f"{MAX_PROCESSES} inspectors are open already (one per session): "
                                 "close one session's browser tab or restart the app")
        child = _start(path)
        _children[path] = child
    return child.url


def stop_all() -> None:
    """Terminate every inspector this process started (run at interpreter exit)."""
    with _lock:
        children = list(_children.values())
        _children.clear()
    for child in children:
        _stop(child)


def _forget_dead() -> None:
    for path in [p for p, c in _children.items() if c.proc.poll() is not None]:
        _children.pop(path).log.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _command(path: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "st_state_debugger", "view", "--follow", path,
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--server.baseUrlPath", "",  # the URL returned is the root, whatever config.toml says
    ]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    # the package as this process imported it, even when only the app's folder had it on sys.path
    here = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), here) if p)
    return env


def _start(path: str) -> _Child:
    global _atexit_registered
    if not _atexit_registered:
        atexit.register(stop_all)
        _atexit_registered = True
    port = _free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the child
    proc = subprocess.Popen(_command(path, port), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=_env())
    child = _Child(proc, f"http://127.0.0.1:{port}/", log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output = _tail(log)
            log.close()
            raise InspectorError(f"the inspector exited with code {proc.returncode} before it listened: {output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return child
        except OSError:
            time.sleep(0.1)
    _stop(child)
    raise InspectorError(f"the inspector did not listen on 127.0.0.1:{port} within {START_TIMEOUT_S:.0f} s "
                         "(a slow machine? try again, or run `st-state-debugger view --follow TRACE` yourself)")


def _tail(log: IO[bytes], chars: int = 600) -> str:
    try:
        log.seek(0)
        text = log.read().decode("utf-8", errors="replace").strip()
    except OSError:
        return "(no output)"
    return (text[-chars:] if text else "(no output)").replace("\n", " | ")


def _stop(child: _Child) -> None:
    if child.proc.poll() is None:
        child.proc.terminate()
        try:
            child.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.proc.kill()
            child.proc.wait()
    child.log.close()
