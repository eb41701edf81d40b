// clean: JAVA-REACTIVE-ERROR-DROPPED (a read falling back to a cached value, with the failure logged)
package com.acme.catalog;

@Service
public class PriceService {
    private static final Logger log = LoggerFactory.getLogger(PriceService.class);
    private final WebClient pricing;
    private final PriceCache cache;

    public PriceService(WebClient pricing, PriceCache cache) {
        this.pricing = pricing;
        this.cache = cache;
    }

    public Mono<Price> current(String sku) {
        return pricing.get().uri("/prices/{sku}", sku).retrieve().bodyToMono(Price.class)
                .timeout(Duration.ofSeconds(2))
                .onErrorResume(e -> {
                    log.warn("pricing unavailable for {}", sku, e);
                    return cache.lastKnown(sku);
                });
    }
}
