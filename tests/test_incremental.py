"""Rebuilds after a new drop: only what changed is redone, nothing published is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.project import Project, front_matter, make_project

NO_MODEL = {"ARGOS_PACKAGES_DIR": "/nonexistent-digest-test-models"}
NEW_ARTICLE = (
    "今天（3月1日），南通召开全市科技创新大会。市委书记吴新明出席会议并讲话。\n"
    "会议强调，要加快建设创新型城市，推动产业转型升级。\n"
)


@pytest.fixture
def project(tmp_path) -> Project:
    project = make_project(tmp_path)
    assert project.build(env=NO_MODEL).returncode == 0
    return project


def statuses(project: Project) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in project.report()["articles"]:
        out.setdefault(row["status"], []).append(row["source"])
    return out


def article_pages(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if "/articles/" in k or k.startswith("bilingual/")}


def test_new_drop_folder_builds_one_article_and_touches_no_other_page(project: Project):
    before = article_pages(project.docs_snapshot())
    drop = project.sources / "2025-03-01"
    drop.mkdir()
    (drop / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    result = project.build(env=NO_MODEL)
    assert result.returncode == 0, result.stderr
    assert statuses(project)["built"] == ["sources/2025-03-01/new.txt"]
    after = article_pages(project.docs_snapshot())
    for path, (data, mtime) in before.items():
        assert after[path] == (data, mtime), f"{path} was rewritten"
    assert len(after) == len(before) + 3
    # 今天（3月1日） says no year; the drop folder's date does
    (row,) = (r for r in project.report()["articles"] if r["source"].endswith("new.txt"))
    meta = front_matter(project.root / row["pages"]["zh"])
    assert (meta["date"], meta["date_basis"]) == ("2025-03-01", "year-from-drop")


def test_repairs_to_check_are_still_listed_when_nothing_was_rebuilt(project: Project):
    listed = project.report()["doubtful_repairs"]
    assert listed
    result = project.build(env=NO_MODEL)
    assert result.returncode == 0, result.stderr
    assert statuses(project) == {"unchanged": [r["source"] for r in project.report()["articles"]]}
    assert project.report()["doubtful_repairs"] == listed
    assert "chosen by a small margin" in result.stdout


def test_removed_source_removes_its_pages_and_listing(project: Project):
    row = next(
        r for r in project.report()["articles"] if r["source"].endswith("003_ebf0ab5f1cf8b009.txt")
    )
    (project.root / row["source"]).unlink()
    assert project.build(env=NO_MODEL).returncode == 0
    assert statuses(project)["removed"] == [row["source"]]
    assert not (project.root / row["pages"]["zh"]).exists()
    assert not (project.root / row["pages"]["en"]).exists()
    home = (project.docs / "zh" / "index.md").read_text("utf-8")
    assert row["slug"] not in home


def test_renamed_source_keeps_its_slug(project: Project):
    old = {r["source"]: r["slug"] for r in project.report()["articles"]}
    src = project.sources / "003_ebf0ab5f1cf8b009.txt"
    src.rename(project.sources / "renamed.txt")
    assert project.build(env=NO_MODEL).returncode == 0
    rows = project.report()["articles"]
    renamed = [r for r in rows if r["source"] == "sources/renamed.txt"]
    assert [r["slug"] for r in renamed] == [old["sources/003_ebf0ab5f1cf8b009.txt"]]
    assert not [r for r in rows if r["status"] == "removed"]


def test_failed_rebuild_of_a_published_source_keeps_its_pages(project: Project):
    row = next(
        r for r in project.report()["articles"] if r["source"].endswith("002_19be760db5a05045.txt")
    )
    (project.root / row["source"]).write_bytes(b"\x00\x00\x00")
    result = project.build(env=NO_MODEL)
    assert result.returncode == 1
    assert (project.root / row["pages"]["zh"]).exists()
    assert row["source"] in statuses(project)["failed"]


def test_a_published_source_moved_to_a_new_drop_folder_and_unreadable_keeps_its_pages(
    project: Project, tmp_path
):
    drop = tmp_path / "new-drop"
    drop.mkdir()
    for src in project.sources.iterdir():
        (drop / src.name).write_bytes(src.read_bytes())
    (drop / "002_19be760db5a05045.txt").write_bytes(b"\x00\x00\x00")
    before = {r["source"]: r for r in project.report()["articles"]}
    result = project.build("--sources", str(drop), env=NO_MODEL)
    assert result.returncode == 1
    assert "removed" not in statuses(project)
    row = before["sources/002_19be760db5a05045.txt"]
    assert (project.root / row["pages"]["zh"]).exists()


def test_second_concurrent_build_waits_then_gives_up_clearly(project: Project):
    from filelock import FileLock

    with FileLock(str(project.root / ".digest" / "build.lock")):
        result = project.build("--wait", "1", env=NO_MODEL)
    assert result.returncode == 2
    assert "another digest build" in result.stderr


@pytest.mark.slow
def test_kill_9_then_rebuild_gives_the_uninterrupted_docs(tmp_path):
    reference = make_project(tmp_path / "a")
    assert reference.build(env=NO_MODEL).returncode == 0
    expected = {k: v[0] for k, v in reference.docs_snapshot().items()}

    victim = make_project(tmp_path / "b")
    for delay in (0.3, 0.8, 1.5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "build", "--no-site"],
            cwd=victim.root,
            env={**os.environ, **NO_MODEL},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert victim.build(env=NO_MODEL).returncode == 0
    assert {k: v[0] for k, v in victim.docs_snapshot().items()} == expected


def test_a_user_glossary_entry_reaches_every_page_on_the_next_build(project: Project):
    (project.root / "glossary.yaml").write_text("org:\n  市政协: City Advisory Council\n", "utf-8")
    assert project.build(env=NO_MODEL).returncode == 0
    rows = project.report()["articles"]
    assert {r["status"] for r in rows} == {"built"}
    english = (project.root / rows[0]["pages"]["en"]).read_text("utf-8")
    assert "City Advisory Council" in english
