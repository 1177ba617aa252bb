"""Values handed from a test to the app it runs (same process)."""

ITEMS: list = []

#: A module-level object, as apps share them by accident between sessions.
SHARED_CFG: dict = {"theme": "light"}
