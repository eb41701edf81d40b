package com.acme.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

@Controller("/admin/support")
@Secured("ROLE_SUPPORT")
public class AdminAnonymous {
    private final SupportService support;

    public AdminAnonymous(SupportService support) {
        this.support = support;
    }

    @Get("/sessions")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public int sessionCount() {
        return support.activeSessionCount();
    }

    @Post("/impersonate")
    @Secured(SecurityRule.IS_ANONYMOUS)  // expect: JAVA-ADMIN-ROUTE-ANONYMOUS
    public HttpResponse<String> impersonate(@Body String userId) {
        return HttpResponse.ok(support.issueImpersonationToken(userId));
    }

    @Post("/password-reset")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> resetPassword(@Body String email) {
        return HttpResponse.ok(support.sendReset(email));
    }
}
