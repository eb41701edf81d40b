// clean: JAVA-SSRF
// path: src/main/java/com/acme/hooks/HookTester.java
package com.acme.hooks;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

public class HookTester {
    private static final Set<String> ALLOWED_HOSTS = Set.of("hooks.slack.com", "api.pagerduty.com");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public void test(ServerRequest req, ServerResponse res) throws IOException, InterruptedException {
        String raw = req.query().get("url");
        URI target;
        try {
            target = new URI(raw);
        } catch (URISyntaxException e) {
            res.status(400).send("bad url");
            return;
        }
        if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {
            res.status(400).send("host not allowed");
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"ping\"}")).build();
        HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());
        res.send("status " + reply.statusCode());
    }
}
