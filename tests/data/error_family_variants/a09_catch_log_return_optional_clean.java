// clean: JAVA-FAILURE-AS-VALUE
package com.acme.billing;

@Service
public class InvoiceClient {
    public Invoice fetch(String id) {
        try {
            return rest.getForObject(baseUrl + "/invoices/{id}", Invoice.class, id);
        } catch (RestClientException e) {
            throw new InvoiceUnavailableException("fetch invoice " + id, e);
        }
    }
}
