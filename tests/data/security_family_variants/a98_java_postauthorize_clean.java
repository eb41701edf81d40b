// clean: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/claims/web/ClaimController.java
package com.acme.claims.web;

import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/claims")
public class ClaimController {
    private final ClaimRepository claims;

    public ClaimController(ClaimRepository claims) {
        this.claims = claims;
    }

    @GetMapping("/{id}")
    @PostAuthorize("returnObject.claimantId == authentication.principal.id")
    public Claim get(@AuthenticationPrincipal Member member, @PathVariable long id) {
        return claims.findById(id).orElseThrow(ClaimNotFound::new);
    }
}
