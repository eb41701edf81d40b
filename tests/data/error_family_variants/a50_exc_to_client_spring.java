// want: JAVA-EXCEPTION-LEAK
package com.acme.web;

@RestController
public class ReportController {
    @GetMapping("/reports/{id}")
    public ResponseEntity<?> report(@PathVariable long id) {
        try {
            return ResponseEntity.ok(reports.build(id));
        } catch (Exception e) {
            return ResponseEntity.status(500).body(Map.of("error", e.getMessage()));
        }
    }
}
