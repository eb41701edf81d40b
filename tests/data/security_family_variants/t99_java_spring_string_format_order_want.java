// want: JAVA-SQL-STRING
package com.acme.reports.web;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RevenueReportController {
    private final NamedParameterJdbcTemplate jdbc;

    public RevenueReportController(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/reports/revenue")
    public List<Map<String, Object>> revenue(@RequestParam long merchantId,
                                             @RequestParam(defaultValue = "day") String sort) {
        String sql = String.format(
            "SELECT day, gross, refunds FROM daily_revenue WHERE merchant_id = :merchant ORDER BY %s", sort);
        return jdbc.queryForList(sql, new MapSqlParameterSource("merchant", merchantId));
    }
}
