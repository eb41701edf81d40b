"""The data-flow engine on Go and JavaScript/TypeScript: request sources of each framework, constants
folded, sanitizers and guards, and runs of hunk lines that start inside a function."""

from __future__ import annotations

import pytest

from persona_review.checks._tsflow import Value, flows
from persona_review.checks._tsflow.parse import _fragment_trees, error_count
from persona_review.checks.base import FileContext
from persona_review.contexts import context_for_text


def _sinks(ctx: FileContext) -> list[Value]:
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


_GO = """\
package h

const table = "users"

func handler(w http.ResponseWriter, r *http.Request, c *gin.Context, e echo.Context, f *fiber.Ctx) {
	sink(r.URL.Query().Get("q"))
	sink(r.FormValue("name"))
	sink(mux.Vars(r)["id"])
	sink(chi.URLParam(r, "id"))
	sink(c.Query("page"))
	sink(e.QueryParam("sort"))
	sink(f.Params("file"))
	body, _ := io.ReadAll(r.Body)
	sink(string(body))
	var in Input
	json.NewDecoder(r.Body).Decode(&in)
	sink(in.Name)
	var bound Input
	c.ShouldBindJSON(&bound)
	sink(bound.Name)
	sink(fmt.Sprintf("SELECT * FROM %s WHERE id = %d", table, 7))
	n, _ := strconv.Atoi(r.FormValue("n"))
	sink(n)
	sink(filepath.Base(r.FormValue("file")))
	mode := "fast"
	var cmd string
	switch mode {
	case "slow":
		cmd = r.FormValue("cmd")
	case "fast":
		cmd = "ls"
	}
	sink(cmd)
	name := r.FormValue("name")
	if !regexp.MustCompile("^[a-z]+$").MatchString(name) {
		return
	}
	sink(name)
}
"""


def test_go_sources_of_each_framework_and_what_makes_them_safe() -> None:
    values = _sinks(context_for_text("h.go", _GO))
    assert [v.tainted for v in values[:10]] == [True] * 10
    assert values[0].source == 'r.URL.Query().Get("q")'
    assert values[2].source == 'mux.Vars(r)["id"]'
    assert values[4].source == 'c.Query("page")'
    assert values[10].const == "SELECT * FROM users WHERE id = 7"
    assert values[11].tainted and "sql" in values[11].safe_for  # a number
    assert values[12].safe_for == frozenset({"path"})  # a base name, still not an identifier for SQL
    assert values[13].const == "ls"  # the switch arm that runs
    assert values[14].tainted and "shell" in values[14].safe_for  # matched by a regexp before use


def test_go_names_that_only_look_like_a_request_are_not_sources() -> None:
    code = (
        "package h\n\nfunc f(resp *http.Response, db *sql.DB) {\n"
        '\tsink(resp.Header.Get("X"))\n\trows, _ := db.Query("SELECT 1")\n\tsink(rows)\n}\n'
    )
    assert [v.tainted for v in _sinks(context_for_text("h.go", code))] == [False, False]


_JS = """\
const LIMIT = 10;
const BASE = "https://api.example.com";

router.get("/a", async (req, res) => {
  sink(req.query.name);
  sink(req.params.id);
  sink(req.body.user.email);
  sink(req.get("X-Forwarded-For"));
  sink(`SELECT * FROM t LIMIT ${LIMIT}`);
  sink(parseInt(req.query.page, 10));
  sink(path.basename(req.params.file));
  sink(`${BASE}/items/${encodeURIComponent(req.query.id)}`);
  const next = req.query.next || "/";
  sink(next);
  const sort = req.query.sort;
  if (!["name", "date"].includes(sort)) {
    return res.status(400).end();
  }
  sink(sort);
});

app.use(async (ctx) => {
  sink(ctx.query.q);
  sink(ctx.request.body.name);
});

fastify.get("/b", async (request, reply) => {
  sink(request.query.q);
});
"""


def test_js_sources_of_each_framework_and_what_makes_them_safe() -> None:
    values = _sinks(context_for_text("routes.js", _JS))
    assert [v.tainted for v in values[:4]] == [True] * 4
    assert values[0].source == "req.query.name"
    assert values[2].source == "req.body.user.email"
    assert values[4].const == "SELECT * FROM t LIMIT 10"
    assert "sql" in values[5].safe_for
    assert values[6].safe_for == frozenset({"path", "nosql"})  # a route parameter is text, never an object
    assert values[7].tainted and values[7].host_fixed()
    assert values[8].tainted and values[8].source == "req.query.next"  # `||` keeps the request data
    assert values[9].tainted and "sql" in values[9].safe_for  # checked against a list first
    assert [v.tainted for v in values[10:]] == [True, True, True]


def test_nest_parameters_bound_from_the_request_are_sources() -> None:
    code = (
        "@Controller('users')\nexport class Users {\n"
        "  @Get(':id')\n  find(@Param('id') id: string, @Query() q: Filter, other: string) {\n"
        "    sink(id);\n    sink(q.name);\n    sink(other);\n  }\n}\n"
    )
    values = _sinks(context_for_text("users.controller.ts", code))
    assert [v.tainted for v in values] == [True, True, False]
    assert values[0].source == "the `@Param()` parameter `id`"


def test_a_callback_runs_once_where_it_is_written() -> None:
    ctx = context_for_text("r.js", "router.get('/', (req, res) => {\n  db.query(req.query.sql);\n});\n")
    queries = [s for flow in flows(ctx) for s in flow.calls if s.call.method == "query" and s.args]
    assert len(queries) == 1


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("typescript", ["    return res.status(400).end();", "  }", "  db.query(`x ${req.query.a}`);", "});",
                        "router.get('/b', (req, res) => {", "  db.query(`y ${req.query.b}`);", "});"]),
        ("go", ["\t\treturn", "\t}", "\tdb.Query(\"x\" + r.FormValue(\"a\"))", "}", "",
                "func b(w http.ResponseWriter, r *http.Request) {", "\tdb.Query(\"y\" + r.FormValue(\"b\"))"]),
    ],
)
def test_a_run_that_starts_inside_a_function_is_cut_after_its_closers(language: str, lines: list[str]) -> None:
    """A run that closes blocks it never opened (the tail of one function, then another): the function
    after the closers parses cleanly, and the queries in both parts are seen with their request data."""
    pieces = _fragment_trees(language, 10, lines)
    assert error_count(pieces[-1][1].root_node) == 0, "the whole function after the cut parses cleanly"
    ctx = context_for_text("a.go" if language == "go" else "a.ts", "\n".join(lines))
    ctx.whole_file = False
    tainted = [s.line for flow in flows(ctx) for s in flow.calls if s.call.method in {"query", "Query"}
               and s.args and s.args[0].tainted]
    assert tainted == [3, 6] if language == "typescript" else tainted == [3, 7]


def test_dot_checks_and_dot_stripping_make_a_path_safe() -> None:
    code = (
        "app.get('/f', (req, res) => {\n"
        "  sink(req.query.a.replace(/\\.\\./g, ''));\n"
        "  const b = req.query.b;\n"
        "  if (b.indexOf('..') !== -1) { return res.status(400).end(); }\n"
        "  sink(b);\n"
        "  sink(req.query.c.replace('..', ''));\n"
        "});\n"
    )
    values = _sinks(context_for_text("f.js", code))
    assert ["path" in v.safe_for for v in values] == [True, True, False]
