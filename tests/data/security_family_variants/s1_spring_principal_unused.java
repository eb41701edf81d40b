// want: JAVA-LOOKUP-IGNORES-CALLER
package com.acme.billing.web;

import java.security.Principal;
import java.util.UUID;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {
    private final InvoiceRepository invoices;

    public InvoiceController(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/{id}")
    public InvoiceDto get(@PathVariable UUID id, Principal principal) {
        Invoice invoice = invoices.findById(id).orElseThrow(InvoiceNotFoundException::new);
        return InvoiceDto.from(invoice);
    }
}
