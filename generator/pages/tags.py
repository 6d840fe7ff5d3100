"""Tags of an article: people, places and organisations from the translator's
terms, and topics from a curated list.

Topics are curated rather than extracted with jieba.analyse: keyword extraction
on this news returns generic words (发展, 项目, 一批, 40), has no English label,
and changes with every corpus, while a curated list gives bilingual labels and
tag URLs that stay put.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from generator.models import Article, Term

TERM_KINDS = {"person": "people", "place": "places", "org": "orgs"}
TAG_KINDS = ("people", "places", "orgs", "topics")


@dataclass(frozen=True)
class Topic:
    zh: str
    en: str
    keywords: tuple[str, ...]


def label(zh: str, en: str) -> str:
    """A tag as shown everywhere: both scripts, Chinese first."""
    return f"{zh} {en}".strip() if en and en != zh else zh


@cache
def curated_topics() -> tuple[Topic, ...]:
    """The shipped topic list (generator/pages/topics.yaml)."""
    text = resources.files("generator.pages").joinpath("topics.yaml").read_text("utf-8")
    return tuple(
        Topic(str(t["zh"]), str(t["en"]), tuple(map(str, t["keywords"])))
        for t in yaml.safe_load(text)
    )


def topics_of(article: Article) -> list[Topic]:
    """Topics whose keyword is in the title or at least twice in the body."""
    body = "\n".join(article.paragraphs)
    return [
        topic
        for topic in curated_topics()
        if any(k in article.title or body.count(k) >= 2 for k in topic.keywords)
    ]


def term_tags(terms: list[Term]) -> dict[str, list[str]]:
    """People, places and organisations, each once, in order of first mention."""
    tags: dict[str, list[str]] = {kind: [] for kind in TERM_KINDS.values()}
    for term in terms:
        kind = TERM_KINDS.get(term.kind)
        if kind and term.zh.strip():
            name = label(term.zh.strip(), term.en.strip())
            if name not in tags[kind]:
                tags[kind].append(name)
    return tags


def article_tags(article: Article, terms: list[Term]) -> dict[str, list[str]]:
    """All tag kinds of one article; empty kinds are dropped."""
    tags = term_tags(terms)
    tags["topics"] = [label(t.zh, t.en) for t in topics_of(article)]
    return {kind: tags[kind] for kind in TAG_KINDS if tags.get(kind)}
