"""JS-PIPE-NO-ERROR and JS-EMITTER-NO-ERROR: Node streams and emitters whose 'error' nobody listens to."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

PIPE = "JS-PIPE-NO-ERROR"
EMITTER = "JS-EMITTER-NO-ERROR"


def _lines(text: str, rule: str, path: str = "src/routes/files.js") -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule)


def _hunk_lines(text: str, rule: str, first: int, path: str = "src/routes/files.ts") -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    language = "typescript" if path.endswith(".ts") else "javascript"
    ctx = FileContext(path, language, lines, frozenset(lines), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


_DOWNLOAD = """const fs = require("fs");
const path = require("path");

router.get("/files/:name", (req, res) => {
  const file = path.join(UPLOADS, path.basename(req.params.name));
  res.setHeader("Content-Type", "application/octet-stream");
  %s
});
"""


@pytest.mark.parametrize(("joined", "line"), [
    ("fs.createReadStream(file).pipe(res);", 7),
    ("fs.createReadStream(file).pipe(zlib.createGzip()).pipe(res);", 7),
    ("const input = fs.createReadStream(file);\n  input.pipe(res);", 8),
    ("s3.getObject({ Bucket, Key: file }).createReadStream().pipe(res);", 7),
    ("const archive = archiver('zip');\n  archive.pipe(res);\n  archive.directory(file, false);\n"
     "  archive.finalize();", 8),
    ("req.pipe(busboy({ headers: req.headers }));", 7),
])
def test_streams_piped_in_a_handler_without_error_handling_are_reported(joined: str, line: int) -> None:
    assert _lines(_DOWNLOAD % joined, PIPE) == [line]


def test_a_chain_is_reported_once_on_its_first_line() -> None:
    text = _DOWNLOAD % "fs.createReadStream(file)\n    .pipe(zlib.createGzip())\n    .pipe(res);"
    assert _lines(text, PIPE) == [7]


def test_an_axios_stream_written_to_a_file_is_reported() -> None:
    text = """import fs from "node:fs";
import axios from "axios";

export async function fetchAvatar(url: string, dest: string): Promise<void> {
  const response = await axios.get(url, { responseType: "stream", timeout: 5000 });
  const out = fs.createWriteStream(dest);
  response.data.pipe(out);
  await new Promise((resolve) => out.on("finish", resolve));
}
"""
    assert _lines(text, PIPE, "src/services/avatars.ts") == [7]


def test_an_outbound_request_fed_by_an_upload_is_reported() -> None:
    text = """async function forward(upload, options) {
  const stream = upload.createReadStream();
  const req = http.request(options, (res) => res.resume());
  stream.pipe(req);
}
"""
    assert _lines(text, PIPE, "src/files/forward.js") == [4]


def test_a_hunk_with_a_whole_handler_is_reported() -> None:
    hunk = """router.get("/exports/:id", (req, res) => {
  const key = `exports/${req.params.id}.csv`;
  res.attachment(`${req.params.id}.csv`);
  storage.file(key).createReadStream().pipe(res);
});
"""
    assert _hunk_lines(hunk, PIPE, 40) == [43]


def test_a_hunk_inside_a_handler_is_left_alone() -> None:
    """The function's lines the hunk does not show may listen for 'error': only the whole file can tell."""
    hunk = """    const key = `exports/${req.params.id}.csv`;
    res.attachment(`${req.params.id}.csv`);
    storage.file(key).createReadStream().pipe(res);
  });
"""
    assert _hunk_lines(hunk, PIPE, 40) == []


@pytest.mark.parametrize("handled", [
    "const input = fs.createReadStream(file);\n  input.on('error', () => res.sendStatus(404));\n  input.pipe(res);",
    "pipeline(fs.createReadStream(file), res, (err) => { if (err) log.warn(err); });",
    "await pipeline(fs.createReadStream(file), zlib.createGzip(), res);",
    "fs.createReadStream(file).once(\"error\", next).pipe(res);",
    "const input = fs.createReadStream(file);\n  finished(input, (err) => err && res.destroy(err));\n"
    "  input.pipe(res);",
])
def test_handled_streams_are_left_alone(handled: str) -> None:
    assert _lines(_DOWNLOAD % handled, PIPE) == []


@pytest.mark.parametrize("chain", [
    "return next.handle().pipe(map((data) => ({ data })));",
    "return this.events$.pipe(filter((e) => e.id === id), takeUntil(this.destroy$));",
    "const schema = z.string().pipe(z.coerce.number());",
    "const chain = prompt.pipe(model).pipe(parser);",
    "csvStream.pipe(res);",
])
def test_pipes_that_are_not_node_streams_are_left_alone(chain: str) -> None:
    text = f"function build(req, res) {{\n  {chain}\n}}\n"
    assert _lines(text, PIPE, "src/app/interceptor.ts") == []


def test_module_level_pipes_of_a_script_are_left_alone() -> None:
    text = 'const fs = require("fs");\nfs.createReadStream(process.argv[2]).pipe(process.stdout);\n'
    assert _lines(text, PIPE, "src/tools/cat.js") == []


_CONVERT = """const { spawn } = require("child_process");

function convert(input, output, done) {
  const child = spawn("ffmpeg", ["-i", input, output]);
  child.stderr.on("data", (chunk) => log.debug(chunk.toString()));
  child.on("close", (code) => done(code === 0 ? null : new Error(`ffmpeg exited ${code}`)));%s
}
"""


