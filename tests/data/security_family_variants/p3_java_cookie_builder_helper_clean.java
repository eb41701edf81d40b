// clean: JAVA-COOKIE-INSECURE
package com.acme.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SessionController {
    private final AuthService auth;

    public SessionController(AuthService auth) {
        this.auth = auth;
    }

    private static ResponseCookie sessionCookie(String name, String value, Duration ttl) {
        return ResponseCookie.from(name, value).httpOnly(true).secure(true).sameSite("Lax").path("/").maxAge(ttl).build();
    }

    @PostMapping("/session")
    public ResponseEntity<Void> login(@RequestBody Credentials creds) {
        Session session = auth.login(creds.email(), creds.password());
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, sessionCookie("SID", session.token(), Duration.ofHours(12)).toString())
                .header(HttpHeaders.SET_COOKIE, sessionCookie("REFRESH", session.refreshToken(), Duration.ofDays(30)).toString())
                .build();
    }
}
