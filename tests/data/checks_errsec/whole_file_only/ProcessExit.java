package com.acme.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

public class PosterMaker {
    private final Storage storage;

    public PosterMaker(Storage storage) {
        this.storage = storage;
    }

    public String poster(Path video, Path out) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-i", video.toString(), out.toString()).start();
        process.waitFor(); // expect: JAVA-PROCESS-EXIT-IGNORED
        return storage.put(out);
    }

    public String checked(Path video, Path out) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-i", video.toString(), out.toString()).start();
        if (process.waitFor() != 0) {
            throw new IOException("ffmpeg failed");
        }
        return storage.put(out);
    }

    public String exitValue(Path video, Path out) throws IOException, InterruptedException {
        Process process = Runtime.getRuntime().exec(new String[] {"ffmpeg", "-i", video.toString()});
        process.waitFor();
        if (process.exitValue() != 0) {
            throw new IOException("ffmpeg failed");
        }
        return storage.put(out);
    }

    public Process started(Path video) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-i", video.toString()).start();
        process.waitFor(5, TimeUnit.SECONDS);
        return process;
    }
}
