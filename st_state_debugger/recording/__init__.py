"""Stage: **record**. The run buffer and its raw events (the hot path appends), and
the pure step that turns one run's raw events into a ``Rerun`` (``build.build_rerun``).

``event``  the raw event: a bare tuple read through named index constants
``buffer`` one script run's events (capped, drops counted) and the events kept between runs
``build``  raw events + state + tracker + store -> ``Rerun`` (no Streamlit, unit-testable)
``debug_session`` what one browser session keeps besides the run lifecycle: store,
           tracker, time-travel history, trace writer and the user's controls
"""
