// want: JAVA-SQL-STRING
package com.acme.api;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CustomerController {
    private final JdbcTemplate jdbc;

    public CustomerController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/customers")
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "created_at") String sort) {
        String sql = "SELECT id, display_name, created_at FROM customers ORDER BY " + sort + " LIMIT 100";
        return jdbc.queryForList(sql);
    }
}
