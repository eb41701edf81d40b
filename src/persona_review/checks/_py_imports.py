"""How a parsed Python module names what it imports, so that a check matching `requests.get` or
`Crypto.Cipher.DES.new` also sees `fetch(...)` after `from requests import get as fetch`, or
`des.new(...)` after `from Crypto.Cipher import DES as des`."""

from __future__ import annotations

import ast

from persona_review.checks._pyflow import Flow


def imported_names(flow: Flow) -> dict[str, str]:
    """What each imported name stands for: `rq` -> `requests` for `import requests as rq`, `fetch` ->
    `requests.get` for `from requests import get as fetch` (absolute imports only; a plain `import x`
    needs no entry)."""
    out: dict[str, str] = {}
    for node in flow.nodes(ast.Import):
        out.update((alias.asname, alias.name) for alias in node.names if alias.asname)
    for imported in flow.nodes(ast.ImportFrom):
        if imported.module and not imported.level:
            out.update((alias.asname or alias.name, f"{imported.module}.{alias.name}")
                       for alias in imported.names if alias.name != "*")
    return out


def canonical(name: str, imported: dict[str, str]) -> str:
    """A call's dotted name with its first part spelled as imported (`fetch` -> `requests.get`)."""
    head, dot, rest = name.partition(".")
    full = imported.get(head)
    return name if full is None else f"{full}{dot}{rest}"
