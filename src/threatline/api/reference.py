"""``/api/docs``: the API reference, rendered on the server from the app's own OpenAPI schema.

No Swagger UI: it would load scripts from a CDN (or need megabytes vendored); the machine
readable schema stays at ``/openapi.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["Operation", "Parameter", "operations", "router"]


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    tag: str
    parameters: list[Parameter] = field(default_factory=list)
    body: str | None = None
    responses: list[tuple[str, str]] = field(default_factory=list)
    auth: bool = False


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        resolved = components.get(ref.rsplit("/", 1)[-1], {})
        return resolved if isinstance(resolved, dict) else {}
    return schema


def _kind(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A short human description of a JSON schema: type, enum values, bounds."""
    schema = _resolve(schema, components)
    options = schema.get("anyOf")
    if isinstance(options, list):
        kinds = [_kind(o, components) for o in options if o.get("type") != "null"]
        return " | ".join(kinds) or "null"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    kind = str(schema.get("format") or schema.get("type") or schema.get("title") or "object")
    bounds = [
        f"{label} {schema[key]}"
        for key, label in (("minimum", ">="), ("maximum", "<="), ("maxLength", "length <="))
        if key in schema
    ]
    if "default" in schema and schema["default"] is not None:
        bounds.append(f"default {schema['default']}")
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def operations(spec: dict[str, Any]) -> list[Operation]:
    """The operations of an OpenAPI document, in path order."""
    components = spec.get("components", {}).get("schemas", {})
    out: list[Operation] = []
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            params = [
                Parameter(
                    name=p["name"],
                    where=p["in"],
                    required=bool(p.get("required")),
                    kind=_kind(p.get("schema", {}), components),
                    description=str(
                        p.get("description") or p.get("schema", {}).get("description") or ""
                    ),
                )
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            out.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=str(op.get("summary", "")),
                    description=str(op.get("description", "")),
                    tag=str((op.get("tags") or ["other"])[0]),
                    parameters=params,
                    body=_kind(body["schema"], components) if "schema" in body else None,
                    responses=[
                        (code, str(resp.get("description", "")))
                        for code, resp in op.get("responses", {}).items()
                    ],
                    auth=bool(op.get("security")),
                )
            )
    return out


def api_docs(request: Request) -> HTMLResponse:
    from threatline.web.pages import render

    spec = request.app.openapi()
    return render(
        request,
        "apidocs.html",
        "api",
        operations=operations(spec),
        title=spec["info"]["title"],
        spec=spec["info"],
        filters={},
    )


def router() -> APIRouter:
    """``/api/docs`` (a new router per app)."""
    r = APIRouter()
    r.add_api_route(
        "/api/docs", api_docs, methods=["GET"], response_class=HTMLResponse, include_in_schema=False
    )
    return r
