"""Edge cases of the checks for what breaks production: where each one must stay quiet, and the near
misses the fixtures do not show."""

from __future__ import annotations

from .helpers import findings_for_snippet, findings_of

FETCH = 'export async function load(id) {\n  return fetch(`https://api.example/items/${id}`);\n}\n'


def test_browser_code_and_tests_are_not_held_to_server_timeouts() -> None:
    assert findings_for_snippet("src/api/items.ts", FETCH) == {"JS-HTTP-NO-TIMEOUT"}
    assert findings_for_snippet("src/hooks/useItems.ts", 'import { useState } from "react";\n' + FETCH) == set()
    assert findings_for_snippet("src/api/items.ts", '"use client";\n' + FETCH) == set()
    assert findings_for_snippet("src/api/items.test.ts", FETCH) == set()
    assert findings_for_snippet("src/api/__tests__/items.ts", FETCH) == set()


def test_axios_defaults_and_instances_with_a_timeout_cover_every_call() -> None:
    calls = "export const get = (id) => axios.get(`/items/${id}`);\n"
    assert findings_for_snippet("src/api.js", calls) == {"JS-HTTP-NO-TIMEOUT"}
    assert findings_for_snippet("src/api.js", "axios.defaults.timeout = 5000;\n" + calls) == set()
    configured = "const api = axios.create({ ...base });\nconst other = axios.create(config);\n"
    assert findings_for_snippet("src/api.js", configured) == set()


def test_fetch_options_held_in_a_variable_are_not_guessed() -> None:
    code = "async function send(url, init) {\n  return fetch(url, init);\n}\n"
    assert findings_for_snippet("src/send.js", code) == set()
    spread = "async function send(url, init) {\n  return fetch(url, { ...init, method: 'POST' });\n}\n"
    assert findings_for_snippet("src/send.js", spread) == set()


def test_a_fetch_method_being_defined_is_not_a_call() -> None:
    code = "class Store {\n  async fetch(key: string): Promise<string> {\n    return this.map.get(key);\n  }\n}\n"
    assert findings_for_snippet("src/store.ts", code) == set()


def test_foreach_without_async_and_awaited_maps_are_fine() -> None:
    assert findings_for_snippet("src/a.js", "items.forEach(async function (item) {\n  await save(item);\n});\n") == {
        "JS-ASYNC-FOREACH"}
    assert findings_for_snippet("src/a.js", "items.forEach((item) => save(item));\n") == set()


def test_a_task_group_or_a_kept_task_is_not_dropped() -> None:
    code = (
        "async def run(jobs):\n"
        "    async with asyncio.TaskGroup() as tg:\n"
        "        for job in jobs:\n"
        "            tg.create_task(job())\n"
        "    tasks = [asyncio.create_task(job()) for job in jobs]\n"
        "    await asyncio.gather(*tasks)\n"
    )
    assert findings_for_snippet("app/jobs.py", code) == set()
    assert findings_for_snippet("app/jobs.py", "def kick(job):\n    asyncio.ensure_future(job())\n") == {
        "PY-TASK-DROPPED"}


def test_exit_outside_a_view_is_a_program_ending() -> None:
    cli = "import sys\n\n\ndef main(argv):\n    if not argv:\n        sys.exit(2)\n"
    assert findings_for_snippet("app/cli.py", cli) == set()
    django = "import sys\n\n\ndef export(request):\n    if request.GET.get('stop'):\n        sys.exit(0)\n"
    assert findings_for_snippet("app/views.py", django) == {"PY-EXIT-IN-VIEW"}


GO_HANDLER = """package api

func (s *Server) Get(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.QueryContext(context.Background(), "SELECT 1")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
}
"""


def test_go_request_scope_checks_skip_tests_and_detached_goroutines() -> None:
    assert findings_for_snippet("api/server.go", GO_HANDLER) == {"GO-CONTEXT-DROPPED", "GO-EXIT-IN-HANDLER"}
    assert findings_for_snippet("api/server_test.go", GO_HANDLER) == set()
    detached = """package api

func (s *Server) Post(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		s.reindex(ctx, id)
	}()
	w.WriteHeader(http.StatusAccepted)
}
"""
    assert findings_for_snippet("api/server.go", detached) == set()


