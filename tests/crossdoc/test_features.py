"""Mention features: date intervals agree with TimeValue.compatible, symmetric actors, places."""

from __future__ import annotations

import itertools

from tests.crossdoc.builders import mention
from threatline.crossdoc.features import date_key, features_of, place_key
from threatline.models import EventType, TimeValue

DATES = ["2020", "2021", "2020-01", "2020-02", "2020-12", "2020-01-03", "2020-01-31",
         "2020-02-01", "2020-12-31", "2021-01-01", "2019-12-31"]  # fmt: skip


def test_overlap_is_compatibility() -> None:
    for a, b in itertools.product(DATES, DATES):
        ta, tb = TimeValue.parse(a), TimeValue.parse(b)
        ka, kb = date_key(ta), date_key(tb)
        assert ka is not None and kb is not None
        assert ka.overlaps(kb) is ta.compatible(tb), (a, b)
        assert ka.to_time() == ta


def test_symmetric_types_order_their_actors() -> None:
    a = features_of(mention(type=EventType.CONSULT, source="ZZZ", target="AAA", source_person="Z"))
    assert (a.source, a.target, a.target_person) == ("AAA", "ZZZ", "z")
    b = features_of(mention(type=EventType.ASSAULT, source="ZZZ", target="AAA"))
    assert (b.source, b.target) == ("ZZZ", "AAA")


def test_place_names_compare_by_words() -> None:
    city = place_key("Baghdad", "irq", None, None)
    inner = place_key("central Baghdad", "IRQ", None, None)
    other = place_key("Baghdadi Street", "IRQ", None, None)
    assert city is not None and inner is not None and other is not None
    assert city.country == "IRQ"
    assert city.same_or_within(inner) and not city.same_or_within(other)
    assert place_key(None, None, None, None) is None


def test_distance_between_places() -> None:
    baghdad = place_key("Baghdad", "IRQ", 33.31, 44.36)
    airport = place_key("Baghdad airport", "IRQ", 33.26, 44.23)
    kyiv = place_key("Kyiv", "UKR", 50.45, 30.52)
    assert baghdad is not None and airport is not None and kyiv is not None
    assert (baghdad.km(airport) or 99) < 20
    assert (baghdad.km(kyiv) or 0) > 2000
    assert baghdad.km(place_key("X", None, None, None) or baghdad) in (None, 0.0)
