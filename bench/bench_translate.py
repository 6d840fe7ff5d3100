"""Translation throughput: Argos' own path vs this project's stage vs raw CTranslate2.

No real zh->en model can be downloaded here, so the model is a random-weight
Transformer-base (6+6 layers, d_model 512, 8 heads, 32k vocabulary, int8)
packaged like an Argos package. Random weights never emit </s>, so every side
decodes to the same fixed cap with the same beam size.

    python bench/bench_translate.py [--sentences 2000] [--cap 32] [--beam 4]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece
from ctranslate2.specs import transformer_spec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.shared import gold_texts
from generator.models import Article
from generator.translate import DecodingSettings, Translator
from generator.translate.glossary import load_glossary
from generator.translate.packages import find_zh_en
from generator.translate.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parent.parent / "sources"
VOCAB, DEPTH, HEADS, LAYERS, FFN = 32000, 512, 8, 6, 2048
SENTENCES_PER_PARAGRAPH = 5


def main() -> None:
    options = _options()
    work = Path(tempfile.mkdtemp(prefix="bench-translate-"))
    sentences = _distinct_sentences(options.sentences)
    package_dir = _build_package(work / "packages" / "translate-zh_en-bench", sentences)
    paragraphs = _paragraphs(sentences)
    settings = DecodingSettings(
        beam_size=options.beam,
        max_decoding_length=options.cap,
        length_ratio=None,
        retry_degenerate=False,  # random weights always hit the cap; Argos has no retry either
    )
    print(
        f"{len(sentences)} sentences in {len(paragraphs)} paragraphs, beam {options.beam}, "
        f"decoding cap {options.cap} tokens, {os.cpu_count()} cores"
    )
    ceiling = _timed(
        "(c) raw translate_batch", len(sentences), lambda: _raw(package_dir, sentences, settings)
    )
    ours = _timed("(b) this stage", len(sentences), lambda: _stage(work, paragraphs, settings))
    argos = _timed(
        "(a) argostranslate path",
        len(sentences),
        lambda: _argos(package_dir, paragraphs, options.cap),
    )
    print(f"(b)/(a) = {ours / argos:.1f}x   (target >= 3x)")
    print(f"(b)/(c) = {ours / ceiling:.2f}    (target >= 0.8)")
    _rebuild_from_memory(work, settings)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--cap", type=int, default=32, help="max decoding length on every side")
    parser.add_argument("--beam", type=int, default=4)
    return parser.parse_args()


def _timed(label: str, count: int, run) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:28s} {seconds:7.1f} s  {count / seconds:7.1f} sentences/s")
    return count / seconds


def _distinct_sentences(count: int) -> list[str]:
    """Sentences of the gold texts, numbered so none repeats (memory must not help)."""
    base = [
        s
        for path in gold_texts()
        for line in path.read_text().splitlines()
        for s in split_sentences(line)
    ]
    return [f"第{index}项，{base[index % len(base)]}" for index in range(count)]


def _paragraphs(sentences: list[str]) -> list[str]:
    step = SENTENCES_PER_PARAGRAPH
    return ["".join(sentences[start : start + step]) for start in range(0, len(sentences), step)]


def _build_package(folder: Path, sentences: list[str]) -> Path:
    """sentencepiece trained on the inputs, plus a random int8 Transformer-base."""
    (folder / "model").mkdir(parents=True)
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_prefix=str(folder / "sentencepiece"),
        vocab_size=1500,
        character_coverage=1.0,
        minloglevel=2,
    )
    pieces_model = sentencepiece.SentencePieceProcessor(
        model_file=str(folder / "sentencepiece.model")
    )
    pieces = [pieces_model.id_to_piece(i) for i in range(pieces_model.get_piece_size())]
    vocabulary = pieces + [f"<filler{i}>" for i in range(VOCAB - len(pieces))]
    spec = _random_spec(np.random.default_rng(0))
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(folder / "model"))
    (folder / "metadata.json").write_text(
        '{"type": "translate", "from_code": "zh", "to_code": "en", "package_version": "bench",'
        ' "argos_version": "1.9", "from_name": "Chinese", "to_name": "English"}'
    )
    return folder


def _random_spec(rng: np.random.Generator) -> transformer_spec.TransformerSpec:
    spec = transformer_spec.TransformerSpec.from_config(LAYERS, HEADS)
    spec.encoder.embeddings[0].weight = _random(rng, VOCAB, DEPTH)
    spec.decoder.embeddings.weight = _random(rng, VOCAB, DEPTH)
    spec.decoder.projection.weight = _random(rng, VOCAB, DEPTH)
    spec.decoder.projection.bias = np.zeros(VOCAB, np.float32)
    for norm in (spec.encoder.layer_norm, spec.decoder.layer_norm):
        _norm(norm)
    for layer in spec.encoder.layer:
        _attention(rng, layer.self_attention, (3 * DEPTH, DEPTH))
        _ffn(rng, layer.ffn)
    for layer in spec.decoder.layer:
        _attention(rng, layer.self_attention, (3 * DEPTH, DEPTH))
        _attention(rng, layer.attention, (DEPTH, DEPTH), (2 * DEPTH, DEPTH))
        _ffn(rng, layer.ffn)
    return spec


def _attention(rng: np.random.Generator, attention, *inputs: tuple[int, int]) -> None:
    _norm(attention.layer_norm)
    for linear, shape in zip(attention.linear, (*inputs, (DEPTH, DEPTH)), strict=True):
        linear.weight = _random(rng, *shape)
        linear.bias = np.zeros(shape[0], np.float32)


def _ffn(rng: np.random.Generator, ffn) -> None:
    _norm(ffn.layer_norm)
    ffn.linear_0.weight, ffn.linear_0.bias = _random(rng, FFN, DEPTH), np.zeros(FFN, np.float32)
    ffn.linear_1.weight, ffn.linear_1.bias = _random(rng, DEPTH, FFN), np.zeros(DEPTH, np.float32)


def _norm(norm) -> None:
    norm.gamma, norm.beta = np.ones(DEPTH, np.float32), np.zeros(DEPTH, np.float32)


def _random(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return (rng.standard_normal(shape, dtype=np.float32) * 0.05).astype(np.float32)


def _raw(package_dir: Path, sentences: list[str], settings: DecodingSettings) -> None:
    """The ceiling: one translate_batch call over pre-tokenized input."""
    pieces = sentencepiece.SentencePieceProcessor(
        model_file=str(package_dir / "sentencepiece.model")
    )
    tokens = pieces.encode(sentences, out_type=str)
    model = ctranslate2.Translator(  # the stage's own threading: the best measured here
        str(package_dir / "model"), inter_threads=os.cpu_count() or 1, intra_threads=1
    )
    model.translate_batch(
        tokens,
        max_batch_size=settings.max_batch_tokens,
        batch_type="tokens",
        beam_size=settings.beam_size,
        max_decoding_length=settings.max_decoding_length,
        length_penalty=0.2,
        replace_unknowns=True,
    )


def _stage(work: Path, paragraphs: list[str], settings: DecodingSettings) -> None:
    """This project's stage, from a cold memory, over articles of 20 paragraphs."""
    articles = [
        Article(
            id=f"b-{start}",
            source="bench",
            source_sha256="0",
            index=1,
            title=paragraphs[start][:12],
            paragraphs=paragraphs[start : start + 20],
        )
        for start in range(0, len(paragraphs), 20)
    ]
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    translator = Translator(
        find_zh_en(), work / "state" / "translations.sqlite", settings, load_glossary()
    )
    translator.translate(articles)
    translator.close()


