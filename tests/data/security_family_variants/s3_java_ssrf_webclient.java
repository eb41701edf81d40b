// want: JAVA-SSRF
package com.acme.api;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class WebhookTestController {
    private final RestTemplate rest = new RestTemplate();

    record TestRequest(String callbackUrl) {}

    @PostMapping("/webhooks/test")
    public String ping(@RequestBody TestRequest req) {
        return send(req.callbackUrl());
    }

    private String send(String url) {
        return rest.postForObject(url, "{\"ping\":true}", String.class);
    }
}
