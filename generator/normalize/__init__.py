"""Decoded scrape -> clean Simplified Chinese articles, with every change recorded.

Steps run in this order, each `text -> (text, changes)` with changes indexing that step's
input, so replaying them in order reproduces the output (see `changes.apply_changes`):

    entity -> markup -> garble -> pinyin -> script -> indent -> junk -> punctuation -> acronym
    -> layout

and then junk and layout again, until they settle, with pinyin, punctuation and acronyms again
after layout changed lines (`clean_text` says why).

HTML character references and tags a scraper left go first: decoded later, `&#40;yè&#41;` or
`<b>(yè)</b>` would become an annotation after the pinyin step had run, for a second run to
remove; and punctuation repair would read the `;` of `&amp;` as a Chinese semicolon. References
are decoded before tags are removed, so `&lt;br&gt;` goes too. Garble repair needs the bytes'
alignment, so it runs before any other repair; pinyin removal needs the annotations the garble
step reads. Junk runs after script conversion so junk.yaml is written once, in Simplified, and
before layout so a disclaimer is never joined onto the article; paragraphs a scrape flattened
into one line (。　　据介绍…) are split before it, so debris flattened onto the text is a line
of its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict

from generator.models import Article, Change, NormalizedSource, Source
from generator.normalize.changes import Step
from generator.normalize.editions import fingerprint, lend_edition_date, same_story
from generator.normalize.entities import decode_entities
from generator.normalize.garble import DOUBTFUL_MARGIN, repair_garbles
from generator.normalize.junk import remove_junk
from generator.normalize.layout import reflow_paragraphs, split_flattened_paragraphs
from generator.normalize.markup import remove_markup
from generator.normalize.metadata import (
    drop_date,
    find_author,
    find_byline,
    find_dateline,
    infer_date,
    make_title,
    opening_index,
    opening_paragraph,
    original_title,
)
from generator.normalize.pinyin import remove_pinyin_annotations
from generator.normalize.punctuation import restore_acronyms, restore_fullwidth_punctuation
from generator.normalize.script import to_simplified
from generator.normalize.split import ArticleBlock, name_headlines, split_articles
from generator.normalize.wordlm import identity as word_model_identity

__all__ = [
    "STEPS",
    "clean_text",
    "doubtful",
    "explain",
    "fingerprint",
    "lend_edition_date",
    "normalize_source",
    "normalize_text",
    "same_story",
    "word_model_identity",
]

STEPS: tuple[Step, ...] = (
    decode_entities,
    remove_markup,
    repair_garbles,
    remove_pinyin_annotations,
    to_simplified,
    split_flattened_paragraphs,
    remove_junk,
    restore_fullwidth_punctuation,
    restore_acronyms,
    reflow_paragraphs,
)
_AFTER_REJOINING: tuple[Step, ...] = (
    remove_pinyin_annotations,
    restore_fullwidth_punctuation,
    restore_acronyms,
)
_ARTICLE_FIELDS = (
    "id",
    "kicker",
    "title",
    "title_basis",
    "subtitle",
    "dateline",
    "byline",
    "author",
    "date",
    "date_basis",
    "paragraphs",
)


def normalize_source(src: Source) -> NormalizedSource:
    """Normalize a decoded file; article ids come from its raw bytes' hash, so they are stable."""
    return normalize_text(src.text, source=src.path, sha256=src.sha256, encoding=src.encoding)


def normalize_text(
    text: str, *, source: str = "-", sha256: str = "", encoding: str = "utf-8"
) -> NormalizedSource:
    """Clean the text and cut it into articles; never raises (no articles is a valid result)."""
    clean, changes = clean_text(text)
    digest = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    blocks = split_articles(clean.splitlines())
    articles = [_article(b, i, source, digest) for i, b in enumerate(blocks, start=1)]
    return NormalizedSource(clean, encoding, articles, changes)


def clean_text(text: str) -> tuple[str, list[Change]]:
    """Run every step in order, the changes of each indexing the text it received.  Then, until
    nothing changes: where layout changed lines, the steps that read a character's neighbours
    look again, since a joined line end gives new ones (（ + 中1) is a bracket pair, 表 + （yè）
    an annotation); junk runs again, since joined lines can make a line of junk (赞 + 赞); and
    where either changed the text, layout runs again, since what they removed can leave two
    lines a sentence runs across (表 / （yè） / （yè）: the first annotation removed, the
    second is a line of its own after 表).  Every step here only removes text, joins lines,
    makes an ASCII mark full width or a lower-case acronym upper case, never back, so this
    ends; layout is idempotent, so it need not run when nothing else did."""
    changes: list[Change] = []
    for step in STEPS:
        text, step_changes = step(text)
        changes.extend(step_changes)
    rejoined = step_changes  # of the last step, layout
    while True:
        looked_again = []
        for step in _AFTER_REJOINING if rejoined else ():
            text, step_changes = step(text)
            looked_again.extend(step_changes)
        text, removed = remove_junk(text)
        changes.extend(looked_again + removed)
        if not (looked_again or removed):
            return text, changes
        text, rejoined = reflow_paragraphs(text)
        changes.extend(rejoined)


def doubtful(ns: NormalizedSource) -> list[Change]:
    """Repairs the language model chose by a small margin: the ones a reader should check."""
    return [c for c in ns.changes if c.margin is not None and c.margin < DOUBTFUL_MARGIN]


def explain(ns: NormalizedSource) -> dict:
    """The --explain JSON: clean text, encoding, articles with metadata, and every change.

    Each change's start/end index the text as that step received it (not the final text).
    """
    return {
        "text": ns.text,
        "encoding": ns.encoding,
        "articles": [{k: getattr(a, k) for k in _ARTICLE_FIELDS} for a in ns.articles],
        "changes": [asdict(c) for c in ns.changes],
    }


def _article(block: ArticleBlock, index: int, source: str, sha256: str) -> Article:
    headline = name_headlines(block.headlines)
    opening = opening_paragraph(block.body)
    dateline = find_dateline(opening)
    date, date_basis = infer_date(dateline, block.body, drop_date(source))
    original = original_title(block.body)
    return Article(
        id=f"{sha256[:12]}-{index}",
        source=source,
        source_sha256=sha256,
        index=index,
        title=headline.title or original or make_title(opening, dateline),
        paragraphs=block.headlines + block.body,
        subtitle=headline.subtitle,
        kicker=headline.kicker,
        dateline=dateline,
        byline=find_byline(dateline, block.body),
        author=find_author(block.body),
        date=date,
        date_basis=date_basis,
        title_basis="headline" if headline.title or original else "first-sentence",
        lead=len(block.headlines) + opening_index(block.body),
    )
