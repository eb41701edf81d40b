"""Entrypoint of the Docker action."""

from __future__ import annotations

import sys

from persona_review.action.main import main

if __name__ == "__main__":
    sys.exit(main())