def test_gin_and_echo_handlers_are_handlers() -> None:
    gin = """package api

func show(c *gin.Context) {
	user, err := store.Find(context.TODO(), c.Param("id"))
	if err != nil {
		os.Exit(1)
	}
	go func() {
		c.JSON(200, user)
	}()
}
"""
    assert findings_for_snippet("api/users.go", gin) == {
        "GO-CONTEXT-DROPPED", "GO-EXIT-IN-HANDLER", "GO-GOROUTINE-REQUEST-SCOPE"}


def test_go_response_body_closed_by_a_helper_or_returned_is_handed_on() -> None:
    code = """package api

func ping(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer drain(resp)
	return nil
}

func head(url string) (int, error) {
	_, err := http.Head(url)
	return 0, err
}
"""
    # `drain(resp)` may close the body; the `_` response of `head` is never closed
    assert {line for line, rule in findings_of("api/ping.go", code) if rule == "GO-HTTP-BODY-UNCLOSED"} == {13}


def test_java_resources_handed_to_a_closer_or_a_later_try_are_not_leaks() -> None:
    code = """class Dao {
    void run() throws Exception {
        Connection conn = dataSource.getConnection();
        try (conn) {
            conn.createStatement().execute("SELECT 1");
        }
        Statement st = other.createStatement();
        JdbcUtils.closeStatement(st);
    }
}
"""
    assert findings_for_snippet("src/main/java/Dao.java", code) == set()


def test_java_http_timeouts_skip_test_sources() -> None:
    code = "class C {\n    private final RestTemplate rest = new RestTemplate();\n}\n"
    assert findings_for_snippet("src/main/java/app/C.java", code) == {"JAVA-HTTP-NO-TIMEOUT"}
    assert findings_for_snippet("src/test/java/app/C.java", code) == set()


def test_detached_cleanup_and_work_with_its_own_deadline_keep_their_root_context() -> None:
    code = """package api

func (s *Store) Lock(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return err
	}
	defer s.db.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", key)
	bg, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return s.sync(bg, key)
}
"""
    assert "GO-CONTEXT-DROPPED" not in findings_for_snippet("api/store.go", code)
    assert "GO-CONTEXT-DROPPED" in findings_for_snippet("api/store.go", code.replace("(bg, key)", "(context.TODO(), key)"))


def test_a_got_instance_without_a_timeout_is_flagged_where_it_is_made() -> None:
    code = "const client = got.extend({ prefixUrl: 'https://rates.example' });\n"
    assert findings_for_snippet("src/rates.js", code) == {"JS-HTTP-CLIENT-NO-TIMEOUT"}
    bounded = "const client = got.extend({ prefixUrl: 'https://rates.example', timeout: { request: 5000 } });\n"
    assert findings_for_snippet("src/rates.js", bounded) == set()


def test_process_exit_in_a_js_handler_but_not_in_a_startup_script() -> None:
    route = (
        "router.post('/admin/reload', async (req, res) => {\n"
        "  if (!(await reload())) {\n"
        "    process.exit(1);\n"
        "  }\n"
        "  res.sendStatus(204);\n"
        "});\n"
    )
    assert findings_for_snippet("src/routes/admin.js", route) == {"JS-EXIT-IN-HANDLER"}
    startup = "async function main() {\n  if (!(await connect())) {\n    process.exit(1);\n  }\n}\n"
    assert findings_for_snippet("src/server.js", startup) == set()


def test_system_exit_in_a_java_handler_but_not_in_main() -> None:
    controller = (
        "class AdminController {\n"
        "    @PostMapping(\"/admin/stop\")\n"
        "    public void stop(HttpServletResponse response) {\n"
        "        System.exit(0);\n"
        "    }\n"
        "\n"
        "    public static void main(String[] args) {\n"
        "        System.exit(run(args));\n"
        "    }\n"
        "}\n"
    )
    assert findings_of("src/main/java/AdminController.java", controller) == {(4, "JAVA-EXIT-IN-HANDLER")}
