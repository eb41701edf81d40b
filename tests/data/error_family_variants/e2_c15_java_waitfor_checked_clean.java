// clean: JAVA-PROCESS-EXIT-IGNORED
package com.acme.media;

import java.io.IOException;
import java.nio.file.Path;

public class PosterMaker {
    private final Storage storage;

    public PosterMaker(Storage storage) {
        this.storage = storage;
    }

    public String poster(Path video, Path out) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-y", "-i", video.toString(), "-frames:v", "1", out.toString())
                .redirectErrorStream(true)
                .start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException("ffmpeg exited with " + exit);
        }
        return storage.put(out);
    }
}
