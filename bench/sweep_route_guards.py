"""Run the route-guard checks (a route without its siblings' guard) over every source file under some
directories, each file reviewed as if wholly added, and print every hit with the hits per 1,000 lines.

There is no labelled suite for this class, so the checks are measured by sweeping real projects and
judging each hit by hand (`--show` prints the route's lines), and by recall on copies of project files
with one route's guard removed (`--mutate`: for each route registration or handler the checks see as
guarded, in a file where something is reported or not, a copy without its guard is written and the check
must report that route).

    python bench/sweep_route_guards.py DIR [DIR...] [--show]
    python bench/sweep_route_guards.py DIR [DIR...] --mutate
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from persona_review.checks._route_guards import GUARD, PUBLIC_PATH
from persona_review.checks.registry import Registry, load_all
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.languages import detect_language

RULES = ("JS-ROUTE-NO-AUTH", "JAVA-ROUTE-NO-AUTH", "GO-ROUTE-NO-AUTH", "PY-ROUTE-NO-AUTH")
SUFFIXES = {".js", ".mjs", ".cjs", ".ts", ".java", ".go", ".py"}
SKIP = re.compile(r"(?:^|/)(?:node_modules|vendor|dist|build|\.git|test|tests|__tests__|spec)(?:/|$)|"
                  r"\.(?:test|spec|min|d)\.[jt]s$|_test\.go$|Test\.java$")

# One guard on a handler, for --mutate: an annotation or decorator line.
_ANNOTATION_LINE = re.compile(r"^\s*@(?:PreAuthorize|Secured|RolesAllowed|RequiresPermissions|RequiresRoles|"
                              r"SaCheck\w+|UseGuards|Roles)\b.*$")


def files(dirs: list[str]) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        for path in sorted(Path(d).rglob("*")):
            rel = path.relative_to(d).as_posix()
            if path.suffix in SUFFIXES and path.is_file() and not SKIP.search(rel):
                out.append(path)
    return out


def hits(path: Path, text: str) -> list[tuple[int, str, str]]:
    ctx = context_for_text(str(path), text)
    if detect_language(str(path)) is None:
        return []
    outcome = run_checks([ctx], registry=_registry())
    return [(f.line or 0, f.rule_id or "", f.body.splitlines()[0]) for f in outcome.findings
            if f.rule_id in RULES]


_ONLY: list[Registry] = []


def _registry() -> Registry:
    """A registry of the route-guard checks alone (the sweep reads thousands of files)."""
    if not _ONLY:
        only = Registry()
        for spec, func in load_all().checks:
            if spec.id in RULES:
                only.add(spec, func)
        _ONLY.append(only)
    return _ONLY[0]


def sweep(dirs: list[str], show: bool) -> None:
    total_lines = 0
    found = 0
    for path in files(dirs):
        text = path.read_text(errors="replace")
        total_lines += text.count("\n") + 1
        for line, rule, body in hits(path, text):
            found += 1
            print(f"{path}:{line}: {rule}: {body}")
            if show:
                lines = text.splitlines()
                for n in range(max(0, line - 4), min(len(lines), line + 1)):
                    print(f"    {n + 1:5d} {lines[n]}")
    per = found * 1000 / total_lines if total_lines else 0.0
    print(f"{found} hits in {total_lines} lines ({per:.3f} per 1,000 lines)")


def mutants(text: str) -> list[tuple[int, int, str]]:
    """(removed or edited line, the route's line in the original, mutant text) for every guard the simple
    patterns recognise on a mutating, not public route: an annotation or decorator line above a
    `@PostMapping`/`@Delete()`-style handler, or a guard-named middleware argument of a
    `.post(`/`.DELETE(`-style registration on one line."""
    lines = text.splitlines()
    out: list[tuple[int, int, str]] = []
    for i, line in enumerate(lines):
        if _ANNOTATION_LINE.match(line):
            route = _next_route_line(lines, i + 1)
            if route is not None:
                out.append((i + 1, route, "\n".join([*lines[:i], *lines[i + 1:]]) + "\n"))
            continue
        verb = _JS_GO_ROUTE.search(line)
        if verb is None or PUBLIC_PATH.search(line):
            continue
        for arg in _MIDDLEWARE_ARG.finditer(line, verb.end()):
            if GUARD.search(arg.group(1)):
                edited = line[:arg.start()] + line[arg.end():]
                out.append((i + 1, i + 1, "\n".join([*lines[:i], edited, *lines[i + 1:]]) + "\n"))
    return out


def mutate(dirs: list[str]) -> None:
    """Recall on copies with one guard removed from a mutating route."""
    tried = caught = 0
    for path in files(dirs):
        text = path.read_text(errors="replace")
        cases = mutants(text)
        if not cases:
            continue
        before = {(line, rule) for line, rule, _ in hits(path, text)}
        for removed, route, mutant in cases:
            shift = 1 if mutant.count("\n") < text.count("\n") + (0 if text.endswith("\n") else 1) else 0
            after = {(line + (shift if line >= removed else 0), rule) for line, rule, _ in hits(path, mutant)}
            tried += 1
            ok = any(line == route for line, _ in after - before)
            caught += ok
            print(f"{'caught' if ok else 'MISSED'} {path}:{removed} (route line {route})")
    print(f"recall {caught}/{tried}")


_MAPPING = re.compile(
    r"^\s*@(?:Get|Post|Put|Patch|Delete|Request)Mapping\b|^\s*@(?:Get|Post|Put|Patch|Delete)\(")
_WRITE_MAPPING = re.compile(
    r"^\s*@(?:(?:Post|Put|Patch|Delete)Mapping\b|(?:Post|Put|Patch|Delete)\(|RequestMapping\(.*"
    r"\b(?:POST|PUT|PATCH|DELETE)\b)")
_JS_GO_ROUTE = re.compile(
    r"\.(?:post|put|patch|delete|del|POST|PUT|PATCH|DELETE|Post|Put|Patch|Delete)\(\s*[\"'`]")
_MIDDLEWARE_ARG = re.compile(r",\s*([A-Za-z_$][\w$.]*(?:\([^()]*\))?)(?=\s*,)")


def _next_route_line(lines: list[str], removed: int) -> int | None:
    """The signature line of the mutating, not public handler the removed annotation (line `removed`,
    1-based) belonged to; None for anything else."""
    run = range(max(0, removed - 8), min(len(lines), removed + 12))
    first = removed - 1
    while first - 1 in run and lines[first - 1].strip().startswith(("@", ")")):
        first -= 1
    writes = False
    for n in range(first, run.stop):
        line = lines[n]
        if n == removed - 1:
            continue
        if _MAPPING.match(line):
            writes = writes or bool(_WRITE_MAPPING.match(line))
            if PUBLIC_PATH.search(line):
                return None
            continue
        if line.strip().startswith("@") or not line.strip():
            continue
        name = re.search(r"([A-Za-z_$][\w$]*)\s*\(", line)
        if name is None or PUBLIC_PATH.search(name.group(1)):
            return None
        return n + 1 if writes else None
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--show", action="store_true", help="print the lines before each hit")
    parser.add_argument("--mutate", action="store_true", help="recall on copies with one guard removed")
    args = parser.parse_args()
    load_all()
    if args.mutate:
        mutate(args.dirs)
    else:
        sweep(args.dirs, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
