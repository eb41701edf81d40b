"""Go and JavaScript checks on the data flow: constants built in the function (or defined outside the hunk)
are not reported, request data is, and messages name the source and the call."""

from __future__ import annotations

import difflib

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding


def _findings(path: str, code: str) -> list[Finding]:
    return list(run_checks([context_for_text(path, code)], categories=(Category.SECURITY,)).findings)


def _ids(path: str, code: str) -> set[tuple[int, str]]:
    return {(f.line, f.rule_id or "") for f in _findings(path, code)}


def _hunk_ids(path: str, old: str, new: str, context: int) -> set[tuple[int, str]]:
    """Findings of a diff read without the file (the hunks alone)."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}",
                                 f"b/{path}", n=context)
    (diff_file,) = list(parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    assert not ctx.whole_file
    return {(f.line, f.rule_id or "") for f in run_checks([ctx], categories=(Category.SECURITY,)).findings}


def test_js_commands_built_from_constants_are_not_reported() -> None:
    code = (
        "const { exec } = require('child_process');\n"
        "const DIR = '/srv/reports';\n"
        "function list() {\n"
        "  const cmd = 'ls -la ' + DIR;\n"
        "  exec(cmd);\n"
        "  const mode = 'fast';\n"
        "  exec(mode === 'fast' ? 'uptime' : cmd);\n"
        "}\n"
        "router.get('/x', (req, res) => {\n"
        "  exec('grep ' + req.query.term + ' /var/log/app.log');\n"
        "});\n"
    )
    found = _findings("tasks.js", code)
    assert [(f.line, f.rule_id) for f in found] == [(10, "JS-SHELL-INJECTION")]
    assert "req.query.term" in (found[0].body or "")


def test_go_commands_built_from_constants_are_not_reported() -> None:
    code = (
        "package tasks\n\n"
        'const dir = "/srv"\n\n'
        "func list(w http.ResponseWriter, r *http.Request) {\n"
        '\tscript := "ls -la " + dir\n'
        '\texec.Command("sh", "-c", script).Run()\n'
        '\tn := len(dir)\n'
        '\texec.Command("sh", "-c", "seq "+strconv.Itoa(n)).Run()\n'
        '\texec.Command("bash", "-c", "grep "+r.URL.Query().Get("q")+" app.log").Run()\n'
        "}\n"
    )
    found = _findings("tasks.go", code)
    assert [(f.line, f.rule_id) for f in found] == [(10, "GO-SHELL-INJECTION")]
    assert 'r.URL.Query().Get("q")' in (found[0].body or "")


_JS_OLD = """\
const { exec } = require('child_process');

function report() {
  const listing = "ls -la /srv/reports";
  log("listing");
  done();
}
"""
_JS_NEW = """\
const { exec } = require('child_process');

function report() {
  const listing = "ls -la /srv/reports";
  log("listing");
  exec(listing);
  done();
}
"""


def test_a_constant_defined_outside_a_thin_hunk_is_not_evidence() -> None:
    """The hunk shows `exec(listing)` only; `listing` is a constant above it, out of the hunk."""
    for context in (0, 1):
        assert not {rule for _line, rule in _hunk_ids("report.js", _JS_OLD, _JS_NEW, context)
                    if rule == "JS-SHELL-INJECTION"}
    assert not _ids("report.js", _JS_NEW)


def test_request_data_in_the_hunk_is_reported_without_the_file() -> None:
    new = _JS_NEW.replace("  exec(listing);\n", "  exec(`tar czf ${req.query.name}.tgz`);\n")
    assert (6, "JS-SHELL-INJECTION") in _hunk_ids("report.js", _JS_OLD, new, 0)


_GO_OLD = """\
package tasks

func run() {
	cmd := "uptime"
	log.Println("start")
	log.Println("done")
}
"""
_GO_NEW = """\
package tasks

