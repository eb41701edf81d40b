// clean: JAVA-SSRF
package com.acme.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class IntegrationTestController {
    private static final Set<String> ALLOWED = Set.of("hooks.slack.com", "discord.com");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Probe(String url) {}

    @PostMapping("/integrations/test")
    public ResponseEntity<?> test(@RequestBody Probe probe) throws Exception {
        URI uri = URI.create(probe.url());
        if (!"https".equals(uri.getScheme()) || !ALLOWED.contains(uri.getHost())) {
            return ResponseEntity.badRequest().body("unsupported destination");
        }
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"ping\"}")).build();
        HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
        return ResponseEntity.ok(resp.statusCode());
    }
}
