// clean: JAVA-SSRF
package com.acme.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
public class FeedPreviewController {
    private static final Set<String> ALLOWED_HOSTS = Set.of("feeds.example.org", "rss.example.net");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @PostMapping("/feeds/preview")
    public ResponseEntity<String> preview(@RequestParam String url) throws Exception {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) || !ALLOWED_HOSTS.contains(uri.getHost())) {
            return ResponseEntity.badRequest().body("host not allowed");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return ResponseEntity.ok(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
