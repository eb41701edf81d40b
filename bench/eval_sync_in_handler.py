"""Score JS-SYNC-IN-HANDLER on eslint-plugin-n's `no-sync` rule tests, and sweep real Node code for it.

`no-sync` reports every call of a function whose name ends in `Sync`, anywhere; this check reports only the
Node APIs that block for a time the input decides, and only inside request handlers. So only the rule's
invalid cases whose call sits inside a function are counted as labels (module-level calls are start-up
code here, correct to leave alone), and a finding on a valid case is a false alarm. Cases are the `code`
strings of `tests/lib/rules/no-sync.js` (read from a git clone; nothing is copied here), split dev/test by
a stable hash of the case's code.

`--sweep GIT_DIR ...` runs the check on every JavaScript/TypeScript file of those clones that calls a
`...Sync(` function (tests and minified files left out) and prints each finding, to be read by hand.

    python bench/eval_sync_in_handler.py --eslint-plugin-n GIT_DIR [--sweep GIT_DIR ...]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
from pathlib import Path

from persona_review.checks.js_sync_in_handler import sync_in_handler
from persona_review.contexts import context_for_text

_TESTS = "tests/lib/rules/no-sync.js"
_CODE = re.compile(r"""(?P<q>["`])(?P<code>(?:[^"`\\]|\\.)*?Sync(?:[^"`\\]|\\.)*?)(?P=q)""")
_SKIPPED = re.compile(r"node_modules|\.min\.|(?:^|/)(?:tests?|__tests__)/|\.(?:test|spec)\.")
_IN_FUNCTION = re.compile(r"\bfunction\b|=>")


def split_of(name: str) -> str:
    return "dev" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True,
                          text=True).stdout


def no_sync_cases(git_dir: Path) -> list[tuple[str, str]]:
    """(valid|invalid, code) for each test case of the rule."""
    text = _git(git_dir, "show", f"HEAD:{_TESTS}")
    out: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*(?=valid:|invalid:)", text):
        kind = "invalid" if block.lstrip().startswith("invalid:") else "valid"
        if not block.lstrip().startswith(("valid:", "invalid:")):
            continue
        for match in _CODE.finditer(block):
            code = match.group("code").encode().decode("unicode_escape")
            if "Sync" in code and "(" in code:
                out.append((kind, code))
    return out


def _flags(path: str, code: str) -> bool:
    return any(True for _ in sync_in_handler(context_for_text(path, code)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--eslint-plugin-n", type=Path, help="git dir of eslint-community/eslint-plugin-n")
    parser.add_argument("--sweep", type=Path, nargs="*", default=[], help="git dirs of Node projects")
    args = parser.parse_args()
    if args.eslint_plugin_n:
        tally: dict[str, dict[str, int]] = {split: {"labelled": 0, "found": 0, "other": 0, "alarms": 0}
                                            for split in ("dev", "test")}
        for kind, code in no_sync_cases(args.eslint_plugin_n):
            counts = tally[split_of(code)]
            found = _flags("case.ts", code)
            if kind == "invalid" and _IN_FUNCTION.search(code):
                counts["labelled"] += 1
                counts["found"] += found
            else:
                counts["other"] += 1
                counts["alarms"] += found
        for split, counts in tally.items():
            print(f"{split:4}  no-sync: {counts['labelled']} labelled (call inside a function), found "
                  f"{counts['found']}; {counts['other']} other cases, false alarms {counts['alarms']}")
    files = findings = 0
    for git_dir in args.sweep:
        command = ["git", "--git-dir", str(git_dir), "grep", "-l", "Sync(", "HEAD", "--", "*.js", "*.ts",
                   "*.mjs", "*.cjs"]
        grep = subprocess.run(command, check=False, capture_output=True, text=True).stdout.split()
        for spec in grep:
            path = spec.split(":", 1)[1]
            if _SKIPPED.search(path):
                continue
            text = _git(git_dir, "show", spec)
            files += 1
            lines = text.splitlines()
            for hit in sync_in_handler(context_for_text(path, text)):
                findings += 1
                print(f"{git_dir.parent.name}:{path}:{hit.line}: {lines[hit.line - 1].strip()[:100]}")
    if args.sweep:
        print(f"sweep: {files} files calling a ...Sync( function, {findings} findings")


if __name__ == "__main__":
    main()
