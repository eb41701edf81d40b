"""GO-CLIENT-PER-REQUEST: database pools, Redis clients and HTTP transports made inside handlers, in code
written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import DATA, expected, findings_of

RULE = "GO-CLIENT-PER-REQUEST"


def _lines(code: str, path: str = "internal/api/orders.go") -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def test_the_fixture_flags_exactly_the_marked_lines() -> None:
    text = (DATA / "whole_file_only" / "clients_per_request.go").read_text()
    want = sorted(line for line, rule in expected(text) if rule == RULE)
    assert want == [23, 60, 85, 106]
    assert _lines(text) == want


def test_outside_handlers_and_in_tests_nothing_is_reported() -> None:
    code = (
        "package store\n"
        "\n"
        "func open(dsn string) *sql.DB {\n"
        "\tdb, _ := sql.Open(\"postgres\", dsn)\n"
        "\tdb.SetMaxOpenConns(10)\n"
        "\treturn db\n"
        "}\n"
        "\n"
        "func count(dsn string) int {\n"
        "\tdb, _ := sql.Open(\"postgres\", dsn)\n"
        "\tvar n int\n"
        "\t_ = db.QueryRow(\"SELECT 1\").Scan(&n)\n"
        "\treturn n\n"
        "}\n"
    )
    assert _lines(code) == []
    handler = (
        "package api\n"
        "\n"
        "func Count(w http.ResponseWriter, r *http.Request) {\n"
        "\tdb, _ := sql.Open(\"postgres\", dsn)\n"
        "\tvar n int\n"
        "\t_ = db.QueryRow(\"SELECT 1\").Scan(&n)\n"
        "\tfmt.Fprint(w, n)\n"
        "}\n"
    )
    assert _lines(handler) == [4]
    assert _lines(handler, "internal/api/count_test.go") == []


def test_a_handler_literal_in_a_router_setup_counts_and_a_cut_hunk_is_quiet() -> None:
    diff = (
        "diff --git a/cmd/server/routes.go b/cmd/server/routes.go\n"
        "--- a/cmd/server/routes.go\n"
        "+++ b/cmd/server/routes.go\n"
        "@@ -10,2 +10,8 @@ func routes(mux *http.ServeMux) {\n"
        " \tmux.HandleFunc(\"/health\", health)\n"
        "+\tmux.HandleFunc(\"/visits\", func(w http.ResponseWriter, r *http.Request) {\n"
        "+\t\trdb := redis.NewClient(&redis.Options{Addr: addr})\n"
        "+\t\tn, _ := rdb.Incr(r.Context(), \"visits\").Result()\n"
        "+\t\tfmt.Fprint(w, n)\n"
        "+\t})\n"
        "+\n"
        " }\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == [12]
    cut = diff.replace("@@ -10,2 +10,8 @@", "@@ -10,1 +10,3 @@").split("+\t\tn, _ :=")[0]
    outcome = run_checks([build_context(f) for f in parse_diff(cut).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == []
