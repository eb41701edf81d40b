// want: JAVA-LOOKUP-IGNORES-CALLER
package com.acme.files.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

@Controller("/files")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class FileController {
    private final StoredFileRepository files;

    FileController(StoredFileRepository files) {
        this.files = files;
    }

    @Get("/{id}")
    public HttpResponse<StoredFileDto> show(Long id, Authentication authentication) {
        return files.findById(id)
                .map(f -> HttpResponse.ok(StoredFileDto.from(f)))
                .orElse(HttpResponse.notFound());
    }
}