func run() {
	cmd := "uptime"
	log.Println("start")
	exec.Command("sh", "-c", cmd).Run()
	log.Println("done")
}
"""


def test_go_constant_outside_the_hunk_is_not_evidence() -> None:
    for context in (0, 1, 3):
        assert not {rule for _line, rule in _hunk_ids("run.go", _GO_OLD, _GO_NEW, context)
                    if rule == "GO-SHELL-INJECTION"}


def test_sql_with_constant_table_names_and_bound_values_is_not_reported() -> None:
    go = (
        "package store\n\nfunc find(w http.ResponseWriter, r *http.Request, db *sql.DB) {\n"
        '\ttable := "orders"\n'
        '\tdb.Query("SELECT * FROM "+table+" WHERE id = $1", r.FormValue("id"))\n'
        '\tdb.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = $1", table), r.FormValue("id"))\n'
        '\tdb.Query("SELECT * FROM orders WHERE id = " + r.FormValue("id"))\n'
        "}\n"
    )
    assert {rule for line, rule in _ids("store.go", go) if rule == "GO-SQL-STRING"} == {"GO-SQL-STRING"}
    assert sorted(line for line, rule in _ids("store.go", go) if rule == "GO-SQL-STRING") == [7]
    js = (
        "const TABLE = 'orders';\n"
        "router.get('/o', async (req, res) => {\n"
        "  await db.query(`SELECT * FROM ${TABLE} WHERE id = $1`, [req.params.id]);\n"
        "  await db.query(`SELECT * FROM ${TABLE} WHERE id = ${req.params.id}`);\n"
        "});\n"
    )
    assert sorted(line for line, rule in _ids("orders.js", js) if rule == "JS-SQL-STRING") == [4]


def test_an_express_query_is_reported_once() -> None:
    code = "router.get('/u', async (req, res) => {\n  await pool.query('SELECT * FROM u WHERE n = ' + req.query.n);\n});\n"
    assert [rule for _line, rule in _ids("u.js", code)].count("JS-SQL-STRING") == 1


def test_ssrf_only_when_the_request_picks_the_host() -> None:
    go = (
        "package p\n\nfunc f(w http.ResponseWriter, r *http.Request) {\n"
        '\tid := r.URL.Query().Get("id")\n'
        '\tclient.Get("https://api.example.com/items/" + id)\n'
        '\thttp.Get(r.URL.Query().Get("target"))\n'
        '\thttp.Get("https://" + r.Host + "/x")\n'
        "}\n"
    )
    assert sorted(line for line, rule in _ids("p.go", go) if rule == "GO-SSRF") == [6, 7]
    js = (
        "app.get('/p', async (req, res) => {\n"
        "  await fetch('https://api.example.com/items/' + req.query.id);\n"
        "  await axios.get(req.query.url);\n"
        "  const u = new URL(req.query.url);\n"
        "  if (u.host !== 'api.example.com') return res.sendStatus(400);\n"
        "});\n"
    )
    assert sorted(line for line, rule in _ids("p.js", js) if rule == "JS-SSRF") == [3]


def test_cors_reflection_needs_credentials_and_no_allow_list() -> None:
    def code(check: str, credentials: str) -> str:
        return (
            "app.use((req, res, next) => {\n"
            "  const origin = req.headers.origin;\n"
            f"{check}"
            "  res.setHeader('Access-Control-Allow-Origin', origin);\n"
            f"{credentials}"
            "  next();\n"
            "});\n"
        )

    credentials = "  res.setHeader('Access-Control-Allow-Credentials', 'true');\n"
    check = "  if (!ALLOWED.includes(origin)) return next();\n"
    rule = "JS-CORS-REFLECTED-ORIGIN"
    assert (3, rule) in _ids("c.js", code("", credentials))
    assert rule not in {r for _l, r in _ids("c.js", code("", ""))}
    assert rule not in {r for _l, r in _ids("c.js", code(check, credentials))}


def test_random_values_only_matter_as_secrets() -> None:
    js = (
        "function pickColor() { return COLORS[Math.floor(Math.random() * COLORS.length)]; }\n"
        "function makeToken() {\n  const token = Math.random().toString(36).slice(2);\n  return token;\n}\n"
    )
    assert [(line, rule) for line, rule in _ids("t.js", js) if rule == "JS-INSECURE-RANDOM"] == [
        (3, "JS-INSECURE-RANDOM")
    ]
    go = (
        'package p\n\nimport "math/rand"\n\n'
        "func jitter() int { return rand.Intn(100) }\n"
        "func reset() string {\n\tcode := fmt.Sprint(rand.Intn(1000000))\n\treturn code\n}\n"
    )
    assert sorted(line for line, rule in _ids("p.go", go) if rule == "GO-INSECURE-RANDOM") == [7]
    crypto = go.replace('"math/rand"', '"crypto/rand"')
    assert not [rule for _line, rule in _ids("p.go", crypto) if rule == "GO-INSECURE-RANDOM"]


def test_js_path_and_redirect_sanitizers() -> None:
    code = (
        "const BASE = path.resolve('/srv/files');\n"
        "app.get('/f', (req, res) => {\n"
        "  const target = path.resolve(BASE, req.query.name);\n"
        "  if (!target.startsWith(BASE + path.sep)) return res.sendStatus(403);\n"
        "  res.sendFile(target);\n"
        "  fs.readFile(path.join(BASE, req.query.other), cb);\n"
        "  res.redirect('/files/' + encodeURIComponent(req.query.name));\n"
        "  res.redirect(req.query.back);\n"
        "});\n"
    )
    got = _ids("f.js", code)
    assert sorted(line for line, rule in got if rule == "JS-PATH-TRAVERSAL") == [6]
    assert sorted(line for line, rule in got if rule == "JS-OPEN-REDIRECT") == [8]


def test_handlers_are_known_by_their_shape_not_only_by_names() -> None:
    code = (
        "import request from 'request';\n"
        "app.get('/a', function (r, s) {\n  request.get(r.query.url);\n});\n"
        "export const h = ({ query }: Request, res: Response) => {\n  fetch(query.target);\n};\n"
        "cache.get('key', (err, value) => {\n  fetch(err.query);\n});\n"
        "function lookup(map, key) {\n  return fetch(map.query);\n}\n"
    )
    assert sorted(line for line, rule in _ids("h.ts", code) if rule == "JS-SSRF") == [3, 6]


def test_a_joined_path_that_leaves_the_function_is_reported_where_it_is_joined() -> None:
    js = (
        "function fileFor(req, res) {\n  return path.join(UPLOADS, req.params.name);\n}\n"
        "function checked(req, res) {\n  const p = path.resolve(UPLOADS, req.params.name);\n"
        "  if (!p.startsWith(UPLOADS)) throw new Error('outside');\n  return p;\n}\n"
    )
    assert sorted(line for line, rule in _ids("f.js", js) if rule == "JS-PATH-TRAVERSAL") == [2]
    go = (
        "package f\n\nfunc fileFor(r *http.Request) string {\n"
        '\treturn filepath.Join(uploads, r.FormValue("name"))\n}\n'
    )
    assert sorted(line for line, rule in _ids("f.go", go) if rule == "GO-PATH-TRAVERSAL") == [4]


def test_common_safe_idioms_stay_clean() -> None:
    """Redirecting back to the Referer, a value passed through a helper named for sanitising, and an
    object from a service sent with `res.send` (Express answers JSON) are not findings."""
    js = (
        "app.post('/login', async (req, res) => {\n"
        "  res.redirect(req.get('Referrer') || '/');\n"
        "  res.redirect(sanitizeRedirect(req.query.next));\n"
        "  const user = await users.byId(req.params.id);\n"
        "  res.send(user);\n"
        "  res.send('<p>' + req.query.q + '</p>');\n"
        "});\n"
    )
    got = _ids("login.js", js)
    assert sorted((line, rule) for line, rule in got if rule in {"JS-OPEN-REDIRECT", "JS-XSS"}) == [(6, "JS-XSS")]
    go = (
        "package m\n\nfunc slash(c echo.Context) error {\n"
        "\turi := c.Request().URL.Path + \"/\"\n"
        "\treturn c.Redirect(http.StatusMovedPermanently, sanitizeURI(c.QueryParam(\"u\")))\n}\n"
    )
    assert not [rule for _line, rule in _ids("m.go", go) if rule == "GO-OPEN-REDIRECT"]


def test_text_template_pages_are_reported_and_html_template_ones_not() -> None:
    code = (
        'package p\n\nimport (\n\t"net/http"\n\t"text/template"\n)\n\n'
        "func page(w http.ResponseWriter, r *http.Request) {\n"
        '\tt := template.Must(template.New("x").Parse(src))\n'
        '\tt.Execute(w, r.FormValue("name"))\n\tt.Execute(os.Stdout, nil)\n}\n'
    )
    assert [line for line, rule in _ids("p.go", code) if rule == "GO-TEMPLATE-INJECTION"] == [10]
    safe = code.replace('"text/template"', '"html/template"')
    assert not [rule for _line, rule in _ids("p.go", safe) if rule == "GO-TEMPLATE-INJECTION"]


def test_sandboxes_run_request_data_as_code() -> None:
    code = (
        "const { VM } = require('vm2');\n"
        "app.get('/x', (req, res) => {\n"
        "  new VM().run(req.query.code);\n"
        "  new VM().run('1 + 1');\n"
        "  setTimeout(() => res.end(), 10);\n"
        "});\n"
    )
    assert sorted(line for line, rule in _ids("x.js", code) if rule == "JS-CODE-INJECTION") == [3]


def test_a_cookie_literal_cut_by_the_hunk_is_not_judged() -> None:
    old = (
        "package c\n\nfunc set(w http.ResponseWriter) {\n\tcookie := Cookie{\n\t\tName:     \"s\",\n"
        "\t\tSecure:   true,\n\t\tHttpOnly: true,\n\t}\n\thttp.SetCookie(w, &cookie)\n}\n"
    )
    new = old.replace("cookie := Cookie{", "cookie := http.Cookie{")
    assert not [rule for _line, rule in _hunk_ids("c.go", old, new, 0) if rule == "GO-COOKIE-INSECURE"]
    assert not [rule for _line, rule in _ids("c.go", new) if rule == "GO-COOKIE-INSECURE"]
    bare = new.replace("\t\tSecure:   true,\n", "")
    assert [line for line, rule in _ids("c.go", bare) if rule == "GO-COOKIE-INSECURE"] == [4]


def test_redirects_to_the_requests_own_host_are_the_https_idiom() -> None:
    go = (
        "package p\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n"
        '\thttp.Redirect(w, r, "https://"+r.Host+r.URL.RequestURI(), http.StatusMovedPermanently)\n'
        '\thttp.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)\n}\n'
    )
    assert [line for line, rule in _ids("h.go", go) if rule == "GO-OPEN-REDIRECT"] == [5]
    js = (
        "app.use((req, res) => {\n"
        "  res.redirect('https://' + req.hostname + req.originalUrl);\n"
        "  res.redirect(req.query.next);\n"
        "});\n"
    )
    assert [line for line, rule in _ids("h.js", js) if rule == "JS-OPEN-REDIRECT"] == [3]


def test_trusted_matches_and_stored_values_are_not_open_redirects() -> None:
    """Request data found equal to a configured URL, and a URL the program stored under a request key,
    are the program's own; the raw parameter is not."""
    go = (
        "package p\n\nfunc (a *App) next(c echo.Context) error {\n"
        '\tif next := strings.TrimSpace(c.FormValue("next")); next != "" {\n'
        "\t\tfor _, d := range a.cfg.TrustedURLs {\n"
        "\t\t\tif next == d {\n\t\t\t\treturn c.Redirect(http.StatusSeeOther, next)\n\t\t\t}\n\t\t}\n\t}\n"
        '\turl, _ := a.core.LinkURL(c.Param("uuid"))\n'
        "\tc.Redirect(http.StatusFound, url)\n"
        '\treturn c.Redirect(http.StatusFound, c.FormValue("back"))\n}\n'
    )
    assert [line for line, rule in _ids("p.go", go) if rule == "GO-OPEN-REDIRECT"] == [13]
    js = (
        "app.get('/l/:id', async (req, res) => {\n"
        "  const link = await this.links.find(req.params.id);\n"
        "  res.redirect(link);\n"
        "  res.redirect(req.query.to);\n"
        "});\n"
    )
    assert [line for line, rule in _ids("l.js", js) if rule == "JS-OPEN-REDIRECT"] == [4]


