// want: JAVA-SQL-STRING
package com.acme.api;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShipmentController {
    private final JdbcTemplate jdbc;

    public ShipmentController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/shipments")
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "created_at") String sort,
                                          @RequestParam(defaultValue = "desc") String dir) {
        return jdbc.queryForList("SELECT id, status, created_at FROM shipments ORDER BY " + sort + " " + dir);
    }
}
