"""Sinks inside same-file helpers (`FileFlow.reaches`): a call of a helper whose parameter reaches a sink
is a sink call. The finding goes on the sink's line when the change adds it, else on the helper's call;
a constant, sanitised or allow-listed argument, and a helper that binds its parameter, stay quiet."""

from __future__ import annotations

import difflib

from persona_review.checks._tsflow import flows
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding


def _changed(path: str, old: str, new: str) -> list[Finding]:
    """Findings of the change old -> new, the whole new file readable."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}",
                                 f"b/{path}", n=3)
    (diff_file,) = list(parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(lines)))
    ctx = build_context(diff_file, text=new)
    assert ctx.whole_file
    return list(run_checks([ctx], categories=(Category.SECURITY,)).findings)


def _lines(found: list[Finding], rule: str) -> list[int]:
    return sorted(f.line for f in found if f.rule_id == rule)


def _whole(path: str, code: str) -> list[Finding]:
    return list(run_checks([context_for_text(path, code)], categories=(Category.SECURITY,)).findings)


# --- JavaScript -----------------------------------------------------------------------------------------

_JS_HELPER = """\
const { exec } = require('child_process');
const util = require('util');
const run = util.promisify(exec);
const SIZES = ['small', 'large'];

function resize(name) {
  return run('convert ' + name + ' -resize 50% out.png');
}

function resizeChecked(size) {
  if (!SIZES.includes(size)) {
    throw new Error('bad size');
  }
  return run('convert in.png -resize ' + size + ' out.png');
}

function lookup(db, id) {
  return db.query('SELECT * FROM files WHERE id = $1', [id]);
}

"""
_JS_ROUTE_OLD = """\
router.post('/resize', async (req, res) => {
  await resize('logo.png');
  res.sendStatus(204);
});
"""


def test_js_caller_added_passes_request_data_to_a_helpers_exec() -> None:
    new = _JS_ROUTE_OLD.replace("resize('logo.png');", "resize(req.body.file);")
    found = _changed("routes/images.js", _JS_HELPER + _JS_ROUTE_OLD, _JS_HELPER + new)
    assert _lines(found, "JS-SHELL-INJECTION") == [22]
    body = next(f.body or "" for f in found if f.rule_id == "JS-SHELL-INJECTION")
    assert "req.body.file" in body and "`resize`" in body and "line 7" in body


def test_js_helper_added_reports_its_sink_line_once() -> None:
    old = "const { exec } = require('child_process');\nfunction other() {}\n"
    new = (
        "const { exec } = require('child_process');\n"
        "function other() {}\n"
        "function archive(dir) {\n"
        "  exec(`tar czf backup.tgz ${dir}`);\n"
        "}\n"
        "router.post('/a', (req, res) => { archive(req.body.dir); });\n"
        "router.post('/b', (req, res) => { archive(req.query.dir); });\n"
    )
    assert _lines(_changed("routes/backup.js", old, new), "JS-SHELL-INJECTION") == [4]


def test_js_helper_calls_stay_quiet_when_constant_sanitised_allow_listed_or_bound() -> None:
    route = (
        "router.post('/resize', async (req, res) => {\n"
        "  await resize('logo.png');\n"
        "  await resize(Number(req.body.n));\n"
        "  await resizeChecked(req.body.size);\n"
        "  await lookup(db, req.params.id);\n"
        "  res.sendStatus(204);\n"
        "});\n"
    )
    found = _changed("routes/images.js", _JS_HELPER + _JS_ROUTE_OLD, _JS_HELPER + route)
    assert _lines(found, "JS-SHELL-INJECTION") == []
    assert _lines(found, "JS-SQL-STRING") == []


def test_js_sql_through_a_helper_and_a_helper_of_the_helper() -> None:
    code = (
        "function orderBy(db, column) {\n"
        "  return db.query('SELECT id FROM users ORDER BY ' + column);\n"
        "}\n"
        "function listUsers(db, sort) {\n"
        "  return orderBy(db, sort);\n"
        "}\n"
    )
    old = code + "app.get('/users', (req, res) => listUsers(pool, 'name'));\n"
    new = code + "app.get('/users', (req, res) => listUsers(pool, req.query.sort));\n"
    assert _lines(_changed("server/users.js", old, new), "JS-SQL-STRING") == [7]


def test_js_promisified_function_is_called_as_the_function_it_wraps() -> None:
    code = (
        "const { promisify } = require('util');\n"
        "const cp = require('child_process');\n"
        "const sh = promisify(cp.exec);\n"
        "app.get('/ping', async (req, res) => {\n"
        "  await sh('ping -c 1 ' + req.query.host);\n"
        "});\n"
    )
    assert _lines(_whole("ping.js", code), "JS-SHELL-INJECTION") == [5]


# --- Go -------------------------------------------------------------------------------------------------

_GO_OLD = """\
package store

