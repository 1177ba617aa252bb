"""enable() is one line, idempotent, and refuses cleanly where it cannot work."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import st_state_debugger
from st_state_debugger import guard, internals
from st_state_debugger.testing import trace_of

ROOT = Path(__file__).resolve().parents[2]


def test_bare_python_run_does_nothing_and_says_so_once():
    code = "import st_state_debugger as d\nprint(d.enable(), d.enable(), d.is_enabled())\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False False False"
    assert out.stderr.count("does nothing outside a Streamlit run") == 1


def test_unknown_option_is_a_clear_type_error():
    with pytest.raises(TypeError, match=r"unknown option\(s\) \['trace_dri'\]; valid options are"):
        st_state_debugger.enable(trace_dri="x")


def test_unsupported_streamlit_version_disables_with_the_supported_range(monkeypatch, caplog, tmp_path):
    monkeypatch.setattr("streamlit.__version__", "1.63.0")
    monkeypatch.setattr(guard, "_said_once", set())
    script = tmp_path / "app.py"
    script.write_text("import streamlit as st, st_state_debugger\nst.write(str(st_state_debugger.enable()))\n")
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        at = AppTest.from_file(str(script)).run()
    assert [m.value for m in at.markdown] == ["False"]
    assert f"supports streamlit {internals.declared_range()} (tested up to {internals.TESTED[-1]}), found 1.63.0" in caplog.text
    assert not internals.installed()


def test_supported_range_is_the_one_pyproject_declares():
    import tomllib
    from packaging.requirements import Requirement

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    declared = next(Requirement(d).specifier for d in deps if Requirement(d).name == "streamlit")
    assert internals.declared_range() == str(declared)
    for version in ("1.64.0", "1.66.1", "1.67.0", "1.99.0"):
        assert internals.in_range(version) == declared.contains(version)
    assert not internals.in_range("1.63.9")
    assert internals.missing_internals() == []


def test_disable_then_enable_starts_afresh(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(
        "import streamlit as st, st_state_debugger\n"
        "if not st.session_state.get('off'):\n"
        "    st_state_debugger.enable()\n"
        "st.write(str(st_state_debugger.is_enabled()))\n"
        "if st.button('off', key='b'):\n"
        "    st.session_state.off = True\n"
        "    st_state_debugger.disable()\n"
    )
    at = AppTest.from_file(str(script)).run()
    assert [m.value for m in at.markdown] == ["True"]
    at.button(key="b").click().run()
    with pytest.raises(LookupError):
        trace_of(at)
    at.session_state["off"] = False
    at.run()
    assert [m.value for m in at.markdown] == ["True"]
    assert [r.index for r in trace_of(at).reruns] == [1]


def test_enable_again_with_other_options_applies_live_ones_and_names_the_rest_once(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(guard, "_said_once", set())
    script = tmp_path / "app.py"
    script.write_text(
        "import streamlit as st, st_state_debugger\n"
        "st_state_debugger.enable(panel=st.session_state.get('show', True),\n"
        "                         max_value_chars=st.session_state.get('chars', 120))\n"
        "st.session_state.n = st.session_state.get('n', 0) + 1\n"
    )

    def panels(at: AppTest) -> int:
        return len([e for e in at.sidebar.get("bidi_component") if e.proto.component_name == "st_state_debugger.panel"])

    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        at = AppTest.from_file(str(script)).run()
        assert panels(at) == 1
        at.session_state["show"] = False
        at.session_state["chars"] = 40
        at.run()
        assert panels(at) == 0  # the live option took effect in this rerun
        at.run()
        assert panels(at) == 0
    assert not at.exception
    assert caplog.text.count("called again in this session with other max_value_chars") == 1
    assert "panel" not in caplog.text.split("other ", 1)[1].split(";")[0]
    assert len(trace_of(at).reruns) == 3  # still recording
