"""A failure answered as success where the change only touches the error branch: the `return`/`raise`
that answered the error becomes a log line, and the success answer below it is unchanged context."""

from __future__ import annotations

import difflib

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import CATEGORIES


def _rules(name: str, old: str, new: str) -> set[str]:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}", n=3)
    (diff_file,) = list(parse_diff(f"diff --git a/{name} b/{name}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    return {f.rule_id or "" for f in run_checks([ctx], categories=CATEGORIES).findings}


_GO = """package handlers

func (h *Handler) Cancel(c *gin.Context) {
	id := c.Param("id")
	if err := h.billing.CancelSubscription(c.Request.Context(), id); err != nil {
%s
	}
	c.JSON(http.StatusOK, gin.H{"status": "cancelled"})
}
"""
_PY = """from flask import jsonify


@bp.route("/subscriptions/<sub_id>/cancel", methods=["POST"])
def cancel(sub_id):
    try:
        billing.cancel_subscription(sub_id)
    except BillingError:
%s
    return jsonify({"status": "ok"})
"""
_TS = """router.post('/subscriptions/:id/cancel', async (req, res) => {
  try {
    await billing.cancelSubscription(req.params.id);
  } catch (err) {
%s
  }
  res.status(200).json({ ok: true });
});
"""
_CASES = [
    ("subscription.go", _GO, "\t\tc.JSON(http.StatusBadGateway, gin.H{\"error\": \"cancel failed\"})\n\t\treturn",
     "\t\th.log.Error(\"cancel subscription\", \"id\", id, \"err\", err)", "GO-ERROR-ANSWERED-OK"),
    ("views.py", _PY, "        raise", "        logger.exception(\"cancel failed for %s\", sub_id)",
     "PY-ERROR-ANSWERED-OK"),
    ("routes.ts", _TS, "    return res.status(502).json({ error: 'cancel failed' });",
     "    logger.error({ err }, 'cancel failed');", "JS-ERROR-ANSWERED-OK"),
]


@pytest.mark.parametrize(("name", "template", "before", "after", "rule"), _CASES, ids=lambda v: str(v)[:12])
def test_turning_the_error_answer_into_a_log_line_is_reported(
        name: str, template: str, before: str, after: str, rule: str) -> None:
    assert rule in _rules(name, template % before, template % after)


@pytest.mark.parametrize(("name", "template", "before", "after", "rule"), _CASES, ids=lambda v: str(v)[:12])
def test_logging_and_still_answering_the_error_is_quiet(
        name: str, template: str, before: str, after: str, rule: str) -> None:
    assert rule not in _rules(name, template % before, template % (after + "\n" + before))
