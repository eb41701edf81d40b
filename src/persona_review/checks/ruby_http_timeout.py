"""Ruby: an outbound HTTP call in application code that no timeout bounds.

    def fetch_rates
      uri = URI("#{RATES_URL}/latest")
      JSON.parse(Net::HTTP.get(uri))        # waits up to 60 s to connect and 60 s per read

`Net::HTTP` waits 60 seconds to connect and 60 seconds for each read; HTTParty and rest-client inherit
those defaults, Faraday on its default adapter too, and http.rb waits forever. One slow upstream then
holds a Puma thread (or a Sidekiq worker) per call for minutes, and the whole pool stalls behind it.

Reported, outside tests, rake tasks, migrations and scripts:
- `Net::HTTP.get`/`get_response`/`post`/`post_form` (which take no timeout at all);
- `Net::HTTP.start(host, port, ...)` without `open_timeout:`/`read_timeout:` and whose block sets none;
- `Net::HTTP.new(...)` and `Faraday.new(...)` (whose options and block give no timeout) in a file that
  never sets a timeout; from a hunk, only when the end of the enclosing block is shown;
- `HTTParty.get/post/...` (and, in a class that includes HTTParty, `self.class.get` or a bare `get(...)`
  in a class method) without `timeout:`, in a file with no `default_timeout`;
- `RestClient.get/post/...` (which take no timeout) and `RestClient::Request.execute`/
  `RestClient::Resource.new` without `timeout:`;
- an http.rb chain `HTTP.(...).get(...)` without `.timeout(...)`;
- `Typhoeus.get/post/...` and `Typhoeus::Request.new` without `timeout:` (libcurl's default is no limit).
A call inside `Timeout.timeout { }`, or given an options hash the code does not show (`**opts`, a
variable), is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._lexing import lex
from persona_review.checks._ruby import (
    Tree,
    arguments,
    file_nodes,
    method_name,
    name_text,
    receiver,
    ruby_check,
    text,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_NOT_APP = lazy_re(
    r"(?:^|/)(?:spec|test|tests|features|db|script|bin|benchmarks?|vendor)/|_spec\.rb$|_test\.rb$|"
    r"\.rake$|(?:^|/)Rakefile$|\.gemspec$|(?:^|/)Gemfile$|(?:^|/)lib/tasks/"
)
_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
_NET_ONE_SHOT = frozenset({"get", "get_response", "post", "post_form", "get_print"})
_TIMEOUT_KEYS = frozenset({"timeout", "open_timeout", "read_timeout", "write_timeout", "connect_timeout",
                           "timeout_ms", "connecttimeout", "connecttimeout_ms"})
_FILE_TIMEOUT = lazy_re(r"timeout")
_DEFAULT_TIMEOUT = lazy_re(r"^\s*default_timeout\b")
_INCLUDES_HTTPARTY = lazy_re(r"^\s*include\s+HTTParty\b")

_WAIT = (
    "One slow upstream then holds a Puma thread or a job worker for every call in flight, and the pool "
    "stalls behind it."
)


@ruby_check(
    "RB-HTTP-NO-TIMEOUT", "ERR-05", Category.ERROR_HANDLING, Severity.MEDIUM,
    title="Outbound HTTP call without a timeout",
    explanation=(
        "`Net::HTTP` waits 60 s to connect and 60 s for each read; HTTParty, rest-client and Faraday's "
        "default adapter inherit that, and http.rb waits forever. A slow or hung upstream then holds a Puma "
        "thread or job worker per call until the pool is exhausted. Give every client explicit "
        "`open_timeout`/`read_timeout` (Faraday `request: { timeout:, open_timeout: }`, HTTParty "
        "`timeout:` or `default_timeout`, `HTTP.timeout(...)`)."
    ),
    needs=r"Net::HTTP|Faraday|HTTParty|RestClient|HTTP\.|Typhoeus",
)
def ruby_http_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_APP.search(ctx.path):
        return
    code = lex(ctx).bare.values()
    file_timeout = any(_FILE_TIMEOUT.search(line) for line in code)
    httparty_class = any(_INCLUDES_HTTPARTY.match(line) for line in ctx.lines.values())
    default_timeout = any(_DEFAULT_TIMEOUT.match(line) for line in ctx.lines.values())
    for tree, node in file_nodes(ctx):
        if node.type != "call":
            continue
        message = _unbounded(ctx, tree, node, file_timeout=file_timeout,
                             own_httparty=httparty_class and not default_timeout,
                             default_timeout=default_timeout)
        if message is not None and not _inside_timeout_block(tree, node):
            yield Hit(tree.line(node), None, f"{message} {_WAIT}")


def _unbounded(ctx: FileContext, tree: Tree, call: Node, *, file_timeout: bool, own_httparty: bool,
               default_timeout: bool) -> str | None:
    """The message for a call no timeout bounds, or None."""
    name = method_name(call)
    owner = name_text(receiver(call)).removeprefix("::")
    args = arguments(call)
    if owner == "Net::HTTP":
        if name in _NET_ONE_SHOT:
            return (f"`Net::HTTP.{name}` takes no timeout, so it waits up to 60 s to connect and 60 s per "
                    "read; use `Net::HTTP.start(host, port, open_timeout: 2, read_timeout: 5)`.")
        if name == "start" and not _options_bounded(args) and not _block_sets_timeout(call):
            return ("`Net::HTTP.start` without `open_timeout:`/`read_timeout:` waits up to 60 s to connect "
                    "and 60 s per read.")
        if name == "new" and not file_timeout and _rest_known(ctx, tree, call):
            return ("This `Net::HTTP` connection never gets `open_timeout`/`read_timeout`, so it waits up "
                    "to 60 s to connect and 60 s per read.")
        return None
    if owner == "Faraday" and name == "new":
        if file_timeout or _options_unknown(args) or call.has_error or not _rest_known(ctx, tree, call):
            return None
        return ("This Faraday connection has no `request: { timeout:, open_timeout: }` and none is set "
                "later, so its calls wait as long as the adapter does (60 s per read on Net::HTTP).")
    own_call = own_httparty and (owner in {"self.class", "self"} or (
        receiver(call) is None and args and _in_class_method(tree, call)))
    if name in _VERBS and (owner == "HTTParty" or own_call):
        if default_timeout or _options_bounded(args) or _options_unknown(args[1:]):
            return None
        shown = f"{owner}.{name}" if owner else name
        return (f"`{shown}` without `timeout:` (and no `default_timeout` in the class) waits up to "
                "60 s to connect and 60 s per read.")
    if owner == "RestClient" and name in _VERBS:
        return (f"`RestClient.{name}` takes no timeout, so it waits rest-client's default 60 s per read; "
                "use `RestClient::Request.execute(method:, url:, timeout: 5)`.")
    if (owner, name) in {("RestClient::Request", "execute"), ("RestClient::Resource", "new")}:
        if _options_bounded(args) or _options_unknown(args[1:] if name == "new" else args):
            return None
        return f"`{owner}.{name}` without `timeout:` waits rest-client's default 60 s per read."
    if (owner == "Typhoeus" and name in _VERBS) or (owner == "Typhoeus::Request" and name == "new"):
        if _options_bounded(args) or _options_unknown(args[1:]):
            return None
        return (f"`{owner}.{name}` without `timeout:` uses libcurl's default, which never gives up on a "
                "slow transfer; pass `timeout:` and `connecttimeout:`.")
    if name in _VERBS or name == "request":
        chain = _http_rb_chain(call)
        if chain is not None and "timeout" not in chain:
            return (f"This http.rb `{name}` has no `.timeout(...)` in its chain, and http.rb waits forever "
                    "by default.")
    return None


def _in_class_method(tree: Tree, call: Node) -> bool:
    """The call sits in a class method (`def self.fetch`, or a method in `class << self`): there a bare
    `get(...)` is the HTTParty class's own."""
    parent = tree.parent(call)
    while parent is not None:
        if parent.type == "singleton_method":
            return True
        if parent.type == "method":
            outer = tree.parent(parent)
            while outer is not None and outer.type not in {"singleton_class", "class", "module"}:
                outer = tree.parent(outer)
            return outer is not None and outer.type == "singleton_class"
        parent = tree.parent(parent)
    return False


