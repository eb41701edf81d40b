// want: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/alerts/web/AlertRuleController.java
package com.acme.alerts.web;

import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/alert-rules")
public class AlertRuleController {
    private final AlertRuleRepository rules;
    private final AccountLookup accounts;

    public AlertRuleController(AlertRuleRepository rules, AccountLookup accounts) {
        this.rules = rules;
        this.accounts = accounts;
    }

    @GetMapping
    public List<AlertRule> mine(Principal principal) {
        return rules.findAllByAccountId(accounts.idFor(principal));
    }

    @DeleteMapping("/{ruleId}")
    public ResponseEntity<Void> delete(Principal principal, @PathVariable long ruleId) {
        rules.deleteById(ruleId);
        return ResponseEntity.noContent().build();
    }
}
