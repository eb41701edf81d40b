// clean: JAVA-FAILURE-AS-VALUE
package com.acme.billing;

@Service
public class InvoiceClient {
    private static final Logger log = LoggerFactory.getLogger(InvoiceClient.class);
    private final RestTemplate rest;

    public Invoice fetch(String id) {
        try {
            return rest.getForObject(baseUrl + "/invoices/{id}", Invoice.class, id);
        } catch (RestClientException e) {
            log.error("fetch invoice {} failed", id, e);
            return null;
        }
    }
}
