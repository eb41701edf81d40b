"""Export the migrations a repository's history added, one directory per commit, for
`eval_migration_suites.py --cases`.

    python bench/migration_history.py GIT_DIR NAME OUT PATHSPEC...

For every commit that adds a file matching PATHSPEC, writes each matching file it adds as
OUT/NAME@SHORT_SHA/PATH (the text at that commit: the migration as its pull request added it) and appends
{"change", "path"} to OUT/changes.jsonl. Labels are written by hand to OUT/labels.jsonl with the keys
change, path, label ("flag" or "safe"), framework and engine ("unknown" when the code serves several).
Nothing here runs the repository's code.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def git(git_dir: str, *args: str) -> str:
    done = subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True, text=True, check=True)
    return done.stdout


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    git_dir, name, out, *specs = argv
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    log = git(git_dir, "log", "--all", "--diff-filter=A", "--name-only", "--format=@%H", "--", *specs)
    changes: dict[str, list[str]] = {}
    sha = ""
    for line in log.splitlines():
        if line.startswith("@"):
            sha = line[1:]
        elif line.strip():
            changes.setdefault(sha, []).append(line.strip())
    with (root / "changes.jsonl").open("a", encoding="utf-8") as index:
        for sha, paths in changes.items():
            change = f"{name}@{sha[:10]}"
            for path in paths:
                target = root / change / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(git(git_dir, "show", f"{sha}:{path}"), encoding="utf-8")
                index.write(json.dumps({"change": change, "path": path}) + "\n")
    print(f"{sum(len(p) for p in changes.values())} file(s) from {len(changes)} commit(s) in {root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
