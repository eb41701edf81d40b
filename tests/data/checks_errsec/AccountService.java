// Fixture for persona-review Java checks. `// expect: ID` marks the line a finding must land on.
package example;

import java.io.ObjectInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.net.ssl.SSLContext;

public class AccountService {
    private final Connection conn;

    public void empty() {
        try {
            refresh();
        } catch (IOException e) { // expect: JAVA-EMPTY-CATCH
        }
    }

    public void intentionallyIgnored() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException ignored) {} // expect: JAVA-INTERRUPT-SWALLOWED
    }

    public String broad() {
        try {
            return load();
        } catch (Exception e) { // expect: JAVA-BROAD-CATCH
            log.warn("load failed");
            return "";
        }
    }

    public String broadRethrown() {
        try {
            return load();
        } catch (Exception e) {
            throw new IllegalStateException("load failed", e);
        }
    }

    public void discardedInfo() {
        try {
            load();
        } catch (IOException e) {
            e.getMessage(); // expect: JAVA-EXCEPTION-INFO-DISCARDED
        }
    }

    public ResultSet find(String name) throws Exception {
        Statement stmt = conn.createStatement(); // expect: JAVA-RESOURCE-LEAK
        String sql = "SELECT * FROM accounts WHERE name = '" + name + "'"; // expect: JAVA-SQL-STRING
        return stmt.executeQuery(sql);
    }

    public ResultSet findSafe(String name) throws Exception {
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM accounts WHERE name = ?"); // expect: JAVA-RESOURCE-LEAK
        ps.setString(1, name);
        return ps.executeQuery();
    }

    public void jpql(String status) {
        em.createQuery("SELECT a FROM Account a WHERE a.status = '" + status + "'"); // expect: JAVA-SQL-STRING
        em.createQuery("SELECT a FROM Account a WHERE a.status = :status").setParameter("status", status);
    }

    public void commands(String host) throws Exception {
        Runtime.getRuntime().exec("ping -c 1 " + host); // expect: JAVA-COMMAND-INJECTION
        new ProcessBuilder("sh", "-c", host).start(); // expect: JAVA-COMMAND-INJECTION
        new ProcessBuilder("ping", "-c", "1", host).start();
    }

    public Object read(InputStream in) throws Exception {
        ObjectInputStream ois = new ObjectInputStream(in); // expect: JAVA-UNSAFE-DESERIALIZATION
        return ois.readObject();
    }

    public void tls() throws Exception {
        SSLContext old = SSLContext.getInstance("TLSv1"); // expect: JAVA-TLS-VERIFY-OFF
        SSLContext modern = SSLContext.getInstance("TLSv1.3");
    }

    public byte[] digest(String password) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5"); // expect: JAVA-WEAK-HASH
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return md.digest(password.getBytes());
    }

    public void jwt(String token) {
        DecodedJWT decoded = JWT.decode(token); // expect: JAVA-JWT-UNVERIFIED
        Algorithm algorithm = Algorithm.HMAC256("changeit-signing-key"); // expect: ANY-HARDCODED-SIGNING-KEY
    }

    protected void configure(HttpSecurity http) throws Exception {
        http.csrf().disable(); // expect: JAVA-CSRF-DISABLED
    }

    private static final String DB_PASSWORD = "s3cr3t-Pa55"; // expect: ANY-HARDCODED-PASSWORD
}

class TrustEverything implements X509TrustManager {
    @Override // expect: JAVA-TLS-VERIFY-OFF
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }
}
