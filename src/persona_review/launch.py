"""The `persona-review` command's entry point: paces the garbage collector for a short run (see
`gc_pacing`), then imports and runs the command line. Kept apart from `cli` so that the pacing comes before
the command's imports."""

from __future__ import annotations


def main() -> int:
    from persona_review.gc_pacing import pace_short_run

    pace_short_run()
    from persona_review.cli import main as cli_main

    return cli_main()
