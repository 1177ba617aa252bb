"""Hooks that leave no frame in the app's tracebacks.

Stage: **set-up**. Each hook's code is recompiled from its source with a handler
that drops the hook's own frame from an exception leaving it, so the page, the
server log and the app's ``traceback.format_exc()`` show the native frames. A
module whose functions are relabelled must have ``_hide_own_frame`` in its globals.
"""

from __future__ import annotations

import sys
from typing import Any

from .names import getframe as _getframe

#: Python 3.10's bare ``raise`` re-raises the traceback the handler caught (its saved
#: exception triple), not ``exc.__traceback__``; 3.11 keeps only the exception.
RERAISES_SAVED_TRACEBACK = sys.version_info < (3, 11)


def reraise_with_its_traceback(exc: BaseException) -> None:
    """Python 3.10 only: make the enclosing handler's bare ``raise`` re-raise ``exc``
    with the traceback it has now (one whose first entry, the hook's frame, was dropped).

    3.10 keeps the handled exception as a (type, value, traceback) triple and a bare
    ``raise`` restores that triple, whatever ``exc.__traceback__`` says; ``raise exc``
    instead would add the hook's frame back. ``PyErr_SetExcInfo`` (public C API since
    3.3) replaces the triple of the handler being run; it steals a reference to each
    argument, hence the increments. Never raises: on failure the frame stays shown.
    """
    try:
        if not _c_api:
            import ctypes

            incref, set_exc_info = ctypes.pythonapi.Py_IncRef, ctypes.pythonapi.PyErr_SetExcInfo
            incref.argtypes, incref.restype = (ctypes.py_object,), None
            set_exc_info.argtypes, set_exc_info.restype = (ctypes.py_object,) * 3, None
            _c_api.extend((incref, set_exc_info))
        incref, set_exc_info = _c_api
        triple = (type(exc), exc, exc.__traceback__)
        for part in triple:
            incref(part)
        set_exc_info(*triple)
    except Exception:
        pass


_c_api: list[Any] = []  # Py_IncRef and PyErr_SetExcInfo through ctypes, set up on first use


def _hide_own_frame(exc: BaseException) -> None:
    """Drop the calling hook's frame from ``exc`` (and from the exceptions it was
    raised while handling) before the hook re-raises it.

    The app's ``traceback.format_exc()``, the page and the server log then show the
    frames they show without the debugger. A bare ``raise`` keeps the traceback it
    is given (CPython adds no entry for the re-raising frame), so the hook's frame
    is gone for good. Never raises.
    """
    try:
        frame = _getframe(1)
        seen = 0
        while exc is not None and seen < 8:
            tb = exc.__traceback__
            if tb is not None and tb.tb_frame is frame:
                exc.__traceback__ = tb.tb_next
                if seen == 0 and RERAISES_SAVED_TRACEBACK:
                    reraise_with_its_traceback(exc)
            exc = exc.__context__  # type: ignore[assignment]
            seen += 1
    except Exception:
        pass


def _def_node(fn: Any) -> Any:
    """``fn``'s ``def`` as an AST node whose lines are the source file's own."""
    import ast
    import inspect
    import linecache

    linecache.checkcache(fn.__code__.co_filename)
    lines, first = inspect.getsourcelines(fn)
    source = "".join(lines)
    indented = source[:1].isspace()
    tree = ast.parse("if 1:\n" + source if indented else source)
    ast.increment_lineno(tree, first - 2 if indented else first - 1)
    node = tree.body[0].body[0] if indented else tree.body[0]  # type: ignore[attr-defined]
    return node


def _hiding_tree(fn: Any) -> Any:
    """``fn``'s source as an AST whose every function body is wrapped in
    ``try: ... except BaseException as e: _hide_own_frame(e); raise``; lines and
    columns are the source's own."""
    import ast

    node = _def_node(fn)
    for sub in ast.walk(node):
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)) and sub.body:
            name = "_ssd_exc"
            handler = ast.ExceptHandler(
                type=ast.Name("BaseException", ast.Load()), name=name,
                body=[ast.Expr(ast.Call(ast.Name("_hide_own_frame", ast.Load()), [ast.Name(name, ast.Load())], [])),
                      ast.Raise()])
            wrapped = ast.Try(body=sub.body, handlers=[handler], orelse=[], finalbody=[])
            ast.copy_location(wrapped, sub.body[0])
            wrapped.end_lineno, wrapped.end_col_offset = sub.body[-1].end_lineno, sub.body[-1].end_col_offset
            for part in ast.walk(handler):
                ast.copy_location(part, sub.body[-1])
            sub.body = [wrapped]
    node.decorator_list = []  # pyright: ignore[reportAttributeAccessIssue] - a def, checked by the caller
    return ast.Module(body=[node], type_ignores=[])