def test_a_child_process_with_exit_listeners_but_no_error_listener_is_reported() -> None:
    assert _lines(_CONVERT % "", EMITTER, "src/media/convert.js") == [4]


@pytest.mark.parametrize("made", [
    'const worker = childProcess.fork("./worker.js", [job.id]);',
    'const worker = cp.spawn(process.execPath, ["worker.js"]);',
])
def test_forked_and_spawned_workers_are_reported(made: str) -> None:
    text = f"""async function runJob(job) {{
  {made}
  worker.on("exit", (code) => finish(job, code));
}}
"""
    assert _lines(text, EMITTER, "src/jobs/runner.js") == [2]


def test_a_socket_listened_to_without_error_is_reported() -> None:
    text = """import net from "node:net";

export function probe(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    socket.on("connect", () => { socket.end(); resolve(true); });
    socket.on("timeout", () => resolve(false));
  });
}
"""
    assert _lines(text, EMITTER, "src/monitors/tcp.ts") == [5]


def test_a_ws_client_and_ws_server_connection_without_error_are_reported() -> None:
    text = """const WebSocket = require("ws");

function subscribe(url, onEvent) {
  const ws = new WebSocket(url);
  ws.on("message", (data) => onEvent(JSON.parse(data)));
}

function attach(server) {
  const wss = new WebSocket.Server({ server });
  wss.on("connection", (socket, req) => {
    socket.on("message", (raw) => broadcast(raw));
  });
}
"""
    assert _lines(text, EMITTER, "src/realtime/hub.js") == [4, 10]


def test_a_hunk_with_the_whole_function_of_the_spawn_is_reported() -> None:
    hunk = """  return new Promise((resolve, reject) => {
    const proc = spawn(settings.converter, [src, dest]);
    proc.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(String(code)))));
  });
"""
    assert _hunk_lines(hunk, EMITTER, 70, "src/convert.js") == [71]


def test_a_hunk_that_cuts_the_function_of_the_spawn_is_left_alone() -> None:
    hunk = """    const proc = spawn(settings.converter, [src, dest]);
    proc.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(String(code)))));
"""
    assert _hunk_lines(hunk, EMITTER, 70, "src/convert.js") == []


def test_a_spawn_of_a_command_from_the_request_is_left_to_the_injection_checks() -> None:
    text = """router.post("/convert", (req, res) => {
  const child = spawn(req.body.tool, ["--in", "upload.png"]);
  child.on("close", (code) => res.json({ code }));
});
"""
    assert _lines(text, EMITTER, "src/routes/convert.js") == []


@pytest.mark.parametrize("extra", [
    '\n  child.on("error", done);',
    '\n  child.once("error", (err) => done(err));',
])
def test_a_child_with_an_error_listener_is_left_alone(extra: str) -> None:
    assert _lines(_CONVERT % extra, EMITTER, "src/media/convert.js") == []


@pytest.mark.parametrize("text", [
    # returned: the caller sets the listeners
    'function start() {\n  const child = spawn("x");\n  child.on("exit", log);\n  return child;\n}\n',
    # kept on a field
    'function start() {\n  const child = spawn("x");\n  child.on("exit", log);\n  this.child = child;\n}\n',
    # no listener at all here: what it is for is not visible
    'function start() {\n  const child = spawn("x", { detached: true, stdio: "ignore" });\n  child.unref();\n}\n',
    # a browser WebSocket (no `ws` import) reports errors without throwing
    'function open(url) {\n  const ws = new WebSocket(url);\n  ws.onmessage = (e) => show(e.data);\n}\n',
    # exec with a callback gets its failure there
    'function run(cmd) {\n  const child = exec(cmd, (err, out) => done(err, out));\n  child.on("exit", log);\n}\n',
])
def test_emitters_handled_elsewhere_are_left_alone(text: str) -> None:
    assert _lines(text, EMITTER, "src/workers/start.js") == []


def test_a_ws_server_connection_with_an_error_listener_is_left_alone() -> None:
    text = """import { WebSocketServer } from "ws";

export function attach(server) {
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket) => {
    socket.on("error", (err) => log.warn(err));
    socket.on("message", (raw) => broadcast(raw));
  });
}
"""
    assert _lines(text, EMITTER, "src/realtime/hub.ts") == []


def test_a_listened_stream_that_is_piped_is_reported_once_where_it_is_piped() -> None:
    text = """function sendPdf(req, res, pdfPath) {
  const stream = fs.createReadStream(pdfPath);
  stream.on("end", () => fs.unlinkSync(pdfPath));
  stream.pipe(res);
}
"""
    assert _lines(text, EMITTER) == []
    assert _lines(text, PIPE) == [4]


def test_a_node_ws_client_is_known_by_its_on_listeners_without_the_import_in_view() -> None:
    hunk = """function subscribe(url, onEvent) {
  const ws = new WebSocket(url);
  ws.on("message", (data) => onEvent(JSON.parse(data)));
}
"""
    assert _hunk_lines(hunk, EMITTER, 30, "src/feed.js") == [31]


def test_a_readable_the_code_fills_itself_is_left_alone() -> None:
    text = """async function exportCsv(tableId, response) {
  const csvStream = new Readable({ read() {} });
  csvStream.pipe(response);
  for await (const rows of pages(tableId)) csvStream.push(toCsv(rows));
  csvStream.push(null);
}
"""
    assert _lines(text, PIPE, "src/export/csv.service.ts") == []
