"""`python -m st_state_debugger ...`: the same as `st-state-debugger ...`."""

from .cli import main

raise SystemExit(main())
