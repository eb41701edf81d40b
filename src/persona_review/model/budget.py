"""How much of a PR the model reviews: per-request size, total input tokens and estimated cost.

Every request carries the system prompt and the tool schema, so the room left for diff in one request
is `max-request-tokens` minus those. Chunks are then taken in risk order while the running totals stay
under `max-input-tokens` (tokens billed as fresh input: every request's diff and framing, plus the system
prompt for the request that writes the prompt cache; cached reads of it are billed at a tenth and are
left to `max-cost-usd`) and, when set, `max-cost-usd`; the first chunk that would pass either limit and
everything after it are left over and listed as unreviewed. The cached prefix is the tools, the system
prompt and the block of the user message every request shares (PR text and file manifest). The cost
estimate assumes the first request (sent alone) writes the prompt cache and the others read it, and
about `EXPECTED_OUTPUT` tokens of reply per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from persona_review.config import Config
from persona_review.diff import DiffFile
from persona_review.model.chunking import Chunk, Renderer, plan_chunks
from persona_review.model.pricing import Price
from persona_review.model.prompt import diff_message, pr_context
from persona_review.model.tokens import estimate_json_tokens, estimate_tokens
from persona_review.result import Usage

EXPECTED_OUTPUT = 800
MESSAGE_OVERHEAD = 50
NAMED_LEFT_OUT = 10


class Plan(NamedTuple):
    chunks: list[Chunk]
    left_over: list[Chunk]
    reason: str
    """Why there are left-over chunks (empty when none)."""
    request_overhead: int
    """Estimated tokens every request carries besides its diff: system, tools, PR text, framing."""


def make_plan(files: Sequence[DiffFile], render: Renderer, *, system: list[dict[str, Any]],
              tools: list[dict[str, Any]], pr_text: str | None, config: Config, price: Price,
              shared_text: str | None = None) -> Plan:
    """`shared_text`: the user message's shared block (PR text, manifest, repository instructions), by
    default the PR text alone."""
    # The cached prefix: tools, system prompt, and the user message's shared block.
    shared = pr_context(pr_text) if shared_text is None else shared_text
    prefix_tokens = estimate_json_tokens(system) + estimate_json_tokens(tools) + estimate_tokens(shared)
    framing = estimate_tokens(diff_message([])) + MESSAGE_OVERHEAD
    overhead = prefix_tokens + framing
    chunks = plan_chunks(files, render, config.max_request_tokens - overhead)
    used_tokens = 0
    used_cost = 0.0
    for index, chunk in enumerate(chunks):
        cached = Usage(input_tokens=framing + chunk.tokens, output_tokens=EXPECTED_OUTPUT)
        if index == 0:
            # The first request is sent alone and writes the prompt cache; every other one reads it.
            cached.cache_write_tokens = prefix_tokens
            tokens = overhead + chunk.tokens
        else:
            # A cached read of the shared prefix is billed at a tenth; max-cost-usd covers it.
            cached.cache_read_tokens = prefix_tokens
            tokens = framing + chunk.tokens
        cost = price.cost(cached)
        if used_tokens + tokens > config.max_input_tokens:
            return Plan(chunks[:index], chunks[index:], _reason(chunks[index:], "max-input-tokens",
                                                               config.max_input_tokens), overhead)
        if config.max_cost_usd is not None and used_cost + cost > config.max_cost_usd:
            return Plan(chunks[:index], chunks[index:], _reason(chunks[index:], "max-cost-usd",
                                                               config.max_cost_usd), overhead)
        used_tokens += tokens
        used_cost += cost
    return Plan(chunks, [], "", overhead)


def _reason(left: Sequence[Chunk], limit: str, value: float) -> str:
    pieces = sum(len(c.pieces) for c in left)
    paths = list(dict.fromkeys(p.path for c in left for p in c.pieces))
    named = ", ".join(paths[:NAMED_LEFT_OUT]) + (
        f" and {len(paths) - NAMED_LEFT_OUT} more" if len(paths) > NAMED_LEFT_OUT else "")
    return (f"the {limit} budget ({value}) left {pieces} hunk(s) in {len(paths)} file(s) without a model "
            f"review (riskiest files were reviewed first): {named}; all are listed as unreviewed")
