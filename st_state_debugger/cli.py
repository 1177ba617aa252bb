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
import re
import sys
from pathlib import Path
from typing import NoReturn

from .config import ENV_ALLOW_REMOTE, ENV_TRACE_DIR, __version__
from .gentest import generate_test
from .model import Trace
from .report import markdown_report
from .trace import TraceError, load_trace
from .viewer import ENV_VIEW

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


def _run(args: argparse.Namespace, extra: list[str]) -> tuple[int, str]:
    """``run APP``: every option but ``--trace-dir`` (and all after ``--``) goes to Streamlit."""
    if args.help or args.target is None:
        return (0 if args.help else 2), RUN_HELP
    app = args.target
    if not app.startswith(("http://", "https://")) and not Path(app).exists():
        return 1, f"st-state-debugger run: no such app file: {app}"
    from . import internals as hooks

    os.environ[hooks.ENV_AUTO_ENABLE] = "1"
    if args.trace_dir:
        os.environ[ENV_TRACE_DIR] = os.path.abspath(args.trace_dir)
    hooks.install()
    code = hooks.run_streamlit(["run", app, *extra])
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


VIEW_HELP = """usage: st-state-debugger view TRACE.jsonl [--address ADDR] [--allow-remote] [streamlit options]
       st-state-debugger view --follow DIR|TRACE.jsonl [--address ADDR] [--allow-remote] [streamlit options]

Open a saved trace (from any machine) in the browser, in the panel UI, read-only.
With --follow, open the newest trace in DIR full width and follow it as the app
appends reruns (a button offers a newer session when one starts); given a trace
file, follow exactly that file.
Streamlit options pass through, e.g. --server.port 8502 --server.headless true.

options:
  --address ADDR    listen on ADDR (Streamlit's server.address); default 127.0.0.1,
                    so only this machine can connect, whatever config.toml says
  --allow-remote    show the trace to browsers on other machines too (also
                    ST_STATE_DEBUGGER_ALLOW_REMOTE=1); without it they get a message
  --follow          follow the target live: a trace directory (its newest session)
                    or one trace file
  -h, --help        show this help and exit
"""


def _view(args: argparse.Namespace, extra: list[str]) -> tuple[int, str]:
    """``view TRACE``: ``--address``/``--allow-remote`` are the viewer's, the rest Streamlit's."""
    if args.help or args.target is None:
        return (0 if args.help else 2), VIEW_HELP
    path, address, rest = args.target, args.address, extra
    streamlit_address = any(a == "--server.address" or a.startswith("--server.address=") for a in rest)
    if address is not None and streamlit_address:
        return 2, "st-state-debugger view: give --address or --server.address, not both"
    if not streamlit_address:
        # Streamlit's default is every interface; the viewer's is this machine only.
        rest = ["--server.address", address or "127.0.0.1", *rest]
    if args.follow and not (os.path.isdir(path) or os.path.isfile(path)):
        return 1, f"st-state-debugger view --follow: no such directory or trace file: {path} (give the app's trace directory)"
    if not args.follow or os.path.isfile(path):
        _load(path)  # refuse a bad trace here, with its line, before starting a server
    from . import internals as hooks  # Streamlit: only when a server is started
    from .follow import ENV_FOLLOW

    os.environ[ENV_FOLLOW if args.follow else ENV_VIEW] = os.path.abspath(path)
    if args.allow_remote:
        os.environ[ENV_ALLOW_REMOTE] = "1"
    app = str(Path(__file__).with_name("follow_app.py" if args.follow else "viewer_app.py"))
    return hooks.run_streamlit(["run", app, *rest]), ""


def _export(args: argparse.Namespace, extra: list[str]) -> tuple[int, str]:
    """``export TRACE --format md``: the Markdown report (redaction kept)."""
    trace = _load(args.trace)
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


def _gen_test(args: argparse.Namespace, extra: list[str]) -> tuple[int, str]:
    """``gen-test TRACE``: a pytest test replaying the session (generated, not run)."""
    trace = _load(args.trace)
    app = args.app or trace.header.get("app")
    if not app or not isinstance(app, str):
        return 2, "st-state-debugger gen-test: the trace names no app: pass --app PATH"
    found = _find_app(app, args.trace if not args.app else None)
    if found is None:  # repr: the name may come from the trace (no terminal escapes)
        return 1, f"st-state-debugger gen-test: no such app file: {app!r}; pass --app PATH"
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


