// clean: JAVA-SECRET-IN-LOG
package com.acme.api;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.*;

@RestController
public class PartnerController {
    private static final Logger log = LoggerFactory.getLogger(PartnerController.class);

    @PostMapping("/partner/sync")
    public void sync(HttpServletRequest request, @RequestBody SyncRequest body) {
        log.info("partner sync from {} items={}", request.getRemoteAddr(), body.items().size());
        body.items().forEach(this::apply);
    }

    private void apply(SyncItem item) {}
}
