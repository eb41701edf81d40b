// want: JAVA-PROCESS-EXIT-IGNORED
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
        process.waitFor();
        return storage.put(out);
    }
}
