"""The model review stage: the persona and checklists applied by Claude through the Anthropic API.

`stage.run_model_review` is the entry point; `client` is the only module that imports the SDK. The names
below are loaded on first use, so that `persona_review.model.persona_text` (the persona text the model
gets, for `persona-review persona --prompt`) can be imported without the SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from persona_review.model.stage import (
        ModelReviewRequest,
        default_model,
        make_eval_reviewer,
        run_model_review,
    )

__all__ = ["ModelReviewRequest", "default_model", "make_eval_reviewer", "run_model_review"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from persona_review.model import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
