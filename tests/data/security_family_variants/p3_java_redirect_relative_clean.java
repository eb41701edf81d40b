// clean: JAVA-OPEN-REDIRECT
package com.acme.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LoginReturnController {
    static String localOnly(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
            return "/home";
        }
        URI uri = URI.create(target);
        return uri.getHost() == null && uri.getScheme() == null ? target : "/home";
    }

    @GetMapping("/login/return")
    public void afterLogin(@RequestParam(required = false) String next, HttpServletResponse response) throws IOException {
        response.sendRedirect(localOnly(next));
    }
}
