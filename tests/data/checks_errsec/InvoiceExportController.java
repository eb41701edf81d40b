package com.acme.billing.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Pageable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InvoiceExportController {

    private final InvoiceRepository invoiceRepository;

    public InvoiceExportController(InvoiceRepository invoiceRepository) {
        this.invoiceRepository = invoiceRepository;
    }

    @GetMapping(value = "/tenants/{tenantId}/invoices.csv", produces = "text/csv")
    public void exportInvoices(@PathVariable long tenantId, HttpServletResponse response) throws IOException {
        List<Invoice> rows = invoiceRepository.findAllByTenantIdOrderByIssuedAtDesc(tenantId);  // expect: JAVA-LIST-NO-LIMIT
        PrintWriter out = response.getWriter();
        for (Invoice invoice : rows) {
            out.println(invoice.getNumber() + "," + invoice.getTotal());
        }
    }

    @Transactional(readOnly = true)
    @GetMapping(value = "/tenants/{tenantId}/invoices-streamed.csv", produces = "text/csv")
    public void exportStreamed(@PathVariable long tenantId, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        try (Stream<Invoice> rows = invoiceRepository.streamAllByTenantId(tenantId)) {
            rows.forEach(invoice -> out.println(invoice.getNumber() + "," + invoice.getTotal()));
        }
    }

    @GetMapping("/tenants/{tenantId}/invoices/page")
    public List<Invoice> page(@PathVariable long tenantId, Pageable pageable) {
        return invoiceRepository.findAllByTenantId(tenantId, pageable).getContent();
    }
}
