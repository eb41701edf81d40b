"""Backend detectors: server-side languages, SQL, migrations, server JS/TS and service infrastructure.

Each detector reads the path first and the added lines only where the path cannot tell (JS/TS imports,
Kubernetes manifests, goose/dbmate markers), and only the first lines of them, so detection stays cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from persona_review.lazy_re import lazy_re
from persona_review.selection.detectors import (
    INFRA,
    MIGRATION,
    SERVER_JS,
    SERVER_LANGUAGE,
    SQL,
    Detection,
    FileFacts,
)

SERVER_LANGUAGES = frozenset(
    {"python", "go", "java", "kotlin", "scala", "ruby", "php", "csharp", "rust", "elixir"}
)
JS_TS = frozenset({"javascript", "typescript"})

_MIGRATION_DIRS = frozenset(
    {"migrations", "migration", "migrate", "knex_migrations", "alembic", "evolutions"}
)
_MIGRATION_NAMES = frozenset({"schema.rb", "structure.sql", "schema.prisma", "alembic.ini"})
_MIGRATION_NAME_RE = lazy_re(
    r"^(?:v\d+(?:[._]\d+)*__.+\.sql|r__.+\.sql|.+\.(?:up|down)\.sql"
    r"|.*changelog.*\.(?:xml|ya?ml|json|sql)|.+\.prisma)$"
)
_MIGRATION_MARKERS = lazy_re(
    r"^--\s*(?:\+goose\s+(?:up|down)|migrate:(?:up|down))", re.IGNORECASE | re.MULTILINE
)

_SERVER_JS_DIRS = frozenset(
    {
        "server", "servers", "backend", "routes", "router", "routers", "controllers", "controller",
        "middleware", "middlewares", "db", "database", "repositories", "repository", "lambda", "lambdas",
        "workers", "worker", "jobs", "queues", "consumers", "resolvers", "cron", "integrations", "webhooks",
    }
)
_SERVER_DIR_NAME = lazy_re(r"(?:^|[-_.])(?:server|backend)(?:$|[-_.])")
_SERVER_JS_NAME_RE = lazy_re(
    r"^(?:server(?:[-_.][\w-]+)?|knexfile|ormconfig|drizzle\.config)\.[cm]?[jt]s$"
    r"|\.(?:controller|resolver|entity|repository|middleware|gateway|migration)\.[cm]?[jt]s$"
)
_SERVER_MODULES = (
    r"express|koa|fastify|@nestjs/[\w-]+|@hapi/hapi|hapi|restify|@apollo/server|apollo-server[\w-]*"
    r"|hono|hono/[\w/-]+|@hono/[\w-]+|elysia|@trpc/server[\w/-]*"
    r"|pg|pg-promise|postgres|mysql2?|mariadb|mssql|oracledb|sqlite3|better-sqlite3|mongodb|mongoose|redis|ioredis"
    r"|knex|sequelize|typeorm|@prisma/client|drizzle-orm[\w/-]*|@mikro-orm/[\w-]+|objection|kysely"
    r"|kafkajs|amqplib|bullmq|bull|nodemailer|jsonwebtoken|bcrypt|bcryptjs|argon2|passport[\w-]*"
    r"|socket\.io|ws|next/server|next/headers|server-only|iron-session|express-session"
    r"|@aws-sdk/[\w-]+|aws-sdk|@google-cloud/[\w-]+|firebase-admin"
    r"|node:[\w/]+|fs|fs/promises|http|https|net|tls|dgram|cluster|child_process|worker_threads"
)
_SERVER_IMPORT = lazy_re(
    rf"""(?:\bfrom\s+|\brequire\(\s*|\bimport\s+)['"]({_SERVER_MODULES}"""
    r"""|[^'"\s]*/(?:prisma|db|database|server|server-only)(?:/[^'"\s]*)?)['"]"""
)
"""An import of a server framework, ORM or driver, or of a workspace package or module named for the
database or the server (`@acme/prisma`, `../db`, `@acme/lib/server-only/x`)."""
_HANDLER_SIGNATURE = lazy_re(
    r"\(\s*(?:req|request)\s*(?::\s*[\w.<>\[\]]+\s*)?,\s*(?:res|response|reply)\s*(?::\s*[\w.<>\[\]]+\s*)?"
    r"(?:,\s*next\b[^)]*)?\)\s*(?:=>|\{|:)"
)
"""A function taking a request and a response or reply (`(req, res, next) =>`, `(request: FastifyRequest,
reply: FastifyReply) {`): an Express, Koa-router, Fastify or Node `http` handler, which only a server runs."""

_CONTEXT_HANDLER = lazy_re(
    r"\bc\.req\.(?:param|query|queries|json|header|valid|parseBody|formData|text|raw)\b"
    r"|\.onError\(\s*(?:async\s*)?\(\s*\w+\s*(?::\s*[\w.<>]+\s*)?,\s*c\b"
    r"|\breturn\s+c\.(?:json|text|body|html|redirect)\("
    r"|\bctx\.(?:body|status)\s*=(?!=)|\bctx\.request\.body\b"
)
"""A handler that takes one context object: Hono's `c.req.param(...)`, `return c.json(...)` and
`app.onError((err, c) => ...)`, Koa's
`ctx.body = ...` and `ctx.request.body`: server code though the hunk shows no import."""
_NODE_RUNTIME = lazy_re(
    r"\bprocess\.(?:exit|on|argv|cwd|memoryUsage|hrtime|kill|pid)\b"
    r"|\bprocess\.env\.(?!NODE_ENV\b|NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_|VUE_APP_|GATSBY_)[A-Z]"
    r"|\bBuffer\.(?:from|alloc|concat|byteLength)\(|\b__dirname\b|\b__filename\b|\bmodule\.exports\b"
    r"|\blogger\.(?:error|warn|info|debug|fatal)\("
    r"|\b(?:resolveOffset|commitOffsets)\s*\(|\beach(?:Message|Batch)\s*:\s*async\b"
)
"""Node's own runtime in added lines (its process, `Buffer`, CommonJS paths), a server-style logger, or a
Kafka consumer's handler and offset calls (kafkajs `eachBatch: async`, `resolveOffset(...)`):
JS/TS that a browser never runs, though it imports nothing that says so (`src/lib/x.ts`)."""
_DATA_ACCESS = lazy_re(
    r"\bawait\s+(?:this\.)?\w*(?:[Rr]epo|[Rr]epository|[Rr]epositories|[Dd]ao|prisma|knex)\s*\.\s*(?:\w+\s*\.\s*)?"
    r"\w+\s*\("
    r"|@Inject(?:Repository|Model|Connection|DataSource|EntityManager)\s*\("
)
"""A database read or write awaited through a repository, DAO, Prisma or Knex handle (`await
this.repo.findActive(...)`, `await prisma.user.update(...)`), or a NestJS data-source injection: a browser
holds none of these, so the file is server code wherever it sits (`src/notifications/templates/render.ts`)."""
_TOOL_CONFIG_NAME = lazy_re(
    r"^\.|[.-]config\.[cm]?[jt]s$|rc\.[cm]?[jt]s$|^(?:jest|vitest)\.|preset\.[cm]?[jt]s$"
)
"""Build and tool configuration (`vite.config.ts`, `.prettierrc.js`, `jest.preset.js`): Node runs it, but
it is not the service."""
_COMPOSE_RE = lazy_re(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$")
INFRA_DIRS = frozenset(
    {"k8s", "kubernetes", "helm", "charts", "kustomize", "manifests", "terraform"}
)
_INFRA_NAMES = frozenset(
    {"procfile", "chart.yaml", "kustomization.yaml", "kustomization.yml", "fly.toml", "app.yaml",
     "nginx.conf"}
)
_SERVICE_CONFIG_RE = lazy_re(
    r"^(?:application|bootstrap)(?:[-.][\w-]+)?\.(?:ya?ml|properties)$|^appsettings(?:\.[\w-]+)?\.json$"
    r"|^nginx.*\.conf$|^gunicorn\.conf\.py$|^uwsgi\.ini$"
)
_K8S_MANIFEST = lazy_re(r"^apiVersion:\s*\S+", re.MULTILINE)
_K8S_KIND = lazy_re(r"^kind:\s*\w+", re.MULTILINE)


def server_import(head: str) -> str | None:
    """The server framework, ORM or driver a JS/TS text imports, or None."""
    if "from" not in head and "require" not in head and "import" not in head:
        return None
    m = _SERVER_IMPORT.search(head)
    return m.group(1) if m else None


def _migration(facts: FileFacts) -> Detection | None:
    where = facts.under(_MIGRATION_DIRS)
    if where is not None:
        return Detection(MIGRATION, f"under {where}/")
    name = facts.name
    if name in _MIGRATION_NAMES or _MIGRATION_NAME_RE.match(name):
        return Detection(MIGRATION, name)
    if facts.language == "sql" and _MIGRATION_MARKERS.search(facts.head):
        return Detection(MIGRATION, "migration marker")
    return None


def _sql(facts: FileFacts) -> Detection | None:
    return Detection(SQL, "SQL file") if facts.language == "sql" else None


def _server_language(facts: FileFacts) -> Detection | None:
    return Detection(SERVER_LANGUAGE, facts.language) if facts.language in SERVER_LANGUAGES else None


def _server_js(facts: FileFacts) -> Detection | None:
    if facts.language not in JS_TS:
        return None
    module = server_import(facts.head)
    if module is not None:
        return Detection(SERVER_JS, f"imports {module}")
    if _HANDLER_SIGNATURE.search(facts.head) or _CONTEXT_HANDLER.search(facts.head):
        return Detection(SERVER_JS, "request handler")
    if _SERVER_JS_NAME_RE.search(facts.name):
        return Detection(SERVER_JS, facts.name)
    where = facts.under(_SERVER_JS_DIRS) or _server_named_dir(facts.dirs)
    if where is not None:
        return Detection(SERVER_JS, f"under {where}/")
    dirs = facts.dirs
    if "api" in dirs and "pages" in dirs[: dirs.index("api")]:
        return Detection(SERVER_JS, "Next.js API route")
    m = None if _TOOL_CONFIG_NAME.search(facts.name) else _NODE_RUNTIME.search(facts.head)
    if m is not None:
        return Detection(SERVER_JS, f"uses {m.group(0).rstrip('(')}")
    access = data_access(facts.head)
    if access is not None:
        return Detection(SERVER_JS, f"reads the database: {' '.join(access.split())}")
    return None


def data_access(head: str) -> str | None:
    """The awaited repository or ORM call (or NestJS data injection) a JS/TS text makes, or None."""
    if "await" not in head and "@Inject" not in head:
        return None
    m = _DATA_ACCESS.search(head)
    return m.group(0).rstrip("(").strip() if m else None


def server_dir_depth(dirs: tuple[str, ...]) -> int | None:
    """How deep the outermost server directory (`server/`, `routes/`, `server-only/`, ...) sits, or None."""
    for depth, part in enumerate(dirs):
        if part in _SERVER_JS_DIRS or _SERVER_DIR_NAME.search(part):
            return depth
    return None


def _server_named_dir(dirs: tuple[str, ...]) -> str | None:
    """A directory named for the server side: `server-only`, `server_utils`, `api-server`, ..."""
    for part in dirs:
        if _SERVER_DIR_NAME.search(part):
            return part
    return None


def _infra(facts: FileFacts) -> Detection | None:
    name = facts.name
    if facts.language == "dockerfile" or name.endswith(".dockerfile"):
        return Detection(INFRA, "Dockerfile")
    if _COMPOSE_RE.match(name):
        return Detection(INFRA, "compose file")
    if facts.language == "terraform" or name.endswith((".tfvars", ".hcl")):
        return Detection(INFRA, "Terraform")
    if name in _INFRA_NAMES or _SERVICE_CONFIG_RE.match(name):
        return Detection(INFRA, "service config")
    if facts.language in ("yaml", "json", "unknown", "shell"):
        where = facts.under(INFRA_DIRS)
        if where is not None:
            return Detection(INFRA, f"under {where}/")
    if facts.language == "yaml":
        head = facts.head
        if "apiVersion" in head and _K8S_MANIFEST.search(head) and _K8S_KIND.search(head):
            return Detection(INFRA, "Kubernetes manifest")
    return None


_DETECTORS: dict[str, Callable[[FileFacts], Detection | None]] = {
    MIGRATION: _migration,
    SQL: _sql,
    SERVER_LANGUAGE: _server_language,
    SERVER_JS: _server_js,
    INFRA: _infra,
}


def detect_backend(facts: FileFacts, enabled: Iterable[str]) -> Detection | None:
    """The first enabled backend detector that recognises the file (migrations before plain SQL or
    source, so a migration is named as one)."""
    for name in enabled:
        found = _DETECTORS[name](facts)
        if found is not None:
            return found
    return None
