"""Score the Python flow checks on pyt's example programs (python-security/pyt; data not used for tuning).

pyt keeps small Flask and Django programs under `examples/vulnerable_code/` and asserts in
`tests/vulnerabilities/vulnerabilities_test.py` how many vulnerabilities it finds in each. A file is one
label here: flagged when pyt expects vulnerabilities and the file is not one pyt calls sanitised (its
`*_sanitised*` examples are reported by pyt as "sanitised" flows, which the checks here should stay quiet
on), clean when it expects none. The class comes from the file name (CLASSES); files of other names are
skipped. A flagged file is found when any finding of its class's checks is in it; a clean file is a false
alarm when one is. Files are split into dev and test by a stable hash of their path, as the other
scorers do; figures are printed per split and class.

    python bench/eval_pyt_examples.py DIR [--split dev|test|both]

DIR is a checkout (or `git archive`) of python-security/pyt holding `examples/` and `tests/`.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

CLASSES: dict[str, tuple[str, ...]] = {
    "XSS": ("PY-XSS", "PY-TEMPLATE-INJECTION"),
    "django_XSS": ("PY-XSS", "PY-TEMPLATE-INJECTION"),
    "command_injection": ("PY-SHELL-INJECTION", "PY-COMMAND-INPUT"),
    "inter_command_injection": ("PY-SHELL-INJECTION", "PY-COMMAND-INPUT"),
    "path_traversal": ("PY-PATH-TRAVERSAL",),
    "sqli": ("PY-SQL-STRING", "PY-SQL-INPUT"),
}
_EXPECTED = re.compile(r"run_analysis\(\s*'(examples/[^']+\.py)'\s*\)\s*\n\s*self\.assert_length\("
                       r"vulnerabilities,\s*expected_length=(\d+)")


def class_of(path: str) -> str | None:
    name = Path(path).stem
    return next((c for c in sorted(CLASSES, key=len, reverse=True) if name == c or name.startswith(c + "_")),
                None)


def split_of(path: str) -> str:
    return "dev" if hashlib.sha256(path.encode()).digest()[0] % 2 == 0 else "test"


def labels(tests: str) -> dict[str, bool]:
    """Example path -> whether it is flagged (pyt expects a vulnerability that it does not call sanitised)."""
    return {path: int(count) > 0 and "sanitised" not in path for path, count in _EXPECTED.findall(tests)}


def score(root: Path, wanted: str) -> dict[tuple[str, str], list[int]]:
    """(split, class) -> [flagged, hits, clean, false alarms]."""
    tests = (root / "tests" / "vulnerabilities" / "vulnerabilities_test.py").read_text(encoding="utf-8")
    out: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for path, flagged in sorted(labels(tests).items()):
        name, split = class_of(path), split_of(path)
        if name is None or wanted not in (split, "both") or not (root / path).is_file():
            continue
        text = (root / path).read_text(encoding="utf-8", errors="replace")
        outcome = run_checks([context_for_text(Path(path).name, text)])
        found = any(f.rule_id in CLASSES[name] for f in outcome.findings)
        cell = out[(split, name)]
        if flagged:
            cell[0] += 1
            cell[1] += found
        else:
            cell[2] += 1
            cell[3] += found
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--split", choices=["dev", "test", "both"], default="both")
    args = parser.parse_args()
    if not (args.root / "tests" / "vulnerabilities" / "vulnerabilities_test.py").is_file():
        print(f"not a pyt checkout (no tests/vulnerabilities/vulnerabilities_test.py): {args.root}",
              file=sys.stderr)
        return 2
    results = score(args.root, args.split)
    for split in ("dev", "test"):
        rows = sorted((name, cell) for (s, name), cell in results.items() if s == split)
        if not rows:
            continue
        print(f"\n{split}: {'class':<24} flagged  hit clean  FA")
        total = [0, 0, 0, 0]
        for name, cell in rows:
            print(f"     {name:<24} {cell[0]:>7} {cell[1]:>4} {cell[2]:>5} {cell[3]:>3}")
            total = [a + b for a, b in zip(total, cell, strict=True)]
        print(f"     {'all':<24} {total[0]:>7} {total[1]:>4} {total[2]:>5} {total[3]:>3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
