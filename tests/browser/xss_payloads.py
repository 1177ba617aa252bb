"""Markup that must show as text in the panel and the viewer, never run.

Each payload that could run sets ``window.__xss``; the tests check it stays unset.
"""

PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload="window.__xss=2">',
    "<script>window.__xss=3</script>",
    "</div><b onmouseover=\"window.__xss=4\">hover me</b>",
    "<iframe src=\"javascript:window.top.__xss=5\"></iframe>",
    "<a href=\"javascript:window.__xss=6\">click</a>",
    "<body onload=\"window.__xss=7\">",
    "<details open ontoggle=\"window.__xss=8\">",
    "<input autofocus onfocus=\"window.__xss=9\">",
    "<video><source onerror=\"window.__xss=10\"></video>",
    "<math><mtext></p><img src=x onerror=\"window.__xss=11\"></mtext></math>",
    "<style>@import 'javascript:window.__xss=12'</style>",
    "<object data=\"javascript:window.__xss=13\"></object>",
    "<embed src=\"javascript:window.__xss=14\">",
    "<marquee onstart=\"window.__xss=15\">",
    "<div style=\"background:url(javascript:window.__xss=16)\">",
    "javascript:window.__xss=17",
    "{{constructor.constructor('window.__xss=18')()}}",
    "${window.__xss=19}",
    "<img src=\"x\" onerror=\"&#119;indow.__xss=20\">",
    "<svg><animate onbegin=\"window.__xss=21\" attributeName=x dur=1s>",
    "<select autofocus onfocus=\"window.__xss=22\"><option>x</option></select>",
    "<textarea autofocus onfocus=\"window.__xss=23\"></textarea>",
    "<form><button formaction=\"javascript:window.__xss=24\">x</button></form>",
]
