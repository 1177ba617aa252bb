"""Detailed diffs of sets, objects and other containers without DeepDiff (issue 15, memory).

DeepDiff's import alone loads numpy and pandas (~85 MB per server), so diff.py walks
these values itself: the paths must stay the ones the panel, trace and report showed.
"""

from __future__ import annotations

import array
import collections
import dataclasses
import datetime
import enum
import subprocess
import sys
import textwrap
from pathlib import Path

from st_state_debugger.config import DEFAULT_REDACT, REDACTED
from st_state_debugger.diff import StateTracker, detail_changes
from st_state_debugger.fingerprint import Fingerprint
from st_state_debugger.redact import Redactor

ROOT = Path(__file__).resolve().parents[2]


def _details(before, after):
    t = StateTracker(Redactor(DEFAULT_REDACT), value_chars=120, snapshot_max_bytes=10_000_000, key_budget_ms=1e9)
    t.diff_run({"k": before}, set())
    d = t.diff_run({"k": after}, {"k"})
    return [(c.path, c.change, c.old, c.new) for c in d.details["k"]]


class Point:
    # set by some tests only (annotations alone create no attribute)
    extra: str
    me: Point
    password: str

    def __init__(self, x, tags=None):
        self.x, self.tags = x, tags or []


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a, self.b = a, b


@dataclasses.dataclass
class User:
    name: str
    roles: list


class Color(enum.Enum):
    RED = 1
    BLUE = 2


def test_set_items_added_and_removed_are_named_by_their_repr():
    assert _details({"x": {"a", "b"}}, {"x": {"a", "c"}}) == [
        ("k['x']['b']", "removed", "'b'", None), ("k['x']['c']", "added", None, "'c'")]


def test_an_objects_changed_attribute_is_followed_into_its_containers():
    assert _details({"p": Point(1, [1, 2])}, {"p": Point(1, [1, 3])}) == [("k['p'].tags[1]", "changed", "2", "3")]


def test_added_and_removed_attributes():
    old, new = Point(1), Point(1)
    new.extra = "e"
    del new.tags
    assert _details(old, new) == [("k.extra", "added", None, "'e'"), ("k.tags", "removed", "[]", None)]


def test_slots_and_dataclasses():
    assert _details(Slotted(1, {"q"}), Slotted(2, {"q"})) == [("k.a", "changed", "1", "2")]
    assert _details([User("bo", ["a"])], [User("bo", ["a", "b"])]) == [("k[0].roles[1]", "added", None, "'b'")]


def test_other_sequences_by_index():
    assert _details(collections.deque([1, 2]), collections.deque([1, 3, 4])) == [
        ("k[1]", "changed", "2", "3"), ("k[2]", "added", None, "4")]  # DeepDiff 9.1 raises TypeError on a deque
    assert _details(array.array("i", [1, 2]), array.array("i", [1, 5])) == [("k[1]", "changed", "2", "5")]


def test_opaque_values_are_one_change():
    assert _details({"d": datetime.date(2020, 1, 1)}, {"d": datetime.date(2020, 1, 2)}) == [
        ("k['d']", "changed", "datetime.date(2020, 1, 1)", "datetime.date(2020, 1, 2)")]
    assert _details({"c": Color.RED}, {"c": Color.BLUE}) == [("k['c']", "changed", "<Color.RED: 1>", "<Color.BLUE: 2>")]


def test_a_value_that_contains_itself_is_walked_once():
    old, new = Point(1), Point(2)
    old.me, new.me = old, new
    assert _details(old, new) == [("k.x", "changed", "1", "2")]


def test_secret_attribute_and_set_item_stay_redacted():
    old, new = Point(1), Point(1)
    old.password, new.password = "hunter-1", "hunter-2"
    assert _details(old, new) == [("k.password", "changed", REDACTED, REDACTED)]
    rows = _details({"password": {"xx-1"}}, {"password": {"yy-2"}})
    assert [r[0] for r in rows] == ["k['password']"] and "xx-1" not in repr(rows) and "yy-2" not in repr(rows)


def test_a_detailed_diff_imports_neither_deepdiff_nor_numpy_nor_pandas():
    code = textwrap.dedent("""
        import sys
        from st_state_debugger.config import DEFAULT_REDACT
        from st_state_debugger.diff import StateTracker
        from st_state_debugger.redact import Redactor

        class P:
            def __init__(self, v):
                self.v = v

        t = StateTracker(Redactor(DEFAULT_REDACT), value_chars=120, snapshot_max_bytes=10**7, key_budget_ms=1e9)
        t.diff_run({"k": {"s": {1, 2}, "p": P([1]), "l": [{"a": 1}]}}, set())
        d = t.diff_run({"k": {"s": {1, 3}, "p": P([2]), "l": [{"a": 2}]}}, {"k"})
        print(sorted(c.path for c in d.details["k"]))
        print(sorted(m for m in ("deepdiff", "numpy", "pandas") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout.splitlines()
    assert out == ["[\"k['l'][0]['a']\", \"k['p'].v[0]\", \"k['s'][2]\", \"k['s'][3]\"]", "[]"]


def test_an_object_of_a_class_the_script_defines_anew_each_rerun_is_still_walked():
    namespace: dict = {"__name__": "__main__"}
    source = "class Profile:\n    def __init__(self, langs):\n        self.langs = langs\n"
    exec(source, namespace)
    first = namespace["Profile"]
    exec(source, namespace)  # the next rerun defines the class again
    assert namespace["Profile"] is not first
    kept = Fingerprint(digest=None, snapshot=namespace["Profile"](["py"]), mode="full")  # unpickled as the new class
    changes = detail_changes("p", kept, first(["py", "ts"]), 120, Redactor(DEFAULT_REDACT))
    assert [(c.path, c.change, c.new) for c in changes] == [("p.langs[1]", "added", "'ts'")]
