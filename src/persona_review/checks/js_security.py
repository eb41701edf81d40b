"""Security checks for JavaScript/TypeScript: SQL built from strings, shell commands, disabled TLS
verification, weak hashes, JWT `none` algorithm and unsafe deserializers."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from persona_review.checks._cstyle import assigned_name, is_dynamic, sql_builds, string_constants
from persona_review.checks._flow_sinks import (
    Sink,
    describe_flow,
    kept_line_hits,
    tainted_sites,
)
from persona_review.checks._java_sinks import with_flow_sites
from persona_review.checks._js_sql_fixed import only_own_table_names, placeholder_names, sql_fragments
from persona_review.checks._jwt_by_hand import hand_decoded
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._password_digest import FAST_FOR_PASSWORDS, FIXED_IV, password_digest_lines
from persona_review.checks._spans import bracket_span, lines_of, split_args
from persona_review.checks._sql import looks_like_sql
from persona_review.checks._taint import QueryCall, forget_assigned, sql_string_hits
from persona_review.checks._tsflow import CallSite, Value, text_of
from persona_review.checks._tsflow.values import SHELL, SQL
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.js_flow_security import COMMAND_SINKS, command_flows
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_SEC = Category.SECURITY

_QUERY_CALL = lazy_re(
    r"(?:\.(?:query|execute|raw|unsafe|whereRaw|havingRaw|orderByRaw|joinRaw|\$queryRawUnsafe|\$executeRawUnsafe)"
    r"|\bsequelize\.query)\s*\("
)
_FUNCTION_START = lazy_re(
    r"^\s*(?:export\s+)?(?:async\s+)?function\b|^\s*(?:public|private|protected|static|async)\s+\w+\s*\("
)
_CONCAT_CALL = lazy_re(r"""["'`]\s*(?:\)\s*)?\.concat\s*\(\s*(?!["'`])[\w$]""")  # linear: see _cstyle
_SQL_OPTION = lazy_re(r"^\{\s*sql\s*:\s*([\w$]+)")


@register(
    CheckSpec(
        id="JS-SQL-STRING",
        checklist_item="SEC-01",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_JS,
        title="SQL built with a template literal, concatenation or util.format",
        explanation=(
            "Values spliced into SQL text let a caller change the query, reading or destroying other users' "
            "data. Pass values as parameters (`client.query('... WHERE id = $1', [id])`, Sequelize "
            "`replacements`/`bind`, the tagged `sql` template of your driver); identifiers must come from an "
            "allow-list."
        ),
    )
)
def sql_string(ctx: FileContext) -> Iterator[Hit]:
    """The line-based hits, less those the data flow shows to be built from constants (or a name defined
    outside the hunk), plus the query calls the data flow sees request data reach."""
    verb = "is run as SQL by"
    found = sorted([*_sql_string_lines(ctx), *_builder_conditions(ctx)], key=lambda h: h.line)
    lines = kept_line_hits(ctx, SQL_SINKS, found, SQL, verb)
    flows = tainted_sites(ctx, *SQL_SINKS, accept=_sql_text)
    yield from with_flow_sites(lines, flows, describe_flow, verb, one_per_line=True, ctx=ctx)


_SQL_RECEIVERS = ("db", "sql", "pool", "client", "conn", "knex", "sequelize", "prisma", "pg", "mysql", "tx",
                  "trx", "database", "connection", "repo", "manager", "datasource")
SQL_SINKS = (
    Sink(
        SQL,
        frozenset({"query", "execute", "raw", "unsafe", "exec", "all", "run", "prepare", "each", "none",
                   "one", "many", "oneOrNone", "manyOrNone", "any", "get"}),
        (0,),
        receiver_words=_SQL_RECEIVERS,
    ),
    # knex's raw clauses and Prisma's unsafe raw calls: no other library spells them, and a knex clause is
    # most often called on a chain (`knex("t").where(...).orderByRaw(...)`) whose receiver names nothing
    Sink(SQL, frozenset({"whereRaw", "orWhereRaw", "andWhereRaw", "havingRaw", "orHavingRaw", "orderByRaw",
                         "groupByRaw", "joinRaw", "$queryRawUnsafe", "$executeRawUnsafe"}), (0,)),
    # Sequelize's `sequelize.literal(text)` / `Sequelize.literal(text)`: text put into the query as it is
    Sink(SQL, frozenset({"literal"}), (0,), receiver_words=("sequelize",)),
    # TypeORM's query builder inserts an ORDER BY / GROUP BY string as written (knex's `orderBy` quotes
    # the column instead: only a chain that starts at `createQueryBuilder` is read)
    Sink(SQL, frozenset({"orderBy", "addOrderBy", "groupBy", "addGroupBy"}), (0,)),
)
_BUILDER_CLAUSES = frozenset({"orderBy", "addOrderBy", "groupBy", "addGroupBy"})
_STRONG_SQL = ("db", "sql", "pool", "knex", "sequelize", "prisma", "pg", "mysql", "conn", "database")


def _sql_text(site: CallSite, index: int, value: Value) -> bool:
    """Request data in the query text itself (values in a parameter array or a tagged template are
    bound): text whose known start reads as SQL, or request data passed whole to a database client."""
    node = site.call.args[index]
    if node.type in {"array", "object", "new_expression"}:
        return False  # parameters, a config object, a command object (`commandBus.execute(new X(dto))`)
    if site.call.method == "literal":
        return True
    if site.call.method in _BUILDER_CLAUSES:
        return "createQueryBuilder(" in text_of(site.node)
    prefix = (value.prefix or "").strip()
    if prefix:
        return looks_like_sql(prefix, strict=False)
    receiver = site.call.callee.rsplit(".", 1)[0]
    words = [word.lower() for word in _WORD_PART.findall(receiver)]
    return site.call.method not in {"exec", "get", "run", "all", "each"} and any(
        part.startswith(word) for part in words for word in _STRONG_SQL
    )


_WORD_PART = lazy_re(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
"""The words of a name (`commandBus` -> command, Bus; `pgPool` -> pg, Pool; `DBConn` -> DB, Conn)."""
_CONFIG_TEXT = lazy_re(r"[{,]\s*(?:text|sql|query)\s*[:,}]")
"""A query config object whose text is a field of it (`client.query({ text: ..., values })`)."""


def _sql_string_lines(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    constants = string_constants(lexed) | placeholder_names(lexed.code)
    constants |= sql_fragments(lexed.code, constants)

    def judge(call: QueryCall, tainted: Mapping[str, int]) -> Hit | None:
        first = call.args[0].strip()
        if len(call.args) > 1 and _BINDING_RAW.match(lexed.bare.get(call.line, "")[len(call.before):]) \
                and _MARKED_LITERAL.match(first):
            return None  # knex `whereRaw("name ilike ?", [`%${q}%`])`: the later arguments are bound values
        if _CALLBACK.match(first):
            return None  # `.query(async ({ input }) => ...)`: a tRPC/GraphQL resolver or a data-fetching hook
        if first.startswith("new ") or (first.startswith("{") and not _CONFIG_TEXT.search(first)
                                         and not _SQL_OPTION.match(first)):
            return None  # a command object or an options object with no query text in it
        option = _SQL_OPTION.match(first)
        name = option.group(1) if option else first
        if (
            name in tainted
            or is_dynamic(call.span, ctx.language, constants)
            or _CONCAT_CALL.search(call.span.bare)
        ):
            return Hit(call.line, call.span.last)
        return None

    whole: str | None = None
    for hit in sql_string_hits(
        lexed,
        sql_builds(lexed, ctx.language, constants),
        function_start=_FUNCTION_START.search,
        statement=forget_assigned(assigned_name),
        query_call=_QUERY_CALL,
        judge=judge,
    ):
        if whole is None:
            whole = "\n".join(lexed.code.values())
        text = "\n".join(lexed.code.get(no, "") for no in range(hit.line, (hit.end_line or hit.line) + 1))
        if not only_own_table_names(text, whole, constants):
            yield hit  # a statement splicing only `this.tableName` names the class's own table


_BINDING_RAW = lazy_re(
    r"^\s*\.?\s*(?:whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|raw|"
    r"\$queryRawUnsafe|\$executeRawUnsafe)\s*\("
)
"""Knex's raw clauses and Prisma's unsafe raw calls: after the SQL they take the values bound to its
markers (an array, or the rest of the arguments)."""
_MARKED_LITERAL = lazy_re(r"""^(?:"[^"\n]*(?:\?|\$\d)[^"\n]*"|'[^'\n]*(?:\?|\$\d)[^'\n]*')$""")
"""A quoted SQL literal (no template fields) holding a `?` or `$1` marker."""


_CALLBACK = lazy_re(r"^(?:async\b|function\b|\(?[\w$\s,{}:=\[\]]*\)?\s*=>)")
"""A function handed to `query`/`get`/`run`: what a router builds a procedure from (tRPC's
`.query(async ({ input }) => ...)`), never the text of a SQL statement."""


_BUILDER_CONDITION = lazy_re(r"\.(?:where|andWhere|orWhere|having|andHaving|orHaving)\s*\(")
"""A query builder's condition (TypeORM, MikroORM): its text is SQL, with `:name` parameters bound."""
_VALUE_SLOT = lazy_re(r"(?:=|<>|!=|<=|>=|<|>|\b(?i:i?like|in|between|any)\b)\s*\(?\s*$")
"""SQL text that ends where a value goes (`= `, `LIKE `, `IN (`)."""
_FIXED_FIELD = lazy_re(
    r"^(?:[A-Z][A-Z0-9_]*|[A-Z][\w$]*\.[A-Z][\w$]*|this\.[\w$.]+|(?:Number|parseInt|parseFloat)\s*\(.*|"
    r"[\w$.]+\.length)$"
)
"""A template field that no caller writes: a constant, an enum member, the object's own state, a number."""


def _builder_conditions(ctx: FileContext) -> Iterator[Hit]:
    """A query builder condition (`.where(...)`, `.andWhere(...)`) given a template literal that puts a
    value into the SQL text itself: inside a quoted SQL string (`ILIKE '%${term}%'`) or after a comparison
    (`= ${id}`, `IN (${ids})`). A field in a name's place (`${alias}.deletedAt IS NULL`) is an identifier,
    and a tagged template (sql followed by a template literal) binds its values: neither is reported."""
    lexed = lex(ctx)
    constants = string_constants(lexed)
    for no, _code, bare in lines_of(lexed):
        if "here" not in bare and "aving" not in bare:
            continue
        for match in _BUILDER_CONDITION.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            if args and _value_spliced(args[0].strip(), constants):
                yield Hit(no, span.last)
                break


def _value_spliced(arg: str, constants: frozenset[str]) -> bool:
    """Is `arg` a template literal with a field in a value's place of its SQL text?"""
    if not arg.startswith("`"):
        return False
    text, i, n = "", 1, len(arg)
    while i < n:
        ch = arg[i]
        if ch == "\\":
            text += arg[i : i + 2]
            i += 2
            continue
        if ch == "`":
            return False
        if arg.startswith("${", i):
            end = _field_end(arg, i + 2)
            field = arg[i + 2 : end].strip()
            quoted = text.count("'") % 2 == 1
            in_value = quoted or _VALUE_SLOT.search(text) is not None
            if in_value and field not in constants and not _FIXED_FIELD.match(field):
                return True
            text += "?"
            i = end + 1
            continue
        text += ch
        i += 1
    return False


def _field_end(text: str, start: int) -> int:
    """The index of the `}` closing a template field whose expression starts at `start`."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            if depth == 0:
                return i
            depth -= 1
    return len(text)


_EXEC = lazy_re(
    r"(?:(?<![\w$.])|\b(?:cp|child_process|childProcess|shell|shelljs|proc)\.)(?:exec|execSync)\s*\("
)
_SPAWN = lazy_re(
    r"(?:(?<![\w$.])|\b(?:cp|child_process|childProcess)\.)(?:spawn|spawnSync|execFile|execFileSync)\s*\("
)
_SHELL_OPTION = lazy_re(r"\bshell\s*:\s*(?!false\b|undefined\b|null\b)[\w'\"`]")
_SHELLS = lazy_re(r"""^["'`](?:/bin/|/usr/bin/)?(?:ba|z|da)?sh["'`]$|^["'`]cmd(?:\.exe)?["'`]$""")
_LITERAL = lazy_re(r"""^(?:"[^"]*"|'[^']*'|`[^`$]*`)$""")


@register(
    CheckSpec(
        id="JS-SHELL-INJECTION",
        checklist_item="SEC-02",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_JS,
        title="Shell command built from a variable",
        explanation=(
            "`exec` (and `spawn` with `shell: true` or `sh -c`) hands the string to a shell, so a `;`, `$()` "
            "or backtick inside a value runs extra commands. Use `execFile`/`spawn` with the program and an "
            "argument array and no shell, and validate inputs against an allow-list."
        ),
    ),
    needs=("exec", "spawn"),
)
def shell_injection(ctx: FileContext) -> Iterator[Hit]:
    """The line-based hits, less those whose command the data flow shows to be constant (or a name defined
    outside the hunk, or free of request data in a file where request data is visible); plus the commands
    request data reaches."""
    verb = "is part of the command run by"
    found = list(_shell_lines(ctx))
    # `shell: true` on a command built from literals is reported as such (low): the flow showing the
    # command constant is what that hit already says, so it is not a reason to drop it
    advice = [hit for hit in found if hit.message == _SHELL_CONSTANT_MESSAGE]
    judged = [hit for hit in found if hit.message != _SHELL_CONSTANT_MESSAGE]
    lines = sorted([*kept_line_hits(ctx, COMMAND_SINKS, judged, SHELL, verb), *advice], key=lambda h: h.line)
    yield from with_flow_sites(lines, command_flows(ctx), describe_flow, verb, ctx=ctx)


def _shell_lines(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    constants = string_constants(lexed)
    literals = _literal_of(lexed, constants)
    for no, _code, bare in lines_of(lexed):
        if "exec" not in bare and "spawn" not in bare:
            continue
        for pattern in (_EXEC, _SPAWN):
            for match in pattern.finditer(bare):
                span = bracket_span(lexed, no, match.end() - 1)
                args = [a.strip() for a in split_args(span)]
                if not args:
                    continue
                if pattern is _EXEC:
                    hit = not _LITERAL.match(args[0]) and args[0] not in constants
                else:
                    args[0] = literals.get(args[0], args[0])
                    hit = _spawn_runs_input(args, span.bare, constants)
                if hit:
                    yield Hit(no, span.last)
                elif pattern is _SPAWN and _SHELL_OPTION.search(span.bare):
                    yield Hit(no, span.last, message=_SHELL_CONSTANT_MESSAGE, severity=Severity.LOW)


_LITERAL_DECL = lazy_re(
    r"""^\s*(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=\s*("[^"]*"|'[^']*'|`[^`$]*`)\s*;?\s*$"""
)


def _literal_of(lexed: Lexed, constants: frozenset[str]) -> dict[str, str]:
    """The literal (quotes kept) each name in `constants` holds, when it is given exactly one value."""
    values: dict[str, set[str]] = {}
    for _no, code, _bare in lines_of(lexed):
        match = _LITERAL_DECL.match(code)
        if match is not None and match.group(1) in constants:
            values.setdefault(match.group(1), set()).add(match.group(2))
    return {name: next(iter(found)) for name, found in values.items() if len(found) == 1}


def _spawn_runs_input(args: list[str], bare: str, constants: frozenset[str]) -> bool:
    program = args[0]
    rest = args[1] if len(args) > 1 else ""
    items = [i.strip() for i in rest.strip("[]").split(",")] if rest.startswith("[") else []
    variable_items = [i for i in items if i and not _LITERAL.match(i) and i not in constants]
    if _SHELLS.match(program) and (variable_items or (rest and not rest.startswith("["))):
        return True
    if not _LITERAL.match(program) and program not in constants:
        flags = {i.strip("'\"`") for i in items if _LITERAL.match(i)}
        return bool(flags & {"-c", "/c"}) and bool(variable_items)
    shell = _SHELL_OPTION.search(bare) is not None
    return shell and (not _LITERAL.match(program) or bool(variable_items))


_SHELL_CONSTANT_MESSAGE = (
    "`shell: true` runs a constant command through a shell: nothing can be injected today, but the shell "
    "adds quoting rules and the next edit that adds a variable makes it injectable. Pass the program and an "
    "argument array without the shell option."
)

_TLS_OFF = lazy_re(
    r"\brejectUnauthorized\s*:\s*false\b|\bNODE_TLS_REJECT_UNAUTHORIZED\b\s*(?:\]\s*)?=\s*['\"]?0|"
    r"\bstrictSSL\s*:\s*false\b|\bcheckServerIdentity\s*:\s*\(\s*\)\s*=>\s*(?:undefined|null)\b|"
    r"\bsecureProtocol\s*:\s*['\"](?:SSLv2|SSLv3|TLSv1|TLSv1_1)_method['\"]|"
    r"\bminVersion\s*:\s*['\"]TLSv1(?:\.1)?['\"]"
)


@register(
    CheckSpec(
        id="JS-TLS-VERIFY-OFF",
        checklist_item="SEC-04",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_JS,
        title="TLS certificate verification disabled or an obsolete TLS version",
        explanation=(
            "With `rejectUnauthorized: false` (or NODE_TLS_REJECT_UNAUTHORIZED=0) any certificate is "
            "accepted, so anyone on the path can impersonate the database or API and read the credentials "
            "sent to it. Keep verification on and pass the private CA with the `ca` option; require TLS "
            "1.2+."
        ),
    ),
    needs=("reject", "strict", "NODE_TLS", "secureProtocol", "minVersion", "checkServer"),
)
def tls_verify_off(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, bare in lines_of(lexed):
        if _TLS_OFF.search(code) and (
            bare.find("reject") >= 0
            or bare.find("strict") >= 0
            or "NODE_TLS" in bare
            or "secureProtocol" in bare
            or "minVersion" in bare
            or "checkServer" in bare
        ):
            yield Hit(no)


_WEAK_HASH = lazy_re(
    r"""\bcreate(?:Hash|Hmac)\s*\(\s*['"](?:md5|md4|sha1|sha-1|MD5|SHA1)['"]|\bmd5\s*\("""
)
_PASSWORDISH = lazy_re(r"pass(?:word|wd)?|pwd", re.IGNORECASE)


@register(
    CheckSpec(
        id="JS-WEAK-HASH",
        checklist_item="SEC-05",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="MD5/SHA-1 hash",
        explanation=(
            "MD5 and SHA-1 collide cheaply and are fast to brute-force, so they protect neither passwords "
            "nor integrity. Hash passwords with bcrypt/argon2/scrypt (`crypto.scrypt`) and use SHA-256 or "
            "better elsewhere."
        ),
    ),
    needs=("create", "md5"),
)
def weak_hash(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    reported: set[int] = set()
    for no, code, bare in lines_of(lexed):
        match = _WEAK_HASH.search(code)
        if match is not None and bare[match.start()] != " ":
            reported.add(no)
            yield Hit(no, severity=Severity.HIGH if _PASSWORDISH.search(code) else None)
    for no, what in password_digest_lines(lexed, ctx.language, ctx.known_text()):
        if no not in reported:
            yield Hit(no, message=f"{what}: {FAST_FOR_PASSWORDS}", severity=Severity.HIGH)


_CIPHER_CALL = lazy_re(r"\bcreateCipher(?:iv)?\s*\(")
_BROKEN_MODE = lazy_re(r"""^\s*['"`](?:[\w-]*-ecb|des|des-(?:cbc|ecb|cfb|ofb)|rc4[\w-]*|bf[\w-]*)['"`]\s*$""",
                       re.IGNORECASE)
_FIXED_IV = lazy_re(r"""^\s*(?:Buffer\.alloc\s*\(\s*\d+\s*(?:,\s*0\s*)?\)|Buffer\.from\s*\(\s*['"`]|['"`])""")
_IV_CONSTANT = lazy_re(
    r"""(?m)^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)\s*(?::\s*\w+\s*)?=\s*"""
    r"""(?:Buffer\.alloc\s*\(\s*\d+\s*(?:,\s*0\s*)?\)|Buffer\.from\s*\(\s*['"`]|['"`])"""
)
"""`const iv = Buffer.alloc(16, 0)`, `const IV = Buffer.from("0123456789abcdef")`: an IV fixed in the
source."""
_PASSWORD_CIPHER = ("`createCipher` derives the key and IV from a password with a single MD5 round; it is "
                    "gone from recent Node versions.")
_FILLED = lazy_re(r"\b(?:randomFill(?:Sync)?|getRandomValues)\s*\(\s*(\w+)")


@register(
    CheckSpec(
        id="JS-WEAK-CIPHER",
        checklist_item="SEC-15",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="ECB mode, a broken cipher, or a fixed IV",
        explanation=(
            "ECB encrypts equal blocks to equal output, so the ciphertext shows the data's patterns; DES "
            "and RC4 are broken; `createCipher` derives its key and IV from a password with one MD5 round. "
            "A fixed IV makes equal messages encrypt the same, and with GCM or CTR it gives away the key "
            "stream. Use `createCipheriv(\"aes-256-gcm\", key, randomBytes(12))` and store the IV with the "
            "ciphertext."
        ),
    ),
    needs=("createCipher",),
)
def weak_cipher(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    source = ctx.known_text()
    filled = {m.group(1) for m in _FILLED.finditer(source)}
    fixed = {m.group(1) for m in _IV_CONSTANT.finditer(source)} - filled
    for no, _code, bare in lines_of(lexed):
        for match in _CIPHER_CALL.finditer(bare):
            if not match.group().startswith("createCipheriv"):
                yield Hit(no, message=_PASSWORD_CIPHER)
                break
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            if args and _BROKEN_MODE.match(args[0]):
                yield Hit(no)
                break
            iv = args[2].strip() if len(args) > 2 else ""
            if _FIXED_IV.match(iv) or iv in fixed:
                yield Hit(no, message=FIXED_IV)
                break


_JWT_NONE = lazy_re(r"""\balgorithms?\s*:\s*\[?[^\]\n]*['"]none['"]""")
_JWT_NO_VERIFY = lazy_re(r"""\bjwt\.decode\s*\(\s*[\w.$]+\s*,\s*true\b|\bnoVerify\s*:\s*true\b""")


@register(
    CheckSpec(
        id="JS-JWT-UNVERIFIED",
        checklist_item="SEC-07",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_JS,
        title="JWT accepted with the `none` algorithm or without verification",
        explanation=(
            "Allowing `alg: none` or skipping signature verification lets anyone forge a token with any user "
            "id or role. Verify with `jwt.verify(token, key, { algorithms: ['RS256'] })` and never include "
            "`none`."
        ),
    ),
    needs=("lgorithm", "jwt", "Jwt", "noVerify", "split"),
)
def jwt_unverified(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, bare in lines_of(lexed):
        if "lgorithm" not in bare and "jwt" not in bare and "noVerify" not in bare:
            continue
        match = _JWT_NONE.search(code) or _JWT_NO_VERIFY.search(code)
        if match is not None and bare[match.start()] != " ":
            yield Hit(no)
    yield from hand_decoded(ctx)
    yield from _decoded_only(ctx, lexed)


_LIBRARY_DECODE = lazy_re(r"(?<![\w$.])(?:jwt|jsonwebtoken|jose)\s*\.\s*(?:decode|decodeJwt)\s*\(|"
                          r"(?<![\w$.])decodeJwt\s*\(")
"""jsonwebtoken's `jwt.decode` and jose's `decodeJwt`: both only read the payload, checking nothing."""
_SERVER_REQUEST = lazy_re(
    r"\b(?:req|request|ctx|ctx\.request|c\.req)\s*\.\s*(?:headers?|get|header|cookies?|signedCookies|query)\b|"
    r"getHeader\s*\(")
_ANY_VERIFY = lazy_re(r"(?i)verif|getPublicKey|jwks")
_DECODE_AROUND = 15


def _decoded_only(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """`jwt.decode(token)` of a token read from the request a few lines above, in a file that verifies
    no token anywhere: the claims are the caller's to write (a token the server fetched for itself, or a
    browser reading its own token's expiry, is not read from a request: quiet)."""
    if "decode" not in ctx.known_text():
        return
    code = lexed.code
    whole = "\n".join(code.values())
    if _ANY_VERIFY.search(whole):
        return
    for no in sorted(code):
        if no not in ctx.added or not _LIBRARY_DECODE.search(code[no]):
            continue
        above = "\n".join(code.get(n, "") for n in range(no - _DECODE_AROUND, no + 1))
        if _SERVER_REQUEST.search(above):
            yield Hit(no, None, "The token from the request is only decoded (`decode` reads the payload and "
                                "checks no signature), so the caller writes its claims. Verify it with "
                                "`jwt.verify(token, key, { algorithms: [...] })` and use what that returns.")


_DESERIALIZE = lazy_re(r"\b\w*[sS]erializ\w*\.(?:unserialize|deserialize)\s*\(")


@register(
    CheckSpec(
        id="JS-UNSAFE-DESERIALIZATION",
        checklist_item="SEC-03",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_JS,
        title="Deserializer that can execute code",
        explanation=(
            "Libraries like node-serialize and serialize-to-js rebuild functions from their input, so a "
            "crafted payload (an IIFE in the data) runs code in this process. Parse untrusted data with "
            "`JSON.parse` and validate it against a schema."
        ),
    ),
    needs=("erializ",),
)
def unsafe_deserialization(ctx: FileContext) -> Iterator[Hit]:
    for no, _code, bare in lines_of(lex(ctx)):
        if "erializ" in bare and _DESERIALIZE.search(bare):
            yield Hit(no)
