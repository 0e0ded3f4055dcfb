"""``python -m threatline`` runs the command-line interface."""

from __future__ import annotations

from threatline.cli import main

if __name__ == "__main__":
    main()
