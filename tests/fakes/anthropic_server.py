"""A local server speaking the Anthropic Messages API wire format (POST /v1/messages), for tests and benches.

Replies are scripted per test: a queue of `Reply`s consumed in order (then `default`), or a function
from the request body to a `Reply`. Every request is recorded (headers and JSON body) for asserts.
Without a scripted usage, replies report usage the way the API does with prompt caching: the prefix up
to each `cache_control` breakpoint (tools, system blocks, then message blocks) is read from the cache
when an earlier reply with the same prefix has already been sent, and written otherwise (so requests
sent together all write).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, NamedTuple

from fakes.quiet_server import QuietHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (for timeouts and the benchmark)."""


class Recorded(NamedTuple):
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


def tool_reply(findings: Iterable[dict[str, Any]] | None = None, *, tool_input: object = None,
               stop_reason: str = "tool_use", usage: dict[str, int] | None = None,
               delay: float = 0.0) -> Reply:
    """A reply calling report_findings with `findings` (or with `tool_input` as given)."""
    payload = tool_input if tool_input is not None else {"findings": list(findings or [])}
    content = [{"type": "tool_use", "id": "toolu_01", "name": "report_findings", "input": payload}]
    return Reply(body=_message(content, stop_reason, usage), delay=delay)


def blocks_reply(*blocks: Iterable[dict[str, Any]], text: str = "", stop_reason: str = "tool_use",
                 usage: dict[str, int] | None = None) -> Reply:
    """A reply holding several report_findings tool_use blocks (a model calling the tool in parallel),
    each with its own id, after an optional text block."""
    content: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
    content.extend({"type": "tool_use", "id": f"toolu_{n:02d}", "name": "report_findings",
                    "input": {"findings": list(block)}} for n, block in enumerate(blocks, start=1))
    return Reply(body=_message(content, stop_reason, usage))


def verify_reply(verdicts: Iterable[dict[str, Any]]) -> Reply:
    """A reply calling verify_findings with the given verdicts ({"id", "reason", "supported"})."""
    content = [{"type": "tool_use", "id": "toolu_v1", "name": "verify_findings",
                "input": {"verdicts": list(verdicts)}}]
    return Reply(body=_message(content, "tool_use", None))


def forced_tool(body: dict[str, Any]) -> str:
    """The tool a request forces through `tool_choice` ("" when none)."""
    choice = body.get("tool_choice")
    return str(choice.get("name", "")) if isinstance(choice, dict) else ""


def too_long_reply(tokens: int, limit: int = 200_000) -> Reply:
    """The API's answer to a prompt longer than the context window."""
    return error_reply(400, "invalid_request_error", f"prompt is too long: {tokens} tokens > {limit} maximum")


def text_reply(text: str = "", *, stop_reason: str = "end_turn", usage: dict[str, int] | None = None) -> Reply:
    content = [{"type": "text", "text": text}] if text else []
    return Reply(body=_message(content, stop_reason, usage))


def error_reply(status: int, kind: str, message: str = "scripted error",
                retry_after: float | None = None) -> Reply:
    headers = {"retry-after": f"{retry_after:g}"} if retry_after is not None else {}
    return Reply(status=status, body={"type": "error", "error": {"type": kind, "message": message}},
                 headers=headers)


def _message(content: list[dict[str, Any]], stop_reason: str, usage: dict[str, int] | None) -> dict[str, Any]:
    return {
        "id": "msg_fake", "type": "message", "role": "assistant", "model": "",
        "content": content, "stop_reason": stop_reason, "stop_sequence": None,
        "usage": usage,
    }


Script = Iterable[Reply] | Callable[[dict[str, Any]], Reply]