def test_cookies_set_from_configuration_or_being_cleared_are_not_reported() -> None:
    code = (
        "package c\n\nfunc set(w http.ResponseWriter, r *http.Request, token string, secure bool) {\n"
        '\thttp.SetCookie(w, &http.Cookie{Name: "t", Value: token, Secure: secure, HttpOnly: true})\n'
        '\thttp.SetCookie(w, &http.Cookie{Name: "t", Value: "", MaxAge: -1})\n'
        '\tr.AddCookie(&http.Cookie{Name: "t", Value: token})\n'
        '\thttp.SetCookie(w, &http.Cookie{Name: "t", Value: token, HttpOnly: true})\n}\n'
    )
    assert [line for line, rule in _ids("c.go", code) if rule == "GO-COOKIE-INSECURE"] == [7]


def test_data_read_from_a_file_or_a_command_is_not_request_data() -> None:
    """The request picks the path (traversal) or the pattern (command injection), but what the file or the
    command gives back is not the caller's text: writing it out is not reflected XSS."""
    go = (
        "package main\n\n"
        "func download(w http.ResponseWriter, r *http.Request) {\n"
        "\tname := r.URL.Query().Get(\"file\")\n"
        "\tdata, _ := os.ReadFile(filepath.Join(\"/srv/files\", name))\n"
        "\tw.Write(data)\n"
        "\tout, _ := exec.Command(\"sh\", \"-c\", \"grep \"+name+\" /var/log/app.log\").Output()\n"
        "\tw.Write(out)\n"
        "\tw.Write([]byte(name))\n"
        "}\n"
    )
    assert {rule for _line, rule in _ids("files.go", go)} >= {"GO-PATH-TRAVERSAL", "GO-SHELL-INJECTION"}
    assert {line for line, rule in _ids("files.go", go) if rule == "GO-TEMPLATE-INJECTION"} == {9}
    js = (
        "const fs = require('fs');\n"
        "app.get('/f', (req, res) => {\n"
        "  const body = fs.readFileSync(req.query.path, 'utf8');\n"
        "  res.send(body);\n"
        "  res.send(req.query.path);\n"
        "});\n"
    )
    assert {line for line, rule in _ids("files.js", js) if rule == "JS-XSS"} == {5}
    assert (3, "JS-PATH-TRAVERSAL") in _ids("files.js", js)


