"""Backend, frontend and test files are recognised by language, path and content, and each decision names
the detector or trigger that made it."""

from __future__ import annotations

import json

import pytest

from persona_review.config import Config, parse_config
from persona_review.diff import parse_diff
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.reporters.json_report import render_json
from persona_review.triggers import select_files

from .conftest import new_file

# path, added lines, (reviewed, detector that decided, words the reason must contain)
CASES: list[tuple[str, list[str], tuple[bool, str, str]]] = [
    # Server-side languages, wherever they live.
    ("internal/storage/sqlite.go", ["package storage"], (True, "server-language", "go")),
    ("src/Auth/LoginProvider.kt", ["class LoginProvider"], (True, "server-language", "kotlin")),
    ("lib/rate_limiter.rb", ["class RateLimiter"], (True, "server-language", "ruby")),
    ("app/controllers/admin/orders_controller.rb", ["class OrdersController"], (True, "server-language", "ruby")),
    ("app/models/order.rb", ["class Order < ApplicationRecord"], (True, "server-language", "ruby")),
    ("app/jobs/sync_inventory_job.rb", ["class SyncInventoryJob"], (True, "server-language", "ruby")),
    ("app/middleware/request_throttle.rb", ["class RequestThrottle"], (True, "server-language", "ruby")),
    ("app/Http/Kernel.php", ["<?php"], (True, "server-language", "php")),
    ("src/Service/Startup.cs", ["public class Startup {}"], (True, "server-language", "csharp")),
    ("src/handlers/mod.rs", ["pub fn handle() {}"], (True, "server-language", "rust")),
    ("web/serve.go", ["package web"], (True, "server-language", "go")),
    ("client/retry.py", ["def retry(): ..."], (True, "server-language", "python")),
    # SQL and migrations of several frameworks; a migration is named as one.
    ("queries/report.sql", ["SELECT 1;"], (True, "sql", "SQL file")),
    ("db/migrate/20240101_add_index.rb", ["add_index :users, :email"], (True, "migration", "migrate/")),
    ("app/migrations/0002_auto.py", ["from django.db import migrations"], (True, "migration", "migrations/")),
    ("src/main/resources/db/migration/V2__add_col.sql", ["ALTER TABLE t ADD c int;"],
     (True, "migration", "migration/")),
    ("sql/20240101_users.sql", ["-- +goose Up", "CREATE TABLE u (id int);"], (True, "migration", "marker")),
    ("prisma/schema.prisma", ["model User { id Int @id }"], (True, "migration", "schema.prisma")),
    ("db/knex_migrations/2024-add.js", ["exports.up = () => {}"], (True, "migration", "knex_migrations/")),
    # JS/TS that is server code: by directory, by name, by what it imports.
    ("server/notification.js", ["module.exports = {}"], (True, "server-js", "server/")),
    ("src/integrations/registry.js", ["const resp = await fetch(url);"], (True, "server-js", "integrations/")),
    ("lib/send.ts", ["import express from 'express'"], (True, "server-js", "imports express")),
    ("packages/lib/quota.ts", ["import { prisma } from '@acme/prisma'"], (True, "server-js", "@acme/prisma")),
    ("packages/lib/server-only/check.ts", ["export const x = 1"], (True, "server-js", "server-only/")),
    ("lib/session.ts", ["import { cookies } from 'next/headers'"], (True, "server-js", "next/headers")),
    ("lib/auth.ts", ["import 'server-only'"], (True, "server-js", "server-only")),
    ("src/users/users.controller.ts", ["export class UsersController {}"],
     (True, "server-js", "users.controller.ts")),
    ("apps/site/pages/api/hook.ts", ["export default function handler() {}"], (True, "server-js", "Next.js")),
    ("src/server-dev.ts", ["start(createConfig({}))"], (True, "server-js", "server-dev.ts")),
    ("src/serverless.ts", ["export const x = 1"], (False, "", "no trigger matched")),
    # ... and by Node's own runtime or a server-style logger in what it adds, which a browser never runs.
    ("src/config/limits.ts", ["} catch (err) {", "  logger.error('bad limits', err);"],
     (True, "server-js", "uses logger.error")),
    ("src/lib/env.ts", ["export const dbUrl = process.env.DATABASE_URL!;"], (True, "server-js", "process.env.D")),
    ("src/lib/avatar.ts", ["return Buffer.from(svg).toString('base64');"], (True, "server-js", "Buffer.from")),
    ("src/plugins/boot.js", ["process.on('SIGTERM', () => server.close());"], (True, "server-js", "process.on")),
    # ... and by a Kafka consumer's offset calls or handler, which only a service runs.
    ("src/ingest/consumer.ts", ["        resolveOffset(message.offset);"], (True, "server-js", "resolveOffset")),
    ("src/ingest/run.ts", ["    eachMessage: async ({ message }) => {"], (True, "server-js", "eachMessage")),
    ("src/lib/offsets.ts", ["const resolvedOffset = offset + 1;"], (False, "", "no trigger matched")),
    # ... and by a database read or write it awaits through a repository or an ORM, even under a directory
    # that usually holds browser code; a store a browser keeps (not awaited) says nothing of the kind.
    ("src/mail/templates/render.ts", ["const row = await this.templateRepo.findLatest(kind);"],
     (True, "server-js", "reads the database")),
    ("src/emails/digest.js", ["const users = await prisma.user.findMany({ where: { digest: true } });"],
     (True, "server-js", "reads the database")),
    ("web/src/todos/list.ts", ["this.todosRepo.updateTodo(id, { done: true });"], (False, "frontend", "web/")),
    # Handlers that take one context object (Hono, Koa), seen in a hunk without the app's imports.
    ("src/index.ts", ["  return c.json({ error: 'internal error' }, 500);"], (True, "server-js", "request handler")),
    ("src/routes.ts", ["  const id = c.req.param('id');"], (True, "server-js", "request handler")),
    ("src/app.js", ["  ctx.body = { ok: true };"], (True, "server-js", "request handler")),
    ("src/lib/worker.ts", ["import { Hono } from 'hono';"], (True, "server-js", "imports hono")),
    # A package of the code named `docs` (a documents feature) is code; the project's own docs are not.
    ("src/main/java/com/acme/docs/web/DocumentController.java", ["class DocumentController {}"],
     (True, "server-language", "java")),
    ("internal/docs/handler.go", ["package docs"], (True, "server-language", "go")),
    ("docs/conf.py", ["project = 'acme'"], (False, "docs", "docs/")),
    ("docs/examples/server.go", ["package main"], (False, "docs", "docs/")),
    # Variables a bundler inlines into browser code, and Node-run tool configs, say nothing of the kind.
    ("src/lib/flags.ts", ["export const debug = process.env.NODE_ENV !== 'production';"],
     (False, "", "no trigger matched")),
    ("src/lib/public.ts", ["export const key = process.env.NEXT_PUBLIC_MAPS_KEY;"],
     (False, "", "no trigger matched")),
    ("vite.config.ts", ["root: __dirname,", "port: Number(process.env.PORT),"], (False, "", "no trigger matched")),
    (".prettierrc.js", ["module.exports = { semi: false };"], (False, "", "no trigger matched")),
    # Infrastructure for services.
    ("Dockerfile", ["FROM python:3.12"], (True, "infra", "Dockerfile")),
    ("docker-compose.prod.yml", ["services: {}"], (True, "infra", "compose")),
    ("deploy/k8s/api.yaml", ["replicas: 2"], (True, "infra", "k8s/")),
    ("ops/api.yaml", ["apiVersion: apps/v1", "kind: Deployment"], (True, "infra", "Kubernetes")),
    ("infra/main.tf", ['resource "aws_s3_bucket" "b" {}'], (True, "infra", "Terraform")),
    ("src/main/resources/application-prod.yml", ["server:"], (True, "infra", "service config")),
    # Frontend, by path, file type and content, even when a trigger keyword or glob would match.
    ("static/js/app.js", ["const s = 'INSERT INTO'"], (False, "frontend", "static/")),
    ("src/components/Button.tsx", ["export const B = () => <b/>;"], (False, "frontend", "component")),
    ("src/components/notifications/index.js", ["export default {}"], (False, "frontend", "components/")),
    ("web/src/lib/client.ts", ["fetch('/api/users')"], (False, "frontend", "web/")),
    ("src/pages/Edit.vue", ["<template></template>"], (False, "frontend", "component")),
    ("assets/main.scss", ["body { margin: 0 }"], (False, "frontend", "stylesheet")),
    ("config/locales/en.yml", ["en:", "  hello: Hello"], (False, "frontend", "i18n")),
    ("src/lang/de.json", ['{"hello": "Hallo"}'], (False, "frontend", "i18n")),
    ("src/Button.stories.ts", ["export default {}"], (False, "frontend", "storybook")),
    ("src/widget.js", ["document.querySelector('#x').remove()"], (False, "frontend", "DOM API")),
    ("src/hooks/useThing.ts", ["import { useState } from 'react'"], (False, "frontend", "imports react")),
    ("app/javascript/controllers/menu_controller.js", ["import { Controller } from '@hotwired/stimulus'"],
     (False, "frontend", "javascript/")),
    ("resources/views/home.blade.php", ["<div>{{ $x }}</div>"], (False, "frontend", "markup template")),
    ("templates/front/details.html", ["<p>{{ check.name }}</p>"], (False, "frontend", "markup template")),
    ("src/app/user.component.ts", ["export class UserComponent {}"], (False, "frontend", "component")),
    # The DOM a server drives (a headless browser's page, under a server directory) is not browser code.
    ("apps/server/src/printer/printer.service.ts", ["await page.evaluate(() => document.createElement('a'));"],
     (True, "server-js", "under server/")),
    ("src/pdf/render.ts", ["import puppeteer from 'puppeteer';",
                           "const title = await page.evaluate(() => document.querySelector('h1'));"],
     (False, "", "no trigger matched")),
    ("src/widgets/menu.js", ["document.querySelector('#menu').classList.add('open');"],
     (False, "frontend", "DOM API")),
    # A request handler's signature is a server's, wherever the file lives.
    ("src/plugins/me.ts", ["export default async function (fastify: FastifyInstance) {",
                           "  fastify.get('/me', async (request: FastifyRequest, reply: FastifyReply) => {"],
     (True, "server-js", "request handler")),
    ("src/orders/list.js", ["module.exports = (req, res, next) => {", "  res.json(store.list());", "};"],
     (True, "server-js", "request handler")),
    ("src/mocks/user.ts", ["rest.get('/user', (req, res, ctx) => res(ctx.json(user)));"],
     (False, "", "no trigger matched")),
    # Tests.
    ("tests/test_api.py", ["def test_x(): ..."], (False, "test", "tests/")),
    ("internal/store_test.go", ["package internal"], (False, "test", "store_test.go")),
    ("src/test/java/com/acme/FooTest.java", ["class FooTest {}"], (False, "test", "test/")),
    ("app/models/UserTest.java", ["class UserTest {}"], (False, "test", "UserTest.java")),
    ("spec/models/user_spec.rb", ["describe User"], (False, "test", "spec/")),
    ("src/util/date.spec.ts", ["it('works', () => {})"], (False, "test", "date.spec.ts")),
    ("spec/requests/api/users_spec.rb", ["describe 'users'"], (False, "test", "spec/")),
    ("api/spec/routes_test.go", ["package spec"], (False, "test", "routes_test.go")),
    # A `spec` directory of an OpenAPI/Swagger specification is the API's contract, not tests.
    ("src/api/openapi/spec/schema.ts", ["export const featureSchema = {"], (True, "trigger glob", "**/api/**")),
    ("openapi/specs/users.go", ["package specs"], (True, "server-language", "go")),
    ("app/models/Latest.java", ["class Latest {}"], (True, "server-language", "java")),
    # Docs.
    ("docs/setup.md", ["Run the server"], (False, "docs", "docs")),
]


