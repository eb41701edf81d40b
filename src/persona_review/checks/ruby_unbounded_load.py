"""Ruby: a whole table loaded into memory to be walked one record at a time.

    class ReindexCustomersJob < ApplicationJob
      def perform
        Customer.all.each do |customer|      # every row instantiated at once
          SearchIndex.upsert(customer)
        end
      end
    end

`Model.all.each` (and `order(...).each`, `includes(...).each`, ...) runs one query and builds an Active
Record object for every row before the first iteration: a table that was small when the code was written
later takes the job's memory past its limit, and the worker is killed mid-run (then retried, and killed
again). `find_each`/`in_batches` walk the same rows a thousand at a time. This is the case rubocop-rails'
`Rails/FindEach` cop names.

Reported where the walk is batch work by its nature: a background job (a `...Job`/`...Worker` class, a
Sidekiq job, a `_job.rb`/`_worker.rb` file), a migration, a rake task, or a service object; never in a
view, helper or controller, where the same call usually lists a small reference table for a form. The chain
must start from a constant (a model class) and hold only calls that keep every row (`all`, `includes`,
`order`, ...) or filter it by literals alone (`where(status: "failed")`: a flag across the table) or by a
moment relative to now (`where("updated_at < ?", 30.days.ago)`: every stale row); a `where` on a value,
`limit`, `first`, `find_each` or `in_batches` anywhere in it leaves it alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import arguments, file_nodes, method_name, receiver, ruby_check, short, text
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_WALKS = frozenset({"each", "each_with_index", "each_with_object"})
"""Iterations done for their side effects, one record at a time: what `find_each` replaces."""
_SCOPES = frozenset({
    "all", "includes", "preload", "eager_load", "order", "reorder", "unscoped", "readonly", "references",
    "to_a",
})
"""Query methods that shape a relation without narrowing its rows (and `to_a`, which loads it)."""
_FILTERS = frozenset({"where", "not", "rewhere"})
"""Filters kept only when every condition is a literal (a flag or a status across the whole table:
`where(reindex_needed: true)`); a condition on a value (one account's orders, the ids just given, a name
looked up) usually selects a few rows, and on real code such walks were small."""
_BOUNDED_OR_NOT_ROWS = frozenset({
    "limit", "first", "last", "take", "sample", "page", "per", "paginate", "find", "find_by", "find_each",
    "find_in_batches", "in_batches", "pluck", "ids", "select", "map", "group", "distinct_count", "count",
    "columns", "column_names", "attribute_names", "descendants", "subclasses", "constants", "keys", "values",
    "names", "reflect_on_all_associations", "new", "create", "build", "none", "lock",
})
"""Calls that bound the rows, return something other than rows, or are no relation at all: a chain holding
one is left alone. Any other method called bare on the model class itself (`User.active`) is read as a
named scope: it filters by what its name says, across the whole table."""
_FRAMEWORK = lazy_re(
    r"(?:::)?(?:ActiveRecord|ActiveSupport|ActiveJob|ActionController|ActionMailer|Rails|Sidekiq|Resque|"
    r"RubyVM|ObjectSpace|GC|Process|Thread|Signal|ENV|File|Dir|Gem|Bundler)\b")
"""Framework and runtime classes, whose bare class methods (`ActiveRecord::Migrator.migrations_paths`,
`RubyVM::YJIT.runtime_stats`, `Sidekiq::Queue.all`) are no scopes and hold no table's rows."""
_LITERALS = frozenset({
    "true", "false", "nil", "integer", "float", "simple_symbol", "string", "array", "string_content",
})
_BATCH_CLASS = lazy_re(
    r"^\s*class\s+[\w:]+(?:Job|Worker|Migration\[[\d.]+\]|Migration)\b|"
    r"^\s*include\s+Sidekiq::(?:Job|Worker)\b|^\s*(?:namespace|task)\s+:?\w+",
    re.MULTILINE,
)
_BATCH_PATH = lazy_re(
    r"(?:^|/)(?:app/(?:jobs|workers|services|sidekiq)|db/migrate|lib/tasks)/|_job\.rb$|_worker\.rb$|\.rake$"
)
_NOT_APP = lazy_re(
    r"(?:^|/)(?:spec|test|testing_support|test_support|db/seeds|db/sample_data|db/default)(?:/|\.rb$)|"
    r"_spec\.rb$|_test\.rb$"
)


