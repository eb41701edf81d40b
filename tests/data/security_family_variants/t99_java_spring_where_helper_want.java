// want: JAVA-SQL-STRING
package com.acme.stock.web;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StockLevelController {
    private static final String BASE = "SELECT sku, warehouse, qty FROM stock_levels WHERE qty > 0";

    private final JdbcTemplate jdbc;

    public StockLevelController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private String regionFilter(String region) {
        return " AND region = '" + region + "'";
    }

    @GetMapping("/api/stock")
    public List<StockLevel> stock(@RequestParam String region) {
        return jdbc.query(BASE + regionFilter(region), StockLevel.MAPPER);
    }
}
