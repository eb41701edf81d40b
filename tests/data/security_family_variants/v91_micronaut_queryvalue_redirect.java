// want: JAVA-OPEN-REDIRECT
package com.acme.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.net.URI;

@Controller("/sso")
public class SsoController {

    @Get("/done")
    public HttpResponse<?> done(@QueryValue(defaultValue = "/") String next) {
        return HttpResponse.redirect(URI.create(next));
    }
}
