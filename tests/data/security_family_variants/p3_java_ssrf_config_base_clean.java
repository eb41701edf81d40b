// clean: JAVA-SSRF
package com.acme.billing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

@Service
public class BillingClient {
    private final RestClient rest;

    public BillingClient(RestClient.Builder builder, @Value("${billing.base-url}") String baseUrl) {
        this.rest = builder.baseUrl(baseUrl).build();
    }

    public InvoiceStatus status(String invoiceId) {
        return rest.get().uri("/v2/invoices/{id}", invoiceId).retrieve().body(InvoiceStatus.class);
    }
}
