"""GO-PATH-TRAVERSAL and JS-PATH-TRAVERSAL: when the path is built from request data a few lines above the
call that opens it, the finding spans from the building line to the call (one comment over both); a path
read straight from the request is reported on the call alone."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.config import opt_in_ids
from persona_review.contexts import context_for_text

GO = """package api

func (h *StatementHandler) download(c echo.Context) error {
	name := c.Param("*")
	path := filepath.Join(h.root, name)
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Attachment(path, filepath.Base(path))
}
"""
JS = """app.get("/exports/:name", requireAuth, (req, res) => {
  const file = path.join(EXPORT_DIR, req.params.name);
  res.setHeader("Cache-Control", "no-store");
  fs.createReadStream(file).pipe(res);
});
"""


def _spans(path: str, text: str, rule: str) -> list[tuple[int, int | None]]:
    outcome = run_checks([context_for_text(path, text)], enabled=opt_in_ids())
    return sorted((f.line or 0, f.end_line) for f in outcome.findings if f.rule_id == rule)


def test_a_path_joined_above_the_call_that_opens_it_is_one_span() -> None:
    assert _spans("internal/api/statements.go", GO, "GO-PATH-TRAVERSAL") == [(5, 7)]
    assert _spans("src/routes/exports.js", JS, "JS-PATH-TRAVERSAL") == [(2, 4)]


def test_a_name_read_from_the_request_and_opened_is_reported_on_the_call() -> None:
    direct = GO.replace("\tpath := filepath.Join(h.root, name)\n", "").replace(
        "c.Attachment(path, filepath.Base(path))", "c.Attachment(name, \"statement.pdf\")")
    assert [line for line, _ in _spans("internal/api/statements.go", direct, "GO-PATH-TRAVERSAL")] == [6]