@ruby_check(
    "RB-UNBOUNDED-LOAD", "ERR-00", Category.ERROR_HANDLING, Severity.MEDIUM,
    title="A whole table loaded into memory at once to walk it (`all.each`): use `find_each`",
    explanation=(
        "`Model.all.each` builds an object for every row before the loop starts. As the table grows the job "
        "or migration runs out of memory and is killed mid-way, then retried into the same failure. "
        "`find_each` (or `in_batches`) walks the same rows a batch at a time."
    ),
    needs=r"\.each",
)
def unbounded_load(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_APP.search(ctx.path):
        return
    if not _BATCH_PATH.search(ctx.path) and not _BATCH_CLASS.search("\n".join(ctx.lines.values())):
        return
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) not in _WALKS:
            continue
        chain = receiver(node)
        model = _model_of(chain)
        if chain is None or model is None:
            continue
        yield tree.hit(node, (
            f"`{short(text(chain), 50)}.{method_name(node)}` loads every matching `{model}` row into memory "
            "before the first iteration: as the table grows this runs out of memory and is killed. Use "
            f"`{short(text(chain), 40)}.find_each` to walk it in batches."))


def _model_of(chain: Node | None) -> str | None:
    """The model class a receiver chain of only scoping calls starts from (`Customer` for
    `Customer.where(active: true).includes(:orders)`), or None when any link bounds it or it does not start
    from a constant."""
    node = chain
    scoped = False
    while node is not None and node.type == "call":
        name = method_name(node)
        owner = receiver(node)
        named_scope = (
            owner is not None and owner.type in {"constant", "scope_resolution"} and not arguments(node)
            and not _FRAMEWORK.match(text(owner))
            and name not in _BOUNDED_OR_NOT_ROWS and name.isidentifier() and name.islower()
        )
        if name not in _SCOPES and not named_scope and not (name in _FILTERS and _literal_conditions(node)):
            return None
        scoped = True
        node = owner
    if node is None or not scoped or node.type not in {"constant", "scope_resolution"} \
            or _FRAMEWORK.match(text(node)):
        return None
    return text(node)


def _literal_conditions(call: Node) -> bool:
    """Every condition of a `where`/`not` is a literal: `where(status: "failed")`, `where(archived: false)`,
    `where("deleted_at IS NULL")`; `where.not` (no arguments) reads its `not`."""
    for arg in arguments(call):
        if arg.type == "pair":
            values = [arg.child_by_field_name("value")]
        elif arg.type == "hash":
            values = [p.child_by_field_name("value") for p in arg.named_children if p.type == "pair"]
        else:
            values = [arg]
        for value in values:
            if value is None or not _literal(value):
                return False
    return True


_CLOCK = lazy_re(
    r"^(?:\d+(?:\.\d+)?\.(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\.(?:ago|from_now)|"
    r"(?:::)?(?:Time|DateTime)\.(?:current|now)|(?:::)?Time\.zone\.now|(?:::)?Date\.(?:today|current|yesterday))"
    r"(?:\.(?:beginning_of_day|end_of_day|beginning_of_month|to_date|to_time))?$"
)
"""A moment relative to now (`30.days.ago`, `Time.current`): a cut-off across the whole table (the rows
gone stale), not a value that picks a few of them."""


def _literal(node: Node) -> bool:
    if node.type == "string":
        return all(child.type == "string_content" for child in node.named_children)
    if node.type == "array":
        return all(_literal(child) for child in node.named_children)
    if node.type == "call":
        return _CLOCK.match("".join(text(node).split())) is not None
    return node.type in _LITERALS
