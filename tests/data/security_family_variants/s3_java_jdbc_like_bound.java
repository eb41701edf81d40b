// clean: JAVA-SQL-STRING
package com.acme.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShipmentController {
    private static final Set<String> SORTABLE = Set.of("created_at", "status");
    private final JdbcTemplate jdbc;

    public ShipmentController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/shipments")
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "") String q,
                                          @RequestParam(defaultValue = "created_at") String sort) {
        String column = SORTABLE.contains(sort) ? sort : "created_at";
        return jdbc.queryForList(
            "SELECT id, status FROM shipments WHERE status LIKE ? ORDER BY " + column, "%" + q + "%");
    }
}
