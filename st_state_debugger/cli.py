"""``st-state-debugger``: run an app with the debugger, view or export a trace.

    st-state-debugger run app.py [--trace-dir DIR] [streamlit options] [-- script args]
    st-state-debugger view TRACE.jsonl [streamlit options]
    st-state-debugger export TRACE.jsonl --format md [-o FILE]
    st-state-debugger gen-test TRACE.jsonl [--app APP] [-o FILE]

Each subcommand returns ``(exit code, message)``; ``main()`` prints the message and
exits with the code: 0 ok, 1 a bad trace or app, 2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .model import Trace
from .trace import TraceError, load_trace

RUN_HELP = """usage: st-state-debugger run APP [--trace-dir DIR] [streamlit options] [-- script args]

Run APP exactly as `streamlit run APP` would, with st_state_debugger enabled in every
browser session and no edit to the app. Every `streamlit run` option passes through
(e.g. --server.port 8502); arguments after `--` go to the script.

options:
  --trace-dir DIR   write one trace file per session to DIR (default: the
                    ST_STATE_DEBUGGER_TRACE_DIR environment variable, else memory only;
                    export from the panel then)
  -h, --help        show this help and exit
"""


def _run(argv: list[str]) -> tuple[int, str]:
    if not argv or argv[0] in ("-h", "--help"):
        return (0 if argv else 2), RUN_HELP
    app, rest = argv[0], argv[1:]
    passthrough: list[str] = []
    trace_dir = None
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--":
            passthrough.extend(rest[i:])
            break
        if arg == "--trace-dir":
            if i + 1 >= len(rest):
                return 2, "st-state-debugger run: --trace-dir needs a directory"
            trace_dir = rest[i + 1]
            i += 2
            continue
        if arg.startswith("--trace-dir="):
            trace_dir = arg.split("=", 1)[1]
        elif arg in ("-h", "--help"):
            return 0, RUN_HELP
        else:
            passthrough.append(arg)
        i += 1
    if not app.startswith(("http://", "https://")) and not Path(app).exists():
        return 1, f"st-state-debugger run: no such app file: {app}"
    from . import internals as hooks

    os.environ[hooks.ENV_AUTO_ENABLE] = "1"
    if trace_dir:
        from .config import ENV_TRACE_DIR

        os.environ[ENV_TRACE_DIR] = os.path.abspath(trace_dir)
    hooks.install()
    code = hooks.run_streamlit(["run", app, *passthrough])
    return code, ""


class _Stop(Exception):
    """Ends a subcommand early with an exit code and a message (handled in main)."""

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code, self.message = code, message


def _load(path: str) -> Trace:
    """Read a trace (a truncated last line is tolerated and warned about)."""
    try:
        return load_trace(path, strict=False)
    except TraceError as exc:
        raise _Stop(1, f"st-state-debugger: {exc}") from None


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2): argparse printed it
        raise _Stop(int(exc.code or 0)) from None


VIEW_HELP = """usage: st-state-debugger view TRACE.jsonl [--address ADDR] [--allow-remote] [streamlit options]

Open a saved trace (from any machine) in the browser, in the panel UI, read-only.
Streamlit options pass through, e.g. --server.port 8502 --server.headless true.

