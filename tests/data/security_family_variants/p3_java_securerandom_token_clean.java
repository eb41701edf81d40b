// clean: JAVA-INSECURE-RANDOM
package com.acme.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    public static String resetToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static long retryDelayMillis(int attempt) {
        return Math.min(30_000L, 200L << attempt) + ThreadLocalRandom.current().nextLong(100);
    }
}
