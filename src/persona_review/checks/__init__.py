"""Deterministic checks. Each module in this package registers its checks on import (see `registry`)."""
