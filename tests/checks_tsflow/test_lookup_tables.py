"""A lookup in a table of constants gives a constant whatever the key, even the caller's: an allow-list map
(`Map.of`, `map[string]string{...}`, an object literal) picks the SQL, the request only picks which entry.
A table holding request data, a default the caller chooses, or a table the file changes stays reported."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category


def _sql_lines(path: str, code: str) -> set[int]:
    found = run_checks([context_for_text(path, code)], categories=(Category.SECURITY,)).findings
    return {f.line for f in found if (f.rule_id or "").endswith("-SQL-STRING")}


_JAVA = """\
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;

public class Listing {
    private static final Map<String, String> SORTS = Map.of("date", "created_at", "total", "total");

    public void allowed(Connection c, HttpServletRequest req) throws Exception {
        String column = SORTS.getOrDefault(req.getParameter("sort"), "created_at");
        c.createStatement().executeQuery("SELECT id FROM orders ORDER BY " + column);
        String other = SORTS.get(req.getParameter("sort"));
        c.createStatement().executeQuery("SELECT id FROM orders ORDER BY " + other);
    }

    public void chosenDefault(Connection c, HttpServletRequest req) throws Exception {
        String column = SORTS.getOrDefault(req.getParameter("sort"), req.getParameter("fallback"));
        c.createStatement().executeQuery("SELECT id FROM orders ORDER BY " + column);
    }

    public void tableOfRequestData(Connection c, HttpServletRequest req) throws Exception {
        Map<String, String> m = Map.of("x", req.getParameter("raw"));
        String column = m.get(req.getParameter("k"));
        c.createStatement().executeQuery("SELECT id FROM orders ORDER BY " + column);
    }

    public void filledByCaller(Connection c, HttpServletRequest req, String given) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("x", given);
        String column = m.get(req.getParameter("k"));
        c.createStatement().executeQuery("SELECT id FROM orders ORDER BY " + column);
    }
}
"""


def test_java_lookups_in_constant_maps_are_not_reported_and_the_others_are() -> None:
    assert _sql_lines("src/main/java/shop/Listing.java", _JAVA) == {18, 24, 31}


_GO = """\
package store

import (
\t"database/sql"
\t"net/http"
)

var sorts = map[string]string{"name": "name", "new": "created_at DESC"}

var filters = map[string]string{"all": "TRUE"}

func List(db *sql.DB, r *http.Request) {
\tcol, ok := sorts[r.URL.Query().Get("sort")]
\tif !ok {
\t\tcol = "name"
\t}
\trows, _ := db.Query("SELECT id FROM items ORDER BY " + col)
\tdefer rows.Close()
}

func Filtered(db *sql.DB, r *http.Request) {
\tfilters["custom"] = r.URL.Query().Get("where")
\tcond := filters[r.URL.Query().Get("f")]
\trows, _ := db.Query("SELECT id FROM items WHERE " + cond)
\tdefer rows.Close()
}

func Local(db *sql.DB, r *http.Request) {
\tpick := map[string]string{"a": r.URL.Query().Get("raw")}
\tcol := pick[r.URL.Query().Get("k")]
\trows, _ := db.Query("SELECT id FROM items ORDER BY " + col)
\tdefer rows.Close()
}
"""


def test_go_lookups_in_package_maps_never_written_are_not_reported() -> None:
    # `filters` is changed by the file itself, and `pick` holds request data
    assert _sql_lines("internal/store/list.go", _GO) == {24, 31}


_JS = """\
const SORTS = { new: 'created_at DESC', name: 'name' };

async function list(req, res) {
  const order = SORTS[req.query.sort] || 'name';
  res.json(await db.query('SELECT id FROM items ORDER BY ' + order));
}

async function raw(req, res) {
  const picks = { a: req.query.raw };
  const order = picks[req.query.k];
  res.json(await db.query('SELECT id FROM items ORDER BY ' + order));
}

async function empty(req, res) {
  const bag = {};
  const order = bag[req.query.k];
  res.json(await db.query('SELECT id FROM items ORDER BY ' + order));
}
"""


def test_js_lookups_in_constant_objects_are_not_reported_and_the_others_are() -> None:
    assert _sql_lines("src/list.js", _JS) == {11, 17}


_JAVA_SHAPES = """\
import java.sql.Connection;
import java.util.Map;
import com.google.common.collect.ImmutableMap;
import javax.servlet.http.HttpServletRequest;

public class Shapes {
    private static final Map<String, String> GUAVA = ImmutableMap.of("a", "alpha", "b", "beta");

    public void guava(Connection c, HttpServletRequest req) throws Exception {
        String column = GUAVA.get(req.getParameter("k"));
        c.createStatement().executeQuery("SELECT " + column + " FROM t");
    }

    public void eitherValue(Connection c, HttpServletRequest req, boolean wide) throws Exception {
        Map<String, String> m = Map.of("a", wide ? "alpha, beta" : "alpha");
        String column = m.get(req.getParameter("k"));
        c.createStatement().executeQuery("SELECT " + column + " FROM t");
    }

    public void secondEntryChosen(Connection c, HttpServletRequest req) throws Exception {
        Map<String, String> m = Map.of("a", "alpha", "b", req.getParameter("raw"));
        String column = m.get(req.getParameter("k"));
        c.createStatement().executeQuery("SELECT " + column + " FROM t");
    }

    public void oddArguments(Connection c, HttpServletRequest req) throws Exception {
        Map<String, String> m = Map.of("a", "alpha", "b");
        String column = m.get(req.getParameter("k"));
        c.createStatement().executeQuery("SELECT " + column + " FROM t");
    }

    public void constantKey(Connection c, HttpServletRequest req) throws Exception {
        Map<String, String> m = Map.of("a", "alpha", "b", req.getParameter("raw"));
        c.createStatement().executeQuery("SELECT " + m.get("b") + " FROM t");
    }

    public void eitherInSecond(Connection c, HttpServletRequest req, boolean wide) throws Exception {
        Map<String, String> m = Map.of("a", "alpha", "b", wide ? "beta" : "gamma");
        String column = m.get(req.getParameter("k"));
        c.createStatement().executeQuery("SELECT " + column + " FROM t");
    }
}
"""


def test_map_factories_of_every_shape() -> None:
    """Guava's factory too; a value that is one of two literals is still fixed; request data in any entry
    reaches the lookup (and a constant key finds its own entry); a factory call with a dangling key is no
    map (and breaks nothing)."""
    outcome = run_checks([context_for_text("src/main/java/shop/Shapes.java", _JAVA_SHAPES)],
                         categories=(Category.SECURITY,))
    assert outcome.notices == []
    lines = {f.line for f in outcome.findings if (f.rule_id or "").endswith("-SQL-STRING")}
    assert lines == {23, 29, 34}
