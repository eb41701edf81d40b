"""Score the Java, Go or JavaScript/TypeScript security checks on another tool's labelled tests (data
not used for tuning).

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
checks lies on the labelled statement (its first line up to the line that ends it, at most six lines); in
Python, where semgrep's rules match from the statement that reads the request to the sink below it, on
the rest of the labelled statement's block up to the next label. The
files are split into **dev** (looked at while working on the checks) and **test** (only scored) by a stable
hash of their path relative to DIR. Per class the script prints labels, hits, false alarms, precision,
recall, and TPR - FPR where the class has clean labels.

    python bench/eval_java_suite.py DIR [--split dev|test|both] [--language java|go|javascript|python]
                                        [--exclude CORPUS] [--show]

For Go, gosec's `testutils/gNNN_samples.go` tables are read as well: each sample program is one label
(flagged when gosec expects issues), split by the hash of its file and index (GOSEC below).

DIR holds one folder per suite (e.g. `DIR/juliet`, `DIR/semgrep`, `DIR/sonar`); figures are printed per
split and suite. The suites are not part of this repository (their licenses and sizes are their authors'):
copy them there, e.g. the `java/` folder of semgrep/semgrep-rules minus the files the corpus already holds,
the Juliet test cases whose source is an HTTP request (`*getParameter_Servlet*`, `*getCookies_Servlet*`,
`*getQueryString_Servlet*`) plus the crypto, hash, PRNG and cookie CWEs without the multi-file variants,
and SonarSource's java-checks-test-sources samples named in SAMPLES.
"""

from __future__ import annotations