import (
	"database/sql"
	"net/http"
	"os/exec"
	"strconv"
)

func queryBy(db *sql.DB, col string) (*sql.Rows, error) {
	return db.Query("SELECT id, name FROM users ORDER BY " + col)
}

func rowsFor(db *sql.DB, id string) (*sql.Rows, error) {
	return db.Query("SELECT id, name FROM users WHERE id = $1", id)
}

func sortChecked(db *sql.DB, col string) (*sql.Rows, error) {
	switch col {
	case "name", "created_at":
		return db.Query("SELECT id, name FROM users ORDER BY " + col)
	}
	return nil, nil
}

func ping(host string) error {
	return exec.Command("sh", "-c", "ping -c 1 "+host).Run()
}

func list(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	queryBy(db, "name")
}
"""


def test_go_caller_added_passes_request_data_to_a_helpers_query() -> None:
    new = _GO_OLD.replace('\tqueryBy(db, "name")\n', '\tqueryBy(db, r.URL.Query().Get("sort"))\n'
                                                     '\tping(r.FormValue("host"))\n')
    found = _changed("store/users.go", _GO_OLD, new)
    assert _lines(found, "GO-SQL-STRING") == [31]
    assert _lines(found, "GO-SHELL-INJECTION") == [32]


def test_go_helper_calls_stay_quiet_when_constant_sanitised_allow_listed_or_bound() -> None:
    new = _GO_OLD.replace('\tqueryBy(db, "name")\n', (
        '\tqueryBy(db, "created_at")\n'
        '\tn, _ := strconv.Atoi(r.FormValue("n"))\n'
        '\tqueryBy(db, strconv.Itoa(n))\n'
        '\trowsFor(db, r.FormValue("id"))\n'
        '\tsortChecked(db, r.FormValue("sort"))\n'
    ))
    found = _changed("store/users.go", _GO_OLD, new)
    assert _lines(found, "GO-SQL-STRING") == []


def test_go_sql_returned_by_a_helper_is_reported_where_it_is_built() -> None:
    old = (
        "package store\n\n"
        "func (h *Handler) List(w http.ResponseWriter, r *http.Request) {\n"
        '\th.db.Query("SELECT id FROM orders")\n'
        "}\n"
    )
    new = (
        "package store\n\n"
        "func ordersQuery(sortBy string) string {\n"
        '\treturn fmt.Sprintf("SELECT id FROM orders ORDER BY %s", sortBy)\n'
        "}\n\n"
        "func (h *Handler) List(w http.ResponseWriter, r *http.Request) {\n"
        '\th.db.Query(ordersQuery(r.URL.Query().Get("sort")))\n'
        "}\n"
    )
    assert _lines(_changed("store/orders.go", old, new), "GO-SQL-STRING") == [4]


# --- Java -----------------------------------------------------------------------------------------------

_JAVA = """\
package demo;

@RestController
public class UserController {
    private static final Set<String> COLUMNS = Set.of("name", "email");
    private final JdbcTemplate jdbcTemplate;

    @GetMapping("/users")
    public List<User> list(@RequestParam String sort, @RequestParam String id) {
        return findSorted("name");
    }

    private List<User> findSorted(String column) {
        return jdbcTemplate.query("SELECT * FROM users ORDER BY " + column, mapper);
    }

