"""The start-up probe and the one door (issue 13).

Every private Streamlit name lives in ``st_state_debugger/internals/``: checked
here on the package's syntax trees. The probe checks more than names: the shape of
each overridden or called method, dataclass fields, what the debugger reads from
Streamlit's closures and frames, the traceback formatter, the Components v2
keywords, the client-address hook; a failed point turns off only its feature.
"""

from __future__ import annotations

import ast
import traceback
from pathlib import Path

import pytest

from st_state_debugger.internals import names, probe

PACKAGE = Path(__file__).resolve().parents[2] / "st_state_debugger"
INTERNALS = PACKAGE / "internals"
#: Streamlit's public modules: everything else under ``streamlit.`` is private.
PUBLIC_MODULES = {"streamlit", "streamlit.components.v2", "streamlit.testing.v1"}


@pytest.fixture(autouse=True)
def fresh_probe():
    probe.forget()
    yield
    probe.forget()


def _sources(root: Path, *, inside: bool) -> list[Path]:
    return [p for p in sorted(root.rglob("*.py")) if (INTERNALS in p.parents) == inside]


def _own_names() -> set[str]:
    """Every name this package defines itself (functions, classes, assignments,
    arguments, attributes it sets outside internals/): ``obj._name`` with one of
    these is ours."""
    own: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, ast.arg):
                own.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and INTERNALS not in path.parents:
                own.add(node.attr)  # (internals/ also sets Streamlit's own: a dry-run copy's stores)
            elif isinstance(node, ast.alias):
                own.add(node.asname or node.name.split(".")[0])
    return own


def _private_streamlit_attributes() -> set[str]:
    """The ``_private`` attributes internals/ reads that this package does not
    define: Streamlit's (``_state``, ``_key_id_mapper``, ``_fragment_storage``…)."""
    own = _own_names()
    found: set[str] = set()
    for path in _sources(PACKAGE, inside=True):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                if node.attr not in own:
                    found.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("_") \
                    and node.value.isidentifier() and not node.value.startswith("__") and node.value not in own:
                found.add(node.value)  # getattr(x, "_name") and the hook-point table
    return {name for name in found if not name.startswith("_ssd")}  # the debugger's own marks


