// want: JAVA-COMMAND-INJECTION
package com.acme.reports;

import java.io.IOException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ArchiveController {
    @PostMapping("/api/archive")
    public String archive(@RequestParam String folder) throws IOException, InterruptedException {
        String script = "tar czf /tmp/export.tgz " + folder;
        Process p = new ProcessBuilder("bash", "-c", script).inheritIO().start();
        return "exit " + p.waitFor();
    }
}
