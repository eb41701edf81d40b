"""Rails routes: a job or feature-flag dashboard mounted where anyone can reach it.

    Rails.application.routes.draw do
      mount Sidekiq::Web => "/ops/sidekiq"          # no login: anyone who finds the path gets in

      authenticate :user, ->(u) { u.staff? } do
        mount Flipper::UI.app(Flipper) => "/flags"   # the app's way: behind its login
      end
    end

Sidekiq's web UI, Resque's server, GoodJob's dashboard and Flipper's UI come with no authentication of
their own: mounted as they are, anyone who reaches the path can read every job's arguments (ids, e-mail
addresses, tokens), retry, delete or kill jobs, and turn features on and off. The Rails way is to mount
them inside `authenticate :user, ->(u) { u.admin? } do ... end` (Devise), `authenticated`, or a
`constraints` block or option; or to give the dashboard its own middleware (`Sidekiq::Web.use
Rack::Auth::Basic`).

Reported on a `mount` of one of these dashboards in a routes file when no enclosing block guards it
(`authenticate`, `authenticated`, `constraints`, an `if`/`unless`, e.g. on `Rails.env.development?`), the
mount has no `constraints:`, nothing in the file gives the dashboard a middleware (`X.use`,
`Rack::Auth::Basic`) or a block (`Flipper::UI.app(Flipper) { |builder| ... }`), and the same file guards
other routes with such a block: the application guards its routes in the routes file, so a dashboard it
mounts outside them is left open (one that guards them elsewhere, in an initializer, guards none there).
Read from hunks, the mount's enclosing blocks must be in view up to `routes.draw`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    arguments,
    file_nodes,
    method_name,
    pair_value,
    receiver,
    ruby_check,
    short,
    source_text,
    text,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node, Tree

_ROUTES = lazy_re(r"(?:^|/)routes\.rb$|(?:^|/)config/routes/[^/]+\.rb$")
_DASHBOARD = lazy_re(
    r"^(?:::)?(?:Sidekiq::Web|Resque::Server(?:\.new)?|GoodJob::Engine|Flipper::UI\.app\b)"
)
"""Dashboards with no login of their own (PgHero, Blazer, RailsAdmin and Mission Control bring theirs)."""
_GUARDS = frozenset({"authenticate", "authenticated", "constraints", "authenticate_user", "devise_scope"})
_OPEN_SCOPES = frozenset({"draw", "namespace", "scope", "resources", "resource", "concern", "defaults",
                          "controller", "module", "path", "direct"})
"""Blocks that group routes without guarding them."""
_GUARD_BLOCK = lazy_re(r"^\s*(?:authenticate|authenticated|constraints)\b[^\n]*\bdo\b", re.MULTILINE)
_CONSTRAINED = lazy_re(r"\bconstraints\s*:")


@ruby_check(
    "RB-ADMIN-UI-UNAUTHENTICATED", "SEC-00", Category.SECURITY, Severity.HIGH,
    title="Job or feature-flag dashboard mounted without authentication",
    explanation=(
        "Sidekiq's web UI, Resque's server, GoodJob's dashboard and Flipper's UI have no login of their own: "
        "mounted in the routes as they are, anyone who finds the path can read job arguments, retry, delete "
        "or kill jobs, and flip features. Mount them inside `authenticate :user, ->(u) { u.admin? } do` (or "
        "a `constraints` block), as the application's other guarded routes are."
    ),
    needs=r"(?:Sidekiq::Web|Resque::Server|GoodJob::Engine|Flipper::UI)",
)
def admin_ui_unauthenticated(ctx: FileContext) -> Iterator[Hit]:
    if not _ROUTES.search(ctx.path):
        return
    source = source_text(ctx)
    if _GUARD_BLOCK.search(source) is None:
        return  # the file guards no route: the application may guard the dashboard elsewhere
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) != "mount" or receiver(node) is not None:
            continue
        args = arguments(node)
        if not args:
            continue
        app = _mounted(args[0])
        found = _DASHBOARD.match(text(app)) if app is not None else None
        if found is None or app is None or tree.line(node) not in ctx.added:
            continue
        if _has_block(app) or pair_value(args, "constraints") is not None or _CONSTRAINED.search(text(node)):
            continue
        name = found.group().split(".")[0].lstrip(":")
        if re.search(rf"\b{re.escape(name)}(?:\.app\b[^\n]*)?\.use\b|Rack::Auth::Basic|\b{re.escape(name)}"
                     r"\.middleware\.use\b", source):
            continue  # the dashboard is given its own middleware
        if not _open(tree, node):
            continue
        yield tree.hit(node, (
            f"`{short(node, 60)}` mounts {name} outside every guard, while this file puts other routes "
            "behind `authenticate`/`constraints`: anyone who finds the path can read job arguments and "
            "retry, delete or change what it manages. Mount it inside the same guard "
            "(`authenticate :user, ->(u) { u.admin? } do ... end`)."))


def _mounted(arg: Node) -> Node | None:
    """The app a `mount` mounts: the key of `App => "/path"`, or the first argument of `mount App, at:`."""
    if arg.type == "hash":
        pairs = [c for c in arg.named_children if c.type == "pair"]
        return pairs[0].child_by_field_name("key") if pairs else None
    if arg.type == "pair":
        return arg.child_by_field_name("key")
    return arg


def _has_block(app: Node) -> bool:
    """`Flipper::UI.app(Flipper) { |builder| builder.use ... }`: the app is built with its own middleware."""
    return app.type == "call" and app.child_by_field_name("block") is not None


def _open(tree: Tree, mount: Node) -> bool:
    """Whether every block around the mount is known and groups routes without guarding them, up to the
    `routes.draw` block."""
    current = tree.parent(mount)
    while current is not None:
        if current.type in {"if", "unless", "if_modifier", "unless_modifier", "conditional"}:
            return False
        if current.type == "call" and current.child_by_field_name("block") is not None:
            name = method_name(current)
            if name in _GUARDS or pair_value(arguments(current), "constraints") is not None:
                return False
            if name == "draw":
                return True
            if name not in _OPEN_SCOPES:
                return False  # a block the check does not know: it may guard
        current = tree.parent(current)
    return False  # `routes.draw` not in view: a guard may be above the hunk
