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
    outcome = run_checks([ctx], registry=_registry(), enabled=RULES)
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
    `.post(`/`.DELETE(`-style registration, on its line or on a line of its own below it."""
    lines = text.splitlines()
    out: list[tuple[int, int, str]] = []
    for i, line in enumerate(lines):
        if _ANNOTATION_LINE.match(line):
            route = _next_route_line(lines, i + 1)
            if route is not None:
                out.append((i + 1, route, "\n".join([*lines[:i], *lines[i + 1:]]) + "\n"))
            continue
        alone = _ARG_LINE.match(line)
        if alone is not None and GUARD.search(alone.group(1)):
            start = _registration_above(lines, i)
            if start is not None:
                out.append((i + 1, start + 1, "\n".join([*lines[:i], *lines[i + 1:]]) + "\n"))
            continue
        if PUBLIC_PATH.search(line):
            continue
        for verb in _VERB_CALL.finditer(line):
            edited = _without_guards(line, verb.end())
            if edited is None:
                continue
            mutant = "\n".join([*lines[:i], edited, *lines[i + 1:]]) + "\n"
            chained = not re.match(r"\s*[\"'`]", line[verb.end():])
            out.append((i + 1, (_chain_start(lines, i) if chained else i) + 1, mutant))
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


_VERB_CALL = re.compile(r"\.(?:post|put|patch|delete|del|POST|PUT|PATCH|DELETE|Post|Put|Patch|Delete)\(")
_ROLE_NAME = re.compile(r"^(?:[\w$]+\.)?(?:admins?|staff|super_?users?|owners?|moderators?)$", re.IGNORECASE)


def _without_guards(line: str, start: int) -> str | None:
    """`line` with every guard argument of the call whose arguments start at `start` removed (a guard
    name, or a middleware named for a role, `admin`), when the call closes on the line, has one and
    keeps some other argument; else None."""
    items: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for pos in range(start, len(line)):
        char = line[pos]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                items.append((begin, pos))
                break
            depth -= 1
        elif char == "," and depth == 0:
            items.append((begin, pos))
            begin = pos + 1
    else:
        return None
    guards = [(a, b) for a, b in items[:-1] if _is_guard(line[a:b])]
    if not guards or len(guards) == len(items):
        return None
    kept = [line[a:b] for a, b in items if (a, b) not in guards]
    end = items[-1][1]
    return line[:start] + ",".join(kept).lstrip() + line[end:]


def _is_guard(arg: str) -> bool:
    callee = re.match(r"\s*([A-Za-z_$][\w$.]*)", arg)
    return callee is not None and bool(GUARD.search(callee.group(1)) or _ROLE_NAME.match(callee.group(1)))


def _chain_start(lines: list[str], index: int) -> int:
    """The line (0-based) a `router.route("/x")` chain starts on, where the check reports its routes."""
    for n in range(index, max(-1, index - 6), -1):
        if ".route(" in lines[n]:
            return n if re.search(r"[A-Za-z_$][\w$]*\s*\.route\(", lines[n]) else max(n - 1, 0)
    return index


_ARG_LINE = re.compile(r"^\s*([A-Za-z_$][\w$.]*(?:\([^()]*\))?),\s*$")
_ARGS_SO_FAR = re.compile(r"^\s*(?:[\"'`][^\"'`]*[\"'`]|[A-Za-z_$][\w$.]*(?:\([^()]*\))?),\s*$")


def _registration_above(lines: list[str], index: int) -> int | None:
    """The line (0-based) of a mutating, not public registration whose arguments, one a line, reach the
    guard argument on line `index` (`router.post(` / `'/x',` / `requireAuth,`)."""
    for n in range(index - 1, max(-1, index - 5), -1):
        if _JS_GO_ROUTE.search(lines[n]) or re.search(r"\.(?:post|put|patch|delete|del|POST|PUT|PATCH|DELETE|"
                                                      r"Post|Put|Patch|Delete)\(\s*$", lines[n]):
            text = " ".join(lines[n:index + 2])
            return None if PUBLIC_PATH.search(text) else n
        if not _ARGS_SO_FAR.match(lines[n]):
            return None
    return None


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