def _http_rb_chain(call: Node) -> list[str] | None:
    """The method names of an http.rb chain `HTTP.a(...).b(...).get(...)` below `call`, or None when the
    chain does not start at the `HTTP` constant."""
    names: list[str] = []
    current: Node | None = receiver(call)
    while current is not None and current.type == "call":
        names.append(method_name(current))
        current = receiver(current)
    if current is None or current.type not in {"constant", "scope_resolution"}:
        return None
    return names if text(current).removeprefix("::") == "HTTP" else None


def _options_bounded(args: list[Node]) -> bool:
    """A `timeout:`/`read_timeout:`... option among the call's arguments, at any depth of its hashes."""
    stack = list(args)
    while stack:
        node = stack.pop()
        if node.type == "pair":
            key = node.child_by_field_name("key")
            if text(key).lstrip(":").rstrip(":").strip("\"'") in _TIMEOUT_KEYS:
                return True
        stack.extend(node.named_children)
    return False


def _options_unknown(args: list[Node]) -> bool:
    """Options the code does not show: `**opts`, or a hash held in a variable or returned by a method."""
    for arg in args:
        if arg.type in {"hash_splat_argument", "splat_argument"}:
            return True
        if arg.type in {"identifier", "instance_variable", "call", "constant"} and arg is args[-1]:
            return True
        if arg.type == "pair":
            value = arg.child_by_field_name("value")
            key = text(arg.child_by_field_name("key")).lstrip(":").rstrip(":")
            if key in {"request", "options"} and value is not None and value.type != "hash":
                return True
    return False


def _block_sets_timeout(call: Node) -> bool:
    block = call.child_by_field_name("block")
    return block is not None and "timeout" in text(block)


def _inside_timeout_block(tree: Tree, node: Node) -> bool:
    """The call runs inside `Timeout.timeout(...) { }`, which bounds it."""
    parent = tree.parent(node)
    while parent is not None:
        if parent.type == "call" and method_name(parent) == "timeout" and "Timeout" in name_text(
                receiver(parent)):
            return True
        parent = tree.parent(parent)
    return False


def _rest_known(ctx: FileContext, tree: Tree, call: Node) -> bool:
    """From a hunk: the lines after the call are shown down to the end of its block (a line indented less
    than the call's), so a timeout set on the connection further down would be seen."""
    if ctx.whole_file:
        return True
    first = tree.line(call)
    indent = _indent(ctx.lines.get(first, ""))
    no = first + 1
    while no in ctx.lines:
        line = ctx.lines[no]
        if line.strip() and _indent(line) < indent:
            return True
        no += 1
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
