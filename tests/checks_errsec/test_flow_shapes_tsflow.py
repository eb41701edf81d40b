"""Shapes between a request source and a sink in JavaScript, Go and Java that the data flow follows: a
callback over request items, a list of parts pushed and joined, a Go `strings.Builder` (written or printed
into), a slice spread into `exec.Command`, and a getter of a same-file DTO bound from the body. Each has a
look-alike that a number, an encoding, a fixed host, a positional shell argument or a numeric field keeps
quiet."""

from __future__ import annotations

from .flow_shapes import assert_marked, assert_whole

_JS_HEAD = (
    "const express = require('express');\n"
    "const fs = require('fs');\n"
    "const path = require('path');\n"
    "const axios = require('axios');\n"
    "const db = require('../db');\n"
    "\n"
    "const router = express.Router();\n"
    "\n"
)


def test_js_callback_over_request_items_gets_each_item() -> None:
    code = _JS_HEAD + (
        "router.post('/purge', (req, res) => {\n"
        "  req.body.files.forEach((file) => {\n"
        "    fs.unlinkSync(path.join('/srv/uploads', file.name)); // expect: JS-PATH-TRAVERSAL\n"
        "  });\n"
        "  res.sendStatus(204);\n"
        "});\n"
        "\n"
        "router.post('/safe', (req, res) => {\n"
        "  req.body.files.forEach((file) => {\n"
        "    fs.unlinkSync(path.join('/srv/uploads', path.basename(file.name)));\n"
        "  });\n"
        "  req.body.items.forEach(async (item) => {\n"
        "    const id = parseInt(item.id, 10);\n"
        "    await db.query('DELETE FROM items WHERE id = ' + id);\n"
        "  });\n"
        "  res.sendStatus(204);\n"
        "});\n"
    )
    assert_marked("routes/files.js", code, _JS_HEAD.count("\n"))


def test_js_parts_pushed_and_joined_keep_where_the_url_starts() -> None:
    code = _JS_HEAD + (
        "router.get('/proxy', async (req, res) => {\n"
        "  const parts = ['http://'];\n"
        "  parts.push(req.query.host);\n"
        "  const resp = await axios.get(parts.join('')); // expect: JS-SSRF\n"
        "  res.json(resp.data);\n"
        "});\n"
        "\n"
        "router.get('/search', async (req, res) => {\n"
        "  const parts = ['https://api.example.com/search?q='];\n"
        "  parts.push(encodeURIComponent(req.query.q));\n"
        "  const first = await axios.get(parts.join(''));\n"
        "  const url = ['https://api.example.com', 'items', req.query.id].join('/');\n"
        "  const second = await axios.get(url);\n"
        "  res.json([first.data, second.data]);\n"
        "});\n"
    )
    assert_marked("routes/proxy.js", code, _JS_HEAD.count("\n"))


_GO_HEAD = (
    "package handlers\n"
    "\n"
    "import (\n"
    '\t"fmt"\n'
    '\t"net/http"\n'
    '\t"os"\n'
    '\t"os/exec"\n'
    '\t"strconv"\n'
    '\t"strings"\n'
    ")\n"
    "\n"
)


def test_go_strings_builder_carries_what_is_written_into_it() -> None:
    code = _GO_HEAD + (
        "func (h *Handler) Fetch(w http.ResponseWriter, r *http.Request) {\n"
        "\tvar sb strings.Builder\n"
        '\tsb.WriteString("http://")\n'
        '\tsb.WriteString(r.URL.Query().Get("host"))\n'
        "\tresp, _ := http.Get(sb.String()) // expect: GO-SSRF\n"
        "\t_ = resp\n"
        "}\n"
        "\n"
        "func (h *Handler) Read(w http.ResponseWriter, r *http.Request) {\n"
        "\tvar sb strings.Builder\n"
        '\tsb.WriteString("/srv/data/")\n'
        '\tsb.WriteString(r.URL.Query().Get("name"))\n'
        "\tdata, _ := os.ReadFile(sb.String()) // expect: GO-PATH-TRAVERSAL\n"
        "\tw.Write(data)\n"
        "}\n"
        "\n"
        "func (h *Handler) Item(w http.ResponseWriter, r *http.Request) {\n"
        "\tvar sb strings.Builder\n"
        '\tsb.WriteString("https://api.example.com/items/")\n'
        '\tsb.WriteString(r.URL.Query().Get("id"))\n'
        "\tresp, _ := http.Get(sb.String())\n"
        "\t_ = resp\n"
        "}\n"
    )
    assert_marked("handlers/fetch.go", code, _GO_HEAD.count("\n"))


