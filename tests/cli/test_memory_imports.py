"""The debugger adds no heavy module to an app that does not use it (issue 15, memory).

DeepDiff's import alone loads numpy and pandas (~85 MB per server). Each case runs the
same small app natively and debugged, each in a fresh interpreter, the same way
(AppTest; and through the import path of ``st-state-debugger run``), and compares
the modules each run imported: the debugged run may add its own, never numpy,
pandas, pyarrow or deepdiff. A changed nested value still gets its detailed diff.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "tests" / "apps" / "memory_small.py"
HEAVY = {"numpy", "pandas", "pyarrow", "deepdiff"}

_RUN = textwrap.dedent("""
    import json, os, sys
    before = set(sys.modules)
    if os.environ.get("SSD_MEMORY_CLI") == "1":  # what `st-state-debugger run` does before Streamlit starts
        import st_state_debugger.cli
        from st_state_debugger import internals as hooks
        os.environ[hooks.ENV_AUTO_ENABLE] = "1"
        hooks.install()
    from streamlit.web import cli as streamlit_cli  # what `streamlit run` imports
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(sys.argv[1], default_timeout=60).run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    out = {"modules": sorted({m.split(".")[0] for m in set(sys.modules) - before}), "text": at.text[0].value,
           "panels": len(at.sidebar.get("bidi_component"))}
    if "st_state_debugger" in sys.modules:
        from st_state_debugger.testing import trace_of
        last = trace_of(at).reruns[-1].diff
        out["details"] = {k: [[c.path, c.change, c.new] for c in v] for k, v in last.details.items()}
        out["mutated"] = last.mutated_in_place
    print(json.dumps(out))
""")


def _run(**env: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _RUN, str(APP)], cwd=ROOT, capture_output=True, text=True, timeout=180,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PYTHONPATH": str(ROOT), **env})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _check(native: dict, debugged: dict) -> None:
    assert debugged["text"] == native["text"] == "a, b / py, ts"
    added = set(debugged["modules"]) - set(native["modules"])
    assert "st_state_debugger" in added
    assert not (added & HEAVY), f"the debugger imported {sorted(added & HEAVY)} (native run: {native['modules']})"
    assert debugged["details"] == {
        "cfg": [["cfg['tags']['b']", "added", "'b'"]],
        "profile": [["profile.langs[1]", "added", "'ts'"]],
    }
    assert debugged["mutated"] == ["cfg", "profile"]


def test_a_debugged_app_under_apptest_imports_no_heavy_module_the_native_run_did_not():
    _check(_run(), _run(SSD_MEMORY_DEBUG="1"))


def test_the_run_commands_import_path_imports_no_heavy_module_the_native_run_did_not():
    _check(_run(), _run(SSD_MEMORY_DEBUG="1", SSD_MEMORY_CLI="1"))


def test_the_panel_imports_no_heavy_module_the_native_run_did_not():
    """Streamlit scans a component's dict data for DataFrames (importing numpy, pandas
    and pyarrow, ~85 MB per server): the panel's data is never a dict."""
    debugged = _run(SSD_MEMORY_DEBUG="1", SSD_MEMORY_PANEL="1")
    assert debugged["panels"] == 2  # the panel and its data element (panel/host.py)
    _check(_run(), debugged)
