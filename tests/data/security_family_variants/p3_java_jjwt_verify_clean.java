// clean: JAVA-JWT-UNVERIFIED
package com.acme.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import javax.crypto.SecretKey;

public class TokenVerifier {
    private final SecretKey key;

    public TokenVerifier(SecretKey key) {
        this.key = key;
    }

    public String tenantOf(String token) {
        Claims claims = Jwts.parser().verifyWith(key).requireAudience("api").build().parseSignedClaims(token).getPayload();
        return claims.get("tenant", String.class);
    }
}
