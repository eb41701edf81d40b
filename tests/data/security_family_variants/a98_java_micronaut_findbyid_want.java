// want: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/vault/SecretController.java
package com.acme.vault;

import io.micronaut.http.annotation.*;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

@Controller("/secrets")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SecretController {
    private final SecretRepository secrets;

    public SecretController(SecretRepository secrets) {
        this.secrets = secrets;
    }

    @Get("/{id}")
    public SecretView reveal(Authentication authentication, Long id) {
        Secret secret = secrets.findById(id).orElseThrow(SecretNotFound::new);
        return SecretView.revealed(secret, authentication.getName());
    }
}
