// want: JAVA-ROUTE-NO-AUTH
// path: src/main/java/com/acme/hr/web/SalaryController.java
package com.acme.hr.web;

import java.math.BigDecimal;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/salaries")
public class SalaryController {
    private final SalaryService salaries;

    SalaryController(SalaryService salaries) {
        this.salaries = salaries;
    }

    @Secured("ROLE_HR")
    @GetMapping("/{employeeId}")
    public SalaryView get(@PathVariable long employeeId) {
        return salaries.current(employeeId);
    }

    @Secured("ROLE_HR")
    @PutMapping("/{employeeId}")
    public SalaryView set(@PathVariable long employeeId, @RequestBody BigDecimal amount) {
        return salaries.set(employeeId, amount);
    }

    @PostMapping("/{employeeId}/bonus")
    public SalaryView bonus(@PathVariable long employeeId, @RequestBody BigDecimal amount) {
        return salaries.grantBonus(employeeId, amount);
    }
}
