// Fixture for the Java resource-leak check and URLConnection timeouts, which read whole methods.
// `// expect: ID` marks the line a finding must land on.
package app.orders;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

public class OrderRepository {
    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<String> names() throws SQLException {
        Connection conn = dataSource.getConnection(); // expect: JAVA-RESOURCE-LEAK
        PreparedStatement ps = conn.prepareStatement("SELECT name FROM orders");
        ResultSet rs = ps.executeQuery();
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(1));
        }
        return out;
    }

    public int count() throws SQLException {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM orders")) {
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    public void archive(long id) throws SQLException {
        Connection conn = null;
        try {
            conn = dataSource.getConnection();
            conn.setAutoCommit(false);
            conn.commit();
        } finally {
            if (conn != null) {
                conn.close();
            }
        }
    }

    public Connection begin() throws SQLException {
        Connection conn = dataSource.getConnection();
        conn.setAutoCommit(false);
        return conn;
    }

    String firstLine(String path) throws IOException {
        BufferedReader reader = new BufferedReader(new FileReader(path)); // expect: JAVA-RESOURCE-LEAK
        return reader.readLine();
    }

    String prompt() throws IOException {
        BufferedReader console = new BufferedReader(new InputStreamReader(System.in));
        return console.readLine();
    }

    int status(String endpoint) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL(endpoint).openConnection(); // expect: JAVA-HTTP-NO-TIMEOUT
        conn.setRequestMethod("HEAD");
        int code = conn.getResponseCode();
        HttpURLConnection bounded = (HttpURLConnection) new URL(endpoint).openConnection();
        bounded.setConnectTimeout(2000);
        bounded.setReadTimeout(5000);
        return code + bounded.getResponseCode();
    }
}
