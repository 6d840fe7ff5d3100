"""Interface words of the generated pages, per language.

Kept in one table so the Chinese and English pages say the same things and a
wording change is one edit.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "people": "人物",
        "places": "地点",
        "orgs": "机构",
        "topics": "主题",
        "editions": "同一报道的其他版本",
        "also": "另见",
        "source": "来源",
        "minutes": "阅读约 {n} 分钟",
        "undated": "日期不详",
        "inferred": "推断",
        "twin": "English",
        "bilingual": "中英对照",
        "home": "新闻摘要",
        "archive": "按月归档",
        "tags": "标签",
        "feed": "订阅 (Atom)",
        "month": "{year}年{month}月",
        "articles": "{n} 篇",
    },
    "en": {
        "people": "People",
        "places": "Places",
        "orgs": "Organisations",
        "topics": "Topics",
        "editions": "Other editions of this story",
        "also": "Also in",
        "source": "Source",
        "minutes": "{n} min read",
        "undated": "Date unknown",
        "inferred": "inferred",
        "twin": "中文原文",
        "bilingual": "Bilingual view",
        "home": "News digest",
        "archive": "Archive by month",
        "tags": "Tags",
        "feed": "Feed (Atom)",
        "month": "{month_name} {year}",
        "articles": "{n} articles",
    },
}

HTML_LANG = {"zh": "zh-Hans", "en": "en"}
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def t(lang: str, key: str, **values: object) -> str:
    """The interface word `key` in `lang`, with `{placeholders}` filled."""
    return LABELS[lang][key].format(**values)


def date_text(date: str | None, basis: str, lang: str) -> str:
    """A date as readers see it, saying when it was inferred rather than printed."""
    if not date:
        return t(lang, "undated")
    return date if basis == "explicit" else f"{date} ({t(lang, 'inferred')})"
