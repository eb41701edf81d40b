// want: JAVA-OPEN-REDIRECT
package com.acme.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LoginReturnController {
    @GetMapping("/login/return")
    public void afterLogin(@RequestParam String next, HttpServletResponse response) throws IOException {
        response.sendRedirect(next);
    }
}
