"""Hibernate set to change the database schema itself when the application starts, in a deployed profile.

    # src/main/resources/application-prod.yml
    spring:
      jpa:
        hibernate:
          ddl-auto: update        # every instance that boots alters the live schema

Spring Boot's `spring.jpa.hibernate.ddl-auto`, Hibernate's own `hibernate.hbm2ddl.auto` (in a Spring,
Micronaut or `persistence.xml`/`hibernate.cfg.xml` configuration) and Quarkus's
`quarkus.hibernate-orm.database.generation` make Hibernate compare the entities with the database at
startup and issue DDL to match. With `update` the production schema changes with no migration anyone
reviewed: columns and tables are added (a NOT NULL column on a large table fails or locks it), nothing is
ever dropped, renamed or backfilled, every instance of a rolling deploy races to run the same DDL, and a
rollback of the code cannot undo it. `create`, `create-drop`, `drop-and-create` and `drop` drop the tables
and their data at startup (or shutdown).

Reported on an added line that sets one of these keys to a schema-changing value in a Spring, Quarkus,
Micronaut or JPA configuration file (`application*.yml|yaml|properties`, `bootstrap*`, `persistence.xml`,
`hibernate.cfg.xml`) that configures a deployed application: not a test resource, not a profile named for
development or tests (`application-dev.yml`, `application-local.properties`, a `%dev.`/`%test.` Quarkus
prefix, a YAML document activated on such a profile), and not a file whose datasource is an in-memory
database (H2/HSQLDB/Derby `mem:`), where generating the schema is the only way to have one. A value taken
from a placeholder (`${DDL_AUTO:none}`) is the deployment's to choose and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CONFIG_FILE = lazy_re(
    r"(?:^|/)(?:(?:application|bootstrap)(?:[-_.][\w.-]+)?\.(?:ya?ml|properties)|persistence\.xml|"
    r"hibernate\.cfg\.xml)$",
    re.IGNORECASE,
)
_TEST_PATH = lazy_re(r"(?:^|/)(?:src/(?:test|it|integration-?test|e2e)\w*|tests?|testFixtures)/",
                     re.IGNORECASE)
_NOT_DEPLOYED = (r"dev|develop|development|local|localhost|test|tests|testing|it|ci|e2e|h2|hsql|embedded|"
                 r"mem|memory|demo|sample|example|sandbox|mock|stub|debug|docker-?local|playground")
_PROFILE_OF_FILE = lazy_re(r"(?:application|bootstrap)[-_.]([\w.-]+)\.(?:ya?ml|properties)$", re.IGNORECASE)
_NOT_DEPLOYED_PROFILE = lazy_re(rf"^(?:{_NOT_DEPLOYED})(?:[-_.]\w+)*$|[-_.](?:{_NOT_DEPLOYED})$",
                                re.IGNORECASE)
"""A profile named for development or tests (`dev`, `local`, `test-h2`, `docker-local`)."""
_VALUES = r"update|create|create-drop|create_drop|drop-and-create|drop_and_create|drop"
_SETTING = lazy_re(
    r"""^\s*(?:-\s*)?(?:%(?P<profile>[\w-]+)\.)?["']?(?P<key>(?:[\w.\[\]"-]*\.)?"""
    r"""(?:ddl[-_]?auto|ddlAuto|hbm2ddl\.auto|database\.generation))["']?\s*[:=]\s*["']?"""
    rf"""(?P<value>{_VALUES})["']?\s*(?:#.*)?$""",
    re.IGNORECASE,
)
"""A YAML or properties line setting the key (`ddl-auto: update`, `spring.jpa.hibernate.ddl-auto=update`,
`%prod.quarkus.hibernate-orm.database.generation=drop-and-create`, `hibernate.hbm2ddl.auto: create`)."""
_XML_SETTING = lazy_re(
    r"""<property\s+name\s*=\s*["'](?:hibernate\.)?hbm2ddl\.auto["']\s*(?:value\s*=\s*["'](?P<value>"""
    rf"""{_VALUES})["']|>\s*(?P<text>{_VALUES})\s*<)""",
    re.IGNORECASE,
)
_DEPLOYED_PROFILE = lazy_re(
    r"^(?:prod|production|prd|live|staging|stage|stg|uat|preprod|pre-prod|release|cloud|k8s|kubernetes|"
    r"aws|gcp|azure|heroku|openshift)(?:[-_.]\w+)*$|[-_.](?:prod|production|prd|live|staging)$",
    re.IGNORECASE,
)
"""A profile named for a deployed environment."""
_EMBEDDED = lazy_re(r"jdbc:(?:h2|hsqldb|derby|sqlite):|\bdb-kind\s*[:=]\s*[\"']?h2\b", re.IGNORECASE)
"""An embedded database (H2, HSQLDB, Derby, SQLite: in memory or a local file), where generating the schema is
how the application gets one."""
_SERVER_URL = lazy_re(
    r"jdbc:(?:postgresql|mysql|mariadb|oracle:thin:@|sqlserver|db2|cockroachdb|tidb)[:/]*"
    r"(?P<host>[^/:;?\"'\s]+)",
    re.IGNORECASE,
)
_LOCAL_HOST = lazy_re(r"(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal)$",
                      re.IGNORECASE)
