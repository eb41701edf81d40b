package com.example.auth;

import javax.servlet.http.HttpServletRequest;
import org.apache.commons.lang3.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class SecretLogging {
    private static final Logger log = LoggerFactory.getLogger(SecretLogging.class);

    public void login(HttpServletRequest request, String user, String password, Settings settings) {
        log.info("User {} logged in with {}", user, password); // expect: JAVA-SECRET-IN-LOG
        log.debug("password length {}", password.length());
        log.warn("auth header {}", request.getHeader("Authorization")); // expect: JAVA-SECRET-IN-LOG
        System.out.println("client secret=" + settings.getClientSecret()); // expect: JAVA-SECRET-IN-LOG
        log.info("token expires at {}", settings.getTokenExpiresAt());
        log.info("password given: {}", StringUtils.isNotEmpty(password));
        log.info("accept header {}", request.getHeader("Accept"));
    }
}
