"""Hostile drops: every bad file fails alone with a clear error; everything else builds, inertly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.ingest import discover_sources
from tests.project import Project, make_project

ARTICLE = "今天（2月5日），南通召开全市港口建设推进会。市委书记吴新明出席会议并讲话。\n会议强调，要加快建设现代化港口群。\n"
INJECTION = (
    "今天（2月6日），南通举行网络安全宣传活动。<script>alert('x')</script>"
    "<img src=x onerror=alert(1)>[点我](javascript:alert(2)) **加粗** {{ config.site_name }} {% include 'x' %}\n"
    "# 不是标题\n"
    "1. 不是列表，| 不 | 是 | 表格 |\n"
)


def write_hostile_drop(sources: Path) -> dict[str, str]:
    """Write the hostile files; return name -> expected outcome ('built' or words the error must hold)."""
    drop = sources / "hostile"
    drop.mkdir()
    files: dict[str, bytes] = {
        "binary.bin": bytes(range(256)) * 8,
        "nul.txt": ARTICLE.encode() + b"\x00\x00" + ARTICLE.encode(),
        "empty.txt": b"",
        "also empty.txt": b"",  # empty, not a copy of empty.txt
        "blank.txt": b" \n\t\n\r\n   \n",
        "page.txt": b"<!DOCTYPE html><html><head><title>x</title></head><body>"
        + ARTICLE.encode()
        + b"</body></html>",
        "feed.xml": b'<?xml version="1.0"?><rss><channel>' + ARTICLE.encode() + b"</channel></rss>",
        "korean.txt": "정부는 오늘 새로운 경제 정책을 발표했다. 서울시는 내년부터 대중교통 요금을 인상한다.\n".encode(
            "euc-kr"
        ),
        "english.txt": b"Notes for the editor: check the dates before publishing.\n",
        "gb18030.txt": ARTICLE.encode("gb18030"),
        "big5.txt": "今天（2月7日），臺北舉行港口會議。會議強調，要加快建設。\n".encode("big5"),
        "utf16.txt": ARTICLE.encode("utf-16"),
        "truncated.txt": ARTICLE.encode()[:-2],
        "injection.txt": INJECTION.encode(),
        "with space.txt": ARTICLE.replace("港口", "机场").encode(),
        "中文名.txt": ARTICLE.replace("港口", "铁路").encode(),
        "-leading-dash.txt": ARTICLE.replace("港口", "公路").encode(),
        "a..b.txt": ARTICLE.replace("港口", "桥梁").encode(),
    }
    for name, data in files.items():
        (drop / name).write_bytes(data)
    (drop / "outside.txt").symlink_to("/etc/hostname")
    with open(drop / "huge.txt", "wb") as handle:  # 50 MB, written sparsely
        handle.truncate(50 * 1024 * 1024)
    return {
        "binary.bin": "binary",
        "nul.txt": "nul",
        "empty.txt": "file is empty",
        "also empty.txt": "file is empty",
        "blank.txt": "whitespace",
        "page.txt": "html",
        "feed.xml": "xml",
        "korean.txt": "does not read as chinese",
        "english.txt": "no chinese characters",
        "outside.txt": "outside",
        "huge.txt": "limit",
        "gb18030.txt": "built",
        "big5.txt": "built",
        "utf16.txt": "built",
        "injection.txt": "built",
        "with space.txt": "built",
        "中文名.txt": "built",
        "-leading-dash.txt": "built",
        "a..b.txt": "built",
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Project, dict, object]:
    project = make_project(tmp_path_factory.mktemp("hostile"))
    expected = write_hostile_drop(project.sources)
    result = project.build(site=True)
    return project, expected, result


def rows_by_name(project: Project) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in project.report()["articles"]:
        out.setdefault(os.path.basename(row["source"]), []).append(row)
    return out


def test_exit_status_is_1_and_every_bad_file_is_named(hostile):
    _, expected, result = hostile
    assert result.returncode == 1, result.stderr
    for name, outcome in expected.items():
        if outcome != "built":
            assert name in result.stderr, f"{name} not named on stderr"


def test_each_file_gets_its_expected_outcome(hostile):
    project, expected, _ = hostile
    rows = rows_by_name(project)
    for name, outcome in expected.items():
        statuses = {r["status"] for r in rows[name]}
        if outcome == "built":
            assert statuses == {"built"}, (name, rows[name])
        else:
            assert statuses == {"failed"}, (name, rows[name])
            assert outcome in rows[name][0]["error"].lower(), (name, rows[name][0]["error"])


def test_truncated_utf8_builds_or_fails_clearly(hostile):
    project, _, _ = hostile
    (row,) = rows_by_name(project)["truncated.txt"]
    assert row["status"] == "built" or "utf-8" in row["error"].lower()


def test_the_sample_drop_still_builds(hostile):
    project, _, _ = hostile
    samples = [r for r in project.report()["articles"] if "/hostile/" not in r["source"]]
    assert len(samples) == 6 and {r["status"] for r in samples} == {"built"}


def test_encodings_are_decoded_to_the_right_text(hostile):
    project, _, _ = hostile
    rows = rows_by_name(project)
    for name, word in (("gb18030.txt", "港口"), ("utf16.txt", "港口"), ("big5.txt", "台北")):
        page = project.root / rows[name][0]["pages"]["zh"]
        assert word in page.read_text("utf-8"), name


def test_markup_in_article_text_is_inert_on_every_page(hostile):
    project, _, _ = hostile
    (row,) = rows_by_name(project)["injection.txt"]
    for url in row["urls"].values():
        html = (project.root / "site" / url.strip("/") / "index.html").read_text("utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html  # shown to the reader as text
        assert 'href="javascript:' not in html
        assert "<strong>加粗</strong>" not in html
        assert "config.site_name" in html  # Jinja syntax shown as text, not evaluated


def test_the_builds_own_folders_inside_the_drop_are_not_sources(tmp_path: Path) -> None:
    # --state, --docs or --site put inside the drop: their files (the build lock, pages) would
    # otherwise be read as articles on the next build.
    drop = tmp_path / "drop"
    for name in ("story.txt", "state/build.lock", "docs/zh/story.md", "site/index.html"):
        (drop / name).parent.mkdir(parents=True, exist_ok=True)
        (drop / name).write_text("南通\n", encoding="utf-8")
    outputs = [drop / "state", drop / "docs", drop / "site"]
    assert [f.rel for f in discover_sources(drop, tmp_path, outputs)] == ["drop/story.txt"]
    assert len(discover_sources(drop, tmp_path)) == 4
