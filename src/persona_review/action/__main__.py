"""Entrypoint of the Docker action."""

from __future__ import annotations

import sys

from persona_review.gc_pacing import pace_short_run

if __name__ == "__main__":
    pace_short_run()  # before the Action's modules are imported
    from persona_review.action.main import main

    sys.exit(main())
