// clean: JAVA-SQL-STRING
package com.acme.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class TicketRepository {
    private final NamedParameterJdbcTemplate jdbc;

    public TicketRepository(NamedParameterJdbcTemplate jdbc) { this.jdbc = jdbc; }

    public List<Map<String, Object>> search(long projectId, String status, String assignee) {
        StringBuilder sql = new StringBuilder("SELECT id, title FROM tickets WHERE project_id = :project");
        Map<String, Object> params = new HashMap<>();
        params.put("project", projectId);
        if (status != null) {
            sql.append(" AND status = :status");
            params.put("status", status);
        }
        if (assignee != null) {
            sql.append(" AND assignee = :assignee");
            params.put("assignee", assignee);
        }
        return jdbc.queryForList(sql.toString(), params);
    }
}
