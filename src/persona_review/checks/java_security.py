"""Security checks for Java: SQL/JPQL built from strings, command execution, unsafe deserialization,
disabled TLS verification, weak hashes, unverified JWTs and disabled CSRF protection."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace

from persona_review.checks._cstyle import is_dynamic, sql_builds, string_constants
from persona_review.checks._java_sinks import (
    COMMAND_SINKS,
    SQL_SINKS,
    Sink,
    constant_here,
    decided_values,
    describe_flow,
    placed_by_helper,
    tainted_sinks,
    untainted_here,
    with_flow_sites,
)
from persona_review.checks._jwt_by_hand import hand_decoded
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._mybatis import mybatis_substitutions
from persona_review.checks._password_digest import FAST_FOR_PASSWORDS, password_digest_lines
from persona_review.checks._spans import brace_block, bracket_span, lines_of, split_args
from persona_review.checks._sql import looks_like_sql
from persona_review.checks._taint import QueryCall, Tainted, sql_string_hits
from persona_review.checks._tsflow import CallSite, flows
from persona_review.checks._tsflow.values import SHELL, SQL, const_text
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JAVA = frozenset({"java"})
_SEC = Category.SECURITY

_QUERY_CALL = lazy_re(
    r"\.(?:executeQuery|executeUpdate|executeLargeUpdate|execute|addBatch|prepareStatement|prepareCall|"
    r"createQuery|createNativeQuery|createSQLQuery|sqlRestriction|queryForList|queryForObject|queryForMap|"
    r"queryForRowSet|query|update|batchUpdate)\s*\("
)
_METHOD_HEADER = lazy_re(
    r"^\s*(?:(?:public|private|protected|static|final|synchronized|abstract)\s+)+[\w<>\[\],.? ]+\s+\w+\s*\("
)
_STATEMENT_DECL = lazy_re(r"(?<![\w.])Statement\s+(\w+)\s*=")
_IDENT = lazy_re(r"^[A-Za-z_]\w*$")
_STATEMENT_MESSAGE = (
    "A plain `Statement` runs SQL text from a variable here, so nothing keeps input from being spliced into "
    "it. Use a `PreparedStatement` with `?` placeholders and bind the values."
)
_APPEND = lazy_re(r"^\s*([A-Za-z_]\w*)\.(?:append|concat)\s*\((?!\s*\")")
_ASSIGN = lazy_re(r"^\s*(?:[\w<>\[\].]+\s+)?([A-Za-z_]\w*)\s*=(?!=)")
_JAVA_STRING = lazy_re(r'"((?:[^"\\\n]|\\.)*)"')


@register(
    CheckSpec(
        id="JAVA-SQL-STRING",
        checklist_item="SEC-01",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_JAVA,
        title="SQL/JPQL built by concatenation or String.format",
        explanation=(
            "Input spliced into SQL or JPQL text can rewrite the query: read or change other users' data, or "
            "drop tables. Use a PreparedStatement with `?` placeholders, named parameters with "
            "`setParameter`, or the Criteria API; identifiers must come from an allow-list."
        ),
    )
)
def sql_string(ctx: FileContext) -> Iterator[Hit]:
    """The line-based hits, less those the data flow shows to be built from constants, plus the query
    calls the data flow sees request data reach. A Flyway Java migration gets only the latter: it runs at
    deploy time with no request to read, and builds its DDL from its own table and column names."""
    verb = "is run as SQL by"
    lines = (
        _with_flow(ctx, SQL_SINKS, placed_by_helper(ctx, SQL_SINKS, found), verb)
        for found in ([] if migration_kind(ctx) is MigrationKind.JAVA else _sql_string_lines(ctx))
        if not constant_here(ctx, SQL_SINKS, found, SQL)
    )
    yield from with_flow_sites(lines, tainted_sinks(ctx, *SQL_SINKS), describe_flow, verb, ctx=ctx)
    if "${" in ctx.known_text():
        yield from mybatis_substitutions(lex(ctx))


def _with_flow(ctx: FileContext, sinks: tuple[Sink, ...], found: Hit, verb: str) -> Hit:
    """`found` with a message naming the request data that reaches it, when the data flow saw some."""
    for site, index, value in tainted_sinks(ctx, *sinks):
        if found.line <= site.line <= (found.end_line or found.line):
            return replace(found, message=describe_flow(site, index, value, verb))
    return found


_NUMERIC_DECL = lazy_re(r"\b(?:final\s+)?(?:int|long|short|byte|double|float)\s+([A-Za-z_]\w*)\s*(?=[=;,)])")
_OTHER_DECL = lazy_re(
    r"\b(?:var|String|Object|CharSequence|StringBuilder|[A-Z]\w*(?:<[^<>]*>)?)\s+([A-Za-z_]\w*)\s*(?=[=;,):])"
)


def _numeric_names(lexed: Lexed) -> frozenset[str]:
    """Names the known lines only ever declare with a primitive number type (`int capped = Math.min(...)`,
    a `long offset` parameter): spliced into SQL they give digits, which cannot change the statement."""
    numeric: set[str] = set()
    other: set[str] = set()
    for _no, _code, bare in lines_of(lexed):
        numeric.update(m.group(1) for m in _NUMERIC_DECL.finditer(bare))
        other.update(m.group(1) for m in _OTHER_DECL.finditer(bare))
    return frozenset(numeric - other)


def _sql_string_lines(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    constants = string_constants(lexed) | _numeric_names(lexed)
    statements = {m.group(1) for _n, _c, b in lines_of(lexed) for m in _STATEMENT_DECL.finditer(b)}
    builds = list(sql_builds(lexed, "java", constants))
    reported = frozenset(b.line for b in builds if not b.loose)

    def judge(call: QueryCall, tainted: Mapping[str, int]) -> Hit | None:
        first = call.args[0].strip()
        # SQL text joined in the call to fragments whose building was reported (`" AND x LIKE '" + q + "'"`)
        # is the same problem: the input entered the SQL where the fragment was built
        fragments = frozenset(n for n, line in tainted.items() if line in reported)
        built = is_dynamic(call.span, "java", constants | fragments)
        if first.removesuffix(".toString()") in tainted or built:
            return Hit(call.line, call.span.last)
        receiver = call.before.rstrip()
        on_statement = receiver.endswith("createStatement()") or receiver.split()[-1:] in (
            [s] for s in statements
        )
        if on_statement and _IDENT.match(first) and first not in constants:
            return Hit(call.line, call.span.last, message=_STATEMENT_MESSAGE)
        return None

    yield from sql_string_hits(
        lexed,
        builds,
        function_start=_METHOD_HEADER.match,
        statement=lambda no, bare, tainted: _builder_statement(no, bare, tainted, lexed.code.get(no, "")),
        query_call=_QUERY_CALL,
        judge=judge,
    )


def _builder_statement(no: int, bare: str, tainted: Tainted, code: str) -> Hit | None:
    """Appending to a builder that holds SQL is reported; a new builder seeded with a string literal that
    reads as SQL (`new StringBuilder("SELECT * FROM t WHERE 1=1")`, not `new StringBuilder("")` for hex
    digits or `new StringBuilder(field).append(":(")` for a search string) is tainted; any other
    assignment forgets the variable."""
    append = _APPEND.match(bare)
    if append is not None and append.group(1) in tainted:
        return Hit(no)
    assign = _ASSIGN.match(bare)
    if assign is not None and "StringBuilder" in bare and '"' in bare and looks_like_sql(
        " ".join(_JAVA_STRING.findall(code)), strict=False, conditions=True
    ):
        tainted[assign.group(1)] = no
    elif assign is not None:
        tainted.pop(assign.group(1), None)
    return None


_RUNTIME_EXEC = lazy_re(r"(?:\bgetRuntime\(\)|\b(?:r|rt|runtime)\b)\.exec\s*\(")
_PROCESS = lazy_re(r"\bnew\s+ProcessBuilder\s*\(|\.command\s*\(")
_LOAD_LIBRARY = lazy_re(r"\.(?:loadLibrary|load)\s*\(")
_SHELL_FLAG = lazy_re(r'^\s*"(?:-c|/c|/C)"\s*$')
_STRING_LIT = lazy_re(r'^\s*"[^"]*"\s*$')


@register(
    CheckSpec(
        id="JAVA-COMMAND-INJECTION",
        checklist_item="SEC-02",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_JAVA,
        title="OS command built from a variable",
        explanation=(
            "A command whose program, shell script (`sh -c`) or command string comes from a variable runs "
            "whatever that value says. Use a fixed program with arguments as separate list elements "
            '(`new ProcessBuilder("prog", arg)`), never `sh -c` with input, and validate inputs against an '
            "allow-list."
        ),
    ),
    needs=(".exec", "ProcessBuilder", ".command", ".load"),
)
def command_injection(ctx: FileContext) -> Iterator[Hit]:
    """The line-based hits, less those whose command the data flow shows to be constant, or free of request
    data in a file where request data is visible; plus the commands request data reaches."""
    verb = "is part of the command run by"
    lines = (
        _with_flow(ctx, COMMAND_SINKS, placed_by_helper(ctx, COMMAND_SINKS, found), verb)
        for found in _command_lines(ctx)
        if not (constant_here(ctx, COMMAND_SINKS, found, SHELL) or untainted_here(ctx, COMMAND_SINKS, found)
                or _argv_only_here(ctx, found) or _argv_of_a_program(ctx, found))
    )
    reaching = ((site, index, value) for site, index, value in tainted_sinks(ctx, *COMMAND_SINKS)
                if not _argument_only(site, index))
    yield from with_flow_sites(lines, reaching, describe_flow, verb, ctx=ctx)


_SHELL_PROGRAM = lazy_re(r"^(?:/usr)?(?:/bin/)?(?:ba|z|k|da)?sh$|^cmd(?:\.exe)?$|^powershell(?:\.exe)?$"
                         r"|^pwsh$")
_SCRIPT_FLAGS = frozenset({"-c", "/c", "/C", "-Command"})


def _argument_only(site: CallSite, index: int) -> bool:
    """Whether the request data reaches the command only as an argument of a fixed program, no shell
    reading it (`new ProcessBuilder("nslookup", "--", host)`, `exec(new String[] {"git", "log", ref})`):
    the program runs with it as one word, so nothing is run that the code did not name."""
    if site.call.new_type == "ProcessBuilder" or site.call.method == "command":
        words = site.args if len(site.args) > 1 else (site.args[0].seq if site.args else None)
        at = index if len(site.args) > 1 else None
    elif site.call.method == "exec" and len(site.args) >= 1 and index == 0:
        words, at = site.args[0].seq, None
    else:
        return False
    if not words:
        return False
    program = words[0].text()
    if words[0].tainted or program is None:
        return False
    tainted = [i for i, word in enumerate(words) if word.tainted] if at is None else [at]
    if not _SHELL_PROGRAM.match(program.rsplit("/", 1)[-1]):
        return all(i > 0 for i in tainted)
    flags = [i for i, word in enumerate(words) if word.text() in _SCRIPT_FLAGS]
    return bool(flags) and all(i != flags[0] + 1 for i in tainted)  # `sh -c script "$1"`: data is `$1`


def _argv_only_here(ctx: FileContext, found: Hit) -> bool:
    """Whether every command call the data flow saw on the lines of a line-based hit gets request data
    as an argument of a fixed program only (`_argument_only`)."""
    last = found.end_line or found.line
    reached = [(site, index) for site, index, _value in tainted_sinks(ctx, *COMMAND_SINKS)
               if found.line <= site.line <= last]
    return bool(reached) and all(_argument_only(site, index) for site, index in reached)


def _argv_of_a_program(ctx: FileContext, found: Hit) -> bool:
    """Whether the command a line-based hit is about is a list the engine knows element by element, whose
    first is a program the code names (not a shell) and no request data among them: each element is one
    argument of that program, with no shell to read `;` or `$(...)` in them."""
    values = decided_values(ctx, COMMAND_SINKS, found.line, found.end_line or found.line)
    if not values:
        return False
    for value in values:
        if value.tainted or not value.seq or not value.seq[0].known:
            return False
        if _SHELL_PROGRAM.match(const_text(value.seq[0].const).rsplit("/", 1)[-1]):
            return False
    return True


def _command_lines(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    constants = string_constants(lexed)
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare:
            continue
        for pattern in (_RUNTIME_EXEC, _PROCESS, _LOAD_LIBRARY):
            match = pattern.search(bare)
            if match is None:
                continue
            span = bracket_span(lexed, no, match.end() - 1)
            args = [a.strip() for a in split_args(span)]
            if pattern is _LOAD_LIBRARY:
                hit = is_dynamic(span, "java", constants)
            else:
                hit = _command_is_variable(args, constants) or is_dynamic(span, "java", constants)
            if hit:
                yield Hit(no, span.last)
                break


def _command_is_variable(args: list[str], constants: frozenset[str]) -> bool:
    if not args:
        return False
    for index, arg in enumerate(args):
        if _SHELL_FLAG.match(arg) and index + 1 < len(args):
            script = args[index + 1]
            return not _STRING_LIT.match(script) and script not in constants
    first = args[0]
    if first.startswith("new String[]") or first.startswith("Arrays.asList(") or first.startswith("List.of("):
        return False
    return not _STRING_LIT.match(first) and first not in constants and not first.endswith(".class")


_DESERIALIZE = lazy_re(
    r"\bnew\s+ObjectInputStream\s*\(|\.enableDefaultTyping\s*\(|\.activateDefaultTyping\s*\(|"
    r"@JsonTypeInfo\s*\(\s*use\s*=\s*JsonTypeInfo\.Id\.(?:CLASS|MINIMAL_CLASS)|\bnew\s+XMLDecoder\s*\(|"
    r"\.fromXML\s*\(|\bnew\s+Yaml\s*\(\s*\)|\bnew\s+Yaml\s*\(\s*new\s+Constructor\s*\(\s*\)"
)


@register(
    CheckSpec(
        id="JAVA-UNSAFE-DESERIALIZATION",
        checklist_item="SEC-03",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_JAVA,
        title="Unsafe deserialization (ObjectInputStream, polymorphic typing, default SnakeYAML)",
        explanation=(
            "Java native serialization, Jackson default/class-name typing, XMLDecoder, XStream and "
            "SnakeYAML's default constructor can instantiate arbitrary classes named in the data, so a "
            "crafted payload runs gadget chains on this JVM. Use plain JSON binding to concrete types, "
            "`SafeConstructor`, or an `ObjectInputFilter` allow-list when native serialization cannot be "
            "avoided."
        ),
    ),
    needs=("ObjectInputStream", "DefaultTyping", "JsonTypeInfo", "XMLDecoder", "fromXML", "Yaml"),
)
def unsafe_deserialization(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        found = _DESERIALIZE.search(bare)
        if found is None:
            continue
        typing = _ACTIVATE_TYPING.search(bare)
        if typing is not None:
            validator = _validator(lexed, no, typing.end() - 1)
            if validator is None or _allow_list(validator):
                continue
            yield Hit(no, message=_OPEN_TYPING)
            continue
        if _SECURITY_MODULES_TYPING.search(bare) and len(_DESERIALIZE.findall(bare)) == 1:
            continue
        yield Hit(no)


_SECURITY_MODULES_TYPING = lazy_re(r"\bSecurityJackson2Modules\s*\.\s*enableDefaultTyping\s*\(")
"""Spring Security's `SecurityJackson2Modules.enableDefaultTyping(mapper)`: default typing through its own
allow-list resolver (its modules' types and the ones annotated for it), not any class the data names."""


_OPEN_TYPING = (
    "`activateDefaultTyping` lets the JSON name the class to build, and its validator is not an allow-list "
    "of your own types: a payload naming a gadget class runs code on this JVM. Give it a "
    "`BasicPolymorphicTypeValidator.builder().allowIfSubType(\"com.example.model.\")...build()` or bind "
    "to concrete types."
)
_ACTIVATE_TYPING = lazy_re(r"\.activateDefaultTyping(?:AsProperty)?\s*\(")
_PTV_BUILDER = lazy_re(r"\bBasicPolymorphicTypeValidator\s*\.\s*builder\s*\(\s*\)")
_ALLOW_RULE = lazy_re(
    r"\.\s*allowIf(?:BaseType|SubType|SubTypeIsArray)\s*\((?P<arg>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_PERMISSIVE_ARG = lazy_re(
    r"""^\s*(?:(?:java\.lang\.)?Object\.class|"(?:|java|javax|com|org|net|io)\.?"|[^"]*->.*)\s*$"""
)
"""An allow rule that lets gadget classes through: every type (`Object.class`), a prefix as wide as a
top-level package, or a matcher function (what it accepts is not read)."""
_NAME = lazy_re(r"^\s*(?:this\s*\.\s*)?([A-Za-z_$][\w$]*)\s*$")


def _validator(lexed: Lexed, line: int, col: int) -> str | None:
    """The validator given to the `activateDefaultTyping(...)` call whose `(` is at (line, col): the first
    argument's code, or, for a variable, the statement that last assigns it in the known lines. None when
    that variable's assignment is not in view (a validator built elsewhere is not judged)."""
    args = split_args(bracket_span(lexed, line, col))
    if not args:
        return ""
    named = _NAME.match(args[0])
    if named is None:
        return args[0]
    return _assigned(lexed, line, named.group(1))


def _allow_list(validator: str) -> bool:
    """Whether `validator` is a Jackson `BasicPolymorphicTypeValidator` built with only narrow allow rules
    (named classes or packages): such typing instantiates only those types. A
    `LaissezFaireSubTypeValidator`, the mapper's default one, or a rule for `Object.class` or a top-level
    package prefix is not an allow-list."""
    if _PTV_BUILDER.search(validator) is None or ".build" not in validator:
        return False
    rules = [rule.group("arg") for rule in _ALLOW_RULE.finditer(validator)]
    return bool(rules) and not any(_PERMISSIVE_ARG.match(arg) for arg in rules if arg.strip())


def _assigned(lexed: Lexed, line: int, name: str) -> str | None:
    """The code of the statement that last assigns `name` in the known lines before `line` (a local or a
    field), to its `;`: a builder chain continues over lines that start with `.`."""
    assignment = re.compile(rf"(?:^|[\s(])(?:this\s*\.\s*)?{re.escape(name)}\s*=(?!=)")
    for no in sorted((n for n in lexed.bare if n < line), reverse=True):
        found = assignment.search(lexed.bare[no])
        if found is None:
            continue
        parts = [lexed.code[no][found.end():]]
        end = no
        while ";" not in lexed.bare[end][found.end() if end == no else 0:] and end + 1 in lexed.bare:
            end += 1
            if end - no >= _CHAIN_LINES:
                return None
            parts.append(lexed.code[end])
        return "\n".join(parts)
    return None


_CHAIN_LINES = 25


_WEAK_SSL = lazy_re(r"""\bSSLContext\.getInstance\s*\(\s*"(?:SSL|SSLv2|SSLv3|TLSv1|TLSv1\.1)"\s*""")
_TRUST_METHOD = lazy_re(r"\b(?:checkServerTrusted|checkClientTrusted)\s*\(")
_VERIFY_METHOD = lazy_re(
    r"\bboolean\s+verify\s*\(\s*(?:final\s+)?String\s+\w+\s*,\s*(?:final\s+)?SSLSession\b"
)
_ALLOW_ALL = lazy_re(r"\bALLOW_ALL_HOSTNAME_VERIFIER\b|\bNoopHostnameVerifier\b|\bTrustAllStrategy\b")


@register(
    CheckSpec(
        id="JAVA-TLS-VERIFY-OFF",
        checklist_item="SEC-04",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_JAVA,
        title="Certificate or hostname verification disabled, or an obsolete SSL/TLS version",
        explanation=(
            "A TrustManager that accepts every certificate or a HostnameVerifier that returns true lets "
            "anyone on the network path impersonate the server, and SSLv3/TLS 1.0/1.1 are breakable. Use "
            "the default trust store (add private CAs to it) and hostname checks, and "
            '`SSLContext.getInstance("TLSv1.3")` or `"TLS"`.'
        ),
    )
)
def tls_verify_off(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, bare in lines_of(lexed):
        if _WEAK_SSL.search(code) or _ALLOW_ALL.search(bare):
            yield Hit(no)
            continue
        for pattern, trivial in ((_TRUST_METHOD, _EMPTY_BODY), (_VERIFY_METHOD, _RETURN_TRUE)):
            match = pattern.search(bare)
            if match is None or not re.search(r"\)\s*(?:throws[\w\s.,]+)?\{?\s*$", bare):
                continue
            block = brace_block(lexed, no, match.end())
            if block is not None and block.bare.endswith("}") and trivial.match(block.code):
                yield Hit(_declaration_start(lexed, no), block.last)


def _declaration_start(lexed: Lexed, header: int) -> int:
    """The first line of a method declaration: its header, or the annotations right above it."""
    start = header
    while start - 1 in lexed.bare and lexed.bare[start - 1].strip().startswith("@"):
        start -= 1
    return start


_EMPTY_BODY = lazy_re(r"^\{\s*\}$")
_RETURN_TRUE = lazy_re(r"^\{\s*return\s+true\s*;\s*\}$")

_WEAK_HASH = lazy_re(
    r"""\bMessageDigest\.getInstance\s*\(\s*"(?:MD2|MD4|MD5|SHA|SHA1|SHA-1)"|"""
    r"""\bDigestUtils\.(?:md2|md5|sha1|sha(?!\d)|getMd2Digest|getMd5Digest|getSha1Digest|getShaDigest)"""
    r"""(?:Hex|AsHex)?\s*\(|"""
    r"""\bHashing\.(?:md5|sha1)\s*\("""
)


@register(
    CheckSpec(
        id="JAVA-WEAK-HASH",
        checklist_item="SEC-05",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=_JAVA,
        title="MD5/SHA-1 digest",
        explanation=(
            "MD5 and SHA-1 collide cheaply and are fast to brute-force, so they protect neither passwords "
            "nor integrity. Use BCrypt/Argon2/PBKDF2 (Spring Security's PasswordEncoder) for passwords and "
            "SHA-256 or better for integrity."
        ),
    ),
    needs=("MessageDigest", "DigestUtils", "Hashing."),
)
def weak_hash(ctx: FileContext) -> Iterator[Hit]:
    reported: set[int] = set()
    for no, code, bare in lines_of(lex(ctx)):
        match = _WEAK_HASH.search(code)
        if match is not None and bare[match.start()] != " ":
            reported.add(no)
            yield Hit(no)
    for flow in flows(ctx):  # the algorithm held in a constant or chosen by a constant condition
        for site in flow.calls:
            if site.line in reported:
                continue
            name = site.args[0].text() if site.args else None
            callee = site.call.callee.rsplit(".", 2)[-2:]
            if callee in _DIGEST_CALLS and name is not None and name.upper() in _WEAK_DIGESTS:
                reported.add(site.line)
                yield Hit(site.line, None, f"`{'.'.join(callee)}` gets `{name}` here.")
            elif site.call.new_type in _WEAK_ENCODERS or site.call.callee.endswith(_NO_OP_ENCODER):
                reported.add(site.line)
                yield Hit(site.line, None, f"`{site.call.callee}` stores passwords with a fast or no hash.")
    for no, what in password_digest_lines(lex(ctx), "java", ctx.known_text()):
        if not reported.intersection(range(no - 5, no + 1)):  # the MD5/SHA-1 digest made just above: said
            reported.add(no)
            yield Hit(no, message=f"{what}: {FAST_FOR_PASSWORDS}", severity=Severity.HIGH)


_WEAK_DIGESTS = frozenset({"MD2", "MD4", "MD5", "SHA", "SHA1", "SHA-1", "SHA-0"})
_WEAK_ENCODERS = frozenset({"Md5PasswordEncoder", "Md4PasswordEncoder", "ShaPasswordEncoder",
                            "LdapShaPasswordEncoder", "MessageDigestPasswordEncoder",
                            "StandardPasswordEncoder"})
_DIGEST_CALLS = (["MessageDigest", "getInstance"], ["DigestUtils", "getDigest"])
_NO_OP_ENCODER = "NoOpPasswordEncoder.getInstance"


_JWT_UNVERIFIED = lazy_re(
    r"\bJWT\.decode\s*\(|\bAlgorithm\.none\s*\(\s*\)|"
    r"\.parse(?:UnsecuredClaims|UnsecuredContent|ClaimsJwt|PlaintextJwt)\s*\("
)
"""auth0's `JWT.decode`, `Algorithm.none()`, and jjwt's parsers of unsigned tokens (0.12's
`parseUnsecured...`, the older `parseClaimsJwt`/`parsePlaintextJwt`, which refuse signed ones: a caller
gets in only with `alg: none`). `parseClaimsJws` verifies."""


@register(
    CheckSpec(
        id="JAVA-JWT-UNVERIFIED",
        checklist_item="SEC-07",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_JAVA,
        title="JWT decoded without verification or signed with `none`",
        explanation=(
            "`JWT.decode` only parses the token and `Algorithm.none()` signs nothing, so every claim can be "
            "forged. Build a verifier, `JWT.require(Algorithm.RSA256(...)).build().verify(token)`, and trust "
            "only what it returns."
        ),
    ),
    needs=("JWT.decode", "Algorithm.none", "parseUnsecured", "parseClaimsJwt", "parsePlaintextJwt", "split",
           "JWT.parse", "JWTParser.parse"),
)
def jwt_unverified(ctx: FileContext) -> Iterator[Hit]:
    source = ctx.known_text()
    nimbus_unchecked = not _NIMBUS_VERIFIES.search(source) and _FROM_REQUEST.search(source) is not None
    for no, _code, bare in lines_of(lex(ctx)):
        if _JWT_UNVERIFIED.search(bare):
            yield Hit(no)
        elif nimbus_unchecked and _NIMBUS_PARSE.search(bare):
            yield Hit(no, message=_NIMBUS_UNCHECKED)
    yield from hand_decoded(ctx)


_NIMBUS_UNCHECKED = ("Nimbus's `parse` only reads the token: nothing in this file checks its signature "
                     "(`verify(verifier)` or a `JWTProcessor`), so its claims can be forged.")
_FROM_REQUEST = lazy_re(r"\bgetHeader\s*\(|@RequestHeader\b|@CookieValue\b|\bServerHttpRequest\b|"
                        r"\bContainerRequestContext\b|@HeaderParam\b")
"""The file reads a request's headers or cookies: a token parsed there came from the caller. A token the
code fetched itself (an OAuth client reading its own `id_token` from the token endpoint) is left alone."""
_NIMBUS_PARSE = lazy_re(r"\b(?:SignedJWT|JWTParser|EncryptedJWT)\.parse\s*\(")
_NIMBUS_VERIFIES = lazy_re(r"\.verify\s*\(|JWTProcessor|\.process\s*\(|JwtDecoder|\.decrypt\s*\(")
"""A verifier, a processor (which checks the signature and the claims), Spring's `JwtDecoder`, or
decryption with the key: the parsed token is checked somewhere in the file."""


_CSRF_OFF = lazy_re(
    r"\.csrf\s*\(\s*\)\s*\.disable\s*\(|\.csrf\s*\(\s*(?:AbstractHttpConfigurer::disable|\w+\s*->\s*\w+\.disable\s*\(\s*\))"
)


@register(
    CheckSpec(
        id="JAVA-CSRF-DISABLED",
        checklist_item="SEC-11",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_JAVA,
        title="Spring Security CSRF protection disabled",
        explanation=(
            "With CSRF off, any page a logged-in user visits can submit state-changing requests with their "
            "session cookie. Keep CSRF on for cookie-authenticated endpoints; disable it only for stateless "
            "token-authenticated APIs, scoped with `ignoringRequestMatchers`."
        ),
    ),
    needs=("csrf",),
)
def csrf_disabled(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "csrf" in bare and _CSRF_OFF.search(bare):
            yield Hit(no)
        elif (
            bare.strip().startswith(".disable()")
            and no - 1 in lexed.bare
            and lexed.bare[no - 1].strip().startswith(".csrf()")
        ):
            yield Hit(no - 1, no)
