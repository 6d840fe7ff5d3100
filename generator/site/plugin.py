"""The `digest` MkDocs plugin: the digest's theme overrides, and page metadata for search.

Registered as an entry point (mkdocs.plugins: digest), so any project's mkdocs.yml
says `plugins: [digest]` and gets the overrides from the installed package: no
path into the package in the config.

Tags: Material copies front-matter `tags` into the index and its search UI
inserts them as HTML, so they are escaped here (tags come from article text).

Names: teach jieba the names on the pages before the search index is built.

jieba's dictionary splits many names (姜永华 -> 姜|永华), which would make a
search for the full name fail. MkDocs reads every page (this event) before it
renders any (when Material indexes), so adding the Chinese side of each page's
`people` here segments them as whole words in the index. Only people: making a
place, organisation or topic one word would hide its parts (工业化 inside
新型工业化) from search, and names of people have no such parts.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from generator.tables import jieba_ready

THEME_OVERRIDES = Path(__file__).resolve().parent / "theme"


class DigestPlugin(BasePlugin):
    def on_config(self, config: Any) -> Any:
        """Put the digest's templates and assets in front of Material's (like `custom_dir`)."""
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
        jieba_ready()  # search segments every page with jieba: load its dictionary the fast way
        return config

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        teach_jieba(page.meta.get("people") or [])
        if isinstance(page.meta.get("tags"), list):
            page.meta["tags"] = [html.escape(str(tag)) for tag in page.meta["tags"]]
        return markdown


def teach_jieba(people: list[str]) -> None:
    """Make each person's Chinese name one word for the search segmenter."""
    for name in people:
        chinese = str(name).split(" ", 1)[0]
        if chinese:
            jieba_ready().add_word(chinese, tag="nr")
