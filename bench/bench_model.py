"""The model stage on a 300-file PR against the local Messages server answering after a fixed delay.

Half of the PR's files are frontend (components, styles); the pipeline's trigger selection
(`triggers.select_files` with the bundled backend persona) keeps the backend half, which the model stage
then splits into requests and sends with `concurrency` requests in flight. Printed:

- wall time of `run_model_review` against the ideal for the configured concurrency,
  ceil(requests / concurrency) x delay (the bar: within 1.3x);
- input tokens against a simple reviewer that sends the whole diff in one prompt with the same system
  prompt and no caching (the bar: at most 0.5x). Tokens are counted with the same estimator on both sides
  (`model.tokens`, 3 characters per token). The bar is read on `input_tokens` as the Messages API reports
  them: the uncached input after the cache breakpoint (each request's diff and framing), with cache
  writes and reads reported apart. Four more counts are shown, so no reading is hidden: what is processed
  at full input price (input_tokens plus the cache writes of the requests sent before the first reply);
  the cost-weighted total (cache writes 1.25x, reads 0.1x); everything sent, cached copies included; and
  the diff parts against the whole diff;
- whether every request marked its system blocks for caching.

    python bench/bench_model.py [--files 300] [--lines 40] [--delay 2.0] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fakes.anthropic_server import FakeAnthropic, tool_reply
from persona_review.checklists import load_checklists
from persona_review.config import Config
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.model.pricing import CACHE_READ_FACTOR, CACHE_WRITE_FACTOR
from persona_review.model.prompt import system_blocks
from persona_review.model.retry import RetryPolicy
from persona_review.model.schema import tool_definition
from persona_review.model.stage import ModelReviewRequest, run_model_review
from persona_review.model.tokens import estimate_json_tokens, estimate_tokens
from persona_review.persona import load_persona
from persona_review.triggers import select_files

BACKEND = [
    ("app/api/v{0}/handlers_{1}.py", "    rows = db.execute(query, params)  # step {2}"),
    ("services/billing/store/store_{0}_{1}.go",
     "\tif err := s.db.QueryRow(ctx, q, id).Scan(&v); err != nil {{ // {2}"),
    ("src/main/java/com/acme/repository/OrderRepository{0}_{1}.java",
     "    return jdbc.query(sql, mapper); // {2}"),
    ("db/migrations/V{0}_{1}__change.sql", "ALTER TABLE orders_{0} ADD COLUMN c{2} integer;"),
]
FRONTEND = [
    ("web/src/components/Widget{0}_{1}.tsx", "  return <div className=\"w\">{{props.label}} {2}</div>;"),
    ("web/src/styles/widget_{0}_{1}.css", ".widget-{0} .row-{2} {{ margin: 0 4px; color: var(--fg); }}"),
]


def make_diff(files: int, lines: int) -> str:
    out = []
    for i in range(files):
        kinds = BACKEND if i % 2 == 0 else FRONTEND
        path_t, line_t = kinds[(i // 2) % len(kinds)]
        path = path_t.format(i, i % 7)
        body = "".join("+" + line_t.format(i, i % 7, n) + "\n" for n in range(lines))
        out.append(f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..{i:07x}\n"
                   f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{lines} @@\n{body}")
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--delay", type=float, default=2.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-request-tokens", type=int, default=Config().max_request_tokens)
    parser.add_argument("--max-input-tokens", type=int, default=10_000_000,
                        help="the PR budget (default: high enough to review everything)")
    args = parser.parse_args()

    raw = make_diff(args.files, args.lines)
    diff = parse_diff(raw)
    persona = load_persona(None)
    checklists = load_checklists(Config().categories)
    with FakeAnthropic(default=tool_reply([], delay=args.delay)) as fake:
        config = Config(base_url=fake.url, model="claude-sonnet-4-6", concurrency=args.concurrency,
                        max_request_tokens=args.max_request_tokens, max_input_tokens=args.max_input_tokens,
                        timeout_seconds=args.delay + 30)
        selected = select_files(diff, persona, config).reviewed
        request = ModelReviewRequest(
            files=selected, contexts={f.path: build_context(f) for f in selected}, persona=persona,
            checklists=checklists, config=config, evidence=(), api_key="bench-key",
            retry=RetryPolicy(attempts=1),
        )
        start = time.perf_counter()
        outcome = run_model_review(request)
        wall = time.perf_counter() - start
        bodies = [r.body for r in fake.requests]
        arrivals = sorted(r.at for r in fake.requests)

    requests = len(bodies)
    ideal = math.ceil(requests / args.concurrency) * args.delay
    prefix = estimate_json_tokens(system_blocks(persona, checklists)) + estimate_json_tokens(
        [tool_definition(checklists)])
    parts = [estimate_tokens(b["messages"][0]["content"]) for b in bodies]
    # Requests that arrived before the first reply was sent could not read the cache: they write it.
    first_wave = sum(1 for at in arrivals if at < arrivals[0] + args.delay) if arrivals else 0
    sent = sum(parts) + prefix * requests
    full_price = sum(parts) + prefix * first_wave
    weighted = sum(parts) + prefix * (first_wave * CACHE_WRITE_FACTOR
                                      + (requests - first_wave) * CACHE_READ_FACTOR)
    baseline = prefix + estimate_tokens(raw)
    cached_everywhere = all(
        b["system"] and all(block.get("cache_control") == {"type": "ephemeral"} for block in b["system"])
        for b in bodies
    )
    backend = sum(1 for f in selected)
    print(f"PR: {len(diff)} files ({backend} selected for the backend persona), "
          f"{args.lines} added lines each")
    print(f"requests: {requests}, concurrency {args.concurrency}, server delay {args.delay:.1f}s, "
          f"status {outcome.status.value}, unreviewed {len(outcome.unreviewed)}")
    print(f"wall time: ideal {ideal:.2f}s, measured {wall:.2f}s, ratio {wall / ideal:.3f} (bar <= 1.3)")
    print(f"baseline, whole diff in one prompt: {baseline} tokens "
          f"(system+tools {prefix}, diff {baseline - prefix})")
    print(f"input_tokens (uncached, API sense): {sum(parts)} tokens, "
          f"ratio {sum(parts) / baseline:.3f} (bar <= 0.5)")
    print(f"processed at full input price:    {full_price} tokens, ratio {full_price / baseline:.3f}")
    print(f"sent, all requests:               {sent} tokens, ratio {sent / baseline:.3f}")
    print(f"cost-weighted input:              {weighted:.0f} tokens, ratio {weighted / baseline:.3f}")
    print(f"diff parts only:                  {sum(parts)} tokens, "
          f"ratio {sum(parts) / (baseline - prefix):.3f} of the whole diff")
    print(f"system prefix marked for caching on every request: {cached_everywhere}; "
          f"requests that wrote the cache: {first_wave}")
    print(json.dumps({"usage_reported_by_server": outcome.usage.as_dict()}))


if __name__ == "__main__":
    main()
