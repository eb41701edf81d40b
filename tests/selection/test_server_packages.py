"""A JS/TS module that nothing in its own path or lines places is reviewed when its package's manifest
depends on a server framework and on no browser UI framework; a directory's name (`client-x/`) then says
less than the manifest, while static-asset folders (`public/`) and UI packages stay frontend."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.persona import load_persona
from persona_review.selection.packages import Reader, manifests_above, server_packages
from persona_review.triggers import select_files

SERVER = json.dumps({"name": "flags", "dependencies": {"express": "^4.21.0", "knex": "^3.1.0"}})
FULL_STACK = json.dumps({"name": "shop", "dependencies": {"express": "^4.21.0", "react": "^18.3.0"}})


def _reader(files: Mapping[str, str]) -> tuple[list[list[str]], Reader]:
    asked: list[list[str]] = []

    def read(paths: Sequence[str]) -> dict[str, str]:
        asked.append(list(paths))
        return {path: files[path] for path in paths if path in files}

    return asked, read


def _diff(*paths: str) -> str:
    return "".join(
        f"diff --git a/{p} b/{p}\nnew file mode 100644\n--- /dev/null\n+++ b/{p}\n@@ -0,0 +1,2 @@\n"
        f"+export function featureCount(rows: Row[]): number {{\n+  return rows.length;\n"
        for p in paths
    )


def _reviewed(diff: str, files: Mapping[str, str] | None) -> dict[str, str]:
    read = _reader(files)[1] if files is not None else None
    selection = select_files(parse_diff(diff), load_persona(None), Config(), read)
    return {d.path: d.reason for d in selection.decisions if d.reviewed}


def test_the_nearest_manifest_decides_and_ui_frameworks_veto() -> None:
    assert manifests_above("src/lib/x.ts") == ["src/lib/package.json", "src/package.json", "package.json"]
    files = {"package.json": SERVER, "web/package.json": FULL_STACK}
    _asked, read = _reader(files)
    found = server_packages(read, ["src/lib/store.ts", "web/src/api.ts", "docs/notes.md"])
    assert found == {"src/lib/store.ts": "package.json depends on express"}


def test_a_broken_or_missing_manifest_decides_nothing() -> None:
    for text in ("{not json", "[]", json.dumps({"dependencies": ["express"]})):
        _asked, read = _reader({"package.json": text})
        assert server_packages(read, ["src/a.ts"]) == {}


def test_modules_of_a_server_package_are_reviewed() -> None:
    diff = _diff("src/lib/features/flag-store.ts", "src/lib/features/client-flags/flag-cache.ts",
                 "public/js/menu.js")
    assert _reviewed(diff, None) == {}
    reviewed = _reviewed(diff, {"package.json": SERVER})
    assert set(reviewed) == {"src/lib/features/flag-store.ts", "src/lib/features/client-flags/flag-cache.ts"}
    assert reviewed["src/lib/features/flag-store.ts"] == (
        "detector server-js: in a server package (package.json depends on express)")


def test_a_full_stack_package_needs_signals_of_its_own() -> None:
    assert _reviewed(_diff("src/lib/format.ts"), {"package.json": FULL_STACK}) == {}


def test_no_manifest_is_read_when_every_file_is_placed() -> None:
    asked, read = _reader({"package.json": SERVER})
    diff = _diff("server/routes/flags.ts")
    select_files(parse_diff(diff), load_persona(None), Config(), read)
    assert asked == []


def _edit(path: str, line: int, old: str, new: str) -> str:
    return (f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -{line},1 +{line},1 @@\n"
            f"-{old}\n+{new}\n")


PROVIDER = "\n".join([
    "import { Injectable } from '@nestjs/common';",
    "import { env } from 'node:process';",
    "",
    "@Injectable()",
    "export class GmbProvider {",
    "  refresh(token: string) {",
    "    return this.client.refresh(token, env.GMB_SECRET);",
    "  }",
    "}",
]) + "\n"


def test_a_module_whose_whole_file_imports_server_modules_is_reviewed() -> None:
    # The change shows one line of a method; the imports above it say what the file is.
    diff = _edit("libs/providers/gmb.provider.ts", 7, "    return this.client.refresh(token);",
                 "    return this.client.refresh(token, env.GMB_SECRET);")
    assert _reviewed(diff, None) == {}
    reviewed = _reviewed(diff, {"libs/providers/gmb.provider.ts": PROVIDER})
    assert reviewed == {
        "libs/providers/gmb.provider.ts": "detector server-js (the whole file imports @nestjs/common)"}


def test_a_copy_that_does_not_hold_the_change_decides_nothing() -> None:
    diff = _edit("libs/providers/gmb.provider.ts", 7, "    return 1;", "    return 2;")
    assert _reviewed(diff, {"libs/providers/gmb.provider.ts": PROVIDER}) == {}


def test_imports_of_browser_modules_leave_a_module_unplaced() -> None:
    text = "import { ref } from 'vue';\nexport const count = ref(0);\nexport const step = 1;\n"
    diff = _edit("libs/state/counter.ts", 3, "export const step = 2;", "export const step = 1;")
    assert _reviewed(diff, {"libs/state/counter.ts": text}) == {}
