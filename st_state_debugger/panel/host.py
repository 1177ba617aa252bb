"""The panel's host: registers the Components v2 panel, mounts it, owns its fragment.

Stage: **render**. Only Streamlit's public API (``st.components.v2.component``,
``st.fragment``); it knows nothing of the recorder: whoever mounts passes the data,
and the fragment's body is handed in by the live side (``sidebar.py``). Requests
come back through the ``request`` trigger, whose callback :func:`on_request` is
marked so the debugger tells the panel's widgets from the app's.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

COMPONENT_NAME = "st_state_debugger.panel"
_HTML = '<div data-testid="ssd-panel"></div>'

_renderer: Any = None
_fragments: dict[Callable[[], None], Any] = {}


def _asset(name: str) -> str:
    text = (resources.files("st_state_debugger") / "frontend_dist" / name).read_text(encoding="utf-8")
    # Streamlit treats css/js without a newline that look like a path as asset
    # paths: a trailing newline keeps the bundle inline.
    return text if "\n" in text else text + "\n"


def component() -> Any:
    """Register the panel once per process.

    Streamlit reads the package's asset manifest (``st_state_debugger/pyproject.toml``)
    and serves the bundle from ``frontend_dist/``: each panel element names the files
    instead of carrying 29 KB of JS and CSS. Where Streamlit found no manifest (a
    vendored copy) the bundle is sent inline. No Node either way.
    """
    global _renderer
    if _renderer is None:
        import streamlit as st

        try:
            _renderer = st.components.v2.component(COMPONENT_NAME, html=_HTML, css="index.css", js="index.js")  # pyright: ignore[reportAttributeAccessIssue]
        except Exception as exc:
            # streamlit.errors is not a public module: the exception is told by name
            if type(exc).__name__ != "StreamlitAPIException":  # not "no asset_dir known for the panel"
                raise
            try:
                js, css = _asset("index.js"), _asset("index.css")
            except OSError as missing:
                raise RuntimeError("panel bundle missing: run `cd frontend && npm ci && npm run build`") from missing
            _renderer = st.components.v2.component(COMPONENT_NAME, html=_HTML, css=css, js=js)  # pyright: ignore[reportAttributeAccessIssue]
    return _renderer


def on_request(*_: Any) -> None:
    """Callback of the panel's ``request`` trigger. The live side reads the value
    where Streamlit calls it (``Recorder.on_callback_pending``), which sees the widget."""


on_request._ssd_panel = True  # type: ignore[attr-defined]


def mount(data: dict[str, Any], key: str | None = None, on_change: Callable[[], None] | None = None) -> None:
    """Mount the panel with ``data``: the live panel inside its fragment (no key,
    :func:`on_request`), the viewer with its widget key and a callback of its own.

    ``data`` goes as a one-item list, never as a dict: Streamlit (1.64–1.67) scans the
    first level of a dict for DataFrames, and that scan imports numpy, pandas and
    pyarrow (~85 MB per server) in an app that uses none of them, and runs three
    ``import`` statements on every mount. A list is dumped as JSON as it is;
    ``frontend/src/wire.ts`` (``unpack``) takes the item out."""
    if key is None:
        component()(data=[data], on_request_change=on_change or on_request)
    else:
        component()(key=key, data=[data], on_request_change=on_change or on_request)


def show_in_sidebar(body: Callable[[], None]) -> None:
    """Run the panel's fragment (``body``) in the sidebar: the host, not the
    recorder, decides where the panel goes."""
    import streamlit as st

    with st.sidebar:
        fragment(body)()


def rerun_app() -> None:
    """End the panel's fragment run with a full app rerun (a restore, or a break
    turned off after it stopped the app)."""
    import streamlit as st

    st.rerun(scope="app")


def fragment(body: Callable[[], None]) -> Any:
    """``st.fragment(body)``, made once per body: the panel's requests rerun only it."""
    made = _fragments.get(body)
    if made is None:
        import streamlit as st

        made = _fragments[body] = st.fragment(body)
    return made
