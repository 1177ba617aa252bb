"""file:line of every event comes from ``SiteCache``: it must be right after the
script is compiled again (AppTest does it every run; Streamlit after each edit),
including when an edit moved the lines, and it must not keep old code alive."""

from __future__ import annotations

import gc
import weakref

from st_state_debugger.recording.build import SiteCache

SOURCE = "a = 1\nb = 2\nc = a + b\n"


def _offset_of_line(code, line: int) -> int:
    return next(start for start, _end, ln in code.co_lines() if ln == line)


def test_a_recompiled_script_reports_the_same_lines_and_an_edited_one_its_new_lines(tmp_path):
    sites = SiteCache(str(tmp_path))
    path = str(tmp_path / "app.py")
    first = compile(SOURCE, path, "exec")
    assert sites.site(first, _offset_of_line(first, 3)) == ("app.py", 3)
    again = compile(SOURCE, path, "exec")  # same source, new code object
    assert sites.site(again, _offset_of_line(again, 3)) == ("app.py", 3)
    edited = compile("\n\n" + SOURCE, path, "exec")  # two lines added on top: same offsets, lines + 2
    assert _offset_of_line(edited, 5) == _offset_of_line(first, 3)
    assert sites.site(edited, _offset_of_line(edited, 5)) == ("app.py", 5)


def test_the_cache_does_not_keep_the_scripts_code_alive(tmp_path):
    sites = SiteCache(str(tmp_path))
    code = compile(SOURCE, str(tmp_path / "app.py"), "exec")
    sites.site(code, 0)
    alive = weakref.ref(code)
    del code
    gc.collect()
    assert alive() is None
    assert not sites._codes and not sites._refs  # its entry and its weak reference went with it


def test_the_same_site_is_one_shared_tuple(tmp_path):
    sites = SiteCache(str(tmp_path))
    a = compile(SOURCE, str(tmp_path / "app.py"), "exec")
    b = compile(SOURCE, str(tmp_path / "app.py"), "exec")
    assert sites.site(a, 0) is sites.site(b, 0)
    assert sites.site(None, -1) == (None, None)
