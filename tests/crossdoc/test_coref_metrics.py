"""Coreference metrics against hand-computed values, and the world_event scorer."""

from __future__ import annotations

import pytest

from threatline.eval.coref import b_cubed, ceaf_e, conll, muc, score_clusterings

# Key {1,2,3} {4,5}; response {1,2} {3,4,5}.
KEY = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}
RESPONSE = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"}


def test_perfect_clustering_scores_one() -> None:
    scores = score_clusterings(KEY, KEY)
    assert scores.muc.f1 == scores.b3.f1 == scores.ceaf_e.f1 == scores.conll == 1.0


def test_b_cubed_by_hand() -> None:
    # recall: items 1,2: 2/3 each; 3: 1/3; 4,5: 1 -> (4/3 + 1/3 + 2) / 5
    # precision: items 1,2: 1; 3: 1/3; 4,5: 2/3 -> (2 + 1/3 + 4/3) / 5
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)
    assert score.precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)


def test_muc_by_hand() -> None:
    # recall: {1,2,3} split in 2 parts -> 1 of 2 links; {4,5} kept -> 1 of 1: 2/3
    # precision: {1,2} kept -> 1/1; {3,4,5} split in 2 -> 1 of 2: 2/3
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 3) and score.precision == pytest.approx(2 / 3)


def test_ceaf_e_by_hand() -> None:
    # best alignment: {1,2,3}-{1,2}: 2*2/5 = 0.8; {4,5}-{3,4,5}: 2*2/5 = 0.8 -> 1.6 over 2 and 2
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.8) and score.precision == pytest.approx(0.8)
    expected = (muc(KEY, RESPONSE).f1 + b_cubed(KEY, RESPONSE).f1 + 0.8) / 3
    assert conll(KEY, RESPONSE) == pytest.approx(expected)


def test_extremes() -> None:
    singletons = {i: i for i in KEY}
    one = dict.fromkeys(KEY, "all")
    assert muc(KEY, singletons).recall == 0.0
    assert b_cubed(KEY, singletons).precision == 1.0
    assert b_cubed(KEY, one).recall == 1.0
    assert b_cubed(KEY, one).precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)


def test_items_missing_from_the_response_count_against_recall() -> None:
    partial = {1: "x", 2: "x", 4: "y", 5: "y"}
    score = b_cubed(KEY, partial)
    assert score.precision == 1.0
    assert score.recall == pytest.approx((2 / 3 + 2 / 3 + 0 + 1 + 1) / 5)
