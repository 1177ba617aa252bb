"""Secret-looking keys and bounded, exception-proof text summaries of values.

Stage: record → **store**. Every value the debugger keeps is turned into a short text
here, at the run boundary, with redaction applied before anything is stored, shown
or written: a secret never reaches the store, the panel or a trace file. This is the
ONE redactor: diff details, values, the State view, warnings and generated tests all
summarize through :func:`summarize` with the session's :class:`Redactor`.

The matching rule (documented in docs/security.md, "What is redacted"):

* a key is split into words: at every character that is not an ASCII letter or digit
  (``_ - . / : ' space`` …) and at camelCase and letter/digit boundaries, then
  lower-cased: ``userPassword`` → ``user password``, ``api:key`` → ``api key``;
* a word list entry (``DEFAULT_REDACT``, without separators) matches one word or
  several consecutive words glued together (``apikey`` matches ``api_key``,
  ``x-api-key``, ``apiKey``), with an optional plural ``s``;
* an entry of 6+ letters also matches inside a single word (``mypassword``,
  ``passwordhash``), one of 5 letters at a word's end (``githubtoken``); shorter
  entries (``pw``, ``auth``, ``jwt``, ``pass``) match whole words only, so
  ``author``, ``bypass`` and ``keyboard`` stay visible;
* a match directly followed by a *qualifier* word (``count``, ``length``,
  ``strength``, ``policy``…) or preceded by ``max``/``min``/``num``/``total``
  describes the secret without holding it (``token_count``, ``max_tokens``,
  ``password_strength_hint``) and does not count.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import re
import threading
from collections.abc import Mapping
from itertools import islice
from typing import Any, cast

from .config import DEFAULT_REDACT, REDACTED

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_NORM = re.compile(r"[^0-9a-z]+")
#: a word right after a secret word that makes the key describe it, not hold it
QUALIFIERS_AFTER = frozenset({
    "count", "counts", "len", "length", "limit", "limits", "max", "min", "num", "number", "total", "usage",
    "size", "strength", "policy", "policies", "rule", "rules", "expiry", "expires", "ttl", "type", "kind",
    "enabled", "required", "label", "placeholder", "help",
})
#: a word right before a secret word that makes the key a number of them (``max_tokens``)
QUALIFIERS_BEFORE = frozenset({"max", "min", "num", "total"})
#: ordinary words that merely contain a long entry
_BENIGN_WORDS = frozenset({"secretary", "secretaries", "secretariat", "secretion"})
_MAX_SPAN = 4
_PLAIN = (dict, list, tuple, set, frozenset)


def key_words(key: str) -> list[str]:
    """``"user's DB-Password2"`` → ``['user', 's', 'db', 'password', '2']``."""
    return [w.lower() for w in _WORDS.findall(key)]


class Redactor:
    """Decides which keys are secret; the rule is built once per session."""

    __slots__ = ("_any", "_cache", "_glued", "_suffix", "_words", "safe_keys", "secret_keys")

    def __init__(self, words: tuple[str, ...], safe_keys: tuple[str, ...] = ()) -> None:
        norm = {_NORM.sub("", w.lower()) for w in words if w}
        norm.discard("")
        self._words = frozenset(norm)
        glued = sorted((w for w in norm if len(w) >= 6), key=len, reverse=True)
        #: entries matched inside a word (one C-level search instead of a loop)
        self._glued = re.compile("|".join(map(re.escape, glued))) if glued else None
        #: entries matched at a word's end, plural included (str.endswith takes a tuple)
        self._suffix = tuple(x for w in norm if len(w) == 5 for x in (w, w + "s"))
        #: any entry anywhere: a text without a hit needs no word analysis
        self._any = re.compile("|".join(map(re.escape, sorted(norm, key=len, reverse=True)))) if norm else None
        self._cache: dict[str, bool] = {}
        #: Exact keys the developer marked as not secret (``enable(safe_keys=...)``).
        self.safe_keys = frozenset(safe_keys)
        #: Keys redacted whatever their name (password widgets), added at run time.
        self.secret_keys: set[str] = set()

    @property
    def active(self) -> bool:
        return bool(self._words)

    def is_secret(self, key: object) -> bool:
        """True if ``key`` looks secret, e.g. ``API_KEY``, ``userPassword``, ``db-pass``."""
        if not isinstance(key, str) or not self._words:
            return False
        if key in self.secret_keys:
            return True
        if key in self.safe_keys:
            return False
        hit = self._cache.get(key)
        if hit is None:
            hit = self.words_are_secret(key_words(key))
            if len(self._cache) < 50_000:
                self._cache[key] = hit
        return hit

    def words_are_secret(self, words: list[str], qualifiers: bool = True) -> bool:
        """The matching rule (module docstring) over a key's words; without
        ``qualifiers`` any secret word counts (for free text, where the next word
        may be a value)."""
        n = len(words)
        for i in range(n):
            glued = ""
            for j in range(i, min(n, i + _MAX_SPAN)):
                glued += words[j]
                if (glued in self._words or (glued.endswith("s") and glued[:-1] in self._words)) and (not qualifiers or self._counts(words, i, j)):
                    return True
            w = words[i]
            if w in _BENIGN_WORDS:
                continue
            inside = (self._glued is not None and self._glued.search(w) is not None) or w.endswith(self._suffix)
            if inside and (not qualifiers or self._counts(words, i, i)):
                return True
        return False

    @staticmethod
    def _counts(words: list[str], i: int, j: int) -> bool:
        """False when the words around ``words[i..j]`` say the key is *about* a secret."""
        if j + 1 < len(words) and words[j + 1] in QUALIFIERS_AFTER:
            return False
        return not (i > 0 and words[i - 1] in QUALIFIERS_BEFORE)

    def mentions_secret(self, text: str) -> bool:
        """True if ``text`` (an object's repr) contains a secret-looking word: a cheap
        test deciding whether an object is shown attribute by attribute."""
        if self._any is None:
            return False
        text = text[:2000]
        lower = text.lower()
        if self._any.search(_NORM.sub("", lower)) is None:  # api_key → apikey
            return False
        if self._glued is not None and self._glued.search(lower) is not None:
            return True
        return self.words_are_secret(key_words(text), qualifiers=False)

    def path_is_secret(self, path: str, root: str | None = None) -> bool:
        """True if any name in a diff path such as ``cfg['db']['password']``,
        ``df.loc[3, 'password']`` or ``user.api_key`` is secret."""
        return self.secret_prefix(path, root) is not None

    def secret_prefix(self, path: str, root: str | None = None) -> str | None:
        """The part of ``path`` up to and including its first secret name, or None.

        What lies below a secret name (set items, nested keys) is cut off too: a path
        can carry values (DeepDiff names a set item by its repr).
        """
        if not self._words:
            return None
        start = 0
        if root is not None and path.startswith(root):
            if self.is_secret(root):
                return root
            start = len(root)
        for name, end in path_names(path, start):
            if self.is_secret(name):
                return path[:end]
        return None


@functools.lru_cache(maxsize=4096)
def path_names(path: str, start: int = 0) -> tuple[tuple[str, int], ...]:
    """The names in a diff path after ``start``, each with the offset where its
    segment ends: ``.attr`` names and every string literal inside ``[...]`` (quoted
    keys with any characters, ``.loc[i, 'col']``, ``.iloc[...]``, tuple labels).
    Cached: the same paths come back rerun after rerun (``todos[3]['done']``)."""
    out: list[tuple[str, int]] = []
    i, n = start, len(path)
    if start == 0:  # no known root: the leading text up to the first . or [ is a name
        m = re.match(r"[^.\[]+", path)
        if m:
            out.append((m.group(0), m.end()))
            i = m.end()
    while i < n:
        c = path[i]
        if c == ".":
            m = re.compile(r"\.([A-Za-z_]\w*)").match(path, i)
            if m:
                out.append((m.group(1), m.end()))
                i = m.end()
                continue
            i += 1
        elif c == "[":
            names, i = _bracket(path, i)
            out.extend((name, i) for name in names)
        else:
            i += 1
    return tuple(out)


def _bracket(path: str, i: int) -> tuple[list[str], int]:
    """String literals inside the bracket opening at ``path[i]``; the offset after it."""
    names: list[str] = []
    depth, n = 0, len(path)
    while i < n:
        c = path[i]
        if c in "'\"":
            end = _string_end(path, i)
            try:
                value = ast.literal_eval(path[i:end])
            except (ValueError, SyntaxError):
                value = path[i + 1 : end - 1]
            if isinstance(value, str):
                names.append(value)
            i = end
            continue
        if c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
            if depth == 0:
                return names, i + 1
        i += 1
    return names, n


def _string_end(text: str, i: int) -> int:
    quote, i = text[i], i + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return len(text)


_DEFAULT: Redactor | None = None


def default_redactor() -> Redactor:
    """The default rule, for a summary made outside any session (tests, tools)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Redactor(DEFAULT_REDACT)  # pyright: ignore[reportConstantRedefinition] - made once, on first use
    return _DEFAULT


def summarize(value: Any, limit: int, redactor: Redactor | None = None) -> str:
    """A short, bounded text for ``value`` that never raises.

    Containers are walked only as far as ``limit`` characters need, so a 1,000,000
    item list costs the same as a short one; nested secret-looking dict keys and
    record fields are redacted (``redactor`` defaults to the default word list: pass
    the session's, or ``Redactor(())`` for none); an object whose ``repr`` raises
    becomes ``<unprintable T: Error>``.
    """
    if type(value) is int:
        text = int_text(value)
        return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"
    if value is None or type(value) in (bool, float):
        text = repr(value)
        return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"
    out = _Out(limit)
    try:
        _emit(value, out, redactor if redactor is not None else default_redactor(), set())
    except Exception as exc:  # a hostile __len__/__iter__: never let it escape
        return f"<unprintable {_type_name(value)}: {type(exc).__name__}>"
    text = "".join(out.parts)
    if len(text) > limit:
        text = text[: max(limit - 1, 1)] + "…"
    return text


#: int -> its text: one string shared by every event and summary of the same number
#: (a rerun reads ``ss.n`` many times; each kept event would otherwise hold its own).
_INT_TEXTS: dict[int, str] = {}
_INT_TEXTS_MAX = 4096


def int_text(value: int) -> str:
    """``repr(value)``, shared for short numbers; never raises: an int over Python's
    digit limit (``sys.get_int_max_str_digits``) is named by its size."""
    text = _INT_TEXTS.get(value)
    if text is None:
        try:
            text = repr(value)
        except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
            return f"<int of {value.bit_length()} bits>"
        if len(text) <= 20:
            if len(_INT_TEXTS) >= _INT_TEXTS_MAX:
                _INT_TEXTS.clear()
            _INT_TEXTS[value] = text
    return text


class _Out:
    """Collects text pieces and knows when the limit is reached (O(1) per piece)."""

    __slots__ = ("limit", "parts", "used")

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


def _emit(value: Any, out: _Out, redactor: Redactor, seen: set[int]) -> None:
    limit = out.limit
    if type(value) is int:
        out.append(int_text(value))
        return
    if value is None or type(value) in (bool, float, complex):
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
    module = getattr(cast("type[Any]", type(value)), "__module__", "") or ""
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
    seen.add(id(value))
    try:
        _emit_container(value, kind, out, redactor, seen)
    finally:
        seen.discard(id(value))


_BRACKETS: dict[type[Any], tuple[str, str]] = {list: ("[", "]"), tuple: ("(", ")"), set: ("{", "}"), frozenset: ("{", "}")}


def _emit_container(value: Any, kind: str, out: _Out, redactor: Redactor, seen: set[int]) -> None:
    """Dicts and mappings, records (field by field), lists/tuples/sets, anything else."""
    fields = None if type(value) in _PLAIN else record_fields(value)
    if fields is not None:
        _emit_fields(kind, ((name, _field_getter(value, name)) for name in fields), out, redactor, seen)
        return
    if isinstance(value, (dict, Mapping)):
        plain = isinstance(value, dict)
        mapping = cast("Mapping[Any, Any]", value)
        out.append("{" if plain else f"{kind}({{")
        size = len(mapping)
        for i, (k, v) in enumerate(mapping.items()):
            if out.full:
                out.append(f"… +{size - i}")
                break
            if i:
                out.append(", ")
            out.append(repr(k) if isinstance(k, (str, int, float, bool)) else f"<{_type_name(k)}>")
            out.append(": ")
            if redactor.is_secret(cast("object", k)):
                out.append(REDACTED)
            else:
                _emit(v, out, redactor, seen)
        out.append("}" if plain else "})")
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        group = cast("list[Any] | tuple[Any, ...] | set[Any] | frozenset[Any]", value)
        items = group if isinstance(group, (list, tuple)) else list(islice(group, out.limit))  # a set may never end
        tp = cast("type[Any]", type(group))
        plain = tp in (list, tuple, set)
        open_, close = _BRACKETS.get(tp, ("[", "]"))
        out.append(open_ if plain else f"{kind}({open_}")
        for i, v in enumerate(items):
            if out.full:
                out.append(f"… +{len(group) - i}")
                break
            if i:
                out.append(", ")
            _emit(v, out, redactor, seen)
        out.append(close if plain else close + ")")
        return
    try:
        text = _repr_once(value)
    except Exception as exc:
        out.append(f"<unprintable {kind}: {type(exc).__name__}>")
        return
    if not isinstance(text, str):  # pyright: ignore[reportUnnecessaryIsInstance] - a C type may return anything
        out.append(f"<unprintable {kind}>")
        return
    attrs = _instance_attrs(value) if redactor.active and redactor.mentions_secret(text) else None
    if attrs:  # a repr that shows a secret-looking name: show its attributes instead
        _emit_fields(kind, attrs, out, redactor, seen)
        return
    out.append(text[: out.limit + 2])


# ---- repr at most once per rerun (several views summarize the same object) ----
#: per thread (a script run's boundary runs on its thread): id -> (object, repr text)
_reprs = threading.local()
_REPR_KEEP = 4096


def _repr_once(value: Any) -> str:
    """``repr(value)``, called once per object between two :func:`forget_reprs`:
    the panel's preview, the end-of-run diff and the events of one rerun share it,
    so an object whose repr has a side effect sees one call per rerun."""
    memo: dict[int, tuple[Any, str]] | None = getattr(_reprs, "memo", None)
    if memo is None:
        memo = _reprs.memo = {}
    hit = memo.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    text = repr(value)
    if isinstance(text, str) and len(memo) < 10_000:  # pyright: ignore[reportUnnecessaryIsInstance]
        memo[id(value)] = (value, text[:_REPR_KEEP])
    return text


def forget_reprs() -> None:
    """Start a new rerun: reprs are taken afresh (the recorder calls this)."""
    _reprs.memo = {}


def record_fields(value: Any) -> list[str] | None:
    """The field names a record type shows in its repr (namedtuple, dataclass,
    attrs, pydantic), or None for anything else. Never raises."""
    if type(value) in _PLAIN:
        return None
    try:
        cls = cast("type[Any]", type(value))
        names = getattr(cls, "_fields", None)
        if isinstance(cast(object, value), tuple) and isinstance(names, tuple):
            return [str(f) for f in cast("tuple[Any, ...]", names)]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [f.name for f in dataclasses.fields(value) if f.repr]
        attrs = getattr(cls, "__attrs_attrs__", None)
        if attrs is not None and not isinstance(value, type):
            return [a.name for a in attrs if getattr(a, "repr", True)]
        model = cls.__dict__.get("model_fields") or getattr(cls, "model_fields", None) or getattr(cls, "__fields__", None)
        if isinstance(model, dict) and model and not isinstance(value, type) and hasattr(value, "__dict__"):
            return [str(name) for name in cast("dict[Any, Any]", model)]
    except Exception:
        return None
    return None


def _instance_attrs(value: Any) -> list[tuple[str, Any]]:
    """An ordinary object's attributes (``__dict__``, then ``__slots__``), read
    without running properties or ``__getattr__``."""
    pairs: list[tuple[str, Any]] = []
    state = getattr(value, "__dict__", None)
    if isinstance(state, dict):
        items = list(cast("dict[Any, Any]", state).items())[:100]
        pairs.extend((k, v) for k, v in items if isinstance(k, str))
    for cls in cast("type[Any]", type(value)).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            member = cls.__dict__.get(name) if isinstance(name, str) else None
            if member is not None and type(member).__name__ == "member_descriptor":
                try:
                    pairs.append((name, member.__get__(value, cls)))
                except AttributeError:
                    continue  # an unset slot
    return pairs


_MISSING = object()


def _field_getter(value: Any, name: str) -> Any:
    try:
        return getattr(value, name)
    except Exception:
        return _MISSING


def _emit_fields(kind: str, fields: Any, out: _Out, redactor: Redactor, seen: set[int]) -> None:
    """``Kind(name='bob', password=‹redacted›)``: a record with its fields, each
    redacted by name the way dict keys are."""
    out.append(f"{kind}(")
    for i, (name, v) in enumerate(fields):
        if out.full:
            out.append("…")
            break
        if i:
            out.append(", ")
        out.append(f"{name}=")
        if redactor.is_secret(name):
            out.append(REDACTED)
        elif v is _MISSING:
            out.append("<error>")
        else:
            _emit(v, out, redactor, seen)
    out.append(")")
