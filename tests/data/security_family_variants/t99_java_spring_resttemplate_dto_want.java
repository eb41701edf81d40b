// want: JAVA-SSRF
package com.acme.hooks.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class WebhookTestController {
    private final RestTemplate restTemplate;

    public WebhookTestController(RestTemplate restTemplate) {
        this.restTemplate = restTemplate;
    }

    public record TestHookRequest(String callbackUrl, String event) {}

    @PostMapping("/api/webhooks/test")
    public ResponseEntity<String> test(@RequestBody TestHookRequest request) {
        String target = request.callbackUrl();
        Ping payload = new Ping(request.event());
        ResponseEntity<String> upstream = restTemplate.postForEntity(target, payload, String.class);
        return ResponseEntity.ok("delivered: " + upstream.getStatusCode().value());
    }
}
