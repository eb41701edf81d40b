"""JavaScript/TypeScript packages that are servers, known from their `package.json`.

A module of a Node service often shows nothing of the server in its own path or first lines: `src/lib/
features/feature-toggle-store.ts` imports only its neighbours. Its package does: the nearest `package.json`
above it depends on a server framework. A file there that no detector placed (not a test, not a browser
component, no server import of its own) is then server code, unless the same package also depends on a
browser UI framework (a full-stack package whose modules may run on either side: those still need a
signal of their own).

The manifests are read, never run, through the same source as whole files (the Action's checkout, the
CLI's working tree); a change read without one gets no such decision.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePosixPath

Reader = Callable[[Sequence[str]], Mapping[str, str]]

SERVER_FRAMEWORKS = frozenset({
    "express", "koa", "fastify", "@nestjs/core", "@hapi/hapi", "hapi", "restify", "@apollo/server",
    "apollo-server", "apollo-server-express", "@adonisjs/core", "@feathersjs/feathers", "hono",
    "@hono/node-server", "@trpc/server", "moleculer", "sails", "loopback", "@loopback/core", "polka", "micro",
})
"""Dependencies that make a package an HTTP or RPC server."""
UI_FRAMEWORKS = frozenset({
    "react", "react-dom", "vue", "svelte", "@angular/core", "solid-js", "preact", "next", "nuxt",
    "@remix-run/react", "astro", "@sveltejs/kit", "ember-source", "lit", "@builder.io/qwik",
})
"""Dependencies that say some modules of the package render in a browser."""
_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_JS_TS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")


def is_js_module(path: str) -> bool:
    """A JavaScript/TypeScript module of code (not JSX, not a `.d.ts` declaration file)."""
    return path.endswith(_JS_TS) and not path.endswith(".d.ts")


def manifests_above(path: str) -> list[str]:
    """The `package.json` of each folder above `path`, nearest first, the root's last."""
    return ["package.json" if str(p) == "." else f"{p}/package.json" for p in PurePosixPath(path).parents]


def package_files(changed: Iterable[str]) -> list[str]:
    """`package.json` in every folder above a changed file and at the root, nearest first per file."""
    out = list(dict.fromkeys(name for path in changed for name in manifests_above(path)))
    return out or ["package.json"]


def server_packages(read: Reader, paths: Iterable[str]) -> dict[str, str]:
    """For each JS/TS module of `paths` whose nearest `package.json` makes it a server package: why (the
    manifest and the framework it depends on)."""
    modules = [path for path in paths if is_js_module(path)]
    if not modules:
        return {}
    verdicts = {name: _server_framework(text) for name, text in read(package_files(modules)).items()}
    out: dict[str, str] = {}
    for path in modules:
        nearest = next((name for name in manifests_above(path) if name in verdicts), None)
        framework = verdicts.get(nearest) if nearest is not None else None
        if nearest is not None and framework:
            out[path] = f"{nearest} depends on {framework}"
    return out


def declared_dependencies(text: str | None, sections: Sequence[str] = _SECTIONS) -> dict[str, object]:
    """Every package a manifest's `sections` name, with its spec as written (a package named in several
    keeps the first section's spec); empty when the manifest cannot be read."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    named: dict[str, object] = {}
    for section in sections:
        deps = data.get(section)
        if isinstance(deps, dict):
            named = {**{str(key): spec for key, spec in deps.items()}, **named}
    return named


def _server_framework(text: str) -> str:
    """The server framework a manifest depends on ("" when none, or when it also depends on a UI
    framework, or when it cannot be read)."""
    named = declared_dependencies(text).keys()
    if named & UI_FRAMEWORKS:
        return ""
    return min(named & SERVER_FRAMEWORKS, default="")
