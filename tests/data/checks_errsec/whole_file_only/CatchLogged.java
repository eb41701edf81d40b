package a;

class Repo {
  private static final Logger log = LoggerFactory.getLogger(Repo.class);

  void run(String sql) {
    Connection conn = null;
    try {
      conn = dataSource.getConnection();
    } catch (SQLException e) { // expect: JAVA-CATCH-LOGGED-CONTINUES
      log.error("no connection", e);
    }
    conn.prepareStatement(sql);
    conn.close();
  }

  void withFinally(String p) {
    Reader reader = null;
    try {
      reader = open(p);
    } catch (IOException e) { // expect: JAVA-CATCH-LOGGED-CONTINUES
      e.printStackTrace();
    } finally {
      audit();
    }
    reader.read();
  }

  void checked(String sql) {
    Connection conn = null;
    try {
      conn = dataSource.getConnection();
    } catch (SQLException e) {
      log.error("no connection", e);
    }
    if (conn != null) {
      conn.close();
    }
  }

  void rethrows(String sql) {
    Connection conn = null;
    try {
      conn = dataSource.getConnection();
    } catch (SQLException e) {
      log.error("no connection", e);
      throw new IllegalStateException(e);
    }
    conn.close();
  }

  void fallback(String sql) {
    List<String> rows = new ArrayList<>();
    try {
      rows = query(sql);
    } catch (DataAccessException e) {
      log.warn("query failed", e);
    }
    rows.size();
  }

  void reassigned() {
    Config cfg = null;
    try {
      cfg = load();
    } catch (IOException e) {
      LOGGER.warn("defaults", e);
    }
    cfg = cfg == null ? Config.defaults() : cfg;
    cfg.apply();
  }
}
