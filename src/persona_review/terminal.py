"""The terminal's width, as `shutil.get_terminal_size` reads it, without importing `shutil` (which brings the
bz2 and lzma modules with it): the text report and the command line's help both ask, on every run."""

from __future__ import annotations

import os
import sys

DEFAULT_COLUMNS = 100


def terminal_columns(default: int = DEFAULT_COLUMNS) -> int:
    """`COLUMNS` when set to a positive number, else the width of the terminal on standard output, else
    `default`."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else default
