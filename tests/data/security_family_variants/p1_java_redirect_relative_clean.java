// clean: JAVA-OPEN-REDIRECT
package com.acme.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;

@Controller
public class LogoutController {
    @GetMapping("/logout/done")
    public void done(@RequestParam(defaultValue = "/") String next, HttpServletResponse response) throws IOException {
        String target = next.startsWith("/") && !next.startsWith("//") ? next : "/";
        response.sendRedirect(target);
    }
}
