// clean: JAVA-TX-NO-ROLLBACK
package com.acme;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

public class LedgerWriter {
    private final DataSource ds;

    public LedgerWriter(DataSource ds) { this.ds = ds; }

    public void post(long account, long cents) throws SQLException {
        try (Connection conn = ds.getConnection()) {
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO ledger (account_id, cents) VALUES (?, ?)")) {
                ps.setLong(1, account);
                ps.setLong(2, cents);
                ps.executeUpdate();
                conn.commit();
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            }
        }
    }
}
