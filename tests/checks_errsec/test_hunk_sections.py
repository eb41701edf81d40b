"""Hunks that start inside a function: the hunk header's section text (git's `@@ ... @@ func ...`) names the
function, so checks that need its signature (a Go handler, a Ruby controller action) read it from there;
a hunk without one gives what it gave before."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff


def _findings(diff: str, rule: str) -> list[int]:
    contexts = [build_context(f) for f in parse_diff(diff)]
    return sorted(f.line or 0 for f in run_checks(contexts).findings if f.rule_id == rule)


def _diff(path: str, section: str, start: int, rows: list[str]) -> str:
    added = sum(1 for r in rows if r.startswith("+"))
    old = len(rows) - added
    body = "".join(f"{r}\n" for r in rows)
    return (f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"
            f"@@ -{start},{old} +{start},{len(rows)} @@ {section}\n{body}")


_GO_ROWS = [
    ' \tmonth := chi.URLParam(r, "month")',
    "+\tctx := context.Background()",
    "+\trows, err := a.q.MonthlyRevenue(ctx, month)",
    "+\tif err != nil {",
    "+\t\ta.fail(w, r, err)",
    "+\t\treturn",
    "+\t}",
    "+\trender.JSON(w, r, rows)",
    " }",
]


def test_a_root_context_in_a_handler_named_by_the_hunk_header_is_reported() -> None:
    handler = "func (a *API) monthlyReport(w http.ResponseWriter, r *http.Request) {"
    assert _findings(_diff("internal/api/reports.go", handler, 63, _GO_ROWS), "GO-CONTEXT-DROPPED") == [64]


def test_a_plain_function_or_no_header_stays_quiet() -> None:
    plain = "func monthlyReport(month string) ([]Row, error) {"
    assert _findings(_diff("internal/api/reports.go", plain, 63, _GO_ROWS), "GO-CONTEXT-DROPPED") == []
    assert _findings(_diff("internal/api/reports.go", "", 63, _GO_ROWS), "GO-CONTEXT-DROPPED") == []


def test_a_function_the_hunk_closes_before_the_line_is_not_the_one_named() -> None:
    rows = [
        " \treturn nil",
        " }",
        " ",
        "+func warm() {",
        "+\tctx := context.Background()",
        "+\t_ = ctx",
        "+}",
    ]
    handler = "func (a *API) health(w http.ResponseWriter, r *http.Request) {"
    assert _findings(_diff("internal/api/health.go", handler, 40, rows), "GO-CONTEXT-DROPPED") == []


def test_a_thread_in_an_action_named_by_the_hunk_header_is_reported() -> None:
    rows = [
        "     report = current_user.reports.create!(report_params.merge(status: :queued))",
        "+    Thread.new { ReportBuilder.new(report).build! }",
        '     redirect_to report_path(report), notice: "Your report is being prepared."',
        "   end",
    ]
    diff = _diff("app/controllers/reports_controller.rb", "def create", 30, rows)
    assert _findings(diff, "RB-THREAD-IN-REQUEST") == [31]
    joined = [*rows[:2], "+    worker.join", *rows[2:]]
    assert _findings(_diff("app/controllers/reports_controller.rb", "def create", 30, joined),
                     "RB-THREAD-IN-REQUEST") == []
    assert _findings(_diff("app/controllers/reports_controller.rb", "", 30, rows), "RB-THREAD-IN-REQUEST") == []


def test_a_write_followed_by_more_statements_in_a_hunk_is_reported() -> None:
    rows = [
        "     @profile = current_user.profile",
        "+    @profile.update(profile_params)",
        '+    flash[:notice] = "Profile saved"',
        "+    redirect_to profile_path",
        "   end",
    ]
    diff = _diff("app/controllers/profiles_controller.rb", "def update", 14, rows)
    assert _findings(diff, "RB-WRITE-RESULT-IGNORED") == [15]
    last = [*rows[:2], "   end"]  # the write may be the method's value: left alone
    assert _findings(_diff("app/controllers/profiles_controller.rb", "def update", 14, last),
                     "RB-WRITE-RESULT-IGNORED") == []
    checked = [*rows[:2], "+    return render(:edit) if @profile.errors.any?", *rows[2:]]
    assert _findings(_diff("app/controllers/profiles_controller.rb", "def update", 14, checked),
                     "RB-WRITE-RESULT-IGNORED") == []
