// want: JAVA-PATH-TRAVERSAL
package com.acme.api;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StatementController {
    private final Path root;

    public StatementController(@Value("${app.statements-dir}") String dir) {
        this.root = Path.of(dir);
    }

    @GetMapping("/statements")
    public ResponseEntity<Resource> download(@RequestParam String name) {
        return ResponseEntity.ok(new FileSystemResource(root.resolve(name)));
    }
}
