// clean: JAVA-LOOKUP-IGNORES-CALLER
package com.acme.api;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
public class ExportController {
    private final ExportRepository exports;

    public ExportController(ExportRepository exports) {
        this.exports = exports;
    }

    @GetMapping("/exports/{id}")
    public Export get(@PathVariable long id, @AuthenticationPrincipal AppUser user) {
        return exports.findByIdAndAccountId(id, user.accountId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
