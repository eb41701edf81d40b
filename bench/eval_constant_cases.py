"""Score the Java and Python security checks on benchmark-shaped cases whose values are in fact constant
(synthetic, written for this repository while working on the checks: these figures are not held out).

Each case is one servlet (Java) or Flask view (Python) that reads a request value, passes it through one
transformation and hands the result to one sink, in two twins: a flagged one, where the request value
reaches the sink, and a safe one, where the transformation leaves a constant (a branch on constants that
cannot run, a `switch`/`match` on a constant, a map, list, `Properties` or `ConfigParser` read by a literal
key, a same-file helper that returns a literal, a value overwritten before the sink, text computed from
literals). Classes whose flaw does not depend on the request (weak ciphers and hashes, predictable random
values kept as secrets, cookies without `Secure`) get a flagged and a safe twin per request source. A case
is found when a finding of its class's checks is anywhere in the file, as a benchmark that keeps one file per
case scores it. Printed per language and class: flagged cases found (TPR), safe cases flagged (FPR), and
TPR - FPR, with their mean over the classes.

    python bench/eval_constant_cases.py [--language java|python|both] [--show]

The cases are generated from `bench/constant_cases.json`: per language a file template, request sources,
(flagged, safe) transformations of `param` into `bar`, sinks that use `bar`, and fixed-flaw classes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

DATA = Path(__file__).resolve().parent / "constant_cases.json"
SUFFIX = {"java": ".java", "python": ".py"}
INDENT = {"java": "\n        ", "python": "\n    "}


@dataclass(frozen=True)
class Case:
    cls: str
    flagged: bool
    checks: frozenset[str]
    transform: str
    name: str
    text: str


def cases(language: str, spec: dict[str, object]) -> Iterator[Case]:
    sources: dict[str, str] = spec["sources"]  # type: ignore[assignment]
    transforms: dict[str, list[str]] = spec["transforms"]  # type: ignore[assignment]
    sinks: dict[str, list[str]] = spec["sinks"]  # type: ignore[assignment]
    fixed: dict[str, list[str]] = spec["fixed"]  # type: ignore[assignment]
    head = str(spec["head"])
    names = list(sources)
    number = 0

    def make(cls: str, flagged: bool, checks: str, body: str, *, source: str, transform: str) -> Case:
        nonlocal number
        number += 1
        name = f"Case{number:04d}" if language == "java" else f"case{number:04d}"
        text = head % {"name": name, "source": sources[source], "body": body, "extra": spec["extra"]}
        return Case(cls.rstrip("0123456789"), flagged, frozenset(checks.split()), transform, name, text)

    turn = 0
    for cls, (checks, sink) in sinks.items():
        for transform, (bad, safe) in transforms.items():
            source = names[turn % len(names)]
            turn += 1
            yield make(cls, True, checks, bad + INDENT[language] + sink, source=source, transform=transform)
            yield make(cls, False, checks, safe + INDENT[language] + sink, source=source, transform=transform)
    for cls, (checks, bad, safe) in fixed.items():
        for source in names:
            yield make(cls, True, checks, bad, source=source, transform="fixed flaw")
            yield make(cls, False, checks, safe, source=source, transform="fixed flaw")


def score(language: str, spec: dict[str, object], show: bool) -> float:
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for case in cases(language, spec):
        outcome = run_checks([context_for_text(case.name + SUFFIX[language], case.text)],
                             categories=(Category.SECURITY,))
        found = bool(case.checks & {f.rule_id for f in outcome.findings})
        row = table[case.cls]
        row[0 if case.flagged else 2] += 1
        row[1 if case.flagged else 3] += found
        if show and found != case.flagged:
            print(f"{'missed' if case.flagged else 'false alarm'}: {language} {case.cls} ({case.transform})")
    print(f"\n{language}: {'class':10} flagged found  safe  FA    TPR    FPR  TPR-FPR")
    scores = []
    for cls, (bad, hit, safe, alarms) in sorted(table.items()):
        value = 100 * (hit / bad - alarms / safe)
        scores.append(value)
        print(f"{'':{len(language) + 2}}{cls:10} {bad:7} {hit:5} {safe:5} {alarms:3} "
              f"{hit / bad:6.2f} {alarms / safe:6.2f} {value:8.1f}")
    mean = sum(scores) / len(scores)
    print(f"mean TPR-FPR over {len(scores)} classes: {mean:.1f}")
    return mean


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", choices=("java", "python", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="list the cases scored wrong")
    args = parser.parse_args()
    data = json.loads(DATA.read_text())
    for language in ("java", "python"):
        if args.language in (language, "both"):
            score(language, data[language], args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
