// want: ANY-TENANT-FROM-HEADER
package com.acme.analytics.web;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/usage")
public class UsageController {
    private final UsageService usage;

    public UsageController(UsageService usage) {
        this.usage = usage;
    }

    @GetMapping
    public List<UsageRow> usage(@RequestHeader(value = "X-Tenant-Id", required = false) String tenantHeader,
                                @AuthenticationPrincipal AppUser user) {
        String tenantId = tenantHeader != null ? tenantHeader : user.getTenantId();
        return usage.forTenant(tenantId);
    }
}