def test_go_fprintf_into_a_builder_grows_it() -> None:
    code = _GO_HEAD + (
        "func (h *Handler) Names(w http.ResponseWriter, r *http.Request) {\n"
        "\tvar sb strings.Builder\n"
        '\tsb.WriteString("SELECT id FROM items WHERE name IN (")\n'
        '\tfor i, n := range r.URL.Query()["name"] {\n'
        "\t\tif i > 0 {\n"
        '\t\t\tsb.WriteString(",")\n'
        "\t\t}\n"
        "\t\tfmt.Fprintf(&sb, \"'%s'\", n)\n"
        "\t}\n"
        '\tsb.WriteString(")")\n'
        "\trows, _ := h.db.Query(sb.String()) // expect: GO-SQL-STRING\n"
        "\t_ = rows\n"
        "}\n"
        "\n"
        "func (h *Handler) Ids(w http.ResponseWriter, r *http.Request) {\n"
        "\tvar sb strings.Builder\n"
        '\tsb.WriteString("SELECT id FROM items WHERE id IN (")\n'
        '\tfor i, raw := range r.URL.Query()["id"] {\n'
        "\t\tn, err := strconv.Atoi(raw)\n"
        "\t\tif err != nil {\n"
        "\t\t\treturn\n"
        "\t\t}\n"
        "\t\tif i > 0 {\n"
        '\t\t\tsb.WriteString(",")\n'
        "\t\t}\n"
        '\t\tfmt.Fprintf(&sb, "%d", n)\n'
        "\t}\n"
        '\tsb.WriteString(")")\n'
        "\trows, _ := h.db.Query(sb.String())\n"
        "\t_ = rows\n"
        "}\n"
    )
    assert_marked("handlers/items.go", code, _GO_HEAD.count("\n"))


def test_go_slice_spread_into_a_shell_is_judged_by_its_script() -> None:
    code = _GO_HEAD + (
        "func (h *Handler) Ping(w http.ResponseWriter, r *http.Request) {\n"
        '\thost := r.URL.Query().Get("host")\n'
        '\targs := []string{"-c", "ping -c 1 " + host}\n'
        '\tout, _ := exec.Command("sh", args...).Output() // expect: GO-SHELL-INJECTION\n'
        "\tw.Write(out)\n"
        "}\n"
        "\n"
        "func (h *Handler) PingArg(w http.ResponseWriter, r *http.Request) {\n"
        '\thost := r.URL.Query().Get("host")\n'
        '\targs := []string{"-c", "ping -c 1 \\"$1\\"", "--", host}\n'
        '\tout, _ := exec.Command("sh", args...).Output()\n'
        "\tw.Write(out)\n"
        "}\n"
    )
    assert_marked("handlers/ping.go", code, _GO_HEAD.count("\n"))


_JAVA_HEAD = (
    "package com.example.web;\n"
    "\n"
    "import java.io.File;\n"
    "import java.util.List;\n"
    "import org.springframework.jdbc.core.JdbcTemplate;\n"
    "import org.springframework.web.bind.annotation.*;\n"
    "\n"
)


def test_java_getters_of_a_same_file_dto_bound_from_the_body_return_request_data() -> None:
    code = _JAVA_HEAD + (
        "class PageRequest {\n"
        "    private int limit;\n"
        "    private String sort;\n"
        "    public int getLimit() { return limit; }\n"
        "    public String getSort() { return sort; }\n"
        "    public String getKind() { return \"report\"; }\n"
        "}\n"
        "\n"
        "@RestController\n"
        "public class PageController {\n"
        "    private final JdbcTemplate jdbcTemplate;\n"
        "\n"
        "    public PageController(JdbcTemplate jdbcTemplate) {\n"
        "        this.jdbcTemplate = jdbcTemplate;\n"
        "    }\n"
        "\n"
        "    @PostMapping(\"/sorted\")\n"
        "    public Object sorted(@RequestBody PageRequest page) {\n"
        "        String sql = \"SELECT * FROM items ORDER BY \" + page.getSort(); // expect: JAVA-SQL-STRING\n"
        "        return jdbcTemplate.queryForList(sql);\n"
        "    }\n"
        "\n"
        "    @PostMapping(\"/paged\")\n"
        "    public Object paged(@RequestBody PageRequest page) {\n"
        "        String sql = \"SELECT * FROM items LIMIT \" + page.getLimit();\n"
        "        String other = \"SELECT * FROM \" + page.getKind() + \"s\";\n"
        "        return List.of(jdbcTemplate.queryForList(sql), jdbcTemplate.queryForList(other));\n"
        "    }\n"
        "}\n"
    )
    assert_whole("src/main/java/com/example/web/PageController.java", code)


