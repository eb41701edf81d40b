// want: JAVA-RESOURCE-LEAK
package com.acme.repo;

public class AccountDao {
    public long balance(long id) throws SQLException {
        Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement("SELECT balance FROM accounts WHERE id = ?");
        ps.setLong(1, id);
        ResultSet rs = ps.executeQuery();
        rs.next();
        long b = rs.getLong(1);
        conn.close();
        return b;
    }
}
