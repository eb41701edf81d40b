// clean: JAVA-SQL-STRING
package com.acme.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public class AuditReader {
    public int countRecent(Connection conn, long tenantId, int limit) throws SQLException {
        int capped = Math.min(Math.max(limit, 1), 500);
        String sql = "SELECT count(*) FROM (SELECT id FROM audit_events WHERE tenant_id = ? ORDER BY id DESC LIMIT " + capped + ") t";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
