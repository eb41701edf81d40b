// want: JAVA-JWT-UNVERIFIED
package com.acme.api;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import org.springframework.stereotype.Component;

@Component
public class CallerResolver {
    public String tenantOf(HttpServletRequest request) throws ParseException {
        String token = request.getHeader("Authorization").replace("Bearer ", "");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        return claims.getStringClaim("tenant");
    }
}