options:
  --address ADDR    listen on ADDR (Streamlit's server.address); default 127.0.0.1,
                    so only this machine can connect, whatever config.toml says
  --allow-remote    show the trace to browsers on other machines too (also
                    ST_STATE_DEBUGGER_ALLOW_REMOTE=1); without it they get a message
  -h, --help        show this help and exit
"""


def _view_options(rest: list[str]) -> tuple[list[str], str | None, bool]:
    """Split ``view``'s own options (--address, --allow-remote) from Streamlit's."""
    passthrough: list[str] = []
    address, allow_remote, i = None, False, 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--address":
            if i + 1 >= len(rest):
                raise _Stop(2, "st-state-debugger view: --address needs an address")
            address, i = rest[i + 1], i + 2
            continue
        if arg.startswith("--address="):
            address = arg.split("=", 1)[1]
        elif arg == "--allow-remote":
            allow_remote = True
        else:
            passthrough.append(arg)
        i += 1
    return passthrough, address, allow_remote


def _view(argv: list[str]) -> tuple[int, str]:
    if not argv or argv[0] in ("-h", "--help"):
        return (0 if argv else 2), VIEW_HELP
    path = argv[0]
    rest, address, allow_remote = _view_options(argv[1:])
    streamlit_address = any(a == "--server.address" or a.startswith("--server.address=") for a in rest)
    if address is not None and streamlit_address:
        return 2, "st-state-debugger view: give --address or --server.address, not both"
    if not streamlit_address:
        # Streamlit's default is every interface; the viewer's is this machine only.
        rest = ["--server.address", address or "127.0.0.1", *rest]
    _load(path)  # refuse a bad trace here, with its line, before starting a server
    from . import internals as hooks
    from .config import ENV_ALLOW_REMOTE
    from .viewer import ENV_VIEW

    os.environ[ENV_VIEW] = os.path.abspath(path)
    if allow_remote:
        os.environ[ENV_ALLOW_REMOTE] = "1"
    app = str(Path(__file__).with_name("viewer_app.py"))
    return hooks.run_streamlit(["run", app, *rest]), ""


def _export(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="st-state-debugger export", description="Write a saved trace as a Markdown report (redaction kept).")
    parser.add_argument("trace", help="a trace file (*.jsonl)")
    parser.add_argument("--format", choices=["md"], required=True, help="report format: md (Markdown)")
    parser.add_argument("-o", "--output", help="write here (never overwrites) instead of standard output")
    args = _parse(parser, argv)
    trace = _load(args.trace)
    from .report import markdown_report

    text = markdown_report(trace, args.trace)
    for warning in trace.warnings:
        print(f"st-state-debugger: warning: {warning}", file=sys.stderr)
    return _emit(text, args.output)


def _emit(text: str, output: str | None) -> tuple[int, str]:
    """Print ``text``, or write it to ``output``, which is never overwritten."""
    if output:
        try:
            with open(output, "x", encoding="utf-8") as f:
                f.write(text)
        except FileExistsError:
            return 1, f"st-state-debugger: {output} exists; not overwriting it"
        return 0, f"wrote {output}"
    sys.stdout.write(text)
    return 0, ""


def _gen_test(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="st-state-debugger gen-test",
                                     description="Write a pytest test that replays a recorded session with AppTest and checks each rerun's state.")
    parser.add_argument("trace", help="a trace file (*.jsonl)")
    parser.add_argument("--app", help="the app to test (default: the app path in the trace header)")
    parser.add_argument("-o", "--output", help="write here (never overwrites) instead of standard output")
    args = _parse(parser, argv)
    trace = _load(args.trace)
    app = args.app or trace.header.get("app")
    if not app or not isinstance(app, str):
        return 2, "st-state-debugger gen-test: the trace names no app: pass --app PATH"
    found = _find_app(app, args.trace if not args.app else None)
    if found is None:  # repr: the name may come from the trace (no terminal escapes)
        return 1, f"st-state-debugger gen-test: no such app file: {app!r}; pass --app PATH"
    from .gentest import generate_test

    return _emit(generate_test(trace, found, args.trace, args.output), args.output)


def _find_app(app: str, trace: str | None) -> str | None:
    """The app file, absolute: as given (relative to this folder), or, for the path a
    trace header records, also relative to the trace's folder."""
    candidates = [Path(app)]
    if trace is not None and not Path(app).is_absolute():
        candidates.append(Path(trace).resolve().parent / app)
    for candidate in candidates:
        try:
            if candidate.is_file():
                return str(candidate.resolve())
        except (OSError, ValueError):  # a name the OS refuses (NUL, too long)
            continue
    return None


COMMANDS = {"run": _run, "view": _view, "export": _export, "gen-test": _gen_test}

MAIN_HELP = f"""usage: st-state-debugger [--version] {{run,view,export,gen-test}} ...

st_state_debugger {__version__}: a debugger for Streamlit's st.session_state.

commands:
  run APP [...]            run APP like `streamlit run`, debugger on in every session
  view TRACE.jsonl         open a saved trace in the browser (read-only panel)
  export TRACE.jsonl --format md
                           print a Markdown report of a trace
  gen-test TRACE.jsonl     print a pytest test replaying the session (AppTest)

`st-state-debugger COMMAND --help` for each command's options.
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(MAIN_HELP, end="")
        return 0 if args else 2
    if args[0] == "--version":
        print(f"st_state_debugger {__version__}")
        return 0
    command = COMMANDS.get(args[0])
    if command is None:
        print(f"st-state-debugger: unknown command {args[0]!r}\n\n{MAIN_HELP}", end="", file=sys.stderr)
        return 2
    try:
        code, message = command(args[1:])
    except _Stop as stop:
        code, message = stop.code, stop.message
    if message:
        print(message, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
