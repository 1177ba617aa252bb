"""Options with their defaults, in one place.

Stage: set-up. ``enable(**options)`` builds one frozen :class:`Options` per session;
environment variables (``ST_STATE_DEBUGGER_*``) fill in what the call leaves out, so
the same app can be debugged differently without an edit.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

#: This package's version (re-exported as ``st_state_debugger.__version__``; written
#: in every trace header). Here, not in ``__init__``, so ``trace`` and ``cli`` import
#: it without a cycle. MUST match pyproject's ``version``.
__version__ = "0.1.0"

#: Words that make a key look secret. A key is split into lower-case words (at
#: ``_ - . / : ' space``, camelCase and digits); an entry matches one word or
#: consecutive words glued together (``apikey``: ``API_KEY``, ``apiKey``,
#: ``api/key``), plural ``s`` included; entries of 6+ letters also match inside a
#: word (``mypassword``), of 5 at a word's end (``githubtoken``); shorter ones
#: (``pw``, ``auth``, ``jwt``, ``pass``) whole words only. The full rule, with the
#: qualifier words that keep ``token_count`` visible, is in ``redact.py`` and
#: docs/security.md. Pass ``redact=...`` to ``enable()`` to replace this list.
DEFAULT_REDACT: tuple[str, ...] = (
    "password",
    "passwd",
    "passphrase",
    "passcode",
    "pass",
    "pwd",
    "pw",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "credential",
    "creds",
    "cred",
    "privatekey",
    "privkey",
    "sshkey",
    "signingkey",
    "encryptionkey",
    "auth",
    "oauth",
    "authorization",
    "bearer",
    "jwt",
    "cookie",
    "sessionid",
    "clientsecret",
)

#: What a redacted value is shown as, everywhere (events, diffs, state, trace).
REDACTED = "‹redacted›"
#: Default length of a value's text summary (``Options.max_value_chars``); a trace
#: header without ``value_chars`` was written with it.
MAX_VALUE_CHARS = 120

ENV_TRACE_DIR = "ST_STATE_DEBUGGER_TRACE_DIR"
ENV_ALLOW_REMOTE = "ST_STATE_DEBUGGER_ALLOW_REMOTE"


@dataclass(frozen=True)
class Options:
    """Everything ``enable()`` accepts, with its default.

    Attributes:
        trace_dir: Directory where each session writes one ``*.jsonl`` trace file.
            ``None`` (default) keeps the trace in memory only; the environment
            variable ``ST_STATE_DEBUGGER_TRACE_DIR`` sets it without an edit.
        redact: Secret-looking key words (see :data:`DEFAULT_REDACT`); ``()`` turns
            redaction off. Values of ``st.text_input(type="password")`` widgets are
            always redacted while this is non-empty.
        max_reruns: Reruns kept in memory per session (a ring); older ones are
            dropped and ``overflow`` is set.
        max_events_per_rerun: Events kept per rerun; further ones are counted in
            ``events_dropped``.
        max_value_chars: Length of the text summary of a value.
        snapshot_max_bytes: Largest value (pickled size, or DataFrame/array bytes)
            for which a copy is kept to show *what* changed. Larger values are still
            checked for change, without a detailed diff.
        key_budget_ms: Time a key's change detection may take per rerun before
            it switches to sampled detection (documented in docs/trace-format.md).
        panel: Show the sidebar panel; ``False`` records only.
        allow_remote: Show the panel to sessions whose browser is not on this
            machine. Also ``ST_STATE_DEBUGGER_ALLOW_REMOTE=1``.
        safe_keys: Exact key names never redacted although they look secret
            (``pass_rate``, ``secret_santa``).
    """

    trace_dir: str | None = None
    redact: tuple[str, ...] = DEFAULT_REDACT
    max_reruns: int = 1000
    max_events_per_rerun: int = 10_000
    max_value_chars: int = MAX_VALUE_CHARS
    snapshot_max_bytes: int = 10_000_000
    key_budget_ms: float = 5.0
    panel: bool = True
    allow_remote: bool = False
    safe_keys: tuple[str, ...] = ()


def build_options(**overrides: object) -> Options:
    """Merge ``enable()`` keyword arguments and environment variables into Options.

    Raises:
        TypeError: an unknown option name (the message lists the valid ones), so a
            typo in ``enable(trace_dri=...)`` is not silently ignored.
    """
    names = {f.name for f in dataclasses.fields(Options)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise TypeError(
            f"st_state_debugger.enable() got unknown option(s) {unknown}; "
            f"valid options are {sorted(names)}"
        )
    values: dict[str, object] = dict(overrides)
    if values.get("trace_dir") is None and os.environ.get(ENV_TRACE_DIR):
        values["trace_dir"] = os.environ[ENV_TRACE_DIR]
    if not values.get("allow_remote") and os.environ.get(ENV_ALLOW_REMOTE, "") in {"1", "true", "yes"}:
        values["allow_remote"] = True
    if "safe_keys" in values:
        values["safe_keys"] = tuple(str(k) for k in values["safe_keys"])  # type: ignore[union-attr]
    if "redact" in values:
        values["redact"] = tuple(str(p) for p in values["redact"])  # type: ignore[union-attr]
    if values.get("trace_dir") is not None:
        values["trace_dir"] = os.fspath(values["trace_dir"])  # type: ignore[arg-type]
    return Options(**values)  # type: ignore[arg-type]
