"""The panel: the view model (``view``), the panel's requests (``requests``) and the
host that mounts the component (``host``).

Stage: store/trace → **render**. ``view`` and ``requests`` import nothing of
Streamlit (the viewer of a saved trace builds the same view model offline);
``host`` uses only Streamlit's public API. None of them imports the recorder: the
live side (``sidebar.py``) passes what they need.
"""