def test_json_encoded_request_data_written_out_is_not_html() -> None:
    code = (
        "package billing\n\n"
        "func MarkPaid(w http.ResponseWriter, r *http.Request) {\n"
        "\tid := r.URL.Query().Get(\"id\")\n"
        "\tbody, _ := json.Marshal(map[string]string{\"id\": id})\n"
        "\tw.Write(body)\n"
        "\tw.Write([]byte(\"<p>\" + id))\n"
        "}\n"
    )
    assert {line for line, rule in _ids("billing.go", code) if rule == "GO-TEMPLATE-INJECTION"} == {7}


_GO_EXPORT_OLD = """\
package exports

func (s *Server) fetch(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	id := uuid.MustParse(r.PathValue("id"))
	target := filepath.Join(s.root, id.String()+".csv")
	data, err := os.ReadFile(target)
	if err != nil {
		http.Error(w, "gone", http.StatusNotFound)
		return
	}
	w.Write(data)
}
"""


def test_an_old_file_call_given_request_data_by_the_change_is_reported_where_the_data_enters() -> None:
    """The change rewrites how the path is built; the unchanged `os.ReadFile` below now opens a name the
    caller picks: the finding goes on the added line that joins it in, the call's own line being old."""
    new = _GO_EXPORT_OLD.replace(
        '\tid := uuid.MustParse(r.PathValue("id"))\n\ttarget := filepath.Join(s.root, id.String()+".csv")\n',
        '\tlabel := r.URL.Query().Get("export")\n\ttarget := filepath.Join(s.root, label)\n',
    )
    assert (9, "GO-PATH-TRAVERSAL") in _hunk_ids("exports.go", _GO_EXPORT_OLD, new, 3)
    based = new.replace("filepath.Join(s.root, label)", "filepath.Join(s.root, filepath.Base(label))")
    assert not {rule for _line, rule in _hunk_ids("exports.go", _GO_EXPORT_OLD, based, 3)
                if rule == "GO-PATH-TRAVERSAL"}
    logged = _GO_EXPORT_OLD.replace('\tw.Write(data)\n', '\tlog.Printf("sent %s", r.URL.Path)\n\tw.Write(data)\n')
    assert not {rule for _line, rule in _hunk_ids("exports.go", _GO_EXPORT_OLD, logged, 3)
                if rule == "GO-PATH-TRAVERSAL"}


