"""Page names as Streamlit derives them from file names (for gen-test's page map).

Stage: **export** (offline). Streamlit's ``source_util`` is private; gen-test reads
page files without running them and needs Streamlit's own naming rule.
"""

from __future__ import annotations

from streamlit.source_util import page_icon_and_name

__all__ = ["page_icon_and_name"]