#: Options whose missing value is worded as this CLI always did.
_NEEDS = {"--trace-dir": "a directory", "--address": "an address"}


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error raised as ``_Stop(2, …)`` (main prints it) and
    this CLI's wording for an unknown command and an option missing its value."""

    def error(self, message: str) -> NoReturn:
        missing = re.match(r"argument (--[\w-]+): expected one argument", message)
        if missing and missing.group(1) in _NEEDS:
            raise _Stop(2, f"{self.prog}: {missing.group(1)} needs {_NEEDS[missing.group(1)]}")
        unknown = re.match(r"argument command: invalid choice: (.+?)(?: \(choose from .*)?$", message)
        if unknown:
            raise _Stop(2, f"st-state-debugger: unknown command {unknown.group(1)}\n\n{MAIN_HELP.rstrip()}")
        raise _Stop(2, f"{self.format_usage()}{self.prog}: error: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Stop(status, (message or "").rstrip())


def _parser() -> _Parser:
    """One parser, one subparser per command. ``run`` and ``view`` print their own
    help (it documents the Streamlit options they pass through)."""
    top = _Parser(prog="st-state-debugger", add_help=False, allow_abbrev=False)
    top.add_argument("-h", "--help", action="store_true")
    top.add_argument("--version", action="version", version=f"st_state_debugger {__version__}")
    commands = top.add_subparsers(dest="command", parser_class=_Parser)
    run = commands.add_parser("run", prog="st-state-debugger run", add_help=False, allow_abbrev=False)
    run.add_argument("target", nargs="?")
    run.add_argument("--trace-dir")
    view = commands.add_parser("view", prog="st-state-debugger view", add_help=False, allow_abbrev=False)
    view.add_argument("target", nargs="?")
    view.add_argument("--address")
    view.add_argument("--allow-remote", action="store_true")
    view.add_argument("--follow", action="store_true")
    for sub in (run, view):
        sub.add_argument("-h", "--help", action="store_true")
    export = commands.add_parser("export", prog="st-state-debugger export", allow_abbrev=False,
                                 description="Write a saved trace as a Markdown report (redaction kept).")
    export.add_argument("trace", help="a trace file (*.jsonl)")
    export.add_argument("--format", choices=["md"], required=True, help="report format: md (Markdown)")
    gen = commands.add_parser("gen-test", prog="st-state-debugger gen-test", allow_abbrev=False,
                              description="Write a pytest test that replays a recorded session with AppTest and checks each rerun's state.")
    gen.add_argument("trace", help="a trace file (*.jsonl)")
    gen.add_argument("--app", help="the app to test (default: the app path in the trace header)")
    for sub in (export, gen):
        sub.add_argument("-o", "--output", help="write here (never overwrites) instead of standard output")
    return top


COMMANDS = {"run": _run, "view": _view, "export": _export, "gen-test": _gen_test}
#: Commands that hand options they do not know to Streamlit (and all after ``--``).
PASSTHROUGH = ("run", "view")


def _dispatch(argv: list[str]) -> tuple[int, str]:
    """Parse ``argv`` and run its command: ``(exit code, message)``."""
    tail: list[str] = []
    if argv and argv[0] in PASSTHROUGH and "--" in argv:  # the script's own arguments
        cut = argv.index("--")
        argv, tail = argv[:cut], argv[cut:]
    args, extra = _parser().parse_known_args(argv)
    if args.command is None:  # the overview goes to standard output, as `--help` does
        print(MAIN_HELP, end="")
        return (0 if args.help else 2), ""
    if extra and args.command not in PASSTHROUGH:
        raise _Stop(2, f"st-state-debugger {args.command}: error: unrecognized arguments: {' '.join(extra)}")
    return COMMANDS[args.command](args, extra + tail)


def main(argv: list[str] | None = None) -> int:
    try:
        code, message = _dispatch(sys.argv[1:] if argv is None else list(argv))
    except _Stop as stop:
        code, message = stop.code, stop.message
    if message:
        print(message, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
