from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BACKEND_FIXTURES = ROOT / "tests" / "data" / "personas" / "backend"
SEED_FORMATS = ("flag.md", "skill.md", "lists.md", "subagent.md", "agent.md", "native.md")


def new_file(path: str, lines: list[str]) -> str:
    """A diff adding `path` with `lines`."""
    body = "".join(f"+{line}\n" for line in lines)
    return (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n{body}"
    )
