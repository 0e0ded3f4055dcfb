"""The web tests use the API tests' synthetic store and in-process client."""

from __future__ import annotations

from tests.api.conftest import api_store, client, empty_store, synthetic

__all__ = ["api_store", "client", "empty_store", "synthetic"]
