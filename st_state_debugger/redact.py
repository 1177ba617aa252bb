"""Secret-looking keys and bounded, exception-proof text summaries of values.

Stage: record → **store**. Every value the debugger keeps is turned into a short text
here, at the run boundary, with redaction applied before anything is stored, shown
or written: a secret never reaches the store, the panel or a trace file.
"""

from __future__ import annotations

import re
from typing import Any

from .config import REDACTED

_SEPARATORS = re.compile(r"[\s_\-.]+")
_PATH_KEYS = re.compile(r"\[['\"]?([^\]'\"]+)['\"]?\]|\.(\w+)")


class Redactor:
    """Decides which keys are secret; the rule is built once per session."""

    __slots__ = ("_words", "_cache", "secret_keys", "safe_keys")

    def __init__(self, words: tuple[str, ...], safe_keys: tuple[str, ...] = ()) -> None:
        self._words = tuple(_SEPARATORS.sub("", w.lower()) for w in words if w)
        self._cache: dict[str, bool] = {}
        #: Exact keys the developer marked as not secret (``enable(safe_keys=...)``).
        self.safe_keys = frozenset(safe_keys)
        #: Keys redacted whatever their name (password widgets), added at run time.
        self.secret_keys: set[str] = set()

    @property
    def active(self) -> bool:
        return bool(self._words)

    def is_secret(self, key: object) -> bool:
        """True if ``key`` looks secret, e.g. ``API_KEY``, ``userPassword``, ``db-token``."""
        if not isinstance(key, str) or not self._words:
            return False
        if key in self.secret_keys:
            return True
        if key in self.safe_keys:
            return False
        hit = self._cache.get(key)
        if hit is None:
            norm = _SEPARATORS.sub("", key.lower())
            hit = any(w in norm for w in self._words)
            if len(self._cache) < 50_000:
                self._cache[key] = hit
        return hit

    def path_is_secret(self, path: str) -> bool:
        """True if any segment of a diff path such as ``cfg['db']['password']`` is secret."""
        if not self._words:
            return False
        for a, b in _PATH_KEYS.findall(path):
            if self.is_secret(a or b):
                return True
        return False


def summarize(value: Any, limit: int, redactor: Redactor | None = None) -> str:
    """A short, bounded text for ``value`` that never raises.

    Containers are walked only as far as ``limit`` characters need, so a 1,000,000
    item list costs the same as a short one; nested secret-looking dict keys are
    redacted; an object whose ``repr`` raises becomes ``<unprintable T: Error>``.
    """
    if value is None or type(value) in (bool, int, float):
        text = repr(value)
        return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"
    out = _Out(limit)
    try:
        _emit(value, out, redactor, set())
    except Exception as exc:  # a hostile __len__/__iter__: never let it escape
        return f"<unprintable {_type_name(value)}: {type(exc).__name__}>"
    text = "".join(out.parts)
    if len(text) > limit:
        text = text[: max(limit - 1, 1)] + "…"
    return text


class _Out:
    """Collects text pieces and knows when the limit is reached (O(1) per piece)."""

    __slots__ = ("parts", "used", "limit")

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.used = 0
        self.limit = limit

    def append(self, text: str) -> None:
        self.parts.append(text)
        self.used += len(text)

    @property
    def full(self) -> bool:
        return self.used >= self.limit


def _type_name(value: Any) -> str:
    try:
        return type(value).__name__
    except Exception:
        return "object"


def _emit(value: Any, out: _Out, redactor: Redactor | None, seen: set[int]) -> None:
    limit = out.limit
    if value is None or type(value) in (bool, int, float, complex):
        out.append(repr(value))
        return
    if isinstance(value, (bool, int, float, complex)):  # numpy scalars, IntEnum, ...
        item = getattr(value, "item", None)
        out.append(repr(item() if callable(item) else value))
        return
    if isinstance(value, str):
        out.append(repr(value[: limit + 2]) if len(value) > limit else repr(value))
        return
    if isinstance(value, (bytes, bytearray)):
        out.append(f"<{type(value).__name__} {len(value)} B>")
        return
    kind = _type_name(value)
    module = getattr(type(value), "__module__", "") or ""
    if module.startswith("pandas") and hasattr(value, "shape") and hasattr(value, "columns"):
        rows, cols = value.shape
        col_text = ", ".join(f"{c}: {t}" for c, t in list(value.dtypes.items())[:6])
        out.append(f"DataFrame {rows}×{cols} [{col_text}{', …' if cols > 6 else ''}]")
        return
    if module.startswith("pandas") and hasattr(value, "dtype") and hasattr(value, "index"):
        out.append(f"Series {len(value)} {value.dtype} name={value.name!r}")
        return
    if module.startswith("numpy") and hasattr(value, "shape") and hasattr(value, "dtype"):
        out.append(repr(value.item()) if getattr(value, "ndim", 1) == 0 else f"ndarray {value.dtype} {tuple(value.shape)}")
        return
    if id(value) in seen:
        out.append("<cycle>")
        return
    if isinstance(value, dict):
        seen.add(id(value))
        out.append("{")
        for i, (k, v) in enumerate(value.items()):
            if out.full:
                out.append(f"… +{len(value) - i}")
                break
            if i:
                out.append(", ")
            out.append(repr(k) if isinstance(k, (str, int, float, bool)) else f"<{_type_name(k)}>")
            out.append(": ")
            if redactor is not None and redactor.is_secret(k):
                out.append(REDACTED)
            else:
                _emit(v, out, redactor, seen)
        out.append("}")
        seen.discard(id(value))
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        seen.add(id(value))
        items = value if isinstance(value, (list, tuple)) else list(value)[:limit]
        plain = type(value) in (list, tuple, set)
        open_, close = {list: "[]", tuple: "()", set: "{}", frozenset: "{}"}.get(type(value), "[]")
        out.append(open_ if plain else f"{kind}({open_}")
        for i, v in enumerate(items):
            if out.full:
                out.append(f"… +{len(value) - i}")
                break
            if i:
                out.append(", ")
            _emit(v, out, redactor, seen)
        out.append(close if plain else close + ")")
        seen.discard(id(value))
        return
    try:
        text = repr(value)
    except Exception as exc:
        out.append(f"<unprintable {kind}: {type(exc).__name__}>")
        return
    if not isinstance(text, str):
        out.append(f"<unprintable {kind}>")
        return
    out.append(text[: limit + 2])
