// want: JAVA-SECRET-FALLBACK
package com.acme.api;

import java.util.Objects;

public final class WebhookConfig {
    private WebhookConfig() {}

    public static String signingSecret() {
        return Objects.requireNonNullElse(System.getenv("WEBHOOK_SIGNING_SECRET"), "local-webhook-secret");
    }
}