@pytest.mark.parametrize(("path", "lines", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_bundled_persona_decides_by_what_a_file_is(path: str, lines: list[str],
                                                       expected: tuple[bool, str, str]) -> None:
    reviewed, by, words = expected
    selection = select_files(parse_diff(new_file(path, lines)), load_persona("backend"), Config())
    decision = selection.decisions[0]
    assert (decision.reviewed, decision.by) == (reviewed, by), decision.reason
    assert words in decision.reason
    assert by in decision.reason


def test_include_tests_reviews_test_files_by_their_language() -> None:
    config = parse_config("include-tests: true\n", "cfg.yml")
    assert config.include_tests is True
    text = new_file("tests/test_api.py", ["def test_x(): ..."]) + new_file("store_test.go", ["package x"])
    selection = select_files(parse_diff(text), load_persona("backend"), config)
    assert [(d.reviewed, d.by) for d in selection.decisions] == [
        (True, "server-language"),
        (True, "server-language"),
    ]


def test_test_data_stays_excluded_with_include_tests() -> None:
    text = new_file("tests/fixtures/secrets.py", ["KEY = 'x'"])
    selection = select_files(parse_diff(text), load_persona("backend"), Config(include_tests=True))
    assert selection.decisions[0].by == "persona exclude"


def test_persona_triggers_add_to_the_detectors() -> None:
    """A file no detector knows is still reviewed through the persona's glob or keyword."""
    text = new_file("config/nginx/site.conf.j2x", ["proxy_pass http://app;"]) + new_file(
        "scripts/load.sh", ["psql -c 'DELETE FROM sessions'"]
    )
    selection = select_files(parse_diff(text), load_persona("backend"), Config())
    assert [(d.reviewed, d.by) for d in selection.decisions] == [
        (False, ""),
        (True, "trigger keyword"),
    ]
    assert selection.decisions[1].reason == "trigger keyword DELETE FROM"


def test_config_include_reviews_frontend_files() -> None:
    text = new_file("static/js/app.js", ["x()"])
    selection = select_files(parse_diff(text), load_persona("backend"), Config(include=("static/**",)))
    assert (selection.decisions[0].reviewed, selection.decisions[0].by) == (True, "config include")


def test_json_report_names_the_detector_of_every_file() -> None:
    text = new_file("api/users.go", ["package api"]) + new_file("web/app.tsx", ["export {}"])
    result = run_review(ReviewInput(diff=parse_diff(text), config=Config(), persona=load_persona("backend")))
    files = {f["path"]: f for f in json.loads(render_json(result))["files"]}
    assert files["api/users.go"] == {
        "path": "api/users.go", "status": "reviewed", "reason": "detector server-language (go)",
        "by": "server-language",
    }
    assert files["web/app.tsx"]["by"] == "frontend" and files["web/app.tsx"]["status"] == "skipped"


@pytest.mark.parametrize(
    ("path", "by", "reviewed"),
    [
        ("charts/app/templates/_helpers.tpl", "infra", True),  # Helm templates are not markup
        ("server/emails/welcome.js", "server-js", True),  # the server directory is the outer one
        ("ui/src/server/render.ts", "frontend", False),  # the browser directory is the outer one
    ],
)
def test_the_outer_directory_decides_between_server_and_browser(path: str, by: str, reviewed: bool) -> None:
    selection = select_files(parse_diff(new_file(path, ["x"])), load_persona("backend"), Config())
    assert (selection.decisions[0].by, selection.decisions[0].reviewed) == (by, reviewed)


def test_code_beside_the_ui_components_of_the_change_is_frontend() -> None:
    """In a monorepo, a package whose components the change touches is a UI package: its other JS/TS and
    query files are frontend unless they show a server signal."""
    text = (
        new_file("packages/app-common/src/components/Login.vue", ["<template/>"])
        + new_file("packages/app-common/src/platform/auth.ts", ["export const api = '/api/login'"])
        + new_file("packages/app-common/src/helpers/backend/queries/Teams.graphql", ["query Teams { id }"])
        + new_file("packages/app-common/src/server/render.ts", ["export {}"])
        + new_file("packages/app-backend/src/auth/auth.service.ts", ["export class AuthService {}"])
        + new_file("packages/app-backend/src/auth/util.ts", ["export const x = 1"])
    )
    selection = select_files(parse_diff(text), load_persona("backend"), Config())
    got = {d.path.split("/", 2)[2]: (d.reviewed, d.by) for d in selection.decisions}
    assert got == {
        "src/components/Login.vue": (False, "frontend"),
        "src/platform/auth.ts": (False, "frontend"),
        "src/helpers/backend/queries/Teams.graphql": (False, "frontend"),
        "src/server/render.ts": (True, "server-js"),
        "src/auth/auth.service.ts": (True, "server-js"),
        "src/auth/util.ts": (True, "server-js"),
    }
    assert "in packages/app-common/ with the UI components of this change" in selection.decisions[1].reason


def test_without_components_in_the_change_that_code_is_left_to_the_triggers() -> None:
    text = new_file("packages/app-common/src/platform/auth.ts", ["export const x = 1"])
    decision = select_files(parse_diff(text), load_persona("backend"), Config()).decisions[0]
    assert (decision.reviewed, decision.by) == (False, "")


@pytest.mark.parametrize("path", ["openapi.json", "api-docs/openapi/v3/all.json", "swagger-v2.json"])
def test_json_api_references_are_docs(path: str) -> None:
    decision = select_files(parse_diff(new_file(path, ['{"openapi": "3.0.0"}'])), load_persona("backend"),
                            Config()).decisions[0]
    assert (decision.reviewed, decision.by) == (False, "docs")


def test_directories_named_for_the_browser_are_frontend() -> None:
    text = new_file("packages/shop-web/src/cart.ts", ["export const total = 1"])
    decision = select_files(parse_diff(text), load_persona("backend"), Config()).decisions[0]
    assert (decision.by, decision.reason) == ("frontend", "frontend (browser code under shop-web/)")


def test_reasons_quoting_a_hostile_directory_name_stay_inert_in_markdown() -> None:
    from persona_review.reporters.markdown import render_markdown

    path = "x/<img src=y>|-web/cart.ts"
    result = run_review(ReviewInput(diff=parse_diff(new_file(path, ["export {}"])), config=Config(),
                                    persona=load_persona("backend")))
    assert result.files[0].reason == "frontend (browser code under <img src=y>|-web/)"
    row = next(line for line in render_markdown(result).splitlines() if "cart.ts" in line)
    assert row == "| `x/<img src=y>\\|-web/cart.ts` | `frontend (browser code under <img src=y>\\|-web/)` |"


def test_generated_reason_reads_a_whole_file_as_a_review_reads_a_new_one() -> None:
    from persona_review.triggers import generated_reason

    assert generated_reason("api/v1/service.pb.go", ["package v1"]) is not None
    assert generated_reason("internal/models.go", ["// Code generated by sqlc. DO NOT EDIT.", "package db"])
    assert generated_reason("internal/store.go", ["package store", "", "func Get() {}"]) is None