def _argos(package_dir: Path, paragraphs: list[str], cap: int) -> None:
    """argostranslate's PackageTranslation loop, paragraph by paragraph (our splitter: theirs downloads)."""
    from argostranslate import package, settings
    from argostranslate.translate import apply_packaged_translation

    class CappedTranslator:  # Argos passes no decoding cap; give it the same one as the others
        def __init__(self, model: ctranslate2.Translator):
            self.model = model

        def translate_batch(self, *args, **kwargs):
            return self.model.translate_batch(*args, max_decoding_length=cap, **kwargs)

    class Splitter:
        def split_sentences(self, text: str) -> list[str]:
            return split_sentences(text)

    pkg = package.Package(package_dir)
    model = CappedTranslator(
        ctranslate2.Translator(
            str(package_dir / "model"),
            inter_threads=settings.inter_threads,
            intra_threads=settings.intra_threads,
        )
    )
    for paragraph in paragraphs:
        apply_packaged_translation(pkg, paragraph, model, Splitter(), 1)


def _rebuild_from_memory(work: Path, settings: DecodingSettings) -> None:
    """The sample drop translated twice; the second run is all from memory."""
    articles = [
        Article(
            id=path.stem,
            source=path.name,
            source_sha256="0",
            index=1,
            title=path.read_text().splitlines()[0],
            paragraphs=path.read_text().splitlines(),
        )
        for path in gold_texts()
    ]
    for label in ("sample drop, first build", "sample drop, all in memory"):
        start = time.perf_counter()
        translator = Translator(
            find_zh_en(), work / "state" / "translations.sqlite", settings, load_glossary()
        )
        result = translator.translate(articles)
        translator.close()
        seconds = time.perf_counter() - start
        translated = sum(t.translated for t in result.values())
        remembered = sum(t.from_memory for t in result.values())
        print(f"{label:28s} {seconds:7.2f} s  translated {translated}, from memory {remembered}")


if __name__ == "__main__":
    main()
