"""Cold start of the composite Action: a fresh venv, the pinned wheels from PyPI, the first log line.

What the composite Action does on a runner, timed step by step on this machine:
  1. `python -m venv --without-pip` (a new, empty virtual environment);
  2. the runner Python's pip installs into it (`pip --python VENV install --require-hashes --no-deps
     --only-binary=:all: --no-compile -r requirements/action.lock`), with an empty pip cache and pip's
     configuration files ignored, so every wheel comes from PyPI as on a clean machine;
  3. `python -m persona_review.action` against the fake GitHub on a one-file pull request, up to the first
     line it prints and then to its exit.
The bar is steps 1-3 to the first log line in at most 15 s. The baseline, measured in the same run, is
what the Docker action did before its first line: build the package's wheels from source
(`pip wheel .[bedrock,vertex]` under docker/constraints.txt, as the Dockerfile's first stage does) and
install them into a fresh venv, with the same clean cache; the image pull and layer export that a real
`docker build` adds are not counted, so the baseline is a lower bound of the old start-up.

The machine is shared, so wall time moves with its load: each figure is taken --repeat times (default 3,
each from a fresh venv and an empty cache) and the median is held against the bar; the load average and
the CPU seconds the steps used (which the load hardly changes) are printed beside it.

Run: python bench/bench_startup.py [--repeat N] [--no-baseline]
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from action.scenario import HTTP_ENV, NAME, NUMBER, OWNER, SWALLOW, added_file, event, new_fake  # noqa: E402

LOCK = ROOT / "requirements" / "action.lock"
CONSTRAINTS = ROOT / "docker" / "constraints.txt"
BAR_SECONDS = 15.0


def base_python() -> str:
    """The interpreter a runner's setup-python gives: this one's base, not the project's venv."""
    return getattr(sys, "_base_executable", sys.executable)


def clean_env(home: Path) -> dict[str, str]:
    """No pip configuration, no local wheel directories, an empty cache: PyPI only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update({
        "HOME": str(home),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_CACHE_DIR": str(home / "pip-cache"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
    })
    if os.environ.get("PIP_CERT"):
        env["PIP_CERT"] = os.environ["PIP_CERT"]
    return env


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start


def first_line_and_exit(python: Path, work: Path, api_url: str, server_url: str) -> tuple[float, float, str]:
    (work / "event.json").write_text(json.dumps(event("workflow_dispatch")), encoding="utf-8")
    for name in ("out", "summary.md"):
        (work / name).write_text("", encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""), **HTTP_ENV, "PYTHONPATH": str(ROOT / "src"),
        "GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_EVENT_PATH": str(work / "event.json"),
        "GITHUB_REPOSITORY": f"{OWNER}/{NAME}", "GITHUB_API_URL": api_url, "GITHUB_SERVER_URL": server_url,
        "GITHUB_OUTPUT": str(work / "out"), "GITHUB_STEP_SUMMARY": str(work / "summary.md"),
        "GITHUB_WORKSPACE": str(work), "INPUT_GITHUB_TOKEN": "ghs_bench_token",
        "INPUT_PR_NUMBER": str(NUMBER),
    }
    start = time.perf_counter()
    proc = subprocess.Popen([str(python), "-m", "persona_review.action"], env=env, cwd=work,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    first_at = time.perf_counter() - start
    rest, err = proc.communicate()
    done_at = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"the Action failed ({proc.returncode}):\n{first}{rest}\n{err[-2000:]}")
    return first_at, done_at, first.strip()


def composite(work: Path, api_url: str, server_url: str) -> dict[str, float]:
    env = clean_env(work)
    venv = work / "venv"
    t_venv = timed([base_python(), "-m", "venv", "--without-pip", str(venv)], env, work)
    python = venv / "bin" / "python"
    t_install = timed([base_python(), "-m", "pip", "--python", str(python), "install", "--require-hashes",
                       "--no-deps", "--only-binary=:all:", "--no-compile", "-r", str(LOCK)], env, work)
    first, done, line = first_line_and_exit(python, work, api_url, server_url)
    print(f"  first log line: {line[:70]!r}")
    return {"venv": t_venv, "install": t_install, "first_line": first, "run": done}


def docker_like(work: Path) -> dict[str, float]:
    env = clean_env(work)
    env["PIP_CONSTRAINT"] = str(CONSTRAINTS)
    venv = work / "venv"
    t_venv = timed([base_python(), "-m", "venv", str(venv)], env, work)
    python = venv / "bin" / "python"
    t_wheel = timed([str(python), "-m", "pip", "wheel", "--wheel-dir", str(work / "wheels"),
                     f"{ROOT}[bedrock,vertex]"], env, work)
    wheels = sorted(str(p) for p in (work / "wheels").glob("*.whl"))
    t_install = timed([str(python), "-m", "pip", "install", "--no-index", "--no-deps", *wheels], env, work)
    return {"venv": t_venv, "wheel": t_wheel, "install": t_install}


def main() -> int:
    args = sys.argv[1:]
    baseline = "--no-baseline" not in args
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 3
    lock_lines = [x for x in LOCK.read_text(encoding="utf-8").splitlines() if "==" in x]
    print(f"composite Action cold start, {len(lock_lines)} pinned packages, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs")
    totals: list[float] = []
    for n in range(repeat):
        load = os.getloadavg()[0]
        cpu = child_cpu()
        with new_fake() as fake, tempfile.TemporaryDirectory() as tmp:
            fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW)])
            got = composite(Path(tmp), fake.api_url, fake.root)
        cold = got["venv"] + got["install"] + got["first_line"]
        totals.append(cold)
        print(f"  run {n + 1}: venv {got['venv']:.1f} s + pip install {got['install']:.1f} s (empty cache, "
              f"PyPI) + first log line {got['first_line']:.1f} s = {cold:.1f} s; whole review run "
              f"{got['run']:.1f} s; CPU {child_cpu() - cpu:.1f} s; load average {load:.1f}")
    cold = statistics.median(totals)
    verdict = "holds" if cold <= BAR_SECONDS else "FAILS"
    print(f"  cold start to the first log line: median {cold:.1f} s, best {min(totals):.1f} s; "
          f"bar <= {BAR_SECONDS:.0f} s: {verdict}")
    if baseline:
        cpu = child_cpu()
        with tempfile.TemporaryDirectory() as tmp:
            old = docker_like(Path(tmp))
        old_cpu = child_cpu() - cpu
        old_total = sum(old.values())
        print("baseline, the Docker action's build steps without the image pull and export:")
        print(f"  venv {old['venv']:.1f} s + pip wheel from source {old['wheel']:.1f} s + install "
              f"{old['install']:.1f} s = {old_total:.1f} s; CPU {old_cpu:.1f} s; load average "
              f"{os.getloadavg()[0]:.1f}")
        print(f"  composite cold start / baseline = {cold / old_total:.2f}")
    return 0 if cold <= BAR_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
