// want: JAVA-REACTIVE-ERROR-DROPPED
package com.acme.billing;

@Service
public class InvoiceService {
    private final InvoiceRepository invoices;

    public InvoiceService(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    public Mono<Invoice> issue(Invoice invoice) {
        return invoices.save(invoice.withStatus(InvoiceStatus.ISSUED))
                .onErrorResume(e -> Mono.empty());
    }
}
