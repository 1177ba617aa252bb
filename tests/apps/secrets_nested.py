"""Secrets nested under innocent keys (issue 11 items 1 and 4): each button puts the
secret S somewhere a key-name check alone does not see."""

import collections
import dataclasses

import attrs
import pandas as pd
import pydantic
import streamlit as st

import st_state_debugger

S = "S3CRET-xyz"
st_state_debugger.enable(key_budget_ms=60_000)  # every change checked in full: this app is about redaction
ss = st.session_state


@dataclasses.dataclass
class User:
    name: str
    password: str


Cred = collections.namedtuple("Cred", "user token")


@attrs.define
class Account:
    name: str
    password: str


class Login(pydantic.BaseModel):
    name: str
    token: str


class Conn:
    """An ordinary object whose repr shows its fields."""

    def __init__(self, host: str, api_key: str) -> None:
        self.host, self.api_key = host, api_key

    def __repr__(self) -> str:
        return f"Conn(host={self.host!r}, api_key={self.api_key!r})"


ss.setdefault("users", [{"name": "alice", "role": "admin"}])
ss.setdefault("cfg", {"app": "demo"})
ss.setdefault("people", pd.DataFrame({"name": ["ann", "bo"], "password": ["p1", "p2"]}))
ss.setdefault("notes", {})
ss.setdefault("shape", ())
ss.setdefault("big", {f"k{i}": f"value-{i:08d}" for i in range(15_000)})
ss.setdefault("record", None)

ACTIONS = {
    "append": lambda: ss.users.append({"name": "bob", "password": S}),
    "nest": lambda: ss.cfg.__setitem__("db", {"host": "h", "password": S}),
    "cell_old": lambda: ss.people.loc.__setitem__((0, "password"), S + "-old"),
    "cell_new": lambda: ss.people.loc.__setitem__((0, "password"), S + "-new"),
    "quoted": lambda: ss.notes.__setitem__("user's password", S),
    "retype": lambda: ss.__setattr__("shape", [{"token": S}]),
    "big": lambda: ss.big.__setitem__("k5", {"password": S}),
    "dataclass": lambda: ss.__setattr__("record", User("bob", S)),
    "namedtuple": lambda: ss.__setattr__("record", Cred("bob", S)),
    "attrs": lambda: ss.__setattr__("record", Account("bob", S)),
    "pydantic": lambda: ss.__setattr__("record", Login(name="bob", token=S)),
    "object": lambda: ss.__setattr__("record", Conn("h", S)),
}
for name, action in ACTIONS.items():
    if st.button(name, key="do_" + name):
        action()
st.write(len(ss))