class FakeAnthropic:
    def __init__(self, script: Script | None = None, default: Reply | None = None, *,
                 host: str = "127.0.0.1") -> None:
        self._func: Callable[[dict[str, Any]], Reply] | None = None
        self._queue: deque[Reply] = deque()
        if callable(script):
            self._func = script
        elif script is not None:
            self._queue.extend(script)
        self.default = default or tool_reply([])
        self.requests: list[Recorded] = []
        self.usages: list[dict[str, int]] = []
        """The usage of every successful reply, in the order they were sent."""
        self._cached: set[str] = set()
        self._lock = threading.Lock()
        self._server = QuietHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeAnthropic:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self._func is not None:
                return self._func(body)
            return self._queue.popleft() if self._queue else self.default

    @staticmethod
    def _breakpoints(body: dict[str, Any]) -> tuple[list[tuple[str, int]], int]:
        """([(cache key, tokens) of the prefix up to each `cache_control` breakpoint], total tokens).

        As in the API, the prefix runs tools, then system blocks, then message content blocks, so a
        breakpoint caches everything before it (the tool definitions included)."""
        items: list[object] = [body.get("tools", [])]
        points: list[int] = []
        system = body.get("system")
        blocks = system if isinstance(system, list) else [system] if system else []
        for block in blocks:
            items.append(block)
            if isinstance(block, dict) and "cache_control" in block:
                points.append(len(items))
        for message in body.get("messages", []):
            content = message.get("content") if isinstance(message, dict) else None
            for block in content if isinstance(content, list) else [content]:
                items.append(block)
                if isinstance(block, dict) and "cache_control" in block:
                    points.append(len(items))
        sizes = [len(json.dumps(item, sort_keys=True)) // 4 for item in items]
        out = [(hashlib.sha256(json.dumps(items[:n], sort_keys=True).encode()).hexdigest(), sum(sizes[:n]))
               for n in points]
        return out, sum(sizes)

    def _usage(self, body: dict[str, Any]) -> dict[str, int]:
        """Usage with prompt caching: the longest cached prefix is read, the rest up to the last
        breakpoint is written, and what follows it is plain input."""
        points, total = self._breakpoints(body)
        with self._lock:
            read = max((size for key, size in points if key in self._cached), default=0)
        last = points[-1][1] if points else 0
        return {
            "input_tokens": total - last,
            "output_tokens": 60,
            "cache_creation_input_tokens": last - read,
            "cache_read_input_tokens": read,
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes: with Nagle on, the body waits for the client's
            # delayed ACK of the headers (tens of milliseconds per request). GitHub and the API answer at once.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                with fake._lock:
                    fake.requests.append(Recorded(self.path, {k.lower(): v for k, v in self.headers.items()},
                                                  body, time.monotonic()))
                if self.path.split("?", 1)[0] != "/v1/messages":
                    reply = error_reply(404, "not_found_error", f"no route {self.path}")
                else:
                    reply = fake._next(body)
                payload = dict(reply.body or {})
                streaming = bool(body.get("stream")) and reply.status == 200 and payload.get("type") == "message"
                if reply.delay and not streaming:
                    time.sleep(reply.delay)
                if reply.status == 200 and payload.get("type") == "message":
                    payload["model"] = body.get("model", "")
                    if payload.get("usage") is None:
                        payload["usage"] = fake._usage(body)
                    with fake._lock:
                        fake.usages.append(dict(payload["usage"]))
                if streaming:
                    self._stream(payload, reply.delay, body)
                    return
                data = json.dumps(payload).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (a timeout test)
                if reply.status == 200:
                    fake._write_cache(body)

            def _stream(self, message: dict[str, Any], delay: float, body: dict[str, Any]) -> None:
                """The reply as server-sent events: `message_start` at once (the prompt cache is written
                then, as in the API), the content blocks after `delay`, then `message_delta` and
                `message_stop`."""
                usage = dict(message["usage"])
                start = {**message, "content": [], "stop_reason": None, "usage": {**usage, "output_tokens": 1}}
                try:
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.send_header("cache-control", "no-cache")
                    self.send_header("connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    # The entry is readable by the time a client sees `message_start`: write it first, or a
                    # request released on that event could race ahead of it.
                    fake._write_cache(body)
                    self._event("message_start", {"type": "message_start", "message": start})
                    if delay:
                        time.sleep(delay)
                    for index, block in enumerate(message.get("content", [])):
                        if block.get("type") == "tool_use":
                            opening = {**block, "input": {}}
                            delta = {"type": "input_json_delta", "partial_json": json.dumps(block["input"])}
                        else:
                            opening = {"type": "text", "text": ""}
                            delta = {"type": "text_delta", "text": block.get("text", "")}
                        self._event("content_block_start", {"type": "content_block_start", "index": index,
                                                            "content_block": opening})
                        self._event("content_block_delta", {"type": "content_block_delta", "index": index,
                                                            "delta": delta})
                        self._event("content_block_stop", {"type": "content_block_stop", "index": index})
                    self._event("message_delta", {
                        "type": "message_delta",
                        "delta": {"stop_reason": message.get("stop_reason"), "stop_sequence": None},
                        "usage": {"output_tokens": usage.get("output_tokens", 0)}})
                    self._event("message_stop", {"type": "message_stop"})
                except (BrokenPipeError, ConnectionResetError):
                    return

            def _event(self, name: str, data: dict[str, Any]) -> None:
                self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
                self.wfile.flush()

        return Handler

    def _write_cache(self, body: dict[str, Any]) -> None:
        """The prompt cache entries of a request, readable by requests that arrive from now on."""
        points, _ = self._breakpoints(body)
        with self._lock:
            self._cached.update(key for key, _ in points)
