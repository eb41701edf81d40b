"""A whole offline CLI review of one real pull request against bandit on the same pull request, same run.

The pull request is a commit of a local git clone (default: pallets/flask's merge of #5928, "all teardown
callbacks are called despite errors": 10 files, 3 of them application code). The bench writes the PR's diff
and the head version of every changed file to a temporary directory, then times, alternately and
--repeat times each, as separate processes of this interpreter:

  - `persona-review review --diff PR.diff --offline --workspace HEAD` (every reviewed file whole);
  - `bandit -q` on the Python files persona-review reviews (the like-for-like comparison), and
  - `bandit -q` on every changed Python file, tests included (what a CI step over the diff runs);
  - `python -c pass`, the interpreter's own start-up (the floor both share).

Both tools run with bytecode caches (a warm-up run of each fills a private PYTHONPYCACHEPREFIX first), as
they would from an installed wheel. CPU time (the children's user + system time) and wall time are
medians; ratios are ours / bandit's. The bar: our CPU time at or below bandit's on the same files. On a
busy machine CPU time still moves with the load (shared caches); with --instructions, each command also
runs once under valgrind's callgrind, whose count of executed instructions does not move at all.

bandit is not a dependency of persona-review: install it into the environment to run this
(`pip install bandit`); without it the bench says so and exits.

    python bench/bench_vs_bandit.py --repo PATH/TO/flask [--commit SHA] [--repeat 7] [--instructions]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from persona_review.config import Config
from persona_review.diff import FileStatus, parse_diff
from persona_review.persona import load_persona
from persona_review.triggers import select_files

DEFAULT_COMMIT = "c34d6e81fd8e405e6d4178bf24b364918811ef17"
"""pallets/flask, merge of pull request #5928 (first parent: main before it)."""


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, check=True).stdout


def _git_dir(repo: Path) -> Path:
    """The git directory of a clone or of a bare repository."""
    return repo / ".git" if (repo / ".git").exists() else repo


def materialise(repo: Path, commit: str, into: Path) -> tuple[Path, Path, list[str]]:
    """The PR's diff, a directory with the head version of each changed file, and the changed paths."""
    git_dir = _git_dir(repo)
    diff = _git(git_dir, "diff", f"{commit}^1", commit)
    (into / "pr.diff").write_bytes(diff)
    head = into / "head"
    changed = _git(git_dir, "diff", "--name-only", "--diff-filter=d", f"{commit}^1", commit).decode().split()
    for path in changed:
        target = head / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(git_dir, "show", f"{commit}:{path}"))
    return into / "pr.diff", head, changed


def reviewed_paths(diff_path: Path) -> list[str]:
    """The files persona-review reviews in this diff (the bundled persona, default config)."""
    diff = parse_diff(diff_path.read_bytes())
    selection = select_files(diff, load_persona(None), Config())
    return [f.path for f in selection.reviewed if f.status is not FileStatus.DELETED]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd`; exit codes 0 and 1 (findings) are both fine."""
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    return wall, _children_cpu() - cpu


def instructions(cmd: list[str], env: dict[str, str], cwd: Path) -> int:
    """Instructions executed by one run of `cmd`, counted by callgrind."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cwd / 'callgrind.out'}",
                           *cmd], env=env, cwd=cwd, capture_output=True, text=True, check=False)
    found = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if proc.returncode not in (0, 1) or found is None:
        raise SystemExit(f"callgrind failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, help="a local clone (or bare git directory) of the project")
    parser.add_argument("--commit", default=DEFAULT_COMMIT, help="the PR's merge commit (diffed to its ^1)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    if importlib.util.find_spec("bandit") is None:
        print("skipped: bandit is not installed in this environment (pip install bandit to compare)")
        return 0
    if args.repo is None or not args.repo.exists():
        print("skipped: give --repo, a local clone of the project (default commit: pallets/flask "
              f"{DEFAULT_COMMIT[:10]}, `git clone https://github.com/pallets/flask`)")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-vs-bandit-") as tmp:
        work = Path(tmp)
        diff, head, changed = materialise(args.repo, args.commit, work)
        ours_files = reviewed_paths(diff)
        python_changed = [p for p in changed if p.endswith(".py")]
        dropped = ("PYTHONDONTWRITEBYTECODE", "ANTHROPIC_API_KEY")
        env = {k: v for k, v in os.environ.items() if k not in dropped}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        py = sys.executable
        commands = {
            "persona-review": [py, "-m", "persona_review", "review", "--diff", str(diff), "--offline",
                               "--workspace", str(head)],
            "bandit, same files": [py, "-m", "bandit", "-q", *(str(head / p) for p in ours_files)],
            "bandit, all changed .py": [py, "-m", "bandit", "-q", *(str(head / p) for p in python_changed)],
            "python -c pass": [py, "-c", "pass"],
        }
        for cmd in commands.values():
            timed(cmd, env, work)  # warm-up: fills the bytecode cache
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                runs[name].append(timed(cmd, env, work))
        counts: dict[str, int] = {}
        if args.instructions and shutil.which("valgrind") is None:
            print("no valgrind on PATH: instruction counts skipped")
        elif args.instructions:
            counts = {name: instructions(cmd, env, work) for name, cmd in commands.items()}
    print(f"PR {args.commit[:10]} of {args.repo}: {len(changed)} changed files, "
          f"{len(python_changed)} Python; persona-review reviews {len(ours_files)}: {', '.join(ours_files)}")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"medians of {args.repeat} runs")
    medians = {name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
               for name, got in runs.items()}
    floor_cpu = medians["python -c pass"][1] or float("nan")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<24} CPU {cpu:.3f} s ({cpu / floor_cpu:4.1f}x the interpreter's start-up)  "
              f"wall {wall:.3f} s")
    ours_wall, ours_cpu = medians["persona-review"]
    for name in ("bandit, same files", "bandit, all changed .py"):
        wall, cpu = medians[name]
        print(f"persona-review / {name}: CPU {ours_cpu / cpu:.2f}x, wall {ours_wall / wall:.2f}x")
    if counts:
        floor = counts["python -c pass"]
        print("instructions executed (callgrind, one run each):")
        for name, count in counts.items():
            print(f"  {name:<24} {count / 1e6:8.1f} M ({count / floor:4.1f}x the interpreter's start-up)")
        for name in ("bandit, same files", "bandit, all changed .py"):
            print(f"persona-review / {name}: instructions {counts['persona-review'] / counts[name]:.2f}x")
    same_cpu = medians["bandit, same files"][1]
    verdict = "holds" if ours_cpu <= same_cpu else "FAILS"
    print(f"bar: the whole offline review at or below bandit on the same files (CPU): {verdict}")
    if counts:
        verdict = "holds" if counts["persona-review"] <= counts["bandit, same files"] else "FAILS"
        print(f"bar: the same, in instructions executed: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
