"""Score the Java security checks on another tool's labelled Java tests (data not used for tuning).

Two label styles are read from `//` comments:
- semgrep's: a comment line `// ruleid: RULE` (a finding is expected on the next statement) or
  `// ok: RULE` (none is); the class comes from RULE (RULES below);
- inline ones, as in CodeQL's tests: `// $ Alert`, `// BAD`, `// $ hasTaintFlow` on the flagged line,
  `// GOOD`/`// OK`/`// safe` on a clean one; the class comes from the file's path (FOLDERS below);
- the Juliet test suite's (NIST SARD): under `testcases/CWE<n>_...`, the methods named `bad...` hold the
  flaw and each `good...` method (with its `...Sink`/`...Source` helpers) holds a fixed variant; a file
  counts once as flagged (found when a finding of its class lies in a `bad` method) and once as clean per
  good variant (a false alarm when a finding lies in it); the class comes from the CWE (JULIET below);
- SonarSource's: `// Noncompliant` on the flagged line (`// Noncompliant@+N` for a line N below). Those
  suites assert that no other line is flagged, so every finding of the class on an unlabelled line counts
  as a false alarm (and as one clean label); the class comes from the file name (SAMPLES below).

Files copied from the OWASP Benchmark (some suites include a few) are skipped: that benchmark is kept for
measurement elsewhere. So are semgrep's `*.fixed.java` (the expected output of an autofix, not a test).

Each file is reviewed whole, with every line added. A label counts as found when a finding of its class's
checks lies on the labelled statement (its first line up to the line that ends it, at most six lines). The
files are split into **dev** (looked at while working on the checks) and **test** (only scored) by a stable
hash of their path relative to DIR. Per class the script prints labels, hits, false alarms, precision,
recall, and TPR - FPR where the class has clean labels.

    python bench/eval_java_suite.py DIR [--split dev|test|both]

DIR holds one folder per suite (e.g. `DIR/juliet`, `DIR/semgrep`, `DIR/sonar`); figures are printed per
split and suite. The suites are not part of this repository (their licenses and sizes are their authors'):
copy them there, e.g. the `java/` folder of semgrep/semgrep-rules minus the files the corpus already holds,
the Juliet test cases whose source is an HTTP request (`*getParameter_Servlet*`, `*getCookies_Servlet*`,
`*getQueryString_Servlet*`) plus the crypto, hash, PRNG and cookie CWEs without the multi-file variants,
and SonarSource's java-checks-test-sources samples named in SAMPLES.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from persona_review.checks._tsflow.parse import adapter_for, parse_text
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

CHECKS: dict[str, tuple[str, ...]] = {
    "sql": ("JAVA-SQL-STRING",),
    "command": ("JAVA-COMMAND-INJECTION",),
    "path": ("JAVA-PATH-TRAVERSAL",),
    "ldap": ("JAVA-LDAP-INJECTION",),
    "xpath": ("JAVA-XPATH-INJECTION",),
    "xss": ("JAVA-XSS",),
    "session": ("JAVA-SESSION-TRUST",),
    "redirect": ("JAVA-OPEN-REDIRECT",),
    "ssrf": ("JAVA-SSRF",),
    "random": ("JAVA-INSECURE-RANDOM",),
    "cookie": ("JAVA-COOKIE-INSECURE",),
    "cipher": ("JAVA-WEAK-CIPHER",),
    "hash": ("JAVA-WEAK-HASH",),
    "xxe": ("JAVA-XXE",),
    "deserialization": ("JAVA-UNSAFE-DESERIALIZATION",),
}
RULES: dict[str, str] = {
    **dict.fromkeys(
        (
            "spring-sqli",
            "tainted-sql-from-http-request",
            "tainted-sql-string",
            "tainted-sqli",
            "jdo-sqli",
            "turbine-sqli",
            "vertx-sqli",
            "find-sql-string-concatenation",
            "formatted-sql-string",
            "jdbc-sqli",
            "jpa-sqli",
            "hibernate-sqli",
        ),
        "sql",
    ),
    **dict.fromkeys(
        (
            "tainted-cmd-from-http-request",
            "tainted-env-from-http-request",
            "command-injection-process-builder",
            "tainted-system-command",
        ),
        "command",
    ),
    **dict.fromkeys(("tainted-file-path", "httpservlet-path-traversal", "jax-rs-path-traversal"), "path"),
    **dict.fromkeys(("ldap-injection", "tainted-ldapi-from-http-request"), "ldap"),
    "tainted-xpath-from-http-request": "xpath",
    **dict.fromkeys(
        ("tainted-html-string", "no-direct-response-writer", "servletresponse-writer-xss"), "xss"
    ),
    "tainted-session-from-http-request": "session",
    **dict.fromkeys(("unvalidated-redirect", "spring-unvalidated-redirect"), "redirect"),
    "tainted-url-host": "ssrf",
    "weak-random": "random",
    **dict.fromkeys(("cookie-missing-secure-flag", "cookie-issecure-false", "cookie-setsecure"), "cookie"),
    **dict.fromkeys(
        (
            "des-is-deprecated",
            "desede-is-deprecated",
            "use-of-default-aes",
            "use-of-aes-ecb",
            "ecb-cipher",
            "use-of-blowfish",
            "use-of-rc2",
            "use-of-rc4",
            "no-null-cipher",
        ),
        "cipher",
    ),
    **dict.fromkeys(("use-of-md5", "use-of-md5-digest-utils", "use-of-sha1"), "hash"),
    **dict.fromkeys(
        (
            "documentbuilderfactory-disallow-doctype-decl-missing",
            "documentbuilderfactory-disallow-doctype-decl-false",
            "documentbuilderfactory-external-general-entities-true",
            "documentbuilderfactory-external-parameter-entities-true",
            "saxparserfactory-disallow-doctype-decl-missing",
            "transformerfactory-dtds-not-disabled",
            "xmlinputfactory-external-entities-enabled",
            "xmlinputfactory-possible-xxe",
        ),
        "xxe",
    ),
    **dict.fromkeys(
        (
            "server-dangerous-class-deserialization",
            "server-dangerous-object-deserialization",
            "insecure-jms-deserialization",
            "xml-decoder",
            "object-deserialization",
        ),
        "deserialization",
    ),
}
FOLDERS: dict[str, str] = {
    "CWE-089": "sql",
    "CWE-078": "command",
    "CWE-022": "path",
    "CWE-090": "ldap",
    "CWE-643": "xpath",
    "CWE-079": "xss",
    "CWE-501": "session",
    "CWE-601": "redirect",
    "CWE-918": "ssrf",
    "CWE-330": "random",
    "CWE-614": "cookie",
    "CWE-327": "cipher",
    "CWE-328": "hash",
    "CWE-611": "xxe",
    "CWE-502": "deserialization",
}
SAMPLES: dict[str, str] = {
    "SQLInjection": "sql",
    "StrongCipherAlgorithm": "cipher",
    "DataHashingCheck": "hash",
}
"""SonarSource's cookie samples are left out: that rule marks where any cookie is made without Secure,
even one never sent, where the check here reports the call that adds it to the response."""
JULIET: dict[str, str] = {
    "CWE89": "sql",
    "CWE78": "command",
    "CWE23": "path",
    "CWE36": "path",
    "CWE90": "ldap",
    "CWE643": "xpath",
    "CWE80": "xss",
    "CWE81": "xss",
    "CWE83": "xss",
    "CWE601": "redirect",
    "CWE614": "cookie",
    "CWE327": "cipher",
    "CWE328": "hash",
    "CWE338": "random",
    "CWE501": "session",
}
_JULIET = re.compile(r"/testcases/(CWE\d+)_")
_SONAR = re.compile(r"//\s*Noncompliant(?:@([+-]\d+))?")
_OWASP_BENCHMARK = re.compile(r"OWASP Benchmark|org\.owasp\.benchmark", re.IGNORECASE)
_SEMGREP = re.compile(r"^\s*//\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w.,\- ]+?)\s*$")
_INLINE_BAD = re.compile(r"//.*(?:\$\s*(?:Alert|hasTaintFlow|hasValueFlow)|\bBAD\b)")
_INLINE_GOOD = re.compile(r"//\s*(?:GOOD|OK|[Ss]afe)\b")


@dataclass
class Score:
    flagged: int = 0
    hits: int = 0
    clean: int = 0
    false_alarms: int = 0
    files: set[str] = field(default_factory=set)

    def add(self, other: Score) -> None:
        self.flagged += other.flagged
        self.hits += other.hits
        self.clean += other.clean
        self.false_alarms += other.false_alarms
        self.files |= other.files

    def row(self, name: str) -> str:
        precision = self.hits / (self.hits + self.false_alarms) if self.hits + self.false_alarms else 0.0
        recall = self.hits / self.flagged if self.flagged else 0.0
        fpr = self.false_alarms / self.clean if self.clean else None
        score = f"{100 * (recall - fpr):>6.1f}" if fpr is not None and self.flagged else "     -"
        return (
            f"{name:<16} {len(self.files):>5} {self.flagged:>5} {self.hits:>5} {self.clean:>5} "
            f"{self.false_alarms:>4} {precision:>6.3f} {recall:>6.3f} {score}"
        )


def split_of(path: Path, root: Path) -> str:
    digest = hashlib.sha256(str(path.relative_to(root)).encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def _statement(lines: list[str], start: int) -> tuple[int, int]:
    """The 1-based first and last line of the statement starting at or after index `start`."""
    index = start
    while index < len(lines) and (not lines[index].strip() or lines[index].strip().startswith(("//", "@"))):
        index += 1
    last = index
    while last < len(lines) - 1 and last - index < 5 and not lines[last].rstrip().endswith((";", "{", "}")):
        last += 1
    return index + 1, last + 1


def sonar_class(path: Path) -> str | None:
    return next((c for key, c in SAMPLES.items() if path.name.startswith(key)), None)


def labels(path: Path, root: Path, text: str) -> list[tuple[str, bool, int, int]]:
    """(class, expected, first line, last line) for each label in the file."""
    lines = text.splitlines()
    sonar = sonar_class(path)
    if sonar is not None:
        out_sonar = []
        for index, line in enumerate(lines):
            match = _SONAR.search(line)
            if match is not None:
                target = index + int(match.group(1) or 0)
                out_sonar.append((sonar, True, target + 1, target + 1))
        return out_sonar
    folder_class = next((c for key, c in FOLDERS.items() if key in str(path.relative_to(root))), None)
    out: list[tuple[str, bool, int, int]] = []
    for index, line in enumerate(lines):
        match = _SEMGREP.match(line)
        if match is not None:
            kind, rules = match.groups()
            if kind.startswith("todo"):
                continue
            for rule in rules.split(","):
                name = RULES.get(rule.strip().rsplit(".", 1)[-1].lower())
                if name is not None:
                    first, last = _statement(lines, index + 1)
                    out.append((name, kind == "ruleid", first, last))
            continue
        if folder_class is None or line.lstrip().startswith("//"):
            continue
        if _INLINE_BAD.search(line):
            out.append((folder_class, True, index + 1, index + 1))
        elif _INLINE_GOOD.search(line):
            out.append((folder_class, False, index + 1, index + 1))
    return out


def juliet_groups(text: str) -> dict[str, list[tuple[int, int]]]:
    """Line spans of the `bad` methods and of each `good` variant (helpers merged into their variant)."""
    root = parse_text("java", text).root_node
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    methods = [
        (f.name, f.node.start_point[0] + 1, f.node.end_point[0] + 1)
        for f in adapter_for("java").functions(root)
    ]
    goods = sorted({name for name, _s, _e in methods if name.startswith("good") and name != "good"}, key=len)
    for name, first, last in methods:
        if name.startswith("bad"):
            spans["bad"].append((first, last))
        elif name in goods:
            key = next(
                (
                    g
                    for g in goods
                    if name.startswith(g)
                    and name != g
                    and name[len(g) :].lstrip("_").startswith(("Sink", "Source", "sink", "source"))
                ),
                name,
            )
            spans[key].append((first, last))
    return spans


def _score_juliet(path: Path, text: str, name: str, cell: Score) -> None:
    groups = juliet_groups(text)
    if "bad" not in groups:
        return
    outcome = run_checks([context_for_text(path.name, text)], categories=(Category.SECURITY,))
    lines = {f.line for f in outcome.findings if f.rule_id in CHECKS[name] and f.line is not None}
    cell.files.add(str(path))
    for group, spans in groups.items():
        found = any(first <= line <= last for line in lines for first, last in spans)
        if group == "bad":
            cell.flagged += 1
            cell.hits += found
        else:
            cell.clean += 1
            cell.false_alarms += found


def score(root: Path, wanted: str) -> dict[tuple[str, str], Score]:
    """Scores by (split, "suite/class"): the suite is the first folder under `root`."""
    out: dict[tuple[str, str], Score] = defaultdict(Score)
    for path in sorted(root.rglob("*.java")):
        split = split_of(path, root)
        if wanted not in (split, "both"):
            continue
        suite = path.relative_to(root).parts[0]
        split = f"{split}:{suite}"
        text = path.read_text(encoding="utf-8", errors="replace")
        juliet = _JULIET.search(path.as_posix())
        if juliet is not None:
            if juliet.group(1) in JULIET:
                _score_juliet(path, text, JULIET[juliet.group(1)], out[(split, JULIET[juliet.group(1)])])
            continue
        found_labels = labels(path, root, text)
        if not found_labels or _OWASP_BENCHMARK.search(text) or path.name.endswith(".fixed.java"):
            continue
        outcome = run_checks([context_for_text(path.name, text)], categories=(Category.SECURITY,))
        sonar = sonar_class(path)
        if sonar is not None:  # every other line is asserted clean
            labelled = {line for _name, _bad, first, last in found_labels for line in range(first, last + 1)}
            stray = {
                f.line for f in outcome.findings if f.rule_id in CHECKS[sonar] and f.line not in labelled
            }
            out[(split, sonar)].clean += len(stray)
            out[(split, sonar)].false_alarms += len(stray)
        for name, bad, first, last in found_labels:
            found = any(
                f.rule_id in CHECKS[name]
                and f.line is not None
                and f.line <= last
                and (f.end_line or f.line) >= first
                for f in outcome.findings
            )
            cell = out[(split, name)]
            cell.files.add(str(path))
            if bad:
                cell.flagged += 1
                cell.hits += found
            else:
                cell.clean += 1
                cell.false_alarms += found
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--split", choices=["dev", "test", "both"], default="both")
    args = parser.parse_args()
    if not args.root.is_dir():
        print(f"not a directory: {args.root}", file=sys.stderr)
        return 2
    results = score(args.root, args.split)
    splits = sorted({s for s, _name in results}, key=lambda s: (s.split(":")[0] != "dev", s))
    for split in splits:
        rows = {name: cell for (s, name), cell in results.items() if s == split}
        if not rows:
            continue
        total = Score()
        print(f"\n{split}: {'class':<11} files   bad   hit clean   FA   prec recall TPR-FPR")
        for name in sorted(rows):
            print(rows[name].row(name))
            total.add(rows[name])
        print(total.row("all"))
        scored = [c for c in rows.values() if c.clean and c.flagged]
        if scored:
            mean = sum(c.hits / c.flagged - c.false_alarms / c.clean for c in scored) / len(scored)
            print(f"mean TPR-FPR over {len(scored)} classes with both kinds of label: {100 * mean:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
