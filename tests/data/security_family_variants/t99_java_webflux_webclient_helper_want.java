// want: JAVA-SSRF
package com.acme.unfurl.web;

import java.time.Duration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

@RestController
public class UnfurlController {
    private final WebClient webClient;

    public UnfurlController(WebClient.Builder builder) {
        this.webClient = builder.build();
    }

    private Mono<String> download(String url) {
        return webClient.get()
                .uri(url)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(Duration.ofSeconds(5));
    }

    @GetMapping("/api/unfurl")
    public Mono<Unfurl> unfurl(@RequestParam String link) {
        return download(link).map(Unfurl::fromHtml);
    }
}
