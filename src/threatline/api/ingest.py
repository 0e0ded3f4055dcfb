"""``POST /api/ingest``: the only write endpoint, behind a bearer token.

Disabled (403) unless ``settings.api_token`` is set; a missing or wrong token is a 401. The
records (JSONL input records, DESIGN.md §3) go through the library's ingest, one run at a time.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, model_validator

from threatline.api.schemas import ErrorOut, IngestFailure, IngestResult
from threatline.api.state import AppState, get_state

__all__ = ["IngestRecord", "IngestRequest", "router"]

MAX_RECORDS = 1000

BEARER = HTTPBearer(auto_error=False, description="The token set as api_token in the settings.")


class IngestRecord(BaseModel):
    """One article, as a JSONL input line: ``text`` or ``html`` is required."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=512)
    text: str | None = None
    html: str | None = None
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    published: str | None = Field(
        default=None, max_length=64, description="Publication date (ISO 8601 or a common format)."
    )
    outlet: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _has_content(self) -> IngestRecord:
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError("a record needs a non-empty 'text' or 'html'")
        return self


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    records: list[IngestRecord] = Field(min_length=1, max_length=MAX_RECORDS)


def require_token(
    state: Annotated[AppState, Depends(get_state)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
) -> AppState:
    if not state.api_token:
        raise HTTPException(403, "ingest over the API is disabled: no api_token is configured")
    if credentials is None or not secrets.compare_digest(
        credentials.credentials.encode(), state.api_token.encode()
    ):
        raise HTTPException(
            401,
            "a valid 'Authorization: Bearer <token>' header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return state


def _responses() -> dict[int | str, dict[str, Any]]:
    return {
        401: {"model": ErrorOut, "description": "Missing or wrong bearer token."},
        403: {"model": ErrorOut, "description": "Ingest is disabled (no api_token configured)."},
        422: {"model": ErrorOut, "description": "Invalid records."},
    }


def ingest_records(
    body: IngestRequest, state: Annotated[AppState, Depends(require_token)]
) -> IngestResult:
    """Run the ingest pipeline over the records (stored, deduplicated, merged like the CLI)."""
    from threatline.config import load_settings
    from threatline.ingest import ingest

    settings = state.settings or load_settings()
    with state.ingest_lock, tempfile.TemporaryDirectory(prefix="threatline-api-") as tmp:
        path = Path(tmp) / "records.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in body.records:
                fh.write(json.dumps(rec.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
        report = ingest([str(path)], state.store, settings)
    return IngestResult(
        **{k: v for k, v in report.as_dict().items() if k in IngestResult.model_fields},
        failures=[
            IngestFailure(
                input="request" if f.input == str(path) else f.input,
                line=f.line,
                code=f.code,
                message=f.message,
                doc=f.doc,
            )
            for f in report.failures
        ],
    )


def router() -> APIRouter:
    """``POST /api/ingest`` (a new router per app)."""
    r = APIRouter(prefix="/api")
    r.add_api_route(
        "/ingest",
        ingest_records,
        methods=["POST"],
        response_model=IngestResult,
        responses=_responses(),
        tags=["ingest"],
    )
    return r
