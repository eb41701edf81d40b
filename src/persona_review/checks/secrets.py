"""Hard-coded secrets in any language: provider keys recognised by their prefix, private keys, literal
passwords/tokens assigned to secret-named variables, and literal JWT signing keys."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import may_have_folded
from persona_review.checks._pyflow import flows
from persona_review.checks._spans import bracket_span, lines_of, split_args
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

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

_KNOWN_KEYS = lazy_re(
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
_KEY_HINT = lazy_re(r"AKIA|ASIA|gh[pousr]_|github_pat_|xox|_live_|AIza|glpat-|sk-ant-|SG\.|PRIVATE KEY")
_PLACEHOLDER = lazy_re(
    r"EXAMPLE|XXXX|xxxx|\.\.\.|<[^>]*>|\*{3}|•{3}|(?i:\bredacted\b|dummy|^your[-_ ]|\$\{|#\{)")
"""Values that stand for a secret without being one: examples, elisions, masks (`***`), redactions, dummies,
`your-value`, and text with a template field (`os_${random}`: made at run time, only its prefix written)."""
_SECRETISH = lazy_re(r"(?i)pass|pwd|pw\b|secret|token|key|credential|://[^/\s]*:[^/\s]*@")
_SECRETISH_WORDS = ("pass", "pwd", "pw", "secret", "token", "key", "credential", "://")
"""A word (lower case) every `_SECRETISH` match contains."""


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
    ),
    needs=(
        "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "_live_", "AIza",
        "glpat-", "sk-ant-", "SG.", "PRIVATE KEY",
    ),
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
        "lookup",
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
        "strategy",
        "protocol",
        "time",
        "duration",
        "interval",
        "expiration",
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
_CAMEL = lazy_re(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_ASSIGNED = lazy_re(
    r"""(?P<lhs>[A-Za-z_$][\w.$]*)(?:\s*\[\s*(?P<kq>["'])(?P<key>[^"'\]]+)(?P=kq)\s*\])?"""
    r"""(?:\s*:\s*[\w.\[\], |]+?|\s+(?:string|String|str|\[\]byte|final\s+String))?"""
    r"""\s*(?::=|===|!==|==|!=|=(?![=>~]))\s*(?:\[\]byte\(\s*)?(?P<q>["'`])(?P<val>[^"'`\n]*)(?P=q)"""
)
_KEYED = lazy_re(
    r"""(?P<kq>["']?)(?P<key>[A-Za-z_$][\w.$-]*)(?P=kq)\s*(?::|=>)\s*(?P<q>["'`])(?P<val>[^"'`\n]*)(?P=q)"""
)
_COMPARED = lazy_re(
    r"""(?P<q>["'`])(?P<val>[^"'`\n]*)(?P=q)\s*(?:===|!==|==|!=)\s*(?P<lhs>[A-Za-z_$][\w.$]*)"""
)
_URL_CREDENTIALS = lazy_re(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"`]+:(?P<val>[^@/\s'\"`]{6,})@[\w.-]+")
_FLAG_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "none", "nil", "undefined"})
"""A boolean or empty value written as text: a flag, never a credential."""
_KEY_PREFIX = lazy_re(r"^[a-z][a-z0-9_]*(?:[:.][a-z][a-z0-9_]*)*:$")
"""A namespace a key is appended to (`"login_tokens:"`, `"cache:pwd_err_cnt:"`): what is stored under it
may be secret, the prefix is not."""
_NAMEISH_VALUE = lazy_re(
    r"^[a-z0-9]+(?:[_.\-:][a-z0-9]+)+$|^[A-Z0-9]+(?:_[A-Z0-9]+)+$"
    r"|^X-[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)*$|^[A-Z][a-z0-9]*(?:-[A-Z][a-z0-9]*)+$"  # headers' names
)


_TERNARY_ARM = lazy_re(r"\?\s*$")
_FETCH_MODES = frozenset({"include", "omit", "same-origin"})
_TYPE_NAMES = frozenset({"string", "number", "object", "undefined", "boolean", "function", "bigint",
                         "symbol"})
_ASCII_ALNUM = lazy_re(r"[A-Za-z0-9]")
_DOTTED_REFERENCE = lazy_re(r"^[a-z_][a-z0-9_]*(?:\.[A-Za-z_]\w*)+$")
"""A dotted path starting with a lower-case module or app name: `authentication.backends.TokenBackend`,
a permission `accounts.view_secret`, a setting `auth.token_ttl`."""


def _words(name: str) -> list[str]:
    return [w.lower() for part in re.split(r"[_\-.$\s]+", name) for w in _CAMEL.findall(part)]


def is_secret_name(name: str) -> bool:
    """Does a variable/key named `name` hold a secret (and not, say, a secret's URL or field name)?"""
    words = _words(name)
    if not words or words[-1] in _NOT_SECRET_SUFFIX:
        return False
    # (`FlagsToPass`, `to_pass`: "pass" as the verb, what is handed on)
    if any(w in _SECRET_WORDS and not (w == "pass" and i > 0 and words[i - 1] == "to")
           for i, w in enumerate(words)):
        return True
    return any(pair in _KEY_PAIRS for pair in itertools.pairwise(words))


def is_secret_value(value: str, named: bool = True) -> bool:
    """Could `value` be a literal credential (not empty, a placeholder, a reference or a field name)?"""
    if not value.strip() or value.startswith(("$", "%", "{", "<", "#", "/", "./", "~")) or "://" in value:
        return False
    if _PLACEHOLDER.search(value):
        return False
    if len(value.strip()) <= 2 or not _ASCII_ALNUM.search(value):
        return False  # a mark (".", "*", "x", an emoji): no credential is that short or has no letters
    if value.strip().lower() in _FLAG_WORDS or _KEY_PREFIX.match(value):
        return False  # `"token-expired": "true"`; a cache key's prefix (`LOGIN_TOKEN_KEY = "login_tokens:"`)
    if _DOTTED_REFERENCE.match(value) or len(value.split()) >= 4:
        return False  # a module, class or permission path (`accounts.change_account`), or a sentence
    if _alphabet(value):
        return False  # the characters a generated secret is drawn from, not a secret
    # the name of a setting or field that holds a secret is not the secret itself
    names_a_secret = _NAMEISH_VALUE.match(value) and any(
        w in _SECRET_WORDS or w == "key" for w in _words(value)
    )
    return not named or not names_a_secret


def _alphabet(value: str) -> bool:
    """A character set (`"ABCDEFGHJKLMNPQRSTUVWXYZ23456789"`): at least 16 characters, none repeated, with a
    run of five consecutive ones. A random secret that long repeats a character or lacks such a run
    almost always."""
    if len(value) < 16 or len(set(value)) != len(value):
        return False
    run = 1
    for before, after in itertools.pairwise(value):
        run = run + 1 if ord(after) == ord(before) + 1 else 1
        if run >= 5:
            return True
    return False


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
    ),
    folded=_SECRETISH_WORDS,
)
def hardcoded_password(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    documented: set[int] | None = None
    for no, code, bare in lines_of(lexed):
        if ('"' not in code and "'" not in code and "`" not in code) or not (
            may_have_folded(code, _SECRETISH_WORDS) and _SECRETISH.search(code)
        ):
            continue
        found = False
        for match in _ASSIGNED.finditer(code):
            if bare[match.start()] == " ":
                continue  # starts inside a string or comment
            if code[: match.start()].rstrip().endswith("typeof") or (
                    match.group("val") in _TYPE_NAMES and "typeof" in code[: match.start()]):
                continue  # `typeof token === 'string'` compares a type's name
            name = match.group("key") or match.group("lhs").rsplit(".", 1)[-1]
            if _labels_itself(name, match.group("val")):
                continue  # `PASSWORD = "password", _("Password")`: a choice's value, not a password
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
                if match.group("kq") and _TERNARY_ARM.search(code[: match.start()]):
                    continue  # `ok ? "PASS" : "FAIL"`: two answers of a condition, no key
                mode = match.group("val") in _FETCH_MODES
                if mode and match.group("key").rsplit(".", 1)[-1] == "credentials":
                    continue  # fetch's `credentials: "include"`: whether to send cookies
                if is_secret_name(match.group("key")) and is_secret_value(match.group("val")):
                    found = True
                    break
        if not found or (ctx.language == "go" and _go_enum_label(lexed, no)):
            continue
        if ctx.language == "python" and not bare.strip():
            # parsed only for a line that would be reported: most files have none
            documented = _docstring_lines(ctx) if documented is None else documented
            if no in documented:
                continue  # a docstring's example (`>>> parse(url)` and its output): documentation
        yield Hit(no)


def _docstring_lines(ctx: FileContext) -> set[int]:
    """The file lines of the Python docstrings in view (a module's, a class's, a function's)."""
    found: set[int] = set()
    for flow in flows(ctx):
        for node in ast.walk(flow.tree):
            if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                last = (first.end_lineno or first.lineno) + flow.offset
                found.update(range(first.lineno + flow.offset, last + 1))
    return found


def _labels_itself(name: str, value: str) -> bool:
    """An upper-case constant whose value is its own name in lower case (`TOKEN = "token"`,
    `SSH_KEY = "ssh_key"`): an enum member or a choice, named for what it stands for."""
    return name.isupper() and value.lower() == name.lower()


_GO_CONST_ENTRY = lazy_re(r"""^\s*([A-Za-z_]\w*)(?:\s+[A-Za-z_][\w.]*)?\s*=\s*"([^"\n]*)"\s*$""")
_GO_CONST_OPEN = lazy_re(r"^\s*const\s*\(\s*$")


def _go_enum_label(lexed: Lexed, line: int) -> bool:
    """Is `line` a member of a Go `const (...)` group whose members are labels named for themselves
    (`IntegrationAuthToken = "token"`, `SecretCreate SecretOperation = "create"`)? The value spells the tail
    of the constant's own name, as it does for at least two other members of the group: an enum's
    values, which say what kind of thing something is, never a credential."""
    first = line
    while first - 1 in lexed.code and not _GO_CONST_OPEN.match(lexed.code[first - 1]):
        first -= 1
        if lexed.code[first].strip() in {")", "}"} or line - first > 200:
            return False
    if first - 1 not in lexed.code:
        return False
    labels = 0
    own = False
    no = first
    while no in lexed.code and lexed.code[no].strip() != ")":
        entry = _GO_CONST_ENTRY.match(lexed.code[no])
        if entry is not None and _names_itself(entry.group(1), entry.group(2)):
            labels += 1
            own = own or no == line
        no += 1
    return own and labels >= 3


def _names_itself(name: str, value: str) -> bool:
    """Does `value` spell the last words of `name` (`AuthGitHub` and "github", `SecretCreate` and
    "create")?"""
    spelled = re.sub(r"[\s_\-.]", "", value).lower()
    words = _words(name)
    return bool(spelled) and any("".join(words[i:]) == spelled for i in range(1, len(words)))


_JWT_KEY_CALL = lazy_re(
    r"\b(?:\w*jwt\w*|jsonwebtoken|JWT|jose|jws)\.(?:encode|decode|sign|verify)\s*\(|\bcreateHmac\s*\(|\bhmac\.new\s*\("
)
_LITERAL = lazy_re(r"""^\s*(?:key\s*=\s*)?(?:\[\]byte\(\s*)?(?:["'`]).+""", re.DOTALL)
_JAVA_HMAC = lazy_re(
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
    ),
    folded=("jwt", "jose", "jws", "hmac", "signingkey", "signedstring", "signwith", "jsonwebtoken"),
)
def jwt_hardcoded_key(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    constants: dict[str, str] | None = None
    aliases = _jwt_module_aliases(lexed) if ctx.language in {"javascript", "typescript"} else None
    for no, code, bare in lines_of(lexed):
        if "(" not in bare:
            continue
        alias_call = aliases.search(bare) if aliases is not None else None
        if alias_call is None and not _SIGNING_HINT.search(bare):
            continue
        if _JAVA_HMAC.search(code):
            yield Hit(no)
            continue
        calls = list(_JWT_KEY_CALL.finditer(bare)) + ([alias_call] if alias_call is not None else [])
        keys: list[tuple[str, int]] = []
        for match in calls:
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            key_index = 0 if match.group(0).startswith("hmac.") else 1
            if len(args) > key_index:
                keys.append((args[key_index].strip(), span.last))
        for match in _JWT_OPTIONS_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            keys.extend(
                (option.group(1).strip(), span.last) for option in _JWT_KEY_OPTION.finditer(span.code)
            )
        for key, last in keys:
            if constants is None:
                constants = _literal_values(lexed)
            value = constants.get(
                key, key.lstrip("bB").strip("\"'`") if _LITERAL.match(key.lstrip("bB")) else None
            )
            if value is not None and is_secret_value(value, named=False):
                yield Hit(no, last)
                break


_JWT_MODULES = r"""["'](?:jsonwebtoken|jws|jwt-simple|jose)["']"""
_JWT_IMPORT = lazy_re(
    rf"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\s*\(\s*{_JWT_MODULES}\s*\)"
    rf"|\bimport\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s+{_JWT_MODULES}"
)


def _jwt_module_aliases(lexed: Lexed) -> re.Pattern[str] | None:
    """A pattern for `alias.sign(`/`alias.verify(` calls on the names a JWT library is imported as."""
    names = {
        name
        for _no, code, _bare in lines_of(lexed)
        if "jws" in code or "jwt" in code or "jsonwebtoken" in code or "jose" in code
        for match in _JWT_IMPORT.finditer(code)
        for name in match.groups()
        if name
    }
    if not names:
        return None
    return re.compile(
        rf"(?<![\w$.])(?:{'|'.join(sorted(map(re.escape, names)))})\.(?:encode|decode|sign|verify)\s*\("
    )


_JWT_OPTIONS_CALL = lazy_re(r"(?<![\w$.])(?:new\s+)?\w*(?:jwt|Jwt|JWT)\w*\s*\(\s*\{")
"""A JWT middleware or strategy configured with an options object: `jwt({...})`, `expressjwt({...})`,
`new JwtStrategy({...})`."""
_JWT_KEY_OPTION = lazy_re(r"""\b(?:secret|secretOrKey|secretOrPublicKey)\s*:\s*([^,}\n]+)""")


_SIGNING_HINT = lazy_re(r"(?i)jwt|jose|jws|hmac|signingkey|signedstring|signwith")
_LITERAL_ASSIGN = lazy_re(
    r"""^\s*(?:(?:const|let|var|final|static|private|public)\s+)*(?:[\w<>\[\].]+\s+)?([A-Za-z_$][\w$]*)\s*(?::=|=)\s*"""
    r"""(?:\[\]byte\(\s*)?[bB]?(["'`])([^"'`]*)\2\s*(?:\)\s*)?(?:;\s*)?$"""
)


def _literal_values(lexed: Lexed) -> dict[str, str]:
    """Names assigned only string literals in the known lines, with one of them: the one literal, or, when
    several are assigned (in different scopes), the first if every one of them could be a credential."""
    literals: dict[str, list[str]] = {}
    other: set[str] = set()
    for _no, code, bare in lines_of(lexed):
        match = _LITERAL_ASSIGN.match(code)
        if match is not None:
            literals.setdefault(match.group(1), []).append(match.group(3))
            continue
        assign = _OTHER_ASSIGN.match(bare)
        if assign is not None:
            other.add(assign.group(1))
        for params in _PARAMS.finditer(bare):
            other.update(_IDENT.findall(params.group(1) or params.group(2) or ""))
    return {
        name: values[0]
        for name, values in literals.items()
        if name not in other and (len(values) == 1 or all(is_secret_value(v, named=False) for v in values))
    }


_PARAMS = lazy_re(r"(?:\bfunction\b[\w$\s*]*|\bdef\s+\w+\s*|\bfunc\b[^(]*)\(([^()]*)|\(([^()]*)\)\s*=>")
"""Parameter lists: a parameter shadows any literal assigned to the same name elsewhere."""
_IDENT = lazy_re(r"[A-Za-z_$][\w$]*")
_OTHER_ASSIGN = lazy_re(
    r"^\s*(?:(?:const|let|var|final|static|private|public)\s+)*(?:[\w<>\[\].]+\s+)?([A-Za-z_$][\w$]*)\s*"
    r"(?::=|\+=|=(?![=>]))"
)
