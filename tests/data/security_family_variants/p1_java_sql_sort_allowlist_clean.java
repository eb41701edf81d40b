// clean: JAVA-SQL-STRING
package com.acme.api;

import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
public class ProductController {
    private static final Set<String> SORTABLE = Set.of("name", "price", "created_at");
    private final JdbcTemplate jdbc;

    public ProductController(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    @GetMapping("/products")
    public List<String> list(@RequestParam long shopId, @RequestParam(defaultValue = "name") String sort) {
        String column = SORTABLE.contains(sort) ? sort : "name";
        return jdbc.queryForList("SELECT name FROM products WHERE shop_id = ? ORDER BY " + column, String.class, shopId);
    }
}
