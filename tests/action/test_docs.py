"""The workflow examples in the README are complete workflows that pass GitHub's workflow schema."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

DOC = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
WORKFLOWS = [b for b in BLOCKS if b.startswith("name:")]


def test_every_way_to_run_it_has_an_example() -> None:
    triggers = {next(iter(yaml.safe_load(b)[True])) for b in WORKFLOWS}  # YAML 1.1 reads `on` as True
    assert triggers == {"pull_request", "workflow_dispatch", "issue_comment", "pull_request_target"}


@pytest.mark.parametrize("block", WORKFLOWS)
def test_example_has_minimal_permissions_and_no_checkout(block: str) -> None:
    data = yaml.safe_load(block)
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert not any("checkout" in str(step.get("uses", "")) for step in job["steps"])


def test_examples_pass_the_workflow_schema(tmp_path: Path) -> None:
    paths = []
    for i, block in enumerate(WORKFLOWS):
        path = tmp_path / f"example_{i}.yml"
        path.write_text(block, encoding="utf-8")
        paths.append(str(path))
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *paths],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