import argparse
import ast
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
    "timing": ("JAVA-TIMING-COMPARE",),
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
    "CWE-208": "timing",
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
GO_CHECKS: dict[str, tuple[str, ...]] = {
    "sql": ("GO-SQL-STRING",),
    "command": ("GO-SHELL-INJECTION",),
    "path": ("GO-PATH-TRAVERSAL",),
    "ssrf": ("GO-SSRF",),
    "redirect": ("GO-OPEN-REDIRECT",),
    "xss": ("GO-TEMPLATE-INJECTION",),
    "random": ("GO-INSECURE-RANDOM",),
    "cookie": ("GO-COOKIE-INSECURE",),
    "cors": ("GO-CORS-REFLECTED-ORIGIN", "ANY-CORS-ANY-ORIGIN-CREDENTIALS"),
    "tls": ("GO-TLS-VERIFY-OFF",),
    "timing": ("GO-TIMING-COMPARE",),
}
GO_RULES: dict[str, str] = {
    **dict.fromkeys(("tainted-sql-string", "string-formatted-query", "pg-sqli", "pg-orm-sqli", "pgx-sqli",
                     "gosql-sqli", "gorm-dangerous-method-usage", "database-sqli"), "sql"),
    **dict.fromkeys(("dangerous-exec-command", "dangerous-exec-cmd", "dangerous-syscall-exec",
                     "dangerous-command-write"), "command"),
    **dict.fromkeys(("filepath-clean-misuse",), "path"),
    "tainted-url-host": "ssrf",
    "open-redirect": "redirect",
    **dict.fromkeys(("no-direct-write-to-responsewriter", "no-fprintf-to-responsewriter",
                     "no-io-writestring-to-responsewriter", "no-printf-in-responsewriter",
                     "unsafe-template-type", "raw-html-format", "go-insecure-templates",
                     "import-text-template",
                     "wip-xss-using-responsewriter-and-printf"), "xss"),
    "math-random-used": "random",
    **dict.fromkeys(("cookie-missing-secure", "cookie-missing-httponly", "session-cookie-missing-secure",
                     "session-cookie-missing-httponly"), "cookie"),
    **dict.fromkeys(("missing-ssl-minversion", "ssl-v3-is-insecure", "tls-with-insecure-cipher"), "tls"),
}
GOSEC: dict[str, str] = {
    "G201": "sql", "G202": "sql", "G701": "sql", "G702": "command", "G703": "path", "G704": "ssrf",
    "G705": "xss", "G203": "xss", "G404": "random", "G402": "tls",
}
"""gosec rules whose samples are scored, by class. Its rules that flag any non-constant value (G204, G304,
G107) are left out: they report command-line and environment input too, which these checks do not."""
JS_CHECKS: dict[str, tuple[str, ...]] = {
    "sql": ("JS-SQL-STRING",),
    "nosql": ("JS-NOSQL-INJECTION",),
    "command": ("JS-SHELL-INJECTION",),
    "path": ("JS-PATH-TRAVERSAL",),
    "ssrf": ("JS-SSRF",),
    "redirect": ("JS-OPEN-REDIRECT",),
    "code": ("JS-CODE-INJECTION",),
    "xss": ("JS-XSS",),
    "prototype": ("JS-PROTOTYPE-POLLUTION",),
    "random": ("JS-INSECURE-RANDOM",),
    "cors": ("JS-CORS-REFLECTED-ORIGIN", "ANY-CORS-ANY-ORIGIN-CREDENTIALS"),
    "timing": ("JS-TIMING-COMPARE",),
    "cookie-secure": ("JS-COOKIE-INSECURE",),
    "cookie-httponly": ("JS-COOKIE-INSECURE",),
}
JS_RULES: dict[str, str] = {
    **dict.fromkeys(("tainted-sql-string", "node-postgres-sqli", "node-mysql-sqli", "node-mssql-sqli",
                     "node-knex-sqli", "knex-sqli", "mysql-sqli", "sequelize-sqli",
                     "express-sequelize-injection", "sequelize-raw-query"), "sql"),
    **dict.fromkeys(("detect-child-process", "spawn-shell-true", "dangerous-spawn-shell",
                     "shelljs-exec-injection", "spawn-git-clone"), "command"),
    **dict.fromkeys(("path-join-resolve-traversal", "express-path-join-resolve-traversal",
                     "express-res-sendfile", "detect-non-literal-fs-filename"), "path"),
    **dict.fromkeys(("express-ssrf", "apollo-axios-ssrf"), "ssrf"),
    **dict.fromkeys(("express-open-redirect", "js-open-redirect", "js-open-redirect-from-function",
                     "nestjs-open-redirect", "unknown-value-in-redirect"), "redirect"),
    **dict.fromkeys(("express-vm-injection", "vm-runincontext-injection", "eval-detected", "tainted-eval",
                     "detect-eval-with-expression", "code-string-concat", "express-sandbox-code-injection",
                     "sandbox-code-injection", "express-vm2-injection", "vm2-code-injection",
                     "vm2-context-injection", "express-detect-notevil-usage"), "code"),
    **dict.fromkeys(("direct-response-write", "raw-html-format", "raw-html-concat", "raw-html-join",
                     "html-in-template-string", "tainted-html-response", "tainted-html-string"), "xss"),
    **dict.fromkeys(("prototype-pollution-assignment", "prototype-pollution-loop", "insecure-object-assign"),
                    "prototype"),
    **dict.fromkeys(("cors-misconfiguration", "nestjs-header-cors-any", "cors-regex-wildcard"), "cors"),
    "node_timing_attack": "timing",
    **dict.fromkeys(("cookie_session_no_secure", "express-cookie-session-no-secure"), "cookie-secure"),
    **dict.fromkeys(("cookie_session_no_httponly", "express-cookie-session-no-httponly"), "cookie-httponly"),
}
JS_FOLDERS: dict[str, str] = {
    "CWE-089": "sql", "CWE-078": "command", "CWE-022": "path", "CWE-918": "ssrf", "CWE-601": "redirect",
    "CWE-094": "code", "CWE-079": "xss", "CWE-1321": "prototype", "CWE-338": "random", "CWE-942": "cors",
    "CWE-208": "timing", "CWE-614": "cookie-secure", "CWE-1004": "cookie-httponly",
}
MESSAGES: dict[str, re.Pattern[str]] = {
    "cookie-secure": re.compile(r"\bsecure\b", re.IGNORECASE),
    "cookie-httponly": re.compile(r"httpOnly", re.IGNORECASE),
}
"""Classes whose check reports two flags in one finding: a finding counts for the class only when its
message names the class's flag (a cookie without `HttpOnly` is no hit, and no false alarm, for `Secure`)."""
LATER_CLASSES = frozenset({"timing", "cookie-secure", "cookie-httponly"})
"""Classes scored since the timing-comparison and JavaScript cookie checks. For them only, CodeQL's older
label spellings are read too: `// NOT OK` on the flagged line, and a comment line that is only a label
(`// BAD`, `// GOOD, case insensitive`) for the statement below it; and a file may carry its labels in a
`FILE.labels` sidecar (transcribed from a suite whose expectations live elsewhere, such as find-sec-bugs'
detector tests): one `line N bad|ok CLASS` or `function NAME bad|ok CLASS` per line. The earlier classes
are read as before, so their figures stay comparable."""


