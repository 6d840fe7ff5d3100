"""HTML character references a scraper left in the text (&ldquo; &nbsp; &mdash; &#8230;) become
the characters they stand for.

Runs first (normalize/__init__.py says why). A no-break space becomes a plain space, which the
later steps treat like any other.
"""

from __future__ import annotations

import html
import re

from generator.models import Change
from generator.normalize.changes import substitute

# A reference, escaped again any number of times (feeds carry &amp;nbsp; and &amp;amp;).
_REFERENCE = re.compile(
    r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_WHY = "HTML character reference -> the character"


def decode_entities(text: str) -> tuple[str, list[Change]]:
    """&ldquo;产业强市&rdquo; -> “产业强市”, &nbsp; and &amp;nbsp; -> a space, &amp; -> &."""
    return substitute(_REFERENCE, text, "entity", _character)


def _character(match: re.Match[str]) -> tuple[str, str] | None:
    char = _unescaped(match.group()).replace("\xa0", " ")
    if char == match.group() or "\ufffd" in char or not (char.isprintable() or char.isspace()):
        return None  # a name HTML does not know (&foo;), no character (&#0;), or a control one
    return char, _WHY


def _unescaped(reference: str) -> str:
    """Decode until nothing changes, so the step's output holds no reference it would decode."""
    decoded = html.unescape(reference)
    return reference if decoded == reference else _unescaped(decoded)
