// clean: JAVA-SECRET-FALLBACK
package com.acme.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

@Configuration
public class JwtConfig {
    private final String secret;
    private final long ttlMinutes;

    public JwtConfig(@Value("${app.jwt.secret}") String secret, @Value("${app.jwt.ttl-minutes:30}") long ttlMinutes) {
        if (secret.length() < 32) {
            throw new IllegalStateException("app.jwt.secret must be at least 32 characters");
        }
        this.secret = secret;
        this.ttlMinutes = ttlMinutes;
    }
}
