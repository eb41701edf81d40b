"""RB-RENDER-NO-RETURN: a conditional render/redirect without `return` in an action that renders again."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-RENDER-NO-RETURN"

_CONTROLLER = """class PostsController < ApplicationController
  def update
    @post = Post.find(params[:id])
%s
    @post.update!(post_params)
%s
  end

  private

  def post_params
    params.require(:post).permit(:title, :body)
  end
end
"""


def _lines(guard: str, after: str = "    render :show", path: str = "app/controllers/posts_controller.rb"
           ) -> list[int]:
    text = _CONTROLLER % (guard, after)
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE)


@pytest.mark.parametrize(("guard", "line"), [
    ("    unless current_user.admin?\n      redirect_to root_path, alert: \"Not allowed\"\n    end", 5),
    ("    if @post.locked?\n      flash[:error] = \"Locked\"\n      render :edit, status: :unprocessable_entity\n"
     "    end", 6),
    ("    head :forbidden unless current_user.can_edit?(@post)", 4),
    ("    redirect_to posts_path, alert: \"Archived\" if @post.archived?", 4),
])
def test_a_conditional_response_followed_by_another_is_reported(guard: str, line: int) -> None:
    assert _lines(guard) == [line]


def test_a_later_respond_to_block_counts_as_responding_again() -> None:
    after = "    respond_to do |format|\n      format.html { redirect_to @post }\n      format.json { render json: @post }\n    end"
    assert _lines("    head :forbidden unless current_user.can_edit?(@post)", after) == [4]


@pytest.mark.parametrize("guard", [
    "    unless current_user.admin?\n      redirect_to root_path, alert: \"Not allowed\" and return\n    end",
    "    unless current_user.admin?\n      redirect_to root_path\n      return\n    end",
    "    return head :forbidden unless current_user.can_edit?(@post)",
    "    (head :forbidden and return) unless current_user.can_edit?(@post)",
    "    redirect_to(posts_path) && return if @post.archived?",
    "    if @post.locked?\n      render :edit\n    else\n      @post.touch\n    end",
    "    if @post.locked?\n      render :edit\n      raise ActiveRecord::Rollback\n    end",
])
def test_returning_or_an_else_is_quiet(guard: str) -> None:
    assert _lines(guard) == []


def test_locals_named_like_the_responses_are_not_responses() -> None:
    guard = "    if @post.draft?\n      head = @post.revisions.first\n      head.touch\n    end"
    assert _lines(guard) == []


def test_a_conditional_that_ends_the_action_is_quiet() -> None:
    assert _lines("    head :forbidden unless current_user.can_edit?(@post)", "    @post.touch") == []


def test_outside_a_controller_it_is_quiet() -> None:
    text = _CONTROLLER.replace("PostsController < ApplicationController", "PostPresenter") % (
        "    head :forbidden unless current_user.can_edit?(@post)", "    render :show")
    findings = run_checks([context_for_text("app/presenters/post_presenter.rb", text)]).findings
    assert [f for f in findings if f.rule_id == RULE] == []


def test_a_hunk_of_the_action_is_enough() -> None:
    body = [
        "  def destroy",
        "    @comment = Comment.find(params[:id])",
        "    if @comment.user != current_user",
        "      redirect_to @comment.post, alert: \"Not yours\"",
        "    end",
        "    @comment.destroy",
        "    redirect_to @comment.post, notice: \"Deleted\"",
        "  end",
    ]
    lines = {20 + i: t for i, t in enumerate(body)}
    ctx = FileContext(path="app/controllers/comments_controller.rb", language="ruby", lines=lines,
                      added=frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [23]
