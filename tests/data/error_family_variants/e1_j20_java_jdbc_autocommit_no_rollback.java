// want: JAVA-TX-NO-ROLLBACK
package com.acme.wallet;

public class JdbcTransferDao {

    private final DataSource dataSource;

    public JdbcTransferDao(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void transfer(long from, long to, long cents) throws SQLException {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try (PreparedStatement debit = conn.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
                 PreparedStatement credit = conn.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                debit.setLong(1, cents);
                debit.setLong(2, from);
                debit.executeUpdate();
                credit.setLong(1, cents);
                credit.setLong(2, to);
                credit.executeUpdate();
            }
            conn.commit();
        }
    }
}
