// clean: JAVA-SSRF
package com.acme.fx.web;

import java.time.Duration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

@RestController
public class FxRateController {
    private final WebClient webClient;

    public FxRateController(WebClient.Builder builder) {
        this.webClient = builder.baseUrl("https://api.fx-provider.example.com").build();
    }

    private Mono<Rate> fetchRate(String currency) {
        return webClient.get()
                .uri("/v1/rates/{currency}", currency)
                .retrieve()
                .bodyToMono(Rate.class)
                .timeout(Duration.ofSeconds(5));
    }

    @GetMapping("/api/fx")
    public Mono<Rate> rate(@RequestParam String currency) {
        return fetchRate(currency);
    }
}