_REPORT_OLD = """\
package reports

type Handler struct {
	db *sql.DB
}

func reportQuery() string {
	return "SELECT id, total FROM reports WHERE shop_id = $1 ORDER BY day DESC"
}

func (h *Handler) List(w http.ResponseWriter, r *http.Request) {
	shop := shopOf(r)
	audit(r)
	limit := 50
	trace(r)
	rows, err := h.db.QueryContext(r.Context(), reportQuery(), shop)
	if err != nil {
		http.Error(w, "failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writeRows(w, rows, limit)
}
"""

_ALLOWED_ORDER = """\
var reportOrders = map[string]string{
	"day":   "day",
	"total": "total_cents",
}

func reportQuery(key, dir string) string {
	col, ok := reportOrders[key]
	if !ok {
		col = "day"
	}
	way := "DESC"
	if dir == "up" {
		way = "ASC"
	}
	return fmt.Sprintf("SELECT id, total FROM reports WHERE shop_id = $1 ORDER BY %s %s", col, way)
}
"""

_SPLICED_ORDER = """\
func reportQuery(key, dir string) string {
	return fmt.Sprintf("SELECT id, total FROM reports WHERE shop_id = $1 ORDER BY %s %s", key, dir)
}
"""


def _report_new(helper: str, call: str) -> str:
    old_helper = "func reportQuery() string {\n\treturn \"SELECT id, total FROM reports WHERE shop_id = $1 " \
        "ORDER BY day DESC\"\n}\n"
    new = _REPORT_OLD.replace(old_helper, helper)
    return new.replace("\trows, err := h.db.QueryContext(r.Context(), reportQuery(), shop)\n", call)


