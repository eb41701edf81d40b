package example.web;

import java.io.File;
import java.io.FileInputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.crypto.Cipher;
import javax.naming.directory.DirContext;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

public class RequestFlows extends HttpServlet {
    private static final String TABLE = "orders";
    private static final Set<String> ALLOWED = Set.of("asc", "desc");
    private static final String NO_DTD = "http://apache.org/xml/features/disallow-doctype-decl";
    private Connection connection;
    private DirContext directory;

    // SQL: request data in the text, and the constant near misses
    void sql(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String id = request.getParameter("id");
        Statement stmt = connection.createStatement(); // expect: JAVA-RESOURCE-LEAK
        stmt.executeQuery("SELECT * FROM " + TABLE + " WHERE id = '" + id + "'"); // expect: JAVA-SQL-STRING
        int limit = 10;
        String picked = limit > 100 ? id : "42";
        stmt.executeQuery("SELECT * FROM " + TABLE + " WHERE id = " + picked);
        String order;
        switch ("B".charAt(0)) {
            case 'A':
                order = id;
                break;
            default:
                order = "created_at";
        }
        stmt.executeQuery("SELECT * FROM " + TABLE + " ORDER BY " + order);
        Map<String, String> columns = new HashMap<>();
        columns.put("user", id);
        columns.put("sort", "name");
        stmt.executeQuery("SELECT * FROM " + TABLE + " ORDER BY " + columns.get("sort"));
        stmt.executeQuery("SELECT * FROM " + tableName() + " WHERE id = 1");
        String direction = request.getParameter("dir");
        if (!ALLOWED.contains(direction)) {
            return;
        }
        stmt.executeQuery("SELECT * FROM " + TABLE + " ORDER BY id " + direction);
        stmt.executeQuery(id); // expect: JAVA-SQL-STRING
    }

    private String tableName() {
        return "archived_" + TABLE;
    }

    // Commands
    void command(HttpServletRequest request) throws Exception {
        String host = request.getHeader("X-Host");
        Runtime.getRuntime().exec(new String[] {"sh", "-c", "ping " + host}); // expect: JAVA-COMMAND-INJECTION
        String tool = "uptime";
        boolean debug = false;
        if (debug) {
            tool = host;
        }
        Runtime.getRuntime().exec(tool);
        new ProcessBuilder("ls", fixedDirectory(host)).start();
    }

    private String fixedDirectory(String ignored) {
        String dir = "/var/data";
        return dir;
    }

    // Paths
    void files(HttpServletRequest request) throws Exception {
        String name = request.getParameter("file");
        new FileInputStream(new File("/srv/uploads", name)); // expect: JAVA-PATH-TRAVERSAL
        Files.readAllBytes(Paths.get("/srv/uploads", org.apache.commons.io.FilenameUtils.getName(name)));
        new File("/srv/uploads/readme.txt");
    }

    // LDAP and XPath
    void lookups(HttpServletRequest request) throws Exception {
        String user = request.getParameter("user");
        directory.search("ou=people", "(uid=" + user + ")", null); // expect: JAVA-LDAP-INJECTION
        directory.search("ou=people", "(uid=admin)", null);
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.evaluate("//user[@name='" + user + "']", null); // expect: JAVA-XPATH-INJECTION
        xpath.evaluate("//user[@name='" + org.owasp.esapi.ESAPI.encoder().encodeForXPath(user) + "']", null);
    }

    // Output, session, redirects, outbound URLs
    void output(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = request.getParameter("q");
        PrintWriter out = response.getWriter();
        out.println("<p>" + q + "</p>"); // expect: JAVA-XSS
        out.println("<p>" + org.owasp.encoder.Encode.forHtml(q) + "</p>");
        response.getWriter().print("<p>results</p>");
        request.getSession().setAttribute("filter", q); // expect: JAVA-SESSION-TRUST
        request.getSession().setAttribute("filter", "default");
        response.sendRedirect(request.getParameter("next")); // expect: JAVA-OPEN-REDIRECT
        response.sendRedirect("/account/" + Integer.parseInt(q)); // expect: JAVA-REQUEST-PARSE-UNGUARDED
        new java.net.URL(request.getParameter("callback")).openStream(); // expect: JAVA-SSRF
        new java.net.URL("https://api.example.com/items/" + q).openStream();
    }

    // Random values as secrets; cookies
    void tokens(HttpServletResponse response) {
        String token = Long.toString(new Random().nextLong()); // expect: JAVA-INSECURE-RANDOM
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        int jitter = new Random().nextInt(100);
        Cookie session = new Cookie("session", token); // expect: JAVA-COOKIE-INSECURE
        response.addCookie(session);
        Cookie safe = new Cookie("theme", "dark");
        safe.setSecure(true);
        safe.setHttpOnly(true);
        response.addCookie(safe);
    }

    // Ciphers and XML parsers
    void crypto() throws Exception {
        Cipher.getInstance("DES/CBC/PKCS5Padding"); // expect: JAVA-WEAK-CIPHER
        Cipher.getInstance("AES/GCM/NoPadding");
        DocumentBuilderFactory open = DocumentBuilderFactory.newInstance(); // expect: JAVA-XXE
        open.newDocumentBuilder();
        DocumentBuilderFactory closed = DocumentBuilderFactory.newInstance();
        closed.setFeature(NO_DTD, true);
        closed.newDocumentBuilder();
    }
}
