"""RB-ADMIN-UI-UNAUTHENTICATED: a job or feature-flag dashboard mounted in the routes outside the guards
the same file gives its other routes, written for these tests; the guarded, middleware-protected and
not-in-view shapes stay quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

RULE = "RB-ADMIN-UI-UNAUTHENTICATED"

_ROUTES = """Rails.application.routes.draw do
  {mount}

  authenticated :member, ->(m) {{ m.admin? }} do
    get "reports", to: "reports#index"
  end
end
"""


def _lines(text: str, path: str = "config/routes.rb") -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


@pytest.mark.parametrize("mount", [
    'mount Sidekiq::Web => "/jobs"',
    'mount Sidekiq::Web, at: "/jobs"',
    'mount Resque::Server.new, at: "/resque"',
    'mount Flipper::UI.app(Flipper) => "/flags"',
])
def test_a_dashboard_outside_the_files_guards_is_reported(mount: str) -> None:
    assert _lines(_ROUTES.format(mount=mount)) == [2]


@pytest.mark.parametrize("mount", [
    'mount Sidekiq::Web => "/jobs", constraints: AdminOnly.new',
    'mount Blazer::Engine, at: "/blazer"',       # brings its own login
    'mount Sidekiq::Web => "/jobs" if Rails.env.development?',
    'mount Flipper::UI.app(Flipper) { |b| b.use Rack::Auth::Basic, &check } => "/flags"',
    'Sidekiq::Web.use Rack::Auth::Basic do |u, p| ok?(u, p) end\n  mount Sidekiq::Web => "/jobs"',
])
def test_a_guarded_or_self_protected_dashboard_stays_quiet(mount: str) -> None:
    assert _lines(_ROUTES.format(mount=mount)) == []


def test_a_file_that_guards_no_route_says_nothing_about_an_initializer() -> None:
    # the application may give Sidekiq::Web its middleware in config/initializers/sidekiq.rb
    text = 'Rails.application.routes.draw do\n  mount Sidekiq::Web => "/jobs"\n  resources :posts\nend\n'
    assert _lines(text) == []


def test_a_hunk_must_show_the_blocks_up_to_routes_draw() -> None:
    diff = """diff --git a/config/routes.rb b/config/routes.rb
--- a/config/routes.rb
+++ b/config/routes.rb
@@ -20,4 +20,5 @@ Rails.application.routes.draw do
     get "reports", to: "reports#index"
+    mount Sidekiq::Web => "/jobs"
   end
<blank>
   authenticated :member, ->(m) { m.admin? } do
""".replace("<blank>", " ")
    contexts = [build_context(f) for f in parse_diff(diff).files]
    assert [f.line for f in run_checks(contexts).findings if f.rule_id == RULE] == []
