"""Sidekiq: a record or other Ruby object passed as a job argument.

    export = current_user.exports.create!(format: params.require(:format))
    ExportWorker.perform_async(export, current_user)     # two ActiveRecord objects

Sidekiq stores a job's arguments as JSON. An object that is not a JSON type (a string, number, boolean,
nil, array or hash of those) is not stored as itself: Sidekiq 7 and later refuse it at the enqueue
(`ArgumentError: Job arguments to ExportWorker must be native JSON types`), older versions store its
`to_s` (`"#<Export:0x...>"`), and `perform` receives a string it cannot use. A record passed whole would
also be stale by the time the job runs. Pass the id (`export.id`) and load the record in `perform`.
(Active Job's `perform_later` is not read: it turns records into GlobalIDs and reloads them.)

Read with tree-sitter: the arguments of `perform_async` (and of `perform_in`/`perform_at` after the
delay), where an argument is
- `self` in a model (`< ApplicationRecord`/`ActiveRecord::Base`, or a file under `app/models/`),
- a `current_user`-style helper (`current_account`; a name ending `_id` or `_ids` is left alone),
- a local or instance variable assigned, in the known lines above, a record or object: a chain that ends in
  a finder or constructor (`find`, `find_by`, `create!`, `new`, `build`, ...) on a constant
  (`Export.find(id)`, `Report.new(...)`) or on an association (`current_user.exports.create!(...)`),
- `Time.now`/`Time.current`/`Date.today`/`DateTime.now` (a time becomes a string).
Unknown variables (`user` from a parameter) are left alone: their type is not in view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import Tree, arguments, file_nodes, method_name, ruby_check, short, text
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_ENQUEUE = {"perform_async": 0, "perform_in": 1, "perform_at": 1}
"""Sidekiq's enqueue methods and how many leading arguments are the schedule, not the job's."""
_CURRENT = lazy_re(r"^current_[a-z_]+$")
_SCALAR_NAME = lazy_re(r"(?:_ids?|_at|_on|_count|_key|_token|_name|_type|_path|_url|_email)$")
_RECORD_RHS = lazy_re(
    r"^(?:[A-Z][\w:]*(?:\.\w+(?:\([^()]*\))?)*|(?:current_\w+|@?\w+)(?:\.\w+)+)"
    r"\.(?:find|find_by!?|find_or_create_by!?|find_or_initialize_by|create!?|new|build|first!?|last!?|take!?"
    r"|sole|find_sole_by)(?![\w!?])(?:\s*\(.*\))?$"
)
_CONSTANT_ROOT = lazy_re(r"^[A-Z]")
_ASSOCIATION_FINDERS = lazy_re(
    r"\.(?:find|find_by!?|find_or_create_by!?|find_or_initialize_by|create!?|new|build)(?![\w!?])"
)
_TIME = lazy_re(
    r"^(?:::)?(?:Time(?:\.zone)?\.now|Time\.current|Date\.(?:today|current)|DateTime\.(?:now|current))$"
)
_MODEL_PATH = lazy_re(r"(?:^|/)app/models/")
_MODEL_BASE = lazy_re(r"<\s*(?:ApplicationRecord|ActiveRecord::Base)\b")


@ruby_check(
    "RB-SIDEKIQ-OBJECT-ARG", "ERR-00", Category.ERROR_HANDLING, Severity.MEDIUM,
    title="Record or Ruby object passed as a Sidekiq job argument",
    explanation=(
        "Sidekiq stores job arguments as JSON: Sidekiq 7 refuses a record or other object at the enqueue, "
        "older versions store its `to_s`, and either way the job does not get the object. Pass its id and "
        "load the record in `perform` (or use Active Job's `perform_later`, which passes records as "
        "GlobalIDs)."
    ),
    needs=r"perform_async|perform_in|perform_at",
)
def sidekiq_object_arg(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type != "call":
            continue
        skip = _ENQUEUE.get(method_name(node))
        if skip is None:
            continue
        for arg in arguments(node)[skip:]:
            why = _object_argument(ctx, tree, node, arg)
            if why:
                yield tree.hit(node, f"`{short(arg, 30)}` {why}: Sidekiq cannot store it as a JSON argument, "
                                     "and the job does not receive it. Pass an id or plain values instead.")
                break


def _object_argument(ctx: FileContext, tree: Tree, call: Node, arg: Node) -> str:
    """Why `arg` is not a JSON value, or "" when it may be one."""
    if arg.type == "self":
        return "is the record itself" if _in_model(ctx, tree, call) else ""
    if arg.type == "call" and _TIME.match(text(arg)):
        return "is a Time object"
    name = text(arg)
    if arg.type == "identifier" and _CURRENT.match(name) and not _SCALAR_NAME.search(name):
        return "is a record (the signed-in user or account)"
    if arg.type not in {"identifier", "instance_variable"} or _SCALAR_NAME.search(name):
        return ""
    assigned = _assigned_before(tree, call, name, whole_tree=arg.type == "instance_variable")
    if assigned is not None and _is_object(text(assigned)):
        return f"holds a record or object (`{short(assigned, 40)}`)"
    return ""


def _is_object(rhs: str) -> bool:
    flat = " ".join(rhs.split())
    if len(flat) > 300 or not _RECORD_RHS.match(flat):
        return False
    if _CONSTANT_ROOT.match(flat):
        return True
    return bool(_ASSOCIATION_FINDERS.search(flat))  # `first`/`last` on a variable may be a plain array


def _assigned_before(tree: Tree, call: Node, name: str, *, whole_tree: bool) -> Node | None:
    """The value last assigned to `name` above `call`: in the same method for a local, anywhere in the
    tree for an instance variable."""
    scope: Node = tree.root
    if not whole_tree:
        current = tree.parent(call)
        while current is not None and current.type not in {"method", "singleton_method"}:
            current = tree.parent(current)
        scope = current or tree.root
    found: Node | None = None
    for start, value in _assignments(tree).get(name, ()):
        if scope.start_byte <= start < call.start_byte:
            found = value
    return found


_ASSIGNMENTS: dict[int, tuple[Tree, dict[str, list[tuple[int, Node]]]]] = {}


def _assignments(tree: Tree) -> dict[str, list[tuple[int, Node]]]:
    """Each assigned name of the tree with (start byte, assigned value) of its assignments, in order; read
    once per tree (a file with many enqueues looks names up many times)."""
    cached = _ASSIGNMENTS.get(id(tree))
    if cached is not None and cached[0] is tree:
        return cached[1]
    out: dict[str, list[tuple[int, Node]]] = {}
    for node in tree.nodes:
        if node.type == "assignment":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None and left.type in {"identifier", "instance_variable"}:
                out.setdefault(text(left), []).append((node.start_byte, right))
    if len(_ASSIGNMENTS) > 8:
        _ASSIGNMENTS.clear()
    _ASSIGNMENTS[id(tree)] = (tree, out)
    return out


def _in_model(ctx: FileContext, tree: Tree, call: Node) -> bool:
    if _MODEL_PATH.search(ctx.path):
        return True
    current = tree.parent(call)
    while current is not None:
        if current.type == "class":
            superclass = current.child_by_field_name("superclass")
            return superclass is not None and bool(_MODEL_BASE.search("<" + text(superclass).lstrip("<")))
        current = tree.parent(current)
    return False