def _hiding_code(fn: Any) -> Any:
    """The code of ``fn`` recompiled from its source with :func:`_hiding_tree`, or
    None when the source on disk is not the code that was loaded."""
    import __future__

    try:
        module = compile(_hiding_tree(fn), fn.__code__.co_filename, "exec",
                         flags=__future__.annotations.compiler_flag, dont_inherit=True)
        code = next(c for c in module.co_consts if isinstance(c, type(fn.__code__)))
    except Exception:
        return None
    old = fn.__code__
    same = (code.co_name == old.co_name and code.co_argcount == old.co_argcount
            and code.co_varnames[:len(old.co_varnames)] == old.co_varnames and code.co_freevars == old.co_freevars
            and set(old.co_names) <= set(code.co_names) and code.co_firstlineno == old.co_firstlineno)
    return _with_qualname(code, old) if same else None


def _with_qualname(code: Any, old: Any) -> Any:
    """``code`` (compiled outside its class) with ``old``'s qualified name, which
    tracebacks and tools show. Python 3.10's code has no ``co_qualname``: there the
    function's ``__qualname__``, which a new ``__code__`` leaves as it is, is the only
    one (its tracebacks print ``co_name``), so ``code`` is kept as it is."""
    return code.replace(co_qualname=old.co_qualname) if hasattr(old, "co_qualname") else code


def _relabel(fn: Any) -> None:
    """Give a hook the code that hides its frame from the exceptions passing through
    it (once; kept as it is if its source cannot be matched)."""
    if getattr(fn, "_ssd_hidden", False):
        return
    code = _hiding_code(fn)
    if code is not None:
        fn.__code__ = code
    fn._ssd_hidden = True


# ------------------------------------------------------------------ stand-ins
def stand_in(template: Any, native: Any, native_body: tuple[str, ...]) -> Any:
    """``template`` rebuilt to stand in for Streamlit's ``native`` method in its
    own frame, or None when ``native``'s source is not ``native_body``.

    The hooks relabelled above still add a frame of their own, and pay a handler
    to take it out of every exception passing through (~0.8 µs per caught
    KeyError). This one replaces the native frame instead: ``template``'s
    statements equal to one of ``native_body`` (and expressions equal to its last
    ``return``'s value) become Streamlit's own nodes, with their lines and columns,
    and everything else the template adds takes the position of that value; the
    code is compiled under Streamlit's file name and ``native``'s qualified name. A
    traceback through it is then the native one, frame for frame, line, columns
    and source text, on every Python the package supports. The function keeps
    ``template``'s globals (the recorder's hot-path names).
    """
    import __future__

    import ast
    import copy
    import types

    try:
        nat, tmpl = _def_node(native), _def_node(template)
        if not isinstance(nat, ast.FunctionDef) or not isinstance(tmpl, ast.FunctionDef):
            return None
        body = nat.body[1:] if ast.get_docstring(nat, clean=False) is not None else nat.body
        expected = [ast.dump(ast.parse(s).body[0]) for s in native_body]
        if [ast.dump(s) for s in body] != expected or not isinstance(body[-1], ast.Return) or body[-1].value is None:
            return None
        statements = {ast.dump(s): s for s in body}
        value = body[-1].value
        value_dump = ast.dump(value)
        used: set[str] = set()

        class _Swap(ast.NodeTransformer):
            def visit(self, node: Any) -> Any:
                if isinstance(node, (ast.stmt, ast.expr)):
                    dumped = ast.dump(node)
                    if dumped in statements:
                        used.add(dumped)
                        return copy.deepcopy(statements[dumped])
                    if dumped == value_dump:
                        used.add(dumped)
                        return copy.deepcopy(value)
                node = self.generic_visit(node)
                if hasattr(node, "lineno") and not isinstance(node, ast.FunctionDef):
                    ast.copy_location(node, value)
                    node.end_lineno, node.end_col_offset = value.end_lineno, value.end_col_offset  # type: ignore[attr-defined]
                return node

        swap = _Swap()
        tmpl.body = [swap.visit(s) for s in tmpl.body]
        if not set(statements) <= used:  # the template must run every native statement
            return None
        tmpl.name = nat.name
        tmpl.decorator_list = []
        tmpl.returns = None
        for arg in tmpl.args.args:
            arg.annotation = None
            ast.copy_location(arg, nat)
        ast.copy_location(tmpl, nat)
        tmpl.end_lineno, tmpl.end_col_offset = nat.end_lineno, nat.end_col_offset
        module = compile(ast.fix_missing_locations(ast.Module(body=[tmpl], type_ignores=[])),
                         native.__code__.co_filename, "exec",
                         flags=__future__.annotations.compiler_flag, dont_inherit=True)
        code = next(c for c in module.co_consts if isinstance(c, types.CodeType))
        fn = types.FunctionType(_with_qualname(code, native.__code__), template.__globals__, native.__name__)
    except Exception:
        return None
    fn.__qualname__ = native.__qualname__
    fn.__module__ = native.__module__
    fn.__doc__ = native.__doc__
    fn._ssd_hidden = True  # type: ignore[attr-defined] - no frame of its own to hide
    return fn
