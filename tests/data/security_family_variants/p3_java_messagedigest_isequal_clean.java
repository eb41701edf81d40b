// clean: JAVA-TIMING-COMPARE
package com.acme.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CarrierWebhookController {
    private final byte[] secret;
    private final EventQueue queue;

    public CarrierWebhookController(WebhookProperties props, EventQueue queue) {
        this.secret = props.secret().getBytes(StandardCharsets.UTF_8);
        this.queue = queue;
    }

    @PostMapping("/webhooks/carrier")
    public ResponseEntity<Void> receive(@RequestBody byte[] body, @RequestHeader("X-Signature") String signature) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = mac.doFinal(body);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
            return ResponseEntity.status(401).build();
        }
        queue.publish(body);
        return ResponseEntity.accepted().build();
    }
}
