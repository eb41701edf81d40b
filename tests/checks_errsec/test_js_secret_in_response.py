"""JS-SECRET-IN-RESPONSE: a caught error's `config` (axios: the request as sent, with its auth headers),
its `toJSON()` where axios is in use, or the whole `process.env`, put in a response body (Express, Koa,
Hono, a NestJS HTTP exception, `Response.json`), directly or through a local; the URL or method of the
config and single environment variables are quiet."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "JS-SECRET-IN-RESPONSE"


def _lines(catch_body: str, path: str = "src/billing/sync.ts") -> list[int]:
    text = (
        "import axios from 'axios';\n"
        "export async function sync(ctx: Ctx, client: Client) {\n"
        "  try {\n"
        "    await client.push(ctx.params.id);\n"
        "  } catch (err) {\n"
        f"{catch_body}\n"
        "  }\n"
        "}\n"
    )
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


@pytest.mark.parametrize(
    "catch_body",
    [
        "    throw new BadGatewayException({ message: 'sync failed', upstream: err.response?.data, sent: err.config });",
        "    throw new HttpException(\n      { message: 'sync failed', request: err.config?.headers },\n      502,\n    );",
        "    ctx.status = 502;\n    ctx.body = { error: 'sync failed', ...err.toJSON() };",
        "    return Response.json({ error: 'sync failed', config: err.response.config }, { status: 502 });",
        "    const info = { code: err.code, request: err.config };\n    return c.json(info, 502);",
    ],
)
def test_the_outbound_request_config_in_a_response_is_reported(catch_body: str) -> None:
    assert len(_lines(catch_body)) == 1


@pytest.mark.parametrize(
    "catch_body",
    [
        "    throw new BadGatewayException({ message: 'sync failed', url: err.config?.url, method: err.config.method });",
        "    logger.warn({ config: err.config }, 'sync failed');\n    throw new BadGatewayException('sync failed');",
        "    ctx.status = 502;\n    ctx.body = { error: 'sync failed', region: process.env.AWS_REGION };",
        "    const config = loadConfig();\n    return Response.json({ error: 'sync failed', docs: config.docsUrl });",
    ],
)
def test_safe_fields_logs_and_single_variables_are_quiet(catch_body: str) -> None:
    assert _lines(catch_body) == []


def test_the_whole_environment_in_a_response_is_reported() -> None:
    text = "app.get('/debug', (req, res) => {\n  res.json({ node: process.version, env: process.env });\n});\n"
    assert [line for line, rule in findings_of("src/debug.js", text) if rule == RULE] == [2]