PY_CHECKS: dict[str, tuple[str, ...]] = {
    "sql": ("PY-SQL-STRING", "PY-SQL-INPUT"),
    "command": ("PY-SHELL-INJECTION", "PY-COMMAND-INPUT"),
    "path": ("PY-PATH-TRAVERSAL",),
    "ssrf": ("PY-SSRF",),
    "redirect": ("PY-OPEN-REDIRECT",),
    "code": ("PY-CODE-INJECTION",),
    "template": ("PY-TEMPLATE-INJECTION",),
    "xss": ("PY-XSS", "PY-TEMPLATE-INJECTION"),
    "deserialization": ("PY-UNSAFE-DESERIALIZATION",),
    "hash": ("PY-WEAK-HASH",),
    "cipher": ("PY-WEAK-CIPHER",),
    "cookie": ("PY-COOKIE-INSECURE",),
    "debug": ("PY-FLASK-DEBUG-RUN", "PY-DEBUG-CONFIG"),
    "tls": ("PY-TLS-VERIFY-OFF",),
    "jwt": ("PY-JWT-UNVERIFIED",),
    "csrf": ("PY-CSRF-DISABLED",),
    "log": ("PY-SECRET-IN-LOG",),
    "timeout": ("PY-HTTP-NO-TIMEOUT",),
}
PY_RULES: dict[str, str] = {
    **dict.fromkeys(("tainted-sql-string", "sql-injection-db-cursor-execute", "sql-injection-using-raw",
                     "sql-injection-using-rawsql", "sql-injection-using-extra-where",
                     "pyramid-sqlalchemy-sql-injection", "sqlalchemy-execute-raw-query",
                     "formatted-sql-query",
                     "sqlalchemy-sql-injection", "psycopg-sqli", "asyncpg-sqli", "pg8000-sqli", "aiopg-sqli",
                     "pymysql-sqli", "pymssql-sqli", "mysql-sqli", "sqlalchemy-sqli"), "sql"),
    **dict.fromkeys(("dangerous-system-call", "dangerous-subprocess-use", "dangerous-spawn-process",
                     "dangerous-os-exec", "dangerous-asyncio-shell", "dangerous-asyncio-exec",
                     "dangerous-asyncio-create-exec", "subprocess-injection", "os-system-injection",
                     "command-injection-os-system"), "command"),
    **dict.fromkeys(("path-traversal-open", "path-traversal-join", "path-traversal-file-name",
                     "request-data-fileresponse", "request-data-write",
                     "avoid_send_file_without_path_sanitization"), "path"),
    **dict.fromkeys(("tainted-url-host", "ssrf-requests", "ssrf-injection-requests", "ssrf-injection-urllib"),
                    "ssrf"),
    "open-redirect": "redirect",
    **dict.fromkeys(("eval-injection", "exec-injection", "user-eval", "user-exec", "user-eval-format-string",
                     "user-exec-format-string", "tainted-code-exec"), "code"),
    "dangerous-template-string": "template",
    **dict.fromkeys(("reflected-data-httpresponse", "reflected-data-httpresponsebadrequest",
                     "response-contains-unsanitized-input", "directly-returned-format-string",
                     "tainted-html-response"), "xss"),
    **dict.fromkeys(("avoid-pickle", "tainted-pickle-deserialization", "insecure-deserialization",
                     "avoid-pyyaml-load", "avoid-jsonpickle", "marshal-usage", "avoid-shelve", "avoid-dill",
                     "avoid-cpickle", "avoid-insecure-deserialization", "avoid-unsafe-ruamel"),
                    "deserialization"),
    **dict.fromkeys(("insecure-hash-algorithm-md5", "insecure-hash-algorithm-sha1",
                     "insecure-hash-algorithm-md4", "insecure-hash-algorithm-md2", "insecure-hash-function",
                     "md5-used-as-password"), "hash"),
    **dict.fromkeys(("insecure-cipher-algorithm-blowfish", "insecure-cipher-algorithm-idea",
                     "insecure-cipher-algorithm-arc4", "insecure-cipher-algorithm-rc4",
                     "insecure-cipher-algorithm-rc2", "insecure-cipher-algorithm-des",
                     "insecure-cipher-algorithm-xor", "insecure-cipher-mode-ecb"), "cipher"),
    **dict.fromkeys(("secure-set-cookie", "django-secure-set-cookie"), "cookie"),
    **dict.fromkeys(("debug-enabled", "avoid_hardcoded_config_debug"), "debug"),
    **dict.fromkeys(("disabled-cert-validation", "unverified-ssl-context", "paramiko-implicit-trust-host-key",
                     "weak-ssl-version"), "tls"),
    **dict.fromkeys(("unverified-jwt-decode", "jwt-python-none-alg"), "jwt"),
    **dict.fromkeys(("flask-wtf-csrf-disabled", "no-csrf-exempt"), "csrf"),
    "python-logger-credential-disclosure": "log",
    "use-timeout": "timeout",
}
"""semgrep's Python rules scored here, by class. Its audit rules that flag any non-literal argument (the
`-audit` variants, `subprocess-shell-true`, `direct-use-of-httpresponse`,
`make-response-with-unknown-content`) and those for command-line or environment input (`-tainted-env-args`)
are left out: the checks here report request data, not every variable."""


