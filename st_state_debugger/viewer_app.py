"""The app `st-state-debugger view TRACE.jsonl` runs (the trace path is in ST_STATE_DEBUGGER_VIEW)."""

from st_state_debugger.viewer import main

main()
