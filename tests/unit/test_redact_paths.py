"""Diff paths and details through the one redactor (issue 11 items 1 and 4)."""

from __future__ import annotations

import collections
import dataclasses

import pytest

from st_state_debugger.config import DEFAULT_REDACT, REDACTED
from st_state_debugger.diff import DEEPDIFF_MAX_BYTES, StateTracker
from st_state_debugger.redact import Redactor, summarize

S = "S3CRET-xyz"


@pytest.mark.parametrize("path", [
    "df.loc[3, 'password']", "df.loc['row 1', 'password']", "df.iloc[0]['password']", "obj.password",
    "cfg['db']['password']", "notes[\"user's password\"]", "cfg['a]b']['api_key']", "cfg[('x', 'token')]",
    "m['it\\'s [a] key'].secret", "users[1]['PASSWORD']",
])
def test_diff_paths_with_a_secret_name_in_any_notation(path):
    assert Redactor(DEFAULT_REDACT).path_is_secret(path, path.split("[")[0].split(".")[0])


@pytest.mark.parametrize("path", ["df.loc[3, 'name']", "cfg['password_strength_hint']", "todos[3]['done']",
                                  "cfg['passport']", "df.iloc[2, 1]"])
def test_diff_paths_without_one_are_not(path):
    assert not Redactor(DEFAULT_REDACT).path_is_secret(path, path.split("[")[0].split(".")[0])


def test_a_secret_path_is_cut_below_its_secret_name():
    r = Redactor(DEFAULT_REDACT)
    assert r.secret_prefix("s['tokens']['S3CRET-xyz']", "s") == "s['tokens']"  # a set item named by its repr
    assert r.secret_prefix("a.b['c']", "a.b") is None  # a root key with a dot is one name
    assert r.secret_prefix("api_key['x']", "api_key") == "api_key"


def _tracker(**kw) -> StateTracker:
    return StateTracker(Redactor(DEFAULT_REDACT), value_chars=120, snapshot_max_bytes=10_000_000, key_budget_ms=1e9, **kw)


def _diff(before: dict, after: dict):
    t = _tracker()
    t.diff_run(before, set())
    return t.diff_run(after, set(after))


def _text(diff) -> str:
    return repr([diff.values, {k: [(c.path, c.old, c.new) for c in v] for k, v in diff.details.items()}])


def test_one_level_diff_of_a_big_dict_redacts_nested_secrets():
    big = {f"k{i}": f"value-{i:08d}" for i in range(15_000)}
    changed = dict(big, k5={"password": S, "host": "h"})
    d = _diff({"big": big}, {"big": changed})
    assert len(__import__("pickle").dumps(big)) > DEEPDIFF_MAX_BYTES  # the shallow path is the one taken
    assert [(c.path, c.new) for c in d.details["big"]] == [("big['k5']", f"{{'password': {REDACTED}, 'host': 'h'}}")]
    assert S not in _text(d)


def test_one_level_diff_of_a_big_list_redacts_nested_secrets():
    big = [f"row-{i:08d}" for i in range(20_000)]
    changed = [*big[:3], [{"token": S}], *big[4:]]
    d = _diff({"rows": big}, {"rows": changed})
    assert [(c.path, c.new) for c in d.details["rows"]] == [("rows[3]", f"[{{'token': {REDACTED}}}]")]
    assert S not in _text(d)


def test_set_items_below_a_secret_name_are_not_named_in_the_path():
    d = _diff({"cfg": {"tokens": {"a"}}}, {"cfg": {"tokens": {"a", S}}})
    assert S not in _text(d) and [c.path for c in d.details["cfg"]] == ["cfg['tokens']"]


def test_secret_key_fingerprint_keeps_no_copy_of_the_value_but_sees_changes():
    t = _tracker()
    t.diff_run({"api_token": S}, set())
    assert S not in repr(t.fps["api_token"])
    d = t.diff_run({"api_token": S + "2"}, {"api_token"})
    assert d.changed == ["api_token"] and d.values["api_token"] == [REDACTED, REDACTED]
    assert t.diff_run({"api_token": S + "2"}, set()).changed == []


@dataclasses.dataclass
class User:
    name: str
    password: str
    note: str = dataclasses.field(default="hidden-field", repr=False)


Cred = collections.namedtuple("Cred", "user token")


class Conn:
    __slots__ = ("host", "secret")

    def __init__(self) -> None:
        self.host, self.secret = "h", S

    def __repr__(self) -> str:
        return f"Conn({self.host}, secret={self.secret})"


@pytest.mark.parametrize("value, text", [
    (User("bob", S), f"User(name='bob', password={REDACTED})"),
    (Cred("bob", S), f"Cred(user='bob', token={REDACTED})"),
    (Conn(), f"Conn(host='h', secret={REDACTED})"),
    ([{"u": Cred("c", S)}], f"[{{'u': Cred(user='c', token={REDACTED})}}]"),
])
def test_record_fields_are_redacted_by_name(value, text):
    assert summarize(value, 200, Redactor(DEFAULT_REDACT)) == text


def test_records_field_change_in_a_diff_is_redacted():
    d = _diff({"who": User("bob", "old-" + S)}, {"who": User("bob", S)})
    assert S not in _text(d)
    assert [(c.path, c.old, c.new) for c in d.details["who"]] == [("who.password", REDACTED, REDACTED)]
