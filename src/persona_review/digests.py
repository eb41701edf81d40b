"""SHA-256 and BLAKE2b without loading OpenSSL.

`import hashlib` loads `_hashlib`, the OpenSSL binding, which costs more start-up than anything else
hashlib does. CPython also builds its own SHA-256 and BLAKE2 (`_sha256` in 3.11, `_sha2` from 3.12,
`_blake2`); they give the same digests, and hashlib itself falls back to them when OpenSSL is missing. A
review hashes a few short strings (finding fingerprints, the keys of the pattern and YAML tables), so the
built-in ones are all it needs; `hashlib` stays the fallback for an interpreter built without them.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without its own BLAKE2
    from hashlib import blake2b

try:
    from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # Python 3.11
    except ImportError:  # pragma: no cover
        from hashlib import sha256  # type: ignore[assignment,unused-ignore]

__all__ = ["blake2b", "sha256"]
