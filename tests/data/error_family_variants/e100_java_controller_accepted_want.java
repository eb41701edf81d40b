// want: JAVA-HANDLER-FAILURE-OK
package com.acme.orders.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

@RestController
public class CancellationController {

    private static final Logger log = LoggerFactory.getLogger(CancellationController.class);

    private final FulfilmentClient fulfilment;

    public CancellationController(FulfilmentClient fulfilment) {
        this.fulfilment = fulfilment;
    }

    @PostMapping("/orders/{id}/cancel")
    public ResponseEntity<CancelResponse> cancel(@PathVariable long id) {
        try {
            fulfilment.cancel(id);
        } catch (RestClientException e) {
            log.warn("fulfilment cancel failed for {}", id, e);
            return ResponseEntity.accepted().body(new CancelResponse(id, "CANCELLATION_REQUESTED"));
        }
        return ResponseEntity.ok(new CancelResponse(id, "CANCELLED"));
    }
}
