// Fixture for JAVA-ROUTE-NO-AUTH (written for persona-review): Spring handlers without the method-security
// annotation their siblings carry. `// expect: ID` marks a finding.
package example.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {
    private final InvoiceService invoices;

    InvoiceController(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('invoice:read')")
    public List<Invoice> list() {
        return invoices.all();
    }

    @PostMapping
    @PreAuthorize("hasAuthority('invoice:write')")
    public Invoice create(@RequestBody Invoice invoice) {
        return invoices.save(invoice);
    }

    @PutMapping("/{id}")
    @Secured("ROLE_ACCOUNTANT")
    public Invoice update(@PathVariable long id, @RequestBody Invoice invoice) {
        return invoices.update(id, invoice);
    }

    @RequestMapping(value = "/{id}", method = RequestMethod.DELETE)
    public void delete(@PathVariable long id) { // expect: JAVA-ROUTE-NO-AUTH
        invoices.delete(id);
    }

    @GetMapping("/{id}/pdf")
    public byte[] pdf(@PathVariable long id) {
        return invoices.pdf(id);
    }

    @PostMapping("/webhook")
    public void providerWebhook(@RequestBody String payload) {
        invoices.notify(payload);
    }

    @PermitAll
    @PostMapping("/quote")
    public Quote quote(@RequestBody QuoteRequest request) {
        return invoices.quote(request);
    }
}

// A class-level annotation guards every handler.
@RestController
@RolesAllowed("ADMIN")
class TenantController {
    @PostMapping("/tenants")
    @PreAuthorize("hasRole('OWNER')")
    public void create() {
    }

    @DeleteMapping("/tenants/{id}")
    @PreAuthorize("hasRole('OWNER')")
    public void delete() {
    }

    @PutMapping("/tenants/{id}")
    public void rename() {
    }
}

// An annotation that only describes the permission is not a guard (Shiro's `@RequiresPermissions` is).
@RestController
@RequestMapping("/admin/coupons")
class CouponController {
    @PostMapping("/create")
    @RequiresPermissions("admin:coupon:create")
    @RequiresPermissionsDesc(menu = {"Coupons"}, button = "Create")
    public void create() {
    }

    @PostMapping("/update")
    @RequiresPermissions("admin:coupon:update")
    @RequiresPermissionsDesc(menu = {"Coupons"}, button = "Update")
    public void update() {
    }

    @PostMapping("/delete")
    @RequiresPermissionsDesc(menu = {"Coupons"}, button = "Delete")
    public void delete() { // expect: JAVA-ROUTE-NO-AUTH
    }
}

// Not a controller: a Feign client's mappings are calls out, not handlers.
@FeignClient("ledger")
interface LedgerClient {
    @PostMapping("/entries")
    @PreAuthorize("hasRole('X')")
    void add(Entry entry);

    @PostMapping("/entries/bulk")
    @PreAuthorize("hasRole('X')")
    void addAll(List<Entry> entries);

    @DeleteMapping("/entries/{id}")
    void remove(long id);
}
