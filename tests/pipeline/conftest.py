from __future__ import annotations

from pathlib import Path

import pytest

from persona_review.persona import Persona, load_persona

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "pipeline"
SAMPLE_DIFF = ROOT / "examples" / "sample.diff"


@pytest.fixture
def persona() -> Persona:
    return load_persona(str(DATA / "persona.md"))


def file_diff(path: str, new_lines: list[str], *, start: int = 1, old_lines: list[str] | None = None) -> str:
    """A one-hunk diff of `path` whose new side starts at line `start`."""
    old = old_lines or []
    header = f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"
    if not old and start == 1:
        header = f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        hunk = f"@@ -0,0 +1,{len(new_lines)} @@\n"
    else:
        hunk = f"@@ -{start},{len(old)} +{start},{len(new_lines)} @@\n"
    body = "".join(f"-{line}\n" for line in old) + "".join(f"+{line}\n" for line in new_lines)
    return header + hunk + body
