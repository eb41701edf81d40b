// want: JAVA-SSRF
package com.acme.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class IntegrationTestController {
    private final HttpClient client = HttpClient.newHttpClient();

    @PostMapping("/integrations/test")
    public ResponseEntity<?> test(@RequestParam String url) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
        return ResponseEntity.ok(resp.statusCode());
    }
}
