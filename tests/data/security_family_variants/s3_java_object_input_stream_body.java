// want: JAVA-UNSAFE-DESERIALIZATION
package com.acme.api;

import java.io.IOException;
import java.io.ObjectInputStream;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SessionImportController {
    @PostMapping("/sessions/import")
    public String importSession(HttpServletRequest request) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            SavedSession session = (SavedSession) in.readObject();
            return session.getId();
        }
    }
}
