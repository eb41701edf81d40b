"""The tree-sitter data-flow engine on JavaScript and Go (`checks/_tsflow/engine.py` with the Go and
JavaScript tables): request fields and the parts read from them named as the source, template literals
and printf-style formatters keeping the literal start, numbers parsed from request data safe for every
sink, equality with a value the code chose, allow-list membership, `.length`, escapers by sink kind, and
request attributes the server decides (the method) that are not request data. Each line with a `sink(...)`
call is described as `T` (request data: its source, its literal start, the kinds it is safe for) or `-`
(its constant, when known)."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import Value, flows
from persona_review.checks._tsflow.values import ALL_KINDS
from persona_review.contexts import context_for_text


def describe(value: Value) -> str:
    if not value.tainted:
        return "-" + (f" {value.const!r}" if value.known else "")
    safe = "ALL" if value.safe_for == ALL_KINDS else ",".join(sorted(value.safe_for))
    return f"T {value.source} {value.prefix!r}" + (f" [{safe}]" if safe else "")


def described(path: str, source: str) -> dict[int, str]:
    ctx = context_for_text(path, textwrap.dedent(source).lstrip("\n"))
    return {site.line: describe(site.args[0]) for flow in flows(ctx) for site in flow.calls
            if site.call.method == "sink"}


_JS = """
    const ALLOWED = ["a", "b"];
    app.get("/x", (req, res) => {
      sink(req.query.name);
      sink(req.query["name"]);
      sink(req.get("X-Token"));
      sink(req.body);
      const { id } = req.params;
      sink(id);
      sink(`id=${req.query.id}`);
      sink(util.format("id=%s", req.query.id));
      sink(util.format("id=%s", "7"));
      const n = Number(req.query.n);
      sink(n);
      sink(parseInt("12", 10));
      const t = req.query.t;
      if (t === CONFIG.expected) { sink(t); }
      if (ALLOWED.includes(t)) { sink(t); }
      const len = "abc".length;
      sink(len);
      sink(t.length);
      sink(encodeURIComponent(t));
      sink(escape(t));
      sink(req.method);
      sink(t);
    });
    function plain(user) { sink(user.name); }
    """
JS_EXPECTED = {
    3: "T req.query.name ''",
    4: "T req.query[\"name\"] ''",
    5: "T req.get(\"X-Token\") ''",
    6: "T req.body ''",
    8: "T req.params '' [nosql]",  # a path parameter is text: never an operator object
    9: "T req.query.id 'id=' [nosql]",  # a template literal is text: no object can be in it
    10: "T req.query.id 'id='",
    11: "- 'id=7'",
    13: "T req.query.n '' [ALL]",
    14: "- 12",
    16: "T req.query.t '' [ALL]",
    17: "T req.query.t '' [ALL]",
    19: "- 3",
    20: "T req.query.t '' [ALL]",
    21: "T req.query.t '' [html,path,shell,url]",
    22: "T req.query.t '' [html,sql]",
    23: "-",
    24: "T req.query.t ''",
    26: "-",
}

_GO = """
    package h

    func h(w http.ResponseWriter, r *http.Request) {
        sink(r.URL.Query().Get("q"))
        sink(r.FormValue("name"))
        sink(r.Header.Get("X-Id"))
        var in Input
        json.NewDecoder(r.Body).Decode(&in)
        sink(in.Name)
        sink(fmt.Sprintf("id=%s", r.FormValue("id")))
        sink(fmt.Sprintf("id=%d", 7))
        n, _ := strconv.Atoi(r.FormValue("n"))
        sink(n)
        q := r.FormValue("q")
        if q == "users" { sink(q) }
        sink(url.QueryEscape(q))
        sink(filepath.Clean(q))
        sink(r.Method)
        sink(q)
    }
    """
GO_EXPECTED = {
    4: "T r.URL.Query().Get(\"q\") ''",
    5: "T r.FormValue(\"name\") ''",
    6: "T r.Header.Get(\"X-Id\") ''",
    9: "T r.Body ''",
    10: "T r.FormValue(\"id\") 'id='",
    11: "- 'id=7'",
    13: "T r.FormValue(\"n\") '' [ALL]",
    15: "- 'users'",
    16: "T r.FormValue(\"q\") '' [html,path,shell,url]",
    17: "T r.FormValue(\"q\") ''",
    18: "-",
    19: "T r.FormValue(\"q\") ''",
}


@pytest.mark.parametrize(("path", "source", "expected"), [
    ("app.js", _JS, JS_EXPECTED),
    ("h.go", _GO, GO_EXPECTED),
], ids=["javascript", "go"])
def test_what_each_sink_receives(path: str, source: str, expected: dict[int, str]) -> None:
    assert described(path, source) == expected
