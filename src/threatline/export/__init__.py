"""Exports: JSON Lines and CSV now; PLOVER, CAMEO, ACLED-style and Parquet formats join here."""

from __future__ import annotations

from threatline.export.tabular import export, flatten

__all__ = ["export", "flatten"]
