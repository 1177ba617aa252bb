"""Every access kind the proxy's fast path takes, on every store a value can live in,
with what the app sees written out: values, exceptions (type, message, the app's own
traceback.format_exc()), and odd keys. Run natively and debugged, the texts must be
the same."""
import os
import traceback

import streamlit as st

import st_state_debugger

if os.environ.get("SSD_NATIVE") != "1":
    st_state_debugger.enable()

ss = st.session_state
out = []


def show(label, fn):
    try:
        out.append(f"{label}: {fn()!r}")
    except BaseException as exc:  # noqa: BLE001 - what the app would see, whatever it is
        out.append(f"{label}: {type(exc).__module__}.{type(exc).__name__} {exc}\n{traceback.format_exc()}")


ss.setdefault("runs", 0)
ss.runs += 1
ss["plain"] = ss.get("plain", 0) + 1
if ss.runs == 1:
    ss["kept"] = "from run 1"  # later runs read it from Streamlit's old state
ss[1] = "int key"  # stored as "1"
st.text_input("Name", key="name")
st.slider("Level", 0, 10, key="level")
with st.form("frm"):
    st.form_submit_button("Send")

for key in ("plain", "kept", "name", "level", "runs", "1", 1, "missing", "", "$$ID-x-None"):
    show(f"[{key!r}]", lambda key=key: ss[key])
    show(f"in {key!r}", lambda key=key: key in ss)
    show(f"get {key!r}", lambda key=key: ss.get(key, "default"))
for attr in ("plain", "kept", "name", "missing"):
    show(f".{attr}", lambda attr=attr: getattr(ss, attr))
show("hasattr missing", lambda: hasattr(ss, "missing"))
show("getattr default", lambda: getattr(ss, "missing", "dflt"))
show("write after widget", lambda: ss.__setitem__("name", "x"))
show("setattr after widget", lambda: setattr(ss, "level", 3))
show("write form key", lambda: ss.__setitem__("frm", 1))
show("write empty key", lambda: ss.__setitem__("", 1))
show("write reserved key", lambda: ss.__setitem__("$$ID-x-None", 1))
show("setattr plain", lambda: setattr(ss, "other", [1, 2]))
show("read it back", lambda: ss.other)
show("key whose str fails", lambda: ss[type("Bad", (), {"__str__": lambda self: 1 / 0})()])
show("unhashable key", lambda: ss[[1, 2]])
st.text("\n".join(out))
