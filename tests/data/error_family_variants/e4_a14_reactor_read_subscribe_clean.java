// clean: JAVA-REACTIVE-ERROR-DROPPED (a cache warm-up read, no write in the chain)
package com.acme.catalog;

@Component
public class CacheWarmer {
    private final CatalogRepository catalog;
    private final LocalCache cache;

    public CacheWarmer(CatalogRepository catalog, LocalCache cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warm() {
        catalog.findAllActive().collectList().subscribe(cache::replaceAll);
    }
}
