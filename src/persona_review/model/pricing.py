"""Model prices, for the cost estimate in the stats and the `max-cost-usd` budget.

Prices are US dollars per million tokens, from Anthropic's published price list. A model id not in the
table is priced by its family (the word after `claude-`): sonnet, haiku and opus at the current price of
that family; any other family at the most expensive price in the table, so a budget errs on the safe
side. Cache writes (5-minute TTL) cost 1.25x the input price and cache reads 0.1x.
"""

from __future__ import annotations

from typing import NamedTuple

from persona_review.result import Usage

CACHE_WRITE_FACTOR = 1.25
CACHE_READ_FACTOR = 0.1


class Price(NamedTuple):
    input_per_mtok: float
    output_per_mtok: float

    def cost(self, usage: Usage) -> float:
        """Dollars for `usage`; `input_tokens` counts only uncached input, as the API reports it."""
        per = self.input_per_mtok / 1_000_000
        return (
            usage.input_tokens * per
            + usage.cache_write_tokens * per * CACHE_WRITE_FACTOR
            + usage.cache_read_tokens * per * CACHE_READ_FACTOR
            + usage.output_tokens * self.output_per_mtok / 1_000_000
        )


_KNOWN: dict[str, Price] = {
    "claude-opus-4-1": Price(15.0, 75.0),
    "claude-opus-4-0": Price(15.0, 75.0),
    "claude-opus-4": Price(15.0, 75.0),
    "claude-opus-4-5": Price(5.0, 25.0),
    "claude-opus-4-6": Price(5.0, 25.0),
    "claude-sonnet-4-6": Price(3.0, 15.0),
    "claude-sonnet-4-5": Price(3.0, 15.0),
    "claude-sonnet-4-0": Price(3.0, 15.0),
    "claude-sonnet-4": Price(3.0, 15.0),
    "claude-3-7-sonnet": Price(3.0, 15.0),
    "claude-haiku-4-5": Price(1.0, 5.0),
    "claude-3-5-haiku": Price(0.8, 4.0),
}
_FAMILY: dict[str, Price] = {
    "sonnet": Price(3.0, 15.0),
    "haiku": Price(1.0, 5.0),
    "opus": Price(5.0, 25.0),
}
FALLBACK = Price(15.0, 75.0)


def price_for(model: str) -> tuple[Price, bool]:
    """(price, known). Dated ids (`claude-sonnet-4-5-20250929`) and provider forms
    (`anthropic.claude-...-v1:0`, `claude-...@2025...`) are matched by their base name."""
    name = model.lower()
    if name.startswith(("anthropic.", "us.", "eu.", "apac.", "global.")):
        name = name.rsplit("anthropic.", 1)[-1]
    name = name.split("@", 1)[0].split(":", 1)[0]
    for key in sorted(_KNOWN, key=len, reverse=True):
        if name == key or name.startswith(key + "-"):
            return _KNOWN[key], True
    for family, price in _FAMILY.items():
        if family in name:
            return price, False
    return FALLBACK, False
