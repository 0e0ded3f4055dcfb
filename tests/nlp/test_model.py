"""The shipped pipeline loads and parses; another pipeline can be chosen by name or path."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatline.errors import ModelError
from threatline.stages.nlp import load_model, model_info, model_path


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model()


def test_shipped_model_parses(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "The army said on Monday that rebels attacked a base near Kabul. Two soldiers were killed."
    )
    assert len(list(doc.sents)) == 2
    assert {t.pos_ for t in doc} >= {"NOUN", "VERB", "PROPN"}
    roots = [t for t in doc if t.dep_ == "ROOT"]
    assert len(roots) == 2
    assert any(t.lemma_ == "attack" for t in doc)
    assert any(e.label_ == "LOC" and "Kabul" in e.text for e in doc.ents)


def test_model_size_and_meta() -> None:
    path = model_path()
    assert path is not None
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 30e6
    info = model_info()
    assert info["license"] == "CC BY-SA 4.0"
    assert {"uas", "las", "upos", "ner_f"} <= set(info["test_scores"]["raw_text"])


def test_another_pipeline_by_path(tmp_path: Path) -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "mini")
    nlp = load_model(str(tmp_path / "mini"))
    assert nlp.pipe_names == ["sentencizer"]
    assert model_info(str(tmp_path / "mini"))["components"] == ["sentencizer"]


def test_unknown_pipeline_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="no_such_pipeline"):
        load_model("no_such_pipeline")
