// want: JAVA-SQL-STRING
package com.acme.api;

public class R {
    public int count(Connection conn, String sort, int limit) throws SQLException {
        String sql = "SELECT id FROM t ORDER BY " + sort + " LIMIT " + limit;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            return ps.executeQuery().getInt(1);
        }
    }
}
