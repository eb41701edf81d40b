// clean: JAVA-OPEN-REDIRECT
package com.acme.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.net.URI;
import java.util.Set;

@Controller("/sso")
public class SsoController {
    private static final Set<String> PAGES = Set.of("/", "/account", "/orders");

    @Get("/done")
    public HttpResponse<?> done(@QueryValue(defaultValue = "/") String next) {
        if (!PAGES.contains(next)) {
            return HttpResponse.redirect(URI.create("/"));
        }
        return HttpResponse.redirect(URI.create(next));
    }
}
