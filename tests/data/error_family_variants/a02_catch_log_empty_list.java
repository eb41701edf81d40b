// clean: JAVA-FAILURE-AS-VALUE
package com.acme.catalog;

@Service
public class PriceService {
    private static final Logger log = LoggerFactory.getLogger(PriceService.class);

    public List<Price> pricesFor(String sku) {
        try {
            return jdbcTemplate.query("SELECT * FROM prices WHERE sku = ?", priceMapper, sku);
        } catch (DataAccessException e) {
            log.warn("price lookup failed for {}", sku, e);
            return Collections.emptyList();
        }
    }
}