def test_sql_built_by_a_helper_in_another_hunk_is_judged_in_the_helper() -> None:
    # The handler's hunk cannot see the helper's allow-list: the helper's own body is judged, so the
    # allow-listed column and fixed direction are quiet, and the spliced request values are reported on the
    # Sprintf that splices them (not again on the call).
    via_variable = "\tq := reportQuery(r.URL.Query().Get(\"sort\"), r.URL.Query().Get(\"dir\"))\n" \
        "\trows, err := h.db.QueryContext(r.Context(), q, shop)\n"
    straight = "\trows, err := h.db.QueryContext(r.Context(), reportQuery(r.FormValue(\"s\"), r.FormValue(\"d\")), " \
        "shop)\n"
    for call in (via_variable, straight):
        assert _hunk_ids("internal/reports/list.go", _REPORT_OLD, _report_new(_ALLOWED_ORDER, call), 1) == set()
        spliced = _hunk_ids("internal/reports/list.go", _REPORT_OLD, _report_new(_SPLICED_ORDER, call), 1)
        assert {rule for _line, rule in spliced} == {"GO-SQL-STRING"}
        assert {line for line, _rule in spliced} == {8}


def test_a_helper_in_the_same_hunk_as_the_call_is_left_to_the_data_flow() -> None:
    call = "\tq := reportQuery(r.URL.Query().Get(\"sort\"), r.URL.Query().Get(\"dir\"))\n" \
        "\trows, err := h.db.QueryContext(r.Context(), q, shop)\n"
    whole = _hunk_ids("internal/reports/list.go", _REPORT_OLD, _report_new(_ALLOWED_ORDER, call), 30)
    assert whole == set()


