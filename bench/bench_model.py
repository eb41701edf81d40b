"""The model review on 10-, 100- and 1,000-file PRs, through the whole pipeline, against the local Messages
server (the real SDK over real HTTP).

Each PR mixes backend files (handlers, Go stores, Java repositories, SQL migrations) with a few frontend
files that the persona does not select. For every file of every request, the scripted model reports three
findings on the file's first added line: two distinct ones under the same checklist item (0.9 high and
0.7 medium) and a 0.2-confidence critical one under the general item, which the default `min-confidence`
(0.6) must keep out of the review. Printed per PR, with the default budgets:

- model findings lost (a scripted finding missing from the findings, or the 0.2 one missing from
  below-threshold) and distorted (a confidence other than the model's, another line, or the 0.2 one
  reported): both must be 0;
- requests (the review's and the verification pass's), and how many replies wrote the prompt cache:
  exactly 1 per run of 2 or more requests;
- input tokens (uncached + cache writes + cache reads, as the server reported them) and the estimated
  cost, against the naive reviewer that sends the whole diff in one prompt without caching: the same
  system prompt sent to the same server, its usage read the same way;
- backend files selected, and files the model left unreviewed (with the reason the run gave);
- wall time against the ideal for the concurrency, ceil(requests / concurrency) x delay.

    python bench/bench_model.py [--sizes 10 100 1000] [--lines 30] [--delay 0.05] [--no-verify]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fakes.anthropic_server import FakeAnthropic, Reply, forced_tool, tool_reply, verify_reply
from persona_review.checklists import load_checklists
from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.model.client import Endpoint, MessageRequest, connect
from persona_review.model.pricing import price_for
from persona_review.model.prompt import system_blocks, user_message
from persona_review.model.schema import tool_choice, tool_definition
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.result import ReviewResult, Usage

MODEL = "claude-sonnet-4-6"
BACKEND = [
    ("app/api/v{0}/handlers_{1}.py", "    rows = db.execute(query, params)  # step {2}"),
    ("services/billing/store/store_{0}_{1}.go", "\tv, err := s.db.QueryRow(ctx, q, id).Scan(&v) // {2}"),
    ("src/main/java/com/acme/repository/OrderRepository{0}_{1}.java",
     "    return jdbc.query(sql, mapper); // {2}"),
    ("db/migrations/V{0}_{1}__change.sql", "ALTER TABLE orders_{0} ADD COLUMN c{2} integer;"),
]
FRONTEND = ("web/src/components/Widget{0}_{1}.tsx",
            "  return <div className=\"w\">{{props.label}} {2}</div>;")
SCRIPTED = (  # (checklist item, severity, confidence, text)
    ("ERR-01", "high", 0.9, "first distinct problem"),
    ("ERR-01", "medium", 0.7, "second distinct problem"),
    ("ERR-00", "critical", 0.2, "low-confidence guess"),
)
HEADER = re.compile(r"^### (\S+) \(")
ADDED = re.compile(r"^(\d+) \+(.*)$")


def make_diff(files: int, lines: int) -> str:
    out = []
    for i in range(files):
        path_t, line_t = FRONTEND if i % 25 == 24 else BACKEND[i % len(BACKEND)]
        path = path_t.format(i, i % 7)
        body = "".join("+" + line_t.format(i, i % 7, n) + "\n" for n in range(lines))
        out.append(f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..{i:07x}\n"
                   f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{lines} @@\n{body}")
    return "".join(out)


def first_added_lines(user_text: str) -> dict[str, tuple[int, str]]:
    """path -> (line, text) of the first added line shown for it in a request."""
    out: dict[str, tuple[int, str]] = {}
    path = None
    for row in user_text.splitlines():
        header = HEADER.match(row)
        if header:
            path = header.group(1)
            continue
        added = ADDED.match(row)
        if path and added and path not in out:
            out[path] = (int(added.group(1)), added.group(2))
    return out


def text_of(body: dict[str, Any]) -> str:
    content = body["messages"][0]["content"]
    return content if isinstance(content, str) else "\n\n".join(b.get("text", "") for b in content)


def script(body: dict[str, Any]) -> Reply:
    text = text_of(body)
    if forced_tool(body) == "verify_findings":  # the verification pass: every finding holds up
        ids = re.findall(r"^(F\d+): ", text, re.MULTILINE)
        return verify_reply({"id": i, "reason": "the line does what it says", "supported": True} for i in ids)
    items = []
    for path, (line, quoted) in first_added_lines(text).items():
        for item_id, severity, confidence, words in SCRIPTED:
            category = "error-handling"
            items.append({
                "reasoning": "scripted", "path": path, "line": line, "quoted_line": quoted,
                "category": category, "checklist_item": item_id, "title": f"{words} ({path})",
                "body": f"The {words} in {path} at line {line}.", "severity": severity,
                "confidence": confidence,
            })
    return tool_reply(items)


def integrity(result: ReviewResult, expected: list[tuple[str, int, str, float]],
              threshold: float) -> tuple[int, int]:
    """(lost, distorted) model findings: see the module doc."""
    lost = distorted = 0
    reported = [(f, m) for f in result.findings for m in (f.members or (f,))]
    below = {f.body: f for f in result.below_threshold}
    for _path, line, body, confidence in expected:
        if confidence < threshold:
            hit = below.get(body)
            if hit is None:
                lost += 1
            elif hit.confidence != confidence or hit.line != line:
                distorted += 1
            if any(body in f.body for f, _ in reported):
                distorted += 1
            continue
        carriers = [f for f, _ in reported if body in f.body]
        if not carriers:
            lost += 1
            continue
        member = next((m for f, m in reported if m.source == "model" and m.body == body), None)
        if member is None or member.confidence != confidence or carriers[0].line != line:
            distorted += 1
    return lost, distorted


def naive_usage(fake: FakeAnthropic, raw_diff: str, config: Config) -> Usage:
    """The whole diff in one prompt, no cache marks, through the same SDK and server."""
    persona = load_persona(None)
    checklists = load_checklists(config.categories)
    system = [{"type": "text", "text": b["text"]} for b in system_blocks(persona, checklists)]
    api = connect(Endpoint("anthropic", "bench-key", 600.0, base_url=fake.url))
    fake.default = tool_reply([])
    reply = api.create(MessageRequest(model=MODEL, system=system, user_text=user_message([raw_diff], None),
                                      tools=[tool_definition(checklists)], tool_choice=tool_choice(),
                                      max_tokens=4096))
    return reply.usage


def run(files: int, lines: int, delay: float, verify: bool) -> None:
    raw = make_diff(files, lines)
    diff = parse_diff(raw)
    price, _ = price_for(MODEL)
    with FakeAnthropic(lambda body: _delayed(script(body), delay)) as fake:
        config = Config(base_url=fake.url, model=MODEL, verify=verify)
        start = time.perf_counter()
        result = run_review(ReviewInput(diff=diff, config=config, persona=load_persona(None),
                                        api_key="bench-key"))
        wall = time.perf_counter() - start
        usages = list(fake.usages)
        expected = []
        for rec in fake.requests:
            if forced_tool(rec.body) != "report_findings":
                continue
            for path, (line, _) in first_added_lines(text_of(rec.body)).items():
                expected += [(path, line, f"The {words} in {path} at line {line}.", confidence)
                             for _, _, confidence, words in SCRIPTED]
        naive = naive_usage(fake, raw, config)
    usage = result.model.usage
    lost, distorted = integrity(result, expected, config.min_confidence)
    requests = usage.requests
    writes = sum(1 for u in usages if u.get("cache_creation_input_tokens"))
    ours_tokens = usage.input_tokens + usage.cache_write_tokens + usage.cache_read_tokens
    naive_tokens = naive.input_tokens + naive.cache_write_tokens + naive.cache_read_tokens
    naive_cost = price.cost(naive)
    backend = len(result.reviewed_files)
    unreviewed = [u for u in result.model.unreviewed if ":" not in u]
    ideal = math.ceil(requests / config.concurrency) * delay + delay
    print(f"\n{files}-file PR ({lines} added lines each): {backend} backend files selected")
    print(f"  model findings scripted {len(expected)}, lost {lost}, distorted {distorted} (bar: 0 and 0)")
    verifications = result.model.verified
    print(f"  requests {requests} (verification pass included: {verifications} findings checked, "
          f"{len(result.model.dropped)} dropped), replies that wrote the cache {writes} "
          f"(bar: {'1' if requests >= 2 else '<= 1'})")
    print(f"  input tokens {ours_tokens} (uncached {usage.input_tokens}, "
          f"cache writes {usage.cache_write_tokens}, cache reads {usage.cache_read_tokens}); "
          f"naive whole-diff prompt {naive_tokens}, "
          f"ratio {ours_tokens / naive_tokens:.3f}")
    print(f"  cost ${usage.cost_usd:.4f}; naive ${naive_cost:.4f}, ratio {usage.cost_usd / naive_cost:.3f}")
    print(f"  files left unreviewed by the model: {len(unreviewed)} of {backend}"
          + (f" ({next((n for n in result.notices if 'budget' in n), '')})" if unreviewed else ""))
    print(f"  wall time {wall:.2f}s; ideal for concurrency {config.concurrency}: {ideal:.2f}s "
          f"(the pipeline's checks included)")


def _delayed(reply: Reply, delay: float) -> Reply:
    reply.delay = delay
    return reply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--lines", type=int, default=30)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--no-verify", action="store_true", help="without the verification pass")
    args = parser.parse_args()
    for size in args.sizes:
        run(size, args.lines, args.delay, not args.no_verify)


if __name__ == "__main__":
    main()
