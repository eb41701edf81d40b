// clean: JAVA-CATCH-LOGGED-CONTINUES
package com.acme.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

public class CatalogClient {
    private static final Logger log = LoggerFactory.getLogger(CatalogClient.class);
    private final WebClient web;

    public CatalogClient(WebClient web) {
        this.web = web;
    }

    public Mono<Product> product(String sku) {
        return web.get().uri("/products/{sku}", sku)
                .retrieve()
                .bodyToMono(Product.class)
                .onErrorMap(WebClientResponseException.class, e -> {
                    log.warn("catalog lookup for {} failed: {}", sku, e.getStatusCode());
                    return new ResponseStatusException(HttpStatus.BAD_GATEWAY, "catalog unavailable", e);
                });
    }
}
