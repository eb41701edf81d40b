"""Building blocks for the Action's tests: code changes that trigger checks, events, and one run."""

from __future__ import annotations

import copy
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fakes.github_server import FakeGitHub
from fakes.github_state import FileChange
from persona_review.action.main import main

EVENTS = Path(__file__).resolve().parent.parent / "data" / "github" / "events"
OWNER, NAME, NUMBER = "Codertocat", "Hello-World", 2
"""The repository and pull request of the real payload examples."""

HTTP_ENV = {
    "PERSONA_REVIEW_HTTP_BACKOFF": "0",
    "PERSONA_REVIEW_HTTP_PACING": "0",
    "PERSONA_REVIEW_HTTP_SECONDARY_WAIT": "0",
    "PERSONA_REVIEW_HTTP_TIMEOUT": "2",
}
QUICK_TIMEOUT = {"PERSONA_REVIEW_HTTP_TIMEOUT": "1"}
"""For a run in which the fake stalls a request on purpose: the client gives up after 1 s, not 2."""


def added_file(path: str, lines: list[str]) -> FileChange:
    patch = f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + x for x in lines)
    return FileChange(path, "added", patch)


def appended(path: str, old_count: int, context: list[str], lines: list[str]) -> FileChange:
    """A modification that appends `lines` after the last `len(context)` lines of an `old_count`-line file."""
    start = old_count - len(context) + 1
    body = [" " + x for x in context] + ["+" + x for x in lines]
    patch = f"@@ -{start},{len(context)} +{start},{len(context) + len(lines)} @@\n" + "\n".join(body)
    return FileChange(path, "modified", patch)


def modified_file(path: str, before: list[str], added: list[str], after: list[str]) -> FileChange:
    """A modification inserting `added` between `before` and `after`, shown with git's three lines of
    context either side; the fake knows the whole head file."""
    above, below = before[-3:], after[:3]
    start = len(before) - len(above) + 1
    body = [" " + x for x in above] + ["+" + x for x in added] + [" " + x for x in below]
    patch = f"@@ -{start},{len(above) + len(below)} +{start},{len(above) + len(added) + len(below)} @@\n"
    content = "".join(f"{x}\n" for x in [*before, *added, *after])
    return FileChange(path, "modified", patch + "\n".join(body), content=content)


SWALLOW = ["def cancel(conn, order_id):", "    try:", "        conn.execute('DELETE FROM o WHERE id = %s', (order_id,))",
           "    except Exception:", "        pass", "    return True"]
NO_TIMEOUT = ["import requests", "", "def charge(url):", "    return requests.post(url, json={})"]
TLS_OFF = ["def refund(url):", "    return requests.post(url, verify=False, timeout=10)"]


def event(name: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))
    return _merge(copy.deepcopy(data), changes)


def _merge(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            _merge(data[key], value)
        else:
            data[key] = value
    return data


@dataclass
class Outcome:
    code: int
    log: str
    outputs: dict[str, str]
    summary: str
    calls: int


def run(fake: FakeGitHub, tmp: Path, event_name: str, payload: dict[str, Any], *, run_id: str = "1658821493",
        http: dict[str, str] | None = None, **inputs: str) -> Outcome:
    """One run of the entrypoint as the runner starts it: INPUT_* (hyphens kept) and GITHUB_* variables
    (`run_id` empty: a run without a run id, so without a link to its job summary; `http` overrides
    HTTP_ENV)."""
    tmp.mkdir(parents=True, exist_ok=True)
    event_path = tmp / "event.json"
    event_path.write_text(json.dumps(payload), encoding="utf-8")
    out_file, summary_file = tmp / "output.txt", tmp / "summary.md"
    out_file.write_text("", encoding="utf-8")
    summary_file.write_text("", encoding="utf-8")
    env = {
        **HTTP_ENV,
        **(http or {}),
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_REPOSITORY": f"{OWNER}/{NAME}",
        "GITHUB_API_URL": fake.api_url,
        "GITHUB_SERVER_URL": fake.root,
        "GITHUB_OUTPUT": str(out_file),
        "GITHUB_STEP_SUMMARY": str(summary_file),
        "GITHUB_WORKSPACE": str(tmp),
        **({"GITHUB_RUN_ID": run_id} if run_id else {}),
        "INPUT_GITHUB-TOKEN": "ghs_faketoken123",
    }
    env.update({f"INPUT_{k.upper().replace('_', '-')}": v for k, v in inputs.items()})
    stdout = io.StringIO()
    mark = len(fake.calls)
    code = main(env, stdout)
    return Outcome(code, stdout.getvalue(), parse_outputs(out_file.read_text(encoding="utf-8")),
                   summary_file.read_text(encoding="utf-8"), len(fake.calls) - mark)


def parse_outputs(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            key, delim = line.split("<<", 1)
            block: list[str] = []
            for inner in lines:
                if inner == delim:
                    break
                block.append(inner)
            out[key] = "\n".join(block)
        elif "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
    return out


def new_fake() -> FakeGitHub:
    fake = FakeGitHub()
    fake.state.owner, fake.state.name = OWNER, NAME
    return fake
