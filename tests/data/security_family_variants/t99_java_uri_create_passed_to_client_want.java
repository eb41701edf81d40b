// want: JAVA-SSRF
package com.acme.feeds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FeedProxyController {
    private final HttpClient client = HttpClient.newHttpClient();

    @GetMapping("/api/feeds/proxy")
    public String proxy(@RequestParam String feed) throws IOException, InterruptedException {
        URI target = URI.create(feed);
        HttpRequest request = HttpRequest.newBuilder(target).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