def test_java_get_name_of_a_request_item_is_its_field_and_a_numeric_path_variable_is_safe() -> None:
    code = _JAVA_HEAD + (
        "@RestController\n"
        "public class ExportController {\n"
        "    @PostMapping(\"/purge\")\n"
        "    public void purge(@RequestBody List<ExportRequest> items) {\n"
        "        for (ExportRequest item : items) {\n"
        "            new File(\"/srv/exports/\" + item.getName()).delete(); // expect: JAVA-PATH-TRAVERSAL\n"
        "        }\n"
        "    }\n"
        "\n"
        "    @GetMapping(\"/report/{id}\")\n"
        "    public boolean report(@PathVariable long id) {\n"
        "        return new File(\"/srv/reports/\" + id + \".pdf\").exists();\n"
        "    }\n"
        "}\n"
    )
    assert_marked("src/main/java/com/example/web/ExportController.java", code, _JAVA_HEAD.count("\n"))


def test_js_request_data_stored_in_the_session_is_request_data_when_read_back() -> None:
    code = _JS_HEAD + (
        "router.get('/login', (req, res) => {\n"
        "  if (req.query.returnTo) {\n"
        "    req.session.returnTo = req.query.returnTo;\n"
        "  }\n"
        "  res.render('login');\n"
        "});\n"
        "\n"
        "router.post('/login', (req, res) => {\n"
        "  const target = req.session.returnTo || '/dashboard';\n"
        "  delete req.session.returnTo;\n"
        "  res.redirect(target); // expect: JS-OPEN-REDIRECT\n"
        "});\n"
        "\n"
        "router.get('/sso/done', (req, res) => {\n"
        "  const next = req.session.returnTo;\n"
        "  if (!next || !next.startsWith('/') || next.startsWith('//')) {\n"
        "    return res.redirect('/');\n"
        "  }\n"
        "  res.redirect(next);\n"
        "});\n"
        "\n"
        "router.get('/theme', (req, res) => {\n"
        "  res.redirect(req.session.landing || '/');\n"
        "});\n"
    )
    assert_marked("routes/auth.js", code, _JS_HEAD.count("\n"))


def test_java_request_data_stored_in_the_session_is_request_data_when_read_back() -> None:
    code = _JAVA_HEAD + (
        "@Controller\n"
        "public class LoginController {\n"
        "    @GetMapping(\"/login\")\n"
        "    public String login(@RequestParam(required = false) String next, HttpSession session) {\n"
        "        session.setAttribute(\"next\", next); // expect: JAVA-SESSION-TRUST\n"
        "        return \"login\";\n"
        "    }\n"
        "\n"
        "    @PostMapping(\"/login/done\")\n"
        "    public void done(HttpSession session, HttpServletResponse response) throws Exception {\n"
        "        String next = (String) session.getAttribute(\"next\");\n"
        "        response.sendRedirect(next != null ? next : \"/home\"); // expect: JAVA-OPEN-REDIRECT\n"
        "    }\n"
        "\n"
        "    @GetMapping(\"/profile\")\n"
        "    public void profile(HttpSession session, HttpServletResponse response) throws Exception {\n"
        "        String user = (String) session.getAttribute(\"user\");\n"
        "        response.sendRedirect(\"/users/\" + user);\n"
        "    }\n"
        "}\n"
    )
    assert_marked("src/main/java/com/example/web/LoginController.java", code, _JAVA_HEAD.count("\n"))


def test_go_path_values_of_the_standard_mux_are_request_data() -> None:
    code = _GO_HEAD + (
        "func (h *Handler) Read(w http.ResponseWriter, r *http.Request) {\n"
        '\tname := r.PathValue("name")\n'
        '\tdata, _ := os.ReadFile("/srv/data/" + name) // expect: GO-PATH-TRAVERSAL\n'
        "\tw.Write(data)\n"
        "}\n"
        "\n"
        "func (h *Handler) Page(w http.ResponseWriter, r *http.Request) {\n"
        '\tn, err := strconv.Atoi(r.PathValue("page"))\n'
        "\tif err != nil {\n"
        "\t\treturn\n"
        "\t}\n"
        '\tdata, _ := os.ReadFile(fmt.Sprintf("/srv/pages/%d.html", n))\n'
        "\tw.Write(data)\n"
        "}\n"
    )
    assert_marked("handlers/read.go", code, _GO_HEAD.count("\n"))
