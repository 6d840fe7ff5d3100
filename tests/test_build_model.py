"""End-to-end with a real (tiny, genuine) Argos package installed: translations, memory, upgrades."""

from __future__ import annotations

from pathlib import Path

from tests.project import Project, front_matter, make_project


def english_text(project: Project) -> str:
    rows = project.report()["articles"]
    return "\n".join((project.root / r["pages"]["en"]).read_text("utf-8") for r in rows)


def totals(project: Project, key: str) -> int:
    return sum(r["translation"][key] for r in project.report()["articles"])


def test_model_translates_then_memory_serves_and_edits_cost_only_new_sentences(
    tmp_path: Path, argos_packages_dir: Path
):
    project = make_project(tmp_path)
    env = {"ARGOS_PACKAGES_DIR": str(argos_packages_dir)}
    first = project.build(env=env)
    assert first.returncode == 0, first.stderr
    rows = project.report()["articles"]
    assert {r["translation"]["engine"] for r in rows} == {"argos"}
    assert "meeting" in english_text(project)  # the tiny model's rendering of 会议
    assert totals(project, "translated") > 0

    assert project.build(env=env).returncode == 0
    assert totals(project, "translated") == 0
    assert {r["status"] for r in project.report()["articles"]} == {"unchanged"}

    source = project.sources / "003_ebf0ab5f1cf8b009.txt"
    source.write_bytes(source.read_bytes() + "會議要求，全市上下要奮力開創新局面。\n".encode())
    assert project.build(env=env).returncode == 0
    rebuilt = [r for r in project.report()["articles"] if r["status"] == "built"]
    assert [r["source"] for r in rebuilt] == ["sources/003_ebf0ab5f1cf8b009.txt"]
    assert rebuilt[0]["translation"]["translated"] == 1
    assert rebuilt[0]["translation"]["from_memory"] == rebuilt[0]["translation"]["sentences"] - 1
    assert project.network_attempts() == []


def test_gloss_pages_are_replaced_when_a_model_is_installed(
    tmp_path: Path, argos_packages_dir: Path
):
    project = make_project(tmp_path)
    assert project.build(env={"ARGOS_PACKAGES_DIR": str(tmp_path / "none")}).returncode == 0
    assert {r["translation"]["engine"] for r in project.report()["articles"]} == {"gloss"}
    assert project.build(env={"ARGOS_PACKAGES_DIR": str(argos_packages_dir)}).returncode == 0
    rows = project.report()["articles"]
    assert {(r["status"], r["translation"]["engine"]) for r in rows} == {("built", "argos")}
    for row in rows:
        assert front_matter(project.root / row["pages"]["en"])["translation"]["engine"] == "argos"