_ALLOW_LIST_WHOLE = """\
package reports

var orderColumns = map[string]string{
	"day":   "day",
	"total": "total_cents",
}

func orderedBy(key string) string {
	col, ok := orderColumns[key]
	if !ok {
		col = "day"
	}
	return fmt.Sprintf("SELECT id FROM reports WHERE shop_id = $1 ORDER BY %s", col)
}

func groupedBy(key string) string {
	col := orderColumns[key]
	return fmt.Sprintf("SELECT day, count(*) FROM reports GROUP BY %s", col)
}

func (h *Handler) List(w http.ResponseWriter, r *http.Request) {
	rows, err := h.db.QueryContext(r.Context(), orderedBy(r.URL.Query().Get("sort")), shopOf(r))
	if err != nil {
		return
	}
	defer rows.Close()
	rows, err = h.db.QueryContext(r.Context(), groupedBy(r.URL.Query().Get("group")))
	if err != nil {
		return
	}
	defer rows.Close()
}
"""


def test_a_column_looked_up_in_a_literal_allow_list_map_is_not_reported() -> None:
    assert _ids("internal/reports/list.go", _ALLOW_LIST_WHOLE) == set()
    # A fallback to the caller's own text is no allow-list.
    fallback = _ALLOW_LIST_WHOLE.replace('col = "day"', "col = key")
    assert (13, "GO-SQL-STRING") in _ids("internal/reports/list.go", fallback)


_GUARDED_SORTS = """\
package listing

var sortable = map[string]struct{}{"name": {}, "created_at": {}}

func (h *H) ByMap(c *gin.Context) {
	order := c.Query("order")
	if _, ok := sortable[order]; !ok {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	sql := "SELECT id FROM items ORDER BY " + order
	rows, err := h.db.QueryContext(c.Request.Context(), sql)
	consume(rows, err)
}

func (h *H) BySwitch(c *gin.Context) {
	order := c.Query("order")
	switch order {
	case "name", "created_at":
	default:
		order = "id"
	}
	sql := fmt.Sprintf("SELECT id FROM items ORDER BY %s", order)
	rows, err := h.db.QueryContext(c.Request.Context(), sql)
	consume(rows, err)
}

func (h *H) ByList(c *gin.Context) {
	order := c.Query("order")
	if !slices.Contains(orderColumns, order) {
		order = "id"
	}
	rows, err := h.db.QueryContext(c.Request.Context(), "SELECT id FROM items ORDER BY "+order)
	consume(rows, err)
}
"""


def test_a_name_checked_against_an_allow_list_before_it_is_spliced_is_not_reported() -> None:
    assert _ids("internal/listing/items.go", _GUARDED_SORTS) == set()


def test_a_check_that_neither_leaves_nor_resets_is_no_allow_list() -> None:
    logged = _GUARDED_SORTS.replace("\t\tc.AbortWithStatus(http.StatusBadRequest)\n\t\treturn\n",
                                    '\t\tlog.Printf("odd order")\n')
    # the query built on line 10 and run on line 11: one finding from the build down to the call
    spans = {(f.line, f.end_line) for f in _findings("internal/listing/items.go", logged)
             if f.rule_id == "GO-SQL-STRING"}
    assert any(first <= 11 <= (last or first) for first, last in spans)
    no_default = _GUARDED_SORTS.replace('\tdefault:\n\t\torder = "id"\n', "")
    assert {line for line, rule in _ids("internal/listing/items.go", no_default) if rule == "GO-SQL-STRING"}
    other = _GUARDED_SORTS.replace("slices.Contains(orderColumns, order)", "slices.Contains(orderColumns, dir)")
    assert (33, "GO-SQL-STRING") in _ids("internal/listing/items.go", other)
