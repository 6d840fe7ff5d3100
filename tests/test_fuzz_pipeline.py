"""Property tests over ingest + normalize + page writing: any input, no crash, no markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest import SourceFile, load_source
from generator.models import SourceError
from generator.normalize import normalize_source, normalize_text
from generator.pages import make_entry, render_article_pages
from generator.translate import open_translator

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "**粗**",
    "# 标题",
    "{{ config }}",
    "{% raw %}",
    "<!--",
    "&amp;",
    "`code`",
    "| a | b |",
    "1. ",
    "- ",
    "> ",
    "<div>",
    "\\",
]
CHINESE = st.text(alphabet="南通会议市委书记吴新明今天月日，。！？、（）()?,:;123", max_size=30)
PIECES = st.lists(st.one_of(CHINESE, st.sampled_from(MARKUP), st.just("\n")), max_size=25)
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Tags the page templates themselves use; anything else could only come from article text.
SAFE_TAGS = set(
    [
        "p",
        "div",
        "span",
        "a",
        "h1",
        "h2",
        "h3",
        "ul",
        "li",
        "small",
        "time",
        "section",
        "code",
        "br",
        "button",
        "label",
        "nav",
        "aside",
        "header",
        "footer",
        "dl",
        "dt",
        "dd",
    ]
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def rendered_tags(page_content: str) -> list[tuple[str, list]]:
    body = page_content.split("\n---\n", 1)[1]
    parser = _Tags()
    parser.feed(markdown.markdown(body, extensions=["toc", "tables", "fenced_code"]))  # as MkDocs
    return parser.found


@pytest.fixture(scope="module")
def gloss(tmp_path_factory):
    """The real translate stage with no model installed: the dictionary gloss."""
    state = tmp_path_factory.mktemp("state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARGOS_PACKAGES_DIR", str(state / "no-models"))
        translator = open_translator(state)
    yield translator
    translator.close()


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_either_decode_and_normalize_or_fail_with_a_source_error(data: bytes):
    source_file = SourceFile(path=Path("x.txt"), rel="sources/x.txt")
    try:
        source = load_source(source_file, data)
    except SourceError as exc:
        assert exc.path == "sources/x.txt" and exc.problem
        return
    normalize_source(source)


@FAST
@given(PIECES)
def test_article_text_never_becomes_markup(gloss, pieces: list[str]):
    result = normalize_text("".join(pieces), source="sources/x.txt", sha256="0" * 64)
    for article in result.articles:
        translation = gloss.translate([article])[article.id]
        entry = make_entry(article, translation, "x")
        for page in render_article_pages(article, translation, entry, []):
            for tag, attrs in rendered_tags(page.content):
                assert tag in SAFE_TAGS, (tag, page.path)
                for name, value in attrs:
                    assert not name.startswith("on"), (tag, name)
                    assert not (value or "").strip().lower().startswith("javascript:")


@FAST
@given(PIECES)
def test_rendering_is_deterministic(gloss, pieces: list[str]):
    text = "".join(pieces)
    first = normalize_text(text, source="sources/x.txt", sha256="0" * 64)
    second = normalize_text(text, source="sources/x.txt", sha256="0" * 64)
    assert first == second
    for article in first.articles:
        translation = gloss.translate([article])[article.id]
        entry = make_entry(article, translation, "x")
        assert render_article_pages(article, translation, entry, []) == render_article_pages(
            article, translation, entry, []
        )
