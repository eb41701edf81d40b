"""Findings lost and posted twice over push sequences on a fake GitHub with a real commit history.

Each pull request is opened, re-run, pushed to three times (a random edit each: a flagged line copied into
a new function above, a function moved below another, a logging line deleted so an `except` swallows, a
flagged function removed, a file with findings added, lines added at the top, a function renamed, a file
renamed), force-pushed and re-run. After every run the head is reviewed afresh on a second fake, and:

- lost: findings of that fresh review shown nowhere on the pull request (inline comments and review
  bodies), neither under their fingerprint nor, for a finding whose scope changed (a renamed function),
  under the rank fingerprint of the comment already there (counted apart);
- twice: fingerprints shown more than once;
- incremental: runs that went through compare.

The baseline, in the same run, is the same sequences reviewed with `mode: full` on every push.

Run: python bench/bench_push_sequences.py [pull-requests, default 24]
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from action.scenario import NUMBER, event, new_fake, run  # noqa: E402
from fakes.github_server import FakeGitHub  # noqa: E402

Tree = dict[str, str]

FLAGGED = {
    "shell": ["def list_{n}(user_input):", "    return subprocess.call('ls ' + user_input, shell=True)"],
    "swallow": ["def cancel_{n}(conn, order_id):", "    try:",
                "        conn.execute('DELETE FROM o WHERE id = %s', (order_id,))", "    except Exception:",
                "        pass", "    return True"],
    "timeout": ["def charge_{n}(url):", "    return requests.post(url, json={{}})"],
    "logged": ["def refund_{n}(conn, order_id):", "    try:", "        conn.execute('UPDATE o SET r = 1')",
               "    except Exception:", "        log.exception('refund failed')", "        pass",
               "    return True"],
}
PLAIN = ["def helper_{n}(value):", "    return value * 2"]
HEADER = ["import logging", "import subprocess", "", "import requests", "",
          "log = logging.getLogger(__name__)"]


@dataclass
class Module:
    functions: list[list[str]]

    def text(self) -> str:
        lines = list(HEADER)
        for function in self.functions:
            lines += ["", "", *function]
        return "\n".join(lines) + "\n"


def _function(kind: str, n: int) -> list[str]:
    template = FLAGGED.get(kind, PLAIN)
    return [line.format(n=n) for line in template]


def _tree(modules: dict[str, Module]) -> Tree:
    return {path: module.text() for path, module in modules.items()}


def _edit(rng: random.Random, modules: dict[str, Module], counter: list[int]) -> str:
    counter[0] += 1
    n = counter[0]
    path = rng.choice(sorted(modules))
    module = modules[path]
    op = rng.choice(["copy-above", "move-below", "delete-log", "remove", "add-file", "top-lines", "rename-fn",
                     "rename-file"])
    flagged = [i for i, f in enumerate(module.functions) if not f[0].startswith("def helper")]
    if op == "copy-above" and flagged:
        source = module.functions[rng.choice(flagged)]
        header = f"def copy_{n}(user_input, conn=None, order_id=None, url=''):"
        module.functions.insert(0, [header, *source[1:]])
    elif op == "move-below" and len(module.functions) > 1:
        module.functions.append(module.functions.pop(0))
    elif op == "delete-log" and any("log.exception" in x for f in module.functions for x in f):
        for function in module.functions:
            function[:] = [x for x in function if "log.exception" not in x]
    elif op == "remove" and flagged:
        module.functions.pop(rng.choice(flagged))
    elif op == "rename-fn" and module.functions:
        function = rng.choice(module.functions)
        function[0] = function[0].replace("def ", f"def renamed_{n}_", 1)
    elif op == "rename-file":
        modules[path.replace(".py", f"_{n}.py")] = modules.pop(path)
    elif op == "top-lines":
        module.functions.insert(0, _function("plain", n))
    else:
        op = "add-file"
        kind = rng.choice(sorted(FLAGGED))
        modules[f"app/extra_{n}.py"] = Module([_function(kind, n), _function("plain", n)])
    return op


_RANK = re.compile(r"<!-- persona-review:rank=([0-9a-f]+) -->")


def _pairs(fake: FakeGitHub) -> list[tuple[str, str]]:
    """(fingerprint, rank fingerprint) of every finding shown inline or in a review body."""
    out: list[tuple[str, str]] = []
    texts = [c["body"] for c in fake.bot_review_comments()] + [r["body"] for r in fake.submitted_reviews()]
    for text in texts:
        for chunk in text.split("persona-review:fp=")[1:]:
            rank = _RANK.search(chunk)
            out.append((chunk[:16], rank.group(1) if rank else ""))
    return out


def _shown(fake: FakeGitHub) -> Counter[str]:
    return fake.shown_fingerprints()


def _fresh(tree: Tree, tmp: Path) -> list[tuple[str, str]]:
    with new_fake() as other:
        other.open_tree_pull(NUMBER, {}, tree)
        run(other, tmp, "pull_request", event("pull_request.opened"), max_comments="30")
        return _pairs(other)


def sequence(seed: int, tmp: Path, mode: str) -> tuple[int, int, int, int, int, Counter[str]]:
    """(runs, lost, posted twice, incremental runs, shown under an earlier fingerprint, lost by edit)."""
    rng = random.Random(seed)
    counter = [0]
    modules = {
        f"app/mod_{i}.py": Module([_function(rng.choice([*FLAGGED, "plain"]), i * 10 + j)
                                  for j in range(rng.randint(1, 4))])
        for i in range(rng.randint(1, 3))
    }
    base = {"app/__init__.py": ""}
    lost = twice = incremental = runs = matched = 0
    lost_by: Counter[str] = Counter()
    with new_fake() as fake:
        tree = {**base, **_tree(modules)}
        fake.open_tree_pull(NUMBER, base, tree)
        steps = ["open", "rerun", "push", "push", "push", "force", "rerun"]
        for index, step in enumerate(steps):
            op = step
            if step in ("push", "force"):
                op = _edit(rng, modules, counter)
                tree = {**base, **_tree(modules)}
                fake.push_tree(NUMBER, tree, force=step == "force")
            name = "pull_request.opened" if step == "open" else "pull_request.synchronize"
            out = run(fake, tmp / f"{seed}-{index}", "pull_request", event(name), mode=mode,
                      max_comments="30")
            assert out.code == 0, out.log
            runs += 1
            incremental += "changed since" in out.summary or "commits since" in out.summary
            shown = _shown(fake)
            ranks = {rank for _, rank in _pairs(fake)}
            fresh = _fresh(tree, tmp / f"{seed}-{index}-fresh")
            missing = [(fp, rank) for fp, rank in fresh if fp not in shown]
            by_rank = sum(1 for _, rank in missing if rank and rank in ranks)
            lost += len(missing) - by_rank
            matched += by_rank
            if len(missing) > by_rank:
                lost_by[op] += len(missing) - by_rank
            twice += sum(n - 1 for n in shown.values() if n > 1)
    return runs, lost, twice, incremental, matched, lost_by


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("full", "auto"):
            sums = [0, 0, 0, 0, 0]
            by: Counter[str] = Counter()
            for seed in range(count):
                *values, lost_by = sequence(seed, Path(tmp) / mode, mode)
                for i, value in enumerate(values):
                    sums[i] += value
                by.update(lost_by)
            totals[mode] = sums
            print(f"mode {mode:4}: {sums[0]} runs over {count} pull requests, {sums[3]} incremental; "
                  f"lost {sums[1]}, posted twice {sums[2]}, shown under an earlier fingerprint (same code, "
                  f"comment kept) {sums[4]}" + (f"; lost by edit: {dict(by)}" if by else ""))
    auto, full = totals["auto"], totals["full"]
    print(f"incremental vs full review on every push: lost {auto[1]} vs {full[1]}, "
          f"twice {auto[2]} vs {full[2]}")
    return 0 if auto[1] == 0 and auto[2] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
