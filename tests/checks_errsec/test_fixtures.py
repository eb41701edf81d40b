"""Every check fires exactly on the lines its fixture marks, and nowhere else in the fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import DATA, expected, findings_of, fixture_paths


@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: p.name)
def test_findings_match_markers(path: Path) -> None:
    text = path.read_text()
    want = expected(text)
    got = findings_of(path.name, text)
    assert want, "fixture has no expectations"
    assert sorted(got - want) == [], "unexpected findings (false alarms)"
    assert sorted(want - got) == [], "expected findings missing"


def test_every_check_has_a_flagged_fixture() -> None:
    """Each error-handling/security check id is expected somewhere in the fixtures (which also hold the
    near-misses that must stay clean, next to each flagged example)."""
    from tests.checks_errsec.helpers import CATEGORIES

    from persona_review.checks.registry import load_all

    ids = {spec.id for spec in load_all().specs() if spec.category in CATEGORIES}
    ids = {i for i in ids if i.startswith(_OWN_PREFIXES)}
    paths = [*fixture_paths(), *sorted((DATA / "whole_file_only").glob("*.*")),
             *sorted((DATA / "express4").glob("*.*"))]
    marked = {rule for path in paths for _, rule in expected(path.read_text())}
    assert sorted(ids - marked) == []


_OWN_PREFIXES = ("PY-", "GO-", "JAVA-", "JS-", "ANY-", "RB-")


def test_an_archive_file_that_checks_its_paths_is_not_flagged() -> None:
    path = DATA / "whole_file_only" / "archive_paths_checked.go"
    assert findings_of(path.name, path.read_text()) == set()


def test_code_in_strings_and_comments_is_not_flagged() -> None:
    path = DATA / "whole_file_only" / "strings_and_comments.py"
    assert findings_of(path.name, path.read_text()) == set()


@pytest.mark.parametrize("name", ["flow_routes.py", "flow_requests.java", "flow_generalised.py",
                                  "async_blocking_imports.py", "sync_handlers_imports.ts",
                                  "logged_exceptions.py", "CatchLogged.java", "catch_logged.ts",
                                  "http_status.py", "http_status.ts", "http_status.go", "http_status.rb",
                                  "tx.go", "Transfers.java", "mass_assignment.py", "mass_assignment.ts", "mutable_defaults.py",
                                  "rescue_logged.rb",
                                  "route_guards.js",
                                  "route_guards.controller.ts", "RouteGuards.java", "route_guards.go",
                                  "archive_paths.py", "archive_paths.go", "ArchivePaths.java",
                                  "exception_leak_scope.py", "goroutine_leaks.go", "gather_settled.py",
                                  "ImportService.java", "retry_unbounded.rb", "sessions_unclosed.py", "email.worker.ts",
                                  "billing_tasks.py", "sync_crm_contact_job.rb",
                                  "wallet.service.ts", "PriceController.java",
                                  "SessionDirectory.java", "package_growth.go", "request_growth.js",
                                   "request_growth.py", "reprice.ts", "routes.rb", "failure_results.py",
                                   "boards_controller.rb", "nested_viewsets.py",
                                   "contacts_controller.rb", "FailureResultIgnored.java", "go_webhooks.go",
                                   "failure_marked_done.py", "failure_marked_done.ts", "FailureMarkedDone.java",
                                   "failure_marked_done.rb", "tempfile_leaks.py",
                                   "loop_ignores_ctx.go", "rescue_answered_ok.rb", "lock_release_on_error.py",
                                   "lock_release_on_error.ts", "lock_release_on_error.go"])
def test_flow_checks_that_need_the_whole_file(name: str) -> None:
    """Route parameters, sibling routes and constants defined far from their use are seen with the whole
    file (the Action and the CLI give it)."""
    path = DATA / "whole_file_only" / name
    text = path.read_text()
    want = expected(text)
    assert want and findings_of(path.name, text) == want
