"""Mutation testing for the modules that decide what is posted, where, to whom and with what.

An AST mutator of our own (no dependency). For each module given (paths under src/), it makes small
mutants: flipped comparisons (boundary `<` vs `<=` as well as the negation), `and`/`or` swaps, integer
constants +1/-1, statements removed, `return x` turned into `return None`, negated conditions, guards
made unconditional (`if x:` -> `if True:`), True/False swaps and emptied strings (not docstrings,
annotations, f-string pieces or the "description" entries of dict literals, which are prose a test
could only restate). Each mutant runs only against the tests that executed the mutated line (or the
first line of its statement) in an unmutated, traced run of the suite, collected once and cached under
.mutation-cache/.

How a mutant runs: this process imports the heavy third-party libraries once, then forks one child per
mutant. The child puts the mutated module's code in front of the import system, runs pytest in-process on
the covering tests (fastest first, stopping at the first failure) and exits with pytest's code. Nothing is
written to src/. A mutant is killed when a test fails, errors or times out; it survives when they pass.

    python bench/mutation.py                       # the core modules, two jobs
    python bench/mutation.py src/persona_review/diff.py -j 2 --json out/mutation.json
    python bench/mutation.py --list src/persona_review/placement.py   # mutants only, nothing runs

The score of a module is killed / (mutants - allow-listed equivalents); a mutant no test executes counts
as a survivor. Equivalent mutants live in bench/mutation_equivalents.toml with a reason each; they are
matched by module, the source line's text and the mutation, so they survive edits elsewhere in the file.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import gc
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType, FrameType, FunctionType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".mutation-cache"
EQUIVALENTS = Path(__file__).resolve().parent / "mutation_equivalents.toml"

CORE_MODULES = [
    "src/persona_review/placement.py",
    "src/persona_review/findings.py",
    "src/persona_review/suppressions.py",
    "src/persona_review/sanitize.py",
    "src/persona_review/action/plan.py",
    "src/persona_review/action/markers.py",
    "src/persona_review/action/existing.py",
    "src/persona_review/model/anchoring.py",
    "src/persona_review/model/schema.py",
    "src/persona_review/triggers.py",
    "src/persona_review/diff.py",
    "src/persona_review/reporters/sarif.py",
    # Added by later issues for the same decisions: fingerprints (the scope that is part of one), matching
    # findings to what was posted before, publishing the review and the summary state, which repository
    # may change the review's configuration or instructions, and the Python data-flow layer.
    "src/persona_review/scopes.py",
    "src/persona_review/action/matching.py",
    "src/persona_review/action/publish.py",
    "src/persona_review/config_trust.py",
    "src/persona_review/model/repo_instructions.py",
    "src/persona_review/checks/_pyflow.py",
    "src/persona_review/checks/_py_imports.py",
    # The tree-sitter data-flow layer (Go, Java, JavaScript): what it knows about a value, the records its
    # adapters give the engine, the engine that runs every function on them, and SQL taint across statements.
    "src/persona_review/checks/_tsflow/values.py",
    "src/persona_review/checks/_tsflow/ir.py",
    "src/persona_review/checks/_tsflow/engine.py",
    "src/persona_review/checks/_taint.py",
]

# Imported once in the parent so that every forked child starts with them loaded. None of them may import
# the project: a child must import the project's modules itself, after the mutant is in place.
PRELOAD = ["pytest", "anthropic", "github", "unidiff", "yaml", "jsonschema", "pathspec", "http.server",
           "anyio.pytest_plugin", "anyio._backends._asyncio"]
# Plain asserts skip rewriting (and compiling) every test module in every child; without the
# unraisable-exception plugin pytest does not run gc.collect() several times on the way out.
PYTEST_FLAGS = ["-q", "-p", "no:cacheprovider", "-p", "no:unraisableexception", "--assert=plain"]


# --------------------------------------------------------------------------------------------- mutants


@dataclass(frozen=True)
class Site:
    index: int  # position of the node in ast.walk order
    kind: str  # operator family, e.g. "compare", "int", "remove"
    arg: Any  # what to change it into (meaning depends on kind)


@dataclass
class Mutant:
    module: str  # path relative to ROOT
    number: int
    line: int
    kind: str
    description: str
    source_line: str
    site: Site
    tests: list[str] = field(default_factory=list)
    outcome: str = "pending"  # killed | timeout | survived | uncovered | equivalent | error
    seconds: float = 0.0
    killed_by: str = ""
    """The test that failed (or timed out) first."""

    statement_line: int = 0
    """First line of the innermost statement holding the mutated node."""
    function: str = ""
    """Qualified name of the module-level function or method whose body holds the mutated node ("" when
    it is not in a function body: module level, a class body, a default value)."""
    occurrence: int = 1
    """1 for the first mutant in the file with this line text and description, 2 for the next, ..."""

    def label(self) -> str:
        again = f" (occurrence {self.occurrence})" if self.occurrence > 1 else ""
        return f"[{self.kind}] {self.description}{again}"

    def key(self) -> tuple[str, str, str, int]:
        return (self.module, self.source_line, self.description, self.occurrence)


_FLIPS: dict[type[ast.cmpop], list[type[ast.cmpop]]] = {
    ast.Lt: [ast.LtE, ast.GtE],
    ast.LtE: [ast.Lt, ast.Gt],
    ast.Gt: [ast.GtE, ast.LtE],
    ast.GtE: [ast.Gt, ast.Lt],
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
}

# Removing a `return` is left to "return None"; definitions and imports only give NameErrors.
_NO_REMOVE = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Pass,
              ast.Global, ast.Nonlocal, ast.Return)


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """Nodes no mutant touches: docstrings, annotations, TYPE_CHECKING blocks, __all__, f-string pieces."""
    skip: set[int] = set()

    def mark(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            mark(node)  # docstrings, including those under module constants
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            mark(node.returns)
            for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                      node.args.vararg, node.args.kwarg]:
                if a is not None:
                    mark(a.annotation)
            for deco in node.decorator_list:
                mark(deco)
        elif isinstance(node, ast.ClassDef):
            for deco in node.decorator_list:
                mark(deco)
        elif isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        elif (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)) or (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)):
            mark(node)
        elif isinstance(node, ast.JoinedStr):
            # Literal pieces of f-strings and format specs: emptying them mostly produces noise.
            for value in node.values:
                if isinstance(value, ast.Constant):
                    skip.add(id(value))
                elif isinstance(value, ast.FormattedValue):
                    mark(value.format_spec)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "TypeVar":
            mark(node)
        elif isinstance(node, ast.Dict):
            # "description" entries (of a JSON schema, a tool definition) are prose for a reader or the
            # model: a test could only restate them.
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "description":
                    mark(key)
                    mark(value)
    return skip


def _function_level_statements(tree: ast.Module) -> set[int]:
    """Statements inside function bodies: the ones whose removal is a meaningful mutant."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if sub is not node and isinstance(sub, ast.stmt):
                    inside.add(id(sub))
    return inside


