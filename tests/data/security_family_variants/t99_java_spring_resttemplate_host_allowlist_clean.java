// clean: JAVA-SSRF
package com.acme.hooks.web;

import java.net.URI;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class WebhookTestController {
    private static final Set<String> ALLOWED_HOSTS = Set.of("hooks.slack.com", "events.pagerduty.com");

    private final RestTemplate restTemplate;

    public WebhookTestController(RestTemplate restTemplate) {
        this.restTemplate = restTemplate;
    }

    public record TestHookRequest(String callbackUrl, String event) {}

    @PostMapping("/api/webhooks/test")
    public ResponseEntity<String> test(@RequestBody TestHookRequest request) {
        URI target = URI.create(request.callbackUrl());
        if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {
            return ResponseEntity.badRequest().body("unsupported host");
        }
        ResponseEntity<String> upstream = restTemplate.postForEntity(target, new Ping(request.event()), String.class);
        return ResponseEntity.ok("delivered: " + upstream.getStatusCode().value());
    }
}
