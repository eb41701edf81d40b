"""A password put through a fast digest (MD5, SHA-1, SHA-256, SHA-512 ...) in any language.

A general-purpose digest is built to be fast: a GPU tries billions of guesses a second against it, salted or
not, so a leaked table of such hashes gives up most of its passwords. The shape is the same everywhere: a
digest call whose argument is the password (`hashlib.sha256(password.encode())`, `createHash("sha256")
.update(password)`, `sha256.Sum256([]byte(password))`, `md.digest(password.getBytes())`,
`Digest::SHA256.hexdigest(password)`), or whose result is stored as the password hash
(`password_digest = Digest::SHA256.hexdigest(plain)`).

Quiet: digests of tokens and API keys (high-entropy values, where a fast digest is right), the key
derivation functions (`pbkdf2_hmac`, `scrypt`, `bcrypt`, `argon2` are not matched as digests), and the
SHA-1 a breached-password lookup (Have I Been Pwned's k-anonymity range API) is defined to take.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed
from persona_review.checks._secret_names import words
from persona_review.checks._spans import lines_of
from persona_review.lazy_re import lazy_re

_FAST_DIGEST: dict[str, re.Pattern[str]] = {
    "python": lazy_re(
        r"\bhashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|sha3_\d+|blake2[bs]|new)\s*\("
    ),
    "javascript": lazy_re(
        r"\bcreateHash\s*\([^)]*\)\s*\.update\s*\(|\bCryptoJS\.(?:MD5|SHA1|SHA224|SHA256|SHA384|SHA512|SHA3)\s*\("
    ),
    "go": lazy_re(r"\b(?:md5|sha1|sha256|sha512)\.Sum(?:224|256|384|512|512_224|512_256)?\s*\("),
    "java": lazy_re(
        r"\.digest\s*\(|\bDigestUtils\.(?:md5|sha1|sha256|sha384|sha512|sha)(?:Hex)?\s*\("
        r"|\bHashing\.(?:md5|sha1|sha256|sha384|sha512)\s*\(\s*\)\s*\.hash(?:String|Bytes|Unencoded\w*)\s*\("
    ),
    "ruby": lazy_re(
        r"\b(?:OpenSSL::)?Digest::(?:MD5|SHA1|SHA256|SHA384|SHA512|SHA2)\.(?:hex|base64)?digest\s*\("
        r"|\bOpenSSL::Digest\.(?:hex|base64)?digest\s*\("
    ),
}
_FAST_DIGEST["typescript"] = _FAST_DIGEST["javascript"]

_PASSWORD_WORDS = frozenset({"password", "passwd", "passphrase", "pwd", "pass"})
_IDENTIFIER = lazy_re(r"[A-Za-z_][\w]*")
_STORED_AS_HASH = lazy_re(
    r"(?i)\b\w*(?:password|passwd|pwd)_?(?:hash|digest|hashed)\w*\s*(?::|=(?!=))"
    r"|\b(?:hashed|encrypted|crypted)_?(?:password|passwd|pwd)\w*\s*(?::|=(?!=))"
)
"""`password_hash = ...`, `passwordHash: ...`, `self.password_digest = ...`, `hashed_password = ...`."""
_CONSTANT_TIME = lazy_re(r"(?i)secure_compare|compare_digest|timingSafeEqual|ConstantTimeCompare|"
                         r"MessageDigest\.isEqual|hmac\.Equal")
_BREACH_LOOKUP = lazy_re(r"(?i)pwned|k-?anonymity|/range/")


def breach_lookup(file_text: str) -> bool:
    """The file asks a breached-password service (Have I Been Pwned's k-anonymity range API), which is
    defined to take the password's SHA-1: the digest there is a lookup key, not a stored hash."""
    return _BREACH_LOOKUP.search(file_text) is not None


def _names_password(text: str) -> str:
    """The password-named identifier in `text` (`password`, `user.password`, `rawPassword`), or ""."""
    for match in _IDENTIFIER.finditer(text):
        parts = words(match.group())
        if parts and parts[-1] in _PASSWORD_WORDS and not (parts[-1] == "pass" and len(parts) == 1):
            return match.group()
    return ""


def password_digest_lines(lexed: Lexed, language: str, file_text: str) -> Iterator[tuple[int, str]]:
    """(line, what) for each line that puts a password through a fast digest; `what` names the password
    or the hash it is stored as."""
    pattern = _FAST_DIGEST.get(language)
    if pattern is None or breach_lookup(file_text):
        return
    for no, code, bare in lines_of(lexed):
        match = pattern.search(code)
        if match is None or bare[match.start()] == " ":
            continue
        if _CONSTANT_TIME.search(code):
            continue  # both sides hashed to compare them in constant time (`secure_compare(sha(a), sha(b))`)
        after = bare[match.end():]
        named = _names_password(after)
        if named:
            yield no, f"`{named}` is hashed with a fast digest"
            continue
        stored = _STORED_AS_HASH.search(bare[: match.start()])
        if stored:
            target = stored.group().rstrip(":= ").rsplit(".", 1)[-1]
            yield no, f"`{target}` is made with a fast digest"


FAST_FOR_PASSWORDS = (
    "a general-purpose digest is fast by design, so a leaked table of these hashes gives up its passwords "
    "to a GPU. Store passwords with argon2, bcrypt or scrypt (or PBKDF2 with a random salt and a high "
    "iteration count)."
)
"""The reason given with every password-digest hit."""

FIXED_IV = ("The IV is the same for every message: equal plaintexts encrypt the same, and with GCM or CTR a "
            "repeated IV gives away the key stream.")
"""The reason given with every fixed-IV hit (JavaScript, Ruby)."""
