// clean: JAVA-SQL-STRING
package com.acme.orders.web;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderSearchController {
    private final JdbcTemplate jdbc;

    public OrderSearchController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/orders")
    public List<Map<String, Object>> search(@RequestParam String status) {
        String sql = "SELECT id, number, total FROM orders WHERE status = ? ORDER BY created_at DESC";
        return jdbc.queryForList(sql, status);
    }
}
