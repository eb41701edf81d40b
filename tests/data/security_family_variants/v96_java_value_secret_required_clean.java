// clean: JAVA-SECRET-FALLBACK
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
    private final long ttlMillis;

    public TokenService(@Value("${app.jwt.secret}") String secret, @Value("${app.jwt.ttl-ms:3600000}") long ttlMillis) {
        this.key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
        this.ttlMillis = ttlMillis;
    }

    public String issue(String userId) {
        return Jwts.builder().subject(userId).expiration(new Date(System.currentTimeMillis() + ttlMillis))
                .signWith(key).compact();
    }
}
