"""The translate stage end to end, with the tiny genuine Argos package and without a model."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.models import Article
from generator.translate import open_translator
from generator.translate.packages import find_zh_en
from generator.translate.sentences import split_sentences

PARAGRAPHS = [
    "今天（2月5日），南通召开发展大会。市委书记吴新明出席会议并讲话。",
    "会议指出，要加快发展。",
    "记者朱文君 张彤",
]


def article(paragraphs: list[str] = PARAGRAPHS, article_id: str = "a-1") -> Article:
    return Article(
        id=article_id,
        source="sources/a.txt",
        source_sha256="0" * 64,
        index=1,
        title="南通发展会议举行",
        paragraphs=paragraphs,
    )


def translate(state: Path, articles: list[Article]):
    translator = open_translator(state)
    try:
        return translator, translator.translate(articles)
    finally:
        translator.close()


def test_model_translations_reach_every_paragraph(
    argos_packages_dir: Path, tmp_path: Path, network_guard: list
) -> None:
    translator, result = translate(tmp_path, [article()])
    english = result["a-1"]
    assert (translator.engine, translator.model, translator.model_version) == (
        "argos",
        "translate-zh_en",
        "1.0",
    )
    assert len(english.paragraphs) == len(PARAGRAPHS)
    assert "meeting" in english.paragraphs[0] and "development" in english.paragraphs[1]
    assert english.title.startswith("Nantong development meeting")
    assert "Wu Xinming" in english.paragraphs[0] and "Zhu Wenjun" in english.paragraphs[2]
    assert {("吴新明", "Wu Xinming", "person"), ("南通", "Nantong", "place")} <= {
        (term.zh, term.en, term.kind) for term in english.terms
    }
    assert network_guard == []


def test_second_build_comes_from_memory_and_edits_retranslate_only_their_sentences(
    argos_packages_dir: Path, tmp_path: Path
) -> None:
    _, first = translate(tmp_path, [article()])
    assert first["a-1"].translated == first["a-1"].sentences == 5
    _, second = translate(tmp_path, [article()])
    assert (second["a-1"].translated, second["a-1"].from_memory) == (0, 5)
    assert second["a-1"] == replace(first["a-1"], translated=0, from_memory=5)
    edited = [PARAGRAPHS[0], "会议强调，要加快发展。", PARAGRAPHS[2]]
    _, third = translate(tmp_path, [article(edited)])
    assert (third["a-1"].translated, third["a-1"].from_memory) == (1, 4)


def test_new_model_version_retranslates(
    argos_packages_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translate(tmp_path, [article()])
    newer = (argos_packages_dir / "translate-zh_en-1.0" / "metadata.json").read_text()
    packages = tmp_path / "packages"
    copy = packages / "translate-zh_en-2.0"
    shutil.copytree(argos_packages_dir / "translate-zh_en-1.0", copy)
    (copy / "metadata.json").write_text(newer.replace('"1.0"', '"2.0"'))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    translator, result = translate(tmp_path, [article()])
    assert translator.model_version == "2.0"
    assert result["a-1"].translated == result["a-1"].sentences


def test_same_text_as_argostranslates_own_loading_code(
    argos_packages_dir: Path, tmp_path: Path
) -> None:
    """Argos' Package + apply_packaged_translation (our splitter in place of its downloading one)."""
    import ctranslate2
    from argostranslate import package as argos_package
    from argostranslate.translate import apply_packaged_translation

    class Splitter:
        def split_sentences(self, text: str) -> list[str]:
            return split_sentences(text)

    (installed,) = argos_package.get_installed_packages([argos_packages_dir])
    model = ctranslate2.Translator(str(installed.package_path / "model"))
    paragraph = "会议指出，要加快发展。大会举行。"
    argos_text = apply_packaged_translation(installed, paragraph, model, Splitter(), 1)[0].value
    assert argos_text == "meeting指出,要加快 development。 大会举行。"
    bare = article([paragraph])
    bare.title = "大会"
    _, ours = translate(tmp_path, [bare])
    assert ours["a-1"].paragraphs[0].replace(" ", "") == argos_text.replace(" ", "")


def test_without_a_model_pages_are_labelled_glosses_and_not_remembered(
    no_argos_packages: Path, tmp_path: Path, network_guard: list
) -> None:
    translator, result = translate(tmp_path, [article()])
    english = result["a-1"]
    assert (translator.engine, english.engine, english.model) == ("gloss", "gloss", None)
    assert "Wu Xinming" in english.paragraphs[0] and "Nantong" in english.paragraphs[0]
    assert (english.translated, english.from_memory) == (0, 0)
    assert not (tmp_path / "translations.sqlite").exists()
    assert network_guard == []


def test_discovery_reads_the_environment_at_call_time(
    argos_packages_dir: Path, no_argos_packages: Path
) -> None:
    assert find_zh_en() is None
    assert find_zh_en(argos_packages_dir) is not None
