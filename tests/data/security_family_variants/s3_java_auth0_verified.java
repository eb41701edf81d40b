// clean: JAVA-JWT-UNVERIFIED
package com.acme.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

public class BearerFilter extends OncePerRequestFilter {
    private final JWTVerifier verifier;

    public BearerFilter(String secret) {
        this.verifier = JWT.require(Algorithm.HMAC256(secret)).withIssuer("acme").build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            try {
                DecodedJWT jwt = verifier.verify(header.substring(7));
                request.setAttribute("userId", jwt.getSubject());
            } catch (JWTVerificationException e) {
                response.sendError(401);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
