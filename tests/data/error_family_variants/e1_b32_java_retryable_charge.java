// want: ANY-RETRY-NON-IDEMPOTENT
package com.acme.checkout;

@Service
public class PaymentGateway {

    private final RestTemplate rest;

    public PaymentGateway(RestTemplate rest) {
        this.rest = rest;
    }

    @Retryable(retryFor = ResourceAccessException.class, maxAttempts = 4, backoff = @Backoff(delay = 500, multiplier = 2))
    public ChargeResponse charge(ChargeRequest request) {
        return rest.postForObject("/v1/charges", request, ChargeResponse.class);
    }
}
