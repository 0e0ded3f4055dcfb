"""Cutting article text into highlighted segments by offsets."""

from __future__ import annotations

from threatline.web.highlight import Mark, locate, segments

TEXT = "Alpha attacked Beta. Beta said: we will respond."


def _view(text: str, marks: list[Mark]) -> list[tuple[str, list[str]]]:
    return [(s.text, sorted(m.kind for m in s.marks)) for s in segments(text, marks)]


def test_no_marks_is_one_plain_segment() -> None:
    assert _view(TEXT, []) == [(TEXT, [])]
    assert _view("", []) == [("", [])]


def test_segments_rebuild_the_text_and_cover_the_marks() -> None:
    marks = [Mark(0, 19, "event", "e1"), Mark(32, 47, "quote", "q1")]
    view = _view(TEXT, marks)
    assert "".join(t for t, _ in view) == TEXT
    assert view == [
        ("Alpha attacked Beta", ["event"]),
        (". Beta said: ", []),
        ("we will respond", ["quote"]),
        (".", []),
    ]


def test_overlapping_marks_split_into_pieces_with_both() -> None:
    view = _view(TEXT, [Mark(0, 14, "event", "e1"), Mark(6, 19, "quote", "q1")])
    assert view[:3] == [
        ("Alpha ", ["event"]),
        ("attacked", ["event", "quote"]),
        (" Beta", ["quote"]),
    ]


def test_anchor_on_the_first_piece_of_each_record_only() -> None:
    parts = segments(TEXT, [Mark(0, 5, "event", "e1"), Mark(15, 19, "event", "e1")])
    assert [p.anchors for p in parts if p.marks] == [[("event", "e1")], []]


def test_out_of_range_and_empty_marks_are_dropped_or_clipped() -> None:
    view = _view("short", [Mark(3, 99, "event"), Mark(50, 60, "event"), Mark(2, 2, "quote")])
    assert view == [("sho", []), ("rt", ["event"])]


def test_classes_and_titles() -> None:
    part = segments(TEXT, [Mark(0, 5, "event", "e", "ASSAULT A → B", selected=True)])[0]
    assert part.classes == "hl-event selected"
    assert part.title == "ASSAULT A → B"


def test_locate_prefers_the_offsets_then_the_nearest_occurrence() -> None:
    assert locate(TEXT, 0, 5, "Alpha") == (0, 5)
    assert locate(TEXT, 21, 25, "Beta") == (21, 25)
    assert locate(TEXT, 17, 21, "Beta") == (15, 19)
    assert locate(TEXT, 0, 5, "Gamma") is None
    assert locate(TEXT, 200, 205, "") is None
