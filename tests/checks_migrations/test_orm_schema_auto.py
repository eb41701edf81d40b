"""JAVA-MIG-SCHEMA-AUTO: Hibernate told to change the schema at startup (`ddl-auto`, `hbm2ddl.auto`, Quarkus
`database.generation`) in a configuration that is deployed, next to development, test and embedded-database
configurations that must stay quiet."""

from __future__ import annotations

import textwrap

from persona_review.checks.runner import run_checks
from persona_review.findings import Category, Severity

from .helpers import hunk_context, review

RULE = "JAVA-MIG-SCHEMA-AUTO"


def _lines(path: str, text: str) -> list[int]:
    return sorted(f.line or 0 for f in review(path, text) if f.rule_id == RULE)


PROD_YAML = """
    server:
      port: 8443
    spring:
      datasource:
        url: jdbc:postgresql://${PGHOST}:5432/inventory
      jpa:
        hibernate:
          ddl-auto: update
    """


PROD_PATH = "service/src/main/resources/application-production.yaml"


def test_a_production_profile_that_updates_the_schema_is_reported() -> None:
    assert _lines(PROD_PATH, PROD_YAML) == [8]


def test_the_setting_is_seen_in_a_hunk_without_the_keys_above_it() -> None:
    text = """
        spring:
          jpa:
            open-in-view: false
            hibernate:
              ddl-auto: create-drop
            properties:
              hibernate.jdbc.batch_size: 25
        """
    path = "src/main/resources/application-prd.yml"
    ctx = hunk_context(path, text, range(5, 6), context=2)
    findings = [f for f in run_checks([ctx], [Category.MIGRATION_SAFETY]).findings if f.rule_id == RULE]
    assert [(f.line, f.severity) for f in findings] == [(5, Severity.CRITICAL)]


def test_properties_and_quarkus_profiles() -> None:
    text = """
        quarkus.datasource.jdbc.url=jdbc:postgresql://pg.internal:5432/ledger
        %dev.quarkus.hibernate-orm.database.generation=drop-and-create
        %test.quarkus.hibernate-orm.database.generation=drop-and-create
        %prod.quarkus.hibernate-orm.database.generation=update
        """
    assert _lines("src/main/resources/application.properties", text) == [4]


def test_a_base_file_pointing_at_a_database_server_is_reported_and_a_local_one_is_not() -> None:
    server = """
        spring.datasource.url=jdbc:mysql://orders-db.prod.svc:3306/orders
        spring.jpa.hibernate.ddl-auto=update
        """
    local = """
        spring.datasource.url=jdbc:mysql://localhost:3306/orders
        spring.jpa.hibernate.ddl-auto=update
        """
    unknown = """
        spring.jpa.show-sql=false
        spring.jpa.hibernate.ddl-auto=update
        """
    path = "src/main/resources/application.properties"
    assert _lines(path, server) == [2]
    assert _lines(path, local) == []
    assert _lines(path, unknown) == []  # no datasource in view: Spring Boot's embedded database


def test_development_test_and_embedded_configurations_are_quiet() -> None:
    assert _lines("src/main/resources/application-dev.yml", PROD_YAML) == []
    assert _lines("src/main/resources/application-local-docker.yml", PROD_YAML) == []
    assert _lines("src/test/resources/application-prod.yml", PROD_YAML) == []
    embedded = """
        spring:
          datasource:
            url: jdbc:h2:file:./data/catalog
          jpa:
            hibernate:
              ddl-auto: update
        """
    assert _lines("src/main/resources/application-prod.yml", embedded) == []


def test_the_document_of_a_multi_document_file_decides() -> None:
    text = """
        spring:
          datasource:
            url: jdbc:postgresql://db.internal:5432/app
          jpa:
            hibernate:
              ddl-auto: validate
        ---
        spring:
          config:
            activate:
              on-profile: dev
          jpa:
            hibernate:
              ddl-auto: update
        ---
        spring:
          config:
            activate:
              on-profile: prod
          jpa:
            hibernate:
              ddl-auto: create
        """
    assert _lines("src/main/resources/application.yml", text) == [22]


def test_safe_values_and_placeholders_are_quiet() -> None:
    text = """
        spring:
          jpa:
            hibernate:
              ddl-auto: ${DDL_AUTO:validate}
            properties:
              hibernate.hbm2ddl.auto: none
        """
    assert _lines("src/main/resources/application-prod.yml", text) == []


def test_persistence_xml() -> None:
    text = textwrap.dedent("""
        <persistence-unit name="billing">
          <properties>
            <property name="jakarta.persistence.jdbc.url" value="jdbc:postgresql://billing-db:5432/billing"/>
            <property name="hibernate.hbm2ddl.auto" value="update"/>
          </properties>
        </persistence-unit>
        """)
    assert _lines("src/main/resources/META-INF/persistence.xml", text) == [4]
    assert _lines("src/main/resources/META-INF/persistence.xml", text.replace("billing-db", "localhost")) == []