def _violations(path: Path, private_attrs: set[str]) -> list[str]:
    """Imports of private Streamlit modules, and ``obj._name`` / ``getattr(obj,
    "_name")`` with one of Streamlit's private attribute names, in one file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names if node.module == "streamlit"]
        for module in modules:
            top = module.split(".")[0]
            if top == "streamlit" and module not in PUBLIC_MODULES and not _public_member(module):
                out.append(f"{path.name}:{getattr(node, 'lineno', '?')} imports {module}")
        if isinstance(node, ast.Attribute) and node.attr in private_attrs:
            out.append(f"{path.name}:{node.lineno} reads .{node.attr}")
        if isinstance(node, ast.Constant) and node.value in private_attrs:
            out.append(f"{path.name}:{node.lineno} names {node.value!r}")
    return out


def _public_member(module: str) -> bool:
    """``from streamlit import x``: fine when ``x`` is a public attribute of ``st``
    (``streamlit.components`` as ``st.components.v2``), not a private module."""
    parent, _, name = module.rpartition(".")
    return parent == "streamlit" and not name.startswith("_") and name in {"components", "testing", "session_state"}


def test_no_private_streamlit_import_or_attribute_outside_internals():
    private_attrs = _private_streamlit_attributes()
    # the scan knows what it looks for: the names internals/ reads of Streamlit
    assert {"_state", "_key_id_mapper", "_new_widget_state", "_fragment_storage", "_instance"} <= private_attrs
    found = [v for path in _sources(PACKAGE, inside=False) for v in _violations(path, private_attrs)]
    assert found == []
    assert not (PACKAGE / "hooks.py").exists()


def test_the_scan_catches_a_private_import_and_a_private_attribute(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from streamlit.runtime.state import SessionState\nimport streamlit.elements.lib.policies\n"
                   "def f(ctx):\n    return ctx.session_state._state, getattr(ctx, '_fragment_storage')\n")
    found = _violations(bad, _private_streamlit_attributes())
    assert [v.split(" ", 1)[1] for v in found] == [
        "imports streamlit.runtime.state", "imports streamlit.elements.lib.policies", "reads ._state",
        "names '_fragment_storage'"]


def test_every_hook_point_holds_on_the_installed_streamlit():
    result = probe.probe()
    assert result.failed == {} and result.off == set()
    assert result.checked == len(names.HOOK_POINTS) + 2  # and the traceback formatter, the fast path run


def test_the_table_covers_what_the_old_name_check_missed_and_drops_the_unused_name():
    points = {p.name: p for p in names.HOOK_POINTS}
    assert "SessionState.maybe_check_serializable" in points
    assert "KeyIdMapper.id_key_mapping" in points
    assert points["ScriptRunner._fragment_storage"].code == ("", ("_fragment_storage",))
    assert points["ScriptRunner._run_script (code_to_exec's rerun_data and self)"].code == ("code_to_exec", ("rerun_data", "self"))
    assert points["fragment wrapper's non_optional_func"].code == ("wrap", ("non_optional_func",))
    assert points["FormMixin._form_submit_button"].code == ("", ("form_id",))
    assert "WStates.call_callback" in points
    assert not any(p.attr == "_keys" for p in names.HOOK_POINTS)  # the one nobody used
    assert all(p.feature in names.FEATURES for p in names.HOOK_POINTS)


def test_a_changed_signature_fails_its_point_and_turns_off_only_its_feature(monkeypatch):
    from streamlit.runtime.state.session_state import SessionState

    monkeypatch.setattr(SessionState, "_execute_widget_callback", lambda self, votes, callback_fn, cb_metadata, cb_args: None)
    result = probe.probe()
    assert result.failed == {"SessionState._execute_widget_callback":
                             "signature (self, votes, callback_fn, cb_metadata, cb_args) does not fit "
                             "(self, votes, callback_fn, cb_metadata, cb_args, cb_kwargs)"}
    assert result.off == {"callbacks"} and result.core_ok


def test_a_removed_dataclass_field_fails_the_core(monkeypatch):
    from streamlit.runtime.state.session_state import SessionState

    fields = {k: v for k, v in SessionState.__dataclass_fields__.items() if k != "_key_id_mapper"}
    monkeypatch.setattr(SessionState, "__dataclass_fields__", fields)
    result = probe.probe()
    assert result.failed == {"SessionState (dataclass fields)": "no field _key_id_mapper"} and not result.core_ok


def test_a_run_function_without_rerun_data_fails_the_core(monkeypatch):
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    def _run_script(self, rerun_data):
        def code_to_exec(code=None, ctx=None):
            return self, code, ctx

        return code_to_exec

    monkeypatch.setattr(ScriptRunner, "_run_script", _run_script)
    result = probe.probe()
    assert list(result.failed.values()) == ["code_to_exec no longer uses rerun_data, self"] and not result.core_ok


def test_a_traceback_formatter_that_keeps_streamlit_frames_fails_the_core(monkeypatch):
    from streamlit.elements import exception

    assert probe.traceback_drops_streamlit_frames() is None
    monkeypatch.setattr(exception, "_get_stack_trace_str_list",
                        lambda exc, **kw: traceback.format_tb(exc.__traceback__))
    assert probe.traceback_drops_streamlit_frames() == "keeps its own frames"
    assert not probe.probe().core_ok


def test_changed_components_v2_keywords_turn_the_panel_off(monkeypatch):
    import streamlit.components.v2 as v2

    monkeypatch.setattr(v2, "component", lambda name, *, html=None, stylesheet=None, script=None: None)
    result = probe.probe()
    assert list(result.failed) == ["components.v2.component"] and result.off == {"panel"}


def test_no_client_address_hook_turns_the_panel_off(monkeypatch):
    from streamlit.runtime import session_manager

    monkeypatch.delattr(session_manager.SessionClient, "client_context")
    result = probe.probe()
    assert list(result.failed) == ["SessionClient.client_context"] and result.off == {"panel"}


def test_an_added_optional_parameter_fits_and_a_required_or_renamed_one_does_not():
    expected = "self, widget_ids_this_run, *, remove_stale_widgets"

    def today(self, widget_ids_this_run, *, remove_stale_widgets=True):
        return None

    def added_optional(self, widget_ids_this_run, *, remove_stale_widgets=True, fragment_only=False):
        return None

    def added_required(self, widget_ids_this_run, *, remove_stale_widgets=True, fragment_only):
        return None

    def renamed(self, widget_ids_this_run, *, prune_widgets=True):
        return None

    def reordered(self, remove_stale_widgets, widget_ids_this_run):
        return None

    assert probe.fits(today, expected) and probe.fits(added_optional, expected)
    assert not probe.fits(added_required, expected) and not probe.fits(renamed, expected)
    assert not probe.fits(reordered, expected)
    assert probe.fits(lambda self, *, data=None, key=None, **cbs: None, "self, *, data, **on_callbacks")
    assert not probe.fits(lambda self, *, data=None: None, "self, *, data, **on_callbacks")


def test_shape_names_parameters_without_annotations_or_defaults():
    def fn(a, b: int = 1, /, c=2, *args, d, e=3, **kw):
        return None

    def kw_only(a, *, b):
        return None

    assert probe.shape(fn) == "a, b, c, *args, d, e, **kw"
    assert probe.shape(kw_only) == "a, *, b"


def test_the_version_range_is_read_back_and_compared_with_packaging():
    spec = probe.declared_range()
    assert spec == ">=1.64"
    assert probe.in_range("1.64.0") and probe.in_range("1.66.1") and probe.in_range("1.99.0")
    assert probe.in_range("1.68.0.dev20261101")  # a nightly build is in the range
    assert not probe.in_range("1.63.9") and not probe.in_range("not a version")
    assert probe.newer_than_tested("1.68.0") and not probe.newer_than_tested(f"{probe.TESTED[-1]}.5")


def test_the_range_comes_from_the_installed_metadata_when_no_pyproject_is_beside_the_package(monkeypatch):
    monkeypatch.setattr(probe, "_range_from_pyproject", lambda path: None)
    monkeypatch.setattr("importlib.metadata.requires", lambda name: ["deepdiff>=8.0", "streamlit>=1.65", 'pytest>=8; extra == "test"'])
    assert probe.declared_range() == ">=1.65"


def test_without_pyproject_or_metadata_the_range_starts_at_the_oldest_tested_release(monkeypatch):
    from importlib.metadata import PackageNotFoundError

    def not_installed(name):
        raise PackageNotFoundError(name)

    monkeypatch.setattr(probe, "_range_from_pyproject", lambda path: None)
    monkeypatch.setattr("importlib.metadata.requires", not_installed)
    assert probe.declared_range() == f">={probe.TESTED[0]}" == ">=1.64"


def _listener_calls() -> set[str]:
    """Every ``rec.<method>(...)`` the hooks make, read from the source of the
    modules that call the recorder (``notify.py`` decodes, ``runner.py`` runs)."""
    import ast

    from st_state_debugger.internals import listener

    names = set()
    for module in ("notify.py", "runner.py"):
        tree = ast.parse((PACKAGE / "internals" / module).read_text())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "rec"):
                names.add(node.func.attr)
    contract = {n for n, v in vars(listener.SessionListener).items() if callable(v) and not n.startswith("_")}
    assert names <= contract, names - contract  # nothing is called outside the contract
    return names


def test_the_hooks_call_the_recorder_through_the_typed_listener_never_by_string_name():
    import inspect
    import re

    from st_state_debugger.internals import listener
    from st_state_debugger.recorder import Recorder

    for path in (PACKAGE / "internals").glob("*.py"):  # no getattr(rec, "on_" + name) anywhere
        source = path.read_text()
        assert not re.search(r"getattr\([^)]*[\"']on_[\"']\s*\+", source), path.name
        assert not re.search(r"[\"']on_[\"']\s*\+\s*\w", source), path.name
    contract = {n for n, v in vars(listener.SessionListener).items() if callable(v) and not n.startswith("_")}
    assert {n for n in contract if n.startswith("on_")} <= _listener_calls()  # every event is told
    for name in contract:  # the recorder takes what the contract passes, in the same order
        wanted = list(inspect.signature(getattr(listener.SessionListener, name)).parameters)
        assert list(inspect.signature(getattr(Recorder, name)).parameters) == wanted, name


def test_the_range_is_read_from_pyproject_without_tomllib_too(monkeypatch):
    """Python 3.10 (Streamlit 1.64/1.65) has no tomllib: the requirement is still found."""
    import builtins

    real_import = builtins.__import__

    def no_tomllib(name, *args, **kwargs):
        if name == "tomllib":
            raise ImportError("No module named 'tomllib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tomllib)
    assert probe._range_from_pyproject(str(PACKAGE.parent / "pyproject.toml")) == ">=1.64"
