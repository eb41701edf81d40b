"""Token estimates made before sending, without a network call.

Code averages a little over three characters per token with Claude's tokenizer; counting one token per
three characters (rounded up) over-estimates slightly, which is the safe side for budgets.
"""

from __future__ import annotations

import json

CHARS_PER_TOKEN = 3


def estimate_tokens(text: str) -> int:
    return (len(text) + CHARS_PER_TOKEN - 1) // CHARS_PER_TOKEN


def estimate_json_tokens(value: object) -> int:
    return estimate_tokens(json.dumps(value, ensure_ascii=False))
