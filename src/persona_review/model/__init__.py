"""The model review stage: the persona and checklists applied by Claude through the Anthropic API.

`stage.run_model_review` is the entry point; `client` is the only module that imports the SDK.
"""

from persona_review.model.stage import (
    ModelReviewRequest,
    default_model,
    make_eval_reviewer,
    run_model_review,
)

__all__ = ["ModelReviewRequest", "default_model", "make_eval_reviewer", "run_model_review"]
