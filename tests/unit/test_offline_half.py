"""The offline half (load_trace, the Markdown export, gen-test's generation) runs
where Streamlit cannot be imported, and gen-test names pages as Streamlit does."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

#: Prepended to each child script: any import of Streamlit or of the debugger's door to
#: it raises ImportError, as in an environment where Streamlit is not installed.
_BLOCK = textwrap.dedent(
    """
    import sys
    from importlib.abc import MetaPathFinder

    class _NoStreamlit(MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "streamlit" or name.startswith(("streamlit.", "st_state_debugger.internals")):
                raise ImportError(f"blocked for this test: {name}")
            return None

    sys.meta_path.insert(0, _NoStreamlit())
    """
)


def _run_blocked(body: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``body`` in a fresh interpreter with Streamlit blocked from import."""
    return subprocess.run(
        [sys.executable, "-c", _BLOCK + textwrap.dedent(body)],
        cwd=cwd, capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_blocker_really_blocks_streamlit(tmp_path: Path) -> None:
    done = _run_blocked("import streamlit\n", tmp_path)
    assert done.returncode != 0 and "blocked for this test: streamlit" in done.stderr


@pytest.mark.parametrize("trace", ["demo_trace.jsonl", "trace_v1.jsonl", "trace_v2.jsonl"])
def test_load_trace_and_markdown_export_run_with_streamlit_unimportable(trace: str, tmp_path: Path) -> None:
    done = _run_blocked(
        f"""
        import st_state_debugger
        from st_state_debugger.report import markdown_report
        t = st_state_debugger.load_trace({str(DATA / trace)!r}, strict=False)
        text = markdown_report(t, {trace!r})
        assert t.reruns and text.startswith("#"), text[:200]
        assert "streamlit" not in sys.modules and not any(m.startswith("streamlit.") for m in sys.modules)
        print("rows", len(t.reruns))
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("rows ")


def test_cli_export_and_gen_test_run_with_streamlit_unimportable(tmp_path: Path) -> None:
    (tmp_path / "demo_app.py").write_text("import streamlit as st\nst.write('hi')\n", encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "2_📈_My chart.py").write_text("x = 1\n", encoding="utf-8")
    trace = tmp_path / "demo_trace.jsonl"
    trace.write_bytes((DATA / "demo_trace.jsonl").read_bytes())
    done = _run_blocked(
        """
        from st_state_debugger.cli import main
        assert main(["export", "demo_trace.jsonl", "--format", "md", "-o", "report.md"]) == 0
        assert main(["gen-test", "demo_trace.jsonl", "-o", "test_replay.py"]) == 0
        assert "streamlit" not in sys.modules
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("#")
    generated = (tmp_path / "test_replay.py").read_text(encoding="utf-8")
    compile(generated, "test_replay.py", "exec")
    assert "AppTest.from_file" in generated


def test_python_dash_m_export_runs_with_streamlit_unimportable(tmp_path: Path) -> None:
    done = _run_blocked(
        f"""
        import runpy
        sys.argv = ["st-state-debugger", "export", {str(DATA / "trace_v2.jsonl")!r}, "--format", "md"]
        try:
            runpy.run_module("st_state_debugger", run_name="__main__")
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("#")


_NAMES = ["app.py", "1_Home.py", "02_📈_Charts and  graphs.py", "📊 Data.py", "__init__.py", "_ x .py",
          "123.py", "3 - my_page.py", "🇫🇷_France.py", "👩‍💻 code.py", "#️⃣ hash.py", "1️⃣.py",
          "café.py", "°F.py", "🇦 lonely.py", "❤️_love.py", "no_extension"]


def test_page_names_match_streamlits_own_rule_over_its_emoji_catalog() -> None:
    from streamlit.emojis import ALL_EMOJIS
    from streamlit.source_util import page_icon_and_name as streamlits

    from st_state_debugger.page_names import _starts_emoji, page_icon_and_name

    names = list(_NAMES)
    for emoji in sorted(ALL_EMOJIS):
        names += [f"{emoji}_page.py", f"3_{emoji} My page.py", f"{emoji}.py", f"x{emoji}.py"]
    # The table is Streamlit 1.67's catalog; an older Streamlit (1.64 knows 9 fewer
    # emoji) differs only on those code points, which it does not count as emoji.
    known = {e[0] for e in ALL_EMOJIS}
    singles = (*range(0xA0, 0x3100), *range(0x1F000, 0x1FB00))
    names += [f"{chr(o)}_page.py" for o in singles if chr(o) in known or not _starts_emoji(chr(o))]
    wrong = [(n, page_icon_and_name(n), streamlits(Path(n))) for n in names
             if page_icon_and_name(n) != streamlits(Path(n))]
    assert wrong == []


def test_the_package_version_is_pyprojects() -> None:
    import st_state_debugger

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib

        version = tomllib.loads(text)["project"]["version"]
    except ImportError:  # Python 3.10 (Streamlit 1.64/1.65) has no tomllib
        import re

        found = re.search(r'^version = "([^"]+)"', text, re.MULTILINE)
        version = found.group(1) if found else None
    assert st_state_debugger.__version__ == version
