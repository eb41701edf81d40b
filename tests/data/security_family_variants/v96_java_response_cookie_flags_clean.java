// clean: JAVA-COOKIE-INSECURE
package com.acme.api;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
public class LoginController {
    private final AuthService auth;

    public LoginController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/login")
    public ResponseEntity<Void> login(@RequestBody LoginRequest body) {
        String token = auth.login(body.email(), body.password());
        ResponseCookie cookie = ResponseCookie.from("SESSION", token).path("/").maxAge(Duration.ofHours(8))
                .httpOnly(true).secure(true).sameSite("Lax").build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}
