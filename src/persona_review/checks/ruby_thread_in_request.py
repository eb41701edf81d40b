"""Ruby: `Thread.new` in a Rails controller action or a background job, never joined.

    def create
      Thread.new { Github::EventHandler.new(JSON.parse(request.raw_post)).call }
      head :accepted
    end

The thread outlives the request or job that started it: its exceptions are lost (nothing joins it),
the database connection it checks out is not returned to the pool by the request's cleanup, a deploy or a
worker restart kills it mid-work with no retry, and in development the code reloader can deadlock on it.
Reported on the `Thread.new` of a controller (a class named `...Controller`, or a `_controller.rb` file) or
a job (`...Job`, `Sidekiq::Job`/`Worker`, or a `_job.rb` file) when the thread is not joined (`join`,
`value`) in the same method.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import file_nodes, method_name, receiver, ruby_check, section_method, text
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_OWNER_CLASS = lazy_re(
    r"^\s*class\s+[\w:]+(?:Controller|Job|Worker)\b|^\s*include\s+Sidekiq::(?:Job|Worker)\b", re.MULTILINE
)
_OWNER_PATH = lazy_re(r"(?:_controller|_job|_worker)\.rb$")
_JOINED = lazy_re(r"\.\s*(?:join|value)\b|&:join\b|&:value\b")


@ruby_check(
    "RB-THREAD-IN-REQUEST", "ERR-08", Category.ERROR_HANDLING, Severity.HIGH,
    title="`Thread.new` in a controller action or job: the work outlives its request",
    explanation=(
        "Nothing joins the thread, so its exceptions are lost; the database connection it takes is not "
        "given back by the request's cleanup; a deploy or restart kills it mid-work with no retry. Hand "
        "the work to a background job (`perform_later`), or join the thread before returning."
    ),
    needs=r"Thread\.new",
)
def thread_in_request(ctx: FileContext) -> Iterator[Hit]:
    known = "\n".join(ctx.lines.values())
    if not (_OWNER_CLASS.search(known) or _OWNER_PATH.search(ctx.path)):
        return
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) != "new":
            continue
        owner = receiver(node)
        if owner is None or text(owner) not in {"Thread", "::Thread"}:
            continue
        method = _enclosing_method(node)
        if method is not None:
            name = text(method.child_by_field_name("name"))
            if _joined(method):
                continue
        else:  # a hunk inside a method its header names: what the hunk shows of it must not join
            named = section_method(ctx, tree)
            if named is None or _JOINED.search(tree.source.decode("utf-8", "replace")):
                continue
            name = named
        yield tree.hit(node, (
            f"`Thread.new` in `{name}` runs work that outlives it: its "
            "errors are lost, its database connection is not returned by the request's cleanup, and a "
            "restart kills it mid-work. Use a background job (`perform_later`) instead."))


def _enclosing_method(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None:
        if parent.type in {"method", "singleton_method"}:
            return parent
        parent = parent.parent
    return None


def _joined(method: Node) -> bool:
    """The thread (or a list of threads) is waited for somewhere in the same method."""
    return _JOINED.search(text(method)) is not None
