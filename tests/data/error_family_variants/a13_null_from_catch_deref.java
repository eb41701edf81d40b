// want: JAVA-FAILURE-AS-VALUE
package com.acme.billing;

@Service
public class InvoiceService {
    private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);
    private final RestTemplate rest;

    private Invoice fetchInvoice(String id) {
        try {
            return rest.getForObject(baseUrl + "/invoices/{id}", Invoice.class, id);
        } catch (RestClientException e) {
            log.error("fetch invoice {} failed", id, e);
            return null;
        }
    }

    public BigDecimal amountDue(String id) {
        Invoice invoice = fetchInvoice(id);
        return invoice.getTotal().subtract(invoice.getPaid());
    }
}
