"""Page names as Streamlit derives them from page file names, in pure Python.

Stage: **export** (offline). gen-test maps the page names a trace records to page
files for ``at.switch_page`` without importing Streamlit (the offline half runs where
Streamlit cannot be imported), so Streamlit's naming rule (``source_util.
page_icon_and_name``) is copied here: drop a leading number and separators, squeeze
runs of ``_``/space into one ``_``, then split off one leading emoji and the
separators after it. tests/unit/test_offline_half.py checks this against Streamlit's
own function over its whole emoji catalog.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PAGE_FILE = re.compile(r"([0-9]*)[_ -]*(.*)\.py")

#: First code points of Streamlit's emoji catalog (streamlit.emojis, 1.67), as ranges
#: of hex code points: an emoji starts with one of these (or with a keycap's ASCII).
_EMOJI_STARTS = (
    'a9 ae 203c 2049 2122 2139 2194-2199 21a9-21aa 231a-231b 2328 23cf 23e9-23f3 23f8-23fa 24c2 '
    '25aa-25ab 25b6 25c0 25fb-25fe 2600-2604 260e 2611 2614-2615 2618 261d 2620 2622-2623 2626 '
    '262a 262e-262f 2638-263a 2640 2642 2648-2653 265f-2660 2663 2665-2666 2668 267b 267e-267f '
    '2692-2697 2699 269b-269c 26a0-26a1 26a7 26aa-26ab 26b0-26b1 26bd-26be 26c4-26c5 26c8 '
    '26ce-26cf 26d1 26d3-26d4 26e9-26ea 26f0-26f5 26f7-26fa 26fd 2702 2705 2708-270d 270f 2712 '
    '2714 2716 271d 2721 2728 2733-2734 2744 2747 274c 274e 2753-2755 2757 2763-2764 2795-2797 '
    '27a1 27b0 27bf 2934-2935 2b05-2b07 2b1b-2b1c 2b50 2b55 3030 303d 3297 3299 1f004 1f0cf '
    '1f170-1f171 1f17e-1f17f 1f18e 1f191-1f19a 1f1e6-1f1ff 1f201-1f202 1f21a 1f22f 1f232-1f23a '
    '1f250-1f251 1f300-1f321 1f324-1f393 1f396-1f397 1f399-1f39b 1f39e-1f3f0 1f3f3-1f3f5 '
    '1f3f7-1f4fd 1f4ff-1f53d 1f549-1f54e 1f550-1f567 1f56f-1f570 1f573-1f57a 1f587 1f58a-1f58d '
    '1f590 1f595-1f596 1f5a4-1f5a5 1f5a8 1f5b1-1f5b2 1f5bc 1f5c2-1f5c4 1f5d1-1f5d3 1f5dc-1f5de '
    '1f5e1 1f5e3 1f5e8 1f5ef 1f5f3 1f5fa-1f64f 1f680-1f6c5 1f6cb-1f6d2 1f6d5-1f6d9 1f6dc-1f6e5 '
    '1f6e9 1f6eb-1f6ec 1f6f0 1f6f3-1f6fc 1f7e0-1f7eb 1f7f0 1f90c-1f93a 1f93c-1f945 1f947-1f9ff '
    '1fa70-1fa7c 1fa80-1fac6 1fac8 1facc-1fadd 1fadf-1faeb 1faef-1fafa '
)
_KEYCAPS = "#*0123456789"
_ZWJ = "\u200d"


@lru_cache(maxsize=1)
def _starts() -> tuple[tuple[int, int], ...]:
    """The table above as (first, last) pairs, parsed once on first use."""
    pairs: list[tuple[int, int]] = []
    for item in "".join(_EMOJI_STARTS).split():
        first, _, last = item.partition("-")
        pairs.append((int(first, 16), int(last or first, 16)))
    return tuple(pairs)


def _starts_emoji(c: str) -> bool:
    o = ord(c)
    return any(first <= o <= last for first, last in _starts())


def _is_modifier(c: str) -> bool:
    """Variation selectors, the keycap mark, skin tones and tag characters: they
    extend the emoji before them."""
    o = ord(c)
    return o in (0xFE0E, 0xFE0F, 0x20E3) or 0x1F3FB <= o <= 0x1F3FF or 0xE0020 <= o <= 0xE007F


def _is_regional(c: str) -> bool:
    return 0x1F1E6 <= ord(c) <= 0x1F1FF


def _emoji_length(text: str) -> int:
    """Length of the emoji ``text`` starts with (0 if none): a base, a second
    regional indicator (a flag), then modifiers and zero-width-joined parts."""
    if text[0] in _KEYCAPS:
        if len(text) < 2 or not _is_modifier(text[1]):
            return 0
    elif not _starts_emoji(text[0]):
        return 0
    i = 1
    if _is_regional(text[0]):  # a flag is two regional indicators; one alone is no emoji
        if len(text) < 2 or not _is_regional(text[1]):
            return 0
        i = 2
    while i < len(text):
        if _is_modifier(text[i]):
            i += 1
        elif text[i] == _ZWJ and i + 1 < len(text):
            i += 2
        else:
            break
    return i


def extract_leading_emoji(text: str) -> tuple[str, str]:
    """(leading emoji or "", the rest without the separators after the emoji)."""
    if not text or text.isascii():
        return "", text
    n = _emoji_length(text)
    if n == 0:
        return "", text
    return text[:n], text[n:].lstrip("_ -")


def page_icon_and_name(file_name: str) -> tuple[str, str]:
    """(icon, name) of a page file, as Streamlit names it: ``"2_📈_My page.py"`` is
    ``("📈", "My_page")``. Spaces become ``_`` (Streamlit swaps them back only to draw)."""
    found = _PAGE_FILE.search(file_name)
    if found is None:
        return "", ""
    icon_and_name = re.sub(r"[_ ]+", "_", found.group(2)).strip() or found.group(1)
    return extract_leading_emoji(icon_and_name)
