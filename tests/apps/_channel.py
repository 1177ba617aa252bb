"""Values handed from a test to the app it runs (same process)."""

ITEMS: list = []
