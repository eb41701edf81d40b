// clean: JAVA-PATH-TRAVERSAL
package com.acme.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
public class ReportDownloadController {
    private static final Path ROOT = Paths.get("/srv/reports").toAbsolutePath().normalize();

    @GetMapping("/reports/{name}")
    public ResponseEntity<byte[]> download(@PathVariable String name) throws Exception {
        Path file = ROOT.resolve(name).normalize();
        if (!file.startsWith(ROOT) || !Files.isRegularFile(file)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Files.readAllBytes(file));
    }
}
