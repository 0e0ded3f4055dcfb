"""CAMEO/GDELT TSV: the code tables agree with the CAMEO codebook, and the TSV reads back typed."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from threatline.export import export
from threatline.export.cameo import CAMEO_COLUMNS
from threatline.export.cameo_codes import (
    CROSS_CATEGORY,
    PLOVER_TO_CAMEO,
    THREAT_TO_CAMEO,
    cameo_code,
    goldstein,
    quad_class,
)
from threatline.export.plover_codes import PLOVER_SCORE
from threatline.models import Event, EventType
from threatline.store import SqlStore


def _codebook(shared: Path) -> set[str]:
    """Every code of the CAMEO 1.1b3 codebook (the version PLOVER's CAMEO2PLOVER table uses)."""
    text = (shared / "data" / "cameo-codebook" / "cameo_structure.txt").read_text()
    return set(re.findall(r"^\s*(\d{2,4}):", text, flags=re.M))


def _cameo_to_plover(shared: Path) -> dict[str, str]:
    text = (shared / "data" / "plover" / "CAMEO2PLOVER-2021.txt").read_text()
    return dict(re.findall(r"^(\d{3,4}):\s*([A-Z]+)\s*,", text, flags=re.M))


@pytest.mark.shared
def test_mapped_codes_exist_in_the_cameo_codebook(shared: Path) -> None:
    codebook = _codebook(shared)
    assert len(codebook) > 250
    used = set(PLOVER_TO_CAMEO.values()) | set(THREAT_TO_CAMEO.values())
    assert used <= codebook, used - codebook


@pytest.mark.shared
def test_mapped_codes_map_back_to_their_plover_type(shared: Path) -> None:
    back = _cameo_to_plover(shared)
    assert len(back) > 200
    for (plover_type, mode), code in PLOVER_TO_CAMEO.items():
        if code in CROSS_CATEGORY:
            assert back[code] != plover_type.value  # the exception list holds only exceptions
            continue
        assert back.get(code) == plover_type.value, (plover_type, mode, code)
    for code in THREAT_TO_CAMEO.values():
        assert back[code] == "THREATEN"


@pytest.mark.shared
def test_every_codebook_code_has_a_goldstein_value_and_quad(shared: Path) -> None:
    for code in _codebook(shared):
        value = goldstein(code)
        assert value is not None and -10 <= value <= 10, code
        assert quad_class(code) in (1, 2, 3, 4)


def test_goldstein_and_quad_follow_cooperation_and_conflict() -> None:
    for code in set(PLOVER_TO_CAMEO.values()):
        value, quad = goldstein(code), quad_class(code)
        assert value is not None and quad is not None
        if quad == 4:
            assert value < 0, code
        if quad == 2:
            assert value > 0, code
    assert goldstein("1823") != goldstein("182")  # a listed sub-code overrides its parent
    assert goldstein("1311") == goldstein("131")  # an unlisted one inherits it
    assert goldstein("99") is None and quad_class("99") is None


def test_every_plover_type_and_mode_has_a_code() -> None:
    for plover_type, mode in PLOVER_SCORE:
        ev = Event.model_validate(
            {"id": "x", "type": plover_type, "mode": mode,
             "mentions": [{"doc": "d", "start": 0, "end": 1, "text": "x"}]}
        )  # fmt: skip
        code = cameo_code(ev)
        assert code[:2].isdigit()
        if mode is None:
            assert code == PLOVER_TO_CAMEO[(plover_type, None)]


def test_threatened_type_picks_the_code_of_a_threat_without_mode(events: list[Event]) -> None:
    threat = next(ev for ev in events if ev.type is EventType.THREATEN)
    bare = threat.model_copy(update={"mode": None})
    assert (
        cameo_code(bare)
        == THREAT_TO_CAMEO[EventType.ASSAULT]
        != cameo_code(bare.model_copy(update={"threatened_type": None}))
    )


def _tsv(store: SqlStore) -> pd.DataFrame:
    out = io.StringIO()
    n = export(store, "events", "cameo", out)
    frame = pd.read_csv(io.StringIO(out.getvalue()), sep="\t", dtype={"EventCode": str,
                        "EventBaseCode": str, "EventRootCode": str})  # fmt: skip
    assert len(frame) == n
    return frame


def test_tsv_has_the_gdelt_columns_and_types(store: SqlStore) -> None:
    frame = _tsv(store)
    assert tuple(frame.columns) == CAMEO_COLUMNS
    assert frame["GLOBALEVENTID"].is_unique
    assert pd.api.types.is_integer_dtype(frame["GLOBALEVENTID"])
    assert pd.api.types.is_integer_dtype(frame["QuadClass"])
    assert pd.api.types.is_float_dtype(frame["GoldsteinScale"])
    assert pd.api.types.is_integer_dtype(frame["NumMentions"])
    assert pd.api.types.is_bool_dtype(frame["historical"])
    assert frame["EventCode"].str.fullmatch(r"\d{2,4}").all()
    assert (frame["EventRootCode"] == frame["EventCode"].str[:2]).all()


def test_tsv_rows_match_the_events(store: SqlStore) -> None:
    frame = _tsv(store).set_index("threatline_id")
    for ev in store.events():
        row = frame.loc[ev.id]
        assert row["plover_type"] == ev.type.value and row["status"] == ev.status.value
        assert row["EventCode"] == cameo_code(ev)
        assert row["NumMentions"] == len(ev.mentions) and row["NumArticles"] == len(ev.docs)
        if ev.date is not None:
            assert row["SQLDATE"] == int(ev.date.start.strftime("%Y%m%d"))
            assert row["Year"] == ev.date.start.year
            assert row["date_precision"] == ev.date.precision.value
        else:
            assert pd.isna(row["SQLDATE"])
    drone = frame[frame["plover_mode"] == "drone"].iloc[0]
    assert drone["Actor1Code"] == "USAMIL" and drone["Actor1CountryCode"] == "USA"
    assert drone["Actor2Name"] == "Qassem Soleimani" and drone["Actor2Type1Code"] == "MIL"
    assert drone["ActionGeo_CountryCode"] == "IZ"  # GDELT's FIPS 10-4 code for Iraq
    assert drone["ActionGeo_Type"] == 4 and drone["ActionGeo_FullName"] == "Baghdad, Iraq"
    assert drone["SOURCEURL"] == "http://a.example/1" and drone["DATEADDED"] == 20200104
    assert drone["NumSources"] == 2 and drone["IsRootEvent"] == 1
    denied = frame[frame["status"] == "denied"].iloc[0]
    assert denied["EventCode"] == "183"  # the event's own CAMEO code wins
    threat = frame[frame["plover_type"] == "THREATEN"].iloc[0]
    assert pd.isna(threat["Actor1CountryCode"]) and threat["Actor1Code"] == "HEZBOLLAH"
    assert threat["QuadClass"] == 3
