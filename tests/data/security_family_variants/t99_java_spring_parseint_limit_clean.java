// clean: JAVA-SQL-STRING
package com.acme.stock.web;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StockLevelController {
    private final JdbcTemplate jdbc;

    public StockLevelController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/stock/low")
    public List<StockLevel> low(@RequestParam(defaultValue = "50") String limit) {
        int rows = Math.min(Integer.parseInt(limit), 500);
        String sql = "SELECT sku, warehouse, qty FROM stock_levels ORDER BY qty ASC LIMIT " + rows;
        return jdbc.query(sql, StockLevel.MAPPER);
    }
}
