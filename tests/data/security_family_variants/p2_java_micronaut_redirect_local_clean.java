// clean: JAVA-OPEN-REDIRECT
// path: src/main/java/com/acme/web/LoginController.java
package com.acme.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.net.URI;

@Controller("/auth")
public class LoginController {

    @Get("/done")
    public HttpResponse<?> done(@QueryValue(defaultValue = "/") String returnTo) {
        return HttpResponse.seeOther(URI.create(localOnly(returnTo)));
    }

    static String localOnly(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
            return "/";
        }
        return target;
    }
}
