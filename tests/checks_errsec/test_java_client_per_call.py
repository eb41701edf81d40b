"""JAVA-CLIENT-PER-CALL: connection pools and pooled HTTP clients built per call in Spring beans, in code
written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import DATA, expected, findings_of

RULE = "JAVA-CLIENT-PER-CALL"
PATH = "src/main/java/com/shop/reports/ReportService.java"

_SERVICE = (DATA / "whole_file_only" / "ReportClients.java").read_text()


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def test_pools_and_clients_built_per_call_in_a_service_are_reported() -> None:
    want = sorted(line for line, rule in expected(_SERVICE) if rule == RULE)
    assert want == [15, 20, 27, 33]
    assert _lines(_SERVICE) == want


def test_classes_that_are_not_beans_and_tests_are_left_alone() -> None:
    plain = _SERVICE.replace("@Service\n", "")
    assert _lines(plain) == []
    assert _lines(_SERVICE, "src/test/java/com/shop/reports/ReportServiceTest.java") == []


def test_a_hunk_that_holds_the_method_is_enough_and_a_cut_one_is_quiet() -> None:
    whole = (
        "diff --git a/src/main/java/com/shop/Rates.java b/src/main/java/com/shop/Rates.java\n"
        "--- a/src/main/java/com/shop/Rates.java\n"
        "+++ b/src/main/java/com/shop/Rates.java\n"
        "@@ -10,3 +10,9 @@ public class Rates {\n"
        "     @GetMapping(\"/rates\")\n"
        "     public String latest() throws Exception {\n"
        "+        HttpClient client = HttpClient.newHttpClient();\n"
        "+        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();\n"
        "+        return client.send(request, BodyHandlers.ofString()).body();\n"
        "+    }\n"
        "+\n"
        "+    public void other() {\n"
        "     }\n"
    )
    header = "diff --git a/src/main/java/com/shop/Rates.java b/src/main/java/com/shop/Rates.java\n"
    diff = whole.replace("@@ -10,3 +10,9 @@ public class Rates {\n",
                         "@@ -8,5 +8,11 @@\n @RestController\n public class Rates {\n").replace(header, header, 1)
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == [12]
    cut = (
        header + "--- a/src/main/java/com/shop/Rates.java\n+++ b/src/main/java/com/shop/Rates.java\n"
        "@@ -8,4 +8,5 @@\n"
        " @RestController\n"
        " public class Rates {\n"
        "     public String latest() throws Exception {\n"
        "+        HttpClient client = HttpClient.newHttpClient();\n"
        "         HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(cut).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == []


def test_start_up_hooks_and_clients_wrapped_in_kept_objects_are_quiet() -> None:
    code = """\
@Component
public class RestTemplateHolder implements InitializingBean {
    private RestTemplate restTemplate;

    @Override
    public void afterPropertiesSet() {
        CloseableHttpClient httpClient = HttpClients.custom().build();
        restTemplate = new RestTemplate(new HttpComponentsClientHttpRequestFactory(httpClient));
    }

    public RestTemplate tenantTemplate(String tenant) {
        CloseableHttpClient httpClient = HttpClients.custom().build();
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(httpClient);
        templates.put(tenant, new RestTemplate(factory));
        return templates.get(tenant);
    }
}
"""
    assert _lines(code, "src/main/java/com/shop/RestTemplateHolder.java") == []


def test_a_factory_that_returns_what_its_builder_builds_is_quiet() -> None:
    code = """\
@Component
public class WebhookClients {
    private OkHttpClient createClient() {
        var builder = new OkHttpClient.Builder();
        builder.callTimeout(Duration.ofSeconds(5));
        return builder.build();
    }

    public String ping(String url) throws IOException {
        var builder = new OkHttpClient.Builder();
        OkHttpClient client = builder.build();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.body().string();
        }
    }
}
"""
    assert _lines(code, "src/main/java/com/shop/WebhookClients.java") == [10]
