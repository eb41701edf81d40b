// clean: JAVA-COMMAND-INJECTION
package com.acme.media;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

public class Thumbnailer {
    public Path thumbnail(Path source, int width) throws Exception {
        Path out = source.resolveSibling(source.getFileName() + ".thumb.png");
        List<String> cmd = List.of("convert", source.toString() + "[0]", "-thumbnail", Integer.toString(width) + "x", out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("convert failed");
        }
        return out;
    }
}
