"""Reader-facing text derived from an article: summaries, reading time, safe HTML.

Article text is data scraped from the web: every string that reaches a page
goes through `esc`, and the pages are raw HTML blocks, so markdown, HTML and
Jinja syntax inside an article always shows as the characters it is.
"""

from __future__ import annotations

import html
import math
import re

ZH_CHARS_PER_MINUTE = 400  # usual silent-reading speed for Chinese prose
EN_WORDS_PER_MINUTE = 220
SUMMARY_ZH_CHARS = 90
SUMMARY_EN_CHARS = 200

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_ZH_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def one_line(text: str) -> str:
    """Collapse whitespace and drop control characters (they break YAML, XML and Markdown)."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def esc(text: str) -> str:
    """Text as inert HTML: `<`, `&`, quotes escaped; nothing left for Markdown to act on."""
    return html.escape(one_line(text), quote=True)


def shorten(text: str, limit: int) -> str:
    """Cut at `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def first_sentence(text: str, lang: str) -> str:
    """The opening sentence of a paragraph, used as its one-line summary."""
    text = one_line(text)
    splitter = _ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END
    parts = [part for part in splitter.split(text) if part.strip()]
    return parts[0].strip() if parts else ""


def summarize(paragraphs: list[str], lang: str) -> str:
    """First sentence of the first real paragraph, short enough for a listing line."""
    limit = SUMMARY_ZH_CHARS if lang == "zh" else SUMMARY_EN_CHARS
    for paragraph in paragraphs:
        sentence = first_sentence(paragraph, lang)
        if len(sentence) >= 12:
            return shorten(sentence, limit)
    return shorten(one_line(" ".join(paragraphs)), limit)


def reading_minutes(paragraphs: list[str], lang: str) -> int:
    """Minutes to read: Chinese by characters (a clause is not a word), English by words."""
    text = "\n".join(paragraphs)
    if lang == "zh":
        units = len(_CJK.findall(text)) + len(_WORD.findall(text))
        return max(1, math.ceil(units / ZH_CHARS_PER_MINUTE))
    return max(1, math.ceil(len(_WORD.findall(text)) / EN_WORDS_PER_MINUTE))
