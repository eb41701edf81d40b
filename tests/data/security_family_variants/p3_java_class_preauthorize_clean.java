// clean: JAVA-ROUTE-NO-AUTH
package com.acme.api;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing")
@PreAuthorize("hasRole('BILLING_ADMIN')")
public class BillingAdminController {
    private final BillingService billing;

    public BillingAdminController(BillingService billing) {
        this.billing = billing;
    }

    @GetMapping("/plans")
    public Object plans() {
        return billing.plans();
    }

    @PostMapping("/accounts/{id}/credit")
    public Object credit(@PathVariable long id) {
        return billing.credit(id);
    }

    @DeleteMapping("/accounts/{id}/override")
    public void clearOverride(@PathVariable long id) {
        billing.clearOverride(id);
    }
}
