// want: JAVA-ROUTE-NO-AUTH
// path: src/main/java/com/acme/console/web/TenantAdminController.java
package com.acme.console.web;

import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/tenants")
public class TenantAdminController {
    private final TenantService tenants;

    public TenantAdminController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('tenants:read')")
    public List<TenantDto> list() {
        return tenants.list();
    }

    @PostMapping("/{id}/suspend")
    @PreAuthorize("hasAuthority('tenants:write')")
    public ResponseEntity<Void> suspend(@PathVariable UUID id) {
        tenants.suspend(id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        tenants.delete(id);
        return ResponseEntity.noContent().build();
    }
}
