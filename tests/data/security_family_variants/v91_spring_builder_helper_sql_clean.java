// clean: JAVA-SQL-STRING
package com.acme.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditLogController {
    private final JdbcTemplate jdbc;

    public AuditLogController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/audit")
    public List<Map<String, Object>> search(@RequestParam(required = false) String action,
                                            @RequestParam(required = false) String actor) {
        StringBuilder sql = new StringBuilder("SELECT id, actor, action, created_at FROM audit_log WHERE 1=1");
        List<Object> args = new ArrayList<>();
        appendFilters(sql, args, action, actor);
        sql.append(" ORDER BY created_at DESC LIMIT 200");
        return jdbc.queryForList(sql.toString(), args.toArray());
    }

    private void appendFilters(StringBuilder sql, List<Object> args, String action, String actor) {
        if (action != null && !action.isBlank()) {
            sql.append(" AND action = ?");
            args.add(action);
        }
        if (actor != null && !actor.isBlank()) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
    }
}
