"""The known defects of issue 9 (item 5): each fixed case is flagged, and its near miss stays clean."""

from __future__ import annotations

from .helpers import findings_for_snippet, findings_of

# --- Python SQL with a lower-case keyword -------------------------------------------------------------


def test_python_sql_with_lower_case_from_is_flagged() -> None:
    code = (
        "def find(cursor, name):\n"
        "    sql = f\"SELECT id from users where name = '{name}'\"\n"
        "    return cursor.execute(sql)\n"
        "\n"
        "def other(cursor, name):\n"
        "    sql = \"select id FROM users where name = '%s'\" % name\n"
        "    return cursor.execute(sql)\n"
    )
    got = findings_of("repo.py", code)
    assert {(2, "PY-SQL-STRING"), (3, "PY-SQL-STRING"), (6, "PY-SQL-STRING"), (7, "PY-SQL-STRING")} <= got


def test_a_sentence_that_starts_with_select_is_not_sql() -> None:
    code = (
        "def label(folder):\n"
        "    title = f\"Select a file from {folder}\"\n"
        "    hint = \"Update your name from the settings page, {}\".format(folder)\n"
        "    return title, hint\n"
    )
    assert "PY-SQL-STRING" not in findings_for_snippet("ui.py", code)


# --- requests under another name ---------------------------------------------------------------------

_ALIASED = """\
import requests as rq
from requests import get as fetch, post


def call(url):
    rq.get(url)
    fetch(url)
    post(url, json={})
    rq.get(url, timeout=5)
    post(url, timeout=(3, 10))
"""


def test_requests_imported_under_another_name_keeps_the_timeout_check() -> None:
    got = {line for line, rule in findings_of("client.py", _ALIASED) if rule == "PY-HTTP-NO-TIMEOUT"}
    assert got == {6, 7, 8}


def test_a_get_function_not_from_requests_is_not_an_http_call() -> None:
    code = "from cache import get\n\n\ndef load(key):\n    return get(key)\n"
    assert "PY-HTTP-NO-TIMEOUT" not in findings_for_snippet("cache_use.py", code)


# --- shell command lists grown with .append ----------------------------------------------------------


def test_sh_c_list_built_with_append_is_followed() -> None:
    code = (
        "import subprocess\n"
        "\n"
        "def grep(pattern):\n"
        '    cmd = ["bash", "-c"]\n'
        '    cmd.append("grep " + pattern + " /var/log/app.log")\n'
        "    subprocess.run(cmd, check=True)\n"
        '    argv = ["/bin/sh"]\n'
        '    argv += ["-c", f"echo {pattern}"]\n'
        "    subprocess.check_output(argv)\n"
        '    subprocess.run(["sh", "-c", "ls " + pattern], check=True)\n'
    )
    got = {line for line, rule in findings_of("jobs.py", code) if rule == "PY-SHELL-INJECTION"}
    assert got == {6, 9, 10}


def test_argument_lists_without_a_shell_script_stay_clean() -> None:
    code = (
        "import subprocess\n"
        "\n"
        "def grep(pattern):\n"
        '    cmd = ["grep", "-c"]\n'
        "    cmd.append(pattern)\n"
        "    subprocess.run(cmd, check=True)\n"
        '    fixed = ["sh", "-c"]\n'
        '    fixed.append("ls -la /tmp")\n'
        "    subprocess.run(fixed, check=True)\n"
    )
    assert "PY-SHELL-INJECTION" not in findings_for_snippet("jobs.py", code)


# --- Java stored-procedure calls ---------------------------------------------------------------------

_JAVA_CALL = """\
class Procs {
    public void run(Connection conn, String proc) throws SQLException {
        String sql = "{call " + proc + "(?)}";
        CallableStatement cs = conn.prepareCall(sql);
        CallableStatement inline = conn.prepareCall("{? = call " + proc + "}");
        CallableStatement safe = conn.prepareCall("{call refresh_totals(?)}");
        String label = "call " + proc + " now";
    }
}
"""


