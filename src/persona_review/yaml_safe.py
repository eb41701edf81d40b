"""YAML read with the safe loader, in C when PyYAML was built with libyaml (the wheels on PyPI are).

The C loader builds the same plain data (mappings, lists, strings, numbers) as `yaml.safe_load` and
raises the same `yaml.YAMLError`s with the same marks, several times faster: the bundled persona's
frontmatter alone took a tenth of an offline review's start-up in pure Python.

The bundled documents (the persona's frontmatter, the checklists) are read on every review, and importing
PyYAML alone compiles its scanner's and resolver's patterns: about 125 M instructions, a tenth of an
offline review of a small pull request. `_bundled_yaml_table.py` (written by
`python -m persona_review._bundled_yaml_index`) holds their data as JSON keyed by a digest of their exact
text; a document it holds is read from there, and PyYAML is imported only for anything else (a user's
persona or config, a changed bundled file). A test keeps the table equal to what PyYAML reads from the
bundled files.

`YAMLError` is PyYAML's own class, imported when first named (`except yaml_safe.YAMLError:` names it only
once an exception is being matched).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from persona_review.digests import blake2b

if TYPE_CHECKING:
    from yaml import YAMLError

__all__ = ["YAMLError", "digest", "parse", "safe_load"]


def digest(text: str | bytes) -> str:
    """The table's key for a document's exact text."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return blake2b(data, digest_size=16).hexdigest()


def safe_load(text: str | bytes) -> Any:
    """The document's data, as `yaml.safe_load` gives it."""
    from persona_review._bundled_yaml_table import DOCUMENTS

    known = DOCUMENTS.get(digest(text))
    if known is not None:
        return json.loads(known)
    return parse(text)


def parse(text: str | bytes) -> Any:
    """The document's data, read by PyYAML (never from the table)."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def __getattr__(name: str) -> Any:
    if name == "YAMLError":
        import yaml

        return yaml.YAMLError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
