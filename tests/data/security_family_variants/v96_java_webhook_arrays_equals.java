// want: JAVA-TIMING-COMPARE
package com.acme.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
public class CarrierWebhookController {
    private final byte[] secret;
    private final ShipmentEvents events;

    public CarrierWebhookController(WebhookProperties props, ShipmentEvents events) {
        this.secret = props.secret().getBytes(StandardCharsets.UTF_8);
        this.events = events;
    }

    @PostMapping("/webhooks/carrier")
    public ResponseEntity<Void> receive(@RequestHeader("X-Signature") String signature, @RequestBody byte[] body)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = mac.doFinal(body);
        if (!Arrays.equals(expected, HexFormat.of().parseHex(signature))) {
            return ResponseEntity.status(401).build();
        }
        events.publish(body);
        return ResponseEntity.noContent().build();
    }
}
