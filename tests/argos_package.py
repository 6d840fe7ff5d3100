"""Builds a tiny but genuine Argos zh->en package, for tests that must not download a model.

The CTranslate2 Transformer is written by hand from numpy arrays: the encoder
passes one-hot (token, position) vectors through; at decoding step t the
decoder's cross-attention looks only at source position t and copies that
token, except that the words in WORDS come out as fixed English pieces. So the
model copies anything it does not know (names already in Latin letters pass
through) and translates exactly the words below; `</s>` is appended to the
source and maps to itself, which ends decoding after the last source token.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece
from ctranslate2.specs import transformer_spec

WORDS = {"南通": "Nantong", "会议": "meeting", "发展": "development"}
PACKAGE_VERSION = "1.0"
MAX_POSITIONS = 320  # source tokens the tiny model handles (the splitter keeps well below)
ATTENTION_SHARPNESS = 4.0
TRAINING_LINES = [
    "南通召开高质量发展推进会议。",
    "市委书记吴新明出席会议并讲话，增长6.2%。",
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789",
    ".,;:!?'\"()[]-%/+&",
]


def build_package(workdir: Path, version: str = PACKAGE_VERSION) -> Path:
    """Write translate-zh_en-<version>.argosmodel under workdir and return its path."""
    top = workdir / f"translate-zh_en-{version}"
    (top / "model").mkdir(parents=True, exist_ok=True)
    pieces = _train_sentencepiece(top / "sentencepiece.model")
    _save_model(_copying_spec(pieces), top / "model")
    metadata = {
        "package_name": "translate-zh_en",
        "type": "translate",
        "from_code": "zh",
        "from_name": "Chinese",
        "to_code": "en",
        "to_name": "English",
        "package_version": version,
        "argos_version": "1.9",
    }
    (top / "metadata.json").write_text(json.dumps(metadata, indent=1), encoding="utf-8")
    return _zip_folder(top, workdir / f"{top.name}.argosmodel")


def _train_sentencepiece(path: Path) -> list[str]:
    """Character model with the known words (both sides) as whole pieces."""
    symbols = [*WORDS, *(f"▁{english}" for english in WORDS.values())]
    proto = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_LINES),
        model_writer=proto,
        model_type="char",
        vocab_size=len(set("".join(TRAINING_LINES))) + len(symbols) + 3,
        hard_vocab_limit=False,
        character_coverage=1.0,
        user_defined_symbols=symbols,
        minloglevel=2,
    )
    path.write_bytes(proto.getvalue())
    processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
    return [processor.id_to_piece(index) for index in range(processor.get_piece_size())]


def _copying_spec(pieces: list[str]) -> transformer_spec.TransformerSpec:
    """One encoder and one decoder layer wired so that output t = mapping(source t)."""
    vocab, depth = len(pieces), len(pieces) + MAX_POSITIONS
    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1)
    spec.config.add_source_eos = True
    tokens = np.eye(vocab, depth, dtype=np.float32)  # token i -> dimension i
    positions = np.eye(MAX_POSITIONS, depth, k=vocab, dtype=np.float32)  # position p -> vocab + p
    _set_encoder(spec.encoder, tokens, positions)
    _set_decoder(spec.decoder, positions, _output_projection(pieces, depth))
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    return spec


def _set_encoder(encoder, tokens: np.ndarray, positions: np.ndarray) -> None:
    depth = tokens.shape[1]
    encoder.scale_embeddings = False
    encoder.embeddings[0].weight = tokens
    encoder.position_encodings.encodings = positions
    _set_norm(encoder.layer_norm, depth)
    layer = encoder.layer[0]
    _set_attention(
        layer.self_attention, depth, np.zeros((3 * depth, depth)), np.zeros((depth, depth))
    )
    _set_silent_ffn(layer.ffn, depth)


def _set_decoder(decoder, positions: np.ndarray, projection: np.ndarray) -> None:
    vocab, depth = projection.shape
    decoder.scale_embeddings = False
    decoder.embeddings.weight = np.zeros((vocab, depth), dtype=np.float32)
    decoder.position_encodings.encodings = positions
    _set_norm(decoder.layer_norm, depth)
    decoder.projection.weight = projection
    decoder.projection.bias = np.zeros(vocab, dtype=np.float32)
    layer = decoder.layer[0]
    _set_attention(
        layer.self_attention, depth, np.zeros((3 * depth, depth)), np.zeros((depth, depth))
    )
    position_dims = np.diag((np.arange(depth) >= vocab).astype(np.float32))
    token_dims = np.diag((np.arange(depth) < vocab).astype(np.float32))
    query = ATTENTION_SHARPNESS * position_dims  # attend where source position == step
    keys_values = np.concatenate([position_dims, token_dims])  # and read that source token
    _set_attention(layer.attention, depth, query, keys_values, np.eye(depth))
    _set_silent_ffn(layer.ffn, depth)


def _output_projection(pieces: list[str], depth: int) -> np.ndarray:
    """Logit of target j reads the dimension of every source token that maps to j."""
    index = {piece: number for number, piece in enumerate(pieces)}
    projection = np.zeros((len(pieces), depth), dtype=np.float32)
    for number, piece in enumerate(pieces):
        english = WORDS.get(piece)
        projection[index[f"▁{english}"] if english else number, number] = 1.0
    return projection


def _set_attention(attention, depth: int, *linears: np.ndarray) -> None:
    """Weights in CTranslate2's order: fused QKV + out (self), or Q, fused KV, out (cross)."""
    _set_norm(attention.layer_norm, depth)
    for linear, weight in zip(attention.linear, linears, strict=True):
        linear.weight = weight.astype(np.float32)
        linear.bias = np.zeros(weight.shape[0], dtype=np.float32)


def _set_silent_ffn(ffn, depth: int, inner: int = 8) -> None:
    """A feed-forward block that adds nothing, so the residual carries the signal."""
    _set_norm(ffn.layer_norm, depth)
    ffn.linear_0.weight = np.zeros((inner, depth), dtype=np.float32)
    ffn.linear_0.bias = np.zeros(inner, dtype=np.float32)
    ffn.linear_1.weight = np.zeros((depth, inner), dtype=np.float32)
    ffn.linear_1.bias = np.zeros(depth, dtype=np.float32)


def _set_norm(norm, depth: int) -> None:
    norm.gamma = np.ones(depth, dtype=np.float32)
    norm.beta = np.zeros(depth, dtype=np.float32)


def _save_model(spec: transformer_spec.TransformerSpec, directory: Path) -> None:
    spec.validate()
    spec.optimize(quantization=None)
    spec.save(str(directory))
    ctranslate2.Translator(str(directory))  # fail here, not in a test, if CTranslate2 refuses it


def _zip_folder(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.rglob("*")):
            zipped.write(path, path.relative_to(folder.parent).as_posix())
    return archive
