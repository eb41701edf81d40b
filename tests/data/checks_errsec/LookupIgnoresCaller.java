package com.acme.docs;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

@Service
public class InvoiceService {

    private final InvoiceRepository invoices;

    public InvoiceService(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    public Invoice show(AuthenticatedMember member, UUID invoiceId) {
        return invoices.findById(invoiceId).orElseThrow();  // expect: JAVA-LOOKUP-IGNORES-CALLER
    }

    public Invoice showScoped(AuthenticatedMember member, UUID invoiceId) {
        return invoices.findByIdAndAccountId(invoiceId, member.accountId()).orElseThrow();
    }

    public Invoice showChecked(AuthenticatedMember member, UUID invoiceId) {
        Invoice invoice = invoices.findById(invoiceId).orElseThrow();
        if (!invoice.getAccountId().equals(member.accountId())) {
            throw new InvoiceNotFoundException(invoiceId);
        }
        return invoice;
    }

    @PreAuthorize("@invoiceAccess.canRead(principal, #invoiceId)")
    public Invoice showGuarded(AuthenticatedMember member, UUID invoiceId) {
        return invoices.findById(invoiceId).orElseThrow();
    }

    public Invoice showInternal(UUID invoiceId) {
        return invoices.findById(invoiceId).orElseThrow();
    }
}
