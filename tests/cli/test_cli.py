"""The command line: exit codes, messages, Markdown export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRACE = ROOT / "tests" / "data" / "trace_v1.jsonl"


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "st_state_debugger", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_version_and_help():
    out = cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == "st_state_debugger 0.1.0"
    out = cli("--help")
    assert out.returncode == 0 and "run APP" in out.stdout and "view TRACE.jsonl" in out.stdout and "export" in out.stdout
    for command in ("run", "view", "export"):
        out = cli(command, "--help")
        assert out.returncode == 0, (command, out.stderr)
        assert "usage: st-state-debugger " + command in (out.stdout + out.stderr)


def test_usage_errors_exit_2():
    assert cli().returncode == 2
    out = cli("frobnicate")
    assert out.returncode == 2 and "unknown command 'frobnicate'" in out.stderr
    out = cli("export", str(TRACE))
    assert out.returncode == 2 and "--format" in out.stderr
    out = cli("run", "x.py", "--trace-dir")
    assert out.returncode == 2 and "--trace-dir needs a directory" in out.stderr


def test_missing_app_and_bad_traces_exit_1_with_a_clear_message(tmp_path):
    out = cli("run", "does_not_exist.py")
    assert out.returncode == 1 and "no such app file: does_not_exist.py" in out.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "header", "schema": "st_state_debugger.trace", "version": 3}\n')
    for command in (("view", str(bad)), ("export", str(bad), "--format", "md")):
        out = cli(*command)
        assert out.returncode == 1
        assert f"{bad}, line 1: written by a newer st_state_debugger: version 3" in out.stderr
    out = cli("view", str(tmp_path / "missing.jsonl"))
    assert out.returncode == 1 and "cannot read the file" in out.stderr


def test_markdown_export_has_the_reruns_and_each_error_explained():
    out = cli("export", str(TRACE), "--format", "md")
    assert out.returncode == 0, out.stderr
    md = out.stdout
    assert "| # | trigger | status |" in md
    assert "| 4 | widget show | ok |" in md
    assert "#### KeyError on 'note' in rerun 5 at cleanup\\.py\\:16" in md
    assert "**'note' was removed by Streamlit at the end of rerun 4 because its widget was not rendered in that run**" in md
    assert "| 4 | delete | streamlit · note | cleanup\\.py\\:14 | widget 'note' was not rendered in rerun 4 |" in md
    assert "Did you mean: 'user\\_name'" in md


def test_markdown_export_keeps_redaction_and_escapes_tables(tmp_path):
    src = (ROOT / "tests" / "data" / "trace_v1.jsonl").read_text().splitlines()
    import json

    rerun = json.loads(src[1])
    rerun["events"].append([9, "write", "a|b", "script", "app.py", 3, "‹redacted›"])
    rerun["diff"]["added"].append("a|b")
    path = tmp_path / "t.jsonl"
    path.write_text(src[0] + "\n" + json.dumps(rerun) + "\n")
    md = cli("export", str(path), "--format", "md").stdout
    assert "a\\|b" in md and "| 1 | initial |" in md


def test_export_never_overwrites(tmp_path):
    target = tmp_path / "report.md"
    assert cli("export", str(TRACE), "--format", "md", "-o", str(target)).returncode == 0
    before = target.read_text()
    out = cli("export", str(TRACE), "--format", "md", "-o", str(target))
    assert out.returncode == 1 and "exists; not overwriting it" in out.stderr
    assert target.read_text() == before


def test_truncated_trace_still_exports_the_valid_reruns(tmp_path):
    data = TRACE.read_bytes()
    cut = tmp_path / "crash.jsonl"
    cut.write_bytes(data[: len(data) - 50])
    out = cli("export", str(cut), "--format", "md")
    assert out.returncode == 0
    assert "\n| 4 | widget show |" in out.stdout and "\n| 5 | " not in out.stdout
    assert "truncated last line" in out.stderr


@pytest.mark.parametrize("args", [["run"], ["view"]])
def test_subcommand_without_argument_is_a_usage_error(args):
    out = cli(*args)
    assert out.returncode == 2 and "usage: st-state-debugger" in out.stdout + out.stderr


def test_one_argparse_parser_reads_every_command_and_passes_streamlit_options_through():
    from st_state_debugger import cli

    parser = cli._parser()
    args, extra = parser.parse_known_args(["run", "app.py", "--server.port", "8502", "--trace-dir=traces", "-x"])
    assert (args.command, args.target, args.trace_dir, extra) == ("run", "app.py", "traces", ["--server.port", "8502", "-x"])
    args, extra = parser.parse_known_args(["view", "t.jsonl", "--allow-remote", "--address", "::", "--server.headless", "true"])
    assert (args.command, args.target, args.allow_remote, args.address) == ("view", "t.jsonl", True, "::")
    assert extra == ["--server.headless", "true"]
    args, extra = parser.parse_known_args(["gen-test", "t.jsonl", "--app", "a.py", "-o", "out.py"])
    assert (args.command, args.trace, args.app, args.output, extra) == ("gen-test", "t.jsonl", "a.py", "out.py", [])


def test_run_hands_streamlit_its_options_in_order_and_the_script_everything_after_the_double_dash(monkeypatch, tmp_path):
    from st_state_debugger import cli, internals

    seen: list[list[str]] = []
    monkeypatch.setattr(internals, "run_streamlit", lambda args: seen.append(args) or 0)
    monkeypatch.setattr(internals, "install", lambda: None)
    for name in ("ST_STATE_DEBUGGER", "ST_STATE_DEBUGGER_TRACE_DIR"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    app = ROOT / "tests" / "apps" / "plain.py"
    argv = ["run", str(app), "--server.port", "8502", "--trace-dir", str(tmp_path), "--server.headless=true",
            "--", "--trace-dir", "q", "-h"]
    assert cli.main(argv) == 0
    assert seen == [["run", str(app), "--server.port", "8502", "--server.headless=true", "--", "--trace-dir", "q", "-h"]]


def test_export_and_gen_test_refuse_unknown_options_with_exit_2():
    assert cli("export", str(TRACE), "--format", "md", "--bogus").returncode == 2
    out = cli("gen-test", str(TRACE), "--frobnicate")
    assert out.returncode == 2 and "unrecognized arguments: --frobnicate" in out.stderr


def test_view_follow_wants_a_trace_directory_or_file(tmp_path):
    missing = tmp_path / "nowhere"
    out = cli("view", "--follow", str(missing))
    assert out.returncode == 1 and f"no such directory or trace file: {missing}" in out.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not a trace\n")
    out = cli("view", "--follow", str(bad))
    assert out.returncode == 1 and "bad.jsonl" in out.stderr
    out = cli("view", "--help")
    assert "view --follow DIR|TRACE.jsonl" in out.stdout + out.stderr


@pytest.mark.parametrize("kind", ["file", "dir"])
def test_view_follow_runs_the_follow_app_on_a_file_or_a_directory(kind, monkeypatch, tmp_path):
    from st_state_debugger import cli, internals
    from st_state_debugger.follow import ENV_FOLLOW

    seen: list[list[str]] = []
    monkeypatch.setattr(internals, "run_streamlit", lambda args: seen.append(args) or 0)
    monkeypatch.setenv(ENV_FOLLOW, "")
    target = TRACE if kind == "file" else TRACE.parent
    assert cli.main(["view", "--follow", str(target), "--server.port", "8503"]) == 0
    (args,) = seen
    assert args[1].endswith("follow_app.py") and args[2:] == ["--server.address", "127.0.0.1", "--server.port", "8503"]
    assert os.environ[ENV_FOLLOW] == str(target.resolve())
