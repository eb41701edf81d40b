"""Rails: a non-bang write whose `false` nobody reads, so a failed validation passes for success.

    def create
      @order.save                      # false when invalid: nothing saved, and nobody looks
      PaymentJob.perform_later(@order.id)
      redirect_to @order, notice: "Order placed"
    end

`save`, `update(attrs)` and `Model.create(attrs)` do not raise when validation (or a callback) stops
them: `save`/`update` return false and `create` returns an unsaved record. Used as a statement, the
failure is lost and the code after it carries on as if the write happened.

Reported in controllers, jobs, workers and service objects (by path, or a class that inherits a
`...Controller`/`...Job`), on a call used as a statement: not assigned, returned, tested (`if x.save`,
`x.save or ...`), passed on, nor the last expression of a method or block whose value is used. The last
statement of a controller action or of a job's `perform` is reported (Rails ignores their values), and so
is the last statement of an `each`-style block. Quiet for the bang forms, `save(validate: false)`,
`update_column(s)`, `update` on a receiver that reads as a hash (`params`, `options`, `attrs`) or with
arguments that are not attributes (`limiter.update(request.remote_ip)`), a safe-navigation write
(`record&.update(...)`: the code already accepts that nothing is written), a write inside a `rescue`/`ensure`
clause, and a record whose outcome the method reads afterwards (`order.persisted?`, `order.errors`,
`respond_with(order)`, which renders its errors). `destroy` is not reported: a scaffold's
`@post.destroy` fails only when a callback aborts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    Tree,
    arguments,
    file_nodes,
    method_name,
    name_text,
    pair_value,
    receiver,
    ruby_check,
    short,
    text,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_WRITES = frozenset({"save", "update", "create", "update_attributes"})
_SCOPE_PATH = lazy_re(
    r"(?:^|/)app/(?:controllers|jobs|workers|services|interactors|operations)/|(?:_controller|_job|_worker|_service)\.rb$"
)
_SCOPE_CLASS = lazy_re(r"(?:Controller|Job|Worker)$")
_HASHY = lazy_re(r"(?i)(?:^|[._@])(?:params|options|opts|attrs|attributes|hash|headers|session|settings|"
                 r"config|env|data|h|payload|meta|metadata|result|values|defaults|args|kwargs|cache)$")
_STATEMENTS = frozenset(
    {"body_statement", "block_body", "then", "else", "begin", "do", "ensure_body", "program"}
)
"""Statement lists (and a hunk's top level, which is `program`): a write there is used only if it is last."""
_EACH = frozenset({"each", "each_with_index", "find_each", "each_with_object", "times", "each_slice",
                   "in_batches", "find_in_batches", "each_value", "each_pair", "upto", "step", "loop"})
_PASS_THROUGH = frozenset({"transaction", "with_lock", "synchronize", "with_advisory_lock", "silence"})
"""Calls whose value is their block's value: the block's last statement is used only if the call is."""
_TEST_PATH = lazy_re(r"(?:^|/)(?:spec|test)/")
_PARAMS_HELPER = lazy_re(r"(?:^|_)(?:params|attributes|attrs)\b|\bpermit\s*\(")
_OUTCOME = r"(?:persisted\?|errors\b|valid\?|invalid\?|new_record\?|previously_new_record\?|saved_changes\?)"
_CLAUSES = frozenset({"comment", "rescue", "ensure", "else"})


def _scoped(ctx: FileContext, node: Node) -> bool:
    """Whether the call sits in a controller, job, worker or service object."""
    if _SCOPE_PATH.search(ctx.path):
        return True
    cls = _enclosing(node, "class")
    if cls is None:
        return False
    superclass = cls.child_by_field_name("superclass")
    return bool(superclass is not None and _SCOPE_CLASS.search(text(superclass).split("::")[-1].strip()))


def _enclosing(node: Node, kind: str) -> Node | None:
    current = node.parent
    while current is not None:
        if current.type == kind:
            return current
        current = current.parent
    return None


def _value_ignored_method(method: Node) -> bool:
    """Whether the method's return value is thrown away by its caller: a public controller action or a
    job's `perform`."""
    name = text(method.child_by_field_name("name"))
    if name == "perform":
        return True
    cls = _enclosing(method, "class")
    if cls is None:
        return False
    superclass = cls.child_by_field_name("superclass")
    if superclass is None or not text(superclass).strip().endswith("Controller"):
        return False
    sibling = method.prev_named_sibling
    while sibling is not None:
        if sibling.type == "identifier" and text(sibling) in {"private", "protected"}:
            return False
        sibling = sibling.prev_named_sibling
    return True


def _used(node: Node) -> bool:
    """Whether anything reads the value of `node` (a call, or a construct holding it)."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type in {"if_modifier", "unless_modifier", "while_modifier", "until_modifier"}:
        body = parent.named_children[0] if parent.named_children else None
        return body is None or body.id != node.id or _used(parent)
    if parent.type not in _STATEMENTS:
        return True  # a condition, assigned, returned, an argument, an operand of `and`/`or`/`||`
    clauses = _CLAUSES if parent.type in {"body_statement", "begin"} else {"comment"}
    named = [c for c in parent.named_children if c.type not in clauses]
    if not named or named[-1].id != node.id:
        return False  # a statement with more after it
    owner = parent if parent.type == "begin" else parent.parent
    while owner is not None and owner.type in {"when", "elsif", "else", "in_clause"}:
        owner = owner.parent  # the branch of a `case`/`if`: its value is the whole construct's
    if owner is None or owner.type in {"class", "module", "program"}:
        return False
    if owner.type == "method":
        return not _value_ignored_method(owner)
    if owner.type in {"block", "do_block"}:
        call = owner.parent
        if call is None or method_name(call) in _EACH:
            return False
        return _used(call) if method_name(call) in _PASS_THROUGH else True
    return owner.type == "singleton_method" or _used(owner)


def _write_of(node: Node) -> str | None:
    """The written method's name when `node` is a non-bang ActiveRecord-style write worth checking."""
    name = method_name(node)
    if name not in _WRITES:
        return None
    owner = receiver(node)
    args = arguments(node)
    if owner is None:
        return None  # `save` inside the model itself, or a helper of the same name
    operator = node.child_by_field_name("operator")
    if operator is not None and text(operator) == "&.":
        return None  # `record&.update(...)`: the code already accepts that nothing gets written
    owner_text = name_text(owner)
    if not owner_text or owner_text in {"self", "super"}:
        return None
    if name == "save":
        validate = pair_value(args, "validate")
        if validate is not None and text(validate) == "false":
            return None
        if any(a.type not in {"pair", "hash"} for a in args):
            return None  # not ActiveRecord's `save(**options)`
    elif name in {"update", "update_attributes"}:
        if not args or _HASHY.search(owner_text.split("(")[0]) or not all(_attributes(a) for a in args):
            return None
    elif name == "create":
        if not args or owner.type not in {"constant", "scope_resolution", "call"}:
            return None
        if owner_text.startswith(("Stripe::", "::Stripe::")):
            return None  # Stripe's `create` raises when the request fails: it has no unsaved record
        if owner.type == "call" and not method_name(owner).endswith("s"):
            return None  # `user.posts.create(...)` reads as an association; `client.api.create` does not
    return name


def _attributes(arg: Node) -> bool:
    """Whether an argument reads as attributes for a model: `key: value` pairs, a hash, or a strong
    parameters helper (`order_params`, `params.require(:order).permit(...)`)."""
    if arg.type in {"pair", "hash"}:
        return True
    return arg.type in {"identifier", "call"} and _PARAMS_HELPER.search(name_text(arg, 300)) is not None


def _checked_later(tree: Tree, node: Node) -> bool:
    """Whether the enclosing method reads the record's outcome after the write (`order.persisted?`,
    `order.errors`), or hands it to `respond_with`, which renders its errors."""
    owner = receiver(node)
    method = _enclosing(node, "method") or _enclosing(node, "singleton_method")
    if owner is None or (method is None and tree.whole_file):
        return False
    end = method.end_byte if method is not None else len(tree.source)  # a hunk: the rest of it
    after = tree.source[node.end_byte : end].decode("utf-8", "replace")
    name = re.escape(text(owner))
    return re.search(rf"(?<![\w@.]){name}\s*\.\s*{_OUTCOME}|\brespond_with\b", after) is not None


@ruby_check(
    "RB-WRITE-RESULT-IGNORED", "ERR-03", Category.ERROR_HANDLING, Severity.HIGH,
    title="`save`/`update`/`create` result ignored: a failed validation passes for success",
    explanation=(
        "The non-bang ActiveRecord writes do not raise when validation or a callback stops them: `save` "
        "and `update` return false and `create` returns an unsaved record. Used as a statement, the "
        "failure is ignored and the code after it (the redirect, the job, the next write) acts as if the "
        "record were saved. Use `save!`/`update!`/`create!` (inside a transaction when several writes "
        "belong together), or branch on the result: `if @order.save ... else render :new, status: "
        ":unprocessable_entity end`."
    ),
    needs=r"save|update|create",
)
def write_result_ignored(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    for tree, node in file_nodes(ctx):
        if node.type != "call":
            continue
        name = _write_of(node)
        if name is None or _used(node) or not _scoped(ctx, node) or _checked_later(tree, node):
            continue
        if _enclosing(node, "rescue") is not None or _enclosing(node, "ensure") is not None:
            continue
        if not tree.whole_file and _enclosing(node, "method") is None and not _statement_follows(node):
            continue  # a hunk inside a method, the write last: it may be the method's value
        yield _hit(tree, node, name)


def _statement_follows(node: Node) -> bool:
    """Whether another statement follows the write in its own block (so its value is the method's only if
    nothing does): `@profile.update(params)` then `redirect_to ...`. A closing `end` of a block the hunk
    did not open does not count."""
    parent = node.parent
    if parent is None:
        return False
    named = [c for c in parent.named_children if c.type not in _CLAUSES]
    index = next((i for i, c in enumerate(named) if c.id == node.id), None)
    return index is not None and any(
        c.type != "ERROR" and not (c.type == "identifier" and text(c) == "end") for c in named[index + 1 :]
    )


def _hit(tree: Tree, node: Node, name: str) -> Hit:
    what = "an unsaved record" if name == "create" else "false"
    return Hit(tree.line(node), None, (
        f"`{short(node)}` returns {what} when validation fails, and nothing reads it: the code after it "
        f"carries on as if the write happened. Use `{name}!` or branch on the result."
    ))
