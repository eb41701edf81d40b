// clean: JAVA-PATH-TRAVERSAL
package com.acme.api;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StatementController {
    private final Path root;

    public StatementController(@Value("${app.statements-dir}") String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
    }

    @GetMapping("/statements/{name}")
    public ResponseEntity<Resource> download(@PathVariable String name) {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(new FileSystemResource(target));
    }
}
