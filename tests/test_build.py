"""End-to-end: the real `digest build` over the bundled sample drop, as a user runs it."""

from __future__ import annotations

import shutil

import pytest

from tests.project import Project, front_matter, make_project

FRONT_MATTER_KEYS = {
    "title",
    "date",
    "lang",
    "slug",
    "description",
    "source",
    "source_sha256",
    "article_id",
    "twin",
    "tags",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """The sample drop built once with no model installed (dictionary gloss on the English side)."""
    project = make_project(tmp_path_factory.mktemp("sample"))
    result = project.build(env={"ARGOS_PACKAGES_DIR": str(project.root / "no-models")})
    assert result.returncode == 0, result.stderr
    return project


def test_report_lists_every_article_with_pages_and_urls(built: Project):
    report = built.report()
    rows = report["articles"]
    assert report["totals"]["sources"] == 5
    assert report["totals"]["failed"] == 0
    assert (
        len(rows) == report["totals"]["articles"] == report["totals"]["built"] == 6
    )  # 004 holds two
    for row in rows:
        assert set(row) >= {
            "source",
            "id",
            "slug",
            "status",
            "error",
            "pages",
            "urls",
            "translation",
        }
        assert row["status"] == "built" and row["error"] is None
        assert row["urls"]["zh"].startswith("/zh/") and row["urls"]["en"].startswith("/en/")
        assert "bilingual" in row["urls"]
        assert set(row["translation"]) >= {
            "engine",
            "model",
            "sentences",
            "translated",
            "from_memory",
        }
        for lang in ("zh", "en"):
            assert (built.root / row["pages"][lang]).is_file()
    assert isinstance(report["totals"]["seconds"], float)


def test_report_lists_the_repairs_chosen_by_a_small_margin(built: Project):
    """The garble repairs a reader should check, each with where it is and what it was chosen
    over; the build's summary line points at them."""
    report = built.report()
    doubtful = report["doubtful_repairs"]
    assert report["totals"]["doubtful_repairs"] == len(doubtful) == 2
    by_source = [(d["source"].split("/")[-1][:3], d["after"]) for d in doubtful]
    # 日益 over 收益, after 江海”: the word trigrams find 收益 the likelier (氫能 over 氫你 is
    # chosen by 2.0 now that open-gram is heard too, no longer a doubt)
    assert ("001", "海”的氛圍日益濃厚的當") in by_source
    # 涉海科技 over 涉常科技: the word trigram knows neither 涉海 nor 涉常 as a word
    assert any(source == "000" and after.startswith("海科") for source, after in by_source)
    for repair in doubtful:
        assert set(repair) == {"source", "start", "end", "before", "after", "why", "margin"}
        assert repair["margin"] < 2 and "over" in repair["why"]
        text = (built.root / repair["source"]).read_text("utf-8")
        assert text[repair["start"] : repair["end"]] == repair["before"]


def test_pages_are_paired_twins_with_front_matter(built: Project):
    for row in built.report()["articles"]:
        zh = front_matter(built.root / row["pages"]["zh"])
        en = front_matter(built.root / row["pages"]["en"])
        assert set(zh) >= FRONT_MATTER_KEYS and set(en) >= FRONT_MATTER_KEYS
        assert zh["slug"] == en["slug"] == row["slug"]
        assert (zh["lang"], en["lang"]) == ("zh", "en")
        assert zh["twin"] == row["urls"]["en"] and en["twin"] == row["urls"]["zh"]
        assert zh["source"] == en["source"] == row["source"]
        assert en["translation"]["engine"] == "gloss"
        assert {"engine", "model", "model_version"} <= set(en["translation"])


def test_without_a_model_english_pages_are_labelled_glosses_with_names(built: Project):
    pages = [built.root / r["pages"]["en"] for r in built.report()["articles"]]
    text = "\n".join(p.read_text("utf-8") for p in pages)
    assert "Wu Xinming" in text and "Nantong" in text
    for page in pages:
        assert "gloss" in page.read_text("utf-8").lower()


def test_the_build_touched_no_network(built: Project):
    assert built.network_attempts() == []


def test_second_build_is_byte_identical_and_all_unchanged(built: Project):
    before = built.docs_snapshot()
    result = built.build(env={"ARGOS_PACKAGES_DIR": str(built.root / "no-models")})
    assert result.returncode == 0, result.stderr
    assert built.docs_snapshot() == before
    assert {r["status"] for r in built.report()["articles"]} == {"unchanged"}


def test_unreadable_file_fails_alone(tmp_path):
    project = make_project(tmp_path)
    (project.sources / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    result = project.build()
    assert result.returncode == 1
    assert "broken.txt" in result.stderr
    rows = project.report()["articles"]
    failed = [r for r in rows if r["status"] == "failed"]
    assert [r["source"] for r in failed] == ["sources/broken.txt"]
    assert failed[0]["error"]
    assert sum(r["status"] == "built" for r in rows) == 6


def test_missing_sources_folder_is_a_usage_error(tmp_path):
    project = make_project(tmp_path)
    shutil.rmtree(project.sources)
    result = project.build()
    assert result.returncode == 2
    assert "sources" in result.stderr
