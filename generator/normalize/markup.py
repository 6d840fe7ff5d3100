"""HTML tags a scraper left inside the text (<br />, <p>…</p>, <strong>…</strong>) go: a block
tag becomes a line end (the layout step then drops blank lines), an inline tag goes outright.
Only known HTML tag names count, so text that merely holds < or > (增长率<10%) stays, and so
does anything else shaped like a tag (<script>), which the pages show as text.
"""

from __future__ import annotations

import re

from generator.models import Change
from generator.normalize.changes import substitute

_BLOCK = "br|p|div|section|article|h[1-6]|li|ul|ol|tr|table|tbody|thead|blockquote|figure|center"
_INLINE = "a|b|i|u|em|strong|span|font|img|sub|sup|small|big|figcaption"
_TAG = re.compile(rf"</?(?:(?P<block>{_BLOCK})|{_INLINE})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_WHY = "HTML tag left by the scraper"


def remove_markup(text: str) -> tuple[str, list[Change]]:
    """<br />, <p> and </p> -> a line end; <strong>, </a>, <img …> -> nothing."""
    return substitute(_TAG, text, "markup", _replacement)


def _replacement(match: re.Match[str]) -> tuple[str, str]:
    return ("\n" if match.group("block") else ""), _WHY
