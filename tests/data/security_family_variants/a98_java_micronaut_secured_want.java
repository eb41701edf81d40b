// want: JAVA-ROUTE-NO-AUTH
// path: src/main/java/com/acme/shop/CouponController.java
package com.acme.shop;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.*;
import io.micronaut.security.annotation.Secured;
import java.util.List;

@Controller("/coupons")
public class CouponController {
    private final CouponService coupons;

    public CouponController(CouponService coupons) {
        this.coupons = coupons;
    }

    @Get
    @Secured({"ROLE_MARKETING"})
    public List<Coupon> list() {
        return coupons.all();
    }

    @Post
    @Secured({"ROLE_MARKETING"})
    public HttpResponse<Coupon> create(@Body CouponRequest request) {
        return HttpResponse.created(coupons.create(request));
    }

    @Post("/{code}/extend")
    public Coupon extend(String code, @Body ExtendRequest request) {
        return coupons.extend(code, request.days());
    }
}
