// want: JAVA-OPEN-REDIRECT
package com.acme.sso.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class SsoCallbackController {
    private final SsoService sso;

    public SsoCallbackController(SsoService sso) {
        this.sso = sso;
    }

    @GetMapping("/sso/callback")
    public void callback(@RequestParam String code, @RequestParam(name = "state") String returnTo,
                         HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = returnTo.isBlank() ? "/home" : returnTo;
        sso.completeLogin(code, request.getSession(true));
        response.sendRedirect(target);
    }
}