def _is_none(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _single_comparison(test: ast.expr) -> bool:
    """`not (a < b)` is `a >= b`, already one of the comparison flips: negating it again adds nothing."""
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _FLIPS


def find_sites(tree: ast.Module) -> Iterator[tuple[Site, ast.AST]]:
    skip = _skipped_nodes(tree)
    in_function = _function_level_statements(tree)
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for pos, op in enumerate(node.ops):
                for new in _FLIPS.get(type(op), []):
                    yield Site(index, "compare", (pos, new.__name__)), node
        elif isinstance(node, ast.BoolOp):
            yield Site(index, "boolop", None), node
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                yield Site(index, "bool", None), node
            elif isinstance(value, int):
                yield Site(index, "int", 1), node
                yield Site(index, "int", -1), node
            elif isinstance(value, str) and value:
                yield Site(index, "string", None), node
        elif isinstance(node, ast.If | ast.While | ast.IfExp):
            if not _single_comparison(node.test):
                yield Site(index, "negate", None), node
            if isinstance(node, ast.If):
                yield Site(index, "guard", None), node
        elif isinstance(node, ast.comprehension):
            for pos, test in enumerate(node.ifs):
                if not _single_comparison(test):
                    yield Site(index, "negate-filter", pos), node
        if isinstance(node, ast.Return) and node.value is not None and not _is_none(node.value):
            yield Site(index, "return-none", None), node
        if isinstance(node, ast.stmt) and id(node) in in_function and not isinstance(node, _NO_REMOVE):
            yield Site(index, "remove", None), node


def _short(node: ast.AST, limit: int = 70) -> str:
    text = ast.unparse(node).splitlines()[0] if ast.unparse(node) else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def apply_site(tree: ast.Module, nodes: list[ast.AST], site: Site, *, keep: bool = False) -> str:
    """Mutate `tree` in place and describe the change; undo it before returning unless `keep`.

    `nodes` is `list(ast.walk(tree))` of the unmutated tree (a site names its node by that position).
    Working in place, not on a copy, keeps making thousands of mutants cheap."""
    node = nodes[site.index]
    undo: list[tuple[Any, str, Any]] = []  # (object, attribute or index, old value)

    def put(obj: Any, attr: str | int, value: Any) -> None:
        if isinstance(attr, int):
            undo.append((obj, str(attr), obj[attr]))
            obj[attr] = value
        else:
            undo.append((obj, attr, getattr(obj, attr)))
            setattr(obj, attr, value)

    before = _short(node)
    if site.kind == "compare":
        assert isinstance(node, ast.Compare)
        pos, new_name = site.arg
        put(node.ops, pos, getattr(ast, new_name)())
        desc = f"`{before}` -> `{_short(node)}`"
    elif site.kind == "boolop":
        assert isinstance(node, ast.BoolOp)
        put(node, "op", ast.Or() if isinstance(node.op, ast.And) else ast.And())
        desc = f"`{before}` -> `{_short(node)}`"
    elif site.kind == "bool":
        assert isinstance(node, ast.Constant)
        put(node, "value", not node.value)
        desc = f"{before} -> {node.value}"
    elif site.kind == "int":
        assert isinstance(node, ast.Constant)
        put(node, "value", node.value + site.arg)
        desc = f"{before} -> {node.value}"
    elif site.kind == "string":
        assert isinstance(node, ast.Constant)
        put(node, "value", "")
        desc = f"{before} -> ''"
    elif site.kind == "negate":
        assert isinstance(node, ast.If | ast.While | ast.IfExp)
        desc = f"negate `{_short(node.test)}`"
        put(node, "test", ast.UnaryOp(op=ast.Not(), operand=node.test))
    elif site.kind == "guard":
        assert isinstance(node, ast.If)
        desc = f"`if {_short(node.test)}` -> `if True`"
        put(node, "test", ast.Constant(value=True))
    elif site.kind == "negate-filter":
        assert isinstance(node, ast.comprehension)
        desc = f"negate filter `{_short(node.ifs[site.arg])}`"
        put(node.ifs, site.arg, ast.UnaryOp(op=ast.Not(), operand=node.ifs[site.arg]))
    elif site.kind == "return-none":
        assert isinstance(node, ast.Return)
        desc = f"`{before}` -> `return None`"
        put(node, "value", ast.Constant(value=None))
    elif site.kind == "remove":
        desc = f"remove `{before}`"
        if keep:  # finding the statement's parent walks the tree: only when the mutant is to be compiled
            _replace_statement(tree, node, ast.Pass())
    else:  # pragma: no cover - a new kind without an implementation
        raise ValueError(site.kind)
    if not keep:
        for obj, attr, old in reversed(undo):
            if isinstance(obj, list):
                obj[int(attr)] = old
            else:
                setattr(obj, attr, old)
    return desc


def compile_mutant(module: str, tree: ast.Module, nodes: list[ast.AST], site: Site,
                   function: str = "") -> CodeType:
    """The mutant's code. Mutates `tree`: call it where the tree is a copy (a forked child).

    With `function` (a top-level function `f` or a method `C.m` of a top-level class), only that function
    is compiled, wrapped as in the module (its class, the module's other top-level statements), which gives
    the same code object as compiling the whole module and costs a fraction of it on a large module; the
    result is only searched for that function's code, never run. Otherwise the whole module."""
    apply_site(tree, nodes, site, keep=True)
    alone = _function_alone(tree, function) if function else None
    target = alone if alone is not None else tree
    ast.fix_missing_locations(target)
    return compile(target, str(ROOT / module), "exec", dont_inherit=True)


def _function_alone(tree: ast.Module, qualname: str) -> ast.Module | None:
    """A module holding only the definition of `qualname` (inside a bare copy of its class, for a method),
    or None when it is nested deeper or not found."""
    parts = qualname.split(".")
    if len(parts) > 2 or "<" in qualname:
        return None
    # The module's other top-level statements stay (imports, constants): how the compiler calls a name
    # depends on how the module binds it (an imported module's function is loaded as an attribute).
    prelude = [s for s in tree.body
               if not isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
    scope: list[ast.stmt] = tree.body
    holder: ast.ClassDef | None = None
    if len(parts) == 2:
        holder = next((s for s in tree.body if isinstance(s, ast.ClassDef) and s.name == parts[0]), None)
        if holder is None:
            return None
        scope = holder.body
    found = [s for s in scope
             if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name == parts[-1]]
    if len(found) != 1:
        return None  # redefined (an overload, a property setter): let the whole module decide
    body: ast.stmt = found[0]
    if holder is not None:
        body = ast.copy_location(ast.ClassDef(name=holder.name, bases=[], keywords=[], body=[found[0]],
                                              decorator_list=[], type_params=[]), holder)
    return ast.Module(body=[*prelude, body], type_ignores=[])


def _replace_statement(tree: ast.AST, old: ast.AST, new: ast.stmt) -> None:
    ast.copy_location(new, old)
    for parent in ast.walk(tree):
        for name in ("body", "orelse", "finalbody", "handlers"):
            seq = getattr(parent, name, None)
            if isinstance(seq, list):
                for i, stmt in enumerate(seq):
                    if stmt is old:
                        seq[i] = new
                        return
    raise ValueError("statement not found")


def make_mutants(module: str) -> tuple[ast.Module, list[Mutant]]:
    path = ROOT / module
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        sys.exit(f"{module}: cannot parse: {exc.msg} (line {exc.lineno})")
    # The first line of the innermost statement around each node: a tracer sees line events only for
    # some lines of a statement that spans several, always for its first.
    statement_line: dict[int, int] = {}
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.stmt):
            for sub in ast.walk(stmt):
                statement_line[id(sub)] = stmt.lineno
    owner = _function_bodies(tree)
    nodes = list(ast.walk(tree))
    found: list[tuple[int, int, Site, str, int, str]] = []
    for site, node in find_sites(tree):
        at: ast.AST = node.ifs[site.arg] if isinstance(node, ast.comprehension) else node
        desc = apply_site(tree, nodes, site)
        line = getattr(at, "lineno", 0)
        found.append((line, getattr(at, "col_offset", 0), site, desc, statement_line.get(id(node), line),
                      owner.get(id(node), "")))
    found.sort(key=lambda f: (f[0], f[1], f[2].index))
    mutants: list[Mutant] = []
    seen: dict[tuple[str, str], int] = {}
    for line, _, site, desc, first, function in found:
        text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        seen[(text, desc)] = occurrence = seen.get((text, desc), 0) + 1
        mutants.append(Mutant(module, len(mutants) + 1, line, site.kind, desc, text, site,
                              occurrence=occurrence, statement_line=first, function=function))
    return tree, mutants


def _function_bodies(tree: ast.Module) -> dict[int, str]:
    """id(node) -> qualified name of the module-level function or method whose body holds the node.

    Only bodies: decorators, default values and annotations run when the module is imported."""
    out: dict[int, str] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                visit(stmt.body, f"{prefix}{stmt.name}.")
            elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in stmt.body:
                    for node in ast.walk(inner):
                        out[id(node)] = f"{prefix}{stmt.name}"
            elif isinstance(stmt, ast.If | ast.Try):  # definitions under `if` / `try` at module level
                for part in (stmt.body, stmt.orelse, getattr(stmt, "finalbody", []),
                             *(h.body for h in getattr(stmt, "handlers", []))):
                    visit(part, prefix)

    visit(tree.body, "")
    return out


# ------------------------------------------------------------------------------------ coverage (traced)


class _Collector:
    """A pytest plugin that records which lines of the target files each test executes.

    Lines run while a fixture wider than a function is set up belong to that fixture, and through it to
    every test that uses the fixture; lines run at import or collection belong to no test and are kept
    apart (a mutant there is run against every test that covers the module)."""

    def __init__(self, targets: set[str]) -> None:
        self.targets = targets
        self.current: set[tuple[str, int]] = set()
        self.stack: list[set[tuple[str, int]]] = []
        self.imports: set[tuple[str, int]] = self.current
        self.per_test: dict[str, set[tuple[str, int]]] = {}
        self.per_fixture: dict[str, set[tuple[str, int]]] = {}
        self.fixtures_of: dict[str, list[str]] = {}
        self.duration: dict[str, float] = {}
        self.failed: set[str] = set()

    # -- tracing
    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.current.add((frame.f_code.co_filename, frame.f_lineno))
        return self._local

    def _global(self, frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename in self.targets:
            self.current.add((frame.f_code.co_filename, frame.f_lineno))
            return self._local
        return None

    def start(self) -> None:
        import threading

        threading.settrace(self._global)
        sys.settrace(self._global)

    # -- pytest hooks
    def _push(self, bucket: set[tuple[str, int]]) -> None:
        self.stack.append(self.current)
        self.current = bucket

    def _pop(self) -> None:
        self.current = self.stack.pop()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Iterator[None]:
        lines: set[tuple[str, int]] = set()
        self.per_test[item.nodeid] = lines
        self.fixtures_of[item.nodeid] = list(getattr(item, "fixturenames", []))
        self._push(lines)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.duration[item.nodeid] = time.perf_counter() - start
            self._pop()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Iterator[None]:
        if fixturedef.scope == "function":
            yield
            return
        bucket = self.per_fixture.setdefault(fixturedef.argname, set())
        self._push(bucket)
        try:
            yield
        finally:
            self._pop()

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed:
            self.failed.add(report.nodeid)

    def result(self) -> dict[str, Any]:
        tests = sorted(self.per_test)
        index = {t: i for i, t in enumerate(tests)}
        lines: dict[str, dict[int, set[int]]] = {}
        for test, own in self.per_test.items():
            hit = set(own)
            for fixture in self.fixtures_of.get(test, []):
                hit |= self.per_fixture.get(fixture, set())
            for filename, line in hit:
                lines.setdefault(filename, {}).setdefault(line, set()).add(index[test])
        imports: dict[str, list[int]] = {}
        for filename, line in self.imports:
            imports.setdefault(filename, []).append(line)
        return {
            "tests": tests,
            "duration": [self.duration.get(t, 0.0) for t in tests],
            "failed": sorted(self.failed),
            "lines": {f: {str(n): sorted(ts) for n, ts in by.items()} for f, by in lines.items()},
            "imports": {f: sorted(ns) for f, ns in imports.items()},
        }


def _collect_main(out: str, test_args: list[str], targets: list[str]) -> int:
    collector = _Collector({str(ROOT / t) for t in targets})
    collector.start()
    code = pytest.main([*PYTEST_FLAGS, *test_args], plugins=[collector])
    sys.settrace(None)
    Path(out).write_text(json.dumps(collector.result()), encoding="utf-8")
    return int(code)


def _is_test_file(path: Path) -> bool:
    return path.name.startswith("test_") and path.suffix == ".py"


def _fingerprint(targets: Sequence[str], test_args: Sequence[str]) -> str:
    """Everything the coverage depends on except the test files themselves (those are tracked one by one,
    so that a changed or new test file is traced alone)."""
    digest = hashlib.sha256()
    # The version changes when a cached trace may be wrong: 2 = single test files traced with the
    # repository on the import path (before, a file importing `tests.<package>` was recorded with no tests).
    digest.update(json.dumps([2, str(ROOT), sorted(targets), list(test_args)]).encode())
    for folder in ("src", "tests"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not _is_test_file(path):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _test_files(test_args: Sequence[str]) -> dict[str, str]:
    """Test files the run covers (relative path -> content hash)."""
    ignored = [(ROOT / a.removeprefix("--ignore=")).resolve() for a in test_args if a.startswith("--ignore=")]
    out: dict[str, str] = {}
    for arg in test_args:
        if arg.startswith("-"):
            continue
        base = (ROOT / arg).resolve()
        for path in [base] if base.is_file() else sorted(base.rglob("test_*.py")):
            if _is_test_file(path) and not any(path == i or i in path.parents for i in ignored):
                out[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return out


def _collect(out: Path, targets: Sequence[str], test_args: Sequence[str]) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--collect", str(out),
           "--collect-args", json.dumps(list(test_args)), "--", *targets]
    proc = subprocess.run(cmd, cwd=ROOT, check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if not out.exists():
        sys.exit("coverage run failed:\n" + proc.stdout[-4000:])
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    # 0: passed, 1: some tests failed (those are left out), 5: no tests. Anything else (a file that does not
    # import, a usage error) would leave that file's tests uncredited, and every mutant they kill a survivor.
    if proc.returncode not in (0, 1, 5):
        sys.exit(f"coverage run failed (pytest exit {proc.returncode}):\n" + proc.stdout[-4000:])
    return data


def _collect_split(out: Path, targets: Sequence[str], test_args: Sequence[str],
                   parallel: int) -> dict[str, Any]:
    """`_collect` over the test files of `test_args` split into `parallel` groups of about equal size, traced
    at once in as many processes and merged (the trace is the longest single step of a fresh pass)."""
    files = sorted(_test_files(test_args), key=lambda f: (-(ROOT / f).stat().st_size, f))
    if parallel < 2 or len(files) < 2:
        return _collect(out, targets, test_args)
    options = [a for a in test_args if a.startswith("-")]
    groups: list[list[str]] = [[] for _ in range(min(parallel, len(files)))]
    size = [0] * len(groups)
    for f in files:
        least = size.index(min(size))
        groups[least].append(f)
        size[least] += (ROOT / f).stat().st_size
    with ThreadPoolExecutor(len(groups)) as pool:
        parts = list(pool.map(lambda i: _collect(out.with_suffix(f".{i}.part"), targets,
                                                 [*options, *groups[i]]), range(len(groups))))
    data = parts[0]
    for part in parts[1:]:
        data = _merge(data, part, set())
    return data


def _per_test(data: dict[str, Any]) -> dict[str, tuple[float, bool, set[tuple[str, int]]]]:
    tests: list[str] = data["tests"]
    out = {t: (d, t in set(data["failed"]), set[tuple[str, int]]()) for t, d in
           zip(tests, data["duration"], strict=True)}
    for filename, by_line in data["lines"].items():
        for line, indexes in by_line.items():
            for i in indexes:
                out[tests[i]][2].add((filename, int(line)))
    return out


def _merge(old: dict[str, Any], new: dict[str, Any], replaced: set[str]) -> dict[str, Any]:
    """`old` without the tests of the `replaced` files, plus `new`."""
    merged = {t: v for t, v in _per_test(old).items() if t.split("::", 1)[0] not in replaced}
    merged.update(_per_test(new))
    tests = sorted(merged)
    lines: dict[str, dict[str, list[int]]] = {}
    for i, t in enumerate(tests):
        for filename, line in merged[t][2]:
            lines.setdefault(filename, {}).setdefault(str(line), []).append(i)
    imports = {f: sorted(set(old["imports"].get(f, [])) | set(new["imports"].get(f, [])))
               for f in {*old["imports"], *new["imports"]}}
    return {"tests": tests, "duration": [merged[t][0] for t in tests],
            "failed": [t for t in tests if merged[t][1]], "lines": lines, "imports": imports}


def load_coverage(targets: Sequence[str], test_args: Sequence[str], fresh: bool,
                  parallel: int = 1) -> dict[str, Any]:
    """Which tests execute which lines of `targets`: traced once, then only for test files that changed,
    in `parallel` processes."""
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"coverage-{_fingerprint(targets, test_args)}.json"
    files = _test_files(test_args)
    start = time.perf_counter()
    data: dict[str, Any]
    if cached.exists() and not fresh:
        data = json.loads(cached.read_text(encoding="utf-8"))
        before: dict[str, str] = data.get("files", {})
        changed = sorted(f for f in files if before.get(f) != files[f])
        gone = {f for f in before if f not in files}
        if not changed and not gone:
            print(f"coverage: cached ({cached.relative_to(ROOT)})", flush=True)
            return data
        print(f"coverage: cached; tracing {len(changed)} changed test file(s) ...", flush=True)
        ignores = [a for a in test_args if a.startswith("--ignore=")]
        new = _collect_split(cached.with_suffix(".part"), targets, [*changed, *ignores], parallel) \
            if changed else {"tests": [], "duration": [], "failed": [], "lines": {}, "imports": {}}
        data = _merge(data, new, set(changed) | gone)
    else:
        print("coverage: running the tests once under a line tracer ...", flush=True)
        data = _collect_split(cached.with_suffix(".part"), targets, test_args, parallel)
    data["files"] = files
    cached.write_text(json.dumps(data), encoding="utf-8")
    print(f"coverage: {len(data['tests'])} tests, {time.perf_counter() - start:.0f} s"
          f" ({len(data['failed'])} failing without a mutant, left out)", flush=True)
    return data


def _importing_test_files(dotted: str) -> set[str]:
    """Test files (relative paths) that import `dotted` by name."""
    parent, _, leaf = dotted.rpartition(".")
    needles = (f"import {dotted}", f"from {dotted} import", f"from {parent} import {leaf}")
    out: set[str] = set()
    for path in (ROOT / "tests").rglob("*.py"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(n in text for n in needles):
            out.add(str(path.relative_to(ROOT)))
    return out


def covering_tests(module: str, mutants: list[Mutant], cov: dict[str, Any]) -> None:
    filename = str(ROOT / module)
    by_line: dict[str, list[int]] = cov["lines"].get(filename, {})
    imports = set(cov["imports"].get(filename, []))
    failed = set(cov["failed"])
    whole: set[int] = set()
    for ts in by_line.values():
        whole.update(ts)
    # A test can depend on a module's constants (an enum's values, a table) without running any of its
    # lines: for a mutant of a module-level line, every test in a file that imports the module counts.
    importers = _importing_test_files(module_name(module))
    whole.update(i for i, t in enumerate(cov["tests"]) if t.split("::", 1)[0] in importers)
    durations: list[float] = cov["duration"]
    for name, seconds in zip(cov["tests"], durations, strict=True):
        TEST_LIMITS[name] = 5.0 + 5.0 * seconds
        DURATIONS[name] = seconds
    for m in mutants:
        chosen = set(by_line.get(str(m.line), [])) | set(by_line.get(str(m.statement_line), []))
        if m.line in imports or m.statement_line in imports:
            chosen |= whole
            m.function = ""  # its code runs at import: swapping a function's code in place would miss it
        names = [cov["tests"][i] for i in sorted(chosen, key=lambda i: durations[i])]
        m.tests = [t for t in names if t not in failed]
        m.seconds = sum(durations[i] for i in chosen)


# ------------------------------------------------------------------------------------------ execution


class _MutantLoader(importlib.machinery.SourceFileLoader):
    def __init__(self, fullname: str, path: str, code: CodeType) -> None:
        super().__init__(fullname, path)
        self._code = code

    def get_code(self, fullname: str) -> CodeType:
        return self._code


class _MutantFinder(importlib.abc.MetaPathFinder):
    def __init__(self, name: str, path: str, code: CodeType) -> None:
        self.name, self.path, self.code = name, path, code

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        return importlib.util.spec_from_file_location(
            fullname, self.path, loader=_MutantLoader(fullname, self.path, self.code))


# Per-test time limits (seconds), from the traced run; set before forking. A test over its limit ends the
# child at once with TIMED_OUT, so a mutant that loops forever costs seconds, not the whole run's budget.
TEST_LIMITS: dict[str, float] = {}
DURATIONS: dict[str, float] = {}
TIMED_OUT = 124

# Which tests killed mutants so far: (module, function) -> test -> kills. A child writes the test that
# failed (or timed out) to a file named after its pid in KILLERS_DIR; the parent reads it when the child
# ends, and runs the tests that killed mutants of the same function (then of the same module) first.
KILLS: dict[tuple[str, str], dict[str, int]] = {}
KILLERS_DIR = Path(tempfile.gettempdir()) / f"mutation-killers-{os.getpid()}"
"""Made by `main` before the first fork, removed when the run ends."""
_CURRENT: list[str] = [""]


def _note_killer(nodeid: str) -> None:
    with contextlib.suppress(OSError):
        (KILLERS_DIR / str(os.getpid())).write_text(nodeid, encoding="utf-8")


def _time_out(signum: int, frame: Any) -> None:
    _note_killer(_CURRENT[0])
    os._exit(TIMED_OUT)


def arrange(module: str, function: str, tests: list[str]) -> list[str]:
    """Tests that killed mutants of this function, then of this module, first (the most kills per second
    first); the others as they were, fastest first."""
    here, anywhere = KILLS.get((module, function), {}), KILLS.get((module, ""), {})

    def key(pair: tuple[int, str]) -> tuple[float, int]:
        i, t = pair
        score = 4 * here.get(t, 0) + anywhere.get(t, 0)
        return (-score / (DURATIONS.get(t, 1.0) + 0.05), i) if score else (0.0, i)

    return [t for _, t in sorted(enumerate(tests), key=key)]


def _record_kill(module: str, function: str, pid: int) -> str:
    """The test that killed the mutant of child `pid` ("" when none did), counted for `arrange`."""
    path = KILLERS_DIR / str(pid)
    test = ""
    with contextlib.suppress(OSError):
        test = path.read_text(encoding="utf-8")
        path.unlink()
    if test:
        for key in ((module, function), (module, "")):
            KILLS.setdefault(key, {})[test] = KILLS.get(key, {}).get(test, 0) + 1
    return test


VERBOSE = [False]


class _Watch:
    """pytest plugin: each test under its time limit; the first failure noted for `arrange`."""

    failed = False

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Iterator[None]:
        _CURRENT[0] = item.nodeid
        signal.setitimer(signal.ITIMER_REAL, TEST_LIMITS.get(item.nodeid, 60.0))
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item: Any, call: Any) -> Any:
        """A failure's report without its traceback (unless --verbose): pytest's own report formats every
        frame with its source, which on a deep data-flow traceback cost more than the mutant's test itself.
        Whether the test failed is all a mutant's outcome needs; skips and passes get pytest's report."""
        excinfo = call.excinfo
        if VERBOSE[0] or excinfo is None \
                or excinfo.errisinstance((pytest.skip.Exception, pytest.xfail.Exception)):
            return None
        return pytest.TestReport(item.nodeid, item.location, dict.fromkeys(item.keywords, 1), "failed",
                                 excinfo.exconly()[:300], call.when, duration=call.duration,
                                 start=call.start, stop=call.stop)

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed:
            if not self.failed:
                _note_killer(report.nodeid)
            self.failed = True
            if VERBOSE[0]:  # which test, and why: what a failing baseline needs to be looked into
                print(f"\nFAILED {report.nodeid} ({report.when}):\n{str(report.longrepr)[-3000:]}",
                      file=sys.__stderr__, flush=True)


class _Select(_Watch):
    """pytest plugin for a session of its own: keep only the chosen tests, in the chosen order."""

    def __init__(self, nodeids: list[str]) -> None:
        self.order = {n: i for i, n in enumerate(nodeids)}

    def pytest_collection_modifyitems(self, session: Any, config: Any, items: list[Any]) -> None:
        chosen = [it for it in items if it.nodeid in self.order]
        chosen.sort(key=lambda it: self.order[it.nodeid])
        deselected = [it for it in items if it.nodeid not in self.order]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
        items[:] = chosen


def module_name(module: str) -> str:
    path = (ROOT / module).resolve()
    parts = [path.stem]
    folder = path.parent
    while (folder / "__init__.py").exists():
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts)


def _project_modules() -> list[str]:
    """Names of the modules loaded from this repository (the project's and the tests')."""
    root = str(ROOT) + os.sep
    this = ("__main__", "mutation")
    return [name for name, mod in list(sys.modules.items())
            if (getattr(mod, "__file__", None) or "").startswith(root) and name not in this]


def import_project() -> None:
    """Import every module of the project, here in the parent, before the tests are collected."""
    import pkgutil

    import persona_review

    for info in pkgutil.walk_packages(persona_review.__path__, "persona_review."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)


class _Driver:
    """pytest plugin for the parent's one session: once every test is collected, run `work` instead of the
    tests. A forked child then runs its tests straight from these collected items (`_run_items`): no
    configuration, conftest loading or collection per mutant.

    pytest captures the parent's output during the session; `work` writes to a copy of the real stdout."""

    def __init__(self, work: Any) -> None:
        self.work = work
        self.watch = _Watch()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: Any) -> bool:
        ITEMS.clear()
        ITEMS.update({item.nodeid: item for item in session.items})
        session.config.pluginmanager.register(self.watch, "mutation-watch")
        WATCH[0] = self.watch
        index_functions()
        self.work()
        return True


ITEMS: dict[str, Any] = {}
"""nodeid -> the test item the parent's session collected (set inside that session, before forking)."""
WATCH: list[_Watch | None] = [None]


def _run_items(tests: list[str]) -> int:
    """In a forked child of the parent's session: run `tests` in order, stop at the first failure."""
    items = [ITEMS[t] for t in tests if t in ITEMS]
    watch = WATCH[0]
    if len(items) != len(tests) or not items or watch is None:
        return 5  # a test the session did not collect: an error of the harness, not a kill
    for i, item in enumerate(items):
        item.ihook.pytest_runtest_protocol(item=item, nextitem=items[i + 1] if i + 1 < len(items) else None)
        if watch.failed:
            return 1
    return 0


def index_functions() -> None:
    """Find every live function of the project (after the tests are imported) for `_swap_in`."""
    index: dict[tuple[str, str], list[FunctionType]] = {}
    files = {getattr(sys.modules[n], "__file__", ""): n for n in _project_modules()}
    for obj in gc.get_objects():
        if isinstance(obj, FunctionType) and obj.__code__.co_filename in files:
            key = (files[obj.__code__.co_filename], obj.__code__.co_qualname)
            index.setdefault(key, []).append(obj)
    FUNCTIONS.clear()
    FUNCTIONS.update(index)


FUNCTIONS: dict[tuple[str, str], list[FunctionType]] = {}
"""(module name, qualified name) -> the live function objects with that code, once the tests are collected."""


def _swap_in(module: str, function: str, code: CodeType) -> bool:
    """Give the live function `function` of `module` the mutant's code, in place, so that every reference
    to it (imported names, registries, bound methods) runs the mutant. False when that cannot be done."""
    name = module_name(module)
    found = [c for c in _code_objects(code) if c.co_qualname == function]
    targets = FUNCTIONS.get((name, function), [])
    if len(found) != 1 or not targets:
        return False
    try:
        for target in targets:
            target.__code__ = found[0]
    except ValueError:  # different free variables: cannot happen for a top-level function or a method
        return False
    return True


def _code_objects(code: CodeType) -> Iterator[CodeType]:
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield const
            yield from _code_objects(const)


FRESH = "<fresh import>"
"""As the `function` of a job without a mutant: import the project afresh (the baseline checks that path)."""


def _child(module: str, site: Site | None, function: str, tests: list[str], verbose: bool) -> None:
    """Runs in the forked child; never returns."""
    os.setpgid(0, 0)
    rc = 3
    try:
        if not verbose:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            # The parent writes through copies of its descriptors: the child's Python streams go quiet too.
            sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        code = None if site is None else compile_mutant(module, *TREES[module], site, function)
        signal.signal(signal.SIGALRM, _time_out)
        if function == FRESH or (code is not None and not (function and _swap_in(module, function, code))):
            # A mutant at module level (or in code run at import): import the project and the tests afresh,
            # with the mutated module's code in front of the import system, in a pytest session of its own.
            for name in _project_modules():
                del sys.modules[name]
            if code is not None:
                if function:  # compiled alone above: the import needs the whole (already mutated) module
                    code = compile(ast.fix_missing_locations(TREES[module][0]), str(ROOT / module), "exec",
                                   dont_inherit=True)
                sys.meta_path.insert(0, _MutantFinder(module_name(module), str(ROOT / module), code))
            files = sorted({t.split("::", 1)[0] for t in tests})
            rc = int(pytest.main([*PYTEST_FLAGS, "-x", *files], plugins=[_Select(tests)]))
        else:
            rc = _run_items(tests)
    except BaseException:  # noqa: BLE001 - any crash of the mutant or of pytest counts as a kill
        rc = 1
    finally:
        os._exit(rc)


@dataclass
class _Running:
    mutant: Mutant | None
    module: str
    function: str
    started: float
    deadline: float


Job = tuple[Mutant | None, str, Site | None, str, list[str], float]
"""(mutant, module, its site, function to swap it into or FRESH or "", tests, timeout)."""

TREES: dict[str, tuple[ast.Module, list[ast.AST]]] = {}
"""module -> (its tree, the tree's nodes in walk order), set before forking: a child compiles its mutant."""


def run_all(jobs: list[Job], parallel: int, verbose: bool, on_done: Any) -> None:
    """Fork up to `parallel` children at a time. On KeyboardInterrupt, stop the children and re-raise."""
    running: dict[int, _Running] = {}
    try:
        _run_all(jobs, parallel, verbose, on_done, running)
    except KeyboardInterrupt:
        for pid in running:
            with contextlib.suppress(ProcessLookupError, PermissionError, ChildProcessError):
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        raise


def _run_all(jobs: list[Job], parallel: int, verbose: bool, on_done: Any,
             running: dict[int, _Running]) -> None:
    pending = list(jobs)
    while pending or running:
        while pending and len(running) < parallel:
            mutant, module, site, function, tests, timeout = pending.pop(0)
            tests = arrange(module, function, tests)
            pid = os.fork()
            if pid == 0:
                _child(module, site, function, tests, verbose)
            now = time.monotonic()
            running[pid] = _Running(mutant, module, function, now, now + timeout)
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for cpid, job in list(running.items()):
                if now > job.deadline:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(cpid, signal.SIGKILL)
                    os.waitpid(cpid, 0)
                    del running[cpid]
                    on_done(job.mutant, "timeout", now - job.started)
            time.sleep(0.01)
            continue
        job = running.pop(pid)
        with contextlib.suppress(ProcessLookupError, PermissionError):  # whatever the tests left behind
            os.killpg(pid, signal.SIGKILL)
        code = os.waitstatus_to_exitcode(status)
        # 3 and 4: pytest's internal and usage errors, which a mutant causes when the project cannot be
        # imported (a conftest's import fails); 5 (no tests ran) and signals are errors of the harness.
        outcome = {0: "survived", 1: "killed", 2: "killed", 3: "killed", 4: "killed",
                   TIMED_OUT: "timeout"}.get(code, "error")
        if job.mutant is not None:
            job.mutant.killed_by = _record_kill(job.module, job.function, pid)
        on_done(job.mutant, outcome, time.monotonic() - job.started)


# ------------------------------------------------------------------------------------------ allow-list


def load_equivalents(path: Path) -> dict[tuple[str, str, str, int], str]:
    """(module, line text, mutation, occurrence) -> reason. `occurrence` may be left out when it is 1."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out: dict[tuple[str, str, str, int], str] = {}
        for entry in data.get("equivalent", []):
            reason = str(entry.get("reason", "")).strip()
            if not reason:
                sys.exit(f"{path.name}: every equivalent mutant needs a reason ({entry})")
            key = (entry["module"], entry["line"], entry["mutation"], int(entry.get("occurrence", 1)))
            out[key] = reason
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        sys.exit(f"{path.name}: {exc}")
    return out


# ------------------------------------------------------------------------------------------------ main


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("modules", nargs="*", help="module paths relative to the repository (default: core set)")
    p.add_argument("-j", "--jobs", type=int, default=2, help="mutants run at once (default 2)")
    p.add_argument("--tests", nargs="*", default=["tests"], help="pytest paths for the coverage run")
    p.add_argument("--ignore-tests", action="append", default=[], metavar="PATH",
                   help="leave these tests out (e.g. to score the suite as it was before some new tests)")
    p.add_argument("--equivalents", type=Path, default=EQUIVALENTS, help="allow-list of equivalent mutants")
    p.add_argument("--fresh", action="store_true", help="ignore the cached coverage")
    p.add_argument("--list", action="store_true", help="list the mutants and stop")
    p.add_argument("--kinds", default="", help="comma-separated operator kinds to keep (default all)")
    p.add_argument("--lines", default="", metavar="A-B",
                   help="keep only the mutants on lines A to B (inclusive), e.g. to rerun one function")
    p.add_argument("--json", type=Path, help="write every mutant and its outcome here")
    p.add_argument("--timeout-factor", type=float, default=4.0,
                   help="a mutant times out after this many times its tests' traced duration, plus 20 s")
    p.add_argument("--no-baseline", action="store_true",
                   help="skip running each module's covering tests unmutated first")
    p.add_argument("--verbose", action="store_true", help="let pytest's output through")
    p.add_argument("--collect", help=argparse.SUPPRESS)
    p.add_argument("--collect-args", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def _line_range(text: str) -> tuple[int, int]:
    if not text:
        return 1, sys.maxsize
    start, sep, end = text.partition("-")
    if not (start.isdigit() and (not sep or end.isdigit())):
        sys.exit(f"--lines takes A-B or A, with line numbers: {text!r}")
    return int(start), int(end) if sep else int(start)


def _normalise(modules: Iterable[str]) -> list[str]:
    out = []
    for m in modules:
        path = Path(m).resolve()
        if not path.is_file() or path.suffix != ".py":
            sys.exit(f"not a Python file: {m}")
        try:
            out.append(str(path.relative_to(ROOT)))
        except ValueError:
            sys.exit(f"not inside the repository: {m}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    VERBOSE[0] = args.verbose
    # As under `python -m pytest` from the repository (the README's test command): tests import each other as
    # `tests.<package>`. Run as a script, only bench/ would be on the path, and a test file traced alone
    # (the incremental coverage run) would fail to import.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if args.collect:
        return _collect_main(args.collect, json.loads(args.collect_args), args.modules)
    os.chdir(ROOT)
    modules = _normalise(args.modules or CORE_MODULES)
    kinds = {k for k in args.kinds.split(",") if k}
    first, last = _line_range(args.lines)
    equivalents = load_equivalents(args.equivalents)

    trees: dict[str, ast.Module] = {}
    mutants: dict[str, list[Mutant]] = {}
    for module in modules:
        trees[module], found = make_mutants(module)
        mutants[module] = [m for m in found if (not kinds or m.kind in kinds) and first <= m.line <= last]
    if args.list:
        for module in modules:
            for m in mutants[module]:
                tag = " (allow-listed)" if m.key() in equivalents else ""
                print(f"{module}:{m.line}: {m.label()}{tag}")
        print(f"{sum(len(v) for v in mutants.values())} mutants")
        for module, line, mutation, occurrence in _stale(modules, mutants, equivalents):
            print(f"allow-list entry matches no mutant (stale?): {module}: {line!r}: {mutation}"
                  f" (occurrence {occurrence})")
        return 0

    started = time.monotonic()
    load_at_start = os.getloadavg()[0]
    test_args = [*args.tests, *(f"--ignore={p}" for p in args.ignore_tests)]
    cov = load_coverage(sorted({*_normalise(CORE_MODULES), *modules}), test_args, args.fresh, args.jobs)
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    coverage_cpu = _children_cpu()
    mark = time.monotonic()
    import_project()
    real_out = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    real_err = os.fdopen(os.dup(2), "w", buffering=1, encoding="utf-8")
    failed_baseline = False
    baseline_cpu = 0.0

    def work() -> None:
        nonlocal failed_baseline, baseline_cpu
        with contextlib.redirect_stdout(real_out), contextlib.redirect_stderr(real_err):
            print(f"preload: the project imported, the tests collected: {time.monotonic() - mark:.0f} s",
                  flush=True)
            gc.freeze()  # a child's collector then leaves the parent's objects (and their pages) alone
            try:
                failed_baseline, baseline_cpu = _run_mutants(mutants, trees, cov, equivalents, args=args,
                                                             started=started)
            except KeyboardInterrupt:
                print("\ninterrupted: the report covers the mutants run so far ('not run' are left out)",
                      flush=True)

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops the run like Ctrl-C
    KILLERS_DIR.mkdir(exist_ok=True)
    try:
        with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(
                sys.stdout if args.verbose else sink):
            pytest.main([*PYTEST_FLAGS, *test_args], plugins=[_Driver(work)])
    finally:
        shutil.rmtree(KILLERS_DIR, ignore_errors=True)
        real_out.close()
        real_err.close()
    if failed_baseline:
        return 2
    elapsed = time.monotonic() - started
    _report(modules, mutants, equivalents, elapsed)
    total_cpu = _children_cpu()
    print(f"cpu time of the children: {total_cpu:.0f} s (coverage trace {coverage_cpu:.0f} s, baseline"
          f" {baseline_cpu:.0f} s, mutants {total_cpu - coverage_cpu - baseline_cpu:.0f} s), of this process"
          f" {_own_cpu():.0f} s; load average now {os.getloadavg()[0]:.1f} (at start {load_at_start:.1f})")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "seconds": round(elapsed, 1),
            "mutants": [{**{k: v for k, v in m.__dict__.items() if k not in ("site", "tests")},
                         "tests": len(m.tests)} for ms in mutants.values() for m in ms],
        }, indent=1), encoding="utf-8")
    return 0


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _run_mutants(mutants: dict[str, list[Mutant]], trees: dict[str, ast.Module], cov: dict[str, Any],
                 equivalents: dict[tuple[str, str, str, int], str], *, args: argparse.Namespace,
                 started: float) -> tuple[bool, float]:
    """The baseline, then every mutant. Returns (the baseline failed, the baseline's CPU seconds)."""
    modules = list(mutants)
    jobs: list[Job] = []
    for module in modules:
        TREES[module] = (trees[module], list(ast.walk(trees[module])))
        covering_tests(module, mutants[module], cov)
        for m in mutants[module]:
            if m.key() in equivalents:
                m.outcome = "equivalent"
            elif not m.tests:
                m.outcome = "uncovered"
            else:
                timeout = 20.0 + args.timeout_factor * m.seconds
                jobs.append((m, module, m.site, m.function, m.tests, timeout))

    before = _children_cpu()
    if not args.no_baseline and not _baseline(modules, mutants, args.jobs, args.verbose):
        print("the covering tests fail without any mutant when run this way (fastest first, selected);"
              " rerun with --verbose to see which", file=sys.stderr)
        return True, _children_cpu() - before
    baseline_cpu = _children_cpu() - before

    total = len(jobs)
    done = 0

    def on_done(m: Mutant | None, outcome: str, seconds: float) -> None:
        nonlocal done
        assert m is not None
        done += 1
        m.outcome = outcome
        m.seconds = seconds
        if outcome in ("survived", "error"):
            print(f"  {outcome}: {m.module}:{m.line}: {m.label()}", flush=True)
        if done % 25 == 0 or done == total:
            print(f"  {done}/{total} mutants run, {time.monotonic() - started:.0f} s", flush=True)

    print(f"running {total} mutants on {args.jobs} jobs ...", flush=True)
    try:
        run_all(jobs, args.jobs, args.verbose, on_done)
    except KeyboardInterrupt:
        print("\ninterrupted: the report covers the mutants run so far ('not run' are left out)", flush=True)
    return False, baseline_cpu


def _baseline(modules: list[str], mutants: dict[str, list[Mutant]], parallel: int, verbose: bool) -> bool:
    """Run every covering test once, unmutated, through the same fork-and-select paths as the mutants:
    the tests split by file into `parallel` groups, the first imported afresh, the others preloaded.

    A failure here means a test depends on order or on state the selection leaves out; every mutant
    would then look killed."""
    tests: list[str] = []
    seen: set[str] = set()
    for module in modules:
        for m in mutants[module]:
            for t in m.tests:
                if t not in seen:
                    seen.add(t)
                    tests.append(t)
    if not tests:
        return True
    by_file: dict[str, list[str]] = {}
    for t in tests:
        by_file.setdefault(t.split("::", 1)[0], []).append(t)
    groups: list[list[str]] = [[] for _ in range(max(1, parallel))]
    load = [0.0] * len(groups)
    for members in sorted(by_file.values(), key=lambda ts: -sum(TEST_LIMITS.get(t, 5.0) for t in ts)):
        least = load.index(min(load))
        groups[least].extend(members)
        load[least] += sum(TEST_LIMITS.get(t, 5.0) - 4.9 for t in members)
    outcome: list[str] = []
    print(f"baseline: {len(tests)} covering tests, unmutated ...", flush=True)
    mark = time.monotonic()
    run_all([(None, modules[0], None, FRESH if i == 0 else "", g, 600.0) for i, g in enumerate(groups) if g],
            parallel, verbose, lambda m, o, s: outcome.append(o))
    print(f"baseline: {time.monotonic() - mark:.0f} s", flush=True)
    return all(o == "survived" for o in outcome)  # "survived" here means: the unmutated tests passed


def _stale(modules: list[str], mutants: dict[str, list[Mutant]],
           equivalents: dict[tuple[str, str, str, int], str]) -> list[tuple[str, str, str, int]]:
    keys = {m.key() for ms in mutants.values() for m in ms}
    return [k for k in equivalents if k[0] in modules and k not in keys]


def _report(modules: list[str], mutants: dict[str, list[Mutant]],
            equivalents: dict[tuple[str, str, str, int], str], elapsed: float) -> None:
    print()
    print(f"{'module':40} {'mutants':>7} {'killed':>6} {'(t/o)':>5} {'surv.':>5} {'uncov.':>6} {'equiv.':>6}"
          f" {'not run':>7} {'score':>6}")
    for module in modules:
        ms = mutants[module]
        killed = sum(m.outcome in ("killed", "timeout") for m in ms)
        timeouts = sum(m.outcome == "timeout" for m in ms)
        survived = sum(m.outcome in ("survived", "error") for m in ms)
        uncovered = sum(m.outcome == "uncovered" for m in ms)
        equivalent = sum(m.outcome == "equivalent" for m in ms)
        not_run = sum(m.outcome == "pending" for m in ms)
        scored = len(ms) - equivalent - not_run
        score = killed / scored if scored else 1.0
        short = module.removeprefix("src/persona_review/")
        print(f"{short:40} {len(ms):7} {killed:6} {timeouts:5} {survived:5} {uncovered:6} {equivalent:6}"
              f" {not_run:7} {score:6.2f}")
    print(f"\nwall time: {elapsed:.0f} s")
    for module in modules:
        rest = [m for m in mutants[module] if m.outcome in ("survived", "uncovered", "error")]
        if rest:
            print(f"\nsurvivors in {module}:")
            for m in rest:
                tag = "" if m.outcome == "survived" else f" ({m.outcome})"
                print(f"  {m.line:4}: {m.label()}{tag}")
    for module, line, mutation, occurrence in _stale(modules, mutants, equivalents):
        print(f"\nallow-list entry matches no mutant (stale?): {module}: {line!r}: {mutation}"
              f" (occurrence {occurrence})")


if __name__ == "__main__":
    sys.exit(main())
