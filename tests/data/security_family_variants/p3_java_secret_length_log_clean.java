// clean: JAVA-SECRET-IN-LOG
package com.acme.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

@Configuration
public class SigningKeyConfig {
    private static final Logger log = LoggerFactory.getLogger(SigningKeyConfig.class);

    public SigningKeyConfig(@Value("${webhooks.signing-secret}") String signingSecret) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(signingSecret.getBytes(StandardCharsets.UTF_8));
        log.info("webhook signing secret loaded, length={} fingerprint={}", signingSecret.length(),
                HexFormat.of().formatHex(digest, 0, 6));
    }
}
