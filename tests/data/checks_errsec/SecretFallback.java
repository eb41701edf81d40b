package com.acme.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
public class SecretFallback {
    @Value("${app.jwt.secret:change-me-in-production}") // expect: JAVA-SECRET-FALLBACK
    private String jwtSecret;

    @Value("${app.jwt.ttl-ms:3600000}")
    private long ttl;

    @Value("${app.webhook.secret}")
    private String webhookSecret;

    public String apiKey() {
        return System.getenv().getOrDefault("PARTNER_API_KEY", "local-partner-key"); // expect: JAVA-SECRET-FALLBACK
    }

    public String region() {
        return System.getenv().getOrDefault("PARTNER_REGION", "eu-west-1");
    }
}