@dataclass(frozen=True)
class Language:
    suffixes: tuple[str, ...]
    checks: dict[str, tuple[str, ...]]
    rules: dict[str, str]
    folders: dict[str, str]
    comment: str = "//"


LANGUAGES: dict[str, Language] = {
    "java": Language((".java",), CHECKS, RULES, FOLDERS),
    "go": Language((".go",), GO_CHECKS, GO_RULES, {**FOLDERS, "CWE-079": "xss"}),
    "javascript": Language((".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs"), JS_CHECKS, JS_RULES, JS_FOLDERS),
    "python": Language((".py",), PY_CHECKS, PY_RULES, {}, "#"),
}
_GOSEC_FILE = re.compile(r"^g(\d{3})_samples\.go$")
_GOSEC_SAMPLE = re.compile(r"\{\s*\[\]string\s*\{\s*`(.*?)`\s*\}\s*,\s*(\d+)\s*,", re.DOTALL)
_SONAR = re.compile(r"//\s*Noncompliant(?:@([+-]\d+))?")
_OWASP_BENCHMARK = re.compile(r"OWASP Benchmark|org\.owasp\.benchmark", re.IGNORECASE)
_SEMGREP = re.compile(r"^\s*(?://|#)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w.,\- ]+?)\s*$")
_INLINE_BAD = re.compile(r"//.*(?:\$\s*(?:Alert|hasTaintFlow|hasValueFlow)|\bBAD\b)")
_INLINE_GOOD = re.compile(r"//\s*(?:GOOD|OK|[Ss]afe)\b")
_LATER_BAD = re.compile(r"//.*\bNOT OK\b")
_LABEL_COMMENT = re.compile(r"^\s*//\s*(?:(BAD|NOT OK)|(GOOD|Good|OK))\b(?!:)")


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


