// clean: JAVA-SQL-STRING
package com.acme.api;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CustomerController {
    enum SortField {
        NAME("display_name"), CREATED("created_at"), REVENUE("lifetime_revenue");

        final String column;

        SortField(String column) {
            this.column = column;
        }
    }

    private final JdbcTemplate jdbc;

    public CustomerController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/customers")
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "CREATED") SortField sort,
                                          @RequestParam(defaultValue = "false") boolean asc) {
        String sql = "SELECT id, display_name, created_at FROM customers ORDER BY " + sort.column + (asc ? " ASC" : " DESC") + " LIMIT 100";
        return jdbc.queryForList(sql);
    }
}
