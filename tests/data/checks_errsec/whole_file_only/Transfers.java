package a;

class Transfers {
  void transfer(DataSource ds, long from, long to) throws SQLException {
    Connection conn = ds.getConnection();
    conn.setAutoCommit(false); // expect: JAVA-TX-NO-ROLLBACK
    debit(conn.prepareStatement(DEBIT), from);
    conn.commit();
    conn.close();
  }

  void guarded(Connection conn) throws SQLException {
    conn.setAutoCommit(false);
    try {
      conn.createStatement().executeUpdate("UPDATE account SET balance = balance - 1");
      conn.commit();
    } catch (SQLException e) {
      conn.rollback();
      throw e;
    }
  }

  void plain(Connection conn) throws SQLException {
    conn.setAutoCommit(false); // expect: JAVA-TX-NO-ROLLBACK
    conn.createStatement().executeUpdate("UPDATE account SET balance = balance - 1");
    conn.commit();
  }
}
