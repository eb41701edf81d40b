"""persona-review: pull-request review by a backend reliability persona."""

__version__ = "0.1.0"
