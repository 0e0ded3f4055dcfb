"""TempEval-3 scoring: reading TimeML, gold values, counting; a floor on a real subset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from threatline.eval.timex import (
    GoldTimex,
    TimexScores,
    TmlDoc,
    bench_stage,
    gold_value,
    main,
    read_tml,
    score_doc,
    score_docs,
    tml_files,
)
from threatline.models import TimeMention, TimeValue
from threatline.stages.nlp import load_model

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-04-11" functionInDocument="CREATION_TIME">April 11, 2001</TIMEX3></DCT>
<TEXT>
The harbour closed <TIMEX3 tid="t1" type="DATE" value="2001-04-10">yesterday</TIMEX3> after a storm that lasted <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>; it reopens <TIMEX3 tid="t3" type="DATE" value="2001-W16">next week</TIMEX3>, <EVENT eid="e1">said</EVENT> officials <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""  # noqa: E501


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1998-08-07", "1998-08-07"),
        ("1998-08-07T13:37", "1998-08-07"),
        ("1998-08", "1998-08"),
        ("1998", "1998"),
        ("1989-Q3", "1989"),
        ("1998-SU", "1998"),
        ("2001-W16", "2001-04"),  # 16-22 April 2001
        ("2000-W52", "2000-12"),
        ("2001-W01", "2001-01"),  # 1-7 January 2001
        ("2004-W53", "2004"),  # 27 December 2004 to 2 January 2005: most days in 2004
        ("2004-W53-WE", "2005-01"),  # its weekend: 1-2 January 2005
        ("PRESENT_REF", None),
        ("199", None),
        ("XXXX-08-15", None),
        ("1998-13", None),
    ],
)
def test_gold_values(value: str, expected: str | None) -> None:
    found = gold_value(value)
    assert (str(found) if found is not None else None) == expected


def test_read_tml(tmp_path: Path) -> None:
    path = tmp_path / "t1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == dt.date(2001, 4, 11)
    assert [g.text for g in doc.timexes] == ["yesterday", "three days", "next week", "now"]
    assert all(doc.text[g.start : g.end] == g.text for g in doc.timexes)
    assert "<" not in doc.text and "said officials" in doc.text
    assert tml_files([tmp_path]) == [path]


def _mention(doc: TmlDoc, text: str, value: str | None, kind: str = "relative") -> TimeMention:
    start = doc.text.index(text)
    parsed = TimeValue.parse(value) if value else None
    return TimeMention(start=start, end=start + len(text), text=text, value=parsed, kind=kind)


def test_score_doc_counts(tmp_path: Path) -> None:
    path = tmp_path / "t1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    found = [
        _mention(doc, "yesterday", "2001-04-10"),
        _mention(doc, "three days", None, "duration"),  # durations are left out
        _mention(doc, "next week", "2001-04-16"),  # finer than the gold week: cut to month
        _mention(doc, "storm", "2001-04"),  # no gold there: a false positive
    ]
    scores = TimexScores()
    score_doc(doc, found, scores)
    assert (scores.gold, scores.gold_matched) == (3, 2)  # DATE and TIME only
    assert (scores.found, scores.found_matched, scores.found_ignored) == (3, 2, 0)
    assert (scores.values_scored, scores.values_correct) == (2, 2)
    wrong = [_mention(doc, "yesterday", "2001-04"), _mention(doc, "next week", "2001-05")]
    scores = TimexScores()
    score_doc(doc, wrong, scores)
    # a value coarser than the gold one, or another period, is wrong
    assert (scores.values_scored, scores.values_correct) == (2, 0)
    assert [e["text"] for e in scores.errors] == ["yesterday", "next week"]


def test_empty_scores_are_zero() -> None:
    scores = TimexScores()
    assert (scores.span_recall, scores.span_precision, scores.value_accuracy) == (0, 0, 0)
    assert GoldTimex(0, 1, "x", "DATE", "1999").value == "1999"


@pytest.mark.shared
def test_tempeval_subset_floor(shared: Path) -> None:
    root = shared / "data" / "tempeval3" / "Training" / "TBAQ-cleaned"
    if not root.is_dir():
        pytest.skip("TempEval-3 data not present")
    files = tml_files([root / "TimeBank"])[:20] + tml_files([root / "AQUAINT"])[:10]
    scores = score_docs((read_tml(f) for f in files), load_model())
    # measured 0.859 / 0.974 / 0.899 on this subset with the shipped model
    assert scores.docs == 30
    assert scores.span_recall >= 0.80
    assert scores.span_precision >= 0.93
    assert scores.value_accuracy >= 0.85


@pytest.mark.shared
def test_cli_entry(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = shared / "data" / "tempeval3" / "Training" / "TBAQ-cleaned" / "TimeBank"
    if not root.is_dir():
        pytest.skip("TempEval-3 data not present")
    assert main([str(root), "--limit", "2", "--errors", "1"]) == 0
    out = capsys.readouterr().out
    assert '"docs": 2' in out and "value_accuracy" in out


def test_bench_reports_every_figure() -> None:
    import spacy

    texts = ["Rebels attacked the base on Monday.", "The 2019 accord collapsed last month."]
    figures = bench_stage(texts, spacy.blank("en"), repeats=2)
    assert set(figures) == {"words", "parse", "time_undated", "time_dated"}
    assert figures["words"] == 12
