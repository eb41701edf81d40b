// want: JAVA-HANDLER-FAILURE-OK
package com.acme.web;

@RestController
public class PaymentController {
    private static final Logger log = LoggerFactory.getLogger(PaymentController.class);

    @PostMapping("/payments")
    public ResponseEntity<Map<String, Object>> pay(@RequestBody PaymentRequest req) {
        try {
            gateway.charge(req.customerId(), req.amount());
        } catch (GatewayException e) {
            log.error("charge failed", e);
        }
        return ResponseEntity.ok(Map.of("status", "ok"));
    }
}