def split_of(path: Path, root: Path, part: str = "") -> str:
    digest = hashlib.sha256((str(path.relative_to(root)) + part).encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def _statement(lines: list[str], start: int, java: bool = True, skipped: tuple[str, ...] = ("//", "@")
               ) -> tuple[int, int]:
    """The 1-based first and last line of the statement starting at or after index `start` (lines that
    start with one of `skipped` are passed over). Java ends statements with `;`, `{` or `}`; Go,
    JavaScript and Python where the brackets opened on it are closed again."""
    index = start
    while index < len(lines) and (not lines[index].strip() or lines[index].strip().startswith(skipped)):
        index += 1
    last = index
    if java:
        while last < len(lines) - 1 and last - index < 5 \
                and not lines[last].rstrip().endswith((";", "{", "}")):
            last += 1
        return index + 1, last + 1
    depth = 0
    while last < len(lines):
        depth += sum(lines[last].count(c) for c in "([") - sum(lines[last].count(c) for c in ")]")
        if depth <= 0 or last - index >= 5 or lines[last].rstrip().endswith("{"):
            break
        last += 1
    return index + 1, min(last, len(lines) - 1) + 1


def _rest_of_block(lines: list[str], first: int, last: int, tree: ast.Module | None = None) -> int:
    """The last line of the block a Python statement starts (1-based `first`): semgrep's patterns with
    `pattern-inside` match from the labelled statement (often where the request value is read) to the
    sink further down the function, so a label covers the statements that follow it in the same block,
    up to the next label. Read from the parsed file (a string may span lines of any indentation); by
    indentation when the file does not parse."""
    label_after = next((index + 1 for index in range(first, len(lines)) if _SEMGREP.match(lines[index])),
                       len(lines) + 1)
    if tree is not None:
        for node in ast.walk(tree):
            for name in ("body", "orelse", "finalbody", "handlers"):
                block = getattr(node, name, None)
                if isinstance(block, list) and any(getattr(s, "lineno", 0) == first for s in block):
                    end = max(getattr(s, "end_lineno", first) or first for s in block)
                    return max(last, min(end, label_after - 1))
    indent = len(lines[first - 1]) - len(lines[first - 1].lstrip())
    end = last
    for index in range(last, len(lines)):
        text = lines[index]
        if not text.strip():
            continue
        if _SEMGREP.match(text) or len(text) - len(text.lstrip()) < indent:
            break
        end = index + 1
    return end


def _parsed(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError):
        return None


def sonar_class(path: Path) -> str | None:
    return next((c for key, c in SAMPLES.items() if path.name.startswith(key)), None)


def labels(path: Path, root: Path, text: str, language: str = "java") -> list[tuple[str, bool, int, int]]:
    """(class, expected, first line, last line) for each label in the file."""
    lang = LANGUAGES[language]
    lines = text.splitlines()
    sonar = sonar_class(path) if language == "java" else None
    if sonar is not None:
        out_sonar = []
        for index, line in enumerate(lines):
            match = _SONAR.search(line)
            if match is not None:
                target = index + int(match.group(1) or 0)
                out_sonar.append((sonar, True, target + 1, target + 1))
        return out_sonar
    relative = str(path.relative_to(root))
    folder_class = next((c for key, c in lang.folders.items() if f"{key}/" in f"{relative}/"), None)
    out: list[tuple[str, bool, int, int]] = []
    tree: ast.Module | None = None
    for index, line in enumerate(lines):
        match = _SEMGREP.match(line)
        if match is not None:
            kind, rules = match.groups()
            if kind.startswith("todo"):
                continue
            for rule in rules.split(","):
                name = lang.rules.get(rule.strip().rsplit(".", 1)[-1].lower())
                if name is not None:
                    first, last = _statement(lines, index + 1, language == "java",
                                             ("#",) if language == "python" else ("//", "@"))
                    if language == "python":
                        if tree is None:
                            tree = _parsed(text) or ast.Module(body=[], type_ignores=[])
                        last = _rest_of_block(lines, first, last, tree if tree.body else None)
                    out.append((name, kind == "ruleid", first, last))
            continue
        if folder_class is None:
            continue
        later = folder_class in LATER_CLASSES
        if line.lstrip().startswith(lang.comment):
            comment = _LABEL_COMMENT.match(line) if later and lang.comment == "//" else None
            if comment is not None:
                first, last = _statement(lines, index + 1, language == "java")
                out.append((folder_class, comment.group(1) is not None, first, last))
            continue
        if _INLINE_BAD.search(line) or (later and _LATER_BAD.search(line)):
            out.append((folder_class, True, index + 1, index + 1))
        elif _INLINE_GOOD.search(line):
            out.append((folder_class, False, index + 1, index + 1))
    return out + sidecar_labels(path, text, language)


_SIDECAR = re.compile(r"^(line|function)\s+(\S+)\s+(bad|ok)\s+(\S+)\s*$")


def sidecar_labels(path: Path, text: str, language: str) -> list[tuple[str, bool, int, int]]:
    """Labels from `FILE.labels` (see LATER_CLASSES): a line, or every line of a named function."""
    sidecar = path.with_name(path.name + ".labels")
    if not sidecar.is_file():
        return []
    spans: dict[str, tuple[int, int]] = {}
    if language in {"java", "go"}:
        root = parse_text(language, text).root_node
        spans = {f.name: (f.node.start_point[0] + 1, f.node.end_point[0] + 1)
                 for f in adapter_for(language).functions(root)}
    out: list[tuple[str, bool, int, int]] = []
    for entry in sidecar.read_text(encoding="utf-8").splitlines():
        match = _SIDECAR.match(entry)
        if match is None:
            continue
        kind, where, verdict, name = match.groups()
        if kind == "line":
            first = last = int(where)
        elif where in spans:
            first, last = spans[where]
        else:
            continue
        out.append((name, verdict == "bad", first, last))
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




def score(root: Path, wanted: str, language: str = "java") -> dict[tuple[str, str], Score]:
    """Scores by (split, "suite/class"): the suite is the first folder under `root`."""
    lang = LANGUAGES[language]
    out: dict[tuple[str, str], Score] = defaultdict(Score)
    for path in sorted(p for p in root.rglob("*") if p.suffix in lang.suffixes and p.is_file()):
        if language == "go" and _GOSEC_FILE.match(path.name):
            _score_gosec(path, root, wanted, out)
            continue
        split = split_of(path, root)
        if wanted not in (split, "both"):
            continue
        suite = path.relative_to(root).parts[0]
        split = f"{split}:{suite}"
        text = path.read_text(encoding="utf-8", errors="replace")
        if _digest(text) in EXCLUDED:
            continue
        juliet = _JULIET.search(path.as_posix()) if language == "java" else None
        if juliet is not None:
            if juliet.group(1) in JULIET:
                _score_juliet(path, text, JULIET[juliet.group(1)], out[(split, JULIET[juliet.group(1)])])
            continue
        found_labels = labels(path, root, text, language)
        if not found_labels or _OWASP_BENCHMARK.search(text) or ".fixed." in path.name:
            continue
        # Python's debug and exception checks sit in other categories; the class's ids pick the findings.
        wanted_categories = None if language == "python" else (Category.SECURITY,)
        outcome = run_checks([context_for_text(path.name, text)], categories=wanted_categories)
        sonar = sonar_class(path) if language == "java" else None
        if sonar is not None:  # every other line is asserted clean
            labelled = {line for _name, _bad, first, last in found_labels for line in range(first, last + 1)}
            stray = {
                f.line for f in outcome.findings if f.rule_id in CHECKS[sonar] and f.line not in labelled
            }
            out[(split, sonar)].clean += len(stray)
            out[(split, sonar)].false_alarms += len(stray)
        for name, bad, first, last in found_labels:
            flag = MESSAGES.get(name)
            found = any(
                f.rule_id in lang.checks[name]
                and f.line is not None
                and f.line <= last
                and (f.end_line or f.line) >= first
                and (flag is None or flag.search(f.body or "") is not None)
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
            if SHOW and split.startswith("dev") and found != bad:
                print(f"{'missed' if bad else 'false alarm'} {name}: {path.relative_to(root)}:{first}")
    return out


EXCLUDED: set[str] = set()
"""Digests of the files given with `--exclude` (a corpus already used elsewhere): a file or gosec sample
with the same text is not scored."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()


SHOW = False
"""Set by `--show`: print each dev miss and false alarm (never those of the test split)."""


def _score_gosec(path: Path, root: Path, wanted: str, out: dict[tuple[str, str], Score]) -> None:
    """gosec's samples: Go programs in a table with the number of issues its rule expects. A sample with
    issues is a flagged label, one without a clean label; a finding of the class anywhere in it counts."""
    match = _GOSEC_FILE.match(path.name)
    assert match is not None
    name = GOSEC.get(f"G{match.group(1)}")
    if name is None:
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, sample in enumerate(_GOSEC_SAMPLE.finditer(text)):
        split = split_of(path, root, f"#{number}")
        if wanted not in (split, "both"):
            continue
        code, expected = sample.group(1), int(sample.group(2))
        if _digest(code) in EXCLUDED:
            continue
        outcome = run_checks([context_for_text("sample.go", code)], categories=(Category.SECURITY,))
        found = any(f.rule_id in GO_CHECKS[name] for f in outcome.findings)
        cell = out[(f"{split}:gosec", name)]
        cell.files.add(f"{path}#{number}")
        if expected:
            cell.flagged += 1
            cell.hits += found
        else:
            cell.clean += 1
            cell.false_alarms += found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--split", choices=["dev", "test", "both"], default="both")
    parser.add_argument("--language", choices=sorted(LANGUAGES), default="java")
    parser.add_argument("--show", action="store_true", help="print dev misses and false alarms")
    parser.add_argument("--exclude", type=Path, help="skip files whose text a file under this folder has")
    args = parser.parse_args()
    if not args.root.is_dir():
        print(f"not a directory: {args.root}", file=sys.stderr)
        return 2
    global SHOW  # noqa: PLW0603 - a command-line switch read while scoring
    SHOW = args.show
    if args.exclude is not None:
        EXCLUDED.update(
            _digest(p.read_text(encoding="utf-8", errors="replace"))
            for p in args.exclude.rglob("*")
            if p.is_file()
        )
    results = score(args.root, args.split, args.language)
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
