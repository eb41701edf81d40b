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
