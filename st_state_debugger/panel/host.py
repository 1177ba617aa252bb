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

#: The live panel's data, in an element of its own that draws nothing: its identity
#: follows the data (it has no key), so it is a new element every rerun.
COMPONENT_NAME = "st_state_debugger.panel"
#: The panel itself. The live panel mounts it with :data:`HOST_DATA` every rerun, so
#: its element (and the DOM the browser built) stays from rerun to rerun; the viewer
#: mounts it with a key and its data.
VIEW_NAME = "st_state_debugger.panel_view"
#: ``frontend/src/index.ts`` HOST_MARK: "the live panel, fed by the data element".
HOST_DATA = ["st_state_debugger:live"]
_HTML = '<div data-testid="ssd-panel"></div>'

_renderers: dict[str, Any] = {}
_fragments: dict[Callable[[], None], Any] = {}


def _asset(name: str) -> str:
    text = (resources.files("st_state_debugger") / "frontend_dist" / name).read_text(encoding="utf-8")
    # Streamlit treats css/js without a newline that look like a path as asset
    # paths: a trailing newline keeps the bundle inline.
    return text if "\n" in text else text + "\n"


def component() -> Any:
    """The live panel's data element (:data:`COMPONENT_NAME`), registered once per process."""
    return _register(COMPONENT_NAME, html=None, css=None)


def view_component() -> Any:
    """The panel (:data:`VIEW_NAME`), registered once per process."""
    return _register(VIEW_NAME, html=_HTML, css="index.css")


def _register(name: str, *, html: str | None, css: str | None) -> Any:
    """Register one of the panel's components.

    Streamlit reads the package's asset manifest (``st_state_debugger/pyproject.toml``)
    and serves the bundle from ``frontend_dist/``: each element names the files
    instead of carrying 29 KB of JS and CSS. Where Streamlit found no manifest (a
    vendored copy) the bundle is sent inline. No Node either way.
    """
    renderer = _renderers.get(name)
    if renderer is None:
        import streamlit as st

        try:
            renderer = st.components.v2.component(name, html=html, css=css, js="index.js")  # pyright: ignore[reportAttributeAccessIssue]
        except Exception as exc:
            # streamlit.errors is not a public module: the exception is told by name
            if type(exc).__name__ != "StreamlitAPIException":  # not "no asset_dir known for the panel"
                raise
            try:
                js = _asset("index.js")
                inline_css = _asset("index.css") if css else None
            except OSError as missing:
                raise RuntimeError("panel bundle missing: run `cd frontend && npm ci && npm run build`") from missing
            renderer = st.components.v2.component(name, html=html, css=inline_css, js=js)  # pyright: ignore[reportAttributeAccessIssue]
        _renderers[name] = renderer
    return renderer


def on_request(*_: Any) -> None:
    """Callback of the panel's ``request`` trigger. The live side reads the value
    where Streamlit calls it (``Recorder.on_callback_pending``), which sees the widget."""


on_request._ssd_panel = True  # type: ignore[attr-defined]


def mount(data: dict[str, Any], key: str | None = None, on_change: Callable[[], None] | None = None) -> None:
    """Mount the panel with ``data``: the live panel inside its fragment (no key,
    :func:`on_request`; the panel and a data element, see :data:`COMPONENT_NAME`),
    the viewer with its widget key and a callback of its own.

    ``data`` goes as a one-item list, never as a dict: Streamlit (1.64–1.67) scans the
    first level of a dict for DataFrames, and that scan imports numpy, pandas and
    pyarrow (~85 MB per server) in an app that uses none of them, and runs three
    ``import`` statements on every mount. A list is dumped as JSON as it is;
    ``frontend/src/wire.ts`` (``unpack``) takes the item out."""
    if key is None:
        # the panel first, with the same data every rerun, then its data: both carry
        # the panel's callback, which is how the debugger knows their widgets
        view_component()(data=HOST_DATA, on_request_change=on_change or on_request)
        component()(data=[data], on_request_change=on_change or on_request)
    else:
        view_component()(key=key, data=[data], on_request_change=on_change or on_request)


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
