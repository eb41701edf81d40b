// clean: JAVA-REACTIVE-ERROR-DROPPED (a scheduled refresh whose failure is logged in the chain)
package com.acme.catalog;

@Component
public class CatalogRefresher {
    private static final Logger log = LoggerFactory.getLogger(CatalogRefresher.class);
    private final CatalogRepository catalog;
    private final SupplierClient supplier;

    public CatalogRefresher(CatalogRepository catalog, SupplierClient supplier) {
        this.catalog = catalog;
        this.supplier = supplier;
    }

    @Scheduled(fixedDelay = 60_000)
    public void refresh() {
        supplier.fetchItems()
                .flatMap(catalog::save)
                .doOnError(e -> log.error("catalog refresh failed", e))
                .subscribe();
    }
}
