// want: JAVA-JWT-UNVERIFIED
package com.acme.api;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwt;
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

@Component
public class TokenReader {
    public String userId(String token) {
        Jwt<?, Claims> jwt = Jwts.parser().parseClaimsJwt(token);
        return jwt.getBody().getSubject();
    }
}
