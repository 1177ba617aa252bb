"""enable() is one line, idempotent, and refuses cleanly where it cannot work."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version
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


def _declared_streamlit() -> SpecifierSet:
    """The streamlit requirement pyproject declares: the one range, read as pip reads it
    (tomllib where there is one; Python 3.10, which Streamlit 1.64/1.65 run on, has none)."""
    text = (ROOT / "pyproject.toml").read_text()
    try:
        import tomllib

        deps = tomllib.loads(text)["project"]["dependencies"]
    except ImportError:
        block = re.search(r"^dependencies = \[(.*?)^\]", text, re.MULTILINE | re.DOTALL)
        deps = re.findall(r'^\s*"([^"]+)"', block.group(1), re.MULTILINE) if block else []
    (spec,) = [Requirement(d).specifier for d in deps if Requirement(d).name == "streamlit"]
    return spec


def _just_below(spec: SpecifierSet) -> str:
    """The newest patch release of the minor release before the range's lower bound."""
    (low,) = [Version(s.version) for s in spec if s.operator in (">=", ">")]
    assert low.minor > 0, low
    return f"{low.major}.{low.minor - 1}.99"


def test_unsupported_streamlit_version_disables_with_the_supported_range(monkeypatch, caplog, tmp_path):
    below = _just_below(_declared_streamlit())
    monkeypatch.setattr("streamlit.__version__", below)
    monkeypatch.setattr(guard, "_said_once", set())
    script = tmp_path / "app.py"
    script.write_text("import streamlit as st, st_state_debugger\nst.write(str(st_state_debugger.enable()))\n")
    with caplog.at_level(logging.WARNING, logger="st_state_debugger"):
        at = AppTest.from_file(str(script)).run()
    assert [m.value for m in at.markdown] == ["False"]
    declared = str(_declared_streamlit())
    assert f"supports streamlit {declared} (tested up to {internals.TESTED[-1]}), found {below}" in caplog.text
    assert not internals.installed()


def test_supported_range_is_the_one_pyproject_declares():
    declared = _declared_streamlit()
    assert internals.declared_range() == str(declared)
    tested = [f"{minor}.0" for minor in internals.TESTED]
    newest = Version(tested[-1])
    # a nightly (a dev build) and releases past the newest tested one are in the range too
    for version in (*tested, f"{newest.major}.{newest.minor + 1}.0.dev20270101", f"{newest.major + 1}.0.0", _just_below(declared)):
        assert internals.in_range(version) == declared.contains(version, prereleases=True), version
    assert internals.missing_internals() == []


def test_declared_streamlit_range_has_a_floor_no_ceiling_and_holds_every_tested_release():
    """pip must never move a project's pinned Streamlit to install the debugger: the
    range only says where the hook points start to hold, and every release the suites
    ran on (probe.TESTED) is inside it, the oldest being its floor."""
    declared = _declared_streamlit()
    assert [s.operator for s in declared] == [">="], declared
    assert all(declared.contains(f"{minor}.0") for minor in internals.TESTED)
    assert Version(next(iter(declared)).version) == Version(internals.TESTED[0])


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