_PLACEHOLDER_URL = lazy_re(
    r"(?:^|[\s.\-])(?:url|jdbc-url|jdbcUrl|jdbc\.url|connection\.url)[\"']?\s*[:=]\s*[\"']?\$\{",
    re.IGNORECASE | re.MULTILINE,
)
"""A datasource URL the deployment fills in (`url: ${DATABASE_URL}`)."""
_DOCUMENT_PROFILE = lazy_re(
    r"^[ \t]*(?:on-profile|profiles|spring\.config\.activate\.on-profile|spring\.profiles)[ \t]*[:=][ \t]*"
    r"""["']?(?P<profile>[\w, .-]+?)["']?[ \t]*$""",
    re.MULTILINE,
)
"""A YAML or properties document's own profile (`spring.config.activate.on-profile: dev`, the older
`spring.profiles: dev`)."""
_SEPARATOR = lazy_re(r"^(?:---|#---)\s*$")
"""Between the documents of a multi-document YAML file, or of a properties file (Spring Boot 2.4+)."""
_DROPPING = frozenset({"create", "create-drop", "create_drop", "drop-and-create", "drop_and_create", "drop"})


@register(
    CheckSpec(
        id="JAVA-MIG-SCHEMA-AUTO",
        checklist_item="MIG-00",
        category=Category.MIGRATION_SAFETY,
        severity=Severity.HIGH,
        languages=frozenset({"yaml", "unknown"}),
        title="Hibernate changes the schema itself at startup in a deployed configuration",
        explanation=(
            "With `ddl-auto`/`hbm2ddl.auto`/`database.generation` set to `update`, every instance that boots "
            "alters the live schema with DDL nobody reviewed: columns and tables are added (a NOT NULL "
            "column on a large table locks it or fails), nothing is dropped, renamed or backfilled, the "
            "instances of a rolling deploy race to run it, and rolling back the code cannot undo it; "
            "`create`/`create-drop`/`drop-and-create` drop the tables and their data. Set it to `validate` "
            "(or `none`) and change the schema with versioned migrations (Flyway, Liquibase)."
        ),
    ),
    folded=("ddl-auto", "ddl_auto", "ddlauto", "hbm2ddl", "database.generation"),
)
def orm_schema_auto(ctx: FileContext) -> Iterator[Hit]:
    if not _CONFIG_FILE.search(ctx.path) or _TEST_PATH.search(ctx.path):
        return
    named = _PROFILE_OF_FILE.search(ctx.path.rsplit("/", 1)[-1])
    file_profile = named.group(1) if named else ""
    if file_profile and _NOT_DEPLOYED_PROFILE.search(file_profile):
        return
    for no in sorted(ctx.added):
        text = ctx.lines.get(no, "")
        setting = _SETTING.search(text)
        prefix = ""
        if setting is not None:
            value, key, prefix = setting.group("value"), setting.group("key"), setting.group("profile") or ""
        else:
            xml = _XML_SETTING.search(text)
            if xml is None:
                continue
            value, key = xml.group("value") or xml.group("text"), "hbm2ddl.auto"
        document = _document(ctx, no)
        profiles = [prefix] if prefix else _document_profiles(document) or [file_profile]
        if all(p and _NOT_DEPLOYED_PROFILE.search(p) for p in profiles) or _EMBEDDED.search(document):
            continue
        if any(p and _DEPLOYED_PROFILE.search(p) for p in profiles) or _server_database(document):
            yield _hit(no, key, value.lower())


def _hit(no: int, key: str, value: str) -> Hit:
    if value in _DROPPING:
        return Hit(no, message=(
            f"`{key}` `{value}` makes Hibernate drop and recreate the tables when the application starts "
            "(or stops): every deploy or restart of this configuration empties the database. Set it to "
            "`validate` or `none` and create the schema with versioned migrations (Flyway, Liquibase)."),
            severity=Severity.CRITICAL)
    return Hit(no, message=(
        f"`{key}` `update` lets Hibernate alter the live schema at every startup with DDL nobody "
        "reviewed: it adds tables and columns (a NOT NULL column on a large table locks it or fails), never "
        "drops, renames or backfills, races between the instances of a rolling deploy, and cannot be rolled "
        "back with the code. Set it to `validate` and change the schema with versioned migrations (Flyway, "
        "Liquibase)."))


def _document(ctx: FileContext, line: int) -> str:
    """The known lines of the document holding `line`: between `---`/`#---` separators (a multi-document
    YAML or properties file), the whole file otherwise."""
    numbers = sorted(ctx.lines)
    start = next((n for n in reversed(numbers) if n < line and _SEPARATOR.match(ctx.lines[n])), 0)
    end = next((n for n in numbers if n > line and _SEPARATOR.match(ctx.lines[n])), numbers[-1] + 1)
    return "\n".join(ctx.lines[n] for n in numbers if start <= n < end)


def _document_profiles(document: str) -> list[str]:
    """The profiles a document is activated on, when it names them (`on-profile: dev`)."""
    found = _DOCUMENT_PROFILE.search(document)
    return [p.strip() for p in found.group("profile").split(",") if p.strip()] if found else []


def _server_database(document: str) -> bool:
    """Whether the document points the datasource at a database server other than the developer's own
    machine (a host name, or a placeholder the deployment fills in)."""
    for url in _SERVER_URL.finditer(document):
        host = url.group("host")
        if not _LOCAL_HOST.match(host):
            return True
    return _PLACEHOLDER_URL.search(document) is not None
