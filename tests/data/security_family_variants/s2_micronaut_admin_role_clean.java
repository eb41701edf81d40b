// clean: JAVA-ADMIN-ROUTE-ANONYMOUS
// path: src/main/java/com/acme/billing/admin/RefundAdminController.java
package com.acme.billing.admin;

import com.acme.billing.RefundService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;

@Controller("/admin/refunds")
@Secured({"ROLE_BILLING_ADMIN"})
public class RefundAdminController {

    private final RefundService refunds;

    RefundAdminController(RefundService refunds) {
        this.refunds = refunds;
    }

    @Post("/{paymentId}")
    HttpResponse<?> refund(@PathVariable String paymentId) {
        refunds.refundInFull(paymentId);
        return HttpResponse.accepted();
    }
}