    private List<User> findById(String id) {
        return jdbcTemplate.query("SELECT * FROM users WHERE id = ?", mapper, id);
    }

    private List<User> findChecked(String column) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return jdbcTemplate.query("SELECT * FROM users ORDER BY " + column, mapper);
    }
}
"""


def test_java_caller_added_passes_a_request_parameter_to_a_private_query_method() -> None:
    new = _JAVA.replace('return findSorted("name");', "return findSorted(sort);")
    found = _changed("src/main/java/demo/UserController.java", _JAVA, new)
    assert _lines(found, "JAVA-SQL-STRING") == [10]
    assert "`findSorted`" in next(f.body or "" for f in found if f.rule_id == "JAVA-SQL-STRING")


def test_java_helper_calls_stay_quiet_when_constant_sanitised_allow_listed_or_bound() -> None:
    for call in ('findSorted("email")', "findSorted(String.valueOf(Integer.parseInt(id)))", "findById(id)",
                 "findChecked(sort)"):
        new = _JAVA.replace('return findSorted("name");', f"return {call};")
        found = _changed("src/main/java/demo/UserController.java", _JAVA, new)
        assert _lines(found, "JAVA-SQL-STRING") == [], call


def test_java_helper_added_reports_its_sink_line() -> None:
    old = _JAVA.replace('return findSorted("name");', "return findChecked(sort);")
    guarded = ("        if (!COLUMNS.contains(column)) {\n"
               "            throw new IllegalArgumentException(column);\n"
               "        }\n"
               '        return jdbcTemplate.query("SELECT * FROM users ORDER BY " + column, mapper);\n')
    new = old.replace(guarded, '        return jdbcTemplate.query("SELECT * FROM users ORDER BY " + column + " DESC", mapper);\n')
    assert _lines(_changed("src/main/java/demo/UserController.java", old, new), "JAVA-SQL-STRING") == [22]


# --- the engine -----------------------------------------------------------------------------------------


def test_reaches_are_computed_once_per_helper() -> None:
    code = "function q(db, c) {\n  return db.query('SELECT ' + c);\n}\n" + "".join(
        f"app.get('/r{i}', (req, res) => q(pool, req.query.c{i}));\n" for i in range(20)
    )
    ctx = context_for_text("many.js", code)
    (flow,) = flows(ctx)
    helper = next(f for f in flow.functions if f.name == "q")
    first = flow.reaches(helper)
    assert [(r.site.line, r.index, sorted(r.value.params)) for r in first] == [(2, -1, [0]), (2, 0, [1])]
    assert flow.reaches(helper) is first
    assert len(_lines(_whole("many.js", code), "JS-SQL-STRING")) == 1


def test_a_template_url_starting_with_a_configured_base_keeps_its_host() -> None:
    code = (
        "app.get('/jobs', async (req, res) => {\n"
        "  await fetch(`${internalBaseUrl()}/api/jobs/${req.query.id}`);\n"
        "  await fetch(`${req.query.base}/api/jobs`);\n"
        "});\n"
    )
    assert _lines(_whole("jobs.ts", code), "JS-SSRF") == [3]


def test_go_a_value_the_caller_cleaned_before_handing_it_to_a_helper_is_trusted() -> None:
    code = (
        "package repo\n\n"
        "func repoPath(dir string) string {\n"
        "\tname := filepath.Join(root, dir)\n"
        "\tif _, err := os.Stat(name); err != nil {\n"
        '\t\treturn ""\n'
        "\t}\n"
        "\treturn name\n"
        "}\n\n"
        "func Serve(w http.ResponseWriter, r *http.Request) {\n"
        "\tcleaned := pathutil.Clean(r.URL.Path)\n"
        "\trepoPath(cleaned)\n"
        "\trepoPath(r.URL.Path)\n"
        "}\n"
    )
    old = code.replace("\trepoPath(cleaned)\n\trepoPath(r.URL.Path)\n", "")
    assert _lines(_changed("repo/serve.go", old, code), "GO-PATH-TRAVERSAL") == [14]


def _hunks(path: str, old: str, new: str) -> list[Finding]:
    """Findings of the change old -> new read from its hunks alone (one line of context)."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}",
                                 f"b/{path}", n=1)
    (diff_file,) = list(parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    assert not ctx.whole_file
    return list(run_checks([ctx], categories=(Category.SECURITY,)).findings)


_GO_SPLIT_OLD = """\
package api

func ordersQuery() string {
	return "SELECT id FROM orders ORDER BY created_at"
}

type Handler struct {
	db *sql.DB
}

func (h *Handler) Health(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}

func (h *Handler) List(w http.ResponseWriter, r *http.Request) {
	rows, err := h.db.Query(ordersQuery())
	if err != nil {
		return
	}
	defer rows.Close()
}
"""


def test_go_helper_in_another_hunk_is_followed_and_reported_where_the_sql_is_built() -> None:
    new = _GO_SPLIT_OLD.replace(
        'func ordersQuery() string {\n\treturn "SELECT id FROM orders ORDER BY created_at"\n',
        'func ordersQuery(sort string) string {\n\treturn fmt.Sprintf("SELECT id FROM orders ORDER BY %s", sort)\n',
    ).replace("h.db.Query(ordersQuery())", 'h.db.Query(ordersQuery(r.URL.Query().Get("sort")))')
    found = _hunks("api/orders.go", _GO_SPLIT_OLD, new)
    assert _lines(found, "GO-SQL-STRING") == [4]
    body = next(f.body or "" for f in found if f.rule_id == "GO-SQL-STRING")
    assert "`ordersQuery` (line 16)" in body and "returned here" in body


def test_go_allow_list_switch_in_a_helper_of_another_hunk_is_quiet() -> None:
    new = _GO_SPLIT_OLD.replace(
        'func ordersQuery() string {\n\treturn "SELECT id FROM orders ORDER BY created_at"\n',
        "func ordersQuery(sort string) string {\n\tswitch sort {\n\tcase \"total\", \"created_at\":\n"
        '\tdefault:\n\t\tsort = "created_at"\n\t}\n'
        '\treturn "SELECT id FROM orders ORDER BY " + sort\n',
    ).replace("h.db.Query(ordersQuery())", 'h.db.Query(ordersQuery(r.URL.Query().Get("sort")))')
    assert _lines(_hunks("api/orders.go", _GO_SPLIT_OLD, new), "GO-SQL-STRING") == []


def test_java_sql_a_private_helper_returns_is_reported_once_where_it_is_built() -> None:
    old = (
        "package demo;\n\n"
        "public class OrderController {\n"
        "    private String listSql() {\n"
        '        return "SELECT * FROM orders ORDER BY created_at";\n'
        "    }\n\n"
        '    @GetMapping("/orders")\n'
        "    public List<Order> list() {\n"
        "        return jdbcTemplate.query(listSql(), mapper);\n"
        "    }\n"
        "}\n"
    )
    new = old.replace("listSql() {", "listSql(String sort) {").replace(
        '"SELECT * FROM orders ORDER BY created_at"', '"SELECT * FROM orders ORDER BY " + sort'
    ).replace("list() {", "list(@RequestParam String sort) {").replace("query(listSql(),", "query(listSql(sort),")
    found = _changed("src/main/java/demo/OrderController.java", old, new)
    assert _lines(found, "JAVA-SQL-STRING") == [5]
    assert "returned here" in next(f.body or "" for f in found if f.rule_id == "JAVA-SQL-STRING")


def test_js_a_url_a_helper_starts_with_a_fixed_host_keeps_that_host() -> None:
    code = (
        "function apiUrl(path) {\n"
        "  return 'https://api.example.com/v1/' + path;\n"
        "}\n"
        "function passThrough(url) {\n"
        "  return url.trim();\n"
        "}\n"
        "app.get('/proxy', async (req, res) => {\n"
        "  await fetch(apiUrl(req.query.path));\n"
        "  await fetch(passThrough(req.query.url));\n"
        "});\n"
    )
    assert _lines(_whole("proxy.js", code), "JS-SSRF") == [9]
