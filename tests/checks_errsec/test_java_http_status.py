"""JAVA-HTTP-STATUS-UNCHECKED: a response body used while nothing looks at the status, with the clients that
return error answers as data (java.net.http, OkHttp, Apache HttpClient, WebClient's exchange), next to the
same calls that check the status, hand the response on, or go through clients that raise."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding

RULE = "JAVA-HTTP-STATUS-UNCHECKED"
PATH = "src/main/java/com/acme/rates/RateClient.java"


def _findings(code: str, path: str = PATH) -> list[Finding]:
    diff = parse_diff(
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{code.count(chr(10))} @@\n" + "".join(f"+{line}\n" for line in code.splitlines())
    )
    outcome = run_checks([build_context(f) for f in diff.files], categories=(Category.ERROR_HANDLING,))
    return [f for f in outcome.findings if f.rule_id == RULE]


def _spans(code: str, path: str = PATH) -> list[tuple[int | None, int | None]]:
    return sorted((f.line, f.end_line) for f in _findings(code, path))


def _client(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.rates;\n\n@Component\npublic class RateClient {{\n{lines}}}\n"


def test_bodies_read_without_a_status_are_reported_from_call_to_read() -> None:
    code = _client(
        "public Rate jdk(String pair) throws Exception {",                                          # 5
        "    HttpResponse<String> resp = http.send(request(pair), HttpResponse.BodyHandlers.ofString());",
        "    return mapper.readValue(resp.body(), Rate.class);",                                    # 7
        "}",
        "public Rate ok(String pair) throws IOException {",
        "    Response response = okHttp.newCall(new Request.Builder().url(url(pair)).build()).execute();",
        "    String json = response.body().string();",                                              # 11
        "    return mapper.readValue(json, Rate.class);",
        "}",
        "public String apache(HttpGet get) throws IOException {",
        "    CloseableHttpResponse res = httpClient.execute(get);",                                # 15
        "    return mapper.readValue(EntityUtils.toString(res.getEntity()), Rate.class);",
        "}",
        "public Rate reactive(String pair) {",
        "    ResponseEntity<Rate> entity = webClient.get()",                                        # 19
        "            .uri(\"/rates/{p}\", pair)",
        "            .exchangeToMono(r -> r.toEntity(Rate.class))",
        "            .block(Duration.ofSeconds(3));",
        "    return entity.getBody();",                                                             # 23
        "}",
        "public Mono<Rate> straight(String pair) {",
        "    return webClient.get().uri(\"/rates/{p}\", pair).exchangeToMono(r -> r.bodyToMono(Rate.class));",
        "}",
    )
    assert _spans(code) == [(6, 7), (10, 11), (15, 16), (19, 23), (26, None)]


def test_status_checks_hand_offs_and_raising_clients_are_quiet() -> None:
    code = _client(
        "public Rate jdk(String pair) throws Exception {",
        "    HttpResponse<String> resp = http.send(request(pair), BodyHandlers.ofString());",
        "    if (resp.statusCode() != 200) throw new RateException(resp.statusCode());",
        "    return mapper.readValue(resp.body(), Rate.class);",
        "}",
        "public Rate ok(String pair) throws IOException {",
        "    Response response = okHttp.newCall(get(pair)).execute();",
        "    if (!response.isSuccessful()) throw new IOException(\"rates: \" + response.code());",
        "    return mapper.readValue(response.body().string(), Rate.class);",
        "}",
        "public String apache(HttpGet get) throws IOException {",
        "    CloseableHttpResponse res = httpClient.execute(get);",
        "    return handle(res);",
        "}",
        "public Rate retrieved(String pair) {",
        "    ResponseEntity<Rate> entity = webClient.get().uri(\"/rates/{p}\", pair)",
        "            .retrieve().toEntity(Rate.class).block(Duration.ofSeconds(3));",
        "    return entity.getBody();",
        "}",
        "public Rate template(String pair) {",
        "    ResponseEntity<Rate> entity = restTemplate.getForEntity(\"/rates/{p}\", Rate.class, pair);",
        "    return entity.getBody();",
        "}",
        "public Rate checked(String pair) {",
        "    ResponseEntity<Rate> entity = webClient.get().uri(\"/rates/{p}\", pair)",
        "            .exchangeToMono(r -> r.toEntity(Rate.class)).block(Duration.ofSeconds(3));",
        "    if (!entity.getStatusCode().is2xxSuccessful()) throw new RateException(entity.getStatusCode());",
        "    return entity.getBody();",
        "}",
        "public Mono<Rate> guarded(String pair) {",
        "    return webClient.get().uri(\"/rates/{p}\", pair).exchangeToMono(r -> r.statusCode().isError()",
        "            ? r.createError() : r.bodyToMono(Rate.class));",
        "}",
    )
    assert _spans(code) == []


def test_tests_are_quiet() -> None:
    code = _client(
        "public Rate jdk(String pair) throws Exception {",
        "    HttpResponse<String> resp = http.send(request(pair), HttpResponse.BodyHandlers.ofString());",
        "    return mapper.readValue(resp.body(), Rate.class);",
        "}",
    )
    assert _spans(code, "src/test/java/com/acme/rates/RateClientTest.java") == []


def test_an_answer_read_for_its_own_error_code_and_integration_test_modules_are_quiet() -> None:
    code = _client(
        "public String token(HttpPost post) throws IOException {",
        "    CloseableHttpResponse res = httpClient.execute(post);",
        "    JSONObject json = JSONObject.parseObject(EntityUtils.toString(res.getEntity()));",
        "    Integer errcode = json.getInteger(\"errcode\");",
        "    if (errcode != 0) throw new ApiException(errcode);",
        "    return json.getString(\"token\");",
        "}",
    )
    assert _spans(code) == []
    jdk = _client(
        "public String get(String path) throws Exception {",
        "    HttpResponse<String> resp = http.send(request(path), BodyHandlers.ofString());",
        "    return resp.body();",
        "}",
    )
    assert _spans(jdk, "gateway-integration-test-common/src/main/java/com/acme/it/GatewayHelper.java") == []
    assert _spans(jdk) == [(6, 7)]


def test_on_status_that_turns_error_statuses_into_answers_is_reported() -> None:
    code = _client(
        "public Mono<Rate> swallowed(String pair) {",
        "    return webClient.get().uri(\"/rates/{p}\", pair).retrieve()",
        "            .onStatus(HttpStatusCode::isError, r -> Mono.empty())",               # 7
        "            .bodyToMono(Rate.class);",
        "}",
        "public Mono<Rate> clientErrors(String pair) {",
        "    return webClient.get().uri(\"/rates/{p}\", pair).retrieve()",
        "            .onStatus(s -> s.is4xxClientError(), response -> Mono.empty())",     # 12
        "            .bodyToMono(Rate.class);",
        "}",
        "public Mono<Rate> absent(String pair) {",
        "    return webClient.get().uri(\"/rates/{p}\", pair).retrieve()",
        "            .onStatus(s -> s.value() == 404, r -> Mono.empty())",
        "            .bodyToMono(Rate.class);",
        "}",
        "public Mono<Rate> raised(String pair) {",
        "    return webClient.get().uri(\"/rates/{p}\", pair).retrieve()",
        "            .onStatus(HttpStatusCode::isError, r -> r.createException().flatMap(Mono::error))",
        "            .bodyToMono(Rate.class);",
        "}",
    )
    assert _spans(code) == [(7, None), (12, None)]


def test_a_body_returned_as_raw_text_for_the_caller_to_judge_is_quiet() -> None:
    code = _client(
        "public String post(HttpPost post) throws IOException {",
        "    CloseableHttpResponse response = httpClient.execute(post);",
        "    String resp;",
        "    try {",
        "        HttpEntity entity = response.getEntity();",
        "        resp = EntityUtils.toString(entity, StandardCharsets.UTF_8);",
        "    } finally {",
        "        response.close();",
        "    }",
        "    log.info(\"webhook answered {}\", resp);",
        "    return resp;",
        "}",
        "public String hook(HttpPost post) throws IOException {",
        "    CloseableHttpResponse response = httpClient.execute(post);",
        "    return EntityUtils.toString(response.getEntity());",
        "}",
        "public void wecom(HttpPost post) throws Exception {",
        "    CloseableHttpResponse response = httpClient.execute(post);",
        "    SendResult result = JsonUtils.parse(EntityUtils.toString(response.getEntity()), SendResult.class);",
        "    if (result.getErrorCode() != 0) throw new IllegalStateException(result.getErrorMessage());",
        "}",
        "public Task task(String id) throws IOException {",
        "    HttpResponse response = httpClient.execute(new HttpGet(base + id));",          # 27
        "    String body = EntityUtils.toString(response.getEntity());",                    # 28
        "    return mapper.readValue(body, Task.class);",
        "}",
    )
    assert _spans(code) == [(27, 28)]


def test_rest_client_exchange_that_reads_the_body_without_its_status_is_reported() -> None:
    code = _client(
        "public Rate raw(String pair) {",
        "    return restClient.get().uri(\"/rates/{p}\", pair)",
        "            .exchange((request, response) -> mapper.readValue(response.getBody(), Rate.class));",  # 7
        "}",
        "public Rate checked(String pair) {",
        "    return restClient.get().uri(\"/rates/{p}\", pair).exchange((req, res) -> {",
        "        if (res.getStatusCode().isError()) throw new RateException(res.getStatusCode());",
        "        return res.bodyTo(Rate.class);",
        "    });",
        "}",
        "public Rate template(String pair) {",
        "    return restTemplate.exchange(\"/rates/{p}\", HttpMethod.GET, null, Rate.class, pair).getBody();",
        "}",
    )
    assert _spans(code) == [(7, None)]
