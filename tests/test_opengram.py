"""open-gram, sunpinyin's word trigram, written as ARPA text that kenlm reads (opengram.py)."""

from __future__ import annotations

import math
import shutil
import struct
from pathlib import Path

import pytest

from generator.normalize import opengram, wordlm
from tests.shared_data import missing


def _model_or_skip() -> Path:
    model = opengram.model_path()
    if model is None or shutil.which(opengram.PRINTER) is None:
        message = "no open-gram (scripts/test installs sunpinyin-data and sunpinyin-utils)"
        missing(message)
    return model


def test_the_lexicon_numbers_the_models_words() -> None:
    lexicon = _model_or_skip().with_name(opengram.LEXICON)
    words = opengram.lexicon(lexicon)
    assert len(words) == struct.unpack_from("<I", lexicon.read_bytes())[0]
    assert words[70:72] == ["，", "。"]
    assert {"心情", "老百姓", "犯愁"} <= set(words)


def test_a_lexicon_promising_more_words_than_it_holds_is_refused(tmp_path: Path) -> None:
    short = tmp_path / opengram.LEXICON
    short.write_bytes(struct.pack("<3I", 3, 0, 12) + "一\0二\0".encode("utf-32-le"))
    with pytest.raises(ValueError, match="2 words where the header promises 3"):
        opengram.lexicon(short)


def test_the_arpa_file_gives_the_models_own_probabilities() -> None:
    import kenlm

    model = _model_or_skip()
    words = opengram.lexicon(model.with_name(opengram.LEXICON))
    pair = (words.index("老百姓"), words.index("的"))
    printed = opengram.printed_ngrams(opengram._printed(model))
    cost = next(cost for ids, cost, _ in printed if ids == pair)
    lm = kenlm.Model(str(opengram.arpa_file(model)))
    start, after, end = kenlm.State(), kenlm.State(), kenlm.State()
    lm.NullContextWrite(start)
    lm.BaseScore(start, "老百姓", after)
    assert lm.BaseScore(after, "的", end) == pytest.approx(-cost / math.log(10), abs=1e-5)


def test_a_file_that_is_no_model_is_named_and_left_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = _model_or_skip()
    shutil.copy(model.with_name(opengram.LEXICON), tmp_path)
    bad = tmp_path / model.name
    bad.write_text("not a model", encoding="utf-8")
    monkeypatch.setenv(opengram.MODEL_ENV, str(bad))
    monkeypatch.setenv(wordlm.MODEL_ENV, "")
    wordlm.reset()
    try:
        with pytest.warns(UserWarning, match=f"{bad} cannot be read"):
            assert not wordlm.available()
        assert wordlm.log_ratio("是心情好") == 0.0
    finally:
        monkeypatch.undo()
        wordlm.reset()


def test_without_the_printer_the_package_to_install_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OSError, match="sunpinyin-utils"):
        opengram.write_arpa(tmp_path / "lm_sc.t3g", tmp_path / "out.arpa")
