// Fixture for the Java check on exception details sent to clients. `// expect: ID` marks the line a finding
// must land on.
package app.web;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

public class ErrorAdvice {
    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<String> handle(IllegalStateException ex) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ex.getMessage()); // expect: JAVA-EXCEPTION-LEAK
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<String> badInput(IllegalArgumentException ex) {
        return ResponseEntity.badRequest().body(ex.getMessage());
    }

    void export(HttpServletResponse resp) throws IOException {
        try {
            render(resp);
        } catch (java.sql.SQLException e) {
            resp.setStatus(500);
            resp.getWriter().write("export failed: " + e.getMessage()); // expect: JAVA-EXCEPTION-LEAK
        } catch (IOException e) {
            e.printStackTrace(resp.getWriter()); // expect: JAVA-EXCEPTION-LEAK
        } catch (IllegalStateException e) {
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.toString()); // expect: JAVA-EXCEPTION-LEAK
        } catch (UnsupportedOperationException e) {
            log.warn("export failed", e);
            resp.sendError(500, "export failed");
        }
    }

    @PostMapping("/admin/shutdown")
    public void shutdown(HttpServletResponse resp) {
        System.exit(0); // expect: JAVA-EXIT-IN-HANDLER
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    ResponseEntity<?> create(Order order) {
        try {
            return ResponseEntity.ok(service.create(order));
        } catch (DataAccessException e) {
            return new ResponseEntity<>(e.getMessage(), HttpStatus.INTERNAL_SERVER_ERROR); // expect: JAVA-EXCEPTION-LEAK
        }
    }
}
