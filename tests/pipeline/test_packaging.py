"""Housekeeping that users and editors rely on: the license, package metadata, the schema's public URL."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_ASSET = "persona-review.schema.json"


def test_license_file_matches_the_declared_license() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
    assert "COPY pyproject.toml README.md LICENSE ./" in (ROOT / "Dockerfile").read_text(encoding="utf-8"), (
        "the image's build stage needs the license file the metadata names")
    assert "!LICENSE" in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()


def test_metadata_has_urls_and_classifiers() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {"Homepage", "Source", "Issues", "Config schema"} <= set(project["urls"])
    assert "Programming Language :: Python :: 3.11" in project["classifiers"]
    assert all(" :: " in c for c in project["classifiers"])


def test_schema_id_is_the_asset_every_release_publishes() -> None:
    schema = json.loads((ROOT / "schema" / SCHEMA_ASSET).read_text(encoding="utf-8"))
    assert schema["$id"].endswith(f"/releases/latest/download/{SCHEMA_ASSET}")
    release = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    steps = [s for job in release["jobs"].values() for s in job["steps"]]
    publish = next(s["run"] for s in steps if "gh release create" in s.get("run", ""))
    assert f"cp schema/{SCHEMA_ASSET} dist/{SCHEMA_ASSET}" in publish and "dist/*" in publish
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Config schema"] == schema["$id"]
    assert schema["$id"] in (ROOT / "README.md").read_text(encoding="utf-8")
