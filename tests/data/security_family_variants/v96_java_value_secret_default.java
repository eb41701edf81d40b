// want: JAVA-SECRET-FALLBACK
package com.acme.api;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

@Service
public class TokenService {
    private final SecretKey key;

    public TokenService(@Value("${app.jwt.secret:change-me-please-this-is-only-for-dev-32b}") String secret) {
        this.key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String issue(String userId) {
        return Jwts.builder().subject(userId).expiration(new Date(System.currentTimeMillis() + 3_600_000))
                .signWith(key).compact();
    }
}
