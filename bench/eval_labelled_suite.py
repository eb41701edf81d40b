"""Score the security checks on another tool's labelled Python test suite (data not used for tuning).

Many SAST projects keep their rule tests as source files with a label in a comment on each sink line. This
script reads such a directory, finds the labels, runs persona-review's checks on every file as a whole file,
and prints precision and recall per vulnerability class, separately for a **dev** split (files you may read
while working on the checks) and a **test** split (files you only score). The split is a stable hash of
each file's path, so it never changes between runs.

Labels understood (one per line, in a `#` comment):
- positive: `NOT OK`, `BAD`, `$ Alert`, `result=BAD`, or a comment that starts with `bad`;
- negative: `OK`, `GOOD`, `result=OK`, or a comment that starts with `good` (a line saying both `OK if ...`
  and `NOT OK if ...` is skipped);
- a positive naming a partial query (`$ Alert[py/partial-ssrf]`) is scored in a row `CLASS/partial`.

A label counts as found when a finding of the class's checks covers its line (a finding spans its whole
statement, and suites label the line of the argument that carries the data). A label on a line with no
code (a comment line above the statement) is skipped: line-based findings cannot sit there.

The class of a file is the name of the folder under DIR it sits in (e.g. `CWE-022-PathInjection`), mapped to
check ids by CLASSES below; folders for classes with no check are reported as not covered.

    python bench/eval_labelled_suite.py DIR [--split dev|test|both] [--show]

`--show` lists the dev split's missed and falsely flagged lines (never the test split's).

The suite itself is not part of this repository (its license and size are its authors'); point DIR at a
copy. With github/codeql, DIR is `python/ql/test/query-tests/Security`.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

CLASSES: dict[str, tuple[str, ...]] = {
    "PathInjection": ("PY-PATH-TRAVERSAL",),
    "CodeInjection": ("PY-CODE-INJECTION",),
    "LdapInjection": ("PY-LDAP-INJECTION",),
    "UrlRedirect": ("PY-OPEN-REDIRECT",),
    "ServerSideRequestForgery": ("PY-SSRF",),
    "XPathInjection": ("PY-XPATH-INJECTION",),
    "Xxe": ("PY-XXE",),
    "CleartextLogging": ("PY-SECRET-IN-LOG",),
    "BrokenCryptoAlgorithm": ("PY-WEAK-CIPHER", "PY-WEAK-HASH"),
    "NonHttpOnlyCookie": ("PY-COOKIE-INSECURE",),
    "TemplateInjection": ("PY-TEMPLATE-INJECTION",),
    "ReflectedXss": ("PY-XSS", "PY-TEMPLATE-INJECTION"),
    "CommandInjection": ("PY-SHELL-INJECTION", "PY-COMMAND-INPUT"),
    "SqlInjection": ("PY-SQL-STRING", "PY-SQL-INPUT"),
    "StackTraceExposure": ("PY-EXCEPTION-LEAK",),
    "FlaskDebug": ("PY-FLASK-DEBUG-RUN", "PY-DEBUG-CONFIG"),
    "RequestWithoutValidation": ("PY-TLS-VERIFY-OFF",),
    "MissingHostKeyValidation": ("PY-TLS-VERIFY-OFF",),
}
_POSITIVE = re.compile(r"#.*(?:NOT OK|\bBAD\b|\$\s*Alert|result=BAD)|#\s*bad\b")
_NEGATIVE = re.compile(r"#\s*(?:OK\b|GOOD\b|good\b)|#.*\$.*result=OK")
_AMBIGUOUS = re.compile(r"\bOK if\b")
_PARTIAL = re.compile(r"\$\s*Alert\[py/partial-")
"""A label for a query's partial variant (CodeQL's `py/partial-ssrf`: only part of the URL, such as its
path, comes from the request). Scored in a row of its own (`CLASS/partial`): persona-review reports only
what changes the host."""


@dataclass
class Score:
    flagged: int = 0
    hits: int = 0
    clean: int = 0
    false_alarms: int = 0
    files: set[str] = field(default_factory=set)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        precision = self.hits / (self.hits + self.false_alarms) if self.hits + self.false_alarms else 0.0
        recall = self.hits / self.flagged if self.flagged else 0.0
        return (f"{name:<33} {len(self.files):>5} {self.flagged:>5} {self.hits:>5} {self.clean:>5} "
                f"{self.false_alarms:>4} {precision:>6.3f} {recall:>6.3f}")


def class_of(path: Path, root: Path) -> str | None:
    """The class named by the file's top folder, after any `CWE-NNN-` prefix (an exact match: a folder
    `CWE-643-XPathInjection` is XPath injection, not path injection)."""
    folder = path.relative_to(root).parts[0]
    name = re.sub(r"^CWE-\d+-", "", folder)
    return name if name in CLASSES else None


def split_of(path: Path, root: Path) -> str:
    digest = hashlib.sha256(str(path.relative_to(root)).encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def labels(text: str) -> tuple[set[int], set[int]]:
    positive, negative = set(), set()
    for number, line in enumerate(text.splitlines(), start=1):
        if _AMBIGUOUS.search(line) or line.lstrip().startswith("#"):
            continue
        if _POSITIVE.search(line):
            positive.add(number)
        elif _NEGATIVE.search(line):
            negative.add(number)
    return positive, negative


def score(root: Path, wanted: str) -> dict[tuple[str, str], Score]:
    out: dict[tuple[str, str], Score] = defaultdict(Score)
    for path in sorted(root.rglob("*.py")):
        name = class_of(path, root)
        split = split_of(path, root)
        if name is None or wanted not in (split, "both"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        positive, negative = labels(text)
        if not positive and not negative:
            continue
        # Every category runs: the debug-server and exception-leak checks are error-handling checks, and
        # the class's ids choose the findings that count.
        outcome = run_checks([context_for_text(path.name, text)])
        found = {line for f in outcome.findings if f.rule_id in CLASSES[name] and f.line is not None
                 for line in range(f.line, (f.end_line or f.line) + 1)}
        lines = text.splitlines()
        partial = {n for n in positive if _PARTIAL.search(lines[n - 1])}
        for row, wanted_lines, clean_lines in ((name, positive - partial, negative),
                                               (f"{name}/partial", partial, set())):
            if row != name and not wanted_lines:
                continue
            cell = out[(split, row)]
            cell.files.add(str(path))
            cell.flagged += len(wanted_lines)
            cell.hits += len(wanted_lines & found)
            cell.clean += len(clean_lines)
            cell.false_alarms += len(clean_lines & found)
            where = path.relative_to(root)
            cell.misses += [f"{where}:{n}: {lines[n - 1].strip()}" for n in sorted(wanted_lines - found)]
            cell.wrong += [f"{where}:{n}: {lines[n - 1].strip()}" for n in sorted(clean_lines & found)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--split", choices=["dev", "test", "both"], default="both")
    parser.add_argument("--show", action="store_true", help="list the dev split's misses and false alarms")
    args = parser.parse_args()
    if not args.root.is_dir():
        print(f"not a directory: {args.root}", file=sys.stderr)
        return 2
    results = score(args.root, args.split)
    for split in ("dev", "test"):
        rows = {name: cell for (s, name), cell in results.items() if s == split}
        if not rows:
            continue
        total = Score()
        print(f"\n{split}: {'class':<28} files  flag   hit clean   FA   prec recall")
        for name in sorted(rows):
            cell = rows[name]
            print(cell.row(name))
            total.flagged += cell.flagged
            total.hits += cell.hits
            total.clean += cell.clean
            total.false_alarms += cell.false_alarms
            total.files |= cell.files
        print(total.row("all"))
    if args.show:
        for (split, name), cell in sorted(results.items()):
            if split != "dev":
                continue
            for line in cell.misses:
                print(f"dev miss {name}: {line}")
            for line in cell.wrong:
                print(f"dev false alarm {name}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
