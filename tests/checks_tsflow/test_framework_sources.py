"""Request data read the way less common web frameworks read it reaches the shared sinks (batch 21, h77):
Spring WebFlux functional handlers, Micronaut and Quarkus parameter annotations, Micronaut/JAX-RS/WebFlux
redirects; each with a look-alike that stays quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category


def _rules(path: str, text: str) -> set[str]:
    outcome = run_checks([context_for_text(path, text)], categories=(Category.SECURITY,))
    return {f.rule_id or "" for f in outcome.findings}


_WEBFLUX = """package x;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
public class FileHandler {
    public Mono<ServerResponse> download(ServerRequest request) throws Exception {
        String name = READ;
        return ServerResponse.ok().bodyValue(Files.readAllBytes(Path.of("/srv/files/" + name)));
    }
}
"""


@pytest.mark.parametrize("read", ['request.pathVariable("name")', 'request.queryParam("name").orElse("a")'])
def test_webflux_server_request_is_a_source(read: str) -> None:
    assert "JAVA-PATH-TRAVERSAL" in _rules("src/main/java/x/FileHandler.java", _WEBFLUX.replace("READ", read))
    assert "JAVA-PATH-TRAVERSAL" not in _rules("src/main/java/x/FileHandler.java",
                                               _WEBFLUX.replace("READ", '"report.pdf"'))


_ANNOTATED = """package x;
public class FileResource {
    public byte[] download(@ANNOTATION("name") String name) throws Exception {
        return Files.readAllBytes(Paths.get("/srv/files/" + name));
    }
}
"""


@pytest.mark.parametrize("annotation", ["QueryValue", "RestQuery", "RestPath", "Header", "MatrixParam"])
def test_micronaut_and_quarkus_parameter_annotations_are_sources(annotation: str) -> None:
    text = _ANNOTATED.replace("ANNOTATION", annotation)
    assert "JAVA-PATH-TRAVERSAL" in _rules("src/main/java/x/FileResource.java", text)
    plain = text.replace(f'@{annotation}("name") ', "")
    assert "JAVA-PATH-TRAVERSAL" not in _rules("src/main/java/x/FileResource.java", plain)


_REDIRECT = """package x;
public class GoResource {
    public Object go(@QueryParam("next") String next) {
        return REDIRECT;
    }
}
"""


@pytest.mark.parametrize("redirect", [
    "Response.seeOther(URI.create(next)).build()",  # JAX-RS
    "HttpResponse.redirect(URI.create(next))",  # Micronaut
    "ServerResponse.temporaryRedirect(URI.create(next)).build()",  # WebFlux
    "ResponseEntity.status(HttpStatus.FOUND).location(URI.create(next)).build()",  # Spring builder
])
def test_framework_redirects_are_open_redirects_not_fetches(redirect: str) -> None:
    rules = _rules("src/main/java/x/GoResource.java", _REDIRECT.replace("REDIRECT", redirect))
    assert "JAVA-OPEN-REDIRECT" in rules
    assert "JAVA-SSRF" not in rules
    fixed = _REDIRECT.replace("REDIRECT", redirect.replace("URI.create(next)", 'URI.create("/home?n=" + next)'))
    assert _rules("src/main/java/x/GoResource.java", fixed) & {"JAVA-OPEN-REDIRECT", "JAVA-SSRF"} == set()


def test_uri_create_for_an_outbound_call_is_still_ssrf() -> None:
    text = _REDIRECT.replace("REDIRECT", "client.send(HttpRequest.newBuilder(URI.create(next)).build(), null)")
    assert "JAVA-SSRF" in _rules("src/main/java/x/GoResource.java", text)


_HONO = """import { Hono } from 'hono';
import { readFileSync } from 'node:fs';

const app = new Hono();

app.get('/files/:name', (c) => {
  const name = c.req.param('name');
  return c.text(readFileSync('/srv/files/' + name, 'utf8'));
});

app.get('/go', (c) => c.redirect(c.req.query('next')));
"""


def test_hono_reads_reach_bare_fs_functions_and_its_redirect() -> None:
    rules = _rules("src/app.ts", _HONO)
    assert {"JS-PATH-TRAVERSAL", "JS-OPEN-REDIRECT"} <= rules
    fixed = _HONO.replace("c.req.param('name')", "'index.txt'").replace("c.req.query('next')", "'/home'")
    assert _rules("src/app.ts", fixed) & {"JS-PATH-TRAVERSAL", "JS-OPEN-REDIRECT"} == set()


def test_a_bare_read_file_not_imported_from_fs_is_not_a_file_sink() -> None:
    own = _HONO.replace("import { readFileSync } from 'node:fs';", "import { readFileSync } from './storage';")
    assert "JS-PATH-TRAVERSAL" not in _rules("src/app.ts", own)


_FIBER = """package handlers

import "github.com/gofiber/fiber/v2"

func Go(c *fiber.Ctx) error {
	return c.Redirect(TARGET)
}
"""


def test_fiber_redirect_takes_the_url_first() -> None:
    assert "GO-OPEN-REDIRECT" in _rules("internal/handlers/go.go", _FIBER.replace("TARGET", 'c.Query("next")'))
    assert "GO-OPEN-REDIRECT" not in _rules("internal/handlers/go.go", _FIBER.replace("TARGET", '"/home"'))


_AIOHTTP = """from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/go")
async def go(request):
    raise web.HTTPFound(TARGET)
"""


def test_aiohttp_raised_redirects_are_redirects() -> None:
    assert "PY-OPEN-REDIRECT" in _rules("app/views.py", _AIOHTTP.replace("TARGET", 'request.query["next"]'))
    assert "PY-OPEN-REDIRECT" not in _rules("app/views.py", _AIOHTTP.replace("TARGET", '"/home"'))


_KOA_SELF = """const Router = require('@koa/router');
const router = new Router();
router.post('/members', async (ctx) => {
  await ctx.state.db.members.add(ctx.request.body);
  ctx.response.redirect(TARGET);
});
"""


def test_koa_redirect_to_the_pages_own_url_is_not_open() -> None:
    assert "JS-OPEN-REDIRECT" not in _rules("src/members.js", _KOA_SELF.replace("TARGET", "ctx.request.url"))
    assert "JS-OPEN-REDIRECT" in _rules("src/members.js", _KOA_SELF.replace("TARGET", "ctx.query.next"))


_CONTEXT_GET = """import { HEADER } from 'FRAMEWORK';

export const connect = async (c: Context) => {
  const target = c.get('integrationReturnTo');
  return c.redirect(target);
};
"""


def test_hono_context_get_reads_a_middleware_variable_not_the_request() -> None:
    hono = _CONTEXT_GET.replace("HEADER", "type Context").replace("FRAMEWORK", "hono")
    assert "JS-OPEN-REDIRECT" not in _rules("src/routes/connect.ts", hono)
    # what the request carries is still request data in the same file
    asked = hono.replace("c.get('integrationReturnTo')", "c.req.query('returnTo')")
    assert "JS-OPEN-REDIRECT" in _rules("src/routes/connect.ts", asked)


def test_koa_context_get_still_reads_a_request_header() -> None:
    koa = _CONTEXT_GET.replace("HEADER", "type Context").replace("FRAMEWORK", "koa")
    assert "JS-OPEN-REDIRECT" in _rules("src/routes/connect.ts", koa)
