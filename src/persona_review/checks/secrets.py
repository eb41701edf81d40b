"""Hard-coded secrets in any language: provider keys recognised by their prefix, private keys, literal
passwords/tokens assigned to secret-named variables, and literal JWT signing keys."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, lines_of, split_args
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_CODE_LANGS = frozenset({"python", "javascript", "typescript", "go", "java"})
_ANY = _CODE_LANGS | frozenset(
    {
        "ruby",
        "php",
        "kotlin",
        "scala",
        "csharp",
        "rust",
        "yaml",
        "json",
        "toml",
        "terraform",
        "shell",
        "dockerfile",
        "unknown",
    }
)

_KNOWN_KEYS = re.compile(
    r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"  # AWS access key id
    r"|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b"  # GitHub tokens
    r"|\bxox[abposr]-[A-Za-z0-9-]{10,}"  # Slack tokens
    r"|\b[sr]k_live_[0-9A-Za-z]{20,}\b"  # Stripe live keys
    r"|\bAIza[0-9A-Za-z_-]{35}\b"  # Google API key
    r"|\bglpat-[0-9A-Za-z_-]{20,}\b"  # GitLab token
    r"|\bsk-ant-[0-9A-Za-z_-]{20,}"  # Anthropic key
    r"|\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b"  # SendGrid key
    r"|-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY( BLOCK)?-----"
)
_KEY_HINT = re.compile(r"AKIA|ASIA|gh[pousr]_|github_pat_|xox|_live_|AIza|glpat-|sk-ant-|SG\.|PRIVATE KEY")
_PLACEHOLDER = re.compile(r"EXAMPLE|XXXX|xxxx|\.\.\.|<[^>]*>|\*{4}")


@register(
    CheckSpec(
        id="ANY-SECRET-KEY",
        checklist_item="SEC-06",
        category=Category.SECURITY,
        severity=Severity.CRITICAL,
        languages=_ANY,
        title="Credential or private key committed to the repository",
        explanation=(
            "This looks like a live provider key or a private key. Anything pushed to git is copied to every "
            "clone, fork and CI log and stays in history after deletion. Revoke and rotate the key now, then "
            "load it from a secret store or environment variable at run time."
        ),
    )
)
def known_keys(ctx: FileContext) -> Iterator[Hit]:
    for no, text in ctx.lines.items():
        if not _KEY_HINT.search(text):
            continue
        match = _KNOWN_KEYS.search(text)
        if match is not None and not _PLACEHOLDER.search(match.group(0)):
            yield Hit(no)


_SECRET_WORDS = frozenset(
    {
        "pass",
        "pw",
        "passwd",
        "password",
        "passphrase",
        "pwd",
        "secret",
        "secrete",
        "token",
        "apikey",
        "credential",
        "credentials",
        "privatekey",
        "accesskey",
        "secretkey",
        "clientsecret",
        "authtoken",
        "accesstoken",
    }
)
_KEY_PAIRS = frozenset(
    {
        ("api", "key"),
        ("private", "key"),
        ("access", "key"),
        ("secret", "key"),
        ("signing", "key"),
        ("encryption", "key"),
        ("client", "secret"),
        ("master", "key"),
    }
)
_NOT_SECRET_SUFFIX = frozenset(
    {
        "url",
        "uri",
        "path",
        "file",
        "filename",
        "field",
        "name",
        "type",
        "prefix",
        "header",
        "endpoint",
        "label",
        "param",
        "env",
        "var",
        "template",
        "length",
        "len",
        "count",
        "min",
        "max",
        "policy",
        "regex",
        "pattern",
        "format",
        "route",
        "dir",
        "id",
        "expiry",
        "expires",
        "ttl",
        "timeout",
        "hash",
        "reset",
        "hint",
        "input",
        "placeholder",
        "error",
        "message",
        "msg",
        "question",
        "strength",
        "mode",
        "enabled",
        "required",
        "changed",
        "at",
        "lifetime",
        "age",
        "size",
        "prompt",
        "text",
        "title",
        "help",
        "description",
        "column",
        "attr",
        "attribute",
        "location",
        "source",
        "kind",
        "style",
        "class",
        "selector",
        "regexp",
        "validator",
        "rule",
        "rules",
        "link",
        "page",
        "view",
        "form",
        "button",
        "icon",
        "cookie",
        "parameter",
        "method",
        "algorithm",
        "encoding",
        "scheme",
        "store",
        "provider",
        "manager",
        "service",
        "handler",
        "checker",
        "char",
        "chars",
    }
)
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_ASSIGNED = re.compile(
    r"""(?P<lhs>[A-Za-z_$][\w.$]*)(?:\s*\[\s*(?P<kq>["'])(?P<key>[^"'\]]+)(?P=kq)\s*\])?"""
    r"""(?:\s*:\s*[\w.\[\], |]+?|\s+(?:string|String|str|\[\]byte|final\s+String))?"""
    r"""\s*(?::=|===|!==|==|!=|=(?![=>~]))\s*(?:\[\]byte\(\s*)?(?P<q>["'`])(?P<val>[^"'`\n]*)(?P=q)"""
)
_KEYED = re.compile(
    r"""(?P<kq>["']?)(?P<key>[A-Za-z_$][\w.$-]*)(?P=kq)\s*(?::|=>)\s*(?P<q>["'`])(?P<val>[^"'`\n]*)(?P=q)"""
)
_COMPARED = re.compile(
    r"""(?P<q>["'`])(?P<val>[^"'`\n]*)(?P=q)\s*(?:===|!==|==|!=)\s*(?P<lhs>[A-Za-z_$][\w.$]*)"""
)
_URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"`]+:(?P<val>[^@/\s'\"`]{6,})@[\w.-]+")
_NAMEISH_VALUE = re.compile(r"^[a-z0-9]+(?:[_.\-:][a-z0-9]+)+$|^[A-Z0-9]+(?:_[A-Z0-9]+)+$")


def _words(name: str) -> list[str]:
    return [w.lower() for part in re.split(r"[_\-.$\s]+", name) for w in _CAMEL.findall(part)]


_SECRETISH = re.compile(r"(?i)pass|pwd|pw\b|secret|token|key|credential|://[^/\s]*:[^/\s]*@")


def is_secret_name(name: str) -> bool:
    """Does a variable/key named `name` hold a secret (and not, say, a secret's URL or field name)?"""
    words = _words(name)
    if not words or words[-1] in _NOT_SECRET_SUFFIX:
        return False
    if any(w in _SECRET_WORDS for w in words):
        return True
    return any(pair in _KEY_PAIRS for pair in itertools.pairwise(words))


def is_secret_value(value: str, named: bool = True) -> bool:
    """Could `value` be a literal credential (not empty, a placeholder, a reference or a field name)?"""
    if not value.strip() or value.startswith(("$", "%", "{", "<", "#", "/", "./", "~")) or "://" in value:
        return False
    if _PLACEHOLDER.search(value):
        return False
    # the name of a setting or field that holds a secret is not the secret itself
    names_a_secret = _NAMEISH_VALUE.match(value) and any(
        w in _SECRET_WORDS or w == "key" for w in _words(value)
    )
    return not named or not names_a_secret


@register(
    CheckSpec(
        id="ANY-HARDCODED-PASSWORD",
        checklist_item="SEC-06",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=_CODE_LANGS,
        title="Password, token or secret written into the source",
        explanation=(
            "A literal credential in code is shared with everyone who can read the repository and cannot be "
            "rotated without a deploy; test defaults like this tend to reach production. Read it from the "
            "environment or a secret manager, and rotate the value if it was ever real."
        ),
    )
)
def hardcoded_password(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, bare in lines_of(lexed):
        if not _SECRETISH.search(code) or ('"' not in code and "'" not in code and "`" not in code):
            continue
        found = False
        for match in _ASSIGNED.finditer(code):
            if bare[match.start()] == " ":
                continue  # starts inside a string or comment
            name = match.group("key") or match.group("lhs").rsplit(".", 1)[-1]
            if is_secret_name(name) and is_secret_value(match.group("val")):
                found = True
                break
        if not found:
            for match in _COMPARED.finditer(code):
                if bare[match.start()] != " " and is_secret_name(match.group("lhs").rsplit(".", 1)[-1]):
                    found = is_secret_value(match.group("val"))
                    if found:
                        break
        if not found:
            url = _URL_CREDENTIALS.search(code)
            found = url is not None and is_secret_value(url.group("val"))
        if not found:
            for match in _KEYED.finditer(code):
                if bare[match.start()] == " " and match.group("kq") == "":
                    continue
                if is_secret_name(match.group("key")) and is_secret_value(match.group("val")):
                    found = True
                    break
        if found:
            yield Hit(no)


_JWT_KEY_CALL = re.compile(
    r"\b(?:\w*jwt\w*|jsonwebtoken|JWT|jose|jws)\.(?:encode|decode|sign|verify)\s*\(|\bcreateHmac\s*\(|\bhmac\.new\s*\("
)
_LITERAL = re.compile(r"""^\s*(?:key\s*=\s*)?(?:\[\]byte\(\s*)?(?:["'`]).+""", re.DOTALL)
_JAVA_HMAC = re.compile(
    r"""\bAlgorithm\.HMAC(?:256|384|512)\s*\(\s*"[^"]+"|\.signWith\s*\([^;]*,\s*"[^"]+"|"""
    r"""\bSignedString\s*\(\s*\[\]byte\(\s*"[^"]+"|\.setSigningKey\s*\(\s*"[^"]+\""""
)


@register(
    CheckSpec(
        id="ANY-HARDCODED-SIGNING-KEY",
        checklist_item="SEC-06",
        category=Category.SECURITY,
        severity=Severity.CRITICAL,
        languages=_CODE_LANGS,
        title="JWT/HMAC signing key is a literal in the source",
        explanation=(
            "Anyone who can read this repository can mint valid tokens for any user with this key, and it "
            "cannot be rotated without a deploy. Load the signing key from a secret store or environment "
            "variable, and prefer asymmetric keys so verifiers never hold the signing secret."
        ),
    )
)
def jwt_hardcoded_key(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    constants: dict[str, str] | None = None
    for no, code, bare in lines_of(lexed):
        if "(" not in bare or not _SIGNING_HINT.search(bare):
            continue
        if _JAVA_HMAC.search(code):
            yield Hit(no)
            continue
        for match in _JWT_KEY_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            key_index = 0 if match.group(0).startswith("hmac.") else 1
            if len(args) <= key_index:
                continue
            key = args[key_index].strip()
            if constants is None:
                constants = _literal_values(lexed)
            value = constants.get(
                key, key.lstrip("bB").strip("\"'`") if _LITERAL.match(key.lstrip("bB")) else None
            )
            if value is not None and is_secret_value(value, named=False):
                yield Hit(no, span.last)
                break


_SIGNING_HINT = re.compile(r"(?i)jwt|jose|jws|hmac|signingkey|signedstring|signwith")
_LITERAL_ASSIGN = re.compile(
    r"""^\s*(?:(?:const|let|var|final|static|private|public)\s+)*(?:[\w<>\[\].]+\s+)?([A-Za-z_$][\w$]*)\s*(?::=|=)\s*"""
    r"""(?:\[\]byte\(\s*)?[bB]?(["'`])([^"'`]*)\2\s*\)?\s*;?\s*$"""
)


def _literal_values(lexed: Lexed) -> dict[str, str]:
    """Names assigned exactly one string literal in the known lines, with that literal."""
    values: dict[str, str] = {}
    seen: set[str] = set()
    for no, code, _bare in lines_of(lexed):
        match = _LITERAL_ASSIGN.match(code)
        if match is None:
            continue
        name = match.group(1)
        if name in seen:
            values.pop(name, None)
        else:
            values[name] = match.group(3)
        seen.add(name)
        del no
    return values
