// clean: JAVA-BROAD-CATCH
package com.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public class TemplateLoader {
    public String load(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + path, e);
        }
    }
}
