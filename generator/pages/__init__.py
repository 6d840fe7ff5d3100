"""Pages stage: an Article and its Translation become a Chinese, an English and a
bilingual page (markdown files with YAML front matter, bodies in raw HTML).

Bodies are raw HTML blocks built from escaped text, so nothing in an article
can turn into markup; front matter is written by yaml.safe_dump; output depends
only on the inputs, so rebuilding gives the same bytes.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.models import Article, ArticleEntry, Page, Translation
from generator.pages.labels import HTML_LANG, date_text, t
from generator.pages.tags import TAG_KINDS, article_tags
from generator.pages.text import esc, one_line, reading_minutes, summarize
from generator.pages.urls import article_urls, relative_url, tag_url, url_to_doc_path

__all__ = ["article_urls", "front_matter", "make_entry", "render_article_pages"]

# libyaml's safe dumper when present: the pure-Python one is most of the render time.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
NOTICE_TITLES = {
    "argos": "Machine translation",
    "gloss": "Dictionary gloss, not a translation",
    "pending": "Translation pending",
}


def make_entry(article: Article, translation: Translation, slug: str) -> ArticleEntry:
    """What listings need of one article. `editions` is left for the caller, who knows the slugs."""
    return ArticleEntry(
        id=article.id,
        slug=slug,
        source=article.source,
        date=article.date,
        date_basis=article.date_basis,
        title_zh=one_line(article.title),
        title_en=english_title(article, translation),
        summary_zh=summarize(summary_paragraphs(article, translation, "zh"), "zh"),
        summary_en=summarize(summary_paragraphs(article, translation, "en"), "en"),
        engine=translation.engine,
        tags=article_tags(article, translation.terms),
    )


def render_article_pages(
    article: Article, translation: Translation, entry: ArticleEntry, editions: list[ArticleEntry]
) -> list[Page]:
    """The zh, en and bilingual pages of one article, in that order."""
    urls = article_urls(entry.slug)
    pages = []
    for lang in ("zh", "en"):
        meta = article_meta(article, translation, entry, lang)
        body = article_html(article, translation, entry, editions, lang)
        pages.append(Page(url_to_doc_path(urls[lang]), front_matter(meta) + body))
    meta = bilingual_meta(article, entry)
    body = bilingual_html(article, translation, entry)
    pages.append(Page(url_to_doc_path(urls["bilingual"]), front_matter(meta) + body))
    return pages


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter block; the safe dumper quotes whatever the values contain."""
    dumped = yaml.dump(meta, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n\n"


def body_start(article: Article) -> int:
    """Index of the first body paragraph: leading headline lines are shown as the heading."""
    heads = {one_line(h) for h in (article.title, article.subtitle, article.kicker) if h}
    start = 0
    while start < len(article.paragraphs) and one_line(article.paragraphs[start]) in heads:
        start += 1
    return start


def english_paragraphs(article: Article, translation: Translation) -> list[str]:
    """English aligned with the Chinese; a pending translation may have none yet."""
    if len(translation.paragraphs) == len(article.paragraphs):
        return translation.paragraphs
    if translation.engine == "pending":
        return [""] * len(article.paragraphs)
    raise ValueError(
        f"{article.id}: {len(translation.paragraphs)} English paragraphs "
        f"for {len(article.paragraphs)} Chinese ones"
    )


def body_paragraphs(article: Article, translation: Translation, lang: str) -> list[str]:
    """The paragraphs a page shows in `lang`, after the headline lines."""
    paragraphs = article.paragraphs if lang == "zh" else english_paragraphs(article, translation)
    return paragraphs[body_start(article) :]


def summary_paragraphs(article: Article, translation: Translation, lang: str) -> list[str]:
    """The body paragraphs a summary is drawn from: the text proper, if there is any."""
    paragraphs = body_paragraphs(article, translation, lang)
    return paragraphs[max(0, article.lead - body_start(article)) :] or paragraphs


def english_title(article: Article, translation: Translation) -> str:
    """The English headline, or the Chinese one while the translation is pending."""
    return one_line(translation.title) or one_line(article.title)


def article_meta(
    article: Article, translation: Translation, entry: ArticleEntry, lang: str
) -> dict[str, Any]:
    """Front matter of the zh or en page: identity, twin, tags, translation provenance."""
    urls = article_urls(entry.slug)
    paragraphs = body_paragraphs(article, translation, lang)
    meta: dict[str, Any] = {
        "title": entry.title_zh if lang == "zh" else entry.title_en,
        "date": entry.date,
        "lang": lang,
        "slug": entry.slug,
        "description": entry.summary_zh if lang == "zh" else entry.summary_en,
        "source": article.source,
        "source_sha256": article.source_sha256,
        "article_id": article.id,
        "twin": urls["en" if lang == "zh" else "zh"],
        "bilingual": urls["bilingual"],
        "tags": [name for kind in TAG_KINDS for name in entry.tags.get(kind, [])],
        **{kind: entry.tags.get(kind, []) for kind in TAG_KINDS},
        "byline": article.byline,
        "dateline": article.dateline,
        "date_basis": article.date_basis,
        "reading_minutes": reading_minutes(paragraphs, lang),
        "editions": [article_urls(slug)[lang] for slug in entry.editions],
    }
    if lang == "en":
        meta["translation"] = {
            "engine": translation.engine,
            "model": translation.model,
            "model_version": translation.model_version,
        }
    return meta


def bilingual_meta(article: Article, entry: ArticleEntry) -> dict[str, Any]:
    """Front matter of the side-by-side page; kept out of search, which has both twins."""
    urls = article_urls(entry.slug)
    return {
        "title": f"{entry.title_zh} · {entry.title_en}",
        "date": entry.date,
        "lang": "mul",
        "slug": entry.slug,
        "description": entry.summary_en,
        "article_id": article.id,
        "twin": urls["zh"],
        "twins": {"zh": urls["zh"], "en": urls["en"]},
        "search": {"exclude": True},
    }


def article_html(
    article: Article,
    translation: Translation,
    entry: ArticleEntry,
    editions: list[ArticleEntry],
    lang: str,
) -> str:
    """Body of the zh or en page."""
    urls = article_urls(entry.slug)
    here = urls[lang]
    title = entry.title_zh if lang == "zh" else entry.title_en
    paragraphs = body_paragraphs(article, translation, lang)
    originals = body_paragraphs(article, translation, "zh")
    parts = [
        headline_html(article, title, lang),
        f'<div class="digest-article" lang="{HTML_LANG[lang]}" data-pagefind-body>',
        meta_line_html(article, entry, lang, reading_minutes(paragraphs, lang)),
        links_html(here, urls, lang),
        notice_html(translation, here, urls["zh"]) if lang == "en" else "",
        '<div class="digest-body">',
        *paragraph_html(paragraphs, originals, lang),
        "</div>",
        tags_html(entry, lang, here),
        editions_html(editions, lang, here),
        "</div>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def headline_html(article: Article, title: str, lang: str) -> str:
    """The heading first (Material's search takes an h1 with an id that opens the page as
    the result title, escaped), then on the Chinese page the kicker and subtitle."""
    parts = [
        f'<h1 id="title" class="digest-title" lang="{HTML_LANG[lang]}" data-pagefind-meta="title">'
        f"{esc(title)}</h1>"
    ]
    if lang == "zh":
        parts += [
            f'<p class="digest-{kind}">{esc(text)}</p>'
            for kind, text in (("kicker", article.kicker), ("subtitle", article.subtitle))
            if text
        ]
    return "\n".join(parts)


def meta_line_html(article: Article, entry: ArticleEntry, lang: str, minutes: int) -> str:
    """Date, source, byline and reading time under the headline."""
    date = esc(date_text(entry.date, entry.date_basis, lang))
    items = [
        f'<time datetime="{esc(entry.date)}">{date}</time>' if entry.date else date,
        f"{t(lang, 'source')}: <code>{esc(article.source)}</code>",
        f'<span lang="zh-Hans">{esc(article.byline)}</span>' if article.byline else "",
        t(lang, "minutes", n=minutes),
    ]
    return (
        '<p class="digest-meta" data-search-exclude data-pagefind-ignore>'
        + " · ".join(i for i in items if i)
        + "</p>"
    )


def links_html(here: str, urls: dict[str, str], lang: str) -> str:
    """Links to the twin and the bilingual view."""
    twin = "en" if lang == "zh" else "zh"
    return (
        '<p class="digest-links" data-search-exclude data-pagefind-ignore>'
        f'<a class="digest-twin" href="{relative_url(here, urls[twin])}" hreflang="{twin}">'
        f"{t(lang, 'twin')}</a> · "
        f'<a class="digest-bilingual-link" href="{relative_url(here, urls["bilingual"])}">'
        f"{t(lang, 'bilingual')}</a></p>"
    )


def notice_html(translation: Translation, here: str, original: str) -> str:
    """What the English is: model translation, dictionary gloss, or nothing yet."""
    engine = translation.engine
    kind = {"argos": "info", "gloss": "warning"}.get(engine, "note")
    link = (
        f'<a href="{relative_url(here, original)}" hreflang="zh">the original Chinese article</a>'
    )
    if engine == "argos":
        model = esc(translation.model or "unknown model")
        version = esc(translation.model_version or "unknown")
        text = (
            f"Translated from Chinese by machine (Argos Translate, model {model}, "
            f"version {version}). It may contain errors; read {link}."
        )
    elif engine == "gloss":
        text = (
            "No translation model was installed for this build, so each Chinese word "
            "was looked up in a dictionary. This shows roughly what the article is about; "
            f"it is not a translation. Read {link}."
        )
    else:
        text = (
            "No Chinese→English model is installed for this build, so the article is "
            f"shown in Chinese below. Read {link}."
        )
    title = NOTICE_TITLES.get(engine, NOTICE_TITLES["pending"])
    return (
        f'<div class="admonition {kind} digest-notice" lang="en" data-engine="{esc(engine)}" '
        "data-search-exclude data-pagefind-ignore>"
        f'<p class="admonition-title">{title}</p><p>{text}</p></div>'
    )


def paragraph_html(paragraphs: list[str], originals: list[str], lang: str) -> list[str]:
    """One <p> per paragraph; an English gap falls back to the Chinese, marked as such."""
    html = []
    for text, original in zip(paragraphs, originals, strict=True):
        if text.strip():
            html.append(f"<p>{esc(text)}</p>")
        elif lang == "en" and original.strip():
            html.append(f'<p lang="zh-Hans" class="digest-untranslated">{esc(original)}</p>')
    return html


def tags_html(entry: ArticleEntry, lang: str, here: str) -> str:
    """Tag links, grouped by kind, to the tag pages of the same language."""
    rows = []
    for kind in TAG_KINDS:
        names = entry.tags.get(kind, [])
        if names:
            links = " ".join(
                f'<a class="md-tag" href="{relative_url(here, tag_url(lang, name))}">{esc(name)}</a>'
                for name in names
            )
            rows.append(f"<dt>{t(lang, kind)}</dt><dd>{links}</dd>")
    return (
        f'<dl class="digest-tags" data-search-exclude data-pagefind-ignore>{"".join(rows)}</dl>'
        if rows
        else ""
    )


def editions_html(editions: list[ArticleEntry], lang: str, here: str) -> str:
    """Links to the same story as printed elsewhere (found by the normalizer)."""
    if not editions:
        return ""
    items = "".join(
        f'<li><a href="{relative_url(here, article_urls(e.slug)[lang])}">'
        f"{esc(e.title_zh if lang == 'zh' else e.title_en)}</a> "
        f"<small>{esc(date_text(e.date, e.date_basis, lang))} · <code>{esc(e.source)}</code>"
        "</small></li>"
        for e in editions
    )
    return f'<aside class="digest-editions" data-search-exclude data-pagefind-ignore><h2>{t(lang, "editions")}</h2><ul>{items}</ul></aside>'


def bilingual_html(article: Article, translation: Translation, entry: ArticleEntry) -> str:
    """Each Chinese paragraph next to its English one, with a both/English/Chinese control."""
    urls = article_urls(entry.slug)
    here = urls["bilingual"]
    chinese, english = (body_paragraphs(article, translation, lang) for lang in ("zh", "en"))
    pairs = "\n".join(
        f'<div class="digest-pair"><p lang="zh-Hans">{esc(zh)}</p><p lang="en">{esc(en)}</p></div>'
        for zh, en in zip(chinese, english, strict=True)
    )
    lines = [
        f'<h1 id="title" class="digest-title">{esc(entry.title_zh)}<br>'
        f'<span lang="en">{esc(entry.title_en)}</span></h1>',
        '<div class="digest-bilingual" data-view="both">',
        '<p class="digest-links" data-search-exclude data-pagefind-ignore>'
        f'<a href="{relative_url(here, urls["zh"])}" hreflang="zh">中文</a> · '
        f'<a href="{relative_url(here, urls["en"])}" hreflang="en">English</a></p>',
        '<div class="digest-view" role="group" aria-label="Show languages">'
        '<button type="button" data-view="both" aria-pressed="true">中英 Both</button>'
        '<button type="button" data-view="en" aria-pressed="false">English</button>'
        '<button type="button" data-view="zh" aria-pressed="false">中文</button></div>',
        notice_html(translation, here, urls["zh"]),
        f'<div class="digest-pairs">\n{pairs}\n</div>',
        "</div>",
    ]
    return "\n".join(lines) + "\n"