def test_java_prepare_call_with_a_built_procedure_name_is_flagged() -> None:
    got = {line for line, rule in findings_of("Procs.java", _JAVA_CALL) if rule == "JAVA-SQL-STRING"}
    assert got == {3, 5}  # the text built on line 3 and run on line 4 is one finding, from 3 down to 4


# --- Go: http.Get with the error dropped, error text in a 5xx answer, client.Get is not SQL ----------

_GO_HANDLER = """\
package web

func handle(w http.ResponseWriter, client *http.Client, id string) {
	resp, _ := http.Get("https://inventory.internal/items/" + id)
	value, _ := cache.Get("item:" + id)
	other, err := client.Get("http://inventory.internal/items/" + id)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	if err := validate(id); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	fmt.Println(resp, value, other)
}
"""


def test_go_http_get_with_a_dropped_error_and_a_leaked_error_are_flagged() -> None:
    got = findings_of("web.go", _GO_HANDLER)
    assert (4, "GO-ERR-DISCARDED") in got and (5, "GO-ERR-DISCARDED") not in got
    assert {line for line, rule in got if rule == "GO-ERROR-LEAK"} == {8}


def test_go_http_client_get_is_not_sql_injection() -> None:
    got = findings_of("web.go", _GO_HANDLER)
    assert not {line for line, rule in got if rule == "GO-SQL-STRING"}
    sqlx = (
        "package repo\n\nfunc byName(db *sqlx.DB, name string) {\n\tvar u User\n"
        '\terr := db.Get(&u, "SELECT * FROM users WHERE name = \'" + name + "\'")\n\tfmt.Println(err)\n}\n'
    )
    assert (5, "GO-SQL-STRING") in findings_of("repo.go", sqlx)


def test_go_error_variable_from_a_query_is_not_sql_text() -> None:
    code = (
        "package repo\n\nfunc touch(db *sqlx.DB, id string) error {\n"
        "\tvar seen Seen\n"
        '\terr := db.Get(&seen, "SELECT at FROM seen WHERE id = " + id)\n'
        '\treturn errors.New("touch failed: " + err.Error())\n}\n'
    )
    # sqlx `Get` returns only an error: `err` holds that, not the SQL text.
    assert {line for line, rule in findings_of("repo.go", code) if rule == "GO-SQL-STRING"} == {5}


# --- a query inside a route callback is reported once ------------------------------------------------

_EXPRESS = """\
const router = require("express").Router();

router.get("/users", async (req, res) => {
  const rows = await db.query("SELECT * FROM users WHERE name = '" + req.query.name + "'");
  res.json(rows);
});

router.post("/orders/:id", function (req, res) {
  db.query(`DELETE FROM orders WHERE id = ${req.params.id}`, () => res.sendStatus(204));
});
"""


def test_each_query_in_an_express_route_is_reported_once() -> None:
    got = sorted(line for line, rule in findings_of("routes.js", _EXPRESS) if rule == "JS-SQL-STRING")
    assert got == [4, 9]


def test_the_same_holds_for_go_handlers_and_java_lambdas() -> None:
    go = (
        "package m\n\nfunc main() {\n"
        '\thttp.HandleFunc("/u", func(w http.ResponseWriter, r *http.Request) {\n'
        '\t\trows, err := db.Query("SELECT * FROM users WHERE name = \'" + r.FormValue("n") + "\'")\n'
        "\t\tfmt.Println(rows, err)\n\t})\n}\n"
    )
    java = (
        "class A {\n    void routes() {\n        get(\"/u\", (req, res) -> {\n"
        '            return stmt.executeQuery("SELECT * FROM users WHERE name = \'" + req.queryParams("n") + "\'");\n'
        "        });\n    }\n}\n"
    )
    assert sorted(line for line, rule in findings_of("m.go", go) if rule == "GO-SQL-STRING") == [5]
    assert sorted(line for line, rule in findings_of("A.java", java) if rule == "JAVA-SQL-STRING") == [4]
